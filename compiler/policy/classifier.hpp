#pragma once
// The statistical second opinion: one logistic-regression model per phrase rule, over hashed
// word and character n-grams of the NFKC-casefolded text, trained on the labelled corpus by
// bench/policy/policy_train (locales/classifier/weights.txt). The engine reports a rule the
// model is confident of only where no phrase pattern found that rule (docs/policy.md).
//
// Features of one message: per segment (text between sentence punctuation or line breaks),
// every word (a run of letters, digits and marks), every pair of neighbouring words, and every
// character 2-, 3- and 4-gram of each word padded with a space on both sides. Counts are
// L2-normalised per block (words and pairs; character grams), as the trainer does.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "compiler/base/range.hpp"

namespace replyc::policy::classifier {

inline constexpr std::uint32_t kBuckets = 1u << 20;
// Longer texts are left to the patterns: a message is at most 2,000 characters (the SP-API
// limit), and the features of one text take about a hundred bytes per byte read.
inline constexpr std::size_t kMaxClassifiedBytes = 64 * 1024;

// One message's features: the sparse vector the model scores, and for each segment the
// features it contributed, so that a verdict can point at the sentence that weighed most.
struct Features {
  std::vector<std::pair<std::uint32_t, float>> vector;  // (bucket, value), sorted by bucket
  std::vector<ByteRange> segments;                      // source bytes, whitespace trimmed
  // (segment, bucket, value of one occurrence); a segment's share of a rule's score is the sum
  // of weight * value over its occurrences.
  struct Occurrence {
    std::uint32_t segment;
    std::uint32_t bucket;
    float value;
  };
  std::vector<Occurrence> occurrences;
};

Features extract(std::string_view text);

struct Verdict {
  std::string rule;
  double probability = 0;
  ByteRange range;  // the segment that added most to the rule's score
};

class Model {
 public:
  // Parses the text format that policy_train writes; on error returns "line N: what".
  static std::variant<Model, std::string> parse(std::string_view text);

  // Every rule whose probability reaches the model's threshold, in the model's rule order; none
  // for a text over kMaxClassifiedBytes.
  std::vector<Verdict> classify(std::string_view text) const;
  // The probability of each rule (model order) for already extracted features.
  std::vector<double> probabilities(const Features& features) const;

  const std::vector<std::string>& rules() const { return rules_; }
  double threshold() const { return threshold_; }

 private:
  struct Weight {
    std::uint32_t rule;
    float value;
  };
  std::vector<std::string> rules_;
  std::vector<float> bias_;
  double threshold_ = 1.0;
  // The weights of bucket b are weights_[first_[b]] up to weights_[first_[b + 1]].
  std::vector<std::uint32_t> first_;
  std::vector<Weight> weights_;
};

}  // namespace replyc::policy::classifier
