// Fuzz target: arbitrary bytes as the client side of a language server session: framing,
// JSON-RPC, lifecycle, dispatch and document sync (lsp/server.hpp, with the protocol tests' fake
// backend). Input that starts with "Content-Length" goes to the server as it is; any other input
// is split into lines, each sent as one framed message (a line {"send": M} sends M, so the
// scripted sessions of tests/lsp/sessions/ are seeds as they are).
// Invariants: no crash, no exception, an exit code of 0 or 1, and everything the server writes is
// well framed JSON-RPC 2.0.
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>

#include "lsp/server.hpp"
#include "tests/fuzz/entries.hpp"
#include "tests/lsp/fake_backend.hpp"

namespace replyc::fuzz {
namespace {

std::string frame(std::string_view body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

std::string session_bytes(std::string_view input) {
  if (input.starts_with("Content-Length"))
    return std::string(input);
  std::string out;
  std::size_t start = 0;
  while (start <= input.size()) {
    auto end = input.find('\n', start);
    if (end == std::string_view::npos)
      end = input.size();
    const std::string_view line = input.substr(start, end - start);
    const auto json = nlohmann::json::parse(line, nullptr, false);
    if (json.is_object() && json.contains("send"))
      out += frame(json["send"].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    else if (!line.empty())
      out += frame(line);
    start = end + 1;
  }
  return out;
}

// Splits the server's output into messages, checking the framing of each.
void check_output(std::string_view out) {
  while (!out.empty()) {
    constexpr std::string_view kHeader = "Content-Length: ";
    REPLYC_FUZZ_CHECK(out.starts_with(kHeader));
    const auto header_end = out.find("\r\n\r\n");
    REPLYC_FUZZ_CHECK(header_end != std::string_view::npos);
    const std::string length_text(out.substr(kHeader.size(), header_end - kHeader.size()));
    REPLYC_FUZZ_CHECK(!length_text.empty() &&
                      length_text.find_first_not_of("0123456789") == std::string::npos);
    const std::size_t length = std::stoul(length_text);
    REPLYC_FUZZ_CHECK(header_end + 4 + length <= out.size());
    const auto message = nlohmann::json::parse(out.substr(header_end + 4, length), nullptr, false);
    REPLYC_FUZZ_CHECK(message.is_object());
    REPLYC_FUZZ_CHECK(message.value("jsonrpc", "") == "2.0");
    REPLYC_FUZZ_CHECK(message.contains("method") || message.contains("id"));
    out.remove_prefix(header_end + 4 + length);
  }
}

}  // namespace

int lsp(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(session_bytes(std::string_view(reinterpret_cast<const char*>(data), size)));
  std::ostringstream out;
  lsp::test::FakeBackend backend;
  lsp::ServerOptions options;
  options.log = nullptr;
  options.max_message_bytes = 1 << 16;
  options.max_read_ahead = 1 + size % 8;
  const int code = lsp::run_server(in, out, backend, options);
  REPLYC_FUZZ_CHECK(code == 0 || code == 1);
  check_output(out.str());
  return 0;
}

}  // namespace replyc::fuzz
