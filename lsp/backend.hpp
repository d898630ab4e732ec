#pragma once
// The seam between the protocol layer (lsp/) and the language (compiler/driver). Everything
// crosses it as LSP JSON, so the backend owns all language knowledge and the server none.
//
// Threading: every call comes from the server thread, one at a time, in message order.
// Positions in params and results use the encoding of store.encoding(); convert with the
// DocumentStore helpers (offset_at, position_at, range_of).
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "lsp/document_store.hpp"

namespace replyc::lsp {

// Thrown by a backend method to answer the request with this error instead of a result
// (e.g. error_code::kRequestFailed for a rename that cannot be done, kContentModified).
// Any other exception becomes InternalError.
class RequestError : public std::runtime_error {
 public:
  RequestError(int code, const std::string& message, nlohmann::json data = nullptr)
      : std::runtime_error(message), code_(code), data_(std::move(data)) {}
  int code() const { return code_; }
  const nlohmann::json& data() const { return data_; }

 private:
  int code_;
  nlohmann::json data_;
};

class Backend {
 public:
  virtual ~Backend() = default;

  // Called once, from the initialize request, before it is answered. `root_path` is the
  // workspace root (from rootUri, else the first workspace folder, else rootPath), or "".
  // Returns {} or an object with optional members:
  //   "serverInfo":   merged into the default {"name", "version"};
  //   "capabilities": merged (JSON merge patch) into the capabilities the server advertises.
  virtual nlohmann::json initialize(const nlohmann::json& initialization_options,
                                    const std::string& root_path) = 0;
  // The client's ClientCapabilities, given just before initialize() (markdown, snippets...).
  virtual void set_client_capabilities(const nlohmann::json& /*capabilities*/) {}
  // Whether textDocument/formatting is advertised and routed.
  virtual bool formats() const { return false; }

  // Called after didOpen/didChange/didClose/didSave of `changed_uri`, and with an empty
  // `changed_uri` after a configuration or watched-file change (everything may be stale).
  // Returns PublishDiagnosticsParams ({"uri", "diagnostics"}) for every uri whose diagnostics
  // must be (re)published: open documents whose result is unchanged included, and importers of
  // the changed document. The server sets "version" to the open document's version (an entry
  // whose own "version" differs from it is stale and dropped). After a didClose the closed uri's
  // entries are ignored: the server publishes an empty list for it.
  virtual std::vector<nlohmann::json> diagnostics(const DocumentStore& store,
                                                  const std::string& changed_uri) = 0;

  // One method per request; `params` are the request's params, already checked to have the
  // shape LSP 3.17 requires (textDocument.uri, position, range... as noted). Return the result
  // exactly as it goes on the wire (null is a valid "nothing here" for most of them).
  // textDocument/codeAction: textDocument, range, context.
  virtual nlohmann::json code_actions(const DocumentStore& store, const nlohmann::json& params) = 0;
  // textDocument/hover: textDocument, position.
  virtual nlohmann::json hover(const DocumentStore& store, const nlohmann::json& params) = 0;
  // textDocument/completion: textDocument, position (context optional).
  virtual nlohmann::json completion(const DocumentStore& store, const nlohmann::json& params) = 0;
  // textDocument/definition: textDocument, position.
  virtual nlohmann::json definition(const DocumentStore& store, const nlohmann::json& params) = 0;
  // textDocument/references: textDocument, position, context.
  virtual nlohmann::json references(const DocumentStore& store, const nlohmann::json& params) = 0;
  // textDocument/prepareRename: textDocument, position.
  virtual nlohmann::json prepare_rename(const DocumentStore& store,
                                        const nlohmann::json& params) = 0;
  // textDocument/rename: textDocument, position, newName.
  virtual nlohmann::json rename(const DocumentStore& store, const nlohmann::json& params) = 0;
  // textDocument/documentSymbol: textDocument.
  virtual nlohmann::json document_symbols(const DocumentStore& store,
                                          const nlohmann::json& params) = 0;
  // textDocument/formatting: textDocument, options. Only called when formats() is true.
  virtual nlohmann::json formatting(const DocumentStore& /*store*/,
                                    const nlohmann::json& /*params*/) {
    return nullptr;
  }

  // workspace/didChangeConfiguration: params.settings (null when absent).
  virtual void configuration_changed(const nlohmann::json& settings) = 0;
  // workspace/didChangeWatchedFiles: the whole params ({"changes": [{uri, type}]}).
  virtual void watched_files_changed(const nlohmann::json& params) = 0;

  // Any other request (not "$/..."), e.g. a "replyc/..." extension. nullopt: MethodNotFound.
  virtual std::optional<nlohmann::json> custom_request(const DocumentStore& /*store*/,
                                                       const std::string& /*method*/,
                                                       const nlohmann::json& /*params*/) {
    return std::nullopt;
  }
};

}  // namespace replyc::lsp
