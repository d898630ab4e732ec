#pragma once
// Exports for tools that do their own substitution (ERP systems, helpdesks): flat text with the
// tool's placeholder spelling, as CSV (UTF-8 with BOM, one row per template x locale) or JSON.
// A text the spelling cannot carry (a choice, literal text that would read as a placeholder, a
// param without a mapping) is refused with a message naming the template, locale and section.
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "compiler/codegen/model.hpp"

namespace replyc::codegen {

enum class ExportFormat { Csv, Json };

struct PlaceholderSpelling {
  std::string name;                            // braces, double-braces, brackets, percent, map
  std::map<std::string, std::string> mapping;  // map: param -> the exact text to insert
  std::string spell(const std::string& param) const;  // "{order_id}", or the mapped text
};

// braces | double-braces | brackets | percent; "map" needs parse_mapping.
std::variant<PlaceholderSpelling, std::string> placeholder_spelling(std::string_view name);
// A mapping file: a JSON object from param names to the tool's placeholder text, e.g.
// {"buyer_name": "{{ticket.requester.first_name}}"}.
std::variant<PlaceholderSpelling, std::string> parse_mapping(std::string_view json_text);

struct ExportOptions {
  ExportFormat format = ExportFormat::Csv;
  PlaceholderSpelling placeholders;
  bool skip_unexpressible = false;  // leave such template x locale rows out instead of failing
};

struct ExportResult {
  std::string content;               // empty when errors is not
  std::vector<std::string> errors;   // refused texts (fatal unless skip_unexpressible)
  std::vector<std::string> skipped;  // rows left out, with the reason (skip_unexpressible)
};

ExportResult export_bundle(const Bundle& bundle, const ExportOptions& options);

}  // namespace replyc::codegen
