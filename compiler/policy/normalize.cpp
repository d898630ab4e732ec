#include "compiler/policy/normalize.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>

#include <array>
#include <mutex>
#include <unordered_map>

namespace replyc::policy {
namespace {

// ---------------------------------------------------------------------------------------------
// Tables built once per process.

struct Tables {
  const icu::Normalizer2* nfkc_cf = nullptr;
  // Latin letters with diacritics -> ASCII base letter (0 = none), indexed from 0x00C0.
  std::array<char, 0x0250 - 0x00C0> latin1{};
  std::array<char, 0x1F00 - 0x1E00> latin_ext_additional{};
  // Look-alike letters of other scripts -> ASCII letter (from ICU's confusable skeletons).
  std::unordered_map<char32_t, char> homoglyph;
};

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

char base_letter(const icu::Normalizer2& nfd, UChar32 c) {
  icu::UnicodeString decomposition;
  if (!nfd.getDecomposition(c, decomposition) || decomposition.length() < 2) {
    return 0;
  }
  const UChar32 first = decomposition.char32At(0);
  if (first > 0x7F || !u_isalpha(first)) {
    return 0;
  }
  for (int32_t k = U16_LENGTH(first); k < decomposition.length();) {
    const UChar32 mark = decomposition.char32At(k);
    if (u_charType(mark) != U_NON_SPACING_MARK) {
      return 0;
    }
    k += U16_LENGTH(mark);
  }
  return ascii_lower(static_cast<char>(first));
}

const Tables& tables() {
  static const Tables instance = [] {
    Tables t;
    UErrorCode status = U_ZERO_ERROR;
    t.nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || t.nfkc_cf == nullptr || nfd == nullptr) {
      return t;
    }
    for (UChar32 c = 0x00C0; c < 0x0250; ++c) {
      t.latin1[static_cast<std::size_t>(c - 0x00C0)] = base_letter(*nfd, c);
    }
    for (UChar32 c = 0x1E00; c < 0x1F00; ++c) {
      t.latin_ext_additional[static_cast<std::size_t>(c - 0x1E00)] = base_letter(*nfd, c);
    }
    // Letters without a decomposition that writers drop the stroke from.
    t.latin1[0x0142 - 0x00C0] = 'l';  // ł
    t.latin1[0x0141 - 0x00C0] = 'l';  // Ł
    t.latin1[0x00F8 - 0x00C0] = 'o';  // ø
    t.latin1[0x00D8 - 0x00C0] = 'o';  // Ø
    t.latin1[0x0111 - 0x00C0] = 'd';  // đ
    t.latin1[0x0110 - 0x00C0] = 'd';  // Đ

    USpoofChecker* checker = uspoof_open(&status);
    if (U_SUCCESS(status)) {
      const std::pair<UChar32, UChar32> blocks[] = {
          {0x0370, 0x0400},  // Greek
          {0x0400, 0x0530},  // Cyrillic and Cyrillic Supplement
          {0x0530, 0x0590},  // Armenian
          {0x13A0, 0x1400},  // Cherokee
      };
      for (const auto& [from, to] : blocks) {
        for (UChar32 c = from; c < to; ++c) {
          if (!u_isalpha(c)) {
            continue;
          }
          std::string in;
          append_utf8(in, static_cast<char32_t>(c));
          char out[32];
          UErrorCode st = U_ZERO_ERROR;
          const int32_t n = uspoof_getSkeletonUTF8(checker, 0, in.data(),
                                                   static_cast<int32_t>(in.size()), out, 32, &st);
          if (U_SUCCESS(st) && n == 1 && u_isalpha(static_cast<unsigned char>(out[0])) &&
              static_cast<unsigned char>(out[0]) < 0x80) {
            t.homoglyph.emplace(static_cast<char32_t>(c), ascii_lower(out[0]));
          }
        }
      }
      uspoof_close(checker);
    }
    return t;
  }();
  return instance;
}

char fold_accent(char32_t c) {
  const Tables& t = tables();
  if (c >= 0x00C0 && c < 0x0250) {
    return t.latin1[c - 0x00C0];
  }
  if (c >= 0x1E00 && c < 0x1F00) {
    return t.latin_ext_additional[c - 0x1E00];
  }
  return 0;
}

bool is_star_glyph(char32_t c) {
  return c == 0x2605 || c == 0x2606 || c == 0x2B50 || c == 0x1F31F || (c >= 0x2729 && c <= 0x2730);
}

bool is_bidi_control(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
         c == 0x200F || c == 0x061C;
}

// Unit classes.
enum class Cls : std::uint8_t { Alpha, Digit, Cjk, Space, Newline, Other };

// Internal unit flags (not exported).
enum UnitCtl : std::uint8_t {
  kLatin = 1u << 0,
  kConfusable = 1u << 1,
  kUseAlt = 1u << 2,
  kDeleted = 1u << 3,
  kAfterInvisible = 1u << 4,
};

struct Unit {
  std::uint32_t src_b = 0;
  std::uint32_t src_e = 0;
  std::uint32_t out_b = 0;
  std::uint16_t out_len = 0;
  Cls cls = Cls::Other;
  std::uint8_t ctl = 0;
  std::uint8_t flags = 0;  // NormFlag
  char alt = 0;
};

Cls classify(char32_t c, bool& latin) {
  latin = false;
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      latin = true;
      return Cls::Alpha;
    }
    if (c >= '0' && c <= '9') {
      return Cls::Digit;
    }
    if (c == ' ' || c == '\t') {
      return Cls::Space;
    }
    if (c == '\n') {
      return Cls::Newline;
    }
    return Cls::Other;
  }
  if (is_cjk(c)) {
    return Cls::Cjk;
  }
  if (u_isalpha(static_cast<UChar32>(c))) {
    UErrorCode status = U_ZERO_ERROR;
    latin = uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_LATIN;
    return Cls::Alpha;
  }
  if (u_isdigit(static_cast<UChar32>(c))) {
    return Cls::Digit;
  }
  return Cls::Other;
}

bool is_word_cls(Cls c) {
  return c == Cls::Alpha || c == Cls::Digit;
}

class Builder {
 public:
  Builder(std::string_view source, const NormOptions& options, const LexiconCheck* lexicon)
      : src_(source), opt_(options), lexicon_(lexicon), t_(tables()) {}

  NormText run() {
    stage_chars();
    if (opt_.disguise_steps) {
      stage_tokens();
      if (lexicon_ != nullptr) {
        stage_spaced_letters();
        stage_spaced_cjk();
        stage_leetspeak();
      }
    }
    return flatten();
  }

 private:
  std::string_view unit_text(const Unit& u) const {
    if (u.ctl & kUseAlt) {
      return std::string_view(&u.alt, 1);
    }
    return std::string_view(buf_).substr(u.out_b, u.out_len);
  }

  void push(std::uint32_t b, std::uint32_t e, std::string_view text, Cls cls, bool latin,
            std::uint8_t flags = 0) {
    Unit u;
    u.src_b = b;
    u.src_e = e;
    u.out_b = static_cast<std::uint32_t>(buf_.size());
    u.out_len = static_cast<std::uint16_t>(text.size());
    u.cls = cls;
    u.flags = flags;
    if (latin) {
      u.ctl |= kLatin;
    }
    if (pending_invisible_) {
      u.ctl |= kAfterInvisible;
      pending_invisible_ = false;
    }
    buf_.append(text);
    units_.push_back(u);
  }

  void push_space(std::uint32_t b, std::uint32_t e) {
    pending_invisible_ = false;
    if (!units_.empty() && (units_.back().cls == Cls::Space || units_.back().cls == Cls::Newline)) {
      units_.back().src_e = e;  // absorbed
      return;
    }
    push(b, e, " ", Cls::Space, false);
  }

  void push_newline(std::uint32_t b, std::uint32_t e) {
    pending_invisible_ = false;
    if (!units_.empty() && units_.back().cls == Cls::Space) {
      Unit& u = units_.back();  // trailing spaces become part of the line break
      buf_[u.out_b] = '\n';
      u.cls = Cls::Newline;
      u.src_e = e;
      return;
    }
    push(b, e, "\n", Cls::Newline, false);
  }

  void stage_chars() {
    const std::size_t n = src_.size();
    const auto* s = reinterpret_cast<const std::uint8_t*>(src_.data());
    std::size_t i = 0;
    std::string chunk_out;
    while (i < n) {
      const auto start = static_cast<std::uint32_t>(i);
      const unsigned char byte = s[i];
      if (byte < 0x80) {
        ++i;
        if (byte == '\r') {
          if (i < n && s[i] == '\n') {
            ++i;
          }
          push_newline(start, static_cast<std::uint32_t>(i));
        } else if (byte == '\n') {
          push_newline(start, static_cast<std::uint32_t>(i));
        } else if (byte == ' ' || byte == '\t' || byte == '\f' || byte == '\v') {
          push_space(start, static_cast<std::uint32_t>(i));
        } else {
          const char c = ascii_lower(static_cast<char>(byte));
          bool latin = false;
          const Cls cls = classify(static_cast<char32_t>(byte), latin);
          push(start, static_cast<std::uint32_t>(i), std::string_view(&c, 1), cls, latin);
        }
        continue;
      }
      const UChar32 c = decode_utf8(src_, i);
      const auto end = static_cast<std::uint32_t>(i);
      if (c < 0) {
        push(start, end, "\xEF\xBF\xBD", Cls::Other, false);
        continue;
      }
      const auto cp = static_cast<char32_t>(c);
      if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
        if (is_bidi_control(cp) && opt_.disguise_steps) {
          events_.push_back({{start, end}, kInvisible});
        }
        pending_invisible_ = true;
        continue;
      }
      if (cp == 0x2028 || cp == 0x2029 || cp == 0x0085) {
        push_newline(start, end);
        continue;
      }
      if (u_isUWhiteSpace(c)) {
        push_space(start, end);
        continue;
      }
      if (cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032 || cp == 0x02BC ||
          cp == 0xFF07 || cp == 0x00B4 || cp == 0x0060) {
        push(start, end, "'", Cls::Other, false);
        continue;
      }
      if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F || cp == 0x2033 ||
          cp == 0xFF02) {
        push(start, end, "\"", Cls::Other, false);
        continue;
      }
      if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63 || cp == 0xFF0D) {
        push(start, end, "-", Cls::Other, false);
        continue;
      }
      if (is_star_glyph(cp)) {
        push(start, end, "\xE2\x98\x85", Cls::Other, false);  // ★
        continue;
      }
      if (const auto h = t_.homoglyph.find(cp); h != t_.homoglyph.end()) {
        chunk_out.clear();
        icu::StringByteSink<std::string> sink(&chunk_out);
        UErrorCode status = U_ZERO_ERROR;
        t_.nfkc_cf->normalizeUTF8(0, src_.substr(start, end - start), sink, nullptr, status);
        push(start, end, chunk_out, Cls::Alpha, false);
        units_.back().ctl |= kConfusable;
        units_.back().alt = h->second;
        continue;
      }
      // A combining mark after a Latin letter: accents are folded, so it only widens the span.
      if (!t_.nfkc_cf->hasBoundaryBefore(c) && u_charType(c) == U_NON_SPACING_MARK &&
          !units_.empty() && (units_.back().ctl & kLatin) && !pending_invisible_) {
        units_.back().src_e = end;
        continue;
      }
      if (t_.nfkc_cf->isInert(c)) {
        bool latin = false;
        const Cls cls = classify(cp, latin);
        if (const char folded = fold_accent(cp); folded != 0) {
          push(start, end, std::string_view(&folded, 1), Cls::Alpha, true);
        } else {
          push(start, end, src_.substr(start, end - start), cls, latin);
        }
        continue;
      }
      // Normalisation chunk: this code point and the following ones that may combine with it.
      std::size_t j = i;
      while (j < n) {
        std::size_t k = j;
        const UChar32 d = decode_utf8(src_, k);
        if (d < 0 || u_hasBinaryProperty(d, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
            t_.nfkc_cf->hasBoundaryBefore(d)) {
          break;
        }
        j = k;
      }
      const auto chunk_end = static_cast<std::uint32_t>(j);
      i = j;
      chunk_out.clear();
      {
        icu::StringByteSink<std::string> sink(&chunk_out);
        UErrorCode status = U_ZERO_ERROR;
        t_.nfkc_cf->normalizeUTF8(0, src_.substr(start, chunk_end - start), sink, nullptr, status);
        if (U_FAILURE(status)) {
          chunk_out.assign(src_.substr(start, chunk_end - start));
        }
      }
      std::string folded;
      bool prev_latin = !units_.empty() && (units_.back().ctl & kLatin);
      for (std::size_t p = 0; p < chunk_out.size();) {
        const char32_t d = next_code_point(chunk_out, p);
        if (u_charType(static_cast<UChar32>(d)) == U_NON_SPACING_MARK && prev_latin) {
          continue;
        }
        if (const char base = fold_accent(d); base != 0) {
          folded.push_back(base);
          prev_latin = true;
          continue;
        }
        bool latin = false;
        classify(d, latin);
        prev_latin = latin;
        append_utf8(folded, d);
      }
      if (folded.empty()) {
        continue;
      }
      std::size_t p = 0;
      bool latin = false;
      const Cls cls = classify(next_code_point(folded, p), latin);
      std::uint8_t flags = 0;
      if (cp >= 0xFF01 && cp <= 0xFF5E && (cls == Cls::Alpha || cls == Cls::Digit)) {
        flags = kFullWidth;
      }
      if (folded == " ") {
        push_space(start, chunk_end);
      } else {
        push(start, chunk_end, folded, cls, latin, flags);
      }
    }
  }

  // Token-level decisions: invisible characters inside words, homoglyphs, full-width words.
  void stage_tokens() {
    const std::size_t n = units_.size();
    for (std::size_t k = 0; k < n; ++k) {
      Unit& u = units_[k];
      // Between two letters, also kana and ideographs ("レ\u200bビュー").
      const auto letter = [](Cls c) { return is_word_cls(c) || c == Cls::Cjk; };
      if ((u.ctl & kAfterInvisible) && letter(u.cls) && k > 0 && letter(units_[k - 1].cls) &&
          units_[k - 1].src_e <= u.src_b) {
        u.flags |= kInvisible | kDisguised;
        events_.push_back({{units_[k - 1].src_e, u.src_b}, kInvisible});
      }
    }
    std::size_t k = 0;
    while (k < n) {
      if (!is_word_cls(units_[k].cls)) {
        ++k;
        continue;
      }
      std::size_t e = k;
      int latin = 0;
      int confusable = 0;
      int other_alpha = 0;
      int full_width = 0;
      while (e < n && is_word_cls(units_[e].cls)) {
        const Unit& u = units_[e];
        if (u.ctl & kConfusable) {
          ++confusable;
        } else if (u.ctl & kLatin) {
          ++latin;
        } else if (u.cls == Cls::Alpha) {
          ++other_alpha;
        }
        if (u.flags & kFullWidth) {
          ++full_width;
        }
        ++e;
      }
      if (confusable > 0 && (latin > 0 || (opt_.latin_locale && other_alpha == 0))) {
        for (std::size_t q = k; q < e; ++q) {
          if (units_[q].ctl & kConfusable) {
            units_[q].ctl |= kUseAlt;
            units_[q].flags |= kHomoglyph | kDisguised;
          }
        }
        if (latin > 0) {
          events_.push_back({{units_[k].src_b, units_[e - 1].src_e}, kHomoglyph});
        }
      }
      if (full_width > 0 && !opt_.cjk_locale) {
        std::uint32_t fb = 0;
        std::uint32_t fe = 0;
        for (std::size_t q = k; q < e; ++q) {
          if (units_[q].flags & kFullWidth) {
            units_[q].flags |= kDisguised;
            if (fe == 0) {
              fb = units_[q].src_b;
            }
            fe = units_[q].src_e;
          }
        }
        if (full_width >= 2) {
          events_.push_back({{fb, fe}, kFullWidth});
        }
      }
      k = e;
    }
  }

  bool is_single_letter(std::size_t k) const {
    if (units_[k].cls != Cls::Alpha || (units_[k].ctl & kDeleted)) {
      return false;
    }
    if (k > 0 && is_word_cls(units_[k - 1].cls)) {
      return false;
    }
    return k + 1 >= units_.size() || !is_word_cls(units_[k + 1].cls);
  }

  static bool is_spacing_separator(std::string_view text) {
    return text == " " || text == "." || text == "-" || text == "_" || text == "*" ||
           text == "\xC2\xB7" || text == "|" || text == "+" || text == "/" || text == "~";
  }

  // Between single Latin letters the katakana middle dot separates them too ("P・a・y・P・a・l");
  // between kana it is left to the packs (stage_spaced_cjk).
  static bool is_letter_separator(std::string_view text) {
    return is_spacing_separator(text) || text == "\xE3\x83\xBB";
  }

  // The letters[from, to) joined, with a space where a separator is a word break.
  std::string spaced_candidate(const std::vector<std::size_t>& letters,
                               const std::vector<std::size_t>& seps,
                               const std::vector<bool>& word_break, std::size_t from,
                               std::size_t to) const {
    std::string candidate;
    for (std::size_t li = from; li < to; ++li) {
      if (li > from) {
        for (std::size_t si = 0; si < seps.size(); ++si) {
          if (seps[si] > letters[li - 1] && seps[si] < letters[li] && word_break[si]) {
            candidate.push_back(' ');
            break;
          }
        }
      }
      candidate.append(unit_text(units_[letters[li]]));
    }
    return candidate;
  }

  static bool is_plain_space(std::string_view text) { return text == " "; }

  // Joins a run of spaced letters when the result contains a lexicon term. A one-letter word
  // before or after the run ("a p o s i t i v e review", "i.e.", "y", "e") is tried without
  // it, so that it is not glued onto the spelled-out word.
  bool join_spaced_letters(const std::vector<std::size_t>& letters,
                           const std::vector<std::size_t>& seps,
                           const std::vector<bool>& word_break) {
    const std::size_t n = letters.size();
    const bool space_after_first = is_plain_space(unit_text(units_[letters[0] + 1]));
    const bool space_before_last = is_plain_space(unit_text(units_[letters[n - 1] - 1]));
    std::size_t from = 0;
    std::size_t to = n;
    bool found = (*lexicon_)(spaced_candidate(letters, seps, word_break, 0, n), false);
    for (int trim = 1; !found && trim <= 3; ++trim) {
      const std::size_t f = (trim & 1) != 0 && space_after_first ? 1 : 0;
      const std::size_t t = (trim & 2) != 0 && space_before_last ? n - 1 : n;
      if ((f == 0 && t == n) || t - f < 4) {
        continue;
      }
      if ((*lexicon_)(spaced_candidate(letters, seps, word_break, f, t), false)) {
        found = true;
        from = f;
        to = t;
      }
    }
    if (!found) {
      return false;
    }
    for (std::size_t li = from; li < to; ++li) {
      units_[letters[li]].flags |= kSpaced | kDisguised;
    }
    // Reported even when no rule matches the word ("r e v i e w" on its own).
    events_.push_back({{units_[letters[from]].src_b, units_[letters[to - 1]].src_e}, kSpaced});
    for (std::size_t si = 0; si < seps.size(); ++si) {
      if (seps[si] < letters[from] || seps[si] > letters[to - 1]) {
        continue;
      }
      Unit& sep = units_[seps[si]];
      if (word_break[si]) {
        sep.ctl |= kUseAlt;
        sep.alt = ' ';
        sep.cls = Cls::Space;
      } else {
        sep.ctl |= kDeleted;
      }
    }
    return true;
  }

  // Characters of the source a unit stands for: a run of spaces is several, the ideographic
  // space U+3000 one (three bytes).
  std::size_t code_points(const Unit& u) const {
    std::size_t n = 0;
    for (std::uint32_t i = u.src_b; i < u.src_e; ++i) {
      if ((static_cast<unsigned char>(src_[i]) & 0xC0) != 0x80) {
        ++n;
      }
    }
    return n;
  }

  bool is_upper_in_source(std::size_t unit) const {
    std::size_t pos = units_[unit].src_b;
    return u_isUUppercase(decode_utf8(src_, pos)) != 0;
  }

  // "p o s i t i v e B e w e r t u n g": in a run spaced with single spaces, a capital after a
  // small letter starts a word (German nouns, "F i v e S t a r"). Tried first, and only kept
  // when that reading holds a lexicon term, so "R e V i E w" still joins into one word.
  bool join_at_case_changes(const std::vector<std::size_t>& letters,
                            const std::vector<std::size_t>& seps) {
    std::vector<bool> word_break(seps.size(), false);
    bool any = false;
    std::size_t si = 0;
    for (std::size_t li = 1; li < letters.size(); ++li) {
      while (si < seps.size() && seps[si] < letters[li - 1]) {
        ++si;
      }
      if (si < seps.size() && seps[si] < letters[li] && !is_upper_in_source(letters[li - 1]) &&
          is_upper_in_source(letters[li])) {
        word_break[si] = true;
        any = true;
      }
    }
    return any && join_spaced_letters(letters, seps, word_break);
  }

  // "r e v i e w", "r.e.v.i.e.w", "l-e-a-v-e  a  r-e-v-i-e-w": single letters with one
  // separator between them; a double space (or " / ") separates words.
  void stage_spaced_letters() {
    const std::size_t n = units_.size();
    std::size_t k = 0;
    std::vector<std::size_t> letters;
    std::vector<std::size_t> seps;
    std::vector<bool> word_break;
    while (k < n) {
      if (!is_single_letter(k)) {
        ++k;
        continue;
      }
      letters.assign(1, k);
      seps.clear();
      word_break.clear();
      std::size_t q = k + 1;
      // Single spaces in a run that also uses another separator end a word:
      // "a.v.i.s p.o.s.i.t.i.f" is two words.
      std::vector<std::size_t> single_spaces;
      std::vector<std::size_t> other_groups;
      bool dotted = false;
      while (q < n) {
        // Separator group: one separator, or a run of spaces (a word break when longer).
        std::size_t r = q;
        int count = 0;
        bool has_space_run = false;
        while (r < n && is_letter_separator(unit_text(units_[r])) && count < 3) {
          if (units_[r].cls == Cls::Space && code_points(units_[r]) >= 2) {
            has_space_run = true;
          }
          ++count;
          ++r;
        }
        if (count == 0 || r >= n || !is_single_letter(r)) {
          break;
        }
        const bool is_break = has_space_run;
        if (units_[q].cls == Cls::Space && r == q + 1) {
          single_spaces.push_back(seps.size());
        } else {
          dotted = true;
          other_groups.push_back(seps.size());
        }
        for (std::size_t x = q; x < r; ++x) {
          seps.push_back(x);
          word_break.push_back(is_break && x == q);
        }
        letters.push_back(r);
        q = r + 1;
      }
      if (dotted) {
        for (std::size_t index : single_spaces) {
          word_break[index] = true;
        }
      }
      const bool by_case = letters.size() >= 4 && !dotted && join_at_case_changes(letters, seps);
      if (letters.size() >= 4 && !by_case && !join_spaced_letters(letters, seps, word_break) &&
          dotted && !single_spaces.empty()) {
        // "S t e r n e-R e z e n s i o n": spaced letters, the other separator between words.
        std::fill(word_break.begin(), word_break.end(), false);
        for (std::size_t index : other_groups) {
          word_break[index] = true;
        }
        join_spaced_letters(letters, seps, word_break);
      }
      k = letters.back() + 1;
    }
  }

  // "レ ビ ュ ー", "口.コ.ミを": kana or ideographs with one separator between each (a space, a
  // dot ...), joined when the result contains a lexicon term. The run may touch other text at its
  // ends ("レ ビ ュ ーをお願い"). Japanese puts no spaces inside words. The middle dot "・" is
  // left to the packs: it also separates ordinary lists ("赤・青・黄"), and the ja pack lists the
  // dotted forms it treats as disguise ("ラ・イ・ン").
  void stage_spaced_cjk() {
    const std::size_t n = units_.size();
    const auto is_separator = [&](std::size_t k) {
      const std::string_view text = unit_text(units_[k]);
      return (units_[k].ctl & kDeleted) == 0 && is_spacing_separator(text);
    };
    const auto is_char = [&](std::size_t k) {
      return k < n && units_[k].cls == Cls::Cjk && (units_[k].ctl & kDeleted) == 0 &&
             !is_separator(k);
    };
    std::vector<std::size_t> chars;
    std::vector<std::size_t> separators;
    for (std::size_t k = 0; k < n;) {
      // A run starts at a character followed by a separator and another character.
      if (!is_char(k) || k + 2 >= n || !is_separator(k + 1) || !is_char(k + 2)) {
        ++k;
        continue;
      }
      chars.assign(1, k);
      separators.clear();
      // Inner characters stand alone between two separators; the last may touch text after it.
      while (chars.back() + 2 < n && is_separator(chars.back() + 1) && is_char(chars.back() + 2)) {
        separators.push_back(chars.back() + 1);
        chars.push_back(chars.back() + 2);
        if (is_char(chars.back() + 1)) {
          break;
        }
      }
      k = chars.back() + 1;
      if (chars.size() < 3) {
        continue;
      }
      std::string candidate;
      for (std::size_t c : chars) {
        candidate.append(unit_text(units_[c]));
      }
      // The last group may be glued ("レ.ビ.ュー"): up to two following characters complete the
      // term, as long as they do not spell a term on their own.
      std::string tail;
      for (std::size_t c = chars.back() + 1; c <= chars.back() + 2 && is_char(c); ++c) {
        tail.append(unit_text(units_[c]));
      }
      const bool spells =
          (*lexicon_)(candidate, false) ||
          (!tail.empty() && (*lexicon_)(candidate + tail, false) && !(*lexicon_)(tail, false));
      if (!spells) {
        continue;
      }
      for (std::size_t c : chars) {
        units_[c].flags |= kSpaced | kDisguised;
      }
      events_.push_back({{units_[chars.front()].src_b, units_[chars.back()].src_e}, kSpaced});
      for (std::size_t sep : separators) {
        units_[sep].ctl |= kDeleted;
      }
    }
  }

  static char leet_letter(char c, bool one_as_l) {
    switch (c) {
      case '0':
        return 'o';
      case '1':
        return one_as_l ? 'l' : 'i';
      case '3':
        return 'e';
      case '4':
        return 'a';
      case '5':
        return 's';
      case '7':
        return 't';
      case '@':
        return 'a';
      case '$':
        return 's';
      case '!':
        return 'i';
      case '|':
      case 'I':  // a capital I inside a lower-case word (see stage_leetspeak)
        return 'l';
      default:
        return 0;
    }
  }

  void stage_leetspeak() {
    const std::size_t n = units_.size();
    auto chunk_char = [&](std::size_t k) -> char {
      const Unit& u = units_[k];
      if (u.ctl & kDeleted) {
        return 0;
      }
      const std::string_view t = unit_text(u);
      if (t.size() != 1) {
        return 0;
      }
      const char c = t[0];
      // A capital I after a lower-case letter may stand for l ("étoiIes", "heIpful"): it is
      // read as l only when the word then is a lexicon term.
      if (c == 'i' && src_[u.src_b] == 'I' && k > 0) {
        const auto before = static_cast<unsigned char>(src_[units_[k - 1].src_b]);
        if ((before >= 'a' && before <= 'z') || before >= 0x80) {
          return 'I';
        }
      }
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '@' || c == '$' || c == '!' ||
          c == '|') {
        return c;
      }
      return 0;
    };
    std::size_t k = 0;
    while (k < n) {
      if (chunk_char(k) == 0 || (k > 0 && is_word_cls(units_[k - 1].cls))) {
        ++k;
        continue;
      }
      std::size_t e = k;
      while (e < n && chunk_char(e) != 0) {
        ++e;
      }
      // Symbols only count inside the chunk, not at its end ("review!" is not leetspeak).
      while (e > k) {
        const char last = chunk_char(e - 1);
        if (last == '@' || last == '$' || last == '!' || last == '|') {
          --e;
        } else {
          break;
        }
      }
      const bool touches_word = e < n && is_word_cls(units_[e].cls);
      int letters = 0;
      int leet = 0;
      for (std::size_t q = k; q < e; ++q) {
        const char c = chunk_char(q);
        if (c >= 'a' && c <= 'z') {
          ++letters;
        } else if (leet_letter(c, false) != 0) {
          ++leet;
        }
      }
      if (!touches_word && letters >= 2 && leet >= 1 && e - k >= 4) {
        for (int variant = 0; variant < 2; ++variant) {
          std::string candidate;
          bool has_one = false;
          for (std::size_t q = k; q < e; ++q) {
            const char c = chunk_char(q);
            const char mapped = leet_letter(c, variant == 1);
            has_one = has_one || c == '1';
            candidate.push_back(mapped != 0 ? mapped : c);
          }
          if (variant == 1 && !has_one) {
            break;
          }
          bool digits_left = false;
          for (char c : candidate) {
            digits_left = digits_left || (c >= '0' && c <= '9');
          }
          if (digits_left || !(*lexicon_)(candidate, true)) {
            continue;
          }
          for (std::size_t q = k; q < e; ++q) {
            const char c = chunk_char(q);
            if (leet_letter(c, false) != 0) {
              Unit& u = units_[q];
              u.ctl |= kUseAlt;
              u.alt = leet_letter(c, variant == 1);
              u.cls = Cls::Alpha;
              u.ctl |= kLatin;
              u.flags |= kLeet | kDisguised;
            }
          }
          break;
        }
      }
      k = e > k ? e : k + 1;
    }
  }

  NormText flatten() {
    NormText out;
    out.text.reserve(buf_.size());
    out.src_begin.reserve(buf_.size());
    out.src_end.reserve(buf_.size());
    out.flags.reserve(buf_.size());
    for (const Unit& u : units_) {
      if (u.ctl & kDeleted) {
        continue;
      }
      const std::string_view t = unit_text(u);
      out.text.append(t);
      for (std::size_t b = 0; b < t.size(); ++b) {
        out.src_begin.push_back(u.src_b);
        out.src_end.push_back(u.src_e);
        out.flags.push_back(u.flags);
      }
    }
    out.events = std::move(events_);
    return out;
  }

  std::string_view src_;
  NormOptions opt_;
  const LexiconCheck* lexicon_;
  const Tables& t_;
  std::vector<Unit> units_;
  std::string buf_;
  std::vector<DisguiseEvent> events_;
  bool pending_invisible_ = false;
};

}  // namespace

NormText normalize(std::string_view source, const NormOptions& options,
                   const LexiconCheck* lexicon) {
  return Builder(source, options, lexicon).run();
}

std::string normalize_fragment(std::string_view text) {
  NormOptions options;
  options.disguise_steps = false;
  return normalize(text, options, nullptr).text;
}

std::string fold_case_exact(std::string_view text) {
  const icu::Normalizer2* nfkc_cf = tables().nfkc_cf;
  std::string folded;
  if (nfkc_cf == nullptr) {
    return folded;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::UnicodeString out = nfkc_cf->normalize(in, status);
  if (U_FAILURE(status)) {
    return folded;
  }
  for (int32_t i = 0; i < out.length();) {
    const UChar32 c = out.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK) {
      append_utf8(folded, static_cast<char32_t>(c));
    }
  }
  return folded;
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n';
    if (space && (out.empty() || out.back() == ' ')) {
      continue;
    }
    out.push_back(space ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

std::string normalize_plain(std::string_view text) {
  NormOptions options;
  options.disguise_steps = false;
  NormText norm = normalize(text, options, nullptr);
  std::string& s = norm.text;
  // Trim.
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) {
    s.pop_back();
  }
  std::size_t start = 0;
  while (start < s.size() && (s[start] == ' ' || s[start] == '\n')) {
    ++start;
  }
  return s.substr(start);
}

bool is_word_byte(unsigned char c) {
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::int32_t decode_utf8(std::string_view text, std::size_t& pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const unsigned char b0 = s[pos];
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  int extra = 0;
  std::uint32_t c = 0;
  std::uint32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    extra = 1;
    c = b0 & 0x1Fu;
    min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    extra = 2;
    c = b0 & 0x0Fu;
    min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    extra = 3;
    c = b0 & 0x07u;
    min = 0x10000;
  } else {
    ++pos;
    return -1;
  }
  if (pos + static_cast<std::size_t>(extra) >= n) {
    ++pos;
    return -1;
  }
  for (int k = 1; k <= extra; ++k) {
    const unsigned char b = s[pos + static_cast<std::size_t>(k)];
    if ((b & 0xC0u) != 0x80u) {
      ++pos;
      return -1;
    }
    c = (c << 6) | (b & 0x3Fu);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    ++pos;
    return -1;
  }
  pos += static_cast<std::size_t>(extra) + 1;
  return static_cast<std::int32_t>(c);
}

void append_utf8(std::string& out, char32_t c) {
  const auto v = static_cast<std::uint32_t>(c);
  if (v < 0x80) {
    out.push_back(static_cast<char>(v));
  } else if (v < 0x800) {
    out.push_back(static_cast<char>(0xC0u | (v >> 6)));
    out.push_back(static_cast<char>(0x80u | (v & 0x3Fu)));
  } else if (v < 0x10000) {
    if (v >= 0xD800 && v <= 0xDFFF) {
      out.append("\xEF\xBF\xBD");
      return;
    }
    out.push_back(static_cast<char>(0xE0u | (v >> 12)));
    out.push_back(static_cast<char>(0x80u | ((v >> 6) & 0x3Fu)));
    out.push_back(static_cast<char>(0x80u | (v & 0x3Fu)));
  } else if (v <= 0x10FFFF) {
    out.push_back(static_cast<char>(0xF0u | (v >> 18)));
    out.push_back(static_cast<char>(0x80u | ((v >> 12) & 0x3Fu)));
    out.push_back(static_cast<char>(0x80u | ((v >> 6) & 0x3Fu)));
    out.push_back(static_cast<char>(0x80u | (v & 0x3Fu)));
  } else {
    out.append("\xEF\xBF\xBD");
  }
}

char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const std::int32_t c = decode_utf8(text, pos);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

char32_t prev_code_point(std::string_view text, std::size_t pos) {
  if (pos == 0) {
    return 0;
  }
  std::size_t start = pos - 1;
  while (start > 0 && pos - start < 4 &&
         (static_cast<unsigned char>(text[start]) & 0xC0u) == 0x80u) {
    --start;
  }
  std::size_t p = start;
  const std::int32_t c = decode_utf8(text, p);
  return c < 0 || p != pos ? U'\uFFFD' : static_cast<char32_t>(c);
}

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2FFFF) || (c >= 0xF900 && c <= 0xFAFF) || c == 0x3005 ||
         c == 0x3006;
}

bool is_kana(char32_t c) {
  return (c >= 0x3040 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF) ||
         (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F);
}

bool is_cjk(char32_t c) {
  return is_han(c) || is_kana(c) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF);
}

bool is_alnum_cp(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  return u_isalnum(static_cast<UChar32>(c)) != 0;
}

}  // namespace replyc::policy
