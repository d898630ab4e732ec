#include "compiler/diag/catalog.hpp"
#include "compiler/diag/render.hpp"

namespace replyc {
namespace {

nlohmann::json position_json(const SourceFile& file, std::uint32_t offset) {
  const auto at = file.lines.locate(offset);
  return {{"byte", offset}, {"line", at.line}, {"column", at.column}, {"utf16", at.utf16}};
}

}  // namespace

nlohmann::json location_json(const Location& where, const SourceManager& sources) {
  if (!where.valid())
    return nullptr;
  const auto& file = sources.file(where.file);
  return {{"file", file.display_name},
          {"start", position_json(file, where.range.begin)},
          {"end", position_json(file, where.range.end)}};
}

nlohmann::json diagnostic_json(const Diagnostic& d, const SourceManager& sources,
                               UiLanguage language) {
  const auto& entry = info(d.code);
  nlohmann::json out = {
      {"code", entry.id},
      {"name", entry.name},
      {"severity", severity_name(d.severity)},
      {"message", format_message(d, language)},
      {"location", location_json(d.where, sources)},
  };
  if (!d.rule.empty())
    out["rule"] = d.rule;
  auto notes = nlohmann::json::array();
  for (const auto& note : d.notes) {
    notes.push_back({{"message", format_message(note.message, language)},
                     {"location", location_json(note.where, sources)}});
  }
  out["notes"] = std::move(notes);
  auto fixes = nlohmann::json::array();
  for (const auto& fix : d.fixes) {
    auto edits = nlohmann::json::array();
    for (const auto& edit : fix.edits) {
      edits.push_back(
          {{"location", location_json(edit.where, sources)}, {"replacement", edit.replacement}});
    }
    fixes.push_back(
        {{"message", format_message(fix.label, language)}, {"edits", std::move(edits)}});
  }
  out["fixes"] = std::move(fixes);
  return out;
}

nlohmann::json render_json_report(const std::vector<Diagnostic>& diagnostics,
                                  const SourceManager& sources, std::size_t files,
                                  UiLanguage language) {
  auto list = nlohmann::json::array();
  for (const auto& d : diagnostics)
    list.push_back(diagnostic_json(d, sources, language));
  const auto summary = summarize(diagnostics, files);
  return {{"format", "replyc-diagnostics"},
          {"version", kJsonReportVersion},
          {"diagnostics", std::move(list)},
          {"summary",
           {{"files", summary.files},
            {"errors", summary.errors},
            {"warnings", summary.warnings},
            {"notes", summary.notes}}}};
}

}  // namespace replyc
