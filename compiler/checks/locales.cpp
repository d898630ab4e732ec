#include <map>

#include "compiler/checks/context.hpp"
#include "compiler/sema/locale.hpp"
#include "compiler/sema/marketplaces.hpp"

namespace replyc::checks {
namespace {

void check_block(const sema::Module& module, const ast::Block& block, Context& context) {
  std::map<std::string, const ast::LocaleBlock*> seen;
  std::vector<std::string> languages;
  for (const auto& locale : block.locales) {
    const Location where{module.file, locale.tag.range};
    const auto tag = sema::parse_locale_tag(locale.tag.text);
    if (!tag) {
      context.report(make_diagnostic(Code::InvalidLocaleTag, where, {locale.tag.text}));
    } else {
      languages.push_back(tag->language);
      // Tags are case-insensitive, but one spelling keeps lookups and bundles predictable.
      if (tag->canonical != locale.tag.text) {
        auto d = make_diagnostic(Code::LocaleTagCase, where, {locale.tag.text, tag->canonical});
        d.fixes.push_back(make_fix(NoteId::ReplaceWith, {tag->canonical}, where, tag->canonical));
        context.report(std::move(d));
      }
    }
    const auto [it, inserted] = seen.emplace(tag ? tag->canonical : locale.tag.text, &locale);
    if (!inserted) {
      auto d = make_diagnostic(Code::DuplicateLocale, where, {locale.tag.text, block.id.text});
      d.notes.push_back(
          make_note(NoteId::FirstDefinedHere, {}, {module.file, it->second->tag.range}));
      context.report(std::move(d));
    }
  }
  if (block.kind != ast::BlockKind::Template)
    return;
  for (const auto& field : block.fields) {
    if (field.key.text != "marketplaces")
      continue;
    for (const auto& word : field.words) {
      const auto* marketplace = sema::find_marketplace(word.text);
      if (marketplace == nullptr)
        continue;  // reported by the header check
      bool covered = false;
      for (auto language : marketplace->languages) {
        for (const auto& have : languages)
          covered = covered || have == language;
      }
      if (covered)
        continue;
      const std::string wanted(marketplace->languages.front());
      auto d = make_diagnostic(Code::MarketplaceLanguageMissing, {module.file, word.range},
                               {word.text, wanted});
      d.notes.push_back(make_note(NoteId::AddBlock, {wanted}));
      context.report(std::move(d));
    }
  }
}

}  // namespace

void check_locales(const sema::Module& module, Context& context) {
  for (const auto& block : module.ast.blocks)
    check_block(module, block, context);
}

}  // namespace replyc::checks
