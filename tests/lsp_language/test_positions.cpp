// Positions in both encodings with 2-, 3- and 4-byte UTF-8 characters and CRLF line ends.
#include <catch2/catch.hpp>

#include "harness.hpp"

namespace replyc::lsp::test {
namespace {

using nlohmann::json;

// Column of byte `byte` of `line` counted independently of the code under test.
std::uint32_t column(const std::string& line, std::size_t byte, PositionEncoding encoding) {
  if (encoding == PositionEncoding::kUtf8)
    return static_cast<std::uint32_t>(byte);
  std::uint32_t units = 0;
  for (std::size_t i = 0; i < byte; ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80)
      continue;
    units += c >= 0xF0 ? 2 : 1;
  }
  return units;
}

std::string with_line_ends(std::string text, bool crlf) {
  if (!crlf)
    return text;
  std::string out;
  for (char c : text) {
    if (c == '\n')
      out += '\r';
    out += c;
  }
  return out;
}

const std::string kText = R"(template shop.unicode
  title:        Grüße 你好 😀
  scenario:     shipping_delay
  kind:         reply
  marketplaces: US
  params:
    order_id:   order_id   required

[en]
greeting   = Hello – ü 你好 😀 there,
             thank you for your message.
confirm    = Grüße – 你好 😀 für {ordr_id} 😀.
solution   = It is now on its way to you.
next_steps = If it has not arrived, simply reply to this message.
closing    = Kind regards,
             Customer Service
)";

}  // namespace

TEST_CASE("diagnostic ranges and edits with multi-byte characters and CRLF", "[positions]") {
  const bool crlf = GENERATE(false, true);
  const PositionEncoding encoding = GENERATE(PositionEncoding::kUtf16, PositionEncoding::kUtf8);
  INFO((crlf ? "CRLF" : "LF") << " " << encoding_name(encoding));
  TempDir dir;
  dir.write("replyc.json", "{}");
  ClientOptions options;
  options.encoding = encoding;
  Client client(options);
  const std::string uri = dir.uri("unicode.reply");
  const std::string text = with_line_ends(kText, crlf);
  client.open(uri, text);

  const std::string line = "confirm    = Grüße – 你好 😀 für {ordr_id} 😀.";
  const std::uint32_t line_number = 11;
  const std::size_t byte = line.find("ordr_id");
  auto unknown = [&] {
    for (const json& d : client.diagnostics(uri)) {
      if (d.at("code") == "RC2001")
        return d;
    }
    return json();
  };
  json d = unknown();
  REQUIRE(d.is_object());
  CHECK(d["range"]["start"]["line"] == line_number);
  CHECK(d["range"]["start"]["character"] == column(line, byte, encoding));
  CHECK(d["range"]["end"]["line"] == line_number);
  CHECK(d["range"]["end"]["character"] == column(line, byte + 7, encoding));
  CHECK(slice(client.text(uri), d["range"], encoding) == "ordr_id");
  // CRLF files get the line-ending note, and nothing else changes.
  std::vector<std::string> expected = {"RC2001", "RC2002", "RC2004"};
  if (crlf)
    expected.insert(expected.begin(), "RC0006");
  // (The emoji and the German and Chinese words are policy findings, RC7001, not counted here.)
  const auto non_policy = [&] {
    auto codes = client.codes(uri);
    std::erase(codes, "RC7001");
    std::sort(codes.begin(), codes.end());
    return codes;
  };
  CHECK(non_policy() == expected);
  for (const json& finding : client.diagnostics(uri)) {
    if (finding.at("code") != "RC7001")
      continue;
    // Every policy finding's range covers whole characters of the line it is on.
    const std::string covered = slice(client.text(uri), finding.at("range"), encoding);
    CHECK(!covered.empty());
    CHECK((static_cast<unsigned char>(covered.front()) & 0xC0) != 0x80);
  }

  // Insert characters of every width before the placeholder: the range moves by their width.
  const std::string inserted = "é€😀";
  const std::size_t at = line.find("für");
  client.change(
      uri,
      json::array({{{"range",
                     {{"start", {{"line", line_number}, {"character", column(line, at, encoding)}}},
                      {"end", {{"line", line_number}, {"character", column(line, at, encoding)}}}}},
                    {"text", inserted}}}));
  const std::string moved = line.substr(0, at) + inserted + line.substr(at);
  d = unknown();
  REQUIRE(d.is_object());
  CHECK(d["range"]["start"]["character"] == column(moved, moved.find("ordr_id"), encoding));
  CHECK(slice(client.text(uri), d["range"], encoding) == "ordr_id");

  // Apply the did-you-mean fix through its data: RC2001 disappears.
  const json fix = d.at("data").at("fixes").at(0);
  CHECK(fix.at("title") == "did you mean 'order_id'?");
  const json edit = fix.at("edits").at(0);
  client.apply({{"changes", {{edit.at("uri"), json::array({edit})}}}});
  CHECK(!unknown().is_object());
  CHECK(client.text(uri).find("für {order_id} 😀.") != std::string::npos);
  const auto after = non_policy();
  CHECK(std::find(after.begin(), after.end(), "RC2002") == after.end());
  CHECK(std::find(after.begin(), after.end(), "RC2004") == after.end());
}

TEST_CASE("a position past the end of a line or inside a character clamps", "[positions]") {
  TempDir dir;
  dir.write("replyc.json", "{}");
  Client client;
  const std::string uri = dir.uri("unicode.reply");
  client.open(uri, kText);
  // Hover in the middle of the surrogate pair of 😀 before {ordr_id}, and far past the end.
  const Position emoji = client.pos(uri, "😀 für");
  CHECK_NOTHROW(client.hover(uri, emoji.line, emoji.character + 1));
  CHECK(client.hover(uri, 1000, 1000).is_null());
  const Position param = client.pos(uri, "order_id:");
  CHECK(client.hover(uri, param.line, param.character + 3).is_object());
}

}  // namespace replyc::lsp::test
