#include "compiler/policy/sentence_breaks.hpp"

#include <unicode/uchar.h>

#include <string>

#include "compiler/policy/normalize.hpp"

namespace replyc::policy {
namespace {

// A quotation longer than this is a passage, not a quoted word or two.
constexpr std::size_t kMaxQuotationBytes = 120;

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// The opening marks a closing mark pairs with ("“" closes „German“ quotes and opens English
// ones). Empty: not a closing mark.
std::u32string_view openers_of(char32_t close) {
  switch (close) {
    case U'」':
      return U"「";
    case U'』':
      return U"『";
    case U'”':
      return U"“„”";
    case U'“':
      return U"„";
    case U'»':
      return U"«»";
    case U'›':
      return U"‹";
    // Single quotes: ‘Top!’ (Dutch, English), ‚Super!‘ (German). The right single mark is also
    // the apostrophe (l’avis, it’s), so it never opens a quotation by itself.
    case U'’':
      return U"‘‚";
    case U'‘':
      return U"‚";
    case U'"':
      return U"\"";
    default:
      return {};
  }
}

// Whether the closing mark at `at` has its opening mark earlier on the same line, within
// kMaxQuotationBytes. Only that window is read, so each break costs a bounded amount on any input.
bool closes_quotation(std::string_view src, std::size_t at, char32_t close) {
  const std::u32string_view openers = openers_of(close);
  if (openers.empty()) {
    return false;
  }
  std::size_t from = at > kMaxQuotationBytes ? at - kMaxQuotationBytes : 0;
  while (from < at && (static_cast<unsigned char>(src[from]) & 0xC0) == 0x80) {
    ++from;  // start on a whole character
  }
  if (const std::size_t newline = src.substr(from, at - from).rfind('\n');
      newline != std::string_view::npos) {
    from += newline + 1;
  }
  // Swedish and Finnish open and close with the same mark (”Toppen!”, »Toppen!»), like the
  // straight quote: the mark closes when an odd number of them stand before it.
  std::size_t same = 0;
  bool opened = false;
  for (std::size_t i = from; i < at;) {
    const char32_t c = next_code_point(src, i);
    if (c == close) {
      ++same;
    } else if (openers.find(c) != std::u32string_view::npos) {
      opened = true;
    }
  }
  return opened || (openers.find(close) != std::u32string_view::npos && same % 2 == 1);
}

// The sentence goes on at `pos`: a lower-case letter or Japanese/Chinese text follows.
bool continues_sentence(std::string_view src, std::size_t pos) {
  while (pos < src.size() && is_blank(src[pos])) {
    ++pos;
  }
  if (pos >= src.size()) {
    return false;
  }
  const char32_t c = next_code_point(src, pos);
  return u_islower(static_cast<UChar32>(c)) || is_kana(c) || is_han(c);
}

}  // namespace

// "Yahoo!ショッピング", "Yahoo!Japan": a '!' glued to a Latin letter on the left and to a
// non-space on the right belongs to a name, not to the end of a sentence.
bool inside_brand_name(std::string_view src, std::size_t p) {
  if (p < 2 || src[p - 1] != '!') {
    return false;
  }
  const char left = src[p - 2];
  const char right = src[p];
  const bool letter_left = (left >= 'a' && left <= 'z') || (left >= 'A' && left <= 'Z');
  return letter_left && right != ' ' && right != '\n' && right != '\t' && right != '\r';
}

// "vom 3. März", "am 12. 4. 2026": German writes day numbers with a dot; the dot after a one-
// or two-digit number followed by a month name or another number does not end a sentence.
bool after_ordinal_date(std::string_view src, std::size_t p) {
  std::size_t q = p;
  while (q > 0 && src[q - 1] == ' ') {
    --q;
  }
  if (q < 2 || src[q - 1] != '.') {
    return false;
  }
  std::size_t d = q - 1;
  std::size_t digits = 0;
  while (d > 0 && src[d - 1] >= '0' && src[d - 1] <= '9') {
    --d;
    ++digits;
  }
  if (digits == 0 || digits > 2) {
    return false;
  }
  if (p < src.size() && src[p] >= '0' && src[p] <= '9') {
    return true;
  }
  static constexpr std::string_view kMonths[] = {
      "januar",    "februar", "märz",     "maerz",    "april", "mai",  "juni", "juli", "august",
      "september", "oktober", "november", "dezember", "jan.",  "feb.", "mär.", "apr.", "jun.",
      "jul.",      "aug.",    "sep.",     "sept.",    "okt.",  "nov.", "dez."};
  std::string word;
  for (std::size_t i = p; i < src.size() && i < p + 12 && src[i] != ' '; ++i) {
    const char c = src[i];
    word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  for (std::string_view month : kMonths) {
    if (word.rfind(month, 0) == 0) {
      return true;
    }
  }
  return false;
}

// A break after "word. " where the word has at least five letters and no inner dot, and the
// next sentence starts with a capital letter.
bool after_long_word(std::string_view src, std::size_t pos) {
  std::size_t q = pos;
  while (q > 0 && src[q - 1] == ' ') {
    --q;
  }
  if (q == 0 || src[q - 1] != '.') {
    return false;
  }
  std::size_t letters = 0;
  for (std::size_t i = q - 1; i > 0 && src[i - 1] != ' ' && src[i - 1] != '\n'; --i) {
    const auto c = static_cast<unsigned char>(src[i - 1]);
    if (c == '.') {
      return false;
    }
    letters += (c & 0xC0) != 0x80 ? 1 : 0;
  }
  if (letters < 5 || pos >= src.size()) {
    return false;
  }
  const auto next = static_cast<unsigned char>(src[pos]);
  const bool latin_capital = next >= 'A' && next <= 'Z';
  const bool accented_capital =
      next == 0xC3 && pos + 1 < src.size() && static_cast<unsigned char>(src[pos + 1]) <= 0x9E;
  return latin_capital || accented_capital;
}
bool inside_quotation(std::string_view src, std::size_t pos) {
  // The break either falls inside the quotation, before its closing mark (« Génial ! » de), or
  // right after the closing mark („Super!“ von, 「最高!」の).
  std::size_t after = pos;
  while (after < src.size() && is_blank(src[after])) {
    ++after;
  }
  std::size_t next = after;
  if (after < src.size() && closes_quotation(src, after, next_code_point(src, next))) {
    return continues_sentence(src, next);
  }
  std::size_t before = pos;
  while (before > 0 && is_blank(src[before - 1])) {
    --before;
  }
  if (before == 0) {
    return false;
  }
  std::size_t start = before - 1;
  while (start > 0 && (static_cast<unsigned char>(src[start]) & 0xC0) == 0x80) {
    --start;
  }
  std::size_t end = start;
  const char32_t close = next_code_point(src, end);
  return end == before && closes_quotation(src, start, close) && continues_sentence(src, pos);
}

void drop_symbol_only_sentences(std::string_view src, std::vector<std::uint32_t>& bounds) {
  std::vector<std::uint32_t> kept;
  kept.reserve(bounds.size());
  for (std::size_t k = 0; k < bounds.size(); ++k) {
    const std::size_t end = k + 1 < bounds.size() ? bounds[k + 1] : src.size();
    bool words = false;
    for (std::size_t i = bounds[k]; i < end && !words;) {
      words = is_alnum_cp(next_code_point(src, i));
    }
    if (words) {
      kept.push_back(bounds[k]);
    }
  }
  bounds = std::move(kept);
}

}  // namespace replyc::policy
