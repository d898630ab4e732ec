// policy_eval: precision and recall of the policy engine on the labelled corpus, per rule and per
// locale, and the clean-flag rate (share of clean replies with any warning or error).
//
//   policy_eval [corpus-dir] [--mistakes]
//
// A measuring program, not a test: it prints figures and exits 0 unless the corpus cannot be read.
#include <cstdio>
#include <cstring>
#include <string>

#include "bench/policy/corpus.hpp"

using namespace replyc::policy;

namespace {

void row(const char* name, const corpus::Counts& c) {
  std::printf("  %-28s %4d %4d %4d   %6.3f   %6.3f\n", name, c.tp, c.fp, c.fn, c.precision(),
              c.recall());
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = REPLYC_POLICY_CORPUS_DIR;
  bool show_mistakes = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--mistakes") == 0) {
      show_mistakes = true;
    } else {
      dir = argv[i];
    }
  }
  auto loaded = Engine::load(nullptr);
  if (auto* errors = std::get_if<std::vector<LoadError>>(&loaded)) {
    for (const auto& e : *errors) {
      std::fprintf(stderr, "%s: %s\n", e.where.c_str(), e.message.c_str());
    }
    return 2;
  }
  const Engine& engine = std::get<Engine>(loaded);
  std::string error;
  const auto entries = corpus::load(dir, error);
  if (!error.empty() || entries.empty()) {
    std::fprintf(stderr, "cannot load corpus from %s: %s\n", dir.c_str(), error.c_str());
    return 2;
  }
  const corpus::Result r = corpus::evaluate(engine, entries);

  std::printf("Policy engine evaluation on %s\n", dir.c_str());
  std::printf("texts %d (violating %d, clean %d)\n\n", r.texts, r.violating, r.clean);
  std::printf("  %-28s %4s %4s %4s   %6s   %6s\n", "rule", "tp", "fp", "fn", "prec", "recall");
  for (const auto& [rule, counts] : r.per_rule) {
    row(rule.c_str(), counts);
  }
  std::printf("\n  %-28s %4s %4s %4s   %6s   %6s\n", "locale", "tp", "fp", "fn", "prec", "recall");
  for (const auto& [locale, counts] : r.per_locale) {
    row(locale.c_str(), counts);
  }
  std::printf("\n");
  row("TOTAL (micro)", r.total);
  std::printf("\nclean-flag rate: %d of %d clean texts flagged = %.3f\n", r.clean_flagged, r.clean,
              r.clean_flag_rate());
  if (show_mistakes) {
    std::printf("\nmistakes:\n");
    for (const std::string& m : r.mistakes) {
      std::printf("  %s\n", m.c_str());
    }
  } else if (!r.mistakes.empty()) {
    std::printf("(%zu texts with a mistake; run with --mistakes to list them)\n",
                r.mistakes.size());
  }
  return 0;
}
