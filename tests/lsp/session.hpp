#pragma once
// Helpers to drive a whole server session from bytes in to messages out.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "lsp/backend.hpp"
#include "lsp/server.hpp"

namespace replyc::lsp::test {

// One framed message ("Content-Length: N\r\n\r\n" + body).
std::string frame(const nlohmann::json& message);
std::string frame_raw(std::string_view body);

nlohmann::json request(const nlohmann::json& id, std::string_view method,
                       nlohmann::json params = nullptr);
nlohmann::json notification(std::string_view method, nlohmann::json params = nullptr);
// initialize with the given general.positionEncodings (none: the field is left out).
nlohmann::json initialize_request(const nlohmann::json& id,
                                  const std::vector<std::string>& encodings = {});
nlohmann::json did_open(std::string_view uri, std::int64_t version, std::string_view text);
nlohmann::json did_change(std::string_view uri, std::int64_t version,
                          const nlohmann::json& changes);
nlohmann::json change(int start_line, int start_character, int end_line, int end_character,
                      std::string_view text);
nlohmann::json text_position(std::string_view uri, int line, int character);

struct SessionResult {
  int exit_code = -1;
  std::vector<nlohmann::json> messages;  // everything the server wrote, in order
  std::string log;                       // the server's own log
};

// Runs the server over `input` (already framed bytes) until exit or end of input.
SessionResult run_session(const std::string& input, Backend& backend, ServerOptions options = {});

// Splits framed output into messages; fails the test on any framing error.
std::vector<nlohmann::json> parse_frames(std::string_view output);

// Messages of `messages` with this method (notifications) or id (responses).
std::vector<nlohmann::json> with_method(const std::vector<nlohmann::json>& messages,
                                        std::string_view method);
nlohmann::json response_to(const std::vector<nlohmann::json>& messages, const nlohmann::json& id);

}  // namespace replyc::lsp::test
