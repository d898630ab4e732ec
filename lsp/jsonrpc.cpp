#include "lsp/jsonrpc.hpp"

#include <utility>

namespace replyc::lsp {

using nlohmann::json;

bool is_valid_id(const json& id) {
  return id.is_number_integer() || id.is_number_unsigned() || id.is_string();
}

std::string id_key(const json& id) {
  return id.dump();
}

namespace {

InvalidMessage invalid(json id, int code, std::string message, bool reply = true) {
  InvalidMessage result;
  result.id = std::move(id);
  result.code = code;
  result.message = std::move(message);
  result.reply = reply;
  return result;
}

}  // namespace

Message parse_message(std::string_view body) {
  json message = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded())
    return invalid(nullptr, error_code::kParseError, "Parse error");
  if (!message.is_object()) {
    return invalid(nullptr, error_code::kInvalidRequest,
                   message.is_array() ? "batch messages are not supported"
                                      : "a message must be a JSON object");
  }

  const auto id_it = message.find("id");
  const bool has_id = id_it != message.end();
  json id = has_id && is_valid_id(*id_it) ? *id_it : json(nullptr);
  const auto method_it = message.find("method");
  const bool is_response =
      method_it == message.end() && (message.contains("result") || message.contains("error"));

  const auto version = message.find("jsonrpc");
  if (version == message.end() || *version != "2.0") {
    return invalid(std::move(id), error_code::kInvalidRequest, "\"jsonrpc\" must be \"2.0\"",
                   !is_response);
  }

  if (is_response) {
    if (!has_id || !(is_valid_id(*id_it) || id_it->is_null())) {
      return invalid(nullptr, error_code::kInvalidRequest, "response with an invalid id", false);
    }
    if (message.contains("result") == message.contains("error")) {
      return invalid(std::move(id), error_code::kInvalidRequest,
                     "a response needs exactly one of \"result\" and \"error\"", false);
    }
    Response response;
    response.id = *id_it;
    response.result = message.value("result", json(nullptr));
    response.error = message.value("error", json(nullptr));
    return response;
  }

  if (has_id && !is_valid_id(*id_it)) {
    return invalid(nullptr, error_code::kInvalidRequest, "\"id\" must be an integer or a string");
  }
  if (method_it == message.end() || !method_it->is_string()) {
    return invalid(std::move(id), error_code::kInvalidRequest, "\"method\" must be a string");
  }
  json params = nullptr;
  if (const auto params_it = message.find("params"); params_it != message.end()) {
    if (!params_it->is_object() && !params_it->is_array() && !params_it->is_null()) {
      return invalid(std::move(id), error_code::kInvalidRequest,
                     "\"params\" must be an object or an array");
    }
    params = std::move(*params_it);
  }

  std::string method = method_it->get<std::string>();
  if (!has_id)
    return Notification{std::move(method), std::move(params)};
  return Request{std::move(id), std::move(method), std::move(params)};
}

json make_result(const json& id, json result) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json make_error(const json& id, int code, std::string_view message, const json& data) {
  json error{{"code", code}, {"message", message}};
  if (!data.is_null())
    error["data"] = data;
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(error)}};
}

json make_notification(std::string_view method, json params) {
  json message{{"jsonrpc", "2.0"}, {"method", method}};
  if (!params.is_null())
    message["params"] = std::move(params);
  return message;
}

json make_request(const json& id, std::string_view method, json params) {
  json message{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null())
    message["params"] = std::move(params);
  return message;
}

}  // namespace replyc::lsp
