// Go to definition, references, rename and document symbols.
#include <catch2/catch.hpp>

#include "fixture.hpp"
#include "lsp/jsonrpc.hpp"

namespace replyc::lsp::test {
namespace {

using nlohmann::json;

std::string text_at(Client& client, const json& location) {
  return slice(client.text(location.at("uri")), location.at("range"), PositionEncoding::kUtf16);
}

}  // namespace

TEST_CASE("definition of params, snippets and imports", "[navigation]") {
  Fixture f;
  auto& c = f.client;
  // {order_id} in [de] -> its declaration.
  Position at = c.pos(f.main, "{order_id}", 1, 2);
  json location = c.definition(f.main, at.line, at.character);
  CHECK(location.at("uri") == f.main);
  CHECK(location.at("range").at("start") == c.position_of(f.main, "order_id:"));
  // A choice selector too.
  at = c.pos(f.main, "{count, plural", 0, 1);
  CHECK(c.definition(f.main, at.line, at.character).at("range").at("start") ==
        c.position_of(f.main, "count:"));
  // {@shop.help} -> the snippet in the other file (not open: read from disk).
  at = c.pos(f.main, "shop.help", 0, 3);
  location = c.definition(f.main, at.line, at.character);
  CHECK(location.at("uri") == f.snippets);
  CHECK(location.at("range") == json({{"start", {{"line", 0}, {"character", 8}}},
                                      {"end", {{"line", 0}, {"character", 17}}}}));
  // The standard library has no file to show.
  at = c.pos(f.main, "signoff.formal", 0, 3);
  CHECK(c.definition(f.main, at.line, at.character).is_null());
  at = c.pos(f.main, "use std", 0, 5);
  CHECK(c.definition(f.main, at.line, at.character).is_null());
  // use "snippets.reply" -> that file.
  at = c.pos(f.main, "snippets.reply", 0, 2);
  location = c.definition(f.main, at.line, at.character);
  CHECK(location.at("uri") == f.snippets);
  CHECK(location.at("range").at("start") == json({{"line", 0}, {"character", 0}}));
}

TEST_CASE("references of params and snippets", "[navigation]") {
  Fixture f;
  auto& c = f.client;
  Position at = c.pos(f.main, "order_id:");
  json refs = c.references(f.main, at.line, at.character);
  REQUIRE(refs.size() == 3);  // the declaration and one use per locale
  for (const json& ref : refs)
    CHECK(text_at(c, ref) == "order_id");
  CHECK(c.references(f.main, at.line, at.character, false).size() == 2);
  // buyer_name: selectors and inserts, in both locales.
  at = c.pos(f.main, "{buyer_name},", 0, 1);
  CHECK(c.references(f.main, at.line, at.character).size() == 5);

  at = c.pos(f.main, "shop.help", 1, 1);
  refs = c.references(f.main, at.line, at.character);
  REQUIRE(refs.size() == 3);
  CHECK(refs[0].at("uri") == f.snippets);
  CHECK(refs[1].at("uri") == f.main);
  CHECK(refs[2].at("uri") == f.main);
  // From the snippet's own file, once it is open too.
  c.open(f.snippets, kSnippets);
  at = c.pos(f.snippets, "shop.help", 0, 1);
  CHECK(c.references(f.snippets, at.line, at.character).size() == 3);
}

TEST_CASE("rename a param across all locales", "[navigation]") {
  Fixture f;
  auto& c = f.client;
  const Position at = c.pos(f.main, "{count, plural", 1, 2);
  const json prepared = c.prepare_rename(f.main, at.line, at.character);
  CHECK(prepared.at("placeholder") == "count");
  CHECK(slice(c.text(f.main), prepared.at("range"), PositionEncoding::kUtf16) == "count");
  const json edit = c.rename(f.main, at.line, at.character, "parcels");
  CHECK(edit.at("changes").at(f.main).size() == 3);
  c.apply(edit);
  CHECK(c.diagnostics(f.main).empty());
  CHECK(c.text(f.main).find("{count") == std::string::npos);
  CHECK(c.text(f.main).find("    parcels:       count      required") != std::string::npos);
  CHECK(c.text(f.main).find("{parcels, plural, one {# Paket}") != std::string::npos);
}

TEST_CASE("rename refuses what it cannot do", "[navigation]") {
  Fixture f;
  auto& c = f.client;
  const Position order = c.pos(f.main, "{order_id}", 0, 2);
  const auto code_of = [&](const std::string& name, Position at) {
    try {
      c.rename(f.main, at.line, at.character, name);
    } catch (const RequestError& error) {
      CHECK(std::string(error.what()).size() > 10);
      return error.code();
    }
    return 0;
  };
  CHECK(code_of("1st", order) == error_code::kInvalidParams);
  CHECK(code_of("order id", order) == error_code::kInvalidParams);
  CHECK(code_of("", order) == error_code::kInvalidParams);
  CHECK(code_of("eta", order) == error_code::kRequestFailed);  // already a param
  // signoff.formal needs seller_name by that name.
  CHECK(code_of("seller", c.pos(f.main, "seller_name:")) == error_code::kRequestFailed);
  // Not a param at all.
  const Position section = c.pos(f.main, "confirm", 0, 1);
  CHECK(c.prepare_rename(f.main, section.line, section.character).is_null());
  CHECK(code_of("x", section) == error_code::kRequestFailed);
}

TEST_CASE("document symbols: template, locales, sections", "[navigation]") {
  Fixture f;
  auto& c = f.client;
  const json symbols = c.symbols(f.main);
  REQUIRE(symbols.size() == 1);
  const json& block = symbols[0];
  CHECK(block.at("name") == "shop.late");
  CHECK(block.at("detail") == "Parcel is running late");
  CHECK(block.at("kind") == 5);
  REQUIRE(block.at("children").size() == 2);
  CHECK(block["children"][0].at("name") == "[en]");
  CHECK(block["children"][1].at("name") == "[de]");
  std::vector<std::string> sections;
  for (const json& section : block["children"][1].at("children"))
    sections.push_back(section.at("name"));
  CHECK(sections ==
        std::vector<std::string>{"greeting", "confirm", "solution", "next_steps", "closing"});
  CHECK(slice(c.text(f.main), block.at("selectionRange"), PositionEncoding::kUtf16) == "shop.late");
  // Every selection range lies inside its range.
  const auto inside = [](const json& symbol) {
    const auto key = [](const json& p) {
      return std::make_pair(p.at("line").get<int>(), p.at("character").get<int>());
    };
    return key(symbol["range"]["start"]) <= key(symbol["selectionRange"]["start"]) &&
           key(symbol["selectionRange"]["end"]) <= key(symbol["range"]["end"]);
  };
  CHECK(inside(block));
  for (const json& locale : block["children"]) {
    CHECK(inside(locale));
    for (const json& section : locale["children"])
      CHECK(inside(section));
  }
  c.open(f.snippets, kSnippets);
  const json snippet = c.symbols(f.snippets);
  CHECK(snippet.at(0).at("name") == "shop.help");
  CHECK(snippet.at(0).at("kind") == 12);
}

}  // namespace replyc::lsp::test
