#pragma once
// Renderers: the only code that turns diagnostics into text.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compiler/base/source_manager.hpp"
#include "compiler/diag/diagnostic.hpp"
#include "compiler/diag/language.hpp"

namespace replyc {

struct HumanStyle {
  bool color = false;
  UiLanguage language = UiLanguage::English;
};

// rustc-like: header, `--> file:line:col`, the source line with a caret under the exact display
// columns (CJK is two cells wide, tabs expand to four), notes and `help:` lines.
std::string render_human(const Diagnostic& diagnostic, const SourceManager& sources,
                         const HumanStyle& style);

struct Summary {
  std::size_t errors = 0, warnings = 0, notes = 0, files = 0;
};
Summary summarize(const std::vector<Diagnostic>& diagnostics, std::size_t files);
std::string render_summary(const Summary& summary, const HumanStyle& style);

// The versioned JSON report; see docs/diagnostics-json.md.
inline constexpr int kJsonReportVersion = 1;
nlohmann::json location_json(const Location& where, const SourceManager& sources);
nlohmann::json diagnostic_json(const Diagnostic& diagnostic, const SourceManager& sources,
                               UiLanguage language);
nlohmann::json render_json_report(const std::vector<Diagnostic>& diagnostics,
                                  const SourceManager& sources, std::size_t files,
                                  UiLanguage language);

}  // namespace replyc
