#pragma once
// Corrections to ICU's sentence breaks for reply text. Each takes the source and a break position
// (the start of the next sentence) and says whether that break is wrong or, for
// after_long_word, whether a break ICU's abbreviation filter dropped is right.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace replyc::policy {

// "Yahoo!ショッピング": a '!' inside a name.
bool inside_brand_name(std::string_view src, std::size_t pos);
// "vom 3. März": a German day number.
bool after_ordinal_date(std::string_view src, std::size_t pos);
// "Amazon. La ...": a full stop after a long word before a capital.
bool after_long_word(std::string_view src, std::size_t pos);
// 「最高!」の一言で, ein „Super!“ von Ihnen, un « Génial ! » de votre part: an exclamation or
// question inside a short quotation that the sentence goes on after.
bool inside_quotation(std::string_view src, std::size_t pos);

// "Leave us a review... ⭐⭐⭐⭐⭐", "Thanks! 😊": a "sentence" of emoji and symbols alone belongs
// to the one before. Removes the breaks (sorted source positions) that start one.
void drop_symbol_only_sentences(std::string_view src, std::vector<std::uint32_t>& bounds);

}  // namespace replyc::policy
