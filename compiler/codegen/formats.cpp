#include "compiler/codegen/formats.hpp"

#include <unicode/datefmt.h>
#include <unicode/dtptngen.h>
#include <unicode/locid.h>
#include <unicode/numberformatter.h>
#include <unicode/numfmt.h>
#include <unicode/plurrule.h>
#include <unicode/timezone.h>
#include <unicode/ucurr.h>
#include <unicode/uenum.h>

#include <memory>
#include <set>

namespace replyc::codegen {
namespace {

icu::Locale to_locale(std::string_view tag) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(std::string(tag), status);
  if (U_FAILURE(status))
    return icu::Locale::getRoot();
  return locale;
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

icu::UnicodeString from_utf8(std::string_view text) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string format_with(icu::DateFormat* format, double utc_ms) {
  if (format == nullptr)
    return {};
  format->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
  icu::UnicodeString out;
  format->format(utc_ms, out);
  return to_utf8(out);
}

std::string format_decimal(icu::NumberFormat* format, std::string_view decimal) {
  if (format == nullptr)
    return std::string(decimal);
  UErrorCode status = U_ZERO_ERROR;
  icu::Formattable number(icu::StringPiece(decimal.data(), static_cast<int32_t>(decimal.size())),
                          status);
  if (U_FAILURE(status))
    return std::string(decimal);
  icu::UnicodeString out;
  format->format(number, out, status);
  return U_FAILURE(status) ? std::string(decimal) : to_utf8(out);
}

UDateFormatStyle glue_style(std::string_view style) {
  if (style == "short")
    return UDAT_SHORT;
  if (style == "long")
    return UDAT_LONG;
  if (style == "full")
    return UDAT_FULL;
  return UDAT_MEDIUM;
}

}  // namespace

bool is_rtl_locale(std::string_view tag) {
  return to_locale(tag).isRightToLeft();
}

std::string_view date_skeleton(std::string_view style) {
  if (style == "short")
    return "yyMd";
  if (style == "long")
    return "yMMMMd";
  if (style == "full")
    return "yMMMMEEEEd";
  return "yMMMd";
}

std::vector<GluePiece> datetime_glue(std::string_view tag, std::string_view style) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateTimePatternGenerator> generator(
      icu::DateTimePatternGenerator::createInstance(to_locale(tag), status));
  std::string pattern = "{1} {0}";
  if (U_SUCCESS(status) && generator) {
    const icu::UnicodeString& glue = generator->getDateTimeFormat(glue_style(style), status);
    if (U_SUCCESS(status))
      pattern = to_utf8(glue);
  }
  // A SimpleDateFormat-style pattern: '...' quotes literal text, '' is an apostrophe.
  std::vector<GluePiece> pieces;
  auto literal = [&](char c) {
    if (pieces.empty() || pieces.back().kind != GluePiece::Kind::Literal)
      pieces.push_back({GluePiece::Kind::Literal, {}});
    pieces.back().text += c;
  };
  bool quoted = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\'') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
        literal('\'');
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (!quoted && c == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' &&
               (pattern[i + 1] == '0' || pattern[i + 1] == '1')) {
      pieces.push_back({pattern[i + 1] == '1' ? GluePiece::Kind::Date : GluePiece::Kind::Time, {}});
      i += 2;
    } else {
      literal(c);
    }
  }
  return pieces;
}

double utc_millis(int year, int month, int day, int hour, int minute, int second) {
  // Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const long long days = static_cast<long long>(era) * 146097 + doe - 719468;
  const long long seconds = days * 86400 + hour * 3600 + minute * 60 + second;
  return static_cast<double>(seconds) * 1000.0;
}

std::string format_date(std::string_view tag, double utc_ms, std::string_view style) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateFormat> format(icu::DateFormat::createInstanceForSkeleton(
      from_utf8(date_skeleton(style)), to_locale(tag), status));
  return U_FAILURE(status) ? std::string() : format_with(format.get(), utc_ms);
}

std::string format_time_short(std::string_view tag, double utc_ms) {
  std::unique_ptr<icu::DateFormat> format(
      icu::DateFormat::createTimeInstance(icu::DateFormat::kShort, to_locale(tag)));
  return format_with(format.get(), utc_ms);
}

std::string format_datetime(std::string_view tag, double utc_ms, std::string_view style) {
  std::string out;
  for (const auto& piece : datetime_glue(tag, style)) {
    switch (piece.kind) {
      case GluePiece::Kind::Literal:
        out += piece.text;
        break;
      case GluePiece::Kind::Date:
        out += format_date(tag, utc_ms, style);
        break;
      case GluePiece::Kind::Time:
        out += format_time_short(tag, utc_ms);
        break;
    }
  }
  return out;
}

std::string format_number(std::string_view tag, std::string_view decimal, std::string_view style) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = to_locale(tag);
  std::unique_ptr<icu::NumberFormat> format(
      style == "percent" ? icu::NumberFormat::createPercentInstance(locale, status)
                         : icu::NumberFormat::createInstance(locale, status));
  if (U_FAILURE(status))
    return std::string(decimal);
  if (style == "integer")
    format->setMaximumFractionDigits(0);
  return format_decimal(format.get(), decimal);
}

std::string money_skeleton(std::string_view currency, std::string_view style) {
  std::string skeleton = "currency/" + std::string(currency);
  if (style == "code")
    skeleton += " unit-width-iso-code";
  else if (style == "name")
    skeleton += " unit-width-full-name";
  return skeleton;
}

std::string format_money(std::string_view tag, std::string_view decimal, std::string_view currency,
                         std::string_view style) {
  UErrorCode status = U_ZERO_ERROR;
  const auto formatter =
      icu::number::NumberFormatter::forSkeleton(from_utf8(money_skeleton(currency, style)), status)
          .locale(to_locale(tag));
  if (U_FAILURE(status))
    return std::string(decimal) + " " + std::string(currency);
  const auto formatted = formatter.formatDecimal(
      icu::StringPiece(decimal.data(), static_cast<int32_t>(decimal.size())), status);
  if (U_FAILURE(status))
    return std::string(decimal) + " " + std::string(currency);
  return to_utf8(formatted.toString(status));
}

std::string plural_category(std::string_view tag, std::string_view decimal) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = to_locale(tag);
  std::unique_ptr<icu::PluralRules> rules(
      icu::PluralRules::forLocale(locale, UPLURAL_TYPE_CARDINAL, status));
  if (U_FAILURE(status) || !rules)
    return "other";
  const auto formatted = icu::number::NumberFormatter::withLocale(locale).formatDecimal(
      icu::StringPiece(decimal.data(), static_cast<int32_t>(decimal.size())), status);
  if (U_FAILURE(status))
    return "other";
  const icu::UnicodeString keyword = rules->select(formatted, status);
  return U_FAILURE(status) ? std::string("other") : to_utf8(keyword);
}

bool is_iso_currency(std::string_view code) {
  static const std::set<std::string, std::less<>> codes = [] {
    std::set<std::string, std::less<>> all;
    UErrorCode status = U_ZERO_ERROR;
    UEnumeration* list = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
    if (U_FAILURE(status))
      return all;
    const char* code_text = nullptr;
    while ((code_text = uenum_next(list, nullptr, &status)) != nullptr && U_SUCCESS(status))
      all.insert(code_text);
    uenum_close(list);
    return all;
  }();
  return codes.count(code) != 0;
}

int currency_fraction_digits(std::string_view code) {
  icu::UnicodeString text = from_utf8(code);
  UErrorCode status = U_ZERO_ERROR;
  const int32_t digits = ucurr_getDefaultFractionDigits(text.getTerminatedBuffer(), &status);
  return U_FAILURE(status) ? 2 : digits;
}

}  // namespace replyc::codegen
