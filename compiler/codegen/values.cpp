#include "compiler/codegen/values.hpp"

#include <regex>

#include "compiler/base/date.hpp"
#include "compiler/base/utf8.hpp"
#include "compiler/codegen/formats.hpp"

namespace replyc::codegen {
namespace {

std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
      ++count;
  }
  return count;
}

std::optional<std::string> check_text(std::string_view raw, std::size_t max_length) {
  if (utf8::find_invalid(raw))
    return "is not valid UTF-8";
  if (raw.find_first_not_of(" \t") == std::string_view::npos)
    return "is empty";
  std::size_t offset = 0;
  while (offset < raw.size()) {
    const char32_t cp = utf8::decode(raw, offset);
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
      return "contains a control character (a line break or tab, say); give one line of text";
  }
  if (code_points(raw) > max_length)
    return "is longer than " + std::to_string(max_length) + " characters";
  return std::nullopt;
}

std::string strip_zeros(const std::string& digits) {
  const auto first = digits.find_first_not_of('0');
  return first == std::string::npos ? "0" : digits.substr(first);
}

}  // namespace

std::variant<ParamValue, std::string> parse_param_value(std::string_view type,
                                                        std::string_view raw) {
  ParamValue value;
  value.raw = std::string(raw);
  const std::string text(raw);
  std::smatch match;
  if (type == "text" || type == "duration" || type == "buyer_name") {
    if (auto problem = check_text(raw, type == "buyer_name" ? 200 : 500))
      return *problem;
    return value;
  }
  if (type == "order_id") {
    static const std::regex pattern("[0-9]{3}-[0-9]{7}-[0-9]{7}");
    if (!std::regex_match(text, pattern))
      return "is not an Amazon order id: 3-7-7 digits, like 114-3941689-8772232";
    return value;
  }
  if (type == "tracking") {
    static const std::regex pattern("[A-Za-z0-9][A-Za-z0-9 -]{2,38}[A-Za-z0-9]");
    if (!std::regex_match(text, pattern))
      return "is not a tracking number: 4 to 40 letters, digits, spaces or hyphens";
    return value;
  }
  if (type == "asin") {
    static const std::regex pattern("[A-Z0-9]{10}");
    if (!std::regex_match(text, pattern))
      return "is not an ASIN: 10 upper-case letters or digits, like B08N5WRWNW";
    return value;
  }
  if (type == "count") {
    static const std::regex pattern("[0-9]{1,15}");
    if (!std::regex_match(text, pattern))
      return "is not a count: a whole number from 0, like 3";
    value.decimal = strip_zeros(text);
    return value;
  }
  if (type == "number") {
    static const std::regex pattern("(-?)([0-9]{1,15})(\\.[0-9]{1,15})?");
    if (!std::regex_match(text, match, pattern))
      return "is not a number: digits with an optional '-' and '.', like 42 or 0.25";
    value.decimal = match[1].str() + strip_zeros(match[2].str()) + match[3].str();
    if (value.decimal == "-0")
      value.decimal = "0";
    return value;
  }
  if (type == "money") {
    static const std::regex pattern("([0-9]{1,15})(?:\\.([0-9]{1,6}))? ([A-Z]{3})");
    if (!std::regex_match(text, match, pattern))
      return "is not an amount of money: the amount, one space and an ISO 4217 currency code, "
             "like 12.99 EUR";
    value.currency = match[3].str();
    if (!is_iso_currency(value.currency))
      return "has currency '" + value.currency + "', which is not an ISO 4217 currency code";
    const auto fraction = match[2].str();
    const int digits = currency_fraction_digits(value.currency);
    if (static_cast<int>(fraction.size()) > digits)
      return "has " + std::to_string(fraction.size()) + " decimals; " + value.currency + " has " +
             std::to_string(digits);
    value.decimal = strip_zeros(match[1].str()) + (fraction.empty() ? "" : "." + fraction);
    return value;
  }
  if (type == "date") {
    const auto date = parse_iso_date(text);
    if (!date)
      return "is not a date: YYYY-MM-DD, like 2026-12-03";
    value.utc_ms = utc_millis(date->year, date->month, date->day);
    return value;
  }
  if (type == "datetime") {
    static const std::regex pattern(
        "([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?");
    const auto date = std::regex_match(text, match, pattern) ? parse_iso_date(match[1].str())
                                                             : std::optional<CivilDate>();
    const int hour = date ? std::stoi(match[2].str()) : 0;
    const int minute = date ? std::stoi(match[3].str()) : 0;
    const int second = date && match[4].matched ? std::stoi(match[4].str()) : 0;
    if (!date || hour > 23 || minute > 59 || second > 59)
      return "is not a date and time: YYYY-MM-DDTHH:MM, like 2026-12-03T14:30";
    value.utc_ms = utc_millis(date->year, date->month, date->day, hour, minute, second);
    return value;
  }
  return "has type '" + std::string(type) + "', which this replyc does not know";
}

}  // namespace replyc::codegen
