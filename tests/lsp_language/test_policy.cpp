// The messaging-policy findings in the editor: the same as `replyc check`, with their rewrite as
// a quick fix, the rule explained on hover, suppressible by rule id; and the incremental policy
// pass the server uses reports exactly what the full pass reports, edit after edit.
#include <catch2/catch.hpp>
#include <cstdio>
#include <random>

#include "compiler/driver/policy_pass.hpp"
#include "harness.hpp"
#include "lsp/language/incremental_policy.hpp"

namespace replyc::lsp::test {
namespace {

using nlohmann::json;

const std::string kFlagged = "Please leave us a 5-star review.";

std::string templ(const std::string& id, const std::string& next_steps) {
  return "template " + id + R"(
  title:        Thanks for your order
  scenario:     general
  kind:         reply
  marketplaces: US
  params:
    order_id:   order_id   required

[en]
greeting   = Hello,
             thank you for your message.
confirm    = You asked about order {order_id}.
solution   = It left our warehouse this morning.
next_steps = )" +
         next_steps + R"(
closing    = Kind regards,
             Customer Service
)";
}

json policy_finding(const Client& client, const std::string& uri) {
  for (const json& d : client.diagnostics(uri)) {
    if (d.at("code") == "RC7001")
      return d;
  }
  return nullptr;
}

json run_check_json(const std::filesystem::path& dir, const std::string& file) {
  const std::string command = "cd '" + dir.string() + "' && '" + std::string(REPLYC_BINARY) +
                              "' check --format json --lang en --today " + kToday + " '" + file +
                              "' 2>/dev/null";
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

}  // namespace

TEST_CASE("policy findings equal replyc check", "[policy]") {
  TempDir dir;
  dir.write("replyc.json", "{}");
  const std::string text = templ("shop.review", kFlagged);
  dir.write("review.reply", text);
  ClientOptions options;
  options.workspace_root = dir.path().string();
  Client client(options);
  const std::string uri = dir.uri("review.reply");
  client.open(uri, text);
  const json report = run_check_json(dir.path(), "review.reply");
  const json expected = report.at("diagnostics");
  const json actual = client.diagnostics(uri);
  INFO(expected.dump(1) << "\n" << actual.dump(1));
  REQUIRE(!expected.empty());
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    CHECK(actual[i].at("code") == expected[i].at("code"));
    CHECK(actual[i].at("message") == expected[i].at("message"));
    CHECK(actual[i]["range"]["start"]["character"] == expected[i]["location"]["start"]["utf16"]);
    CHECK(actual[i]["range"]["end"]["character"] == expected[i]["location"]["end"]["utf16"]);
    CHECK(actual[i].at("data").value("rule", "") == expected[i].value("rule", ""));
  }
}

TEST_CASE("a policy finding: rewrite quick fix, hover, suppression by rule id", "[policy]") {
  TempDir dir;
  dir.write("replyc.json", "{}");
  const std::string uri = dir.uri("review.reply");
  const std::string text = templ("shop.review", kFlagged);
  {
    Client client;
    client.open(uri, text);
    const json d = policy_finding(client, uri);
    REQUIRE(d.is_object());
    CHECK(d.at("data").at("rule") == "review-positive-request");
    const Position at = client.pos(uri, "5-star");
    const json hover = client.hover(uri, at.line, at.character);
    const std::string value = hover.at("contents").at("value");
    CHECK(value.find("policy rule `review-positive-request`") != std::string::npos);
    CHECK(value.find("Flagged: ") != std::string::npos);

    const json actions = client.code_actions(uri, d.at("range"), json::array({d}));
    json rewrite;
    for (const json& action : actions) {
      if (action.at("title").get<std::string>().rfind("replace with", 0) == 0)
        rewrite = action;
    }
    REQUIRE(rewrite.is_object());
    client.apply(rewrite.at("edit"));
    CHECK(policy_finding(client, uri).is_null());
  }
  {
    Client client;
    client.open(uri, text);
    const json d = policy_finding(client, uri);
    const json actions = client.code_actions(uri, d.at("range"), json::array({d}));
    json suppress;
    for (const json& action : actions) {
      if (action.at("title") == "Suppress review-positive-request here (with a reason)")
        suppress = action;
    }
    REQUIRE(suppress.is_object());
    client.apply(suppress.at("edit"));
    CHECK(client.codes(uri).empty());
  }
}

namespace {

class MemoryFiles final : public FileSystem {
 public:
  std::map<std::string, std::string> files;
  std::variant<std::string, ReadFailure> read(const std::filesystem::path& path) const override {
    const auto it = files.find(path.generic_string());
    if (it == files.end())
      return ReadFailure{"no such file"};
    return it->second;
  }
  bool is_regular_file(const std::filesystem::path& path) const override {
    return files.contains(path.generic_string());
  }
};

std::vector<std::string> describe(const Compilation& compilation) {
  std::vector<std::string> out;
  for (const Diagnostic& d : compilation.diagnostics()) {
    std::string line = std::string(info(d.code).id) + " " + d.rule + " " +
                       compilation.sources().file(d.where.file).display_name + ":" +
                       std::to_string(d.where.range.begin) + "-" +
                       std::to_string(d.where.range.end) + " " + severity_name(d.severity).data();
    for (const auto& arg : d.args)
      line += " [" + arg + "]";
    for (const auto& fix : d.fixes) {
      for (const auto& edit : fix.edits)
        line += " fix@" + std::to_string(edit.where.range.begin) + ":" + edit.replacement;
    }
    out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("the incremental policy pass reports what the full pass reports", "[policy]") {
  const auto setup = load_policy(nullptr);
  REQUIRE(setup.engine);
  const language::Pass incremental = language::make_incremental_policy_pass(setup.engine);
  const std::vector<std::string> phrases = {
      kFlagged, "Please reply to this message.", "Contact us at help@example.com for a refund.",
      "Before leaving a negative review, please contact us first.", "We will refund you."};

  MemoryFiles files;
  std::string snippets = "snippet shop.note\n\n[en]\ntext = " + phrases[3] + "\n";
  std::vector<std::string> next_steps = {phrases[0], phrases[1], "{@shop.note}",
                                         phrases[2], phrases[4], phrases[1]};
  std::mt19937 random(12345);
  std::string padding;
  for (int step = 0; step < 40; ++step) {
    INFO("step " << step);
    // One random edit: a phrase in one template, the shared snippet, or lines that move blocks.
    switch (random() % 3) {
      case 0:
        next_steps[random() % next_steps.size()] =
            random() % 4 == 0 ? "{@shop.note}" : phrases[random() % phrases.size()];
        break;
      case 1:
        snippets = "snippet shop.note\n\n[en]\ntext = " + phrases[random() % phrases.size()] + "\n";
        break;
      default:
        padding = std::string(random() % 4, '\n') + (random() % 2 ? "# a comment\n" : "");
        break;
    }
    std::string main = "use \"snippets.reply\"\n" + padding;
    for (std::size_t i = 0; i < next_steps.size(); ++i)
      main += "\n" + templ("shop.t" + std::to_string(i), next_steps[i]);
    files.files["/project/main.reply"] = main;
    files.files["/project/snippets.reply"] = snippets;

    std::vector<std::vector<std::string>> results;
    for (int pass = 0; pass < 2; ++pass) {
      CompileOptions options;
      options.root = "/project";
      options.display_base = "/project";
      options.today = kToday;
      options.files = &files;
      enable_policy(options, setup.engine);
      if (pass == 1)
        options.extra_passes = {incremental};
      Compilation compilation(options);
      REQUIRE(!compilation.add_input("/project/main.reply"));
      compilation.run();
      results.push_back(describe(compilation));
    }
    CHECK(results[0] == results[1]);
    const auto policy = std::count_if(results[0].begin(), results[0].end(), [](const auto& line) {
      return line.rfind("RC7001", 0) == 0;
    });
    CHECK(policy > 0);
  }
}

}  // namespace replyc::lsp::test
