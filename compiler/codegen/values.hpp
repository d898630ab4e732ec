#pragma once
// Param values as a sender gives them (strings), checked against their type before rendering.
#include <string>
#include <string_view>
#include <variant>

namespace replyc::codegen {

struct ParamValue {
  std::string raw;       // exactly as given
  std::string decimal;   // count, number, money: the amount as a plain decimal ("12.99")
  std::string currency;  // money: ISO 4217 code
  double utc_ms = 0;     // date (midnight), datetime (the wall-clock time), as if in UTC
};

// The value, or why it is not one of `type`: "order id must be 3-7-7 digits, like 114-...".
//   text, duration    any text without control characters, at most 500 characters
//   buyer_name        the same, at most 200 characters
//   order_id          ddd-ddddddd-ddddddd
//   tracking          4 to 40 letters, digits, spaces or hyphens, starting and ending alphanumeric
//   asin              10 upper-case letters or digits
//   count             a whole number 0 .. 999999999999999
//   number            a decimal: -12, 3.5 (percent style: 0.25 is 25%)
//   money             "12.99 EUR": a non-negative amount, one space, an ISO 4217 code; no more
//                     decimals than the currency has (JPY none)
//   date              YYYY-MM-DD
//   datetime          YYYY-MM-DDTHH:MM[:SS] (or a space for T): a wall-clock time, no zone
std::variant<ParamValue, std::string> parse_param_value(std::string_view type,
                                                        std::string_view raw);

}  // namespace replyc::codegen
