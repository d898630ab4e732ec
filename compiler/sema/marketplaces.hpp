#pragma once
// Amazon marketplaces and the languages a buyer there may be answered in.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace replyc::sema {

struct Marketplace {
  std::string_view code;                    // "DE"
  std::vector<std::string_view> languages;  // "de"; the first is the main language
};

std::span<const Marketplace> all_marketplaces();
const Marketplace* find_marketplace(std::string_view code);
std::vector<std::string> marketplace_codes();

}  // namespace replyc::sema
