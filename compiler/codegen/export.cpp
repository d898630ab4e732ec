#include "compiler/codegen/export.hpp"

#include <nlohmann/json.hpp>
#include <set>

namespace replyc::codegen {
namespace {

using json = nlohmann::json;

struct Spelled {
  std::string text;
  std::vector<std::string> problems;
};

// Delimiters that must not appear in literal text for a spelling, or the tool would misread it.
std::vector<std::string> reserved(const PlaceholderSpelling& spelling) {
  if (spelling.name == "braces")
    return {"{", "}"};
  if (spelling.name == "double-braces")
    return {"{{", "}}"};
  if (spelling.name == "brackets")
    return {"[", "]"};
  if (spelling.name == "percent")
    return {"%%"};
  std::vector<std::string> out;
  for (const auto& [param, text] : spelling.mapping)
    out.push_back(text);
  return out;
}

void flatten(const Parts& parts, const PlaceholderSpelling& spelling, Spelled& out) {
  for (const auto& node : parts) {
    switch (node.kind) {
      case Node::Kind::Text:
        for (const auto& token : reserved(spelling)) {
          if (!token.empty() && node.text.find(token) != std::string::npos) {
            out.problems.push_back("the text contains '" + token + "', which the " + spelling.name +
                                   " placeholder spelling would read as a " + "placeholder");
          }
        }
        out.text += node.text;
        break;
      case Node::Kind::Param:
        if (spelling.name == "map" && spelling.mapping.count(node.param) == 0) {
          out.problems.push_back("param '" + node.param +
                                 "' has no entry in the mapping file, so the target cannot fill "
                                 "it in");
        }
        out.text += spelling.spell(node.param);
        break;
      case Node::Kind::Choice:
        out.problems.push_back("{" + node.param + ", " + (node.plural ? "plural" : "select") +
                               ", ...} is a choice; a flat placeholder (" + spelling.name +
                               ") cannot choose between texts");
        break;
      case Node::Kind::PluralCount:
        out.problems.push_back("'#' of a plural cannot be expressed with flat placeholders");
        break;
    }
  }
}

// Spreadsheet tools run a cell that starts with = + - @ (or a tab or CR before one) as a formula:
// a template text must never become one (CSV injection). A leading apostrophe makes it text.
std::string guard_formula(const std::string& value) {
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos)
    return "'" + value;
  return value;
}

std::string csv_field(const std::string& raw) {
  const std::string value = guard_formula(raw);
  if (value.find_first_of(",\"\r\n") == std::string::npos)
    return value;
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"')
      out += '"';
    out += c;
  }
  return out + "\"";
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty())
      out += separator;
    out += item;
  }
  return out;
}

struct Row {
  const Template* templ;
  const LocaleEntry* locale;
  std::string message;
  std::vector<std::pair<std::string, std::string>> sections;
  std::vector<std::string> used;  // params that appear, in declaration order
};

}  // namespace

std::string PlaceholderSpelling::spell(const std::string& param) const {
  if (name == "braces")
    return "{" + param + "}";
  if (name == "double-braces")
    return "{{" + param + "}}";
  if (name == "brackets")
    return "[" + param + "]";
  if (name == "percent")
    return "%%" + param + "%%";
  const auto it = mapping.find(param);
  return it == mapping.end() ? std::string() : it->second;
}

std::variant<PlaceholderSpelling, std::string> placeholder_spelling(std::string_view name) {
  for (const char* known : {"braces", "double-braces", "brackets", "percent"}) {
    if (name == known)
      return PlaceholderSpelling{std::string(name), {}};
  }
  return "unknown placeholder spelling '" + std::string(name) +
         "' (use braces, double-braces, brackets, percent or map:FILE)";
}

std::variant<PlaceholderSpelling, std::string> parse_mapping(std::string_view json_text) {
  json parsed;
  try {
    parsed = json::parse(json_text.begin(), json_text.end());
  } catch (const json::exception& error) {  // syntax, numbers out of range
    return std::string("not valid JSON: ") + error.what();
  }
  if (!parsed.is_object())
    return std::string("must be a JSON object from param names to placeholder text");
  PlaceholderSpelling spelling{"map", {}};
  std::set<std::string> seen;
  for (const auto& [param, value] : parsed.items()) {
    if (!value.is_string() || value.get<std::string>().empty())
      return "the entry for '" + param + "' must be a non-empty string";
    const std::string text = value.get<std::string>();
    if (!seen.insert(text).second)
      return "two params map to the same placeholder '" + text + "'";
    spelling.mapping.emplace(param, text);
  }
  return spelling;
}

ExportResult export_bundle(const Bundle& bundle, const ExportOptions& options) {
  ExportResult result;
  std::vector<Row> rows;
  for (const auto& templ : bundle.templates) {
    for (const auto& locale : templ.locales) {
      Row row{&templ, &locale, {}, {}, {}};
      std::vector<std::string> problems;
      for (const auto& [name, text] : locale.sections) {
        Spelled spelled;
        flatten(text.parts, options.placeholders, spelled);
        for (const auto& problem : spelled.problems)
          problems.push_back("template " + templ.id + " [" + locale.tag + "] " + name + ": " +
                             problem);
        row.sections.emplace_back(name, std::move(spelled.text));
      }
      Spelled message;
      flatten(locale.message.parts, options.placeholders, message);
      row.message = std::move(message.text);
      for (const auto& param : templ.params) {
        if (row.message.find(options.placeholders.spell(param.name)) != std::string::npos &&
            !options.placeholders.spell(param.name).empty())
          row.used.push_back(param.name);
      }
      if (problems.empty()) {
        rows.push_back(std::move(row));
      } else if (options.skip_unexpressible) {
        result.skipped.push_back("left out: " + problems.front());
      } else {
        result.errors.insert(result.errors.end(), problems.begin(), problems.end());
      }
    }
  }
  if (!result.errors.empty())
    return result;

  if (options.format == ExportFormat::Csv) {
    std::string out = "\xEF\xBB\xBF";
    std::vector<std::string> header = {"template", "locale",       "title",  "scenario",
                                       "kind",     "marketplaces", "params", "message"};
    for (const auto& name : section_names())
      header.push_back(name);
    out += join(header, ",") + "\r\n";
    for (const auto& row : rows) {
      std::vector<std::string> fields = {row.templ->id,       row.locale->tag,
                                         row.templ->title,    row.templ->scenario,
                                         row.templ->kind,     join(row.templ->marketplaces, " "),
                                         join(row.used, " "), row.message};
      for (const auto& [name, text] : row.sections)
        fields.push_back(text);
      std::vector<std::string> quoted;
      for (const auto& field : fields)
        quoted.push_back(csv_field(field));
      out += join(quoted, ",") + "\r\n";
    }
    result.content = std::move(out);
    return result;
  }

  json entries = json::array();
  for (const auto& row : rows) {
    json params = json::array();
    for (const auto& param : row.templ->params) {
      json item = {{"name", param.name}, {"type", param.type}, {"required", param.required}};
      const std::string spelled = options.placeholders.spell(param.name);
      item["placeholder"] = spelled.empty() ? json(nullptr) : json(spelled);
      params.push_back(std::move(item));
    }
    json sections = json::object();
    for (const auto& [name, text] : row.sections)
      sections[name] = text;
    entries.push_back({{"template", row.templ->id},
                       {"locale", row.locale->tag},
                       {"title", row.templ->title},
                       {"scenario", row.templ->scenario},
                       {"kind", row.templ->kind},
                       {"marketplaces", row.templ->marketplaces},
                       {"params", std::move(params)},
                       {"message", row.message},
                       {"sections", std::move(sections)}});
  }
  json out = {{"format", "replyc-export"},
              {"formatVersion", 1},
              {"placeholders", options.placeholders.name},
              {"sourceHash", bundle.source_hash},
              {"entries", std::move(entries)}};
  result.content = out.dump(2, ' ', false, json::error_handler_t::strict) + "\n";
  return result;
}

}  // namespace replyc::codegen
