// Hovers: params, sections in the other locales, snippets, locales, codes and rules.
#include <catch2/catch.hpp>

#include "fixture.hpp"
#include "lsp/uri.hpp"

namespace replyc::lsp::test {
namespace {

using nlohmann::json;

std::string hover_text(Client& client, const std::string& uri, Position at) {
  const json result = client.hover(uri, at.line, at.character);
  if (result.is_null())
    return {};
  CHECK(result.at("contents").at("kind") == "markdown");
  return result.at("contents").at("value").get<std::string>();
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the fixture project is clean", "[hover]") {
  Fixture f;
  CHECK(f.client.diagnostics(f.main).empty());
}

TEST_CASE("hover on a param shows its type, requiredness, styles and sample", "[hover]") {
  Fixture f;
  auto& c = f.client;
  const std::string use = hover_text(c, f.main, c.pos(f.main, "{order_id}", 1, 3));
  INFO(use);
  CHECK(has(use, "`order_id`: `order_id`, required"));
  CHECK(has(use, "Styles: none"));
  CHECK(has(use, "114-3941689-8772232"));
  const json range = c.hover(f.main, c.pos(f.main, "{order_id}", 1, 3).line,
                             c.pos(f.main, "{order_id}", 1, 3).character)
                         .at("range");
  CHECK(slice(c.text(f.main), range, PositionEncoding::kUtf16) == "order_id");

  const std::string date = hover_text(c, f.main, c.pos(f.main, "{eta:long}", 0, 2));
  CHECK(has(date, "`date`, required"));
  CHECK(has(date, "`short`, `medium`, `long`, `full`"));
  CHECK(has(date, "2026-12-03"));

  const std::string style = hover_text(c, f.main, c.pos(f.main, "long}", 0, 1));
  CHECK(has(style, "`eta`"));

  const std::string optional = hover_text(c, f.main, c.pos(f.main, "buyer_name:  buyer_name"));
  CHECK(has(optional, "`buyer_name`, optional"));
  CHECK(has(optional, "none"));

  const std::string selector = hover_text(c, f.main, c.pos(f.main, "{count, plural", 1, 2));
  CHECK(has(selector, "Can select plural forms."));
}

TEST_CASE("hover on a section name shows it in the other locales", "[hover]") {
  Fixture f;
  auto& c = f.client;
  const std::string en = hover_text(c, f.main, c.pos(f.main, "confirm", 0, 2));
  INFO(en);
  CHECK(has(en, "**confirm** in the other locales"));
  CHECK(has(en, "**[de]**"));
  CHECK(has(en, "Ihre Bestellung {order_id}"));
  CHECK(!has(en, "Your order"));
  const std::string de = hover_text(c, f.main, c.pos(f.main, "solution", 1));
  CHECK(has(de, "It is now expected on {eta:long}."));
}

TEST_CASE("hover on a snippet, a locale and a scenario", "[hover]") {
  Fixture f;
  auto& c = f.client;
  const std::string snippet = hover_text(c, f.main, c.pos(f.main, "shop.help", 1, 2));
  INFO(snippet);
  CHECK(has(snippet, "`shop.help`"));
  CHECK(has(snippet, "Falls sie bis dahin"));  // the [de] text, for the [de] block
  const std::string stdlib = hover_text(c, f.main, c.pos(f.main, "signoff.formal", 0, 2));
  CHECK(has(stdlib, "<std>/std.reply"));
  CHECK(has(stdlib, "`seller_name`"));
  const std::string locale = hover_text(c, f.main, c.pos(f.main, "[de]", 0, 1));
  CHECK(has(locale, "`one`, `other`"));
  CHECK(has(locale, "DE"));
  const std::string scenario = hover_text(c, f.main, c.pos(f.main, "shipping_delay", 0, 3));
  CHECK(has(scenario, "`shipping_delay`"));
}

TEST_CASE("hover on a suppression rule and inside a finding shows the code's doc", "[hover]") {
  Fixture f;
  auto& c = f.client;
  std::string text = kMain;
  text.insert(text.find("greeting   = {buyer_name, select, none {Hello,}"),
              "# replyc: allow optional-param-unguarded -- our helpdesk fills it in\n");
  text.replace(text.find("{order_id}"), 10, "{ordr_id}");
  c.change_full(f.main, text);
  const std::string rule = hover_text(c, f.main, c.pos(f.main, "optional-param-unguarded", 0, 3));
  INFO(rule);
  CHECK(has(rule, "**RC2012 optional-param-unguarded** · warning"));
  CHECK(has(rule, "**How to fix:**"));
  CHECK(has(rule, "[Documentation](file://"));
  const std::string code = hover_text(c, f.main, c.pos(f.main, "ordr_id", 0, 2));
  CHECK(has(code, "**RC2001 unknown-param** · error"));
}

TEST_CASE("hover falls back to plain text for clients without markdown", "[hover]") {
  TempDir dir;
  dir.write("replyc.json", "{}");
  Client client;
  client.backend().set_client_capabilities(
      {{"textDocument", {{"hover", {{"contentFormat", {"plaintext"}}}}}}});
  client.open(dir.uri("main.reply"), kMain);
  const Position at = client.pos(dir.uri("main.reply"), "{order_id}", 0, 2);
  const json result = client.hover(dir.uri("main.reply"), at.line, at.character);
  CHECK(result.at("contents").at("kind") == "plaintext");
  CHECK(result.at("contents").at("value").get<std::string>().find("**") == std::string::npos);
}

}  // namespace replyc::lsp::test
