#include "session.hpp"

#include <catch2/catch.hpp>
#include <sstream>

namespace replyc::lsp::test {

using nlohmann::json;

std::string frame_raw(std::string_view body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

std::string frame(const json& message) {
  return frame_raw(message.dump());
}

json request(const json& id, std::string_view method, json params) {
  json message = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null())
    message["params"] = std::move(params);
  return message;
}

json notification(std::string_view method, json params) {
  json message = {{"jsonrpc", "2.0"}, {"method", method}};
  if (!params.is_null())
    message["params"] = std::move(params);
  return message;
}

json initialize_request(const json& id, const std::vector<std::string>& encodings) {
  json capabilities = json::object();
  if (!encodings.empty())
    capabilities["general"]["positionEncodings"] = encodings;
  return request(id, "initialize",
                 {{"processId", nullptr},
                  {"rootUri", "file:///work/my%20templates"},
                  {"capabilities", capabilities}});
}

json did_open(std::string_view uri, std::int64_t version, std::string_view text) {
  return notification(
      "textDocument/didOpen",
      {{"textDocument",
        {{"uri", uri}, {"languageId", "reply"}, {"version", version}, {"text", text}}}});
}

json did_change(std::string_view uri, std::int64_t version, const json& changes) {
  return notification(
      "textDocument/didChange",
      {{"textDocument", {{"uri", uri}, {"version", version}}}, {"contentChanges", changes}});
}

json change(int start_line, int start_character, int end_line, int end_character,
            std::string_view text) {
  return {{"range",
           {{"start", {{"line", start_line}, {"character", start_character}}},
            {"end", {{"line", end_line}, {"character", end_character}}}}},
          {"text", text}};
}

json text_position(std::string_view uri, int line, int character) {
  return {{"textDocument", {{"uri", uri}}},
          {"position", {{"line", line}, {"character", character}}}};
}

SessionResult run_session(const std::string& input, Backend& backend, ServerOptions options) {
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream log;
  options.log = &log;
  SessionResult result;
  result.exit_code = run_server(in, out, backend, options);
  result.messages = parse_frames(out.str());
  result.log = log.str();
  return result;
}

std::vector<json> parse_frames(std::string_view output) {
  std::vector<json> messages;
  constexpr std::string_view kPrefix = "Content-Length: ";
  while (!output.empty()) {
    REQUIRE(output.substr(0, kPrefix.size()) == kPrefix);
    output.remove_prefix(kPrefix.size());
    const std::size_t header_end = output.find("\r\n\r\n");
    REQUIRE(header_end != std::string_view::npos);
    const std::size_t length = std::stoul(std::string(output.substr(0, header_end)));
    output.remove_prefix(header_end + 4);
    REQUIRE(output.size() >= length);
    messages.push_back(json::parse(output.substr(0, length)));
    output.remove_prefix(length);
  }
  return messages;
}

std::vector<json> with_method(const std::vector<json>& messages, std::string_view method) {
  std::vector<json> result;
  for (const json& message : messages) {
    if (message.value("method", "") == method)
      result.push_back(message);
  }
  return result;
}

json response_to(const std::vector<json>& messages, const json& id) {
  for (const json& message : messages) {
    if (!message.contains("method") && message.contains("id") && message["id"] == id) {
      return message;
    }
  }
  return nullptr;
}

}  // namespace replyc::lsp::test
