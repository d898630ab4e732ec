#pragma once
// A Backend for protocol tests: records every call and answers with canned, position-dependent
// results (so encoding conversions show up in the expected JSON).
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "lsp/backend.hpp"

namespace replyc::lsp::test {

class FakeBackend : public Backend {
 public:
  // What happened, one line per call: "initialize /root", "diagnostics file:///a", "hover"...
  std::vector<std::string> calls;
  nlohmann::json initialization_options;
  nlohmann::json client_capabilities;
  std::string root_path;

  // Knobs.
  bool can_format = false;
  nlohmann::json initialize_result = nlohmann::json::object();
  std::set<std::string> throw_in;  // call names ("hover", "diagnostics"...) that throw
  bool request_error_in_rename = false;
  nlohmann::json diagnostics_version = nullptr;    // stamped on every entry when not null
  std::vector<std::string> extra_diagnostic_uris;  // closed documents reported as well

  nlohmann::json initialize(const nlohmann::json& initialization_options,
                            const std::string& root_path) override;
  void set_client_capabilities(const nlohmann::json& capabilities) override;
  bool formats() const override { return can_format; }
  // One warning per "TODO" in every open document, message "TODO v<version>".
  std::vector<nlohmann::json> diagnostics(const DocumentStore& store,
                                          const std::string& changed_uri) override;
  nlohmann::json code_actions(const DocumentStore& store, const nlohmann::json& params) override;
  // {"contents": "offset N of <uri>"}, or null when the document is not open.
  nlohmann::json hover(const DocumentStore& store, const nlohmann::json& params) override;
  nlohmann::json completion(const DocumentStore& store, const nlohmann::json& params) override;
  nlohmann::json definition(const DocumentStore& store, const nlohmann::json& params) override;
  nlohmann::json references(const DocumentStore& store, const nlohmann::json& params) override;
  nlohmann::json prepare_rename(const DocumentStore& store, const nlohmann::json& params) override;
  nlohmann::json rename(const DocumentStore& store, const nlohmann::json& params) override;
  nlohmann::json document_symbols(const DocumentStore& store,
                                  const nlohmann::json& params) override;
  nlohmann::json formatting(const DocumentStore& store, const nlohmann::json& params) override;
  void configuration_changed(const nlohmann::json& settings) override;
  void watched_files_changed(const nlohmann::json& params) override;
  std::optional<nlohmann::json> custom_request(const DocumentStore& store,
                                               const std::string& method,
                                               const nlohmann::json& params) override;

 private:
  void record(const std::string& call);
};

}  // namespace replyc::lsp::test
