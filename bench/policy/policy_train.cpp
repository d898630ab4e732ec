// policy_train: trains the policy engine's statistical second opinion
// (compiler/policy/classifier.hpp) on the labelled corpus and writes the model file.
//
//   policy_train --out FILE [--exclude DIR]... [--threshold P] [--l1 L] [PATH...]
//
// PATH is a .jsonl file or a folder read with all its subfolders (default: tests/policy/corpus).
// --exclude leaves out every file under DIR: a blind set that measures the model must not train
// it. The embedded packs' flag and keep examples are trained on too. One logistic regression per
// phrase rule, FTRL-Proximal with L1 strength L (default 1: about 300,000 non-zero weights) and a
// fixed shuffle seed, so the same corpus and packs always give the same file. P (default 0.7,
// chosen on an earlier blind batch, docs/policy.md) is the probability a verdict needs. The file
// is replaced atomically (codegen/atomic_file.hpp). Exits 2 when the corpus cannot be read or the
// file cannot be written.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "bench/policy/corpus.hpp"
#include "compiler/codegen/atomic_file.hpp"
#include "compiler/policy/classifier.hpp"

namespace fs = std::filesystem;
using namespace replyc::policy;

namespace {

// The phrase rules the model learns; detectors (addresses, links, emoji, ...) stay exact.
constexpr const char* kRules[] = {
    "review-positive-request",  "review-gating",         "review-diversion",
    "review-incentive",         "review-change-request", "feedback-removal-request",
    "review-request-duplicate", "off-platform-contact",  "off-platform-transaction",
    "marketing-promotion",      "cancellation-request",  "personal-data-request",
    "inappropriate-tone",
};
constexpr int kMinPositives = 30;
constexpr int kExampleCopies = 3;
constexpr int kEpochs = 10;
constexpr double kAlpha = 0.5;
constexpr double kBeta = 1.0;
constexpr double kL2 = 1e-4;

struct Example {
  std::vector<std::pair<std::uint32_t, float>> x;
  std::set<std::string> labels;
  std::string only;     // a flag example: trains this rule only
  std::string keep_of;  // a keep example of this rule
};

// Whether `e` trains the model of `rule` (of severity `severity`).
bool trains(const Example& e, const std::string& rule, replyc::Severity severity) {
  if (!e.only.empty()) {
    return e.only == rule;
  }
  if (!e.keep_of.empty()) {
    return e.keep_of == rule || severity == replyc::Severity::Error;
  }
  return true;
}

std::vector<fs::path> jsonl_under(const fs::path& path, const std::vector<fs::path>& excluded) {
  std::vector<fs::path> files;
  const auto skip = [&](const fs::path& file) {
    for (const auto& dir : excluded) {
      const auto rel = fs::relative(file, dir);
      if (!rel.empty() && rel.native().rfind("..", 0) != 0) {
        return true;
      }
    }
    return false;
  };
  if (fs::is_regular_file(path)) {
    files.push_back(path);
  } else {
    for (const auto& item : fs::recursive_directory_iterator(path)) {
      if (item.path().extension() == ".jsonl" && !skip(item.path())) {
        files.push_back(item.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Trained {
  double bias = 0;
  std::vector<float> weights;
};

// FTRL-Proximal (McMahan et al., 2013): per-coordinate learning rates like AdaGrad, and an L1
// term that leaves most of the million buckets at exactly zero, so the model file stays small.
Trained train(const std::vector<Example>& data, const std::string& rule, replyc::Severity severity,
              double l1) {
  Trained t;
  t.weights.assign(classifier::kBuckets, 0.0f);
  std::vector<float> z(classifier::kBuckets, 0.0f);
  std::vector<float> n(classifier::kBuckets, 0.0f);
  double bias_z = 0;
  double bias_n = 0;
  const auto weight = [l1](double zi, double ni) {
    if (std::fabs(zi) <= l1) {
      return 0.0;
    }
    return -(zi - std::copysign(l1, zi)) / ((kBeta + std::sqrt(ni)) / kAlpha + kL2);
  };
  std::vector<std::size_t> order(data.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  std::mt19937 random(20261128u);
  for (int epoch = 0; epoch < kEpochs; ++epoch) {
    // Our own Fisher-Yates on mt19937's draws, so every standard library shuffles alike.
    for (std::size_t i = order.size(); i > 1; --i) {
      std::swap(order[i - 1], order[random() % i]);
    }
    for (const std::size_t i : order) {
      const Example& e = data[i];
      if (!trains(e, rule, severity)) {
        continue;
      }
      const double bias = -bias_z / ((kBeta + std::sqrt(bias_n)) / kAlpha);
      double score = bias;
      for (const auto& [bucket, value] : e.x) {
        score += weight(z[bucket], n[bucket]) * value;
      }
      const double p = 1.0 / (1.0 + std::exp(-score));
      const double g = p - (e.labels.count(rule) != 0 ? 1.0 : 0.0);
      const double bias_sigma = (std::sqrt(bias_n + g * g) - std::sqrt(bias_n)) / kAlpha;
      bias_z += g - bias_sigma * bias;
      bias_n += g * g;
      for (const auto& [bucket, value] : e.x) {
        const double gi = g * value;
        const double ni = n[bucket];
        const double sigma = (std::sqrt(ni + gi * gi) - std::sqrt(ni)) / kAlpha;
        z[bucket] += static_cast<float>(gi - sigma * weight(z[bucket], ni));
        n[bucket] += static_cast<float>(gi * gi);
      }
    }
  }
  t.bias = -bias_z / ((kBeta + std::sqrt(bias_n)) / kAlpha);
  for (std::uint32_t b = 0; b < classifier::kBuckets; ++b) {
    t.weights[b] = static_cast<float>(weight(z[b], n[b]));
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path out;
  std::vector<fs::path> excluded;
  std::vector<fs::path> paths;
  double threshold = 0.7;
  double l1 = 1.0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
      out = argv[++i];
    } else if (std::strcmp(argv[i], "--exclude") == 0 && i + 1 < argc) {
      excluded.emplace_back(fs::weakly_canonical(argv[++i]));
    } else if (std::strcmp(argv[i], "--threshold") == 0 && i + 1 < argc) {
      threshold = std::atof(argv[++i]);
    } else if (std::strcmp(argv[i], "--l1") == 0 && i + 1 < argc) {
      l1 = std::atof(argv[++i]);
    } else {
      paths.emplace_back(argv[i]);
    }
  }
  if (out.empty() || !(threshold > 0.0 && threshold < 1.0)) {
    std::fprintf(stderr,
                 "usage: policy_train --out FILE [--exclude DIR]... [--threshold P] [--l1 L] "
                 "[PATH...]   (0 < P < 1)\n");
    return 2;
  }
  if (paths.empty()) {
    paths.emplace_back(REPLYC_POLICY_CORPUS_DIR);
  }

  std::vector<Example> data;
  std::size_t files = 0;
  try {
    for (const auto& path : paths) {
      const auto list = jsonl_under(fs::weakly_canonical(path), excluded);
      files += list.size();
      std::string error;
      auto entries = corpus::load_files(list, error);
      if (!error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 2;
      }
      for (auto& e : entries) {
        data.push_back({classifier::extract(e.text).vector, std::move(e.labels), {}, {}});
      }
    }
  } catch (const fs::filesystem_error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  const std::size_t corpus_texts = data.size();
  // The packs' examples, repeated: a keep example is a near miss the patterns were written to
  // spare, and the model must spare it too (the self-test runs every example with the model on).
  // A keep example is negative for its own rule and every error-level rule; a flag example is
  // positive for its own rule and says nothing about the others.
  auto loaded = Engine::load(nullptr);
  if (auto* errors = std::get_if<std::vector<LoadError>>(&loaded)) {
    std::fprintf(stderr, "the embedded packs do not load: %s\n",
                 errors->empty() ? "" : errors->front().message.c_str());
    return 2;
  }
  const Engine& engine = std::get<Engine>(loaded);
  std::size_t examples = 0;
  for (const RuleInfo& info : engine.rules()) {
    for (const RuleExample& ex : info.examples) {
      Example e{classifier::extract(ex.text).vector, {}, {}, {}};
      if (ex.flag) {
        e.labels.insert(info.id);
        e.only = info.id;
      } else {
        e.keep_of = info.id;
      }
      for (int copy = 0; copy < kExampleCopies; ++copy) {
        data.push_back(e);
      }
      ++examples;
    }
  }
  std::fprintf(stderr, "%zu texts from %zu files, %zu pack examples\n", corpus_texts, files,
               examples);

  std::string text = "replyc-policy-classifier 1\n";
  text += "# Written by policy_train from " + std::to_string(corpus_texts) +
          " labelled texts and " + std::to_string(examples) +
          " pack examples; do not edit by hand (docs/policy.md, \"Statistical second "
          "opinion\").\n";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "threshold %.3f\n", threshold);
  text += buffer;
  std::vector<Trained> models;
  for (const char* rule : kRules) {
    int positives = 0;
    for (std::size_t i = 0; i < corpus_texts; ++i) {
      positives += data[i].labels.count(rule) != 0 ? 1 : 0;
    }
    if (positives < kMinPositives) {
      std::fprintf(stderr, "%-26s %5d positives: too few, not trained\n", rule, positives);
      continue;
    }
    const RuleInfo* info = engine.find_rule(rule);
    models.push_back(
        train(data, rule, info != nullptr ? info->severity : replyc::Severity::Error, l1));
    std::snprintf(buffer, sizeof buffer, "rule %s %.4f\n", rule, models.back().bias);
    text += buffer;
    std::fprintf(stderr, "%-26s %5d positives\n", rule, positives);
  }
  std::size_t kept = 0;
  for (std::uint32_t bucket = 0; bucket < classifier::kBuckets; ++bucket) {
    std::string line;
    for (std::size_t r = 0; r < models.size(); ++r) {
      const float w = models[r].weights[bucket];
      if (w != 0.0f) {
        std::snprintf(buffer, sizeof buffer, " %zu:%.3g", r, static_cast<double>(w));
        line += buffer;
        ++kept;
      }
    }
    if (!line.empty()) {
      text += "w " + std::to_string(bucket) + line + "\n";
    }
  }
  if (const auto error = replyc::codegen::write_file_atomically(out, text)) {
    std::fprintf(stderr, "%s\n", error->c_str());
    return 2;
  }
  std::fprintf(stderr, "%zu weights kept, %zu bytes\n", kept, text.size());
  return 0;
}
