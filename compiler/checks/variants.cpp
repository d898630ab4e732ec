#include "compiler/checks/variants.hpp"

#include <algorithm>

#include "compiler/sema/types.hpp"

namespace replyc::checks {
namespace {

using Kind = ast::TextPart::Kind;

struct Scope {
  const sema::Module* module;
  const ast::Block* block;
  std::string_view locale;
};

class Expander {
 public:
  Expander(const sema::Project& project, const ExpandOptions& options, std::size_t index)
      : project_(project), options_(options), index_(index) {}

  void text(const ast::Text& parts, const Scope& scope, std::size_t depth,
            const ast::Branch* branch) {
    for (const auto& part : parts)
      this->part(part, scope, depth, branch);
  }

  Variant take() { return std::move(out_); }
  bool empty() const { return out_.text.empty(); }
  // Appends a variant built separately, shifting its segments.
  void splice(Variant piece) {
    const auto shift = static_cast<std::uint32_t>(out_.text.size());
    out_.text += piece.text;
    for (auto& segment : piece.segments) {
      segment.begin += shift;
      segment.end += shift;
      out_.segments.push_back(segment);
    }
  }

  void append(std::string_view text, Location source, bool exact, bool sample) {
    if (text.empty())
      return;
    const auto begin = static_cast<std::uint32_t>(out_.text.size());
    out_.text += text;
    out_.segments.push_back(
        {begin, static_cast<std::uint32_t>(out_.text.size()), source, exact, sample});
  }

 private:
  void part(const ast::TextPart& part, const Scope& scope, std::size_t depth,
            const ast::Branch* branch) {
    const Location here{scope.module->file, part.range};
    switch (part.kind) {
      case Kind::Literal:
        append(part.text, here, part.text.size() == part.range.size(), false);
        break;
      case Kind::LineBreak:
        append("\n", here, false, false);
        break;
      case Kind::ParagraphBreak:
        append("\n\n", here, false, false);
        break;
      case Kind::Param:
        append(sample_of(part.name.text, scope), here, false, true);
        break;
      case Kind::PluralCount:
        append(count_for(branch), here, false, true);
        break;
      case Kind::Snippet:
        snippet(part, scope, depth);
        break;
      case Kind::Choice:
        if (!part.branches.empty()) {
          const auto& chosen = part.branches[index_ % part.branches.size()];
          text(chosen.body, scope, depth, &chosen);
        }
        break;
    }
  }

  void snippet(const ast::TextPart& part, const Scope& scope, std::size_t depth) {
    if (depth >= options_.max_snippet_depth)
      return;  // cycles are reported by check_snippets
    if (expansions_ >= options_.max_snippet_expansions ||
        out_.text.size() >= options_.max_text_bytes)
      return;  // see ExpandOptions
    ++expansions_;
    const auto* symbol = project_.find_snippet(*scope.module, part.name.text);
    const auto* locale = symbol ? sema::find_locale(*symbol->block, scope.locale) : nullptr;
    if (locale == nullptr) {
      // Unresolved (reported elsewhere): stand in with a neutral character, so that the text
      // around it keeps its shape (no run of line breaks where the snippet should be).
      append("\u2026", {scope.module->file, part.range}, false, true);
      return;
    }
    const Scope inner{symbol->module, symbol->block, scope.locale};
    for (const auto& section : locale->sections)
      text(section.text, inner, depth + 1, nullptr);
  }

  std::string sample_of(const std::string& name, const Scope& scope) const {
    for (const auto& param : scope.block->params) {
      if (param.name.text != name)
        continue;
      if (const auto* type = sema::find_type(param.type.text))
        return std::string(type->sample);
    }
    return name;
  }

  static std::string count_for(const ast::Branch* branch) {
    if (branch == nullptr)
      return "3";
    const std::string& key = branch->key.text;
    if (key.starts_with("="))
      return key.substr(1);
    if (key == "zero")
      return "0";
    if (key == "one")
      return "1";
    if (key == "two")
      return "2";
    return "3";
  }

  const sema::Project& project_;
  const ExpandOptions& options_;
  std::size_t index_;
  std::size_t expansions_ = 0;
  Variant out_;
};

// Snippet visits widest_choice makes at most per locale: without a bound, snippets that use
// others several times would be walked an exponential number of times.
constexpr std::size_t kMaxWidestVisits = 1024;

std::size_t widest_choice(const sema::Project& project, const sema::Module& module,
                          const ast::Text& text, std::string_view locale, std::size_t depth,
                          std::size_t& visits) {
  std::size_t widest = 1;
  for (const auto& part : text) {
    if (part.kind == Kind::Choice)
      widest = std::max(widest, part.branches.size());
    for (const auto& branch : part.branches)
      widest = std::max(widest, widest_choice(project, module, branch.body, locale, depth, visits));
    if (part.kind == Kind::Snippet && depth < 8 && visits < kMaxWidestVisits) {
      ++visits;
      const auto* symbol = project.find_snippet(module, part.name.text);
      const auto* block = symbol ? sema::find_locale(*symbol->block, locale) : nullptr;
      if (block == nullptr)
        continue;
      for (const auto& section : block->sections)
        widest = std::max(widest, widest_choice(project, *symbol->module, section.text, locale,
                                                depth + 1, visits));
    }
  }
  return widest;
}

}  // namespace

std::optional<Location> map_to_source(const Variant& variant, std::uint32_t begin,
                                      std::uint32_t end) {
  const Segment* first = nullptr;
  const Segment* last = nullptr;
  for (const auto& segment : variant.segments) {
    if (segment.end <= begin || segment.begin >= std::max(end, begin + 1))
      continue;
    if (segment.sample || segment.source.file == kNoFile)
      continue;
    if (first == nullptr)
      first = &segment;
    if (segment.source.file == first->source.file)
      last = &segment;
  }
  if (first == nullptr)
    return std::nullopt;
  std::uint32_t from = first->source.range.begin;
  if (first->exact && begin > first->begin)
    from += begin - first->begin;
  std::uint32_t to = last->source.range.end;
  if (last->exact && end < last->end)
    to = last->source.range.begin + (std::max(end, last->begin) - last->begin);
  if (to < from)
    to = from;
  return Location{first->source.file, {from, to}};
}

std::vector<Variant> expand_locale(const sema::Project& project, const sema::Module& module,
                                   const ast::Block& block, const ast::LocaleBlock& locale,
                                   const ExpandOptions& options) {
  std::size_t count = 1, visits = 0;
  for (const auto& section : locale.sections)
    count =
        std::max(count, widest_choice(project, module, section.text, locale.tag.text, 0, visits));
  count = std::min(count, options.max_variants);
  std::vector<Variant> variants;
  const Scope scope{&module, &block, locale.tag.text};
  for (std::size_t i = 0; i < count; ++i) {
    Expander expander(project, options, i);
    for (const auto& section : locale.sections) {
      // Sections that expand to nothing (an unresolved snippet) add no blank line either.
      Expander piece(project, options, i);
      piece.text(section.text, scope, 0, nullptr);
      Variant part = piece.take();
      if (part.text.empty())
        continue;
      if (!expander.empty())
        expander.append("\n\n", {}, false, false);
      expander.splice(std::move(part));
    }
    variants.push_back(expander.take());
  }
  return variants;
}

}  // namespace replyc::checks
