// Server behaviour checked in code: what is easier to build than to spell out in a session file
// (coalescing, oversized messages, backend failures, the file descriptor path).
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <thread>

#include "fake_backend.hpp"
#include "lsp/byte_source.hpp"
#include "lsp/capabilities.hpp"
#include "lsp/jsonrpc.hpp"
#include "session.hpp"

namespace replyc::lsp::test {
namespace {

using nlohmann::json;

const std::string kUri = "file:///t/a.reply";

std::string start() {
  return frame(initialize_request(1)) + frame(notification("initialized"));
}
std::string finish() {
  return frame(request(99, "shutdown")) + frame(notification("exit"));
}

std::vector<std::string> calls_named(const FakeBackend& backend, std::string_view name) {
  std::vector<std::string> result;
  for (const std::string& call : backend.calls) {
    if (call.starts_with(name))
      result.push_back(call);
  }
  return result;
}

TEST_CASE("server advertises its capabilities", "[server]") {
  FakeBackend backend;
  const SessionResult session = run_session(start() + finish(), backend);
  const json result = response_to(session.messages, 1)["result"];
  const json capabilities = result["capabilities"];
  CHECK(capabilities["positionEncoding"] == "utf-16");
  CHECK(capabilities["textDocumentSync"] ==
        json::parse(R"({"openClose":true,"change":2,"save":{"includeText":false}})"));
  CHECK(capabilities["codeActionProvider"]["codeActionKinds"] ==
        json::parse(R"(["quickfix","source.fixAll"])"));
  CHECK(capabilities["completionProvider"]["triggerCharacters"] ==
        json::parse(R"(["{",":","@","["])"));
  CHECK(capabilities["renameProvider"] == json::parse(R"({"prepareProvider":true})"));
  CHECK(capabilities["hoverProvider"] == true);
  CHECK(capabilities["definitionProvider"] == true);
  CHECK(capabilities["referencesProvider"] == true);
  CHECK(capabilities["documentSymbolProvider"] == true);
  CHECK_FALSE(capabilities.contains("documentFormattingProvider"));
  CHECK(result["serverInfo"]["name"] == "replyc");
  CHECK(backend.root_path == "/work/my templates");
  CHECK(session.exit_code == 0);
}

TEST_CASE("server negotiates the position encoding", "[server]") {
  CHECK(negotiate_encoding(json::object()) == PositionEncoding::kUtf16);
  CHECK(negotiate_encoding(json::parse(R"({"general":{"positionEncodings":["utf-16"]}})")) ==
        PositionEncoding::kUtf16);
  CHECK(negotiate_encoding(json::parse(
            R"({"general":{"positionEncodings":["utf-32","utf-8"]}})")) == PositionEncoding::kUtf8);
  CHECK(negotiate_encoding(json::parse(R"({"general":{"positionEncodings":"utf-8"}})")) ==
        PositionEncoding::kUtf16);
  CHECK(negotiate_encoding(json::parse(R"({"general":[]})")) == PositionEncoding::kUtf16);
  FakeBackend backend;
  const SessionResult session = run_session(frame(initialize_request(1, {"utf-16", "utf-8"})) +
                                                frame(did_open(kUri, 1, "\xF0\x9F\x98\x80TODO")),
                                            backend);
  CHECK(response_to(session.messages, 1)["result"]["capabilities"]["positionEncoding"] == "utf-8");
  const auto published = with_method(session.messages, "textDocument/publishDiagnostics");
  REQUIRE(published.size() == 1);
  CHECK(published[0]["params"]["diagnostics"][0]["range"]["start"]["character"] == 4);
}

TEST_CASE("server advertises and routes formatting only when the backend formats", "[server]") {
  const std::string input =
      start() + frame(did_open(kUri, 1, "x")) +
      frame(request(2, "textDocument/formatting",
                    {{"textDocument", {{"uri", kUri}}},
                     {"options", {{"tabSize", 2}, {"insertSpaces", true}}}})) +
      finish();
  FakeBackend plain;
  const SessionResult without = run_session(input, plain);
  CHECK_FALSE(response_to(without.messages, 1)["result"]["capabilities"].contains(
      "documentFormattingProvider"));
  CHECK(response_to(without.messages, 2)["error"]["code"] == error_code::kMethodNotFound);
  FakeBackend formatter;
  formatter.can_format = true;
  const SessionResult with = run_session(input, formatter);
  CHECK(response_to(with.messages, 1)["result"]["capabilities"]["documentFormattingProvider"] ==
        true);
  CHECK(response_to(with.messages, 2)["result"] == json::array());
}

TEST_CASE("server merges what the backend adds to the initialize result", "[server]") {
  FakeBackend backend;
  backend.initialize_result = {
      {"serverInfo", {{"version", "9.9"}}},
      {"capabilities", {{"hoverProvider", nullptr}, {"workspaceSymbolProvider", true}}}};
  const std::string input =
      frame(request(1, "initialize",
                    {{"processId", 1},
                     {"rootUri", nullptr},
                     {"workspaceFolders", {{{"uri", "file:///ws%20one"}, {"name", "ws"}}}},
                     {"initializationOptions", {{"locale", "de-DE"}}},
                     {"capabilities", {{"textDocument", {{"hover", json::object()}}}}}})) +
      finish();
  const SessionResult session = run_session(input, backend);
  const json result = response_to(session.messages, 1)["result"];
  CHECK(result["serverInfo"] == json::parse(R"({"name":"replyc","version":"9.9"})"));
  CHECK_FALSE(result["capabilities"].contains("hoverProvider"));
  CHECK(result["capabilities"]["workspaceSymbolProvider"] == true);
  CHECK(backend.root_path == "/ws one");
  CHECK(backend.initialization_options == json{{"locale", "de-DE"}});
  CHECK(backend.client_capabilities.contains("textDocument"));
}

TEST_CASE("server coalesces queued changes of one document", "[server]") {
  FakeBackend backend;
  std::string input = start() + frame(did_open(kUri, 1, "TODO"));
  for (int version = 2; version <= 6; ++version) {
    input += frame(did_change(kUri, version, json::array({change(0, 0, 0, 0, "x")})));
  }
  input += frame(request(2, "textDocument/hover", text_position(kUri, 0, 100)));
  input += frame(did_change(kUri, 7, json::array({change(0, 0, 0, 0, "y")})));
  input += finish();
  const SessionResult session = run_session(input, backend);
  // didOpen is followed by queued changes: analysed once after the last change.
  CHECK(calls_named(backend, "diagnostics") == std::vector<std::string>{"diagnostics " + kUri});
  const auto published = with_method(session.messages, "textDocument/publishDiagnostics");
  REQUIRE(published.size() == 1);
  CHECK(published[0]["params"]["version"] == 7);
  CHECK(published[0]["params"]["diagnostics"][0]["message"] == "TODO v7");
  CHECK(published[0]["params"]["diagnostics"][0]["range"]["start"]["character"] == 6);
  // The hover in between saw the text of version 6 ("xxxxxTODO": the line ends at byte 9).
  CHECK(response_to(session.messages, 2)["result"]["contents"] == "offset 9 of " + kUri);
}

TEST_CASE("server analyses a deferred change when the later change is rejected", "[server]") {
  FakeBackend backend;
  const std::string input = start() + frame(did_open(kUri, 1, "TODO")) +
                            frame(did_change(kUri, 2, json::array({change(0, 0, 0, 0, "x")}))) +
                            frame(did_change(kUri, 2, json::array({change(0, 0, 0, 0, "stale")}))) +
                            finish();
  const SessionResult session = run_session(input, backend);
  const auto published = with_method(session.messages, "textDocument/publishDiagnostics");
  REQUIRE(published.size() == 1);
  CHECK(published[0]["params"]["version"] == 2);
  CHECK_THAT(session.log, Catch::Contains("ignored change to version 2"));
}

TEST_CASE("server rejects an edit whose range ends before it starts", "[server]") {
  FakeBackend backend;
  const std::string input = start() + frame(did_open(kUri, 1, "abc TODO")) +
                            frame(request(2, "textDocument/hover", text_position(kUri, 0, 0))) +
                            frame(did_change(kUri, 2, json::array({change(0, 3, 0, 1, "zz")}))) +
                            frame(request(3, "textDocument/hover", text_position(kUri, 0, 0))) +
                            finish();
  const SessionResult session = run_session(input, backend);
  CHECK_THAT(session.log, Catch::Contains("before its start"));
  const auto published = with_method(session.messages, "textDocument/publishDiagnostics");
  REQUIRE(published.size() == 1);  // the rejected change publishes nothing new
  CHECK(published[0]["params"]["version"] == 1);
  CHECK(response_to(session.messages, 3)["result"]["contents"] == "offset 0 of " + kUri);
}

TEST_CASE("server refuses oversized messages and answers when it finds an id", "[server]") {
  FakeBackend backend;
  ServerOptions options;
  options.max_message_bytes = 2000;
  const json big_hover = request(2, "textDocument/hover",
                                 {{"textDocument", {{"uri", kUri}}},
                                  {"position", {{"line", 0}, {"character", 0}}},
                                  {"padding", std::string(5000, 'p')}});
  const json big_open = did_open(kUri, 1, std::string(5000, 'x'));
  const std::string input = start() + frame(big_hover) + frame(big_open) +
                            frame(request(3, "textDocument/hover", text_position(kUri, 0, 0))) +
                            finish();
  const SessionResult session = run_session(input, backend, options);
  const json refused = response_to(session.messages, 2);
  CHECK(refused["error"]["code"] == error_code::kInvalidRequest);
  CHECK_THAT(refused["error"]["message"].get<std::string>(), Catch::Contains("exceeds the limit"));
  CHECK(with_method(session.messages, "textDocument/publishDiagnostics").empty());
  CHECK(response_to(session.messages, 3)["result"].is_null());  // the document never opened
  CHECK_THAT(session.log, Catch::Contains("no request id found"));
  CHECK(session.exit_code == 0);
}

TEST_CASE("server turns backend failures into InternalError", "[server]") {
  FakeBackend backend;
  backend.throw_in = {"hover", "diagnostics"};
  const std::string input =
      start() + frame(did_open(kUri, 1, "TODO")) +
      frame(request(2, "textDocument/hover", text_position(kUri, 0, 0))) +
      frame(request(3, "textDocument/completion", text_position(kUri, 0, 0))) + finish();
  const SessionResult session = run_session(input, backend);
  CHECK(response_to(session.messages, 2)["error"]["code"] == error_code::kInternalError);
  CHECK(response_to(session.messages, 3).contains("result"));
  CHECK(with_method(session.messages, "textDocument/publishDiagnostics").empty());
  CHECK_THAT(session.log, Catch::Contains("fake failure in diagnostics"));
  CHECK(session.exit_code == 0);
}

TEST_CASE("server passes a backend RequestError through", "[server]") {
  FakeBackend backend;
  backend.request_error_in_rename = true;
  json params = text_position(kUri, 0, 0);
  params["newName"] = "x";
  const SessionResult session =
      run_session(start() + frame(request(2, "textDocument/rename", params)) + finish(), backend);
  const json error = response_to(session.messages, 2)["error"];
  CHECK(error["code"] == error_code::kRequestFailed);
  CHECK(error["message"] == "cannot rename a built-in");
  CHECK(error["data"]["reason"] == "builtin");
}

TEST_CASE("server forwards configuration and watched files and republishes", "[server]") {
  FakeBackend backend;
  const json changes = {{"changes", {{{"uri", "file:///t/b.reply"}, {"type", 2}}}}};
  const std::string input =
      start() + frame(did_open(kUri, 1, "x")) +
      frame(notification("workspace/didChangeConfiguration", {{"settings", {{"replyc", 1}}}})) +
      frame(notification("workspace/didChangeWatchedFiles", changes)) + finish();
  const SessionResult session = run_session(input, backend);
  CHECK(backend.calls == std::vector<std::string>{"initialize /work/my templates",
                                                  "diagnostics " + kUri,
                                                  "configuration {\"replyc\":1}", "diagnostics ",
                                                  "watched " + changes.dump(), "diagnostics "});
  CHECK(with_method(session.messages, "textDocument/publishDiagnostics").size() == 3);
}

TEST_CASE("server stamps versions and drops stale diagnostics", "[server]") {
  FakeBackend backend;
  backend.diagnostics_version = 1;  // the backend claims version 1 every time
  backend.extra_diagnostic_uris = {"file:///t/closed.reply"};
  const std::string input = start() + frame(did_open(kUri, 1, "TODO")) +
                            frame(request(2, "shutdown")) + frame(notification("exit"));
  const SessionResult first = run_session(input, backend);
  const auto published = with_method(first.messages, "textDocument/publishDiagnostics");
  REQUIRE(published.size() == 2);
  CHECK(published[0]["params"]["version"] == 1);
  CHECK(published[1]["params"]["uri"] == "file:///t/closed.reply");
  CHECK_FALSE(published[1]["params"].contains("version"));  // not open: no version

  FakeBackend stale_backend;
  stale_backend.diagnostics_version = 1;
  const std::string changed = start() + frame(did_open(kUri, 1, "TODO")) +
                              frame(request(2, "textDocument/hover", text_position(kUri, 0, 0))) +
                              frame(did_change(kUri, 2, json::array({change(0, 0, 0, 0, "x")}))) +
                              finish();
  ServerOptions no_read_ahead;
  no_read_ahead.max_read_ahead = 1;  // no coalescing: version 1 is analysed before the change
  const SessionResult second = run_session(changed, stale_backend, no_read_ahead);
  CHECK(with_method(second.messages, "textDocument/publishDiagnostics").size() == 1);
  CHECK_THAT(second.log, Catch::Contains("dropped diagnostics computed for version 1"));
}

TEST_CASE("server publishes empty diagnostics on close and skips the closed uri", "[server]") {
  FakeBackend backend;
  const std::string other = "file:///t/b.reply";
  const std::string input =
      start() + frame(did_open(kUri, 1, "TODO")) +
      frame(request(2, "textDocument/hover", text_position(kUri, 0, 0))) +
      frame(did_open(other, 1, "TODO TODO")) +
      frame(request(3, "textDocument/hover", text_position(kUri, 0, 0))) +
      frame(notification("textDocument/didClose", {{"textDocument", {{"uri", kUri}}}})) + finish();
  const SessionResult session = run_session(input, backend);
  const auto published = with_method(session.messages, "textDocument/publishDiagnostics");
  // didOpen of a waits for its queued didClose; then a and b; the empty a; b again.
  REQUIRE(published.size() == 4);
  CHECK(published[0]["params"]["uri"] == kUri);
  CHECK(published[1]["params"]["uri"] == other);
  CHECK(published[2]["params"] == json{{"uri", kUri}, {"diagnostics", json::array()}});
  CHECK(published[3]["params"]["uri"] == other);
  CHECK(published[3]["params"]["diagnostics"].size() == 2);
}

TEST_CASE("server reads from a pipe through a file descriptor", "[server]") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const std::string input = start() + frame(did_open(kUri, 1, "TODO")) +
                            frame(request(2, "textDocument/hover", text_position(kUri, 0, 2))) +
                            finish();
  std::thread writer([&] {
    // Dribble the bytes to exercise partial reads.
    for (std::size_t at = 0; at < input.size(); at += 7) {
      const std::size_t n = std::min<std::size_t>(7, input.size() - at);
      REQUIRE(::write(fds[1], input.data() + at, n) == static_cast<ssize_t>(n));
    }
    ::close(fds[1]);
  });
  FdSource source(fds[0]);
  std::ostringstream out;
  FakeBackend backend;
  ServerOptions options;
  options.log = nullptr;
  const int exit_code = run_server(source, out, backend, options);
  writer.join();
  ::close(fds[0]);
  CHECK(exit_code == 0);
  const auto messages = parse_frames(out.str());
  CHECK(response_to(messages, 2)["result"]["contents"] == "offset 2 of " + kUri);
  CHECK(with_method(messages, "textDocument/publishDiagnostics").size() == 1);
}

TEST_CASE("server answers every request once and no notification", "[server]") {
  // Random methods, ids and params shapes: whatever comes in, each request gets exactly one
  // response with its id, notifications get none, and nothing escapes as an exception.
  const std::vector<std::string> methods = {"initialize",
                                            "shutdown",
                                            "textDocument/hover",
                                            "textDocument/completion",
                                            "textDocument/definition",
                                            "textDocument/references",
                                            "textDocument/rename",
                                            "textDocument/prepareRename",
                                            "textDocument/codeAction",
                                            "textDocument/documentSymbol",
                                            "textDocument/formatting",
                                            "textDocument/didOpen",
                                            "textDocument/didChange",
                                            "textDocument/didClose",
                                            "textDocument/didSave",
                                            "workspace/didChangeConfiguration",
                                            "workspace/didChangeWatchedFiles",
                                            "$/cancelRequest",
                                            "$/setTrace",
                                            "initialized",
                                            "unknown/thing",
                                            "replyc/echo"};
  const std::vector<json> params = {
      nullptr,
      json::array(),
      json::object(),
      {{"textDocument", 5}},
      {{"textDocument", {{"uri", kUri}}}},
      text_position(kUri, 0, 3),
      text_position(kUri, 70000, 70000),
      {{"textDocument", {{"uri", kUri}, {"version", 3}, {"text", "TODO\r\n\xC3\xA9"}}}},
      {{"textDocument", {{"uri", kUri}, {"version", 4}}},
       {"contentChanges", json::array({change(0, 1, 2, 0, "\xF0\x9F\x98\x80")})}},
      {{"textDocument", {{"uri", kUri}, {"version", 5}}},
       {"contentChanges", json::array({change(3, 0, 0, 0, "x")})}},
      {{"textDocument", {{"uri", kUri}}},
       {"position", {{"line", 0}, {"character", 1}}},
       {"newName", "y"},
       {"context", json::object()},
       {"range", {{"start", 1}}}},
      {{"id", 3}},
      {{"settings", nullptr}}};
  std::mt19937 random(99);
  for (int round = 0; round < 40; ++round) {
    std::string input;
    std::vector<int> request_ids;
    for (int i = 0; i < 60; ++i) {
      const std::string& method = methods[random() % methods.size()];
      const json& param = params[random() % params.size()];
      if (random() % 2 == 0) {
        const int id = round * 1000 + i;
        request_ids.push_back(id);
        input += frame(request(id, method, param));
      } else {
        input += frame(notification(method, param));
      }
    }
    FakeBackend backend;
    const SessionResult session = run_session(input + frame(notification("exit")), backend);
    std::vector<int> answered;
    for (const json& message : session.messages) {
      if (message.contains("method")) {
        CHECK(message["method"] == "textDocument/publishDiagnostics");
        continue;
      }
      REQUIRE(message["id"].is_number_integer());
      answered.push_back(message["id"].get<int>());
      CHECK(message.contains("result") != message.contains("error"));
    }
    CHECK(answered == request_ids);
  }
}

TEST_CASE("server ends at end of input without exit", "[server]") {
  FakeBackend backend;
  CHECK(run_session("", backend).exit_code == 1);
  CHECK(run_session(start(), backend).exit_code == 1);
  CHECK(run_session(start() + frame(request(2, "shutdown")), backend).exit_code == 0);
  const SessionResult truncated =
      run_session(start() + "Content-Length: 50\r\n\r\n{\"jsonrpc\":", backend);
  CHECK(truncated.exit_code == 1);
  CHECK_THAT(truncated.log, Catch::Contains("end of input"));
}

TEST_CASE("server stops reading at exit", "[server]") {
  FakeBackend backend;
  const SessionResult session =
      run_session(start() + frame(notification("exit")) + frame(request(5, "shutdown")), backend);
  CHECK(session.exit_code == 1);
  CHECK(response_to(session.messages, 5).is_null());
}

TEST_CASE("server stops when the output fails", "[server]") {
  FakeBackend backend;
  std::istringstream in(start() + frame(request(2, "shutdown")) + frame(notification("exit")));
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  std::ostringstream log;
  ServerOptions options;
  options.log = &log;
  CHECK(run_server(in, out, backend, options) == 1);
  CHECK_THAT(log.str(), Catch::Contains("output stream failed"));
}

}  // namespace
}  // namespace replyc::lsp::test
