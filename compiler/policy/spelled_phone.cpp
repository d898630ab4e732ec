// Phone numbers spelled out in words: "noll sju noll – ett två tre – fyrtiofem sextiosju",
// "cero seis uno, cuarenta y cinco …". A digit search cannot see them, which is why a seller
// writes them so; they are contact-info-phone and disguised.
//
// The number words come from the reply's pack: DIGIT_WORD (one digit), NUMBER_WORD (two digits
// in one word: "elva", "fyrtiofem", "dreiundvierzig"), TENS_WORD (two digits, or the first of
// two when a digit word follows: "forty five", "cuarenta y cinco"), HUNDREDS_WORD (three digits
// with the tens and digit words that follow it: "pięćset dwa", "trzysta czterdzieści") and
// NUMBER_JOINER (the "y" or "et" between a tens word and a digit). Number words and digit groups
// separated only by spaces and punctuation make a run. A run of at least three number words and 7
// to 15 digits is a phone number after a phone word of its sentence ("ring oss på …"), or with 9
// digits or more anywhere; like a written number, not after a nearer tracking word.
#include <algorithm>

#include "compiler/policy/scan.hpp"

namespace replyc::policy {
namespace {

enum class Token { None, Digit, Number, Tens, Hundreds, Joiner, Digits };

constexpr int kMinSpelledWords = 3;
constexpr int kMinDigits = 7;
constexpr int kMaxDigits = 15;
constexpr int kDigitsWithoutContext = 9;

bool is_number(Token t) {
  return t == Token::Digit || t == Token::Number || t == Token::Tens || t == Token::Hundreds ||
         t == Token::Digits;
}

// Whether the text between two words is only spaces and punctuation that separates digit groups
// ("ett två", "070 – 123", "45, 67").
bool only_separators(std::string_view gap) {
  if (gap.empty()) {
    return false;
  }
  for (std::size_t i = 0; i < gap.size(); ++i) {
    const char c = gap[i];
    if (c == ' ' || c == ',' || c == '-' || c == '.' || c == '/') {
      continue;
    }
    // The en dash and the em dash (E2 80 93, E2 80 94).
    if (gap.substr(i, 2) == "\xE2\x80" && i + 2 < gap.size() &&
        (gap[i + 2] == '\x93' || gap[i + 2] == '\x94')) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

// What each word of the text is, by the number-word hits that span it exactly.
std::vector<Token> classify_words(const ScanState& s) {
  std::vector<Token> kinds(s.words.size(), Token::None);
  const std::string_view t = s.text();
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const Word& w = s.words[i];
    const std::string_view text = t.substr(w.begin, w.end - w.begin);
    if (!w.letters && !text.empty() &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      kinds[i] = Token::Digits;
    }
  }
  const auto mark = [&](const char* name, Token kind) {
    for (const auto& [begin, end] : named_hits(s, name)) {
      const auto it =
          std::lower_bound(s.words.begin(), s.words.end(), begin,
                           [](const Word& w, std::uint32_t pos) { return w.begin < pos; });
      if (it != s.words.end() && it->begin == begin && it->end == end && it->letters) {
        kinds[static_cast<std::size_t>(it - s.words.begin())] = kind;
      }
    }
  };
  // A word that is both a tens word and, whole, a two-digit word keeps the later mark.
  mark("NUMBER_JOINER", Token::Joiner);
  mark("DIGIT_WORD", Token::Digit);
  mark("TENS_WORD", Token::Tens);
  mark("NUMBER_WORD", Token::Number);
  mark("HUNDREDS_WORD", Token::Hundreds);
  return kinds;
}

struct Run {
  std::size_t first = 0;  // word indices, inclusive
  std::size_t last = 0;
  int digits = 0;
  int spelled = 0;
};

// The run of number words and digit groups that starts at word `first`.
Run read_run(const ScanState& s, const std::vector<Token>& kinds, std::size_t first) {
  const std::string_view t = s.text();
  const auto joined = [&](std::size_t a, std::size_t b) {
    return only_separators(t.substr(s.words[a].end, s.words[b].begin - s.words[a].end));
  };
  Run run;
  run.first = first;
  run.last = first;
  // What the word before leaves open: after a tens word a digit word completes its two digits
  // ("forty five"); after a hundreds word its tens word and then a digit word complete its
  // three ("trzysta czterdzieści pięć"). Only a single space joins such parts.
  bool after_tens = false;
  bool hundred_open_tens = false;
  bool hundred_open_digit = false;
  std::size_t i = first;
  while (true) {
    const Token kind = kinds[i];
    const Word& w = s.words[i];
    const bool spaced =
        i > first && t.substr(s.words[i - 1].end, w.begin - s.words[i - 1].end) == " ";
    const bool completes_hundred =
        spaced && ((hundred_open_tens && (kind == Token::Tens || kind == Token::Number)) ||
                   (hundred_open_digit && kind == Token::Digit));
    const bool completes_tens = kind == Token::Digit && after_tens;
    if (kind != Token::Digits) {
      ++run.spelled;
    }
    if (kind == Token::Digits) {
      run.digits += static_cast<int>(w.end - w.begin);
    } else if (kind == Token::Hundreds) {
      run.digits += 3;
    } else if (!completes_hundred && !completes_tens) {
      run.digits += kind == Token::Digit ? 1 : 2;
    }
    hundred_open_tens = kind == Token::Hundreds;
    hundred_open_digit = kind == Token::Hundreds || (completes_hundred && kind == Token::Tens);
    after_tens = kind == Token::Tens;
    run.last = i;
    const std::size_t next = i + 1;
    if (next >= kinds.size()) {
      return run;
    }
    // "cuarenta y cinco": a joiner between a tens word and a digit word.
    if (after_tens && kinds[next] == Token::Joiner && next + 1 < kinds.size() &&
        kinds[next + 1] == Token::Digit && t.substr(w.end, s.words[next].begin - w.end) == " " &&
        t.substr(s.words[next].end, s.words[next + 1].begin - s.words[next].end) == " ") {
      i = next + 1;
      continue;
    }
    if (!is_number(kinds[next]) || !joined(i, next)) {
      return run;
    }
    i = next;
  }
}

}  // namespace

void detect_spelled_phone(ScanState& s) {
  const std::uint32_t rule = s.impl->rule("contact-info-phone");
  if (rule == UINT32_MAX || s.locale->named("DIGIT_WORD") == UINT32_MAX) {
    return;
  }
  // Most messages hold no number word at all; a run needs at least three.
  const std::uint32_t sets[] = {s.locale->named("DIGIT_WORD"), s.locale->named("NUMBER_WORD"),
                                s.locale->named("TENS_WORD"), s.locale->named("HUNDREDS_WORD")};
  const auto number_words =
      std::count_if(s.set_hits.begin(), s.set_hits.end(), [&](const SetHit& h) {
        return std::find(std::begin(sets), std::end(sets), h.set) != std::end(sets);
      });
  if (number_words < kMinSpelledWords) {
    return;
  }
  const std::vector<Token> kinds = classify_words(s);
  std::size_t i = 0;
  while (i < kinds.size()) {
    if (!is_number(kinds[i]) || kinds[i] == Token::Digits) {
      ++i;
      continue;
    }
    // A run may begin with digits ("070 – ett två tre"), so start from the first joined token.
    std::size_t first = i;
    while (first > 0 && kinds[first - 1] == Token::Digits &&
           only_separators(s.text().substr(s.words[first - 1].end,
                                           s.words[first].begin - s.words[first - 1].end))) {
      --first;
    }
    const Run run = read_run(s, kinds, first);
    i = run.last + 1;
    if (run.spelled < kMinSpelledWords || run.digits < kMinDigits || run.digits > kMaxDigits) {
      continue;
    }
    const std::uint32_t begin = s.words[run.first].begin;
    const std::uint32_t end = s.words[run.last].end;
    const std::optional<SetHit> phone_word = last_context_before(s, "PHONE_CONTEXT", begin);
    const std::optional<SetHit> tracking_word = last_context_before(s, "TRACKING_CONTEXT", begin);
    const bool introduced = phone_word && (!tracking_word || phone_word->end > tracking_word->end);
    if (!introduced && (tracking_word || run.digits < kDigitsWithoutContext)) {
      continue;
    }
    s.add(rule, begin, end, carrier_number_severity(s, begin, end), true);
  }
}

}  // namespace replyc::policy
