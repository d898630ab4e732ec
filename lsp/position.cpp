#include "lsp/position.hpp"

namespace replyc::lsp {

std::string_view encoding_name(PositionEncoding encoding) {
  return encoding == PositionEncoding::kUtf8 ? "utf-8" : "utf-16";
}

std::uint32_t offset_at(const LineIndex& lines, Position position, PositionEncoding encoding) {
  return encoding == PositionEncoding::kUtf8
             ? lines.offset_of_utf8(position.line, position.character)
             : lines.offset_of_utf16(position.line, position.character);
}

Position position_at(const LineIndex& lines, std::uint32_t offset, PositionEncoding encoding) {
  const LineColumn location = lines.locate(offset);
  return Position{location.line - 1,
                  encoding == PositionEncoding::kUtf8 ? location.byte_column : location.utf16};
}

nlohmann::json to_json(Position position) {
  return nlohmann::json{{"line", position.line}, {"character", position.character}};
}

nlohmann::json to_json(Range range) {
  return nlohmann::json{{"start", to_json(range.start)}, {"end", to_json(range.end)}};
}

}  // namespace replyc::lsp
