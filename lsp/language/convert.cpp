#include "lsp/language/convert.hpp"

#include <filesystem>
#include <map>

#include "compiler/base/utf8.hpp"
#include "compiler/diag/catalog.hpp"
#include "lsp/uri.hpp"

namespace replyc::lsp::language {

using nlohmann::json;

namespace {

constexpr int kSeverityError = 1;
constexpr int kSeverityWarning = 2;
constexpr int kSeverityInformation = 3;
constexpr int kTagUnnecessary = 1;
constexpr int kTagDeprecated = 2;

int severity_of(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return kSeverityError;
    case Severity::Warning:
      return kSeverityWarning;
    case Severity::Note:
      return kSeverityInformation;
  }
  return kSeverityError;
}

// "file:line:col" of a note that points into a file without a uri (the standard library).
std::string describe_location(const SourceFile& file, ByteRange range) {
  const auto at = file.lines.locate(range.begin);
  return file.display_name + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  std::string out;
  while (true) {
    const auto bad = utf8::find_invalid(text);
    if (!bad) {
      out.append(text);
      return out;
    }
    out.append(text.substr(0, bad->offset));
    out.append("\xEF\xBF\xBD");
    text.remove_prefix(bad->offset + bad->length);
  }
}

Range to_range(const SourceFile& file, ByteRange range, PositionEncoding encoding) {
  return {position_at(file.lines, range.begin, encoding),
          position_at(file.lines, range.end, encoding)};
}

json range_json(const SourceFile& file, ByteRange range, PositionEncoding encoding) {
  return to_json(to_range(file, range, encoding));
}

std::string doc_uri(std::string_view code_id, const std::string& docs_dir) {
  if (docs_dir.empty())
    return {};
  static std::map<std::string, std::string, std::less<>> cache;
  const std::string key = docs_dir + "/" + std::string(code_id);
  if (const auto it = cache.find(key); it != cache.end())
    return it->second;
  const std::filesystem::path file =
      std::filesystem::path(docs_dir) / (std::string(code_id) + ".md");
  std::error_code ec;
  std::string uri;
  if (std::filesystem::is_regular_file(file, ec))
    uri = path_to_uri(file.generic_string());
  cache[key] = uri;
  return uri;
}

json fix_edits(const Project& project, const Fix& fix, PositionEncoding encoding) {
  json edits = json::array();
  const auto& sources = project.compilation->sources();
  for (const Edit& edit : fix.edits) {
    const std::string uri = project.uri_of(edit.where.file);
    if (uri.empty())
      return json::array();
    edits.push_back(
        {{"uri", uri},
         {"range", range_json(sources.file(edit.where.file), edit.where.range, encoding)},
         {"newText", valid_utf8(edit.replacement)}});
  }
  return edits;
}

bool is_preferred(const Diagnostic& diagnostic, const Fix& fix) {
  return fix.label.id == NoteId::DidYouMean || diagnostic.fixes.size() == 1;
}

std::vector<Converted> convert_diagnostics(const Project& project, std::string_view uri,
                                           const ConvertOptions& options) {
  std::vector<Converted> result;
  if (!project.compilation)
    return result;
  const auto path = project.paths.find(uri);
  if (path == project.paths.end())
    return result;
  const auto& sources = project.compilation->sources();
  for (const Diagnostic& d : project.compilation->diagnostics()) {
    if (d.where.file == kNoFile || sources.file(d.where.file).path != path->second)
      continue;
    const SourceFile& file = sources.file(d.where.file);
    const CodeInfo& code = info(d.code);
    json lsp = {
        {"range", range_json(file, d.where.range, options.encoding)},
        {"severity", severity_of(d.severity)},
        {"code", code.id},
        {"source", "replyc"},
        {"message", valid_utf8(format_message(d, options.language))},
    };
    if (const std::string href = doc_uri(code.id, options.docs_dir); !href.empty())
      lsp["codeDescription"] = {{"href", href}};
    if (d.code == Code::UnusedParam || d.code == Code::UnusedSuppression) {
      lsp["tags"] = {kTagUnnecessary};
    } else if (d.code == Code::TemplateExpired) {
      lsp["tags"] = {kTagDeprecated};
    }

    json related = json::array();
    for (const Note& note : d.notes) {
      std::string message = valid_utf8(format_message(note.message, options.language));
      std::string note_uri = note.where.valid() ? project.uri_of(note.where.file) : std::string();
      if (!note_uri.empty()) {
        related.push_back({{"location",
                            {{"uri", note_uri},
                             {"range", range_json(sources.file(note.where.file), note.where.range,
                                                  options.encoding)}}},
                           {"message", std::move(message)}});
        continue;
      }
      // A note without a place of its own (or in the standard library) is shown at the
      // diagnostic, so that the client still lists it.
      if (note.where.valid())
        message += " (" +
                   valid_utf8(describe_location(sources.file(note.where.file), note.where.range)) +
                   ")";
      related.push_back({{"location", {{"uri", std::string(uri)}, {"range", lsp["range"]}}},
                         {"message", std::move(message)}});
    }
    if (!related.empty())
      lsp["relatedInformation"] = std::move(related);

    json data = {{"name", code.name}};
    if (!d.rule.empty())
      data["rule"] = valid_utf8(d.rule);
    json fixes = json::array();
    for (const Fix& fix : d.fixes) {
      json edits = fix_edits(project, fix, options.encoding);
      if (edits.empty())
        continue;
      fixes.push_back({{"title", valid_utf8(format_message(fix.label, options.language))},
                       {"isPreferred", is_preferred(d, fix)},
                       {"edits", std::move(edits)}});
    }
    if (!fixes.empty())
      data["fixes"] = std::move(fixes);
    lsp["data"] = std::move(data);
    result.push_back({&d, std::move(lsp)});
  }
  return result;
}

}  // namespace replyc::lsp::language
