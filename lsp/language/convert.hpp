#pragma once
// Compiler results -> LSP JSON: byte ranges to positions in the negotiated encoding, diagnostics
// with their related information, documentation link and fixes.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source_manager.hpp"
#include "compiler/diag/diagnostic.hpp"
#include "compiler/diag/language.hpp"
#include "lsp/language/workspace.hpp"
#include "lsp/position.hpp"

namespace replyc::lsp::language {

struct ConvertOptions {
  UiLanguage language = UiLanguage::English;
  PositionEncoding encoding = PositionEncoding::kUtf16;
  // Folder holding <CODE>.md for codeDescription links; empty: no links.
  std::string docs_dir;
};

// `text` with every ill-formed UTF-8 sequence replaced by U+FFFD (JSON strings must be UTF-8).
std::string valid_utf8(std::string_view text);

Range to_range(const SourceFile& file, ByteRange range, PositionEncoding encoding);
nlohmann::json range_json(const SourceFile& file, ByteRange range, PositionEncoding encoding);

// file:// uri of docs/diagnostics/<CODE>.md when that file exists, else empty.
std::string doc_uri(std::string_view code_id, const std::string& docs_dir);

// The fix's edits as {"uri", "range", "newText"} objects; empty when an edit lands in a file that
// has no uri (the standard library).
nlohmann::json fix_edits(const Project& project, const Fix& fix, PositionEncoding encoding);
// A fix that replaces a misspelling, or the only fix of its diagnostic.
bool is_preferred(const Diagnostic& diagnostic, const Fix& fix);

struct Converted {
  const Diagnostic* diagnostic;
  nlohmann::json lsp;  // the LSP Diagnostic
};

// The diagnostics of the compiled file behind `uri`, in the compiler's order.
std::vector<Converted> convert_diagnostics(const Project& project, std::string_view uri,
                                           const ConvertOptions& options);

}  // namespace replyc::lsp::language
