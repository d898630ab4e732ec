#pragma once
// Sends textDocument/publishDiagnostics for what the backend computed, stamped with the open
// document's version, and never a result older than one already published for that uri.
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "lsp/document_store.hpp"
#include "lsp/log.hpp"
#include "lsp/transport.hpp"

namespace replyc::lsp {

class DiagnosticsPublisher {
 public:
  DiagnosticsPublisher(MessageWriter& writer, Log& log) : writer_(writer), log_(log) {}

  // Publishes each PublishDiagnosticsParams of `results`, skipping entries for `skip_uri`
  // (the document just closed) and malformed or stale entries.
  void publish(const DocumentStore& store, std::vector<nlohmann::json> results,
               std::string_view skip_uri = {});
  // Publishes an empty list for a closed document.
  void clear(const std::string& uri);
  // Forgets the last published version (a reopened document starts its versions again).
  void forget(std::string_view uri);

 private:
  MessageWriter& writer_;
  Log& log_;
  std::map<std::string, std::int64_t, std::less<>> published_version_;
};

}  // namespace replyc::lsp
