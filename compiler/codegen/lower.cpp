#include "compiler/codegen/lower.hpp"

#include <algorithm>
#include <map>

#include "compiler/base/date.hpp"
#include "compiler/codegen/formats.hpp"
#include "compiler/codegen/icu_pattern.hpp"
#include "compiler/codegen/sha256.hpp"
#include "compiler/sema/sections.hpp"

namespace replyc::codegen {
namespace {

using Kind = ast::TextPart::Kind;

constexpr int kMaxSnippetDepth = 32;
constexpr std::string_view kFirstStrongIsolate = "\u2068";
constexpr std::string_view kPopDirectionalIsolate = "\u2069";

struct Lowering {
  const sema::Project& project;
  const std::map<std::string, std::string>& types;  // param -> type of the template being lowered
  std::string tag;
  bool rtl = false;
  std::vector<std::string>& errors;
  std::string where;  // "template X [de] greeting", for messages

  Parts text(const sema::Module& module, const ast::Text& source, const std::string& plural_param,
             int depth) {
    Parts parts;
    for (const auto& part : source) {
      switch (part.kind) {
        case Kind::Literal:
          append(parts, Node::literal(part.text));
          break;
        case Kind::LineBreak:
          append(parts, Node::literal("\n"));
          break;
        case Kind::ParagraphBreak:
          append(parts, Node::literal("\n\n"));
          break;
        case Kind::Param: {
          Node node;
          node.kind = Node::Kind::Param;
          node.param = part.name.text;
          node.type = type_of(part.name.text);
          node.style = part.style.text;
          if (rtl)
            append(parts, Node::literal(std::string(kFirstStrongIsolate)));
          append(parts, std::move(node));
          if (rtl)
            append(parts, Node::literal(std::string(kPopDirectionalIsolate)));
          break;
        }
        case Kind::PluralCount: {
          Node node;
          node.kind = Node::Kind::PluralCount;
          node.param = plural_param;
          if (plural_param.empty())
            append(parts, Node::literal("#"));
          else
            append(parts, std::move(node));
          break;
        }
        case Kind::Choice: {
          Node node;
          node.kind = Node::Kind::Choice;
          node.param = part.name.text;
          node.type = type_of(part.name.text);
          node.plural = part.choice == ast::ChoiceKind::Plural;
          const std::string inner_plural = node.plural ? node.param : plural_param;
          for (const auto& branch : part.branches)
            node.branches.emplace_back(branch.key.text,
                                       text(module, branch.body, inner_plural, depth));
          std::sort(node.branches.begin(), node.branches.end(),
                    [](const auto& a, const auto& b) { return a.first < b.first; });
          append(parts, std::move(node));
          break;
        }
        case Kind::Snippet:
          append(parts, snippet(module, part.name.text, plural_param, depth));
          break;
      }
    }
    return parts;
  }

  Parts snippet(const sema::Module& module, const std::string& id, const std::string& plural_param,
                int depth) {
    if (depth >= kMaxSnippetDepth) {
      errors.push_back(where + ": snippets nest deeper than " + std::to_string(kMaxSnippetDepth) +
                       " levels at {@" + id + "}");
      return {};
    }
    const auto* symbol = project.find_snippet(module, id);
    if (symbol == nullptr) {
      errors.push_back(where + ": snippet '" + id + "' is not defined");
      return {};
    }
    const auto* locale = sema::find_locale(*symbol->block, tag);
    if (locale == nullptr) {
      errors.push_back(where + ": snippet '" + id + "' has no block for locale '" + tag + "'");
      return {};
    }
    Parts parts;
    for (const auto& section : locale->sections) {
      if (section.name.text == "text")
        append(parts, text(*symbol->module, section.text, plural_param, depth + 1));
    }
    return parts;
  }

  std::string type_of(const std::string& param) const {
    const auto it = types.find(param);
    return it == types.end() ? std::string("text") : it->second;
  }
};

const ast::HeaderField* field(const ast::Block& block, std::string_view key) {
  for (const auto& f : block.fields) {
    if (f.key.text == key)
      return &f;
  }
  return nullptr;
}

std::string field_text(const ast::Block& block, std::string_view key, std::string_view source) {
  const auto* f = field(block, key);
  if (f == nullptr || f->value_range.end <= f->value_range.begin)
    return {};
  return std::string(source.substr(f->value_range.begin, f->value_range.size()));
}

std::optional<ValidWindow> valid_window(const ast::Block& block) {
  const auto* f = field(block, "valid");
  if (f == nullptr)
    return std::nullopt;
  std::string joined;
  for (const auto& word : f->words)
    joined += word.text;
  const auto dots = joined.find("..");
  if (dots == std::string::npos)
    return std::nullopt;
  const auto from = parse_iso_date(std::string_view(joined).substr(0, dots));
  const auto until = parse_iso_date(std::string_view(joined).substr(dots + 2));
  if (!from || !until)
    return std::nullopt;
  return ValidWindow{from->to_string(), until->to_string()};
}

Template lower_template(const sema::Module& module, const ast::Block& block,
                        const sema::Project& project, std::string_view source,
                        std::vector<std::string>& errors) {
  Template out;
  out.id = block.id.text;
  out.title = field_text(block, "title", source);
  out.scenario = field_text(block, "scenario", source);
  const std::string kind = field_text(block, "kind", source);
  out.kind = kind.empty() ? "reply" : kind;
  if (const auto* marketplaces = field(block, "marketplaces")) {
    for (const auto& word : marketplaces->words)
      out.marketplaces.push_back(word.text);
  }
  out.valid = valid_window(block);
  std::map<std::string, std::string> types;
  for (const auto& param : block.params) {
    out.params.push_back({param.name.text, param.type.text, param.required});
    types.emplace(param.name.text, param.type.text);
  }
  const auto& names = sema::required_sections(ast::BlockKind::Template);
  for (const auto& locale : block.locales) {
    LocaleEntry entry;
    entry.tag = locale.tag.text;
    Lowering lowering{project, types, entry.tag, is_rtl_locale(entry.tag), errors, {}};
    for (const auto& name : names) {
      lowering.where = "template " + out.id + " [" + entry.tag + "] " + name;
      Parts parts;
      for (const auto& section : locale.sections) {
        if (section.name.text == name) {
          parts = lowering.text(module, section.text, {}, 0);
          break;
        }
      }
      if (!entry.sections.empty())
        append(entry.message.parts, Node::literal("\n\n"));
      append(entry.message.parts, parts);
      entry.sections.emplace_back(name, Text{{}, std::move(parts)});
    }
    out.locales.push_back(std::move(entry));
  }
  std::sort(out.locales.begin(), out.locales.end(),
            [](const LocaleEntry& a, const LocaleEntry& b) { return a.tag < b.tag; });
  write_patterns(out);
  return out;
}

}  // namespace

void write_patterns(Template& templ) {
  for (auto& locale : templ.locales) {
    for (auto& [name, text] : locale.sections)
      text.icu = write_icu(text.parts, templ.params, locale.tag);
    locale.message.icu = write_icu(locale.message.parts, templ.params, locale.tag);
  }
}

std::string source_hash(const sema::Project& project, const SourceManager& sources,
                        const std::filesystem::path& root) {
  std::vector<std::pair<std::string, std::string_view>> files;
  for (const auto& module : project.modules) {
    const SourceFile& file = sources.file(module->file);
    std::string path = module->is_stdlib ? file.path.generic_string()
                                         : file.path.lexically_relative(root).generic_string();
    if (path.empty())
      path = file.path.generic_string();
    files.emplace_back(std::move(path), file.text);
  }
  std::sort(files.begin(), files.end());
  Sha256 hash;
  for (const auto& [path, text] : files) {
    hash.update(path);
    hash.update("\n");
    hash.update(std::to_string(text.size()));
    hash.update("\n");
    hash.update(text);
  }
  return "sha256:" + hash.hex();
}

std::variant<Bundle, std::vector<std::string>> lower(const sema::Project& project,
                                                     const SourceManager& sources,
                                                     const LowerOptions& options) {
  Bundle bundle;
  bundle.compiler_version = options.compiler_version;
  bundle.source_hash = source_hash(project, sources, options.root);
  std::vector<std::string> errors;
  const auto today = parse_iso_date(options.today);
  for (const auto& module : project.modules) {
    if (!module->is_input || module->is_stdlib)
      continue;
    const std::string_view source = sources.file(module->file).text;
    for (const auto& block : module->ast.blocks) {
      if (block.kind != ast::BlockKind::Template)
        continue;
      if (const auto window = valid_window(block); window && today) {
        const auto from = parse_iso_date(window->from), until = parse_iso_date(window->until);
        if (*until < *today) {
          bundle.excluded.push_back({block.id.text, "expired", *window});
          continue;
        }
        if (*today < *from) {
          bundle.excluded.push_back({block.id.text, "not-yet-valid", *window});
          continue;
        }
      }
      bundle.templates.push_back(lower_template(*module, block, project, source, errors));
    }
  }
  auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
  std::sort(bundle.templates.begin(), bundle.templates.end(), by_id);
  std::sort(bundle.excluded.begin(), bundle.excluded.end(), by_id);
  for (std::size_t i = 1; i < bundle.templates.size(); ++i) {
    if (bundle.templates[i].id == bundle.templates[i - 1].id)
      errors.push_back("template " + bundle.templates[i].id + " is defined twice");
  }
  if (!errors.empty())
    return errors;
  return bundle;
}

}  // namespace replyc::codegen
