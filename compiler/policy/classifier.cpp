#include "compiler/policy/classifier.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace replyc::policy::classifier {
namespace {

// Bounds every bias and weight, so that no sum of them overflows (trained ones stay below 10).
constexpr float kMaxWeight = 1000.0f;

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Sentence punctuation and line breaks end a segment; a run of them belongs to the segment
// it closes. A full stop with a letter or digit right after it is inside a word
// ("www.brand.com", "3.5", "r.e.v.i.e.w"). Returns the length of the terminator at `i`, or 0.
std::size_t terminator_at(std::string_view text, std::size_t i) {
  const char c = text[i];
  if (c == '.' && i + 1 < text.size() && is_ascii_alnum(text[i + 1])) {
    return 0;
  }
  if (c == '.' || c == '!' || c == '?' || c == '\n') {
    return 1;
  }
  if (text.compare(i, 3, "\u3002") == 0 || text.compare(i, 3, "\uFF01") == 0 ||
      text.compare(i, 3, "\uFF1F") == 0) {
    return 3;
  }
  return 0;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::vector<ByteRange> split_segments(std::string_view text) {
  std::vector<ByteRange> out;
  std::size_t begin = 0;
  const auto close = [&](std::size_t end) {
    std::size_t b = begin;
    std::size_t e = end;
    while (b < e && is_space(text[b])) {
      ++b;
    }
    while (e > b && is_space(text[e - 1])) {
      --e;
    }
    if (b < e) {
      out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
    }
    begin = end;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t n = terminator_at(text, i);
    if (n == 0) {
      ++i;
      continue;
    }
    while (n != 0) {
      i += n;
      n = i < text.size() ? terminator_at(text, i) : 0;
    }
    close(i);
  }
  close(text.size());
  return out;
}

bool is_word_char(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_isdigit(c) ||
         (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

// FNV-1a over a block tag and the UTF-8 bytes of a feature, fed code point by code point so that
// no feature string is ever built.
class Fnv {
 public:
  explicit Fnv(char block) { byte(static_cast<unsigned char>(block)); }
  void code_point(UChar32 c) {
    if (c < 0x80) {
      byte(static_cast<unsigned char>(c));
    } else if (c < 0x800) {
      byte(static_cast<unsigned char>(0xC0 | (c >> 6)));
      byte(static_cast<unsigned char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      byte(static_cast<unsigned char>(0xE0 | (c >> 12)));
      byte(static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F)));
      byte(static_cast<unsigned char>(0x80 | (c & 0x3F)));
    } else {
      byte(static_cast<unsigned char>(0xF0 | (c >> 18)));
      byte(static_cast<unsigned char>(0x80 | ((c >> 12) & 0x3F)));
      byte(static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F)));
      byte(static_cast<unsigned char>(0x80 | (c & 0x3F)));
    }
  }
  void code_points(const UChar32* first, std::size_t count) {
    for (std::size_t k = 0; k < count; ++k) {
      code_point(first[k]);
    }
  }
  std::uint32_t bucket() const { return h_ % kBuckets; }

 private:
  void byte(unsigned char b) {
    h_ ^= b;
    h_ *= 16777619u;
  }
  std::uint32_t h_ = 2166136261u;
};

// The words of a segment after NFKC case folding, each as its code points.
std::vector<std::vector<UChar32>> words_of(std::string_view segment) {
  static const icu::Normalizer2* const nfkc_cf = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(segment.data(), static_cast<int32_t>(segment.size())));
  if (nfkc_cf != nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded = nfkc_cf->normalize(text, status);
    if (U_SUCCESS(status)) {
      text = std::move(folded);
    }
  }
  std::vector<std::vector<UChar32>> words;
  std::vector<UChar32> word;
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (is_word_char(c)) {
      word.push_back(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) {
    words.push_back(std::move(word));
  }
  return words;
}

// The L2 norm's inverse of the count vector of `buckets` (sorted in place).
float inverse_norm(std::vector<std::uint32_t>& buckets) {
  std::sort(buckets.begin(), buckets.end());
  double sum = 0;
  for (std::size_t i = 0; i < buckets.size();) {
    std::size_t j = i;
    while (j < buckets.size() && buckets[j] == buckets[i]) {
      ++j;
    }
    const auto count = static_cast<double>(j - i);
    sum += count * count;
    i = j;
  }
  return sum > 0 ? static_cast<float>(1.0 / std::sqrt(sum)) : 0.0f;
}

}  // namespace

Features extract(std::string_view text) {
  Features f;
  f.segments = split_segments(text);
  // Raw occurrences first: (segment, bucket, block) each.
  struct Raw {
    std::uint32_t segment;
    std::uint32_t bucket;
    bool chars;
  };
  std::vector<Raw> raw;
  std::vector<UChar32> padded;
  for (std::uint32_t s = 0; s < f.segments.size(); ++s) {
    const ByteRange r = f.segments[s];
    const auto words = words_of(text.substr(r.begin, r.size()));
    for (std::size_t w = 0; w < words.size(); ++w) {
      const auto& word = words[w];
      Fnv unigram('w');
      unigram.code_points(word.data(), word.size());
      raw.push_back({s, unigram.bucket(), false});
      if (w > 0) {
        Fnv pair('b');
        pair.code_points(words[w - 1].data(), words[w - 1].size());
        pair.code_point(' ');
        pair.code_points(word.data(), word.size());
        raw.push_back({s, pair.bucket(), false});
      }
      padded.assign(1, ' ');
      padded.insert(padded.end(), word.begin(), word.end());
      padded.push_back(' ');
      for (std::size_t n = 2; n <= 4; ++n) {
        for (std::size_t k = 0; k + n <= padded.size(); ++k) {
          Fnv gram('c');
          gram.code_points(padded.data() + k, n);
          raw.push_back({s, gram.bucket(), true});
        }
      }
    }
  }
  // Per-block L2 norms of the count vectors.
  std::vector<std::uint32_t> word_buckets;
  std::vector<std::uint32_t> char_buckets;
  for (const Raw& x : raw) {
    (x.chars ? char_buckets : word_buckets).push_back(x.bucket);
  }
  const float word_scale = inverse_norm(word_buckets);
  const float char_scale = inverse_norm(char_buckets);
  f.occurrences.reserve(raw.size());
  std::vector<std::pair<std::uint32_t, float>> values;
  values.reserve(raw.size());
  for (const Raw& x : raw) {
    const float value = x.chars ? char_scale : word_scale;
    f.occurrences.push_back({x.segment, x.bucket, value});
    values.emplace_back(x.bucket, value);
  }
  // Sum the values of each bucket (in a fixed order, so the trainer and the engine agree).
  std::sort(values.begin(), values.end());
  for (const auto& [bucket, value] : values) {
    if (!f.vector.empty() && f.vector.back().first == bucket) {
      f.vector.back().second += value;
    } else {
      f.vector.emplace_back(bucket, value);
    }
  }
  return f;
}

std::variant<Model, std::string> Model::parse(std::string_view text) {
  Model m;
  int line_number = 0;
  std::size_t pos = 0;
  const auto fail = [&](std::string_view what) {
    return std::variant<Model, std::string>(
        std::in_place_index<1>, "line " + std::to_string(line_number) + ": " + std::string(what));
  };
  bool header = false;
  bool threshold_seen = false;
  std::vector<std::pair<std::uint32_t, Weight>> entries;
  while (pos < text.size()) {
    const std::size_t eol = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_number;
    if (line.empty() || line[0] == '#') {
      continue;
    }
    // Whitespace-separated fields.
    std::vector<std::string_view> fields;
    for (std::size_t i = 0; i < line.size();) {
      while (i < line.size() && line[i] == ' ') {
        ++i;
      }
      const std::size_t j = std::min(line.find(' ', i), line.size());
      if (j > i) {
        fields.push_back(line.substr(i, j - i));
      }
      i = j;
    }
    const auto number = [](std::string_view s, auto& out) {
      const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
      return ec == std::errc() && end == s.data() + s.size();
    };
    if (fields.empty()) {
      continue;  // a line of spaces
    }
    if (!header) {
      if (fields.size() != 2 || fields[0] != "replyc-policy-classifier" || fields[1] != "1") {
        return fail("expected the header \"replyc-policy-classifier 1\"");
      }
      header = true;
    } else if (fields[0] == "threshold") {
      if (fields.size() != 2 || !number(fields[1], m.threshold_) || !(m.threshold_ > 0.0) ||
          !(m.threshold_ < 1.0)) {
        return fail("expected \"threshold P\" with 0 < P < 1");
      }
      threshold_seen = true;
    } else if (fields[0] == "rule") {
      float bias = 0;
      if (fields.size() != 3 || !number(fields[2], bias) || !(std::fabs(bias) <= kMaxWeight)) {
        return fail("expected \"rule ID BIAS\" with |BIAS| <= 1000");
      }
      m.rules_.emplace_back(fields[1]);
      m.bias_.push_back(bias);
    } else if (fields[0] == "w") {
      // w BUCKET RULE:WEIGHT...
      std::uint32_t bucket = 0;
      if (fields.size() < 3 || !number(fields[1], bucket) || bucket >= kBuckets) {
        return fail("expected \"w BUCKET RULE:WEIGHT ...\" with BUCKET below 2^20");
      }
      for (std::size_t k = 2; k < fields.size(); ++k) {
        const std::size_t colon = fields[k].find(':');
        Weight w{};
        if (colon == std::string_view::npos || !number(fields[k].substr(0, colon), w.rule) ||
            w.rule >= m.rules_.size() || !number(fields[k].substr(colon + 1), w.value) ||
            !(std::fabs(w.value) <= kMaxWeight)) {
          return fail(
              "expected RULE:WEIGHT with RULE the index of a rule line above and |WEIGHT| <= 1000");
        }
        entries.push_back({bucket, w});
      }
    } else {
      return fail("unknown line \"" + std::string(fields[0]) + "\"");
    }
  }
  if (!header || !threshold_seen || m.rules_.empty()) {
    return fail("a model needs the header, a threshold and at least one rule");
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  m.weights_.reserve(entries.size());
  m.first_.assign(kBuckets + 1, 0);
  for (const auto& [bucket, weight] : entries) {
    m.weights_.push_back(weight);
    ++m.first_[bucket + 1];
  }
  for (std::uint32_t b = 0; b < kBuckets; ++b) {
    m.first_[b + 1] += m.first_[b];
  }
  return m;
}

std::vector<double> Model::probabilities(const Features& features) const {
  std::vector<double> z(bias_.begin(), bias_.end());
  for (const auto& [bucket, value] : features.vector) {
    for (std::uint32_t k = first_[bucket]; k < first_[bucket + 1]; ++k) {
      z[weights_[k].rule] += static_cast<double>(weights_[k].value) * value;
    }
  }
  for (double& v : z) {
    v = 1.0 / (1.0 + std::exp(-v));
  }
  return z;
}

std::vector<Verdict> Model::classify(std::string_view text) const {
  if (text.size() > kMaxClassifiedBytes) {
    return {};
  }
  const Features features = extract(text);
  const std::vector<double> p = probabilities(features);
  std::vector<Verdict> out;
  for (std::uint32_t r = 0; r < rules_.size(); ++r) {
    if (!(p[r] >= threshold_)) {  // NaN never reaches the threshold
      continue;
    }
    // The segment whose features add most to this rule's score.
    std::vector<double> share(features.segments.size(), 0.0);
    for (const Features::Occurrence& o : features.occurrences) {
      for (std::uint32_t k = first_[o.bucket]; k < first_[o.bucket + 1]; ++k) {
        if (weights_[k].rule == r) {
          share[o.segment] += static_cast<double>(weights_[k].value) * o.value;
        }
      }
    }
    const auto best = std::max_element(share.begin(), share.end());
    if (best == share.end()) {
      continue;
    }
    const auto segment = static_cast<std::size_t>(best - share.begin());
    out.push_back({rules_[r], p[r], features.segments[segment]});
  }
  return out;
}

}  // namespace replyc::policy::classifier
