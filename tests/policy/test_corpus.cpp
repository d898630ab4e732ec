// The quality floor on our own labelled corpus (held-in data: the patterns were tuned on it).
// The full report, per rule and per locale, is printed by the policy_eval program.
#include "bench/policy/corpus.hpp"
#include "tests/policy/helpers.hpp"

using namespace policy_test;
namespace corpus = replyc::policy::corpus;

TEST_CASE("corpus: precision and recall floor", "[policy][corpus]") {
  std::string error;
  const auto entries = corpus::load(REPLYC_POLICY_CORPUS_DIR, error);
  INFO(error);
  REQUIRE(error.empty());
  int per_locale_min = 1 << 30;
  for (const char* locale : {"en", "de", "fr", "ja", "es", "it"}) {
    int count = 0;
    for (const auto& e : entries) {
      count += e.locale == locale ? 1 : 0;
    }
    per_locale_min = std::min(per_locale_min, count);
  }
  CHECK(per_locale_min >= 60);

  const corpus::Result r = corpus::evaluate(engine(), entries);
  for (const std::string& m : r.mistakes) {
    UNSCOPED_INFO(m);
  }
  INFO("precision " << r.total.precision() << ", recall " << r.total.recall()
                    << ", clean-flag rate " << r.clean_flag_rate());
  CHECK(r.total.precision() >= 0.97);
  CHECK(r.total.recall() >= 0.95);
  CHECK(r.clean_flag_rate() <= 0.05);
  // About a third of the replies violate a rule.
  CHECK(r.violating * 4 >= r.texts);
  CHECK(r.violating * 2 <= r.texts);
}

TEST_CASE("corpus: the former held-out batches stay fixed", "[policy][corpus]") {
  // Three batches written fresh and measured once before any tuning on them (the first-run
  // figures are in docs/policy.md); since then they are regression data like the main corpus.
  std::string error;
  const auto entries = corpus::load(std::string(REPLYC_POLICY_CORPUS_DIR) + "/holdout", error);
  INFO(error);
  REQUIRE(error.empty());
  REQUIRE(entries.size() >= 150);
  const corpus::Result r = corpus::evaluate(engine(), entries);
  for (const std::string& m : r.mistakes) {
    UNSCOPED_INFO(m);
  }
  CHECK(r.total.precision() >= 0.97);
  CHECK(r.total.recall() >= 0.95);
}

TEST_CASE("corpus: the fresh batches 4 and 5 and the probes stay fixed", "[policy][corpus]") {
  // Batches 4 and 5 were measured once before any change for them, the probes (dev/) were written
  // while fixing batch 4 (first-run figures in docs/policy.md); regression data since. Many of
  // their clean replies are near misses, so the clean-flag rate is held to the 2 % target.
  for (const char* batch : {"/holdout/batch4", "/holdout/batch5", "/holdout/dev"}) {
    std::string error;
    const auto entries = corpus::load(std::string(REPLYC_POLICY_CORPUS_DIR) + batch, error);
    INFO(batch << ": " << error);
    REQUIRE(error.empty());
    REQUIRE(entries.size() >= 60);
    const corpus::Result r = corpus::evaluate(engine(), entries);
    for (const std::string& m : r.mistakes) {
      UNSCOPED_INFO(m);
    }
    CHECK(r.total.precision() >= 0.97);
    CHECK(r.total.recall() >= 0.95);
    CHECK(r.clean_flag_rate() <= 0.02);
  }
}

TEST_CASE("corpus: the fresh batches 6 and 7 stay fixed", "[policy][corpus]") {
  // Round 2: batch 6 (108 replies) was written before the packs were read and measured once,
  // batch 7 (48) after the batch-6 fixes and measured once before any change for it (first-run
  // figures in docs/policy.md). Regression data since, with the same floors as batches 4 and 5.
  for (const auto& [batch, min_size] : {std::pair{"/holdout/batch6", std::size_t{100}},
                                        std::pair{"/holdout/batch7", std::size_t{40}}}) {
    std::string error;
    const auto entries = corpus::load(std::string(REPLYC_POLICY_CORPUS_DIR) + batch, error);
    INFO(batch << ": " << error);
    REQUIRE(error.empty());
    REQUIRE(entries.size() >= min_size);
    const corpus::Result r = corpus::evaluate(engine(), entries);
    for (const std::string& m : r.mistakes) {
      UNSCOPED_INFO(m);
    }
    CHECK(r.total.precision() >= 0.97);
    CHECK(r.total.recall() >= 0.95);
    CHECK(r.clean_flag_rate() <= 0.02);
  }
}

TEST_CASE("corpus: the fresh batch 8 stays fixed", "[policy][corpus]") {
  // Round 3: batch 8 (72 replies) was written before any engine or pack change of the round and
  // measured once (first-run figures in docs/policy.md); regression data since, same floors.
  std::string error;
  const auto entries =
      corpus::load(std::string(REPLYC_POLICY_CORPUS_DIR) + "/holdout/batch8", error);
  INFO(error);
  REQUIRE(error.empty());
  REQUIRE(entries.size() >= 70);
  const corpus::Result r = corpus::evaluate(engine(), entries);
  for (const std::string& m : r.mistakes) {
    UNSCOPED_INFO(m);
  }
  CHECK(r.total.precision() >= 0.97);
  CHECK(r.total.recall() >= 0.95);
  CHECK(r.clean_flag_rate() <= 0.02);
}
