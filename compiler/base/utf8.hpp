#pragma once
// UTF-8 helpers: validation that reports where a file goes wrong, decoding, and the width a
// character takes in a terminal (CJK is two columns, combining marks none).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace replyc::utf8 {

struct Invalid {
  std::size_t offset;  // first byte of the bad sequence
  std::size_t length;  // bytes that belong to it (at least 1)
};

// The first ill-formed sequence (overlong, surrogate, > U+10FFFF, truncated, stray continuation).
std::optional<Invalid> find_invalid(std::string_view text);

// Decodes the code point at `offset` of valid UTF-8; returns it and advances `offset`.
char32_t decode(std::string_view text, std::size_t& offset);

// Length in bytes of the sequence introduced by `lead` (1 for ASCII or an invalid lead).
std::size_t sequence_length(unsigned char lead);

void append(std::string& out, char32_t cp);

// Terminal columns a code point occupies: 0 (combining, zero-width), 1 or 2 (East Asian wide).
int display_width(char32_t cp);

// Number of UTF-16 code units of a code point.
constexpr int utf16_length(char32_t cp) {
  return cp >= 0x10000 ? 2 : 1;
}

}  // namespace replyc::utf8
