#pragma once
// "Did you mean ...?" suggestions, by optimal-string-alignment edit distance.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace replyc {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a distance that scales with the word's length, if any.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates);

}  // namespace replyc
