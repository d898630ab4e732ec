#include "compiler/base/date.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

namespace replyc {

std::string CivilDate::to_string() const {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::optional<CivilDate> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9')
        return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const auto year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  if (!year || !month || !day)
    return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{*year},
                                        std::chrono::month{static_cast<unsigned>(*month)},
                                        std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok())
    return std::nullopt;
  return CivilDate{*year, *month, *day};
}

std::string today_iso() {
  if (const char* fixed = std::getenv("REPLYC_TODAY"); fixed && parse_iso_date(fixed))
    return fixed;
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{now};
  return CivilDate{static_cast<int>(ymd.year()),
                   static_cast<int>(static_cast<unsigned>(ymd.month())),
                   static_cast<int>(static_cast<unsigned>(ymd.day()))}
      .to_string();
}

}  // namespace replyc
