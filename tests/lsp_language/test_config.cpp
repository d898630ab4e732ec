// Settings and replyc.json changes take effect without a restart.
#include <catch2/catch.hpp>

#include "fixture.hpp"

namespace replyc::lsp::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::string with_typo() {
  std::string text = kMain;
  text.replace(text.find("{order_id}"), 10, "{ordr_id}");
  return text;
}

// Rewrites a file and makes sure its modification time changes even on coarse clocks.
void rewrite(TempDir& dir, const std::string& relative, const std::string& text) {
  const fs::path file = dir.path() / relative;
  std::error_code ec;
  const auto before = fs::last_write_time(file, ec);
  dir.write(relative, text);
  if (!ec)
    fs::last_write_time(file, before + std::chrono::seconds(2));
}

// The message of the RC2001 finding.
std::string first_message(const Client& client, const std::string& uri) {
  for (const json& d : client.diagnostics(uri)) {
    if (d.at("code") == "RC2001")
      return d.at("message").get<std::string>();
  }
  return {};
}

}  // namespace

TEST_CASE("the language of replyc.json applies while the setting is auto", "[config]") {
  ClientOptions options;
  options.initialization_options = {{"messageLanguage", "auto"}};
  Fixture f(options);
  rewrite(f.dir, "replyc.json", R"({"lang": "zh-CN"})");
  f.client.watched_files(json::array({{{"uri", f.dir.uri("replyc.json")}, {"type", 2}}}));
  f.client.change_full(f.main, with_typo());
  CHECK(first_message(f.client, f.main) == "未声明的参数“ordr_id”");

  // Edited again and announced as a watched file: English.
  rewrite(f.dir, "replyc.json", R"({"lang": "en"})");
  f.client.watched_files(json::array({{{"uri", f.dir.uri("replyc.json")}, {"type", 2}}}));
  CHECK(first_message(f.client, f.main) == "unknown param 'ordr_id'");

  // Saved without any notification: noticed at the next analysis all the same.
  rewrite(f.dir, "replyc.json", R"({"lang": "zh-CN"})");
  f.client.save(f.main);
  CHECK(first_message(f.client, f.main) == "未声明的参数“ordr_id”");

  // An explicit setting wins over replyc.json, and "auto" gives it back.
  f.client.configuration({{"replyc", {{"messageLanguage", "en"}}}});
  CHECK(first_message(f.client, f.main) == "unknown param 'ordr_id'");
  f.client.configuration({{"messageLanguage", "auto"}});
  CHECK(first_message(f.client, f.main) == "未声明的参数“ordr_id”");
}

TEST_CASE("--lang applies while the setting is auto", "[config]") {
  ClientOptions options;
  options.initialization_options = nullptr;
  options.backend.language = UiLanguage::Chinese;
  Fixture f(options);
  f.client.change_full(f.main, with_typo());
  CHECK(first_message(f.client, f.main) == "未声明的参数“ordr_id”");
}

TEST_CASE("a new replyc.json moves the project root", "[config]") {
  TempDir dir;
  dir.write("replyc.json", "{}");
  dir.write("snippets.reply", kSnippets);
  std::string text = kMain;
  text.replace(text.find("\"snippets.reply\""), 16, "\"../snippets.reply\"");
  dir.write("sub/main.reply", text);
  Client client;
  const std::string uri = dir.uri("sub/main.reply");
  client.open(uri, text);
  CHECK(client.diagnostics(uri).empty());

  // sub/ becomes a project of its own: the import now leaves its root.
  dir.write("sub/replyc.json", "{}");
  client.watched_files(json::array({{{"uri", dir.uri("sub/replyc.json")}, {"type", 1}}}));
  const auto codes = client.codes(uri);
  CHECK(std::find(codes.begin(), codes.end(), "RC4003") != codes.end());

  fs::remove(dir.path() / "sub" / "replyc.json");
  client.watched_files(json::array({{{"uri", dir.uri("sub/replyc.json")}, {"type", 3}}}));
  CHECK(client.diagnostics(uri).empty());
}

TEST_CASE("a template outside any project uses the workspace root, else its folder", "[config]") {
  TempDir dir;
  dir.write("snippets.reply", kSnippets);
  std::string text = kMain;
  text.replace(text.find("\"snippets.reply\""), 16, "\"../snippets.reply\"");
  ClientOptions options;
  options.workspace_root = dir.path().string();
  Client inside(options);
  inside.open(dir.uri("sub/main.reply"), text);
  CHECK(inside.diagnostics(dir.uri("sub/main.reply")).empty());

  Client alone;  // no workspace: the root is sub/, and ../ leaves it
  alone.open(dir.uri("sub/main.reply"), text);
  const auto codes = alone.codes(dir.uri("sub/main.reply"));
  CHECK(std::find(codes.begin(), codes.end(), "RC4003") != codes.end());
}

}  // namespace replyc::lsp::test
