#pragma once
// The request handlers behind LanguageBackend, one file each; they read the request's document
// through a RequestContext whose analysis is up to date.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "lsp/language/convert.hpp"
#include "lsp/language/language_backend.hpp"

namespace replyc::lsp::language {

// code_actions.cpp
nlohmann::json code_actions(const RequestContext& context, const nlohmann::json& params,
                            const std::vector<Converted>& diagnostics);
// Whether a `# replyc: allow` line is a sensible answer to this code (its doc says so).
bool suppression_makes_sense(Code code);

// hover.cpp
nlohmann::json hover(const RequestContext& context, const std::vector<Converted>& diagnostics);
// Title, explanation and how to fix, from docs/diagnostics/<CODE>.md (compiled in).
std::string doc_summary(std::string_view code_id, bool markdown);

// completion.cpp
nlohmann::json completion(const RequestContext& context);

// navigation.cpp
nlohmann::json definition(const RequestContext& context);
nlohmann::json references(const RequestContext& context, bool include_declaration);
nlohmann::json prepare_rename(const RequestContext& context);
nlohmann::json rename(const RequestContext& context, const std::string& new_name);
nlohmann::json document_symbols(const RequestContext& context);

// Shared helpers.
nlohmann::json location_json(const Project& project, FileId file, ByteRange range,
                             PositionEncoding encoding);  // null when the file has no uri
std::string_view tr(UiLanguage language, std::string_view english, std::string_view chinese);

}  // namespace replyc::lsp::language
