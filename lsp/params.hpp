#pragma once
// Shape checks for the params of the methods the server routes. A wrong shape throws
// ParamsError, which the server answers with InvalidParams (or logs, for a notification).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "lsp/document_store.hpp"
#include "lsp/position.hpp"

namespace replyc::lsp {

class ParamsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// params[key] as an object / string / integer / array; `what` names params in messages.
const nlohmann::json& require_object(const nlohmann::json& params, const char* key,
                                     const char* what = "params");
const std::string& require_string(const nlohmann::json& params, const char* key,
                                  const char* what = "params");
std::int64_t require_integer(const nlohmann::json& params, const char* key,
                             const char* what = "params");
const nlohmann::json& require_array(const nlohmann::json& params, const char* key,
                                    const char* what = "params");
// The params themselves must be an object.
void require_params_object(const nlohmann::json& params);

Position parse_position(const nlohmann::json& position, const char* what = "position");
Range parse_range(const nlohmann::json& range, const char* what = "range");

// params.textDocument.uri.
const std::string& text_document_uri(const nlohmann::json& params);
// TextDocumentPositionParams: textDocument.uri and position.
void check_text_document_position(const nlohmann::json& params);

// didChange's contentChanges.
std::vector<TextChange> parse_content_changes(const nlohmann::json& changes);

}  // namespace replyc::lsp
