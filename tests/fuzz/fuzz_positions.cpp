// Fuzz target: byte offsets to lines and columns (compiler/base/line_index.hpp) and the UTF-8
// helpers, on arbitrary bytes. Checks the invariants every renderer and the language server rely
// on.
#include <algorithm>
#include <string>
#include <string_view>

#include "compiler/base/line_index.hpp"
#include "compiler/base/utf8.hpp"
#include "tests/fuzz/entries.hpp"

namespace replyc::fuzz {
namespace {

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Independent of utf8.cpp: decodes and re-encodes valid text, which must give the same bytes, and
// checks that every code point is a scalar value.
void check_valid_utf8(std::string_view text) {
  std::string again;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t before = i;
    const char32_t cp = utf8::decode(text, i);
    REPLYC_FUZZ_CHECK(i > before && i <= text.size());
    REPLYC_FUZZ_CHECK(i - before ==
                      utf8::sequence_length(static_cast<unsigned char>(text[before])));
    REPLYC_FUZZ_CHECK(cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF));
    const int width = utf8::display_width(cp);
    REPLYC_FUZZ_CHECK(width >= 0 && width <= 2);
    utf8::append(again, cp);
  }
  REPLYC_FUZZ_CHECK(again == text);
}

// Where the first bad sequence is reported, everything before it is valid and it is not empty.
void check_invalid_utf8(std::string_view text, const utf8::Invalid& bad) {
  REPLYC_FUZZ_CHECK(bad.length >= 1 && bad.length <= 4);
  REPLYC_FUZZ_CHECK(bad.offset + bad.length <= text.size());
  REPLYC_FUZZ_CHECK(!utf8::find_invalid(text.substr(0, bad.offset)).has_value());
  // decode() never reads past the end or stands still, whatever the bytes.
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t before = i;
    const char32_t cp = utf8::decode(text, i);
    REPLYC_FUZZ_CHECK(i > before && i <= text.size());
    const int width = utf8::display_width(cp);
    REPLYC_FUZZ_CHECK(width >= 0 && width <= 2);
  }
}

}  // namespace

int positions(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto invalid = utf8::find_invalid(text);
  if (invalid)
    check_invalid_utf8(text, *invalid);
  else
    check_valid_utf8(text);
  const bool valid = !invalid.has_value();

  const LineIndex lines(text);
  const auto newlines = static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n'));
  REPLYC_FUZZ_CHECK(lines.line_count() == newlines + 1);
  for (std::uint32_t line = 0; line < lines.line_count(); ++line) {
    const std::uint32_t start = lines.line_start(line);
    if (line > 0) {
      REPLYC_FUZZ_CHECK(start > lines.line_start(line - 1));
      REPLYC_FUZZ_CHECK(text[start - 1] == '\n');
    }
    REPLYC_FUZZ_CHECK(lines.line_of(start) == line);
    const std::string_view content = lines.line_text(line);
    REPLYC_FUZZ_CHECK(content.data() == text.data() + start);
    REPLYC_FUZZ_CHECK(content.find('\n') == std::string_view::npos);
    const std::size_t end = start + content.size();
    REPLYC_FUZZ_CHECK(end == text.size() || text[end] == '\n' ||
                      (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n'));
    // Columns past the end clamp to the end of the line's text.
    REPLYC_FUZZ_CHECK(lines.offset_of_utf16(line, 0xFFFFFFFFu) == end);
    REPLYC_FUZZ_CHECK(lines.offset_of_utf8(line, 0xFFFFFFFFu) == end);
    REPLYC_FUZZ_CHECK(lines.offset_of_utf16(line, 0) == start);
    REPLYC_FUZZ_CHECK(display_column(content, 0) == 0);
  }
  REPLYC_FUZZ_CHECK(lines.offset_of_utf16(lines.line_count(), 0) == text.size());
  REPLYC_FUZZ_CHECK(lines.offset_of_utf8(lines.line_count(), 0) == text.size());

  // locate() and display_column() are linear in the column: look at every offset of small
  // inputs, at a sample of big ones.
  const std::size_t stride = std::max<std::size_t>(1, text.size() / 64);
  LineColumn previous;
  std::uint32_t previous_offset = 0;
  for (std::size_t o = 0; o <= text.size() + 1; o += (o < text.size() ? stride : 1)) {
    const auto offset = static_cast<std::uint32_t>(o);
    const LineColumn at = lines.locate(offset);
    const std::uint32_t clamped = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(size));
    const std::uint32_t line = at.line - 1;
    REPLYC_FUZZ_CHECK(at.line >= 1 && line < lines.line_count());
    REPLYC_FUZZ_CHECK(line == lines.line_of(clamped));
    REPLYC_FUZZ_CHECK(at.byte_column == clamped - lines.line_start(line));
    REPLYC_FUZZ_CHECK(at.column >= 1 && at.column - 1 <= at.byte_column);
    REPLYC_FUZZ_CHECK(at.utf16 >= at.column - 1 && at.utf16 <= 2 * (at.column - 1));
    if (o > 0) {  // monotonic: lines never go back; within a line, columns never go back
      REPLYC_FUZZ_CHECK(at.line >= previous.line);
      if (at.line == previous.line) {
        REPLYC_FUZZ_CHECK(at.column >= previous.column && at.utf16 >= previous.utf16);
        REPLYC_FUZZ_CHECK(at.byte_column - previous.byte_column == clamped - previous_offset);
      }
    }
    const std::string_view content = lines.line_text(line);
    const std::uint32_t start = lines.line_start(line);
    const std::uint32_t back16 = lines.offset_of_utf16(line, at.utf16);
    const std::uint32_t back8 = lines.offset_of_utf8(line, at.byte_column);
    REPLYC_FUZZ_CHECK(back16 >= start && back16 <= start + content.size());
    REPLYC_FUZZ_CHECK(back8 >= start && back8 <= start + content.size());
    const bool in_content = at.byte_column <= content.size();
    const bool boundary = clamped == text.size() || !is_continuation(text[clamped]);
    if (valid && in_content && boundary) {
      // Round trips: a code point boundary inside the line maps back to itself.
      REPLYC_FUZZ_CHECK(back16 == clamped);
      REPLYC_FUZZ_CHECK(back8 == clamped);
      std::uint32_t expected_column = 1, expected_utf16 = 0;
      for (std::size_t i = start; i < clamped; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (is_continuation(text[i]))
          continue;
        ++expected_column;
        expected_utf16 += c >= 0xF0 ? 2 : 1;
      }
      REPLYC_FUZZ_CHECK(at.column == expected_column && at.utf16 == expected_utf16);
    }
    if (in_content && at.byte_column > 0) {
      REPLYC_FUZZ_CHECK(display_column(content, at.byte_column) >=
                        display_column(content, at.byte_column - 1));
      REPLYC_FUZZ_CHECK(display_column(content, at.byte_column) <= 4 * at.byte_column);
    }
    previous = at;
    previous_offset = clamped;
  }
  return 0;
}

}  // namespace replyc::fuzz
