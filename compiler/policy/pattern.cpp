#include "compiler/policy/pattern.hpp"

#include <fmt/format.h>

#include "compiler/policy/normalize.hpp"

namespace replyc::policy {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool parse_gap(std::string_view token, std::uint32_t& gap) {
  if (token == "...") {
    gap = kAnyGap;
    return true;
  }
  if (token.size() < 3 || token.substr(0, 2) != ".." || token.size() > 4) {
    return false;
  }
  std::uint32_t value = 0;
  for (char c : token.substr(2)) {
    if (c < '0' || c > '9') {
      return false;
    }
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  gap = value;
  return true;
}

// Top-level tokens: whitespace outside brackets separates them; escapes are kept.
bool tokenize(std::string_view pattern, std::vector<std::string>& tokens, std::string& error) {
  std::string current;
  int depth = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 >= pattern.size()) {
        error = "pattern ends with a lone backslash";
        return false;
      }
      current.push_back(c);
      current.push_back(pattern[++i]);
      continue;
    }
    if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      if (--depth < 0) {
        error = fmt::format("unbalanced '{}'", c);
        return false;
      }
    }
    if (depth == 0 && is_space(c)) {
      if (!current.empty()) {
        tokens.push_back(std::move(current));
        current.clear();
      }
      continue;
    }
    current.push_back(c);
  }
  if (depth != 0) {
    error = "unclosed '(' or '['";
    return false;
  }
  if (!current.empty()) {
    tokens.push_back(std::move(current));
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Phrase expansion: a recursive-descent parser producing the cartesian product directly.

class PhraseExpander {
 public:
  PhraseExpander(std::string_view text, const RefResolver& resolve, std::string& error)
      : text_(text), resolve_(resolve), error_(error) {}

  bool run(std::vector<Expansion>& out) {
    if (!no_operator_words()) {
      return false;
    }
    std::vector<Expansion> result;
    if (!sequence(result)) {
      return false;
    }
    if (pos_ != text_.size()) {
      error_ = fmt::format("unexpected '{}' at offset {}", text_[pos_], pos_);
      return false;
    }
    out = std::move(result);
    return true;
  }

 private:
  // "...", "..N" and "&" inside a phrase (in brackets, a lexicon entry or a macro used in
  // brackets) would be literal text that never occurs.
  bool no_operator_words() {
    const auto separator = [](char c) {
      return is_space(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '|';
    };
    std::size_t i = 0;
    while (i < text_.size()) {
      if (separator(text_[i])) {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < text_.size() && !separator(text_[end])) {
        ++end;
      }
      const std::string_view word = text_.substr(i, end - i);
      if (word.front() == '!') {
        error_ = "'!' negates a whole operand: write it after ' & ', as in 'a & !b'";
        return false;
      }
      if (i > 0 && word.front() == '?' && (text_[i - 1] == ')' || text_[i - 1] == ']')) {
        error_ =
            "'?' is not an operator: write an optional part in brackets, as in '[a]', or "
            "'\\?' for a question mark";
        return false;
      }
      std::uint32_t gap = 0;
      if (word == "&" || parse_gap(word, gap)) {
        error_ = fmt::format(
            "'{}' joins phrases at the top level of a pattern, not inside brackets or a lexicon "
            "entry",
            word);
        return false;
      }
      i = end;
    }
    return true;
  }

  // "=würde": the '=' opens a word (a phrase start, or after a space or a bracket).
  bool at_word_start() const {
    if (pos_ == 0) {
      return true;
    }
    const char before = text_[pos_ - 1];
    return is_space(before) || before == '(' || before == '[' || before == '|';
  }
  // The end of the letters and digits from `from` on (`from` when there are none).
  std::size_t word_end(std::size_t from) const {
    std::size_t end = from;
    while (end < text_.size()) {
      std::size_t next = end;
      if (!is_alnum_cp(next_code_point(text_, next))) {
        break;
      }
      end = next;
    }
    return end;
  }

  static bool concat(const std::vector<Expansion>& left, const std::vector<Expansion>& right,
                     std::vector<Expansion>& out, std::string& error) {
    out.clear();
    if (left.size() * right.size() > kMaxExpansions) {
      error = fmt::format("expands to more than {} alternatives", kMaxExpansions);
      return false;
    }
    out.reserve(left.size() * right.size());
    for (const Expansion& a : left) {
      for (const Expansion& b : right) {
        if ((a.wild_right && !b.text.empty()) || (b.wild_left && !a.text.empty())) {
          error = "a '*' wildcard may only stand at the start or end of a phrase";
          return false;
        }
        Expansion e;
        e.text = a.text + b.text;
        e.wild_left = a.wild_left || (a.text.empty() && b.wild_left);
        e.wild_right = b.wild_right || (b.text.empty() && a.wild_right);
        out.push_back(std::move(e));
      }
    }
    return true;
  }

  bool sequence(std::vector<Expansion>& out) {
    out.assign(1, Expansion{});
    std::string literal;
    auto flush = [&]() -> bool {
      if (literal.empty()) {
        return true;
      }
      std::vector<Expansion> next;
      if (!concat(out, {Expansion{normalize_fragment(literal), false, false}}, next, error_)) {
        return false;
      }
      out = std::move(next);
      literal.clear();
      return true;
    };
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '|' || c == ')' || c == ']') {
        break;
      }
      if (c == '\\') {
        if (pos_ + 1 >= text_.size()) {
          error_ = "phrase ends with a lone backslash";
          return false;
        }
        literal.push_back(text_[pos_ + 1]);
        pos_ += 2;
        continue;
      }
      if (c == '*') {
        error_ = "a '*' wildcard may only stand at the start or end of a phrase";
        return false;
      }
      if (c == '(' || c == '[') {
        if (!flush()) {
          return false;
        }
        ++pos_;
        std::vector<Expansion> group;
        if (!alternatives(group, c == '(' ? ')' : ']')) {
          return false;
        }
        if (c == '[') {
          group.push_back(Expansion{});
        }
        std::vector<Expansion> next;
        if (!concat(out, group, next, error_)) {
          return false;
        }
        out = std::move(next);
        continue;
      }
      if (c == '=' && at_word_start()) {
        if (std::size_t end = word_end(pos_ + 1); end > pos_ + 1) {
          if (!flush()) {
            return false;
          }
          const std::string exact = std::string(kExactOpen) +
                                    fold_case_exact(text_.substr(pos_ + 1, end - pos_ - 1)) +
                                    std::string(kExactClose);
          pos_ = end;
          std::vector<Expansion> next;
          if (!concat(out, {Expansion{exact, false, false}}, next, error_)) {
            return false;
          }
          out = std::move(next);
          continue;
        }
      }
      if (c == '@' && pos_ + 1 < text_.size() &&
          ((text_[pos_ + 1] >= 'A' && text_[pos_ + 1] <= 'Z') || text_[pos_ + 1] == '_')) {
        if (!flush()) {
          return false;
        }
        std::size_t end = pos_ + 1;
        while (end < text_.size() &&
               ((text_[end] >= 'A' && text_[end] <= 'Z') ||
                (text_[end] >= '0' && text_[end] <= '9') || text_[end] == '_')) {
          ++end;
        }
        const std::string_view name = text_.substr(pos_ + 1, end - pos_ - 1);
        pos_ = end;
        const std::vector<Expansion>* ref = resolve_(name, error_);
        if (ref == nullptr) {
          return false;
        }
        std::vector<Expansion> next;
        if (!concat(out, *ref, next, error_)) {
          return false;
        }
        out = std::move(next);
        continue;
      }
      literal.push_back(c);
      ++pos_;
    }
    return flush();
  }

  bool alternatives(std::vector<Expansion>& out, char close) {
    out.clear();
    while (true) {
      std::vector<Expansion> alt;
      if (!sequence(alt)) {
        return false;
      }
      out.insert(out.end(), alt.begin(), alt.end());
      if (out.size() > kMaxExpansions) {
        error_ = fmt::format("expands to more than {} alternatives", kMaxExpansions);
        return false;
      }
      if (pos_ >= text_.size()) {
        error_ = fmt::format("missing '{}'", close);
        return false;
      }
      const char c = text_[pos_++];
      if (c == '|') {
        continue;
      }
      if (c != close) {
        error_ = fmt::format("'{}' closed by '{}'", close == ')' ? '(' : '[', c);
        return false;
      }
      return true;
    }
  }

  std::string_view text_;
  const RefResolver& resolve_;
  std::string& error_;
  std::size_t pos_ = 0;
};

// Whether the operand holding source[at] starts with "!" (operands are split at top-level " & ").
bool in_negated_operand(std::string_view source, std::size_t at) {
  std::size_t start = 0;
  int depth = 0;
  for (std::size_t i = 0; i < at; ++i) {
    const char c = source[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    depth += (c == '(' || c == '[') ? 1 : 0;
    depth -= ((c == ')' || c == ']') && depth > 0) ? 1 : 0;
    if (depth == 0 && source.compare(i, 3, " & ") == 0) {
      start = i + 3;
    }
  }
  const std::size_t first = source.find_first_not_of(" \t", start);
  return first < at && source[first] == '!';
}

}  // namespace

bool expand_choices(std::string_view source, std::vector<std::string>& out, std::string& error) {
  out.assign(1, std::string());
  const auto append = [&](std::string_view piece) {
    for (std::string& pattern : out) {
      pattern.append(piece);
    }
  };
  std::size_t i = 0;
  while (i < source.size()) {
    const char c = source[i];
    if (c == '\\' && i + 1 < source.size()) {
      append(source.substr(i, 2));
      i += 2;
      continue;
    }
    if (c == '}') {
      error = "'}' without '{'";
      return false;
    }
    if (c != '{') {
      append(source.substr(i, 1));
      ++i;
      continue;
    }
    if (in_negated_operand(source, i)) {
      // One pattern per alternative would fire when any one of them is absent.
      error =
          "a choice inside a negated operand (\"!{A | B}\") means \"A or B is absent\"; "
          "write \"!A & !B\"";
      return false;
    }
    // One choice: split at '|' outside ( ) and [ ], up to the closing brace.
    std::vector<std::string> alternatives(1);
    int depth = 0;
    std::size_t j = i + 1;
    for (; j < source.size() && !(source[j] == '}' && depth == 0); ++j) {
      const char d = source[j];
      if (d == '\\' && j + 1 < source.size()) {
        alternatives.back().append(source.substr(j, 2));
        ++j;
        continue;
      }
      if (d == '{') {
        error = "'{' inside a choice";
        return false;
      }
      depth += (d == '(' || d == '[') ? 1 : 0;
      depth -= ((d == ')' || d == ']') && depth > 0) ? 1 : 0;
      if (d == '|' && depth == 0) {
        alternatives.emplace_back();
      } else {
        alternatives.back().push_back(d);
      }
    }
    if (j >= source.size()) {
      error = "'{' without '}'";
      return false;
    }
    for (const std::string& alternative : alternatives) {
      if (alternative.find_first_not_of(" \t") == std::string::npos) {
        error = "empty alternative in a choice";
        return false;
      }
    }
    if (out.size() * alternatives.size() > kMaxChoices) {
      error = fmt::format("the choices make more than {} patterns", kMaxChoices);
      return false;
    }
    std::vector<std::string> combined;
    combined.reserve(out.size() * alternatives.size());
    for (const std::string& pattern : out) {
      for (const std::string& alternative : alternatives) {
        combined.push_back(pattern + alternative);
      }
    }
    out = std::move(combined);
    i = j + 1;
  }
  return true;
}

bool parse_pattern(std::string_view pattern, ParsedPattern& out, std::string& error) {
  std::vector<std::string> tokens;
  if (!tokenize(pattern, tokens, error)) {
    return false;
  }
  if (tokens.empty()) {
    error = "empty pattern";
    return false;
  }
  out = ParsedPattern{};
  ParsedChain chain;
  std::string phrase;
  bool negated = false;
  bool expect_phrase = true;  // right after an operator or at the start
  auto end_phrase = [&]() {
    if (!phrase.empty()) {
      chain.phrases.push_back(std::move(phrase));
      phrase.clear();
    }
  };
  auto end_operand = [&]() -> bool {
    end_phrase();
    if (chain.phrases.empty() || chain.phrases.size() != chain.gaps.size() + 1) {
      error = "an operator must stand between two phrases";
      return false;
    }
    (negated ? out.none : out.all).push_back(std::move(chain));
    chain = ParsedChain{};
    negated = false;
    return true;
  };
  for (std::string& token : tokens) {
    std::uint32_t gap = 0;
    if (token == "&") {
      if (expect_phrase || !end_operand()) {
        error = "'&' must stand between two phrases";
        return false;
      }
      expect_phrase = true;
      continue;
    }
    if (parse_gap(token, gap)) {
      if (expect_phrase) {
        error = fmt::format("'{}' must stand between two phrases", token);
        return false;
      }
      end_phrase();
      chain.gaps.push_back(gap);
      expect_phrase = true;
      continue;
    }
    if (expect_phrase && chain.phrases.empty() && token[0] == '!') {
      negated = true;
      token.erase(0, 1);
      if (token.empty()) {
        continue;
      }
    }
    if (!phrase.empty()) {
      phrase.push_back(' ');
    }
    phrase += token;
    expect_phrase = false;
  }
  if (expect_phrase) {
    error = "pattern ends with an operator";
    return false;
  }
  if (!end_operand()) {
    return false;
  }
  if (out.all.empty()) {
    error = "a pattern needs at least one operand that is not negated";
    return false;
  }
  return true;
}

bool expand_phrase(std::string_view phrase, const RefResolver& resolve, std::vector<Expansion>& out,
                   std::string& error) {
  bool wild_left = false;
  bool wild_right = false;
  if (!phrase.empty() && phrase.front() == '*') {
    wild_left = true;
    phrase.remove_prefix(1);
  }
  if (!phrase.empty() && phrase.back() == '*' &&
      (phrase.size() < 2 || phrase[phrase.size() - 2] != '\\')) {
    wild_right = true;
    phrase.remove_suffix(1);
  }
  PhraseExpander expander(phrase, resolve, error);
  if (!expander.run(out)) {
    return false;
  }
  for (Expansion& e : out) {
    e.wild_left = e.wild_left || wild_left;
    e.wild_right = e.wild_right || wild_right;
  }
  return true;
}

}  // namespace replyc::policy
