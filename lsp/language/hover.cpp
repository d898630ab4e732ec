// textDocument/hover: params (type, requiredness, styles, sample), section text in the other
// locales, snippets, locales, scenarios, and the documentation of a diagnostic code or rule.
#include <fmt/format.h>

#include "compiler/diag/catalog.hpp"
#include "compiler/diag/docs.hpp"
#include "compiler/sema/locale.hpp"
#include "compiler/sema/marketplaces.hpp"
#include "compiler/sema/scenarios.hpp"
#include "compiler/sema/types.hpp"
#include "lsp/language/features.hpp"
#include "lsp/language/syntax.hpp"

namespace replyc::lsp::language {

using nlohmann::json;

namespace {

using Kind = Target::Kind;

// The paragraph that starts at the first non-blank line at or after `from`.
std::string_view paragraph(std::string_view text, std::size_t from) {
  while (from < text.size() && (text[from] == '\n' || text[from] == '\r'))
    ++from;
  std::size_t end = text.find("\n\n", from);
  if (end == std::string_view::npos)
    end = text.size();
  std::string_view result = text.substr(from, end - from);
  while (!result.empty() && (result.back() == '\r' || result.back() == '\n'))
    result.remove_suffix(1);
  return result;
}

std::string unwrap(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n')
      c = ' ';
  }
  return out;
}

// Section text as the author wrote it, continuation lines without their indentation.
std::string section_text(std::string_view source, const ast::Section& section) {
  const ByteRange range = section.text_range;
  if (range.end <= range.begin || range.end > source.size())
    return {};
  std::string out;
  std::string_view text = source.substr(range.begin, range.size());
  bool line_start = false;
  for (char c : text) {
    if (c == '\r')
      continue;
    if (line_start && (c == ' ' || c == '\t'))
      continue;
    line_start = c == '\n';
    out += c;
  }
  return valid_utf8(out);
}

std::string plain(std::string markdown) {
  std::string out;
  std::size_t i = 0;
  while (i < markdown.size()) {
    if (markdown.compare(i, 3, "```") == 0) {
      const auto eol = markdown.find('\n', i);
      i = eol == std::string::npos ? markdown.size() : eol + 1;
      continue;
    }
    if (markdown.compare(i, 2, "**") == 0) {
      i += 2;
      continue;
    }
    if (markdown[i] == '`') {
      ++i;
      continue;
    }
    out += markdown[i++];
  }
  return out;
}

json make_hover(const RequestContext& context, std::string markdown, ByteRange range) {
  json contents = context.markdown
                      ? json{{"kind", "markdown"}, {"value", std::move(markdown)}}
                      : json{{"kind", "plaintext"}, {"value", plain(std::move(markdown))}};
  return {{"contents", std::move(contents)},
          {"range", range_json(context.source, range, context.encoding)}};
}

std::string join_codes(const std::vector<std::string_view>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i > 0 ? ", `" : "`") + std::string(items[i]) + "`";
  return out;
}

std::string param_markdown(const RequestContext& context, const ast::ParamDecl& decl) {
  const UiLanguage lang = context.language;
  std::string out =
      fmt::format("**{}** `{}`: `{}`, {}", tr(lang, "param", "参数"), valid_utf8(decl.name.text),
                  valid_utf8(decl.type.text),
                  decl.required ? tr(lang, "required", "必填") : tr(lang, "optional", "可选"));
  const sema::TypeInfo* type = sema::find_type(decl.type.text);
  if (type == nullptr) {
    out += fmt::format("\n\n{}", tr(lang, "Unknown type.", "未知类型。"));
    return out;
  }
  out += fmt::format("\n\n{}", type->description);
  out += fmt::format(
      "\n\n{}: {}", tr(lang, "Styles", "样式"),
      type->styles.empty() ? std::string(tr(lang, "none", "无")) : join_codes(type->styles));
  out += fmt::format("  \n{}: `{}`", tr(lang, "Sample", "示例"), type->sample);
  if (type->plural_selector)
    out += fmt::format("  \n{}", tr(lang, "Can select plural forms.", "可用于复数选择。"));
  if (!decl.required) {
    out += fmt::format("\n\n{}", tr(lang,
                                    "Optional: insert it inside `{name, select, none {...} "
                                    "other {...}}` so the text reads well without it.",
                                    "可选参数：请放在 `{name, select, none {...} other {...}}` "
                                    "中使用，缺省时文本才通顺。"));
  }
  return out;
}

std::string type_markdown(const RequestContext& context, const sema::TypeInfo& type) {
  const UiLanguage lang = context.language;
  return fmt::format(
      "**{}** `{}`\n\n{}\n\n{}: {}  \n{}: `{}`", tr(lang, "type", "类型"), type.name,
      type.description, tr(lang, "Styles", "样式"),
      type.styles.empty() ? std::string(tr(lang, "none", "无")) : join_codes(type.styles),
      tr(lang, "Sample", "示例"), type.sample);
}

std::string sections_elsewhere(const RequestContext& context, const ast::Block& block,
                               const ast::LocaleBlock& here, const ast::Section& section) {
  const UiLanguage lang = context.language;
  std::string out = fmt::format("**{}** {}", valid_utf8(section.name.text),
                                tr(lang, "in the other locales", "在其他语言中"));
  bool any = false;
  for (const auto& locale : block.locales) {
    if (&locale == &here)
      continue;
    any = true;
    const ast::Section* match = nullptr;
    for (const auto& other : locale.sections) {
      if (other.name.text == section.name.text) {
        match = &other;
        break;
      }
    }
    out += fmt::format("\n\n**[{}]**", valid_utf8(locale.tag.text));
    if (match == nullptr) {
      out += fmt::format(" {}", tr(lang, "(missing)", "（缺失）"));
    } else {
      out += fmt::format("\n```\n{}\n```", section_text(context.source.text, *match));
    }
  }
  if (!any)
    out += fmt::format("\n\n{}", tr(lang, "This is the only locale.", "这是唯一的语言。"));
  return out;
}

std::string snippet_markdown(const RequestContext& context, const sema::SnippetSymbol& symbol,
                             const ast::LocaleBlock* locale) {
  const UiLanguage lang = context.language;
  const auto& file = context.project.compilation->sources().file(symbol.module->file);
  std::string out = fmt::format("**{}** `{}` · {}", tr(lang, "snippet", "片段"),
                                valid_utf8(symbol.block->id.text), valid_utf8(file.display_name));
  if (!symbol.block->params.empty()) {
    std::vector<std::string_view> names;
    for (const auto& decl : symbol.block->params)
      names.push_back(decl.name.text);
    out += fmt::format("\n\n{}: {}", tr(lang, "Needs params", "需要的参数"), join_codes(names));
  }
  if (locale != nullptr) {
    if (const ast::LocaleBlock* text = sema::find_locale(*symbol.block, locale->tag.text)) {
      for (const auto& section : text->sections) {
        out += fmt::format("\n\n**[{}]**\n```\n{}\n```", valid_utf8(text->tag.text),
                           section_text(file.text, section));
      }
    }
  }
  return out;
}

std::string locale_markdown(const RequestContext& context, std::string_view tag) {
  const UiLanguage lang = context.language;
  const auto parsed = sema::parse_locale_tag(tag);
  if (!parsed)
    return {};
  std::string out = fmt::format("**{}** `{}`", tr(lang, "locale", "语言"), parsed->canonical);
  std::vector<std::string> markets;
  for (const auto& marketplace : sema::all_marketplaces()) {
    for (const auto& language : marketplace.languages) {
      if (language == parsed->language)
        markets.emplace_back(marketplace.code);
    }
  }
  const auto categories = sema::plural_categories(tag);
  std::string list;
  for (const auto& category : categories)
    list += (list.empty() ? "`" : ", `") + category + "`";
  out += fmt::format("\n\n{}: {}", tr(lang, "Plural categories", "复数类别"), list);
  if (!markets.empty()) {
    std::string codes;
    for (const auto& code : markets)
      codes += (codes.empty() ? "" : " ") + code;
    out += fmt::format("  \n{}: {}", tr(lang, "Marketplaces", "站点"), codes);
  }
  return out;
}

std::string rule_markdown(const RequestContext& context, std::string_view rule) {
  if (const CodeInfo* code = find_code(rule)) {
    std::string out = doc_summary(code->id, true);
    if (const std::string href = doc_uri(code->id, context.options.docs_dir); !href.empty())
      out += fmt::format("\n\n[{}]({})", tr(context.language, "Documentation", "文档"), href);
    return out;
  }
  if (context.options.describe_rule) {
    if (auto text = context.options.describe_rule(rule, context.language))
      return *text;
  }
  return {};
}

}  // namespace

std::string doc_summary(std::string_view code_id, bool markdown) {
  const CodeInfo* code = find_code(code_id);
  if (code == nullptr)
    return {};
  std::string out =
      fmt::format("**{} {}** · {}", code->id, code->name, severity_name(code->default_severity));
  if (const auto doc = diagnostic_doc(code->id)) {
    // The paragraph after "Severity: ...", then the first one of "## How to fix".
    if (const auto severity = doc->find("\nSeverity:"); severity != std::string_view::npos) {
      const auto after = doc->find('\n', severity + 1);
      if (after != std::string_view::npos)
        out += "\n\n" + unwrap(paragraph(*doc, after + 1));
    }
    if (const auto fix = doc->find("\n## How to fix"); fix != std::string_view::npos) {
      const auto after = doc->find('\n', fix + 1);
      if (after != std::string_view::npos)
        out += "\n\n**How to fix:** " + unwrap(paragraph(*doc, after + 1));
    }
  }
  return markdown ? out : plain(out);
}

json hover(const RequestContext& context, const std::vector<Converted>& diagnostics) {
  const Target target = locate(context.module.ast, context.offset);
  const ast::Block* block = target.block;
  std::string text;
  switch (target.kind) {
    case Kind::kParamUse:
    case Kind::kChoiceName:
    case Kind::kParamDecl:
    case Kind::kStyle: {
      const ast::ParamDecl* decl =
          target.kind == Kind::kParamDecl
              ? target.decl
              : (block != nullptr ? find_param(*block, target.part->name.text) : nullptr);
      if (decl != nullptr)
        text = param_markdown(context, *decl);
      break;
    }
    case Kind::kParamType:
      if (const auto* type = sema::find_type(target.name))
        text = type_markdown(context, *type);
      break;
    case Kind::kSectionName:
      text = sections_elsewhere(context, *block, *target.locale, *target.section);
      break;
    case Kind::kSnippetUse:
      if (const auto* symbol =
              context.project.compilation->project().find_snippet(context.module, target.name))
        text = snippet_markdown(context, *symbol, target.locale);
      break;
    case Kind::kLocaleTag:
      text = locale_markdown(context, target.name);
      break;
    case Kind::kSuppression:
      text = rule_markdown(context, target.name);
      break;
    case Kind::kHeaderValue:
      if (target.field->key.text == "scenario") {
        if (const auto* scenario = sema::find_scenario(target.name)) {
          text = fmt::format("**{}** `{}`\n\n{}", tr(context.language, "scenario", "场景"),
                             scenario->name, scenario->description);
        }
      } else if (target.field->key.text == "marketplaces") {
        if (const auto* marketplace = sema::find_marketplace(target.name)) {
          text = fmt::format("**{}** `{}`\n\n{}: {}", tr(context.language, "marketplace", "站点"),
                             marketplace->code, tr(context.language, "Languages", "语言"),
                             join_codes(marketplace->languages));
        }
      }
      break;
    default:
      break;
  }
  if (!text.empty())
    return make_hover(context, std::move(text), target.range);

  // Inside a finding: what its code (or policy rule) means and how to fix it.
  std::string docs;
  ByteRange range{context.offset, context.offset};
  for (const Converted& item : diagnostics) {
    const ByteRange where = item.diagnostic->where.range;
    if (where.begin > context.offset || context.offset > where.end)
      continue;
    std::string about;
    if (!item.diagnostic->rule.empty())
      about = rule_markdown(context, item.diagnostic->rule);
    if (about.empty())
      about = rule_markdown(context, info(item.diagnostic->code).id);
    if (about.empty() || docs.find(about) != std::string::npos)
      continue;
    docs += (docs.empty() ? "" : "\n\n---\n\n") + about;
    range = where;
  }
  if (docs.empty())
    return nullptr;
  return make_hover(context, std::move(docs), range);
}

}  // namespace replyc::lsp::language
