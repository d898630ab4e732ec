#pragma once
// Locale formatting through ICU, shared by the ICU pattern writer and the reference renderer so
// that both give the same text: date skeletons, the date-time glue, numbers, money.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replyc::codegen {

// Right-to-left script (ar, he, fa, ur, ...): inserted values are bidi-isolated.
bool is_rtl_locale(std::string_view tag);

// The ICU date skeleton for a `date` style (and for the date half of a `datetime` style):
// short yyMd, medium (the default) yMMMd, long yMMMMd, full yMMMMEEEEd.
std::string_view date_skeleton(std::string_view style);

// How a `datetime` joins its date and its time in this locale, from CLDR ("{1}, {0}" for en
// medium, "{1} 'at' {0}" for en long): literal text plus the markers below.
struct GluePiece {
  enum class Kind { Literal, Date, Time };
  Kind kind = Kind::Literal;
  std::string text;
};
std::vector<GluePiece> datetime_glue(std::string_view tag, std::string_view style);

// Formatting of already validated values. Dates are calendar dates; date-times are wall-clock
// times. Both are formatted in UTC so that no time zone shifts them.
double utc_millis(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);
std::string format_date(std::string_view tag, double utc_ms, std::string_view style);
std::string format_time_short(std::string_view tag, double utc_ms);
std::string format_datetime(std::string_view tag, double utc_ms, std::string_view style);
// `decimal` is a plain decimal string ("1234.5"). style: "" (plain), "integer" or "percent".
std::string format_number(std::string_view tag, std::string_view decimal, std::string_view style);
// style: "symbol" (default), "code" or "name".
std::string format_money(std::string_view tag, std::string_view decimal, std::string_view currency,
                         std::string_view style);
// The ICU number skeleton format_money uses: "currency/EUR", "currency/EUR unit-width-iso-code".
std::string money_skeleton(std::string_view currency, std::string_view style);

// CLDR plural category of `decimal` in the locale ("one", "other", ...).
std::string plural_category(std::string_view tag, std::string_view decimal);

// ISO 4217 code that ICU knows as a current or past tender; and its usual fraction digits.
bool is_iso_currency(std::string_view code);
int currency_fraction_digits(std::string_view code);

}  // namespace replyc::codegen
