#include "compiler/base/utf8.hpp"

#include <unicode/uchar.h>

namespace replyc::utf8 {

std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80)
    return 1;
  if (lead >= 0xC2 && lead <= 0xDF)
    return 2;
  if (lead >= 0xE0 && lead <= 0xEF)
    return 3;
  if (lead >= 0xF0 && lead <= 0xF4)
    return 4;
  return 1;
}

std::optional<Invalid> find_invalid(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = sequence_length(c);
    if (len == 1)
      return Invalid{i, 1};
    // Allowed range of the second byte (Unicode Table 3-7) rules out overlongs and surrogates.
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xE0)
      lo = 0xA0;
    if (c == 0xED)
      hi = 0x9F;
    if (c == 0xF0)
      lo = 0x90;
    if (c == 0xF4)
      hi = 0x8F;
    if (i + 1 >= n || s[i + 1] < lo || s[i + 1] > hi)
      return Invalid{i, 1};
    for (std::size_t k = 2; k < len; ++k) {
      if (i + k >= n || (s[i + k] & 0xC0) != 0x80)
        return Invalid{i, k};
    }
    i += len;
  }
  return std::nullopt;
}

char32_t decode(std::string_view text, std::size_t& offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char c = s[offset];
  const std::size_t len = sequence_length(c);
  bool well_formed = len > 1 && offset + len <= text.size();
  for (std::size_t k = 1; well_formed && k < len; ++k)
    well_formed = (s[offset + k] & 0xC0) == 0x80;
  if (!well_formed) {  // invalid input: one byte, one (replacement) character
    ++offset;
    return c;
  }
  char32_t cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k)
    cp = (cp << 6) | (s[offset + k] & 0x3F);
  offset += len;
  return cp;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int display_width(char32_t cp) {
  const auto c = static_cast<UChar32>(cp);
  if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF)
    return 0;
  const auto category = u_charType(c);
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR)
    return 0;
  const auto width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  if (width == U_EA_WIDE || width == U_EA_FULLWIDTH)
    return 2;
  if (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION))
    return 2;
  return 1;
}

}  // namespace replyc::utf8
