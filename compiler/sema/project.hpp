#pragma once
// The resolved project: every loaded file, what it imports, and the snippets each file can see.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.hpp"
#include "compiler/base/source_manager.hpp"

namespace replyc::sema {

struct Module {
  FileId file = kNoFile;
  ast::File ast;
  std::vector<const Module*> imports;  // resolved `use` lines, in order (unresolved ones omitted)
  bool is_stdlib = false;
  bool is_input = false;  // named on the command line (or open in the editor)
};

struct SnippetSymbol {
  const ast::Block* block = nullptr;
  const Module* module = nullptr;
};

class Project {
 public:
  std::vector<std::unique_ptr<Module>> modules;

  // Snippets visible from `from`: its own, then those of the modules it imports directly.
  const SnippetSymbol* find_snippet(const Module& from, std::string_view id) const;
  std::vector<std::string> visible_snippet_ids(const Module& from) const;
  // Every definition of `id` when two files `from` imports both define it (and `from` does
  // not): find_snippet gives the first, but the author should choose. Null otherwise.
  const std::vector<SnippetSymbol>* ambiguous_snippet(const Module& from,
                                                      std::string_view id) const;
  const Module* module_of(FileId file) const;

  void index_snippets();

 private:
  std::map<const Module*, std::map<std::string, SnippetSymbol, std::less<>>> visible_;
  std::map<const Module*, std::map<std::string, std::vector<SnippetSymbol>, std::less<>>>
      ambiguous_;
};

// The snippet's locale block for `tag`: the exact tag, then its language alone (en-GB -> en).
const ast::LocaleBlock* find_locale(const ast::Block& block, std::string_view tag);

}  // namespace replyc::sema
