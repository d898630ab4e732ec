#pragma once
// What is at a byte offset of a parsed file, and where a param or snippet is used.
#include <cstdint>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.hpp"

namespace replyc::lsp::language {

struct Target {
  enum class Kind {
    kNone,
    kParamUse,     // {name} or {name:style}: `name`
    kStyle,        // {name:style}: `style`
    kChoiceName,   // {name, plural, ...}: `name`
    kBranchKey,    // one {...}
    kSnippetUse,   // {@id}: `id`
    kParamDecl,    // params: `name`: type
    kParamType,    // params: name: `type`
    kBlockId,      // template `id` / snippet `id`
    kSectionName,  // `name` = text
    kLocaleTag,    // [`tag`]
    kSuppression,  // # replyc: allow `RULE` -- reason
    kUse,          // use `std` / use "`path`"
    kHeaderValue,  // a word of a header field value (scenario, marketplaces...)
  };
  Kind kind = Kind::kNone;
  const ast::Block* block = nullptr;
  const ast::LocaleBlock* locale = nullptr;
  const ast::Section* section = nullptr;
  const ast::TextPart* part = nullptr;
  const ast::Branch* branch = nullptr;
  const ast::ParamDecl* decl = nullptr;
  const ast::Suppression* suppression = nullptr;
  const ast::Use* use = nullptr;
  const ast::HeaderField* field = nullptr;
  const ast::Word* word = nullptr;
  // The name under the cursor (a param, snippet id, section, tag, rule...).
  std::string_view name;
  ByteRange range;
};

// The construct at `offset`; a name also matches with the cursor just after its last character.
Target locate(const ast::File& file, std::uint32_t offset);

// The block and locale block that hold `offset` (the last one starting at or before it), even
// when the line at `offset` did not parse.
const ast::Block* block_at(const ast::File& file, std::uint32_t offset);
const ast::LocaleBlock* locale_at(const ast::Block& block, std::uint32_t offset);

// Every place `block` uses param `name`: placeholders and choice selectors, in every locale.
std::vector<ByteRange> param_uses(const ast::Block& block, std::string_view name);
const ast::ParamDecl* find_param(const ast::Block& block, std::string_view name);

// Every `{@id}` of the file, with the block that holds it.
struct SnippetUse {
  const ast::Block* block;
  const ast::TextPart* part;
};
std::vector<SnippetUse> snippet_uses(const ast::File& file);

// Whether `name` is an identifier ([A-Za-z_][A-Za-z0-9_]*).
bool is_identifier(std::string_view name);

}  // namespace replyc::lsp::language
