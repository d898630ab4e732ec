#pragma once
// What the server announces in its InitializeResult, and the position encoding it picks.
#include <nlohmann/json.hpp>

#include "lsp/position.hpp"

namespace replyc::lsp {

// "utf-8" when the client's general.positionEncodings offers it, else "utf-16" (the default).
PositionEncoding negotiate_encoding(const nlohmann::json& client_capabilities);

nlohmann::json server_capabilities(PositionEncoding encoding, bool formats);

}  // namespace replyc::lsp
