#pragma once
// Writes parts as an ICU MessageFormat (MF1) pattern that ICU4C/ICU4J and formatjs read alike.
//
// Quoting: every apostrophe is doubled (''), so the pattern means the same under ICU's
// DOUBLE_OPTIONAL and DOUBLE_REQUIRED apostrophe modes; a run of '{', '}' and, directly inside a
// plural branch, '#' is quoted as '{}' (apostrophes within the run doubled inside the quotes).
// Nothing else is quoted.
//
// Arguments (docs/bundle.md, "ICU arguments"):
//   text, buyer_name, order_id, tracking, asin, duration   {p}                   the string
//   count, number                                          {p, number[, integer|percent]}
//   date                                                   {p, date, ::yMMMMd}   UTC midnight
//   datetime   date and time joined by the locale's CLDR glue: {p, date, ::...} {p, time, short}
//   money      {p__symbol} / {p__code} / {p__name}: the amount formatted with its currency
//   selects on a string type select on {p}; on any other type on {p__select} (the raw value)
//   an absent optional param is "none" in {p} (string types) or {p__select} (other types)
#include <string>
#include <string_view>
#include <vector>

#include "compiler/codegen/model.hpp"

namespace replyc::codegen {

// text, buyer_name, order_id, tracking, asin, duration: passed to ICU as strings.
bool is_string_type(std::string_view type);

// The ICU argument a select on `param` reads: the param itself for string types, else
// `<param>__select`.
std::string select_argument(std::string_view param, std::string_view type);
// The ICU argument carrying a money param formatted in `style` ("" = symbol).
std::string money_argument(std::string_view param, std::string_view style);

// `params` gives types and which params are optional; `locale` picks the date-time glue.
std::string write_icu(const Parts& parts, const std::vector<ParamInfo>& params,
                      std::string_view locale);

// Quotes literal text for a pattern; `in_plural` when directly inside a plural branch.
std::string quote_icu_literal(std::string_view text, bool in_plural);

}  // namespace replyc::codegen
