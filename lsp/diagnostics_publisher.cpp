#include "lsp/diagnostics_publisher.hpp"

#include <fmt/format.h>

#include <utility>

#include "lsp/jsonrpc.hpp"

namespace replyc::lsp {

using nlohmann::json;

void DiagnosticsPublisher::publish(const DocumentStore& store, std::vector<json> results,
                                   std::string_view skip_uri) {
  for (json& params : results) {
    if (!params.is_object() || !params.contains("uri") || !params["uri"].is_string() ||
        !params.contains("diagnostics") || !params["diagnostics"].is_array()) {
      log_.write("backend returned malformed diagnostics params; dropped");
      continue;
    }
    const std::string uri = params["uri"].get<std::string>();
    if (!skip_uri.empty() && uri == skip_uri)
      continue;
    const Document* document = store.get(uri);
    if (document == nullptr) {
      // Not open: LSP versions only describe open documents.
      params.erase("version");
    } else {
      const auto version = params.find("version");
      if (version != params.end() && !version->is_null() && *version != document->version()) {
        log_.write(fmt::format("{}: dropped diagnostics computed for version {}, document is at {}",
                               uri, version->dump(), document->version()));
        continue;
      }
      const auto last = published_version_.find(uri);
      if (last != published_version_.end() && last->second > document->version()) {
        log_.write(fmt::format("{}: dropped diagnostics for version {} after version {}", uri,
                               document->version(), last->second));
        continue;
      }
      params["version"] = document->version();
      published_version_[uri] = document->version();
    }
    writer_.write(make_notification("textDocument/publishDiagnostics", std::move(params)));
  }
}

void DiagnosticsPublisher::clear(const std::string& uri) {
  published_version_.erase(uri);
  writer_.write(make_notification("textDocument/publishDiagnostics",
                                  json{{"uri", uri}, {"diagnostics", json::array()}}));
}

void DiagnosticsPublisher::forget(std::string_view uri) {
  if (const auto it = published_version_.find(uri); it != published_version_.end()) {
    published_version_.erase(it);
  }
}

}  // namespace replyc::lsp
