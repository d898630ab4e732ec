// Code actions: each kind is applied and the diagnostic it answers must disappear.
#include <catch2/catch.hpp>

#include "harness.hpp"
#include "lsp/uri.hpp"

namespace replyc::lsp::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::string broken_uri(const std::string& name) {
  return path_to_uri(source_dir() + "/examples/broken/" + name);
}

std::string broken_text(const std::string& name) {
  return read_file(source_dir() + "/examples/broken/" + name);
}

json find_code(const Client& client, const std::string& uri, const std::string& code) {
  for (const json& d : client.diagnostics(uri)) {
    if (d.at("code") == code)
      return d;
  }
  return nullptr;
}

json action_titled(const json& actions, const std::string& title) {
  for (const json& action : actions) {
    if (action.at("title") == title)
      return action;
  }
  INFO("actions: " << actions.dump(1));
  FAIL("no action titled " << title);
  return nullptr;
}

std::size_t count(const std::vector<std::string>& codes, const std::string& code) {
  return static_cast<std::size_t>(std::count(codes.begin(), codes.end(), code));
}

const std::string kTemplate = R"(template shop.tabs
  title:        Parcel is running late
  scenario:     shipping_delay
  kind:         reply
  marketplaces: US
  params:
    order_id:   order_id   required

[en]
greeting   = Hello,	thank you for your message.
confirm    = We are sorry that order {order_id} has not reached you yet.
solution   = It is now	on its way.
next_steps = If it has not arrived by then, simply	reply to this message.
closing    = Kind regards,
             Customer Service
)";

}  // namespace

TEST_CASE("did-you-mean quick fix", "[code actions]") {
  Client client;
  const std::string uri = broken_uri("unknown-param.reply");
  client.open(uri, broken_text("unknown-param.reply"));
  const json d = find_code(client, uri, "RC2001");
  REQUIRE(d.is_object());
  const json actions = client.code_actions(uri, d.at("range"), json::array({d}));
  const json fix = action_titled(actions, "did you mean 'carrier'?");
  CHECK(fix.at("kind") == "quickfix");
  CHECK(fix.at("isPreferred") == true);
  CHECK(fix.at("diagnostics").at(0) == d);
  client.apply(fix.at("edit"));
  CHECK(find_code(client, uri, "RC2001").is_null());
  CHECK(client.codes(uri).empty());
}

TEST_CASE("declare-param quick fix", "[code actions]") {
  Client client;
  const std::string uri = broken_uri("unknown-param.reply");
  client.open(uri, broken_text("unknown-param.reply"));
  const json d = find_code(client, uri, "RC2001");
  const json actions = client.code_actions(uri, d.at("range"));
  const json fix = action_titled(actions, "declare 'carier' in the template's params");
  CHECK(!fix.contains("isPreferred"));
  client.apply(fix.at("edit"));
  CHECK(find_code(client, uri, "RC2001").is_null());
  CHECK(client.text(uri).find("    carier: text required\n") != std::string::npos);
}

TEST_CASE("missing-section skeleton quick fix", "[code actions]") {
  Client client;
  const std::string uri = broken_uri("missing-section.reply");
  client.open(uri, broken_text("missing-section.reply"));
  const json d = find_code(client, uri, "RC1001");
  REQUIRE(d.is_object());
  // Asked for a range that only touches the diagnostic's line.
  const json actions =
      client.code_actions(uri, {{"start", d["range"]["start"]}, {"end", d["range"]["start"]}});
  client.apply(action_titled(actions, "add a 'next_steps' section").at("edit"));
  CHECK(find_code(client, uri, "RC1001").is_null());
  CHECK(client.text(uri).find("\nnext_steps = ") != std::string::npos);
}

TEST_CASE("add suppression with reason", "[code actions]") {
  SECTION("above the section") {
    Client client;
    const std::string uri = broken_uri("optional-param-unguarded.reply");
    client.open(uri, broken_text("optional-param-unguarded.reply"));
    const json d = find_code(client, uri, "RC2012");
    REQUIRE(d.is_object());
    const json actions = client.code_actions(uri, d.at("range"), json::array({d}));
    const json action =
        action_titled(actions, "Suppress optional-param-unguarded here (with a reason)");
    client.apply(action.at("edit"));
    CHECK(client.codes(uri).empty());  // suppressed, and the reason is given (no RC6001)
    CHECK(client.text(uri).find(
              "# replyc: allow optional-param-unguarded -- explain why this is acceptable\n") !=
          std::string::npos);
  }
  SECTION("above the template for a header finding") {
    Client client;
    const std::string uri = broken_uri("unused-param.reply");
    client.open(uri, broken_text("unused-param.reply"));
    const json d = find_code(client, uri, "RC2002");
    REQUIRE(d.is_object());
    const json actions = client.code_actions(uri, d.at("range"));
    client.apply(action_titled(actions, "Suppress unused-param here (with a reason)").at("edit"));
    CHECK(client.codes(uri).empty());
    const std::string& text = client.text(uri);
    CHECK(text.find("-- explain why this is acceptable\ntemplate ") != std::string::npos);
  }
  SECTION("not offered where a suppression is not appropriate") {
    Client client;
    const std::string uri = broken_uri("unknown-param.reply");
    client.open(uri, broken_text("unknown-param.reply"));
    const json d = find_code(client, uri, "RC2001");
    for (const json& action : client.code_actions(uri, d.at("range")))
      CHECK(action.at("title").get<std::string>().find("Suppress") == std::string::npos);
  }
}

TEST_CASE("fix all findings of one rule", "[code actions]") {
  TempDir dir;
  dir.write("replyc.json", "{}");
  Client client;
  const std::string uri = dir.uri("tabs.reply");
  client.open(uri, kTemplate);
  REQUIRE(count(client.codes(uri), "RC0007") == 3);
  const json first = find_code(client, uri, "RC0007");
  const json actions = client.code_actions(uri, first.at("range"), json::array({first}));
  const json all = action_titled(actions, "Fix all 'tab-character' problems in this file (3)");
  CHECK(all.at("kind") == "quickfix");
  CHECK(all.at("diagnostics").size() == 3);
  client.apply(all.at("edit"));
  CHECK(client.codes(uri).empty());
  CHECK(client.text(uri).find('\t') == std::string::npos);
}

TEST_CASE("source.fixAll applies every safe fix at once", "[code actions]") {
  TempDir dir;
  dir.write("replyc.json", "{}");
  Client client;
  const std::string uri = dir.uri("messy.reply");
  std::string text = "\xEF\xBB\xBF" + kTemplate;  // a byte order mark
  text.pop_back();                                // and no final newline
  text.replace(text.find("{order_id}"), 10, "{ordr_id}");
  client.open(uri, text);
  auto codes = client.codes(uri);
  CHECK(count(codes, "RC0003") == 1);
  CHECK(count(codes, "RC0005") == 1);
  CHECK(count(codes, "RC0007") == 3);
  CHECK(count(codes, "RC2001") == 1);
  const json everything = {{"start", {{"line", 0}, {"character", 0}}},
                           {"end", {{"line", 100}, {"character", 0}}}};
  const json actions = client.code_actions(uri, everything, json::array(), {"source.fixAll"});
  REQUIRE(actions.size() == 1);
  CHECK(actions[0].at("kind") == "source.fixAll");
  client.apply(actions[0].at("edit"));
  INFO(client.diagnostics(uri).dump(1));
  CHECK(client.codes(uri).empty());
  // `only: ["quickfix"]` leaves source actions out.
  for (const json& action : client.code_actions(uri, everything, json::array(), {"quickfix"}))
    CHECK(action.at("kind") == "quickfix");
}

TEST_CASE("every fix of every broken example removes its finding", "[code actions]") {
  const fs::path broken = fs::path(source_dir()) / "examples" / "broken";
  for (const auto& entry : fs::directory_iterator(broken)) {
    if (entry.path().extension() != ".reply")
      continue;
    const std::string name = entry.path().filename().string();
    const std::string uri = broken_uri(name);
    Client probe;
    probe.open(uri, broken_text(name));
    const json diagnostics = probe.diagnostics(uri);
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
      const json& d = diagnostics[i];
      const json actions = probe.code_actions(uri, d.at("range"), json::array({d}));
      for (const json& action : actions) {
        if (action.at("diagnostics").size() != 1 || action.at("diagnostics")[0] != d)
          continue;
        INFO(name << ": " << d.dump() << "\n" << action.dump());
        Client client;
        client.open(uri, broken_text(name));
        client.apply(action.at("edit"));
        std::size_t left = 0;
        for (const json& after : client.diagnostics(uri)) {
          if (after.at("code") == d.at("code") && after.at("message") == d.at("message"))
            ++left;
        }
        std::size_t before = 0;
        for (const json& other : diagnostics) {
          if (other.at("code") == d.at("code") && other.at("message") == d.at("message"))
            ++before;
        }
        // Skeletons the author must complete (a header field's value, a suppression's reason)
        // leave their finding until then.
        const bool skeleton = d.at("code") == "RC0103" || d.at("code") == "RC6001";
        if (skeleton)
          CHECK(client.text(uri) != broken_text(name));
        else
          CHECK(left < before);
      }
    }
  }
}

}  // namespace replyc::lsp::test
