#include "lsp/language/syntax.hpp"

#include "compiler/ast/walk.hpp"

namespace replyc::lsp::language {

namespace {

using Kind = Target::Kind;
using PartKind = ast::TextPart::Kind;

bool touches(ByteRange range, std::uint32_t offset) {
  return range.begin <= offset && offset <= range.end;
}

bool hit(const ast::Name& name, std::uint32_t offset) {
  return !name.text.empty() && touches(name.range, offset);
}

Target make(Kind kind, const ast::Name& name) {
  Target target;
  target.kind = kind;
  target.name = name.text;
  target.range = name.range;
  return target;
}

bool locate_suppressions(const std::vector<ast::Suppression>& list, std::uint32_t offset,
                         Target& out) {
  for (const auto& s : list) {
    if (hit(s.rule, offset)) {
      out = make(Kind::kSuppression, s.rule);
      out.suppression = &s;
      return true;
    }
  }
  return false;
}

bool locate_text(const ast::Text& text, std::uint32_t offset, Target& out) {
  for (const auto& part : text) {
    if (!touches(part.range, offset))
      continue;
    switch (part.kind) {
      case PartKind::Param:
        if (hit(part.name, offset)) {
          out = make(Kind::kParamUse, part.name);
        } else if (hit(part.style, offset)) {
          out = make(Kind::kStyle, part.style);
        } else {
          continue;
        }
        out.part = &part;
        return true;
      case PartKind::Snippet:
        if (!hit(part.name, offset))
          continue;
        out = make(Kind::kSnippetUse, part.name);
        out.part = &part;
        return true;
      case PartKind::Choice:
        if (hit(part.name, offset)) {
          out = make(Kind::kChoiceName, part.name);
          out.part = &part;
          return true;
        }
        for (const auto& branch : part.branches) {
          if (hit(branch.key, offset)) {
            out = make(Kind::kBranchKey, branch.key);
            out.part = &part;
            out.branch = &branch;
            return true;
          }
          if (locate_text(branch.body, offset, out))
            return true;
        }
        continue;
      default:
        continue;
    }
  }
  return false;
}

bool locate_block(const ast::Block& block, std::uint32_t offset, Target& out) {
  if (locate_suppressions(block.suppressions, offset, out)) {
    out.block = &block;
    return true;
  }
  if (hit(block.id, offset)) {
    out = make(Kind::kBlockId, block.id);
    out.block = &block;
    return true;
  }
  for (const auto& decl : block.params) {
    if (hit(decl.name, offset)) {
      out = make(Kind::kParamDecl, decl.name);
    } else if (hit(decl.type, offset)) {
      out = make(Kind::kParamType, decl.type);
    } else {
      continue;
    }
    out.decl = &decl;
    out.block = &block;
    return true;
  }
  for (const auto& field : block.fields) {
    for (const auto& word : field.words) {
      if (!word.text.empty() && touches(word.range, offset)) {
        out.kind = Kind::kHeaderValue;
        out.name = word.text;
        out.range = word.range;
        out.field = &field;
        out.word = &word;
        out.block = &block;
        return true;
      }
    }
  }
  for (const auto& locale : block.locales) {
    if (hit(locale.tag, offset)) {
      out = make(Kind::kLocaleTag, locale.tag);
      out.block = &block;
      out.locale = &locale;
      return true;
    }
    for (const auto& section : locale.sections) {
      bool found = locate_suppressions(section.suppressions, offset, out);
      if (!found && hit(section.name, offset)) {
        out = make(Kind::kSectionName, section.name);
        found = true;
      }
      if (!found)
        found = locate_text(section.text, offset, out);
      if (found) {
        out.block = &block;
        out.locale = &locale;
        out.section = &section;
        return true;
      }
    }
  }
  return false;
}

}  // namespace

Target locate(const ast::File& file, std::uint32_t offset) {
  Target out;
  for (const auto& use : file.uses) {
    if (hit(use.module, offset)) {
      out = make(Kind::kUse, use.module);
      out.use = &use;
      return out;
    }
  }
  if (locate_suppressions(file.stray_suppressions, offset, out))
    return out;
  for (const auto& block : file.blocks) {
    if (locate_block(block, offset, out))
      return out;
  }
  return Target{};
}

const ast::Block* block_at(const ast::File& file, std::uint32_t offset) {
  const ast::Block* found = nullptr;
  for (const auto& block : file.blocks) {
    const std::uint32_t begin =
        block.keyword_range.size() > 0 ? block.keyword_range.begin : block.range.begin;
    if (begin <= offset)
      found = &block;
  }
  return found;
}

const ast::LocaleBlock* locale_at(const ast::Block& block, std::uint32_t offset) {
  const ast::LocaleBlock* found = nullptr;
  for (const auto& locale : block.locales) {
    if (locale.header_range.begin <= offset)
      found = &locale;
  }
  return found;
}

std::vector<ByteRange> param_uses(const ast::Block& block, std::string_view name) {
  std::vector<ByteRange> uses;
  for (const auto& locale : block.locales) {
    for (const auto& section : locale.sections) {
      ast::walk(section.text, [&](const ast::TextPart& part, const std::vector<ast::Enclosing>&) {
        if ((part.kind == PartKind::Param || part.kind == PartKind::Choice) &&
            part.name.text == name)
          uses.push_back(part.name.range);
      });
    }
  }
  return uses;
}

const ast::ParamDecl* find_param(const ast::Block& block, std::string_view name) {
  for (const auto& decl : block.params) {
    if (decl.name.text == name)
      return &decl;
  }
  return nullptr;
}

std::vector<SnippetUse> snippet_uses(const ast::File& file) {
  std::vector<SnippetUse> uses;
  for (const auto& block : file.blocks) {
    for (const auto& locale : block.locales) {
      for (const auto& section : locale.sections) {
        ast::walk(section.text, [&](const ast::TextPart& part, const std::vector<ast::Enclosing>&) {
          if (part.kind == PartKind::Snippet)
            uses.push_back({&block, &part});
        });
      }
    }
  }
  return uses;
}

bool is_identifier(std::string_view name) {
  if (name.empty())
    return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!(letter || (digit && i > 0)))
      return false;
  }
  return true;
}

}  // namespace replyc::lsp::language
