#pragma once
// ISO calendar dates (YYYY-MM-DD) as used in `valid:` windows; no time zones involved.
#include <optional>
#include <string>
#include <string_view>

namespace replyc {

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
  std::string to_string() const;
};

// A real calendar date in strict YYYY-MM-DD form; nullopt otherwise (2026-02-30 included).
std::optional<CivilDate> parse_iso_date(std::string_view text);

// Today's date in UTC, or REPLYC_TODAY when set (for reproducible runs and tests).
std::string today_iso();

}  // namespace replyc
