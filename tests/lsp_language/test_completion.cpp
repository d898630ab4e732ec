// Completion in each context: params, styles, snippets, sections, locale tags, scenarios,
// header fields and values, plural categories of the block's locale, select keys.
#include <catch2/catch.hpp>
#include <set>

#include "fixture.hpp"

namespace replyc::lsp::test {
namespace {

using nlohmann::json;

std::set<std::string> labels(const json& result) {
  std::set<std::string> out;
  if (result.is_array())
    return out;
  for (const json& item : result.at("items"))
    out.insert(item.at("label").get<std::string>());
  return out;
}

// Replaces the first `from` of the document with `to`, then completes at `cursor` (its first
// occurrence, plus `shift`).
json complete_after_edit(Fixture& f, const std::string& from, const std::string& to,
                         const std::string& cursor, std::uint32_t shift, int nth = 0) {
  std::string text = f.client.text(f.main);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  f.client.change_full(f.main, text);
  const Position position = f.client.pos(f.main, cursor, nth, shift);
  return f.client.completion(f.main, position.line, position.character);
}

bool contains(const std::set<std::string>& set, std::initializer_list<const char*> items) {
  for (const char* item : items) {
    if (!set.contains(item))
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("params after an opening brace", "[completion]") {
  Fixture f;
  const json result = complete_after_edit(f, "It is now expected on {eta:long}.",
                                          "It is now expected on {e", "{e", 2);
  CHECK(labels(result) ==
        std::set<std::string>{"order_id", "buyer_name", "count", "eta", "seller_name"});
  // The item replaces the partial word.
  const json item = result.at("items").at(0);
  const json range = item.at("textEdit").at("range");
  CHECK(range.at("start").at("character").get<int>() + 1 == range.at("end").at("character"));
  CHECK(item.at("detail") == "order_id, required");
}

TEST_CASE("styles after name colon, for the param's type", "[completion]") {
  Fixture f;
  CHECK(labels(complete_after_edit(f, "{eta:long}.", "{eta:", "{eta:", 5)) ==
        std::set<std::string>{"short", "medium", "long", "full"});
  Fixture g;
  CHECK(labels(complete_after_edit(g, "{eta:long}.", "{order_id:", "{order_id:", 10)).empty());
}

TEST_CASE("snippet ids after an at sign", "[completion]") {
  Fixture f;
  const auto found =
      labels(complete_after_edit(f, "next_steps = {@shop.help}", "next_steps = {@sh", "{@sh", 4));
  CHECK(contains(found, {"shop.help", "signoff.formal"}));
}

TEST_CASE("section names at the start of a line in a locale block", "[completion]") {
  Fixture f;
  // Without [de]'s next_steps: it is offered, the sections [de] has are not.
  std::string text = kMain;
  const auto de = text.find("[de]");
  const auto line = text.find("next_steps", de);
  text.replace(line, text.find('\n', line) - line, "next");
  f.client.change_full(f.main, text);
  const Position at = f.client.pos(f.main, "next\n", 0, 4);
  const auto found = labels(f.client.completion(f.main, at.line, at.character));
  CHECK(found.contains("next_steps"));
  CHECK(!found.contains("greeting"));
  CHECK(found.contains("template"));
}

TEST_CASE("locale tags after an opening bracket", "[completion]") {
  Fixture f;
  std::string text = kMain;
  text.replace(text.find("[de]"), 4, "[");
  f.client.change_full(f.main, text);
  const Position at = f.client.pos(f.main, "\n[\n", 0, 2);
  const json result = f.client.completion(f.main, at.line, at.character);
  const auto found = labels(result);
  CHECK(found.contains("de"));
  CHECK(found.contains("fr"));
  CHECK(!found.contains("en"));  // already in the template
  // The tag the marketplaces need comes first, and the bracket is closed.
  const json first = result.at("items").at(0);
  CHECK(first.at("label") == "de");
  CHECK(first.at("textEdit").at("newText") == "de]");
}

TEST_CASE("scenario names, header fields and param types", "[completion]") {
  Fixture f;
  CHECK(labels(complete_after_edit(f, "scenario:     shipping_delay", "scenario:     ship",
                                   "scenario:     ship", 18))
            .contains("shipping_delay"));
  Fixture g;
  CHECK(labels(complete_after_edit(g, "  kind:         reply\n", "  kind:         reply\n  \n",
                                   "reply\n  ", 8)) == std::set<std::string>{"valid"});
  Fixture h;
  const auto types = labels(complete_after_edit(h, "    eta:         date       required",
                                                "    eta:         da", "eta:         da", 15));
  CHECK(contains(types, {"date", "datetime", "money", "count"}));
  Fixture i;
  CHECK(labels(complete_after_edit(i, "marketplaces: US DE", "marketplaces: US DE F", "US DE F", 7))
            .contains("FR"));
}

TEST_CASE("plural categories of the block's locale inside a plural choice", "[completion]") {
  Fixture f;
  // [de] has one and other; the ones already written are left out.
  const auto de = labels(complete_after_edit(f, "{count, plural, one {# Paket} other {# Paketen}}",
                                             "{count, plural, one {# Paket} ", "{# Paket} ", 10));
  CHECK(de == std::set<std::string>{"other", "=0"});

  // [pl] has one, few, many and other (CLDR through ICU).
  Fixture g;
  std::string text = kMain;
  text += "\n[pl]\nconfirm    = Zamówienie {count, plural, \n";
  g.client.change_full(g.main, text);
  const Position at = g.client.pos(g.main, "{count, plural, \n", 0, 16);
  CHECK(labels(g.client.completion(g.main, at.line, at.character)) ==
        std::set<std::string>{"one", "few", "many", "other", "=0"});
}

TEST_CASE("select keys and choice kinds", "[completion]") {
  Fixture f;
  CHECK(labels(complete_after_edit(
            f, "{buyer_name, select, none {Hello,} other {Hello {buyer_name},}}",
            "{buyer_name, select, ", "select, ", 8)) == std::set<std::string>{"none", "other"});
  Fixture g;
  CHECK(labels(complete_after_edit(
            g, "{buyer_name, select, none {Hello,} other {Hello {buyer_name},}}", "{buyer_name, s",
            "{buyer_name, s", 14)) == std::set<std::string>{"plural", "select"});
}

TEST_CASE("nothing to complete in plain text or inside a branch", "[completion]") {
  Fixture f;
  const Position text = f.client.pos(f.main, "is late", 0, 3);
  CHECK(labels(f.client.completion(f.main, text.line, text.character)).empty());
  const Position branch = f.client.pos(f.main, "# parcels", 0, 4);
  CHECK(labels(f.client.completion(f.main, branch.line, branch.character)).empty());
}

}  // namespace replyc::lsp::test
