#include "lsp/language/language_backend.hpp"

#include "lsp/language/features.hpp"
#include "lsp/params.hpp"
#include "lsp/uri.hpp"

namespace replyc::lsp::language {

using nlohmann::json;

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::string BackendOptions::default_docs_dir() {
#ifdef REPLYC_DIAGNOSTIC_DOCS_DIR
  return REPLYC_DIAGNOSTIC_DOCS_DIR;
#else
  return {};
#endif
}

ConvertOptions RequestContext::convert_options() const {
  return ConvertOptions{language, encoding, options.docs_dir};
}

LanguageBackend::LanguageBackend(BackendOptions options)
    : options_(std::move(options)), workspace_(options_.workspace) {}

json LanguageBackend::initialize(const json& initialization_options, const std::string& root_path) {
  if (!root_path.empty())
    workspace_.set_workspace_root(root_path);
  apply_settings(initialization_options);
  return json::object();
}

void LanguageBackend::set_client_capabilities(const json& capabilities) {
  markdown_hover_ = true;
  const json* formats = nullptr;
  if (capabilities.is_object()) {
    const auto document = capabilities.find("textDocument");
    if (document != capabilities.end() && document->is_object()) {
      const auto hover = document->find("hover");
      if (hover != document->end() && hover->is_object()) {
        const auto format = hover->find("contentFormat");
        if (format != hover->end() && format->is_array())
          formats = &*format;
      }
    }
  }
  if (formats != nullptr) {
    markdown_hover_ = false;
    for (const json& format : *formats) {
      if (format == "markdown")
        markdown_hover_ = true;
    }
  }
}

void LanguageBackend::apply_settings(const json& settings) {
  if (!settings.is_object())
    return;
  const json* section = &settings;
  if (const auto nested = settings.find("replyc"); nested != settings.end() && nested->is_object())
    section = &*nested;
  const auto language = section->find("messageLanguage");
  if (language == section->end() || !language->is_string())
    return;
  const std::string& value = language->get_ref<const std::string&>();
  if (value == "auto" || value.empty()) {
    message_language_.reset();
  } else if (auto parsed = parse_ui_language(value)) {
    message_language_ = parsed;
  }
}

UiLanguage LanguageBackend::language_for(const Project& project) const {
  if (message_language_)
    return *message_language_;
  if (options_.language)
    return *options_.language;
  if (project.config.language) {
    if (auto parsed = parse_ui_language(*project.config.language))
      return *parsed;
  }
  return ui_language_from_environment();
}

void LanguageBackend::configuration_changed(const json& settings) {
  apply_settings(settings);
  // The next analysis (the server runs one right after this) re-reads every replyc.json.
  workspace_.invalidate();
}

void LanguageBackend::watched_files_changed(const json& /*params*/) {
  // Any watched file (a template that is not open, replyc.json) can change any project.
  workspace_.invalidate();
}

const std::vector<Converted>& LanguageBackend::converted(const Project& project,
                                                         std::string_view uri,
                                                         PositionEncoding encoding) {
  const UiLanguage language = language_for(project);
  auto it = cache_.find(uri);
  if (it == cache_.end())
    it = cache_.emplace(std::string(uri), CachedDiagnostics{}).first;
  CachedDiagnostics& entry = it->second;
  if (entry.generation != project.generation || entry.language != language ||
      entry.encoding != encoding) {
    entry.items =
        convert_diagnostics(project, uri, ConvertOptions{language, encoding, options_.docs_dir});
    entry.generation = project.generation;
    entry.language = language;
    entry.encoding = encoding;
  }
  return entry.items;
}

std::vector<json> LanguageBackend::diagnostics(const DocumentStore& store,
                                               const std::string& changed_uri) {
  if (changed_uri.empty() || ends_with(changed_uri, "/replyc.json"))
    workspace_.invalidate();
  std::vector<json> results;
  const auto projects = workspace_.refresh(store, changed_uri);
  for (const Project* project : projects) {
    for (const auto& [uri, path] : project->paths) {
      if (store.get(uri) == nullptr)
        continue;
      json list = json::array();
      for (const Converted& item : converted(*project, uri, store.encoding()))
        list.push_back(item.lsp);
      results.push_back(
          {{"uri", uri}, {"version", project->versions.at(uri)}, {"diagnostics", std::move(list)}});
    }
  }
  // Forget cached diagnostics of closed documents.
  std::erase_if(cache_, [&](const auto& entry) { return store.get(entry.first) == nullptr; });
  return results;
}

std::optional<RequestContext> LanguageBackend::context(const DocumentStore& store,
                                                       const json& params) {
  const std::string& uri = text_document_uri(params);
  const Document* document = store.get(uri);
  if (document == nullptr)
    return std::nullopt;
  Project* project = workspace_.project_of(store, uri);
  if (project == nullptr)
    return std::nullopt;
  const sema::Module* module = project->module_of(uri);
  const SourceFile* source = project->source_of(uri);
  if (module == nullptr || source == nullptr)
    return std::nullopt;
  RequestContext result{store,
                        *document,
                        *project,
                        *module,
                        *source,
                        0,
                        language_for(*project),
                        store.encoding(),
                        options_,
                        markdown_hover_};
  if (const auto position = params.find("position"); position != params.end())
    result.offset = store.offset_at(*document, parse_position(*position));
  return result;
}

json LanguageBackend::code_actions(const DocumentStore& store, const json& params) {
  auto request = context(store, params);
  if (!request)
    return json::array();
  return language::code_actions(
      *request, params, converted(request->project, request->document.uri(), store.encoding()));
}

json LanguageBackend::hover(const DocumentStore& store, const json& params) {
  auto request = context(store, params);
  if (!request)
    return nullptr;
  return language::hover(*request,
                         converted(request->project, request->document.uri(), store.encoding()));
}

json LanguageBackend::completion(const DocumentStore& store, const json& params) {
  auto request = context(store, params);
  if (!request)
    return json::array();
  return language::completion(*request);
}

json LanguageBackend::definition(const DocumentStore& store, const json& params) {
  auto request = context(store, params);
  if (!request)
    return nullptr;
  return language::definition(*request);
}

json LanguageBackend::references(const DocumentStore& store, const json& params) {
  auto request = context(store, params);
  if (!request)
    return json::array();
  bool include_declaration = true;
  if (const auto ctx = params.find("context"); ctx != params.end() && ctx->is_object()) {
    include_declaration = ctx->value("includeDeclaration", true);
  }
  return language::references(*request, include_declaration);
}

json LanguageBackend::prepare_rename(const DocumentStore& store, const json& params) {
  auto request = context(store, params);
  if (!request)
    return nullptr;
  return language::prepare_rename(*request);
}

json LanguageBackend::rename(const DocumentStore& store, const json& params) {
  auto request = context(store, params);
  if (!request)
    return nullptr;
  return language::rename(*request, require_string(params, "newName"));
}

json LanguageBackend::document_symbols(const DocumentStore& store, const json& params) {
  auto request = context(store, params);
  if (!request)
    return json::array();
  return language::document_symbols(*request);
}

}  // namespace replyc::lsp::language
