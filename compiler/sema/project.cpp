#include "compiler/sema/project.hpp"

#include <cctype>

namespace replyc::sema {

void Project::index_snippets() {
  visible_.clear();
  ambiguous_.clear();
  for (const auto& module : modules) {
    auto& table = visible_[module.get()];
    for (const auto& block : module->ast.blocks) {
      if (block.kind == ast::BlockKind::Snippet && !block.id.text.empty())
        table.emplace(block.id.text, SnippetSymbol{&block, module.get()});
    }
    // An import never overrides the file's own snippet; between imports the first wins, and a
    // second definition makes every use of the id ambiguous.
    for (const Module* imported : module->imports) {
      for (const auto& block : imported->ast.blocks) {
        if (block.kind != ast::BlockKind::Snippet || block.id.text.empty())
          continue;
        const auto [it, inserted] = table.emplace(block.id.text, SnippetSymbol{&block, imported});
        if (inserted || it->second.module == module.get() || it->second.module == imported)
          continue;
        auto& candidates = ambiguous_[module.get()][block.id.text];
        if (candidates.empty())
          candidates.push_back(it->second);
        candidates.push_back({&block, imported});
      }
    }
  }
}

const SnippetSymbol* Project::find_snippet(const Module& from, std::string_view id) const {
  const auto table = visible_.find(&from);
  if (table == visible_.end())
    return nullptr;
  const auto it = table->second.find(id);
  return it == table->second.end() ? nullptr : &it->second;
}

const std::vector<SnippetSymbol>* Project::ambiguous_snippet(const Module& from,
                                                             std::string_view id) const {
  const auto table = ambiguous_.find(&from);
  if (table == ambiguous_.end())
    return nullptr;
  const auto it = table->second.find(id);
  return it == table->second.end() ? nullptr : &it->second;
}

std::vector<std::string> Project::visible_snippet_ids(const Module& from) const {
  std::vector<std::string> ids;
  const auto table = visible_.find(&from);
  if (table == visible_.end())
    return ids;
  for (const auto& [id, symbol] : table->second)
    ids.push_back(id);
  return ids;
}

const Module* Project::module_of(FileId file) const {
  for (const auto& module : modules) {
    if (module->file == file)
      return module.get();
  }
  return nullptr;
}

namespace {

bool same_tag(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

}  // namespace

const ast::LocaleBlock* find_locale(const ast::Block& block, std::string_view tag) {
  for (const auto& locale : block.locales) {
    if (same_tag(locale.tag.text, tag))
      return &locale;
  }
  const auto dash = tag.find('-');
  if (dash == std::string_view::npos)
    return nullptr;
  const auto language = tag.substr(0, dash);
  for (const auto& locale : block.locales) {
    if (same_tag(locale.tag.text, language))
      return &locale;
  }
  return nullptr;
}

}  // namespace replyc::sema
