// Go to definition, find references, rename and document symbols.
#include <fmt/format.h>

#include <algorithm>

#include "lsp/jsonrpc.hpp"
#include "lsp/language/features.hpp"
#include "lsp/language/syntax.hpp"
#include "lsp/uri.hpp"

namespace replyc::lsp::language {

using nlohmann::json;

namespace {

using Kind = Target::Kind;

// LSP SymbolKind.
constexpr int kSymbolNamespace = 3;
constexpr int kSymbolClass = 5;
constexpr int kSymbolField = 8;
constexpr int kSymbolFunction = 12;

bool is_param_target(const Target& target) {
  return target.block != nullptr &&
         (target.kind == Kind::kParamUse || target.kind == Kind::kChoiceName ||
          target.kind == Kind::kParamDecl);
}

const ast::ParamDecl* param_decl(const Target& target) {
  if (!is_param_target(target))
    return nullptr;
  return target.kind == Kind::kParamDecl ? target.decl : find_param(*target.block, target.name);
}

json here(const RequestContext& context, ByteRange range) {
  return location_json(context.project, context.module.file, range, context.encoding);
}

// The snippet a target names: `{@id}` or the id of a snippet block.
const sema::SnippetSymbol* snippet_of(const RequestContext& context, const Target& target) {
  const auto& project = context.project.compilation->project();
  if (target.kind == Kind::kSnippetUse)
    return project.find_snippet(context.module, target.name);
  if (target.kind == Kind::kBlockId && target.block->kind == ast::BlockKind::Snippet)
    return project.find_snippet(context.module, target.name);
  return nullptr;
}

// Every `{@id}` in the compiled project that resolves to `block`.
std::vector<std::pair<const sema::Module*, ByteRange>> uses_of_snippet(
    const RequestContext& context, const ast::Block* block) {
  std::vector<std::pair<const sema::Module*, ByteRange>> uses;
  const auto& project = context.project.compilation->project();
  for (const auto& module : project.modules) {
    for (const SnippetUse& use : snippet_uses(module->ast)) {
      const auto* symbol = project.find_snippet(*module, use.part->name.text);
      if (symbol != nullptr && symbol->block == block)
        uses.emplace_back(module.get(), use.part->name.range);
    }
  }
  return uses;
}

std::string display(const RequestContext& context, const sema::Module& module) {
  return context.project.compilation->sources().file(module.file).display_name;
}

json symbol(std::string name, std::string detail, int kind, const RequestContext& context,
            ByteRange range, ByteRange selection, json children) {
  range.begin = std::min(range.begin, selection.begin);
  range.end = std::max(range.end, selection.end);
  if (name.empty())
    name.push_back('?');  // clients refuse empty names (assigning "?" trips GCC 12 -Wrestrict)
  json result = {{"name", valid_utf8(name)},
                 {"kind", kind},
                 {"range", range_json(context.source, range, context.encoding)},
                 {"selectionRange", range_json(context.source, selection, context.encoding)},
                 {"children", std::move(children)}};
  if (!detail.empty())
    result["detail"] = valid_utf8(detail);
  return result;
}

}  // namespace

json definition(const RequestContext& context) {
  const Target target = locate(context.module.ast, context.offset);
  if (const ast::ParamDecl* decl = param_decl(target))
    return here(context, decl->name.range);
  if (const auto* snippet = snippet_of(context, target))
    return location_json(context.project, snippet->module->file, snippet->block->id.range,
                         context.encoding);
  if (target.kind == Kind::kUse && target.use->is_path) {
    // The imported file itself, open or on disk (whether or not it parsed).
    const auto& importer = context.source.path;
    std::error_code ec;
    const auto path = std::filesystem::weakly_canonical(
        importer.parent_path() / std::filesystem::path(target.use->module.text), ec);
    if (ec || !std::filesystem::is_regular_file(path, ec)) {
      if (context.project.uris.find(path) == context.project.uris.end())
        return nullptr;
    }
    const auto open = context.project.uris.find(path);
    const std::string uri =
        open != context.project.uris.end() ? open->second : path_to_uri(path.generic_string());
    return {
        {"uri", uri},
        {"range",
         {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}}};
  }
  return nullptr;  // `use std` and the standard library's snippets have no file to show
}

json references(const RequestContext& context, bool include_declaration) {
  const Target target = locate(context.module.ast, context.offset);
  json result = json::array();
  if (is_param_target(target)) {
    const ast::ParamDecl* decl = param_decl(target);
    if (decl != nullptr && include_declaration)
      result.push_back(here(context, decl->name.range));
    for (const ByteRange& use : param_uses(*target.block, target.name))
      result.push_back(here(context, use));
    return result;
  }
  if (const auto* snippet = snippet_of(context, target)) {
    if (include_declaration) {
      json declaration = location_json(context.project, snippet->module->file,
                                       snippet->block->id.range, context.encoding);
      if (!declaration.is_null())
        result.push_back(std::move(declaration));
    }
    for (const auto& [module, range] : uses_of_snippet(context, snippet->block)) {
      json location = location_json(context.project, module->file, range, context.encoding);
      if (!location.is_null())
        result.push_back(std::move(location));
    }
  }
  return result;
}

json prepare_rename(const RequestContext& context) {
  const Target target = locate(context.module.ast, context.offset);
  const ast::ParamDecl* decl = param_decl(target);
  if (decl == nullptr)
    return nullptr;
  return {{"range", range_json(context.source, target.range, context.encoding)},
          {"placeholder", valid_utf8(target.name)}};
}

json rename(const RequestContext& context, const std::string& new_name) {
  const Target target = locate(context.module.ast, context.offset);
  const ast::ParamDecl* decl = param_decl(target);
  const UiLanguage lang = context.language;
  if (decl == nullptr) {
    throw RequestError(error_code::kRequestFailed,
                       std::string(tr(lang, "only a declared param can be renamed here",
                                      "此处只能重命名已声明的参数")));
  }
  if (!is_identifier(new_name)) {
    throw RequestError(error_code::kInvalidParams,
                       fmt::format(fmt::runtime(std::string(tr(
                                       lang,
                                       "'{}' is not a valid param name (letters, digits and _, not "
                                       "starting with a digit)",
                                       "“{}”不是有效的参数名（字母、数字和 _，不能以数字开头）"))),
                                   valid_utf8(new_name)));
  }
  const ast::Block& block = *target.block;
  const std::string old_name = decl->name.text;
  if (new_name != old_name && find_param(block, new_name) != nullptr) {
    throw RequestError(
        error_code::kRequestFailed,
        fmt::format(
            fmt::runtime(std::string(tr(lang, "{} already has a param '{}'", "{} 已有参数“{}”"))),
            valid_utf8(block.id.text), new_name));
  }
  // Snippets receive params by name: renaming one on either side would break the other.
  const auto& project = context.project.compilation->project();
  if (block.kind == ast::BlockKind::Snippet) {
    const auto uses = uses_of_snippet(context, &block);
    if (!uses.empty()) {
      throw RequestError(
          error_code::kRequestFailed,
          fmt::format(fmt::runtime(std::string(
                          tr(lang,
                             "snippet {} gets '{}' by name from where it is used ({}); rename "
                             "it there too",
                             "片段 {} 按名称从使用处获得“{}”（{}）；请同时修改使用处"))),
                      valid_utf8(block.id.text), old_name, display(context, *uses.front().first)));
    }
  } else {
    for (const SnippetUse& use : snippet_uses(context.module.ast)) {
      if (use.block != &block)
        continue;
      const auto* symbol = project.find_snippet(context.module, use.part->name.text);
      if (symbol != nullptr && find_param(*symbol->block, old_name) != nullptr) {
        throw RequestError(
            error_code::kRequestFailed,
            fmt::format(fmt::runtime(std::string(tr(lang, "snippet {} needs a param named '{}'",
                                                    "片段 {} 需要名为“{}”的参数"))),
                        valid_utf8(symbol->block->id.text), old_name));
      }
    }
  }
  json edits = json::array();
  const auto edit = [&](ByteRange range) {
    edits.push_back(
        {{"range", range_json(context.source, range, context.encoding)}, {"newText", new_name}});
  };
  edit(decl->name.range);
  for (const ByteRange& use : param_uses(block, old_name))
    edit(use);
  return {{"changes", {{context.document.uri(), std::move(edits)}}}};
}

json document_symbols(const RequestContext& context) {
  json result = json::array();
  for (const auto& block : context.module.ast.blocks) {
    json locales = json::array();
    for (const auto& locale : block.locales) {
      json sections = json::array();
      for (const auto& section : locale.sections) {
        sections.push_back(symbol(section.name.text, {}, kSymbolField, context, section.range,
                                  section.name.range, json::array()));
      }
      std::string name;  // "[en]", built by appending (GCC 12 warns wrongly on "[" + tag + "]")
      name.reserve(locale.tag.text.size() + 2);
      name.push_back('[');
      name.append(locale.tag.text);
      name.push_back(']');
      locales.push_back(symbol(std::move(name), {}, kSymbolNamespace, context, locale.range,
                               locale.header_range, std::move(sections)));
    }
    const bool is_template = block.kind == ast::BlockKind::Template;
    std::string title;
    for (const auto& field : block.fields) {
      if (field.key.text == "title" && field.value_range.end <= context.source.text.size())
        title = std::string(
            context.source.text.substr(field.value_range.begin, field.value_range.size()));
    }
    const ByteRange selection = block.id.text.empty() ? block.keyword_range : block.id.range;
    result.push_back(symbol(block.id.text, is_template ? title : "snippet",
                            is_template ? kSymbolClass : kSymbolFunction, context, block.range,
                            selection, std::move(locales)));
  }
  return result;
}

}  // namespace replyc::lsp::language
