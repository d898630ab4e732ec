#pragma once
// Builds the syntax tree from the parser's actions. Kept free of PEGTL so that the grammar file
// holds only rules, and this file only tree-building logic.
#include <optional>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.hpp"
#include "compiler/diag/diagnostic.hpp"

namespace replyc::grammar {

class Builder {
 public:
  Builder(FileId file, std::string_view text, std::vector<Diagnostic>& diagnostics);

  std::uint32_t offset_of(const char* p) const {
    return static_cast<std::uint32_t>(p - text_.data());
  }
  std::size_t error_count() const { return error_count_; }

  // Errors
  void syntax_error(std::uint32_t offset, NoteId expected);
  void statement_skipped(ByteRange range, std::size_t errors_before);
  void stray_close(ByteRange range);

  // Statements
  void suppression(ByteRange range, ast::Name rule, std::string reason);
  void use(ast::Name module, bool is_path, ByteRange range);
  void block_head(ast::BlockKind kind, ast::Name id, ByteRange keyword, ByteRange range);
  void header_line_begin(std::uint32_t indent, std::uint32_t offset);
  void header_key(ast::Name key);
  void header_word(ast::Word word);
  void header_line_end(std::uint32_t end);
  void header_line_skipped(ByteRange range, std::size_t errors_before);
  void locale_header(ast::Name tag, ByteRange range);

  // Sections and their text
  void section_begin(ast::Name name, std::uint32_t begin);
  void literal(std::string_view text, ByteRange range);
  void text_break(ByteRange range, bool paragraph, std::uint32_t indent);
  void placeholder_open(std::uint32_t offset);
  void snippet_ref(ast::Name id);
  // False when choices are nested too deep; the caller abandons the placeholder.
  bool choice_head(ast::Name selector, ast::ChoiceKind kind);
  void branch_key(ast::Name key);
  void branch_close(std::uint32_t end);
  void param(ast::Name name);
  void param_style(ast::Name style);
  void placeholder_close(std::uint32_t end);
  void placeholder_skipped(ByteRange range);
  void section_end(std::uint32_t end);

  ast::File finish();

 private:
  ast::Text& current_text();
  ast::Block* current_block();
  ast::LocaleBlock* current_locale();
  void mark_syntax_error();
  void extend_block(std::uint32_t end);
  void add(Code code, ByteRange range, std::vector<std::string> args);

  FileId file_;
  std::string_view text_;
  std::vector<Diagnostic>& diagnostics_;
  std::size_t error_count_ = 0;
  ast::File out_;
  std::vector<ast::Suppression> pending_suppressions_;

  // Header line being parsed.
  struct HeaderLine {
    std::uint32_t indent = 0;
    std::uint32_t begin = 0;
    ast::Name key;
    std::vector<ast::Word> words;
  } header_;
  std::optional<std::uint32_t> params_indent_;
  bool in_orphan_locale_ = false;  // sections under an orphan [tag] were reported with it

  // Section being parsed and its open placeholders (innermost last).
  std::optional<ast::Section> section_;
  std::vector<ast::TextPart> open_parts_;
  std::size_t errors_at_placeholder_ = 0;  // error count when the outermost placeholder opened
};

}  // namespace replyc::grammar
