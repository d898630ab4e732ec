// Random incremental edits through the DocumentStore against a plain model: a std::u16string
// edited in UTF-16 units, or a std::string edited in bytes. Lines end at '\n'; a '\r' before it
// belongs to the terminator; columns past a line's end clamp to it, lines past the last clamp
// to the end of the text (the LSP rules as the store implements them).
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "lsp/document_store.hpp"

namespace replyc::lsp {
namespace {

std::u16string to_utf16(std::string_view utf8) {
  std::u16string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t cp = length == 1 ? lead : static_cast<char32_t>(lead & (0x7F >> length));
    for (std::size_t k = 1; k < length; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    }
    if (cp >= 0x10000) {
      out += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
    i += length;
  }
  return out;
}

std::string to_utf8(std::u16string_view utf16) {
  std::string out;
  for (std::size_t i = 0; i < utf16.size(); ++i) {
    char32_t cp = utf16[i];
    if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < utf16.size()) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (utf16[++i] - 0xDC00);
    }
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
  return out;
}

// The model: text in code units of the encoding (char16_t for UTF-16, char for UTF-8).
template <typename String>
class Model {
 public:
  using Char = typename String::value_type;
  String text;

  std::vector<std::size_t> line_starts() const {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == Char('\n'))
        starts.push_back(i + 1);
    }
    return starts;
  }

  // [begin, end) of a line's content, without "\n" or "\r\n".
  std::pair<std::size_t, std::size_t> content(std::size_t line) const {
    const auto starts = line_starts();
    const std::size_t begin = starts[line];
    std::size_t end = line + 1 < starts.size() ? starts[line + 1] - 1 : text.size();
    if (end > begin && text[end - 1] == Char('\r'))
      --end;
    return {begin, end};
  }

  std::size_t offset(Position position) const {
    if (position.line >= line_starts().size())
      return text.size();
    const auto [begin, end] = content(position.line);
    return begin + std::min<std::size_t>(position.character, end - begin);
  }

  bool is_boundary(std::size_t i) const {
    if (i == 0 || i >= text.size())
      return true;
    const auto unit = static_cast<std::uint32_t>(text[i]);
    if constexpr (sizeof(Char) == 2)
      return !(unit >= 0xDC00 && unit < 0xE000);
    return (unit & 0xC0) != 0x80;
  }
};

std::uint32_t pick(std::mt19937& random, std::uint32_t bound) {
  return static_cast<std::uint32_t>(random() % bound);
}

template <typename String>
Position random_position(const Model<String>& model, std::mt19937& random) {
  const auto lines = static_cast<std::uint32_t>(model.line_starts().size());
  const std::uint32_t line = pick(random, 10) == 0 ? lines + pick(random, 3) : pick(random, lines);
  if (line >= lines)
    return Position{line, pick(random, 5)};
  const auto [begin, end] = model.content(line);
  const auto length = static_cast<std::uint32_t>(end - begin);
  if (pick(random, 8) == 0)
    return Position{line, length + 1 + pick(random, 4)};
  std::uint32_t character = pick(random, length + 1);
  while (!model.is_boundary(begin + character))
    --character;
  return Position{line, character};
}

const std::vector<std::string> kPieces = {
    "a", "b", " ", "\t", "TODO", "\xC3\xA9", "\xE6\x97\xA5", "\xF0\x9F\x98\x80", "\n", "\r\n"};

std::string random_text(std::mt19937& random, std::size_t max_pieces) {
  std::string text;
  for (std::size_t n = random() % (max_pieces + 1); n > 0; --n) {
    text += kPieces[random() % kPieces.size()];
  }
  return text;
}

template <typename String>
String encode(const std::string& utf8) {
  if constexpr (sizeof(typename String::value_type) == 2) {
    return to_utf16(utf8);
  } else {
    return utf8;
  }
}

template <typename String>
std::string decode(const String& text) {
  if constexpr (sizeof(typename String::value_type) == 2) {
    return to_utf8(text);
  } else {
    return text;
  }
}

template <typename String>
void run_random_edits(PositionEncoding encoding, std::uint32_t seed) {
  std::mt19937 random(seed);
  DocumentStore store(encoding);
  const std::string uri = "file:///random.reply";
  const std::string initial = "first line\r\nsecond \xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80\nthird";
  REQUIRE(store.open(uri, "reply", 1, initial).ok());
  Model<String> model{encode<String>(initial)};
  std::int64_t version = 1;
  int applied = 0, rejected = 0, stale = 0;

  for (int step = 0; step < 3000; ++step) {
    INFO("seed " << seed << " step " << step);
    std::vector<TextChange> changes;
    Model<String> expected = model;
    bool reversed = false;
    for (auto n = 1 + random() % 3; n > 0; --n) {
      TextChange change;
      if (random() % 50 == 0) {
        change.text = random_text(random, 30);
        expected.text = encode<String>(change.text);
      } else {
        Position start = random_position(expected, random);
        Position end = random() % 3 == 0 ? start : random_position(expected, random);
        if (end < start)
          std::swap(start, end);
        // Large texts shrink: prefer deleting.
        const bool shrink = expected.text.size() > 1500;
        change.text = random_text(random, shrink ? 1 : 4);
        if (random() % 40 == 0 && start != end) {
          std::swap(start, end);
          reversed = true;
        }
        change.range = Range{start, end};
        if (!reversed) {
          const std::size_t begin = expected.offset(start);
          const std::size_t finish = expected.offset(end);
          REQUIRE(begin <= finish);
          expected.text.replace(begin, finish - begin, encode<String>(change.text));
        }
      }
      changes.push_back(std::move(change));
    }
    const bool stale_version = random() % 60 == 0;
    const std::int64_t next = stale_version ? version - static_cast<std::int64_t>(random() % 2)
                                            : version + 1 + static_cast<std::int64_t>(random() % 3);
    const EditResult result = store.change(uri, next, changes);
    if (stale_version) {
      CHECK(result.status == EditStatus::kStaleVersion);
      ++stale;
    } else if (reversed) {
      CHECK(result.status == EditStatus::kInvalidRange);
      ++rejected;
    } else {
      REQUIRE(result.ok());
      model = std::move(expected);
      version = next;
      ++applied;
    }
    REQUIRE(store.get(uri)->text() == decode(model.text));
    REQUIRE(store.get(uri)->version() == version);
    REQUIRE(store.get(uri)->lines().line_count() == model.line_starts().size());
  }
  CHECK(applied > 2500);
  CHECK(rejected > 10);
  CHECK(stale > 10);

  // The incrementally edited text equals the same text opened afresh, and every position of it
  // maps back to its offset.
  const std::string final_text = decode(model.text);
  REQUIRE(store.open("file:///reopened.reply", "reply", 1, final_text).ok());
  const Document& reopened = *store.get("file:///reopened.reply");
  const Document& edited = *store.get(uri);
  CHECK(reopened.text() == edited.text());
  CHECK(reopened.lines().line_count() == edited.lines().line_count());
  for (std::uint32_t offset = 0; offset <= final_text.size(); ++offset) {
    const bool inside_character = offset < final_text.size() &&
                                  (static_cast<unsigned char>(final_text[offset]) & 0xC0) == 0x80;
    // Just after the '\r' that ends a line's content: not addressable (clamps before it).
    const bool after_terminal_cr = offset > 0 && final_text[offset - 1] == '\r' &&
                                   (offset == final_text.size() || final_text[offset] == '\n');
    if (inside_character || after_terminal_cr)
      continue;
    const Position position = store.position_at(edited, offset);
    REQUIRE(store.offset_at(reopened, position) == offset);
  }
}

TEST_CASE("random incremental edits match a UTF-16 model", "[store][random]") {
  for (const std::uint32_t seed : {1u, 2u, 3u})
    run_random_edits<std::u16string>(PositionEncoding::kUtf16, seed);
}

TEST_CASE("random incremental edits match a UTF-8 model", "[store][random]") {
  for (const std::uint32_t seed : {1u, 2u, 3u})
    run_random_edits<std::string>(PositionEncoding::kUtf8, seed);
}

}  // namespace
}  // namespace replyc::lsp
