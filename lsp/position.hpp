#pragma once
// LSP positions (0-based line, column in the negotiated encoding) and their conversion to byte
// offsets through a LineIndex. Lines end at "\n"; a "\r" before it is part of the terminator.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "compiler/base/line_index.hpp"

namespace replyc::lsp {

enum class PositionEncoding { kUtf16, kUtf8 };

// "utf-16" or "utf-8", as LSP spells PositionEncodingKind.
std::string_view encoding_name(PositionEncoding encoding);

struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
  friend bool operator==(const Position&, const Position&) = default;
  friend auto operator<=>(const Position&, const Position&) = default;
};

struct Range {
  Position start;
  Position end;
  friend bool operator==(const Range&, const Range&) = default;
};

// Byte offset of `position`. Out-of-range positions clamp: a column past the end of its line
// means the end of the line (before its terminator), a line past the last means the end of the
// text. A UTF-8 column inside a multi-byte character moves to its start; a UTF-16 column inside
// a surrogate pair moves past the character.
std::uint32_t offset_at(const LineIndex& lines, Position position, PositionEncoding encoding);

// Position of a byte offset (clamped to the text).
Position position_at(const LineIndex& lines, std::uint32_t offset, PositionEncoding encoding);

nlohmann::json to_json(Position position);
nlohmann::json to_json(Range range);

}  // namespace replyc::lsp
