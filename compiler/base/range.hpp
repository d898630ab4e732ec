#pragma once
// Positions are byte offsets into a file's text; line/column are computed only when rendering.
#include <cstdint>

namespace replyc {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0xFFFFFFFFu;

struct ByteRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  constexpr std::uint32_t size() const { return end - begin; }
  constexpr bool contains(std::uint32_t offset) const { return begin <= offset && offset < end; }
  friend constexpr bool operator==(ByteRange, ByteRange) = default;
};

struct Location {
  FileId file = kNoFile;
  ByteRange range;

  constexpr bool valid() const { return file != kNoFile; }
  friend constexpr bool operator==(const Location&, const Location&) = default;
};

}  // namespace replyc
