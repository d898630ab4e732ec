#include "grammar/builder.hpp"

#include <algorithm>
#include <limits>

#include "grammar/parse.hpp"

namespace replyc::grammar {
namespace {

using Kind = ast::TextPart::Kind;

bool is_break(const ast::TextPart& part) {
  return part.kind == Kind::LineBreak || part.kind == Kind::ParagraphBreak;
}

std::uint32_t min_indent(const ast::Text& text, std::uint32_t current) {
  for (const auto& part : text) {
    if (is_break(part))
      current = std::min(current, part.indent);
    for (const auto& branch : part.branches)
      current = min_indent(branch.body, current);
  }
  return current;
}

void trim_trailing_blanks(std::string& s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.pop_back();
}

// Removes the common indentation of continuation lines (keeping any extra as text), trailing blanks
// before a break, and leading/trailing breaks; merges adjacent literals.
void lay_out(ast::Text& text, std::uint32_t common_indent) {
  ast::Text result;
  result.reserve(text.size());
  for (auto& part : text) {
    for (auto& branch : part.branches)
      lay_out(branch.body, common_indent);
    if (is_break(part)) {
      if (!result.empty() && result.back().kind == Kind::Literal) {
        trim_trailing_blanks(result.back().text);
        if (result.back().text.empty())
          result.pop_back();
      }
      const std::uint32_t extra = part.indent > common_indent ? part.indent - common_indent : 0;
      part.indent = 0;
      result.push_back(std::move(part));
      if (extra > 0) {
        ast::TextPart spaces;
        spaces.kind = Kind::Literal;
        spaces.text.assign(extra, ' ');
        spaces.range = {result.back().range.end - extra, result.back().range.end};
        result.push_back(std::move(spaces));
      }
      continue;
    }
    if (part.kind == Kind::Literal && !result.empty() && result.back().kind == Kind::Literal) {
      result.back().text += part.text;
      result.back().range.end = part.range.end;
      continue;
    }
    result.push_back(std::move(part));
  }
  while (!result.empty() && is_break(result.front()))
    result.erase(result.begin());
  while (!result.empty() && is_break(result.back()))
    result.pop_back();
  if (!result.empty() && result.back().kind == Kind::Literal) {
    trim_trailing_blanks(result.back().text);
    if (result.back().text.empty())
      result.pop_back();
  }
  text = std::move(result);
}

}  // namespace

Builder::Builder(FileId file, std::string_view text, std::vector<Diagnostic>& diagnostics)
    : file_(file), text_(text), diagnostics_(diagnostics) {
  out_.file = file;
}

void Builder::add(Code code, ByteRange range, std::vector<std::string> args) {
  Diagnostic d{code, info(code).default_severity, {file_, range}, std::move(args), {}, {}, {}};
  if (d.severity == Severity::Error)
    ++error_count_;
  diagnostics_.push_back(std::move(d));
}

void Builder::mark_syntax_error() {
  if (auto* locale = current_locale())
    locale->has_syntax_errors = true;
  if (auto* block = current_block())
    block->has_syntax_errors = true;
}

void Builder::syntax_error(std::uint32_t offset, NoteId expected) {
  std::uint32_t end = offset;
  if (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') {
    ++end;
    while (end < text_.size() && (static_cast<unsigned char>(text_[end]) & 0xC0) == 0x80)
      ++end;
  }
  add(Code::SyntaxError, {offset, end}, {translated_arg(expected)});
  mark_syntax_error();
}

void Builder::statement_skipped(ByteRange range, std::size_t errors_before) {
  if (error_count_ == errors_before) {
    std::uint32_t end = range.begin;
    while (end < range.end && text_[end] != '\n' && text_[end] != '\r')
      ++end;
    add(Code::SyntaxError, {range.begin, end}, {translated_arg(NoteId::ExpectStatement)});
  }
  mark_syntax_error();
  section_.reset();
  open_parts_.clear();
}

void Builder::stray_close(ByteRange range) {
  add(Code::SyntaxError, range, {translated_arg(NoteId::ExpectOpenForClose)});
  mark_syntax_error();
  literal("}", range);
}

void Builder::suppression(ByteRange range, ast::Name rule, std::string reason) {
  const auto first = reason.find_first_not_of(" \t");
  const auto last = reason.find_last_not_of(" \t\r");
  reason = first == std::string::npos ? std::string() : reason.substr(first, last - first + 1);
  pending_suppressions_.push_back({std::move(rule), std::move(reason), range});
}

void Builder::use(ast::Name module, bool is_path, ByteRange range) {
  out_.uses.push_back({std::move(module), is_path, range});
}

void Builder::block_head(ast::BlockKind kind, ast::Name id, ByteRange keyword, ByteRange range) {
  ast::Block block;
  block.kind = kind;
  block.id = std::move(id);
  block.keyword_range = keyword;
  block.range = range;
  block.header_end = {range.end, range.end};
  block.suppressions = std::move(pending_suppressions_);
  pending_suppressions_.clear();
  out_.blocks.push_back(std::move(block));
  params_indent_.reset();
  in_orphan_locale_ = false;
}

void Builder::header_line_begin(std::uint32_t indent, std::uint32_t offset) {
  header_ = HeaderLine{indent, offset, {}, {}};
}

void Builder::header_key(ast::Name key) {
  header_.key = std::move(key);
}

void Builder::header_word(ast::Word word) {
  header_.words.push_back(std::move(word));
}

void Builder::header_line_end(std::uint32_t end) {
  auto* block = current_block();
  if (block == nullptr)
    return;
  const ByteRange line{header_.begin, end};
  if (params_indent_ && header_.indent > *params_indent_) {
    ast::ParamDecl decl;
    decl.name = header_.key;
    decl.range = {header_.key.range.begin,
                  header_.words.empty() ? header_.key.range.end : header_.words.back().range.end};
    if (header_.words.empty()) {
      syntax_error(header_.key.range.end, NoteId::ExpectParamType);
    } else {
      decl.type = {header_.words[0].text, header_.words[0].range};
      if (header_.words.size() >= 2) {
        const auto& word = header_.words[1];
        decl.requiredness = {word.text, word.range};
        if (word.text == "required") {
          decl.required = true;
        } else if (word.text != "optional") {
          syntax_error(word.range.begin, NoteId::ExpectRequiredness);
        }
      }
      if (header_.words.size() > 2)
        syntax_error(header_.words[2].range.begin, NoteId::ExpectLineEnd);
    }
    block->params.push_back(std::move(decl));
  } else if (header_.key.text == "params") {
    params_indent_ = header_.indent;
    block->params_keyword = header_.key;
    if (!header_.words.empty())
      syntax_error(header_.words[0].range.begin, NoteId::ExpectLineEnd);
  } else {
    params_indent_.reset();
    ast::HeaderField field;
    field.key = header_.key;
    field.range = {header_.key.range.begin, line.end};
    if (!header_.words.empty()) {
      field.value_range = {header_.words.front().range.begin, header_.words.back().range.end};
    } else {
      field.value_range = {header_.key.range.end, header_.key.range.end};
    }
    field.words = std::move(header_.words);
    block->fields.push_back(std::move(field));
  }
  block->header_end = {end, end};
  extend_block(end);
}

void Builder::header_line_skipped(ByteRange range, std::size_t errors_before) {
  if (error_count_ == errors_before) {
    std::uint32_t end = range.begin;
    while (end < range.end && text_[end] != '\n' && text_[end] != '\r')
      ++end;
    add(Code::SyntaxError, {range.begin, end}, {translated_arg(NoteId::ExpectIndentedHeader)});
  }
  mark_syntax_error();
}

void Builder::locale_header(ast::Name tag, ByteRange range) {
  auto* block = current_block();
  if (block == nullptr) {
    add(Code::OrphanLocale, range, {tag.text});
    in_orphan_locale_ = true;
    return;
  }
  ast::LocaleBlock locale;
  locale.tag = std::move(tag);
  locale.header_range = range;
  locale.range = range;
  block->locales.push_back(std::move(locale));
  params_indent_.reset();
  extend_block(range.end);
}

void Builder::section_begin(ast::Name name, std::uint32_t begin) {
  section_.emplace();
  section_->name = std::move(name);
  section_->range = {begin, begin};
  section_->suppressions = std::move(pending_suppressions_);
  pending_suppressions_.clear();
  open_parts_.clear();
}

ast::Text& Builder::current_text() {
  if (!open_parts_.empty() && !open_parts_.back().branches.empty())
    return open_parts_.back().branches.back().body;
  return section_->text;
}

void Builder::literal(std::string_view text, ByteRange range) {
  if (!section_)
    return;
  const bool in_plural = !open_parts_.empty() && open_parts_.back().kind == Kind::Choice &&
                         open_parts_.back().choice == ast::ChoiceKind::Plural;
  auto& target = current_text();
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t hash = in_plural ? text.find('#', start) : std::string_view::npos;
    const std::size_t stop = hash == std::string_view::npos ? text.size() : hash;
    if (stop > start) {
      ast::TextPart part;
      part.kind = Kind::Literal;
      part.text = std::string(text.substr(start, stop - start));
      part.range = {range.begin + static_cast<std::uint32_t>(start),
                    range.begin + static_cast<std::uint32_t>(stop)};
      // An escape's text is shorter than its source; keep its whole source range.
      if (text.size() != range.size())
        part.range = range;
      target.push_back(std::move(part));
    }
    if (hash == std::string_view::npos)
      break;
    ast::TextPart count;
    count.kind = Kind::PluralCount;
    count.range = {range.begin + static_cast<std::uint32_t>(hash),
                   range.begin + static_cast<std::uint32_t>(hash) + 1};
    target.push_back(std::move(count));
    start = hash + 1;
  }
}

void Builder::text_break(ByteRange range, bool paragraph, std::uint32_t indent) {
  if (!section_)
    return;
  ast::TextPart part;
  part.kind = paragraph ? Kind::ParagraphBreak : Kind::LineBreak;
  part.range = range;
  part.indent = indent;
  current_text().push_back(std::move(part));
}

void Builder::placeholder_open(std::uint32_t offset) {
  if (!section_)
    return;
  if (open_parts_.empty())
    errors_at_placeholder_ = error_count_;
  ast::TextPart part;
  part.kind = Kind::Param;
  part.range = {offset, offset + 1};
  open_parts_.push_back(std::move(part));
}

void Builder::snippet_ref(ast::Name id) {
  if (open_parts_.empty())
    return;
  open_parts_.back().kind = Kind::Snippet;
  open_parts_.back().name = std::move(id);
}

bool Builder::choice_head(ast::Name selector, ast::ChoiceKind kind) {
  if (open_parts_.empty())
    return true;
  // Only choices count towards the limit; the placeholder being parsed is not one yet.
  std::size_t enclosing = 0;
  for (std::size_t i = 0; i + 1 < open_parts_.size(); ++i)
    enclosing += open_parts_[i].kind == Kind::Choice ? 1u : 0u;
  if (enclosing >= kMaxChoiceDepth) {
    const std::uint32_t offset = open_parts_.back().range.begin;
    add(Code::NestingTooDeep, {offset, offset + 1}, {std::to_string(kMaxChoiceDepth)});
    mark_syntax_error();
    return false;
  }
  open_parts_.back().kind = Kind::Choice;
  open_parts_.back().choice = kind;
  open_parts_.back().name = std::move(selector);
  return true;
}

void Builder::branch_key(ast::Name key) {
  if (open_parts_.empty())
    return;
  ast::Branch branch;
  branch.range = key.range;
  branch.key = std::move(key);
  open_parts_.back().branches.push_back(std::move(branch));
}

void Builder::branch_close(std::uint32_t end) {
  if (open_parts_.empty() || open_parts_.back().branches.empty())
    return;
  open_parts_.back().branches.back().range.end = end;
}

void Builder::param(ast::Name name) {
  if (open_parts_.empty())
    return;
  open_parts_.back().kind = Kind::Param;
  open_parts_.back().name = std::move(name);
}

void Builder::param_style(ast::Name style) {
  if (open_parts_.empty())
    return;
  open_parts_.back().style = std::move(style);
}

void Builder::placeholder_close(std::uint32_t end) {
  if (open_parts_.empty())
    return;
  ast::TextPart part = std::move(open_parts_.back());
  open_parts_.pop_back();
  part.range.end = end;
  if (section_)
    current_text().push_back(std::move(part));
}

void Builder::placeholder_skipped(ByteRange range) {
  if (error_count_ == errors_at_placeholder_) {
    add(Code::SyntaxError, {range.begin, range.begin + 1},
        {translated_arg(NoteId::ExpectPlaceholder)});
  }
  open_parts_.clear();
  mark_syntax_error();
}

void Builder::section_end(std::uint32_t end) {
  if (!section_)
    return;
  section_->range.end = end;
  const std::uint32_t common =
      min_indent(section_->text, std::numeric_limits<std::uint32_t>::max());
  lay_out(section_->text, common == std::numeric_limits<std::uint32_t>::max() ? 0 : common);
  if (!section_->text.empty()) {
    section_->text_range = {section_->text.front().range.begin, section_->text.back().range.end};
  } else {
    section_->text_range = {section_->name.range.end, section_->name.range.end};
  }
  if (auto* locale = current_locale()) {
    locale->sections.push_back(std::move(*section_));
    locale->range.end = end;
    extend_block(end);
  } else if (!in_orphan_locale_) {
    add(Code::OrphanSection, section_->name.range, {section_->name.text});
  }
  section_.reset();
}

ast::Block* Builder::current_block() {
  return out_.blocks.empty() ? nullptr : &out_.blocks.back();
}

ast::LocaleBlock* Builder::current_locale() {
  auto* block = current_block();
  if (block == nullptr || block->locales.empty())
    return nullptr;
  return &block->locales.back();
}

void Builder::extend_block(std::uint32_t end) {
  if (auto* block = current_block())
    block->range.end = std::max(block->range.end, end);
}

ast::File Builder::finish() {
  for (auto& suppression : pending_suppressions_)
    out_.stray_suppressions.push_back(suppression);
  pending_suppressions_.clear();
  return std::move(out_);
}

}  // namespace replyc::grammar
