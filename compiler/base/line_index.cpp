#include "compiler/base/line_index.hpp"

#include <algorithm>

#include "compiler/base/utf8.hpp"

namespace replyc {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n')
      starts_.push_back(i + 1);
  }
}

std::uint32_t LineIndex::line_of(std::uint32_t offset) const {
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<std::uint32_t>(it - starts_.begin()) - 1;
}

std::string_view LineIndex::line_text(std::uint32_t line) const {
  const std::uint32_t begin = starts_[line];
  std::uint32_t end =
      line + 1 < starts_.size() ? starts_[line + 1] - 1 : static_cast<std::uint32_t>(text_.size());
  // Only "\r\n" ends a line: a lone '\r' at the end of the text is part of the last line.
  if (end > begin && line + 1 < starts_.size() && text_[end - 1] == '\r')
    --end;
  return text_.substr(begin, end - begin);
}

LineColumn LineIndex::locate(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  const std::uint32_t line = line_of(offset);
  LineColumn result;
  result.line = line + 1;
  result.byte_column = offset - starts_[line];
  std::size_t i = starts_[line];
  std::uint32_t column = 0, utf16 = 0;
  while (i < offset) {
    const char32_t cp = utf8::decode(text_, i);
    ++column;
    utf16 += static_cast<std::uint32_t>(utf8::utf16_length(cp));
  }
  result.column = column + 1;
  result.utf16 = utf16;
  return result;
}

std::uint32_t LineIndex::offset_of_utf16(std::uint32_t line, std::uint32_t utf16_column) const {
  if (line >= starts_.size())
    return static_cast<std::uint32_t>(text_.size());
  const std::string_view content = line_text(line);
  std::size_t i = 0;
  std::uint32_t units = 0;
  while (i < content.size() && units < utf16_column) {
    const char32_t cp = utf8::decode(content, i);
    units += static_cast<std::uint32_t>(utf8::utf16_length(cp));
  }
  return starts_[line] + static_cast<std::uint32_t>(i);
}

std::uint32_t LineIndex::offset_of_utf8(std::uint32_t line, std::uint32_t byte_column) const {
  if (line >= starts_.size())
    return static_cast<std::uint32_t>(text_.size());
  const std::string_view content = line_text(line);
  std::size_t column = std::min<std::size_t>(byte_column, content.size());
  // Never land inside a multi-byte sequence.
  while (column > 0 && column < content.size() && (content[column] & 0xC0) == 0x80)
    --column;
  return starts_[line] + static_cast<std::uint32_t>(column);
}

std::uint32_t display_column(std::string_view line_text, std::uint32_t byte_column) {
  std::size_t i = 0;
  std::uint32_t cells = 0;
  const std::size_t end = std::min<std::size_t>(byte_column, line_text.size());
  while (i < end) {
    const char32_t cp = utf8::decode(line_text, i);
    if (cp == '\t') {
      cells = (cells / 4 + 1) * 4;
    } else {
      cells += static_cast<std::uint32_t>(utf8::display_width(cp));
    }
  }
  return cells;
}

}  // namespace replyc
