#pragma once
// Formats a bundle's ICU patterns with ICU4C's own MessageFormat, passing the ICU arguments as
// docs/bundle.md describes them. A check, independent of the parts renderer, that the patterns
// mean what the parts mean under ICU's reading of them (quoting included).
#include <unicode/msgfmt.h>
#include <unicode/timezone.h>

#include <memory>
#include <string>
#include <vector>

#include "compiler/codegen/formats.hpp"
#include "compiler/codegen/icu_pattern.hpp"
#include "compiler/codegen/render.hpp"

namespace bundle_test {

struct IcuArgument {
  std::string name;
  icu::Formattable value;
};

inline std::vector<IcuArgument> icu_arguments(const replyc::codegen::Template& templ,
                                              const std::string& locale,
                                              const replyc::codegen::Values& values) {
  using namespace replyc::codegen;
  std::vector<IcuArgument> args;
  auto text = [](const std::string& s) {
    return icu::Formattable(icu::UnicodeString::fromUTF8(s));
  };
  for (const auto& param : templ.params) {
    const auto it = values.find(param.name);
    const std::string select = select_argument(param.name, param.type);
    if (it == values.end()) {
      args.push_back({select, text("none")});
      continue;
    }
    const ParamValue& value = it->second;
    args.push_back({select, text(value.raw)});
    if (param.type == "count" || param.type == "number") {
      UErrorCode status = U_ZERO_ERROR;
      args.push_back({param.name, icu::Formattable(value.decimal.c_str(), status)});
    } else if (param.type == "date" || param.type == "datetime") {
      args.push_back({param.name, icu::Formattable(value.utc_ms, icu::Formattable::kIsDate)});
    } else if (param.type == "money") {
      for (const char* style : {"symbol", "code", "name"})
        args.push_back({money_argument(param.name, style),
                        text(format_money(locale, value.decimal, value.currency, style))});
    }
  }
  return args;
}

// The formatted text, or "ICU ERROR: <name>".
inline std::string icu4c_format(const std::string& pattern, const std::string& locale,
                                const std::vector<IcuArgument>& args) {
  // Dates are formatted in UTC; MessageFormat's date formats take the default zone.
  std::unique_ptr<icu::TimeZone> saved(icu::TimeZone::createDefault());
  icu::TimeZone::adoptDefault(icu::TimeZone::createTimeZone("UTC"));
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale icu_locale = icu::Locale::forLanguageTag(locale, status);
  icu::MessageFormat format(icu::UnicodeString::fromUTF8(pattern), icu_locale, status);
  std::string out;
  if (U_SUCCESS(status)) {
    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    for (const auto& arg : args) {
      names.push_back(icu::UnicodeString::fromUTF8(arg.name));
      values.push_back(arg.value);
    }
    icu::UnicodeString result;
    format.format(names.data(), values.data(), static_cast<int32_t>(values.size()), result, status);
    result.toUTF8String(out);
  }
  icu::TimeZone::adoptDefault(saved.release());
  if (U_FAILURE(status))
    return std::string("ICU ERROR: ") + u_errorName(status);
  return out;
}

}  // namespace bundle_test
