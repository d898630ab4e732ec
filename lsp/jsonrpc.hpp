#pragma once
// JSON-RPC 2.0 message model as LSP uses it: one message per frame, no batches.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace replyc::lsp {

// JSON-RPC 2.0 and LSP error codes.
namespace error_code {
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kServerNotInitialized = -32002;
inline constexpr int kUnknownErrorCode = -32001;
inline constexpr int kRequestFailed = -32803;
inline constexpr int kServerCancelled = -32802;
inline constexpr int kContentModified = -32801;
inline constexpr int kRequestCancelled = -32800;
}  // namespace error_code

// A request expects exactly one response; `id` is an integer or a string.
struct Request {
  nlohmann::json id;
  std::string method;
  nlohmann::json params;  // object, array or null when absent
};

// A notification never gets a response.
struct Notification {
  std::string method;
  nlohmann::json params;
};

// A response from the peer to a request we sent.
struct Response {
  nlohmann::json id;
  nlohmann::json result;  // null when `error` is set
  nlohmann::json error;   // null on success
};

// A frame that is not a valid message. `reply` says whether JSON-RPC wants an error response for
// it (never for something that looks like a response: answering a response would loop).
struct InvalidMessage {
  nlohmann::json id;  // the request id when it could be recovered, else null
  int code = error_code::kInvalidRequest;
  std::string message;
  bool reply = true;
};

using Message = std::variant<Request, Notification, Response, InvalidMessage>;

// Classifies one frame body. Never throws.
Message parse_message(std::string_view body);

// True for the id types LSP allows (integer or string).
bool is_valid_id(const nlohmann::json& id);
// A canonical text form of an id, usable as a map key (1 and 1u compare equal).
std::string id_key(const nlohmann::json& id);

nlohmann::json make_result(const nlohmann::json& id, nlohmann::json result);
nlohmann::json make_error(const nlohmann::json& id, int code, std::string_view message,
                          const nlohmann::json& data = nullptr);
nlohmann::json make_notification(std::string_view method, nlohmann::json params);
nlohmann::json make_request(const nlohmann::json& id, std::string_view method,
                            nlohmann::json params);

}  // namespace replyc::lsp
