#pragma once
// The language side of `replyc lsp`: implements lsp::Backend on top of the compiler's
// Compilation (the same one `replyc check` runs), so the editor shows exactly what the CLI
// reports, plus code actions, hovers, completion, navigation, rename and symbols.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "compiler/diag/language.hpp"
#include "lsp/backend.hpp"
#include "lsp/language/convert.hpp"
#include "lsp/language/workspace.hpp"

namespace replyc::lsp::language {

struct BackendOptions {
  // `replyc lsp --lang`: used while the client's messageLanguage setting is "auto".
  std::optional<UiLanguage> language;
  WorkspaceOptions workspace;
  // Folder with docs/diagnostics/<CODE>.md for codeDescription links. Defaults to the source
  // tree's folder when it was known at build time; empty: no links.
  std::string docs_dir = default_docs_dir();
  // Markdown explaining a rule id beyond the diagnostic table (a policy rule), for hovers.
  std::function<std::optional<std::string>(std::string_view rule, UiLanguage language)>
      describe_rule;

  static std::string default_docs_dir();
};

// What a feature needs to answer a request about one open document.
struct RequestContext {
  const DocumentStore& store;
  const Document& document;
  Project& project;
  const sema::Module& module;
  const SourceFile& source;
  std::uint32_t offset = 0;  // the request's position, when it has one
  UiLanguage language;
  PositionEncoding encoding;
  const BackendOptions& options;
  bool markdown = true;

  ConvertOptions convert_options() const;
};

class LanguageBackend final : public Backend {
 public:
  explicit LanguageBackend(BackendOptions options = {});

  nlohmann::json initialize(const nlohmann::json& initialization_options,
                            const std::string& root_path) override;
  void set_client_capabilities(const nlohmann::json& capabilities) override;

  std::vector<nlohmann::json> diagnostics(const DocumentStore& store,
                                          const std::string& changed_uri) override;
  nlohmann::json code_actions(const DocumentStore& store, const nlohmann::json& params) override;
  nlohmann::json hover(const DocumentStore& store, const nlohmann::json& params) override;
  nlohmann::json completion(const DocumentStore& store, const nlohmann::json& params) override;
  nlohmann::json definition(const DocumentStore& store, const nlohmann::json& params) override;
  nlohmann::json references(const DocumentStore& store, const nlohmann::json& params) override;
  nlohmann::json prepare_rename(const DocumentStore& store, const nlohmann::json& params) override;
  nlohmann::json rename(const DocumentStore& store, const nlohmann::json& params) override;
  nlohmann::json document_symbols(const DocumentStore& store,
                                  const nlohmann::json& params) override;
  void configuration_changed(const nlohmann::json& settings) override;
  void watched_files_changed(const nlohmann::json& params) override;

  // The message language for a project: the messageLanguage setting, else --lang, else the
  // project's replyc.json, else the environment.
  UiLanguage language_for(const Project& project) const;
  // nullopt: "auto".
  std::optional<UiLanguage> message_language_setting() const { return message_language_; }
  Workspace& workspace() { return workspace_; }

 private:
  // Reads messageLanguage from initializationOptions or settings ({"replyc": {...}} or flat).
  void apply_settings(const nlohmann::json& settings);
  // The request's document with an up-to-date analysis; nullopt when it is not open or not a
  // template. Fills `offset` from params.position when present.
  std::optional<RequestContext> context(const DocumentStore& store, const nlohmann::json& params);
  const std::vector<Converted>& converted(const Project& project, std::string_view uri,
                                          PositionEncoding encoding);

  struct CachedDiagnostics {
    std::uint64_t generation = 0;
    UiLanguage language = UiLanguage::English;
    PositionEncoding encoding = PositionEncoding::kUtf16;
    std::vector<Converted> items;
  };

  BackendOptions options_;
  Workspace workspace_;
  std::optional<UiLanguage> message_language_;
  bool markdown_hover_ = true;
  std::map<std::string, CachedDiagnostics, std::less<>> cache_;
};

}  // namespace replyc::lsp::language
