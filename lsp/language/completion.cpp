// textDocument/completion. The text being typed rarely parses, so the context comes from the
// characters before the cursor (which statement, which unclosed `{`), and the names from the
// latest analysis of the same text (the block's params, the visible snippets, the locale).
#include <algorithm>
#include <regex>
#include <set>

#include "compiler/sema/locale.hpp"
#include "compiler/sema/marketplaces.hpp"
#include "compiler/sema/scenarios.hpp"
#include "compiler/sema/sections.hpp"
#include "compiler/sema/types.hpp"
#include "lsp/language/features.hpp"
#include "lsp/language/syntax.hpp"

namespace replyc::lsp::language {

using nlohmann::json;

namespace {

// LSP CompletionItemKind.
constexpr int kField = 5;
constexpr int kVariable = 6;
constexpr int kModule = 9;
constexpr int kValue = 12;
constexpr int kKeyword = 14;
constexpr int kEnumMember = 20;
constexpr int kConstant = 21;
constexpr int kTypeParameter = 25;

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

class Items {
 public:
  Items(const RequestContext& context, std::uint32_t replace_from)
      : context_(context),
        range_(range_json(context.source, {replace_from, context.offset}, context.encoding)) {}

  void add(const std::string& label, int kind, std::string detail = {}, std::string doc = {},
           std::string insert = {}, int rank = 1) {
    if (!seen_.insert(label).second)
      return;
    json item = {{"label", valid_utf8(label)},
                 {"kind", kind},
                 {"sortText", std::to_string(rank) + "_" + std::to_string(1000 + items_.size())},
                 {"textEdit",
                  {{"range", range_}, {"newText", valid_utf8(insert.empty() ? label : insert)}}}};
    if (!detail.empty())
      item["detail"] = valid_utf8(detail);
    if (!doc.empty())
      item["documentation"] = {{"kind", context_.markdown ? "markdown" : "plaintext"},
                               {"value", valid_utf8(doc)}};
    items_.push_back(std::move(item));
  }

  json result() { return {{"isIncomplete", false}, {"items", std::move(items_)}}; }

 private:
  const RequestContext& context_;
  json range_;
  json items_ = json::array();
  std::set<std::string> seen_;
};

std::string_view line_before(std::string_view text, std::uint32_t offset, std::uint32_t& start) {
  start = offset;
  while (start > 0 && text[start - 1] != '\n')
    --start;
  return text.substr(start, offset - start);
}

// The statement line that the line at `line_start` belongs to: itself when it starts at column
// 0, else the nearest line above that does (blank lines skipped). Returns its start, or npos when
// a comment or the start of the file comes first.
std::size_t statement_start(std::string_view text, std::uint32_t line_start) {
  std::size_t at = line_start;
  while (true) {
    if (at < text.size() && !is_blank(text[at]) && text[at] != '\n' && text[at] != '\r')
      return text[at] == '#' ? std::string_view::npos : at;
    if (at == 0)
      return std::string_view::npos;
    // Up one line.
    std::size_t previous = at - 1;
    while (previous > 0 && text[previous - 1] != '\n')
      --previous;
    at = previous;
  }
}

void complete_params(const ast::Block* block, Items& items) {
  if (block == nullptr)
    return;
  for (const auto& decl : block->params) {
    const auto* type = sema::find_type(decl.type.text);
    items.add(
        decl.name.text, kVariable, decl.type.text + (decl.required ? ", required" : ", optional"),
        type != nullptr
            ? std::string(type->description) + "\n\nSample: `" + std::string(type->sample) + "`"
            : std::string());
  }
}

void complete_styles(const ast::Block* block, std::string_view param, Items& items) {
  if (block == nullptr)
    return;
  const ast::ParamDecl* decl = find_param(*block, param);
  if (decl == nullptr)
    return;
  if (const auto* type = sema::find_type(decl->type.text)) {
    for (const auto& style : type->styles)
      items.add(std::string(style), kEnumMember, "style of " + decl->type.text);
  }
}

void complete_snippets(const RequestContext& context, Items& items) {
  const auto& project = context.project.compilation->project();
  for (const std::string& id : project.visible_snippet_ids(context.module)) {
    const auto* symbol = project.find_snippet(context.module, id);
    std::string detail;
    if (symbol != nullptr) {
      detail = context.project.compilation->sources().file(symbol->module->file).display_name;
      if (!symbol->block->params.empty()) {
        detail += " (";
        for (std::size_t i = 0; i < symbol->block->params.size(); ++i)
          detail += (i > 0 ? ", " : "") + symbol->block->params[i].name.text;
        detail += ")";
      }
    }
    items.add(id, kModule, detail);
  }
}

// Branch keys of a choice: the plural categories of the block's locale, or none/other.
void complete_branch_keys(const RequestContext& context, const ast::Block* block,
                          std::string_view selector, std::string_view kind,
                          const std::set<std::string>& present, Items& items) {
  if (kind == "plural") {
    const ast::LocaleBlock* locale = block != nullptr ? locale_at(*block, context.offset) : nullptr;
    const std::string tag = locale != nullptr ? locale->tag.text : "en";
    for (const std::string& category : sema::plural_categories(tag)) {
      if (!present.contains(category))
        items.add(category, kKeyword, "plural category of " + tag, {}, category + " {");
    }
    items.add("=0", kKeyword, "exactly 0", {}, "=0 {", 2);
    return;
  }
  const ast::ParamDecl* decl = block != nullptr ? find_param(*block, selector) : nullptr;
  if (decl != nullptr && !decl->required && !present.contains("none"))
    items.add("none", kKeyword, "when " + std::string(selector) + " is absent", {}, "none {");
  if (!present.contains("other"))
    items.add("other", kKeyword, "every other value", {}, "other {");
}

// Inside section text: `{` placeholders, `{name:` styles, `{@` snippets, choice keys.
json complete_in_text(const RequestContext& context, const ast::Block* block, std::string_view text,
                      std::size_t text_start) {
  static const std::regex kChoiceHead(R"(^\s*(\w+)\s*,\s*(plural|select)\s*,)");
  struct Frame {
    std::size_t open;
    bool branch;  // the body of a choice branch (text), not a placeholder
  };
  std::vector<Frame> stack;
  for (std::size_t i = text_start; i < context.offset; ++i) {
    const char c = text[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '{') {
      bool branch = false;
      if (!stack.empty() && !stack.back().branch) {
        const std::string head(text.substr(stack.back().open + 1, i - stack.back().open - 1));
        branch = std::regex_search(head, kChoiceHead);
      }
      stack.push_back({i, branch});
    } else if (c == '}' && !stack.empty()) {
      stack.pop_back();
    }
  }
  if (stack.empty() || stack.back().branch)
    return nullptr;
  const std::size_t open = stack.back().open;
  const std::string inside(text.substr(open + 1, context.offset - open - 1));
  std::smatch match;
  static const std::regex kSnippet(R"(^@([\w.]*)$)");
  static const std::regex kParam(R"(^\s*(\w*)$)");
  static const std::regex kStyle(R"(^\s*(\w+)\s*:\s*(\w*)$)");
  static const std::regex kKind(R"(^\s*(\w+)\s*,\s*(\w*)$)");
  const auto start = [&](const std::ssub_match& group) {
    return static_cast<std::uint32_t>(context.offset - static_cast<std::size_t>(group.length()));
  };
  if (std::regex_match(inside, match, kSnippet)) {
    Items items(context, start(match[1]));
    complete_snippets(context, items);
    return items.result();
  }
  if (std::regex_match(inside, match, kParam)) {
    Items items(context, start(match[1]));
    complete_params(block, items);
    return items.result();
  }
  if (std::regex_match(inside, match, kStyle)) {
    Items items(context, start(match[2]));
    complete_styles(block, match[1].str(), items);
    return items.result();
  }
  if (std::regex_match(inside, match, kKind)) {
    Items items(context, start(match[2]));
    items.add("plural", kKeyword, "branches by number (count or number params)", {}, "plural, ");
    items.add("select", kKeyword, "branches by value", {}, "select, ");
    return items.result();
  }
  if (std::regex_search(inside, match, kChoiceHead)) {
    // At the top level of a choice: between branches. The word being typed is the key.
    std::size_t key_start = inside.size();
    while (key_start > 0 && (std::isalnum(static_cast<unsigned char>(inside[key_start - 1])) ||
                             inside[key_start - 1] == '_' || inside[key_start - 1] == '='))
      --key_start;
    const std::size_t before = key_start;
    if (before > 0 && !is_blank(inside[before - 1]) && inside[before - 1] != ',' &&
        inside[before - 1] != '}' && inside[before - 1] != '\n' && inside[before - 1] != '\r')
      return nullptr;
    // Keys already written at this level.
    std::set<std::string> present;
    static const std::regex kKey(R"((=?\w+)\s*\{)");
    int depth = 0;
    std::string top;  // the choice's own level, nested bodies left out
    for (std::size_t i = static_cast<std::size_t>(match.length()); i < key_start; ++i) {
      const char c = inside[i];
      if (c == '\\') {
        ++i;
        continue;
      }
      if (c == '}') {
        --depth;
      }
      if (depth == 0)
        top += c;
      if (c == '{')
        ++depth;
    }
    for (auto it = std::sregex_iterator(top.begin(), top.end(), kKey); it != std::sregex_iterator();
         ++it)
      present.insert((*it)[1].str());
    Items items(context, static_cast<std::uint32_t>(context.offset - (inside.size() - key_start)));
    complete_branch_keys(context, block, match[1].str(), match[2].str(), present, items);
    return items.result();
  }
  return nullptr;
}

}  // namespace

json completion(const RequestContext& context) {
  const std::string_view text = context.source.text;
  const ast::File& file = context.module.ast;
  const ast::Block* block = block_at(file, context.offset);
  std::uint32_t line_start = 0;
  const std::string_view prefix = line_before(text, context.offset, line_start);
  std::smatch match;
  const std::string line(prefix);

  // `[` at the start of a line: locale tags.
  static const std::regex kLocale(R"(^\[\s*([\w-]*)$)");
  if (std::regex_match(line, match, kLocale)) {
    Items items(context, static_cast<std::uint32_t>(context.offset - match[1].length()));
    std::set<std::string> present;
    std::vector<std::string> wanted;
    if (block != nullptr) {
      for (const auto& locale : block->locales)
        present.insert(locale.tag.text);
      for (const auto& field : block->fields) {
        if (field.key.text != "marketplaces")
          continue;
        for (const auto& word : field.words) {
          if (const auto* marketplace = sema::find_marketplace(word.text)) {
            if (!marketplace->languages.empty())
              wanted.emplace_back(marketplace->languages.front());
          }
        }
      }
    }
    const std::size_t rest = text.find('\n', context.offset);
    const std::string_view after = text.substr(
        context.offset, (rest == std::string_view::npos ? text.size() : rest) - context.offset);
    const std::string close = after.find(']') == std::string_view::npos ? "]" : "";
    for (const auto& tag : wanted) {
      if (!present.contains(tag))
        items.add(tag, kConstant, "needed by the template's marketplaces", {}, tag + close, 0);
    }
    for (const auto& marketplace : sema::all_marketplaces()) {
      for (const auto& language : marketplace.languages) {
        const std::string tag(language);
        if (!present.contains(tag))
          items.add(tag, kConstant, "marketplace " + std::string(marketplace.code), {}, tag + close,
                    1);
      }
    }
    return items.result();
  }

  // An identifier being typed at column 0: a section in a locale block, or a statement keyword.
  static const std::regex kLineStart(R"(^(\w*)$)");
  if (std::regex_match(line, match, kLineStart)) {
    Items items(context, line_start);
    const ast::LocaleBlock* locale = block != nullptr ? locale_at(*block, context.offset) : nullptr;
    if (locale != nullptr && locale->header_range.end <= line_start) {
      std::set<std::string> present;
      for (const auto& section : locale->sections) {
        if (section.name.range.begin != line_start)
          present.insert(section.name.text);
      }
      for (const auto& name : sema::required_sections(block->kind)) {
        if (!present.contains(name))
          items.add(name, kField, "section of [" + locale->tag.text + "]", {}, name + " = ", 0);
      }
    }
    for (const char* keyword : {"template", "snippet", "use"})
      items.add(keyword, kKeyword, {}, {}, std::string(keyword) + " ", 2);
    return items.result();
  }

  const std::size_t statement = statement_start(text, line_start);
  if (statement == std::string_view::npos)
    return json::array();
  const std::string_view statement_line = text.substr(statement);

  // Header lines of a template or snippet.
  if (statement != line_start &&
      (statement_line.starts_with("template ") || statement_line.starts_with("snippet ") ||
       statement_line.starts_with("template\t") || statement_line.starts_with("snippet\t"))) {
    const bool is_template = statement_line.starts_with("template");
    // Is this line below `params:` (indented deeper than it)?
    std::size_t indent = 0;
    while (indent < prefix.size() && is_blank(prefix[indent]))
      ++indent;
    bool in_params = false;
    for (std::size_t at = line_start; at > statement;) {
      std::size_t previous = at - 1;
      while (previous > 0 && text[previous - 1] != '\n')
        --previous;
      at = previous;
      std::size_t its_indent = 0;
      while (at + its_indent < text.size() && is_blank(text[at + its_indent]))
        ++its_indent;
      const char first = text[at + its_indent];
      if (first == '\n' || first == '\r' || first == '#' || at == statement)
        continue;
      if (its_indent < indent) {
        const std::string_view header = text.substr(at + its_indent);
        in_params = header.starts_with("params") &&
                    header.substr(6).find_first_not_of(" \t") != std::string_view::npos &&
                    header[header.find_first_not_of(" \t", 6)] == ':';
        break;
      }
    }
    static const std::regex kParamType(R"(^\s+\w+\s*:\s*(\w*)$)");
    static const std::regex kRequiredness(R"(^\s+\w+\s*:\s*\w+\s+(\w*)$)");
    static const std::regex kKey(R"(^\s+(\w*)$)");
    static const std::regex kScenario(R"(^\s+scenario\s*:\s*(\w*)$)");
    static const std::regex kKind(R"(^\s+kind\s*:\s*(\w*)$)");
    static const std::regex kMarketplaces(R"(^\s+marketplaces\s*:([\w\s]*?)(\w*)$)");
    const auto from = [&](const std::ssub_match& group) {
      return static_cast<std::uint32_t>(context.offset - static_cast<std::size_t>(group.length()));
    };
    if (in_params) {
      if (std::regex_match(line, match, kParamType)) {
        Items items(context, from(match[1]));
        for (const auto& type : sema::all_types())
          items.add(std::string(type.name), kTypeParameter, std::string(type.description),
                    "Sample: `" + std::string(type.sample) + "`");
        return items.result();
      }
      if (std::regex_match(line, match, kRequiredness)) {
        Items items(context, from(match[1]));
        items.add("required", kKeyword, "the sender must always supply it");
        items.add("optional", kKeyword, "may be absent; guard it with a none branch");
        return items.result();
      }
      return json::array();
    }
    if (std::regex_match(line, match, kScenario)) {
      Items items(context, from(match[1]));
      for (const auto& scenario : sema::all_scenarios())
        items.add(std::string(scenario.name), kEnumMember, std::string(scenario.description));
      return items.result();
    }
    if (std::regex_match(line, match, kKind)) {
      Items items(context, from(match[1]));
      items.add("reply", kEnumMember, "answers a buyer's message");
      items.add("proactive", kEnumMember, "a message the seller starts");
      return items.result();
    }
    if (std::regex_match(line, match, kMarketplaces)) {
      Items items(context, from(match[2]));
      std::set<std::string> listed;
      static const std::regex kWord(R"(\w+)");
      const std::string written = match[1].str();
      for (auto it = std::sregex_iterator(written.begin(), written.end(), kWord);
           it != std::sregex_iterator(); ++it)
        listed.insert(it->str());
      for (const auto& marketplace : sema::all_marketplaces()) {
        const std::string code(marketplace.code);
        if (listed.contains(code))
          continue;
        std::string languages;
        for (const auto& language : marketplace.languages)
          languages += (languages.empty() ? "" : " ") + std::string(language);
        items.add(code, kValue, "languages: " + languages);
      }
      return items.result();
    }
    if (std::regex_match(line, match, kKey)) {
      Items items(context, from(match[1]));
      std::set<std::string> present;
      if (block != nullptr) {
        for (const auto& field : block->fields)
          present.insert(field.key.text);
        if (!block->params_keyword.text.empty())
          present.insert("params");
      }
      const std::vector<std::string> keys =
          is_template ? std::vector<std::string>{"title",        "scenario", "kind",
                                                 "marketplaces", "valid",    "params"}
                      : std::vector<std::string>{"params"};
      for (const auto& key : keys) {
        if (!present.contains(key))
          items.add(key, kField, "header field", {}, key + ": ");
      }
      return items.result();
    }
    return json::array();
  }

  // Section text: `name = text` and its continuation lines.
  static const std::regex kSection(R"(^(\w+)[ \t]*=)");
  const std::size_t eol = statement_line.find('\n');
  const std::string head(statement_line.substr(0, std::min<std::size_t>(eol, 200)));
  if (std::regex_search(head, match, kSection)) {
    const std::size_t text_start = statement + static_cast<std::size_t>(match.length());
    if (text_start > context.offset)
      return json::array();
    json result = complete_in_text(context, block, text, text_start);
    return result.is_null() ? json::array() : result;
  }
  return json::array();
}

}  // namespace replyc::lsp::language
