#include "lsp/capabilities.hpp"

namespace replyc::lsp {

using nlohmann::json;

PositionEncoding negotiate_encoding(const json& client_capabilities) {
  if (!client_capabilities.is_object())
    return PositionEncoding::kUtf16;
  const auto general = client_capabilities.find("general");
  if (general == client_capabilities.end() || !general->is_object()) {
    return PositionEncoding::kUtf16;
  }
  const auto offered = general->find("positionEncodings");
  if (offered == general->end() || !offered->is_array())
    return PositionEncoding::kUtf16;
  for (const json& encoding : *offered) {
    if (encoding == "utf-8")
      return PositionEncoding::kUtf8;
  }
  return PositionEncoding::kUtf16;
}

json server_capabilities(PositionEncoding encoding, bool formats) {
  json capabilities = {
      {"positionEncoding", encoding_name(encoding)},
      {"textDocumentSync",
       {{"openClose", true}, {"change", 2 /* Incremental */}, {"save", {{"includeText", false}}}}},
      {"codeActionProvider", {{"codeActionKinds", {"quickfix", "source.fixAll"}}}},
      {"hoverProvider", true},
      {"completionProvider", {{"triggerCharacters", {"{", ":", "@", "["}}}},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"renameProvider", {{"prepareProvider", true}}},
      {"documentSymbolProvider", true},
  };
  if (formats)
    capabilities["documentFormattingProvider"] = true;
  return capabilities;
}

}  // namespace replyc::lsp
