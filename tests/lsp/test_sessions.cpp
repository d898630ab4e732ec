// Runs every tests/lsp/sessions/*.jsonl: one JSON object per line (lines starting with "//" are
// comments), each one of
//   {"send": message}          a framed message to the server
//   {"send_body": "text"}      a framed body given as raw text (for invalid JSON)
//   {"send_raw": "bytes"}      bytes sent as they are (for broken headers)
//   {"expect": message}        the next message the server writes, compared as JSON
//   {"expect_partial": json}   the same, but only the members given are compared
//   {"exit_code": n}           the code run_server returns
//   {"calls": [..]}            everything the FakeBackend was asked, in order
//   {"log_contains": "text"}   the server's log mentions this
//   {"options": {"max_message_bytes": n, "max_read_ahead": n, "can_format": bool}}
// The server must write exactly the expected messages, in order.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fake_backend.hpp"
#include "session.hpp"

namespace replyc::lsp::test {
namespace {

using nlohmann::json;

// True when every member of `expected` is in `actual` with a matching value (recursively for
// objects; arrays and scalars compare whole).
bool matches_partially(const json& actual, const json& expected) {
  if (!expected.is_object())
    return actual == expected;
  if (!actual.is_object())
    return false;
  for (const auto& [key, value] : expected.items()) {
    if (!actual.contains(key) || !matches_partially(actual[key], value))
      return false;
  }
  return true;
}

struct Expectation {
  json message;
  bool partial = false;
  int line = 0;
};

void run_session_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  REQUIRE(file);
  std::string input;
  std::vector<Expectation> expected;
  std::optional<int> exit_code;
  std::optional<std::vector<std::string>> calls;
  std::vector<std::string> log_contains;
  ServerOptions options;
  FakeBackend backend;

  std::string line;
  int number = 0;
  while (std::getline(file, line)) {
    ++number;
    if (line.empty() || line.starts_with("//"))
      continue;
    INFO(path.filename().string() << ":" << number);
    const json entry = json::parse(line);
    REQUIRE(entry.is_object());
    REQUIRE(entry.size() == 1);
    const std::string key = entry.begin().key();
    const json& value = entry.begin().value();
    if (key == "send") {
      input += frame(value);
    } else if (key == "send_body") {
      input += frame_raw(value.get<std::string>());
    } else if (key == "send_raw") {
      input += value.get<std::string>();
    } else if (key == "expect" || key == "expect_partial") {
      expected.push_back({value, key == "expect_partial", number});
    } else if (key == "exit_code") {
      exit_code = value.get<int>();
    } else if (key == "calls") {
      calls = value.get<std::vector<std::string>>();
    } else if (key == "log_contains") {
      log_contains.push_back(value.get<std::string>());
    } else if (key == "options") {
      options.max_message_bytes = value.value("max_message_bytes", options.max_message_bytes);
      options.max_read_ahead = value.value("max_read_ahead", options.max_read_ahead);
      backend.can_format = value.value("can_format", false);
    } else {
      FAIL("unknown session entry " << key);
    }
  }

  const SessionResult result = run_session(input, backend, options);
  INFO(path.filename().string() << " server log:\n" << result.log);
  for (std::size_t i = 0; i < std::max(expected.size(), result.messages.size()); ++i) {
    if (i >= expected.size()) {
      FAIL("unexpected message " << i + 1 << ": " << result.messages[i].dump());
    }
    if (i >= result.messages.size()) {
      FAIL("missing message " << i + 1 << " (line " << expected[i].line
                              << "): " << expected[i].message.dump());
    }
    INFO("message " << i + 1 << " (expected at line " << expected[i].line << ")");
    INFO("expected: " << expected[i].message.dump());
    INFO("actual:   " << result.messages[i].dump());
    if (expected[i].partial) {
      CHECK(matches_partially(result.messages[i], expected[i].message));
    } else {
      CHECK(result.messages[i] == expected[i].message);
    }
  }
  if (exit_code)
    CHECK(result.exit_code == *exit_code);
  if (calls)
    CHECK(backend.calls == *calls);
  for (const std::string& text : log_contains)
    CHECK_THAT(result.log, Catch::Contains(text));
}

TEST_CASE("scripted LSP sessions", "[sessions]") {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(REPLYC_LSP_SESSIONS_DIR)) {
    if (entry.path().extension() == ".jsonl")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 10);
  for (const auto& path : files) {
    DYNAMIC_SECTION(path.filename().string()) {
      run_session_file(path);
    }
  }
}

}  // namespace
}  // namespace replyc::lsp::test
