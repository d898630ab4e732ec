#pragma once
// The PEGTL grammar of .reply files. Included by exactly one translation unit (parse.cpp) and the
// grammar test; reply.ebnf beside this file is the human-readable version and must stay in sync.
//
// The grammar is line oriented. A statement starts at column 0; lines that start with blanks
// continue it. Errors are contained: a broken placeholder is skipped to its closing brace, a
// broken header line or statement is skipped to the next statement, and parsing goes on.
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace replyc::grammar::rules {

namespace p = tao::pegtl;

// ---- Characters and lines ---------------------------------------------------------------------

struct blank : p::one<' ', '\t'> {};
struct blanks : p::star<blank> {};
struct indent : p::plus<blank> {};
struct newline : p::sor<p::string<'\r', '\n'>, p::one<'\n'>> {};
struct line_end : p::sor<newline, p::eof> {};
struct line_char : p::seq<p::not_at<newline>, p::not_one<'\n'>> {};
struct rest_of_line : p::star<line_char> {};
struct empty_line : p::seq<blanks, newline> {};

struct ident_first : p::ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_other : p::ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};
struct identifier : p::seq<ident_first, p::star<ident_other>> {};
struct dotted_id : p::seq<identifier, p::star<p::one<'.'>, identifier>> {};
template <typename Word>
struct keyword : p::seq<Word, p::not_at<ident_other>> {};

struct trailing_comment : p::seq<p::one<'#'>, rest_of_line> {};
struct statement_end : p::seq<blanks, p::opt<trailing_comment>, line_end> {};

// ---- Comments and suppressions ------------------------------------------------------------------

struct allow_rule : p::plus<p::sor<ident_other, p::one<'-', '.'>>> {};
struct allow_reason : rest_of_line {};
struct suppression_end : line_end {};
struct suppression
    : p::seq<p::one<'#'>, blanks, TAO_PEGTL_STRING("replyc:"), blanks,
             keyword<TAO_PEGTL_STRING("allow")>, blanks, p::must<allow_rule>, blanks,
             p::opt<p::string<'-', '-'>, blanks, allow_reason>, p::must<suppression_end>> {};
struct comment_line : p::seq<p::one<'#'>, rest_of_line, line_end> {};
struct blank_line : p::sor<empty_line, p::seq<indent, p::eof>> {};

// ---- use ----------------------------------------------------------------------------------------

struct close_quote : p::one<'"'> {};
struct path_text : p::star<p::not_one<'"', '\r', '\n'>> {};
struct quoted_path : p::seq<p::one<'"'>, path_text, p::must<close_quote>> {};
struct module_name : dotted_id {};
struct module_ref : p::sor<quoted_path, module_name> {};
struct use_statement : p::seq<keyword<TAO_PEGTL_STRING("use")>, indent, p::must<module_ref>,
                              p::must<statement_end>> {};

// ---- template / snippet headers ----------------------------------------------------------------

struct template_keyword : keyword<TAO_PEGTL_STRING("template")> {};
struct snippet_keyword : keyword<TAO_PEGTL_STRING("snippet")> {};
struct block_id : dotted_id {};
struct block_head : p::seq<p::sor<template_keyword, snippet_keyword>, indent, p::must<block_id>,
                           p::must<statement_end>> {};

struct header_indent : indent {};
struct field_key : identifier {};
struct field_colon : p::one<':'> {};
struct field_word : p::seq<p::not_at<p::one<'#'>>, p::plus<p::not_one<' ', '\t', '\r', '\n'>>> {};
struct field_words : p::star<field_word, blanks> {};
struct header_content
    : p::seq<field_key, blanks, p::must<field_colon>, blanks, field_words, p::must<statement_end>> {
};
// A header line that is not `key: value`, skipped after reporting.
struct bad_header_line : p::seq<rest_of_line, line_end> {};
struct header_comment : p::seq<p::one<'#'>, rest_of_line, line_end> {};
struct header_line : p::seq<p::star<empty_line>, header_indent, p::not_at<line_end>,
                            p::sor<header_comment, p::try_catch<header_content>, bad_header_line>> {
};
struct block : p::seq<block_head, p::star<header_line>> {};

// ---- [locale]
// -------------------------------------------------------------------------------------

struct locale_tag : p::plus<p::sor<ident_other, p::one<'-'>>> {};
struct close_bracket : p::one<']'> {};
struct locale_header : p::seq<p::one<'['>, blanks, p::must<locale_tag>, blanks,
                              p::must<close_bracket>, p::must<statement_end>> {};

// ---- Section text -------------------------------------------------------------------------------

struct escape : p::seq<p::one<'\\'>, p::one<'{', '}', '\\'>> {};
struct plain_run
    : p::plus<p::not_at<escape>, p::seq<p::not_at<newline>, p::not_one<'{', '}', '\n'>>> {};
// A newline followed by more text of the same section (or branch): a line or paragraph break.
struct text_break : p::seq<newline, p::star<empty_line>, indent, p::not_at<blanks, line_end>> {};

struct placeholder;
struct branch_text : p::star<p::sor<text_break, escape, placeholder, plain_run>> {};

// Space between the parts of a choice; a choice may continue onto indented lines.
struct choice_space : p::star<p::sor<blank, p::seq<newline, p::star<empty_line>, indent>>> {};

struct open_brace : p::one<'{'> {};
struct close_placeholder : p::one<'}'> {};
struct open_branch : p::one<'{'> {};
struct close_branch : p::one<'}'> {};
struct branch_key : p::sor<p::seq<p::one<'='>, p::plus<p::digit>>, identifier> {};
struct branch
    : p::seq<branch_key, choice_space, p::must<open_branch>, branch_text, p::must<close_branch>> {};
struct branches : p::seq<branch, p::star<choice_space, branch>> {};
struct choice_kind
    : p::sor<keyword<TAO_PEGTL_STRING("plural")>, keyword<TAO_PEGTL_STRING("select")>> {};
struct choice_comma : p::one<','> {};
struct choice_head : p::seq<identifier, blanks, p::one<','>, blanks, p::must<choice_kind>, blanks,
                            p::must<choice_comma>> {};
struct choice : p::seq<choice_head, choice_space, p::must<branches>> {};
struct snippet_id : dotted_id {};
struct snippet_ref : p::seq<p::one<'@'>, p::must<snippet_id>> {};
struct param_name : identifier {};
struct param_style : identifier {};
struct param_ref : p::seq<param_name, blanks, p::opt<p::one<':'>, blanks, p::must<param_style>>> {};
struct placeholder_body : p::sor<snippet_ref, choice, param_ref> {};
struct placeholder : p::seq<open_brace, blanks, p::must<placeholder_body>, choice_space,
                            p::must<close_placeholder>> {};

// Skips a broken placeholder: to its balanced closing brace, or to the end of the statement.
struct skip_placeholder {
  using rule_t = skip_placeholder;
  using subs_t = p::empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    const char* const begin = in.current();
    const char* const end = in.end();
    if (begin == end || *begin != '{')
      return false;
    const char* c = begin;
    std::size_t depth = 0;
    while (c != end) {
      if (*c == '\\' && c + 1 != end) {
        c += 2;
        continue;
      }
      if (*c == '\n') {
        const char* next = c + 1;
        if (next == end || (*next != ' ' && *next != '\t'))
          break;  // the statement ends here
      } else if (*c == '{') {
        ++depth;
      } else if (*c == '}' && --depth == 0) {
        ++c;
        break;
      }
      ++c;
    }
    if (c != begin && c[-1] == '\r' && c != end && *c == '\n')
      --c;
    in.bump(static_cast<std::size_t>(c - begin));
    return true;
  }
};

struct top_placeholder : p::sor<p::try_catch<placeholder>, skip_placeholder> {};
// A '}' with no '{': reported, then treated as text so the rest of the section survives.
struct stray_close : p::one<'}'> {};
struct section_text : p::star<p::sor<text_break, escape, top_placeholder, stray_close, plain_run>> {
};
struct section_end : line_end {};
struct section_head : p::seq<identifier, blanks, p::one<'='>> {};
struct section : p::seq<section_head, blanks, section_text, p::must<section_end>> {};

// ---- File ---------------------------------------------------------------------------------------

struct statement
    : p::sor<blank_line, suppression, comment_line, use_statement, section, block, locale_header> {
};
// Skips a statement that could not be parsed: its first line and any continuation lines.
struct bad_statement
    : p::seq<p::sor<p::seq<p::plus<line_char>, line_end>, newline>,
             p::star<p::star<empty_line>, indent, p::not_at<line_end>, rest_of_line, line_end>> {};
struct byte_order_mark : p::string<'\xEF', '\xBB', '\xBF'> {};
struct file : p::seq<p::opt<byte_order_mark>,
                     p::until<p::eof, p::sor<p::try_catch<statement>, bad_statement>>> {};

}  // namespace replyc::grammar::rules

template <typename Name>
struct tao::pegtl::analyze_traits<Name, replyc::grammar::rules::skip_placeholder>
    : analyze_any_traits<> {};
