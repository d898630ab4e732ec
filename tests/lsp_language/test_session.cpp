// Whole JSON-RPC sessions through lsp::run_server with the real backend: framed bytes in,
// messages out.
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

#include "fixture.hpp"
#include "lsp/byte_source.hpp"
#include "lsp/server.hpp"

namespace replyc::lsp::test {
namespace {

using nlohmann::json;

std::string frame(const json& message) {
  const std::string body = message.dump();
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::vector<json> unframe(std::string_view output) {
  std::vector<json> messages;
  while (!output.empty()) {
    const auto header_end = output.find("\r\n\r\n");
    REQUIRE(header_end != std::string_view::npos);
    const std::string header(output.substr(0, header_end));
    REQUIRE(header.rfind("Content-Length: ", 0) == 0);
    const std::size_t length = std::stoul(header.substr(16));
    output.remove_prefix(header_end + 4);
    REQUIRE(output.size() >= length);
    messages.push_back(json::parse(output.substr(0, length)));
    output.remove_prefix(length);
  }
  return messages;
}

// Hands the server one message at a time: ready() is false at the end of each, so the server
// handles what it has (and publishes) before it reads the next, as with a client that waits.
class OneAtATime final : public ByteSource {
 public:
  explicit OneAtATime(std::vector<std::string> chunks) : chunks_(std::move(chunks)) {}
  std::size_t read(char* buffer, std::size_t capacity) override {
    while (next_ < chunks_.size() && offset_ == chunks_[next_].size()) {
      ++next_;
      offset_ = 0;
    }
    if (next_ == chunks_.size())
      return 0;
    const std::size_t n = std::min(capacity, chunks_[next_].size() - offset_);
    std::copy_n(chunks_[next_].data() + offset_, n, buffer);
    offset_ += n;
    return n;
  }
  bool ready() override { return next_ < chunks_.size() && offset_ < chunks_[next_].size(); }

 private:
  std::vector<std::string> chunks_;
  std::size_t next_ = 0;
  std::size_t offset_ = 0;
};

json request(int id, const std::string& method, json params) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}

json notification(const std::string& method, json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

json response(const std::vector<json>& messages, int id) {
  for (const json& message : messages) {
    if (message.contains("id") && message["id"] == id && !message.contains("method"))
      return message;
  }
  FAIL("no response to " << id);
  return nullptr;
}

}  // namespace

TEST_CASE("a scripted session: diagnostics, hover, quick fix, exit", "[session]") {
  const std::string encoding = GENERATE("utf-16", "utf-8");
  INFO(encoding);
  TempDir dir;
  dir.write("replyc.json", "{}");
  dir.write("snippets.reply", kSnippets);
  std::string text = kMain;
  // A 4-byte character before the typo: columns differ between the encodings.
  text.replace(text.find("{order_id} with"), 10, "😀 {ordr_id}");
  const std::string uri = dir.uri("main.reply");

  // Where ordr_id is, in the session's encoding.
  const std::size_t line_start = text.rfind('\n', text.find("{ordr_id}")) + 1;
  const std::string before = text.substr(line_start, text.find("ordr_id") - line_start);
  const int character =
      static_cast<int>(encoding == "utf-8" ? before.size() : before.size() - 4 + 2);
  const int line = static_cast<int>(
      std::count(text.begin(), text.begin() + static_cast<long>(line_start), '\n'));
  const json range = {{"start", {{"line", line}, {"character", character}}},
                      {"end", {{"line", line}, {"character", character + 7}}}};

  std::vector<std::string> input;
  input.push_back(
      frame(request(1, "initialize",
                    {{"processId", nullptr},
                     {"rootUri", dir.uri("")},
                     {"initializationOptions", {{"messageLanguage", "en"}}},
                     {"capabilities", {{"general", {{"positionEncodings", {encoding}}}}}}})));
  input.push_back(frame(notification("initialized", json::object())));
  input.push_back(frame(
      notification("textDocument/didOpen",
                   {{"textDocument",
                     {{"uri", uri}, {"languageId", "reply"}, {"version", 1}, {"text", text}}}})));
  input.push_back(frame(request(2, "textDocument/hover",
                                {{"textDocument", {{"uri", uri}}}, {"position", range["start"]}})));
  input.push_back(frame(request(3, "textDocument/codeAction",
                                {{"textDocument", {{"uri", uri}}},
                                 {"range", range},
                                 {"context", {{"diagnostics", json::array()}}}})));
  input.push_back(frame(notification(
      "textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                                 {"contentChanges", {{{"range", range}, {"text", "order_id"}}}}})));
  input.push_back(frame(request(4, "shutdown", nullptr)));
  input.push_back(frame(notification("exit", nullptr)));

  language::LanguageBackend backend(replyc_lsp_options());
  OneAtATime in(input);
  std::ostringstream out;
  std::ostringstream log;
  ServerOptions server;
  server.log = &log;
  const int status = run_server(in, out, backend, server);
  INFO(log.str());
  CHECK(status == 0);
  const auto messages = unframe(out.str());

  CHECK(response(messages, 1)["result"]["capabilities"]["positionEncoding"] == encoding);
  std::vector<json> published;
  for (const json& message : messages) {
    if (message.value("method", "") == "textDocument/publishDiagnostics")
      published.push_back(message["params"]);
  }
  REQUIRE(published.size() == 2);
  CHECK(published[0]["version"] == 1);
  REQUIRE(published[0]["diagnostics"].size() >= 1);
  json unknown;
  for (const json& d : published[0]["diagnostics"]) {
    if (d["code"] == "RC2001")
      unknown = d;
  }
  REQUIRE(unknown.is_object());
  CHECK(unknown["range"] == range);
  CHECK(published[1]["version"] == 2);
  for (const json& d : published[1]["diagnostics"])
    CHECK(d["code"] != "RC2001");  // (the emoji itself is a policy finding)

  const json hover = response(messages, 2)["result"];
  CHECK(hover["contents"]["value"].get<std::string>().find("RC2001 unknown-param") !=
        std::string::npos);
  bool fixed = false;
  const json actions = response(messages, 3)["result"];
  for (const json& action : actions) {
    if (action["title"] == "did you mean 'order_id'?") {
      fixed = true;
      CHECK(action["edit"]["changes"][uri][0]["range"] == range);
    }
  }
  CHECK(fixed);
  CHECK(response(messages, 4).contains("result"));
}

}  // namespace replyc::lsp::test
