#include <catch2/catch.hpp>

#include "lsp/document_store.hpp"

namespace replyc::lsp {
namespace {

constexpr auto kUtf8 = PositionEncoding::kUtf8;
constexpr auto kUtf16 = PositionEncoding::kUtf16;

TextChange edit(std::uint32_t start_line, std::uint32_t start_character, std::uint32_t end_line,
                std::uint32_t end_character, std::string text) {
  return TextChange{Range{{start_line, start_character}, {end_line, end_character}},
                    std::move(text)};
}

TextChange full(std::string text) {
  return TextChange{std::nullopt, std::move(text)};
}

std::string edited(std::string text, PositionEncoding encoding, std::vector<TextChange> changes) {
  const EditResult result = DocumentStore::apply(text, changes, encoding);
  REQUIRE(result.ok());
  return text;
}

// "aé日😀b": a = 1 byte/1 unit, é = 2/1, 日 = 3/1, 😀 = 4/2.
const std::string kMixed =
    "a\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80"
    "b";

TEST_CASE("store opens, lists and closes documents", "[store]") {
  DocumentStore store;
  CHECK(store.encoding() == kUtf16);
  CHECK(store.open("file:///b.reply", "reply", 1, "B").ok());
  CHECK(store.open("file:///a%20x.reply", "reply", 3, "A\r\n").ok());
  REQUIRE(store.size() == 2);
  const auto documents = store.documents();
  CHECK(documents[0]->uri() == "file:///a%20x.reply");
  CHECK(documents[0]->path() == "/a x.reply");
  CHECK(documents[0]->version() == 3);
  CHECK(documents[0]->text() == "A\r\n");
  CHECK(documents[0]->language_id() == "reply");
  CHECK(documents[1]->uri() == "file:///b.reply");
  CHECK(store.get("file:///c.reply") == nullptr);
  CHECK(store.close("file:///b.reply").ok());
  CHECK(store.close("file:///b.reply").status == EditStatus::kNotOpen);
  CHECK(store.size() == 1);
}

TEST_CASE("store keeps untitled documents without a path", "[store]") {
  DocumentStore store;
  store.open("untitled:Untitled-1", "reply", 1, "x");
  CHECK(store.get("untitled:Untitled-1")->path().empty());
}

TEST_CASE("store replaces a document opened twice", "[store]") {
  DocumentStore store;
  store.open("file:///a", "reply", 5, "old");
  const EditResult again = store.open("file:///a", "reply", 1, "new");
  CHECK(again.ok());
  CHECK_THAT(again.message, Catch::Contains("opened again"));
  CHECK(store.get("file:///a")->text() == "new");
  CHECK(store.get("file:///a")->version() == 1);
}

TEST_CASE("store applies edits after 2 3 and 4 byte characters in UTF-16", "[store]") {
  // After a(1) é(1) 日(1) 😀(2): unit 5 is byte 10.
  CHECK(edited(kMixed, kUtf16, {edit(0, 5, 0, 5, "X")}) ==
        "a\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80"
        "Xb");
  CHECK(edited(kMixed, kUtf16, {edit(0, 1, 0, 2, "")}) ==
        "a\xE6\x97\xA5\xF0\x9F\x98\x80"
        "b");
  CHECK(edited(kMixed, kUtf16, {edit(0, 2, 0, 3, "")}) ==
        "a\xC3\xA9\xF0\x9F\x98\x80"
        "b");
  CHECK(edited(kMixed, kUtf16, {edit(0, 3, 0, 5, "")}) ==
        "a\xC3\xA9\xE6\x97\xA5"
        "b");
}

TEST_CASE("store applies edits after 2 3 and 4 byte characters in UTF-8", "[store]") {
  CHECK(edited(kMixed, kUtf8, {edit(0, 10, 0, 10, "X")}) ==
        "a\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80"
        "Xb");
  CHECK(edited(kMixed, kUtf8, {edit(0, 1, 0, 3, "")}) ==
        "a\xE6\x97\xA5\xF0\x9F\x98\x80"
        "b");
  CHECK(edited(kMixed, kUtf8, {edit(0, 3, 0, 6, "")}) ==
        "a\xC3\xA9\xF0\x9F\x98\x80"
        "b");
  CHECK(edited(kMixed, kUtf8, {edit(0, 6, 0, 10, "")}) ==
        "a\xC3\xA9\xE6\x97\xA5"
        "b");
}

TEST_CASE("store keeps CRLF and edits across CRLF lines", "[store]") {
  const std::string text = "one\r\ntwo\r\nthree";
  for (const auto encoding : {kUtf8, kUtf16}) {
    CHECK(edited(text, encoding, {edit(1, 0, 1, 3, "2")}) == "one\r\n2\r\nthree");
    CHECK(edited(text, encoding, {edit(0, 3, 1, 0, "")}) == "onetwo\r\nthree");
    CHECK(edited(text, encoding, {edit(0, 3, 0, 3, "\r\nnew")}) == "one\r\nnew\r\ntwo\r\nthree");
    CHECK(edited(text, encoding, {edit(2, 5, 2, 5, "\r\n")}) == "one\r\ntwo\r\nthree\r\n");
  }
}

TEST_CASE("store edits CRLF text with multi-byte characters in both encodings", "[store]") {
  const std::string text = "\xC3\xA9\r\n\xF0\x9F\x98\x80\xE6\x97\xA5\r\n";
  // Line 1 is 😀日: UTF-16 columns 0, 2, 3; UTF-8 columns 0, 4, 7.
  CHECK(edited(text, kUtf16, {edit(1, 2, 1, 3, "x")}) == "\xC3\xA9\r\n\xF0\x9F\x98\x80x\r\n");
  CHECK(edited(text, kUtf8, {edit(1, 4, 1, 7, "x")}) == "\xC3\xA9\r\n\xF0\x9F\x98\x80x\r\n");
  CHECK(edited(text, kUtf16, {edit(0, 1, 1, 2, "")}) == "\xC3\xA9\xE6\x97\xA5\r\n");
  CHECK(edited(text, kUtf8, {edit(0, 2, 1, 4, "")}) == "\xC3\xA9\xE6\x97\xA5\r\n");
}

TEST_CASE("store clamps out-of-range positions", "[store]") {
  const std::string text = "ab\r\ncd";
  for (const auto encoding : {kUtf8, kUtf16}) {
    // Past the end of a line: before its CRLF.
    CHECK(edited(text, encoding, {edit(0, 99, 0, 99, "!")}) == "ab!\r\ncd");
    // Past the last line: the end of the text.
    CHECK(edited(text, encoding, {edit(7, 0, 9, 9, "!")}) == "ab\r\ncd!");
    CHECK(edited(text, encoding, {edit(1, 1, 50, 0, "")}) == "ab\r\nc");
    CHECK(edited(text, encoding, {edit(0, 4000000000u, 1, 0, "")}) == "abcd");
  }
}

TEST_CASE("store clamps positions inside a character", "[store]") {
  // UTF-16 column 1 of 😀 is inside the surrogate pair: it moves past the character.
  CHECK(edited("\xF0\x9F\x98\x80z", kUtf16, {edit(0, 1, 0, 1, "|")}) == "\xF0\x9F\x98\x80|z");
  // UTF-8 column 2 of 😀 is inside the sequence: it moves to its start.
  CHECK(edited("\xF0\x9F\x98\x80z", kUtf8, {edit(0, 2, 0, 2, "|")}) == "|\xF0\x9F\x98\x80z");
}

TEST_CASE("store applies several changes in order", "[store]") {
  CHECK(edited("abc", kUtf16, {edit(0, 0, 0, 0, "1"), edit(0, 4, 0, 4, "2")}) == "1abc2");
  CHECK(edited("abc", kUtf16, {full("xyz"), edit(0, 1, 0, 2, "")}) == "xz");
  CHECK(edited("abc", kUtf16, {edit(0, 0, 0, 1, ""), full("new")}) == "new");
}

TEST_CASE("store rejects a range that ends before it starts", "[store]") {
  DocumentStore store;
  store.open("file:///a", "reply", 1, "hello\nworld");
  const EditResult reversed = store.change("file:///a", 2, {edit(1, 2, 0, 1, "x")});
  CHECK(reversed.status == EditStatus::kInvalidRange);
  CHECK_THAT(reversed.message, Catch::Contains("before its start"));
  const EditResult same_line = store.change("file:///a", 2, {edit(0, 3, 0, 2, "x")});
  CHECK(same_line.status == EditStatus::kInvalidRange);
  // All or nothing: a valid change before an invalid one is not applied either.
  const EditResult partial =
      store.change("file:///a", 2, {edit(0, 0, 0, 0, "ok"), edit(0, 3, 0, 2, "x")});
  CHECK(partial.status == EditStatus::kInvalidRange);
  CHECK(store.get("file:///a")->text() == "hello\nworld");
  CHECK(store.get("file:///a")->version() == 1);
  CHECK(store.change("file:///a", 2, {edit(0, 0, 0, 0, "ok")}).ok());
  CHECK(store.get("file:///a")->text() == "okhello\nworld");
}

TEST_CASE("store ignores stale versions", "[store]") {
  DocumentStore store;
  store.open("file:///a", "reply", 5, "x");
  const EditResult same = store.change("file:///a", 5, {full("y")});
  CHECK(same.status == EditStatus::kStaleVersion);
  CHECK_THAT(same.message, Catch::Contains("version 5"));
  CHECK(store.change("file:///a", 4, {full("y")}).status == EditStatus::kStaleVersion);
  CHECK(store.get("file:///a")->text() == "x");
  CHECK(store.change("file:///a", 9, {full("y")}).ok());
  CHECK(store.get("file:///a")->version() == 9);
  CHECK(store.change("file:///b", 10, {full("y")}).status == EditStatus::kNotOpen);
}

TEST_CASE("store converts positions and offsets in the negotiated encoding", "[store]") {
  DocumentStore store;
  store.open("file:///a", "reply", 1, "x\r\n" + kMixed + "\nlast");
  const Document& document = *store.get("file:///a");
  // Byte 13 is after 😀 on line 1 (line starts at byte 3).
  CHECK(store.position_at(document, 13) == Position{1, 5});
  CHECK(store.offset_at(document, Position{1, 5}) == 13);
  CHECK(store.offset_at(document.lines(), Position{2, 2}) == 17);
  store.set_encoding(kUtf8);
  CHECK(store.position_at(document, 13) == Position{1, 10});
  CHECK(store.offset_at(document, Position{1, 10}) == 13);
  CHECK(store.position_at(document.lines(), 1000) == Position{2, 4});
  const Range range = store.range_of(document, 0, 3);
  CHECK(range.start == Position{0, 0});
  CHECK(range.end == Position{1, 0});
  CHECK(to_json(range) ==
        nlohmann::json::parse(
            R"({"start":{"line":0,"character":0},"end":{"line":1,"character":0}})"));
}

}  // namespace
}  // namespace replyc::lsp
