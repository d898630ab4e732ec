// Published diagnostics: the same as `replyc check`, for open documents only, re-published for
// every open document and for importers, with related information, links and fixes.
#include <catch2/catch.hpp>
#include <cstdio>
#include <set>

#include "harness.hpp"
#include "lsp/uri.hpp"

namespace replyc::lsp::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

json run_check_json(const std::string& relative) {
  const std::string command = "cd '" + source_dir() + "' && '" + std::string(REPLYC_BINARY) +
                              "' check --format json --lang en --today " + kToday + " '" +
                              relative + "' 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
    out.append(buffer, n);
  ::pclose(pipe);
  return json::parse(out);
}

int lsp_severity(const std::string& severity) {
  return severity == "error" ? 1 : severity == "warning" ? 2 : 3;
}

const std::string kTemplate = R"(template shop.late
  title:        Parcel is running late
  scenario:     shipping_delay
  kind:         reply
  marketplaces: US
  params:
    order_id:   order_id   required
    eta:        date       required

[en]
greeting   = Hello,
             thank you for your message.
confirm    = We are sorry that order {order_id} has not reached you yet.
solution   = It is now expected on {eta:long}.
next_steps = If it has not arrived by then, simply reply to this message.
closing    = Kind regards,
             Customer Service
)";

}  // namespace

TEST_CASE("diagnostics of every broken example equal replyc check", "[diagnostics]") {
  const fs::path broken = fs::path(source_dir()) / "examples" / "broken";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(broken)) {
    if (entry.path().extension() == ".reply")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 40);
  for (const fs::path& file : files) {
    const std::string relative = "examples/broken/" + file.filename().string();
    SECTION(relative) {
      ClientOptions options;
      options.workspace_root = source_dir();
      Client client(options);
      const std::string uri = path_to_uri(file.generic_string());
      client.open(uri, read_file(file));

      json expected = json::array();
      const json report = run_check_json(relative);
      for (const json& d : report.at("diagnostics")) {
        if (d.at("location").is_object() && d["location"].at("file") == relative)
          expected.push_back(d);
      }
      const json actual = client.diagnostics(uri);
      INFO("expected " << expected.dump(1));
      INFO("actual " << actual.dump(1));
      REQUIRE(actual.size() == expected.size());
      CHECK(!report.at("diagnostics").empty());  // every broken example shows its mistake
      for (std::size_t i = 0; i < actual.size(); ++i) {
        const json& a = actual[i];
        const json& e = expected[i];
        CHECK(a.at("code") == e.at("code"));
        CHECK(a.at("message") == e.at("message"));
        CHECK(a.at("severity") == lsp_severity(e.at("severity")));
        CHECK(a.at("source") == "replyc");
        CHECK(a["range"]["start"]["line"] == e["location"]["start"]["line"].get<int>() - 1);
        CHECK(a["range"]["start"]["character"] == e["location"]["start"]["utf16"]);
        CHECK(a["range"]["end"]["line"] == e["location"]["end"]["line"].get<int>() - 1);
        CHECK(a["range"]["end"]["character"] == e["location"]["end"]["utf16"]);
        // The link points at this code's documentation in the source tree.
        const std::string href = a.at("codeDescription").at("href");
        const auto doc = uri_to_path(href);
        REQUIRE(doc.has_value());
        CHECK(fs::path(*doc).filename() == e.at("code").get<std::string>() + ".md");
        CHECK(fs::is_regular_file(*doc));
        CHECK(a.at("data").at("name") == e.at("name"));
        CHECK(a.at("data").value("fixes", json::array()).size() == e.at("fixes").size());
      }
    }
  }
}

TEST_CASE("an invalid replyc.json is reported in the open replyc.json", "[diagnostics]") {
  const fs::path folder = fs::path(source_dir()) / "examples" / "broken" / "invalid-config";
  Client client;
  const std::string config_uri = path_to_uri((folder / "replyc.json").generic_string());
  const std::string template_uri = path_to_uri((folder / "invalid-config.reply").generic_string());
  client.open(template_uri, read_file(folder / "invalid-config.reply"));
  CHECK(client.codes(template_uri).empty());
  CHECK(client.diagnostics(config_uri).empty());
  client.open(config_uri, read_file(folder / "replyc.json"));
  CHECK(client.codes(config_uri) == std::vector<std::string>{"RC0013"});
}

TEST_CASE("files that are not open are read from disk and never published", "[diagnostics]") {
  TempDir dir;
  dir.write("replyc.json", "{}");
  // The snippet file on disk has a mistake of its own (an unknown param).
  dir.write("snippets.reply", "snippet shop.thanks\n\n[en]\ntext = Thanks, {seler_name}\n");
  std::string main = kTemplate;
  main.insert(0, "use \"snippets.reply\"\n\n");
  main.replace(main.find("Kind regards,\n             Customer Service"),
               std::string("Kind regards,\n             Customer Service").size(),
               "{@shop.thanks}");
  const std::string uri = dir.uri("main.reply");
  Client client;
  client.open(uri, main);
  CHECK(client.codes(uri).empty());
  for (const json& params : client.published())
    CHECK(params.at("uri") == uri);
  // The snippet is found on disk: removing it there and saving the importer reports RC4004.
  dir.write("snippets.reply", "snippet shop.other\n\n[en]\ntext = Thanks\n");
  client.save(uri);
  CHECK(client.codes(uri) == std::vector<std::string>{"RC4004"});
}

TEST_CASE("an edit to an imported file re-publishes its open importers", "[diagnostics]") {
  TempDir dir;
  dir.write("replyc.json", "{}");
  const std::string snippets =
      "snippet shop.thanks\n\n[en]\ntext = Thank you for shopping with us.\n";
  std::string main = kTemplate;
  main.insert(0, "use \"snippets.reply\"\n\n");
  main.replace(main.find("Kind regards,\n             Customer Service"),
               std::string("Kind regards,\n             Customer Service").size(),
               "{@shop.thanks}");
  Client client;
  const std::string main_uri = dir.uri("main.reply");
  const std::string snippets_uri = dir.uri("snippets.reply");
  dir.write("snippets.reply", snippets);
  client.open(main_uri, main);
  client.open(snippets_uri, snippets);
  CHECK(client.codes(main_uri).empty());
  CHECK(client.codes(snippets_uri).empty());

  // Rename the snippet in the editor only (not saved): the importer sees the buffer.
  client.clear_published();
  client.change(snippets_uri,
                json::array({{{"range",
                               {{"start", client.position_of(snippets_uri, "thanks", 0, 5)},
                                {"end", client.position_of(snippets_uri, "thanks", 0, 6)}}},
                              {"text", ""}}}));
  CHECK(client.codes(main_uri) == std::vector<std::string>{"RC4004"});
  std::set<std::string> uris;
  for (const json& params : client.published())
    uris.insert(params.at("uri"));
  CHECK(uris == std::set<std::string>{main_uri, snippets_uri});
  // The did-you-mean fix of RC4004 names the snippet as it is now.
  const json d = client.diagnostics(main_uri).at(0);
  CHECK(d.at("data").at("fixes").at(0).at("edits").at(0).at("newText") == "shop.thank");

  // Closing the snippet file falls back to the disk version.
  client.close(snippets_uri);
  CHECK(client.codes(main_uri).empty());
}

TEST_CASE("every open document is published after every change", "[diagnostics]") {
  TempDir dir;
  dir.write("replyc.json", "{}");
  Client client;
  std::string other = kTemplate;
  other.replace(other.find("shop.late"), 9, "shop.other");
  client.open(dir.uri("a.reply"), kTemplate);
  client.open(dir.uri("b.reply"), other);
  client.clear_published();
  client.change(dir.uri("a.reply"),
                json::array({{{"range",
                               {{"start", client.position_of(dir.uri("a.reply"), "Hello")},
                                {"end", client.position_of(dir.uri("a.reply"), "Hello", 0, 5)}}},
                              {"text", "Hi"}}}));
  REQUIRE(client.published().size() == 2);
  for (const json& params : client.published()) {
    CHECK(params.at("diagnostics").empty());
    CHECK(params.at("version") ==
          client.store().get(params.at("uri").get<std::string>())->version());
  }
  // Two templates with one id in two open files: both are inputs, as with `replyc check a b`.
  client.change_full(dir.uri("b.reply"), kTemplate);
  auto codes = client.codes(dir.uri("a.reply"));
  for (const auto& code : client.codes(dir.uri("b.reply")))
    codes.push_back(code);
  CHECK(codes == std::vector<std::string>{"RC5001"});
}

TEST_CASE("related information points at the other locale's line", "[diagnostics]") {
  const fs::path file = fs::path(source_dir()) / "examples/broken/required-param-missing.reply";
  Client client;
  const std::string uri = path_to_uri(file.generic_string());
  client.open(uri, read_file(file));
  const json d = client.diagnostics(uri).at(0);
  REQUIRE(d.at("code") == "RC2004");
  const json related = d.at("relatedInformation").at(0);
  CHECK(related.at("message") == "[en] uses it here");
  CHECK(related.at("location").at("uri") == uri);
  CHECK(slice(client.text(uri), related["location"]["range"], PositionEncoding::kUtf16) ==
        "tracking");
  CHECK(related["location"]["range"]["start"] == client.position_of(uri, "{tracking}", 0, 1));
}

TEST_CASE("messages follow the messageLanguage setting", "[diagnostics]") {
  TempDir dir;
  dir.write("replyc.json", "{}");
  ClientOptions options;
  options.initialization_options = {{"messageLanguage", "zh-CN"}};
  Client client(options);
  std::string text = kTemplate;
  text.replace(text.find("{order_id}"), 10, "{ordr_id}");
  const std::string uri = dir.uri("t.reply");
  client.open(uri, text);
  const auto unknown = [&] {
    for (const json& d : client.diagnostics(uri)) {
      if (d.at("code") == "RC2001")
        return d;
    }
    return json();
  };
  CHECK(unknown().at("message") == "未声明的参数“ordr_id”");
  client.configuration({{"replyc", {{"messageLanguage", "en"}, {"failOn", "warning"}}}});
  CHECK(unknown().at("message") == "unknown param 'ordr_id'");
  CHECK(unknown().at("severity") == 1);  // failOn is for the CLI: severities do not change
}

}  // namespace replyc::lsp::test
