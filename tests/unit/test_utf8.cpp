#include <catch2/catch.hpp>

#include "compiler/base/line_index.hpp"
#include "compiler/base/utf8.hpp"

using namespace replyc;

TEST_CASE("valid UTF-8 of every length passes", "[utf8]") {
  CHECK_FALSE(utf8::find_invalid("plain ASCII").has_value());
  CHECK_FALSE(utf8::find_invalid("Grüße 日本 😀").has_value());
}

TEST_CASE("ill-formed UTF-8 is found where it starts", "[utf8]") {
  struct Case {
    std::string text;
    std::size_t offset;
  };
  const Case cases[] = {
      {"ab\x80", 2},             // stray continuation byte
      {"a\xC0\x80", 1},          // overlong NUL
      {"a\xE0\x80\x80", 1},      // overlong three-byte
      {"a\xF0\x80\x80\x80", 1},  // overlong four-byte
      {"a\xED\xA0\x80", 1},      // UTF-16 surrogate
      {"a\xF4\x90\x80\x80", 1},  // beyond U+10FFFF
      {"abc\xE6\x97", 3},        // truncated at end of input
      {"abc\xE6\x97x", 3},       // truncated before ASCII
      {"\xFF", 0},               // never valid
  };
  for (const auto& c : cases) {
    const auto bad = utf8::find_invalid(c.text);
    REQUIRE(bad.has_value());
    CHECK(bad->offset == c.offset);
  }
}

TEST_CASE("display width follows East Asian width", "[utf8]") {
  CHECK(utf8::display_width(U'a') == 1);
  CHECK(utf8::display_width(U'é') == 1);
  CHECK(utf8::display_width(U'日') == 2);
  CHECK(utf8::display_width(U'，') == 2);
  CHECK(utf8::display_width(U'\u0301') == 0);  // combining acute accent
  CHECK(utf8::display_width(U'\u200B') == 0);  // zero width space
  CHECK(utf8::display_width(U'😀') == 2);
}

TEST_CASE("line index gives code point, UTF-16 and display columns", "[positions]") {
  // 2-, 3- and 4-byte characters before the target "X" on line 2.
  const std::string text = "first\né日😀X\n";
  const LineIndex index(text);
  const auto x = static_cast<std::uint32_t>(text.find('X'));
  const auto at = index.locate(x);
  CHECK(at.line == 2);
  CHECK(at.column == 4);       // é, 日, 😀 are three code points
  CHECK(at.utf16 == 4);        // 😀 takes two UTF-16 units
  CHECK(at.byte_column == 9);  // 2 + 3 + 4 bytes
  CHECK(display_column(index.line_text(1), at.byte_column) == 5);  // 1 + 2 + 2 cells
  CHECK(index.offset_of_utf16(1, 4) == x);
  CHECK(index.offset_of_utf16(1, 99) == x + 1);  // clamped to the end of the line
}

TEST_CASE("CRLF is not part of the line text", "[positions]") {
  const std::string text = "one\r\ntwo\r\n";
  const LineIndex index(text);
  CHECK(index.line_text(0) == "one");
  CHECK(index.line_text(1) == "two");
  CHECK(index.locate(5).line == 2);
  CHECK(index.locate(5).column == 1);
}

TEST_CASE("tabs advance the display column to the next multiple of four", "[positions]") {
  CHECK(display_column("\tx", 1) == 4);
  CHECK(display_column("ab\tx", 3) == 4);
  CHECK(display_column("abcd\tx", 5) == 8);
}

TEST_CASE("a missing final newline still locates the last line", "[positions]") {
  const std::string text = "a\nlast";
  const LineIndex index(text);
  CHECK(index.line_count() == 2);
  CHECK(index.locate(static_cast<std::uint32_t>(text.size())).line == 2);
  CHECK(index.locate(static_cast<std::uint32_t>(text.size())).column == 5);
}
