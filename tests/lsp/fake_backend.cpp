#include "fake_backend.hpp"

#include <stdexcept>

#include "lsp/jsonrpc.hpp"

namespace replyc::lsp::test {

using nlohmann::json;

void FakeBackend::record(const std::string& call) {
  calls.push_back(call);
  const std::string name = call.substr(0, call.find(' '));
  if (throw_in.contains(name))
    throw std::runtime_error("fake failure in " + name);
}

json FakeBackend::initialize(const json& options, const std::string& root) {
  initialization_options = options;
  root_path = root;
  record("initialize " + root);
  return initialize_result;
}

void FakeBackend::set_client_capabilities(const json& capabilities) {
  client_capabilities = capabilities;
}

std::vector<json> FakeBackend::diagnostics(const DocumentStore& store,
                                           const std::string& changed_uri) {
  record("diagnostics " + changed_uri);
  std::vector<json> result;
  for (const Document* document : store.documents()) {
    json diagnostics = json::array();
    const std::string& text = document->text();
    for (auto at = text.find("TODO"); at != std::string::npos; at = text.find("TODO", at + 4)) {
      const auto begin = static_cast<std::uint32_t>(at);
      diagnostics.push_back({{"range", to_json(store.range_of(*document, begin, begin + 4))},
                             {"severity", 2},
                             {"message", "TODO v" + std::to_string(document->version())}});
    }
    json params = {{"uri", document->uri()}, {"diagnostics", std::move(diagnostics)}};
    if (!diagnostics_version.is_null())
      params["version"] = diagnostics_version;
    result.push_back(std::move(params));
  }
  for (const std::string& uri : extra_diagnostic_uris) {
    result.push_back({{"uri", uri}, {"diagnostics", json::array()}, {"version", 99}});
  }
  return result;
}

json FakeBackend::code_actions(const DocumentStore&, const json&) {
  record("code_actions");
  return json::array();
}

json FakeBackend::hover(const DocumentStore& store, const json& params) {
  record("hover");
  const Document* document = store.get(params["textDocument"]["uri"].get<std::string>());
  if (document == nullptr)
    return nullptr;
  const Position position{params["position"]["line"].get<std::uint32_t>(),
                          params["position"]["character"].get<std::uint32_t>()};
  return json{{"contents", "offset " + std::to_string(store.offset_at(*document, position)) +
                               " of " + document->uri()}};
}

json FakeBackend::completion(const DocumentStore&, const json&) {
  record("completion");
  return json{{"isIncomplete", false}, {"items", json::array({{{"label", "sign_off"}}})}};
}

json FakeBackend::definition(const DocumentStore&, const json&) {
  record("definition");
  return nullptr;
}

json FakeBackend::references(const DocumentStore&, const json&) {
  record("references");
  return json::array();
}

json FakeBackend::prepare_rename(const DocumentStore&, const json& params) {
  record("prepare_rename");
  return json{{"start", params["position"]}, {"end", params["position"]}};
}

json FakeBackend::rename(const DocumentStore&, const json& params) {
  record("rename " + params["newName"].get<std::string>());
  if (request_error_in_rename) {
    throw RequestError(error_code::kRequestFailed, "cannot rename a built-in",
                       json{{"reason", "builtin"}});
  }
  return json{{"changes", json::object()}};
}

json FakeBackend::document_symbols(const DocumentStore&, const json&) {
  record("document_symbols");
  return json::array();
}

json FakeBackend::formatting(const DocumentStore&, const json&) {
  record("formatting");
  return json::array();
}

void FakeBackend::configuration_changed(const json& settings) {
  record("configuration " + settings.dump());
}

void FakeBackend::watched_files_changed(const json& params) {
  record("watched " + params.dump());
}

std::optional<json> FakeBackend::custom_request(const DocumentStore&, const std::string& method,
                                                const json& params) {
  if (method != "replyc/echo")
    return std::nullopt;
  record("echo");
  return params;
}

}  // namespace replyc::lsp::test
