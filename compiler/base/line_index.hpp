#pragma once
// Maps byte offsets to lines and the columns each consumer wants: code points for humans and
// JSON, UTF-16 units for LSP, terminal cells for drawing carets under CJK text.
#include <cstdint>
#include <string_view>
#include <vector>

namespace replyc {

struct LineColumn {
  std::uint32_t line = 0;         // 1-based
  std::uint32_t column = 0;       // 1-based, in Unicode code points
  std::uint32_t utf16 = 0;        // 0-based, in UTF-16 code units (what LSP calls "character")
  std::uint32_t byte_column = 0;  // 0-based byte offset within the line
};

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  std::uint32_t line_count() const { return static_cast<std::uint32_t>(starts_.size()); }
  // 0-based line containing `offset` (offsets at or past the end map to the last line).
  std::uint32_t line_of(std::uint32_t offset) const;
  std::uint32_t line_start(std::uint32_t line) const { return starts_[line]; }
  // The line's text without its line terminator ("\n" or "\r\n").
  std::string_view line_text(std::uint32_t line) const;

  LineColumn locate(std::uint32_t offset) const;
  // Inverse of the UTF-16 column: clamps to the line's end (LSP clients may send past it).
  std::uint32_t offset_of_utf16(std::uint32_t line, std::uint32_t utf16_column) const;
  std::uint32_t offset_of_utf8(std::uint32_t line, std::uint32_t byte_column) const;

 private:
  std::string_view text_;
  std::vector<std::uint32_t> starts_;
};

// Terminal cells from the start of `line_text` to byte `byte_column`; tabs advance to the next
// multiple of four, as the human renderer prints them.
std::uint32_t display_column(std::string_view line_text, std::uint32_t byte_column);

}  // namespace replyc
