// The only translation unit that instantiates the PEGTL grammar.
#include "grammar/parse.hpp"

#include <algorithm>
#include <cctype>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/builder.hpp"
#include "grammar/rules.hpp"

namespace replyc::grammar {
namespace {

namespace p = tao::pegtl;
namespace r = rules;

// ---- What each rule under must<> reports when it fails ------------------------------------------

template <typename Rule>
struct expected {
  static_assert(sizeof(Rule) == 0, "every rule under must<> needs an expected<> message");
};
#define REPLYC_EXPECTED(Rule, Note)               \
  template <>                                     \
  struct expected<r::Rule> {                      \
    static constexpr NoteId value = NoteId::Note; \
  };
REPLYC_EXPECTED(allow_rule, ExpectRule)
REPLYC_EXPECTED(suppression_end, ExpectReason)
REPLYC_EXPECTED(close_quote, ExpectCloseQuote)
REPLYC_EXPECTED(module_ref, ExpectModule)
REPLYC_EXPECTED(statement_end, ExpectLineEnd)
REPLYC_EXPECTED(block_id, ExpectDottedId)
REPLYC_EXPECTED(field_colon, ExpectColon)
REPLYC_EXPECTED(locale_tag, ExpectLocaleTag)
REPLYC_EXPECTED(close_bracket, ExpectCloseBracket)
REPLYC_EXPECTED(open_branch, ExpectOpenBranch)
REPLYC_EXPECTED(close_branch, ExpectCloseBranch)
REPLYC_EXPECTED(branches, ExpectBranch)
REPLYC_EXPECTED(choice_kind, ExpectChoiceKind)
REPLYC_EXPECTED(choice_comma, ExpectChoiceComma)
REPLYC_EXPECTED(snippet_id, ExpectDottedId)
REPLYC_EXPECTED(param_style, ExpectStyle)
REPLYC_EXPECTED(placeholder_body, ExpectPlaceholder)
REPLYC_EXPECTED(close_placeholder, ExpectClosePlaceholder)
REPLYC_EXPECTED(section_end, ExpectSectionEnd)
#undef REPLYC_EXPECTED

// Records the error in the tree builder before unwinding to the nearest recovery point.
template <typename Rule>
struct control : p::normal<Rule> {
  template <typename ParseInput>
  [[noreturn]] static void raise(const ParseInput& in, Builder& builder, std::size_t&) {
    builder.syntax_error(builder.offset_of(in.current()), expected<Rule>::value);
    throw p::parse_error("syntax error", in);
  }
};

// The second state is the error count when the current statement or header line began.
template <>
struct control<r::statement> : p::normal<r::statement> {
  template <typename ParseInput>
  static void start(const ParseInput&, Builder& builder, std::size_t& errors_before) {
    errors_before = builder.error_count();
  }
};

template <typename Input>
ast::Name name_of(const Input& in, const Builder& b) {
  return {in.string(), {b.offset_of(in.begin()), b.offset_of(in.end())}};
}

template <typename Input>
ByteRange range_of(const Input& in, const Builder& b) {
  return {b.offset_of(in.begin()), b.offset_of(in.end())};
}

// ---- Actions ------------------------------------------------------------------------------------

template <typename Rule>
struct action : p::nothing<Rule> {};

template <>
struct action<r::suppression> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    // Re-read the rule and reason from the matched line: the grammar has validated its shape.
    const std::string_view line = in.string_view();
    std::size_t i = line.find("allow") + 5;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
      ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r' &&
           line[j] != '\n')
      ++j;
    const std::uint32_t base = b.offset_of(in.begin());
    ast::Name rule{std::string(line.substr(i, j - i)),
                   {base + static_cast<std::uint32_t>(i), base + static_cast<std::uint32_t>(j)}};
    std::string reason;
    const std::size_t dashes = line.find("--", j);
    if (dashes != std::string_view::npos)
      reason = std::string(line.substr(dashes + 2));
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == '\r'))
      reason.pop_back();
    std::uint32_t end = b.offset_of(in.end());
    while (end > base && (line[end - base - 1] == '\n' || line[end - base - 1] == '\r'))
      --end;
    b.suppression({base, end}, std::move(rule), std::move(reason));
  }
};

template <>
struct action<r::use_statement> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    const std::string_view line = in.string_view();
    std::size_t i = 3;
    while (line[i] == ' ' || line[i] == '\t')
      ++i;
    const bool is_path = line[i] == '"';
    std::size_t j = is_path ? line.find('"', i + 1) : i;
    if (is_path) {
      ++i;
    } else {
      while (j < line.size() && (std::isalnum(static_cast<unsigned char>(line[j])) ||
                                 line[j] == '_' || line[j] == '.'))
        ++j;
    }
    const std::uint32_t base = b.offset_of(in.begin());
    ast::Name module{std::string(line.substr(i, j - i)),
                     {base + static_cast<std::uint32_t>(i), base + static_cast<std::uint32_t>(j)}};
    const std::uint32_t end = base + static_cast<std::uint32_t>(is_path ? j + 1 : j);
    b.use(std::move(module), is_path, {base, end});
  }
};

template <>
struct action<r::block_head> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    const std::string_view line = in.string_view();
    const bool is_template = line.starts_with("template");
    const std::size_t keyword_length = is_template ? 8 : 7;
    std::size_t i = keyword_length;
    while (line[i] == ' ' || line[i] == '\t')
      ++i;
    std::size_t j = i;
    while (j < line.size() &&
           (std::isalnum(static_cast<unsigned char>(line[j])) || line[j] == '_' || line[j] == '.'))
      ++j;
    const std::uint32_t base = b.offset_of(in.begin());
    ast::Name id{std::string(line.substr(i, j - i)),
                 {base + static_cast<std::uint32_t>(i), base + static_cast<std::uint32_t>(j)}};
    b.block_head(is_template ? ast::BlockKind::Template : ast::BlockKind::Snippet, std::move(id),
                 {base, base + static_cast<std::uint32_t>(keyword_length)},
                 {base, base + static_cast<std::uint32_t>(j)});
  }
};

template <>
struct action<r::header_indent> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t& errors_before) {
    errors_before = b.error_count();
    b.header_line_begin(static_cast<std::uint32_t>(in.size()), b.offset_of(in.end()));
  }
};

template <>
struct action<r::field_key> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    b.header_key(name_of(in, b));
  }
};

template <>
struct action<r::field_word> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    b.header_word({in.string(), range_of(in, b)});
  }
};

template <>
struct action<r::header_content> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    std::uint32_t end = b.offset_of(in.end());
    const std::string_view s = in.string_view();
    std::size_t n = s.size();
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r')) {
      --n;
      --end;
    }
    b.header_line_end(end);
  }
};

template <>
struct action<r::bad_header_line> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t& errors_before) {
    b.header_line_skipped(range_of(in, b), errors_before);
  }
};

template <>
struct action<r::locale_header> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    const std::string_view line = in.string_view();
    std::size_t i = 1;
    while (line[i] == ' ' || line[i] == '\t')
      ++i;
    std::size_t j = i;
    while (j < line.size() &&
           (std::isalnum(static_cast<unsigned char>(line[j])) || line[j] == '_' || line[j] == '-'))
      ++j;
    const std::uint32_t base = b.offset_of(in.begin());
    ast::Name tag{std::string(line.substr(i, j - i)),
                  {base + static_cast<std::uint32_t>(i), base + static_cast<std::uint32_t>(j)}};
    const std::size_t close = line.find(']', j);
    b.locale_header(std::move(tag), {base, base + static_cast<std::uint32_t>(close + 1)});
  }
};

template <>
struct action<r::section_head> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    const std::string_view s = in.string_view();
    std::size_t j = 0;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '=')
      ++j;
    const std::uint32_t base = b.offset_of(in.begin());
    b.section_begin({std::string(s.substr(0, j)), {base, base + static_cast<std::uint32_t>(j)}},
                    base);
  }
};

template <>
struct action<r::plain_run> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    b.literal(in.string_view(), range_of(in, b));
  }
};

template <>
struct action<r::escape> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    b.literal(in.string_view().substr(1), range_of(in, b));
  }
};

template <>
struct action<r::stray_close> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    b.stray_close(range_of(in, b));
  }
};

template <>
struct action<r::text_break> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    const std::string_view s = in.string_view();
    const auto newlines = std::count(s.begin(), s.end(), '\n');
    std::size_t indent = 0;
    while (indent < s.size() &&
           (s[s.size() - 1 - indent] == ' ' || s[s.size() - 1 - indent] == '\t'))
      ++indent;
    b.text_break(range_of(in, b), newlines > 1, static_cast<std::uint32_t>(indent));
  }
};

template <>
struct action<r::open_brace> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    b.placeholder_open(b.offset_of(in.begin()));
  }
};

template <>
struct action<r::snippet_id> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    b.snippet_ref(name_of(in, b));
  }
};

template <>
struct action<r::choice_head> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    const std::string_view s = in.string_view();
    std::size_t j = 0;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != ',')
      ++j;
    const std::uint32_t base = b.offset_of(in.begin());
    // The kind is the word after the first comma (the selector itself may contain "plural").
    const auto kind = s.find("plural", s.find(',')) != std::string_view::npos
                          ? ast::ChoiceKind::Plural
                          : ast::ChoiceKind::Select;
    if (!b.choice_head({std::string(s.substr(0, j)), {base, base + static_cast<std::uint32_t>(j)}},
                       kind))
      throw p::parse_error("choices nested too deep", in);
  }
};

template <>
struct action<r::branch_key> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    b.branch_key(name_of(in, b));
  }
};

template <>
struct action<r::close_branch> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    b.branch_close(b.offset_of(in.end()));
  }
};

template <>
struct action<r::param_name> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    b.param(name_of(in, b));
  }
};

template <>
struct action<r::param_style> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    b.param_style(name_of(in, b));
  }
};

template <>
struct action<r::close_placeholder> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    b.placeholder_close(b.offset_of(in.end()));
  }
};

template <>
struct action<r::skip_placeholder> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    b.placeholder_skipped(range_of(in, b));
  }
};

template <>
struct action<r::section_end> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t&) {
    b.section_end(b.offset_of(in.begin()));
  }
};

template <>
struct action<r::bad_statement> {
  template <typename Input>
  static void apply(const Input& in, Builder& b, std::size_t& errors_before) {
    b.statement_skipped(range_of(in, b), errors_before);
  }
};

}  // namespace

ParseResult parse(FileId file, std::string_view text) {
  ParseResult result;
  Builder builder(file, text, result.diagnostics);
  std::size_t errors_before = 0;
  p::memory_input<p::tracking_mode::lazy> in(text.data(), text.size(), "");
  try {
    p::parse<r::file, action, control>(in, builder, errors_before);
  } catch (const p::parse_error&) {
    // Unreachable by construction (every statement has a recovery path); keep what was built.
    builder.syntax_error(static_cast<std::uint32_t>(text.size()), NoteId::ExpectStatement);
  }
  result.file = builder.finish();
  return result;
}

std::size_t analyze_grammar() {
  return p::analyze<r::file>(-1);
}

}  // namespace replyc::grammar
