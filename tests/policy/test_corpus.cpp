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

TEST_CASE("corpus: the fresh batches and the probes stay fixed", "[policy][corpus]") {
  // Each batch was measured once before any change for it (first-run figures in docs/policy.md;
  // the probes in dev/, dev5/ to dev19/ and devnsp/ to devnsp6/ were written while fixing
  // batches 4 and 9 to 23 and the blind nl/sv/pl batches 1 to 6);
  // regression data since. Many of their clean replies are near misses, so the clean-flag rate
  // is held to the 2 % target.
  const std::pair<const char*, std::size_t> batches[] = {
      {"/holdout/batch4", 100},   {"/holdout/batch5", 60},    {"/holdout/dev", 60},
      {"/holdout/batch6", 100},   {"/holdout/batch7", 40},    {"/holdout/batch8", 60},
      {"/holdout/batch9", 200},   {"/holdout/dev5", 3000},    {"/holdout/dev6", 2000},
      {"/holdout/batch10", 200},  {"/holdout/clean11", 200},  {"/holdout/dev7", 1000},
      {"/holdout/batch11", 200},  {"/holdout/batch12", 200},  {"/holdout/dev8", 2000},
      {"/holdout/batchnsp", 90},  {"/holdout/devnsp", 180},   {"/holdout/batch13", 200},
      {"/holdout/clean13", 240},  {"/holdout/dev9", 2000},    {"/holdout/batch14", 200},
      {"/holdout/clean14", 240},  {"/holdout/dev10", 1000},   {"/holdout/batch15", 180},
      {"/holdout/dev11", 600},    {"/holdout/batch16", 216},  {"/holdout/clean16", 180},
      {"/holdout/dev12", 1000},   {"/holdout/batch17", 216},  {"/holdout/clean17", 180},
      {"/holdout/dev13", 900},    {"/holdout/batch18", 216},  {"/holdout/clean18", 180},
      {"/holdout/batchnsp2", 90}, {"/holdout/dev14", 2000},   {"/holdout/devnsp2", 180},
      {"/holdout/batch19", 216},  {"/holdout/clean19", 240},  {"/holdout/batchnsp3", 90},
      {"/holdout/dev15", 2000},   {"/holdout/devnsp3", 180},  {"/holdout/batch20", 216},
      {"/holdout/clean20", 240},  {"/holdout/dev16", 1000},   {"/holdout/batch21", 216},
      {"/holdout/clean21", 240},  {"/holdout/batchnsp4", 90}, {"/holdout/dev17", 3000},
      {"/holdout/devnsp4", 120},  {"/holdout/batch22", 216},  {"/holdout/clean22", 240},
      {"/holdout/batchnsp5", 90}, {"/holdout/dev18", 1600},   {"/holdout/devnsp5", 150},
      {"/holdout/batch23", 216},  {"/holdout/clean23", 240},  {"/holdout/batchnsp6", 90},
      {"/holdout/dev19", 3300},   {"/holdout/devnsp6", 180}};
  for (const auto& [batch, min_size] : batches) {
    std::string error;
    const auto entries = corpus::load(std::string(REPLYC_POLICY_CORPUS_DIR) + batch, error);
    INFO(batch << ": " << error);
    REQUIRE(error.empty());
    REQUIRE(entries.size() >= min_size);
    const corpus::Result r = corpus::evaluate(engine(), entries);
    for (const std::string& m : r.mistakes) {
      UNSCOPED_INFO(m);
    }
    // A set of clean replies only has no precision to speak of (one finding makes it 0); its
    // measure is the clean-flag rate.
    if (r.violating > 0) {
      CHECK(r.total.precision() >= 0.97);
    }
    CHECK(r.total.recall() >= 0.95);
    CHECK(r.clean_flag_rate() <= 0.02);
  }
}

TEST_CASE("corpus: the latest blind batches stay at or above their recorded figures",
          "[policy][corpus]") {
  // Each round, people who never saw the packs, the model or the corpus write a blind batch (216
  // replies in six languages), a clean set (180) and an nl/sv/pl batch (90); they are measured
  // once (docs/policy.md, "Measured figures"), then the packs are fixed on their mistakes, so the
  // floors are the fixed figures. Batch 42, clean42 and nl/sv/pl batch 25 (round 36; first run
  // 0.956 / 0.980, 2.6 % and 0.6 % of clean replies flagged, nl/sv/pl 0.972 / 0.945) measure the
  // model, which is not trained on them; the older sets train it, and their floors catch a
  // regression below the figures of the shipped engine.
  struct Floor {
    const char* batch;
    std::size_t size;
    double precision, recall, clean_flagged;
  };
  for (const Floor& floor : {Floor{"/holdout/batch42", 216, 0.97, 0.98, 0.0},
                             Floor{"/holdout/clean42", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp25", 90, 0.97, 0.94, 0.03},
                             Floor{"/holdout/batch41", 216, 0.98, 0.98, 0.0},
                             Floor{"/holdout/clean41", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp24", 90, 0.97, 0.97, 0.0},
                             Floor{"/holdout/batch40", 216, 0.99, 0.99, 0.0},
                             Floor{"/holdout/clean40", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp23", 90, 0.98, 0.97, 0.0},
                             Floor{"/holdout/batch39", 216, 0.99, 0.99, 0.0},
                             Floor{"/holdout/clean39", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp22", 90, 0.98, 0.97, 0.0},
                             Floor{"/holdout/batch38", 216, 0.99, 0.97, 0.0},
                             Floor{"/holdout/clean38", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp21", 90, 0.99, 0.98, 0.0},
                             Floor{"/holdout/batch37", 216, 0.99, 0.99, 0.0},
                             Floor{"/holdout/clean37", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp20", 90, 0.98, 0.96, 0.0},
                             Floor{"/holdout/batch36", 216, 0.99, 0.98, 0.0},
                             Floor{"/holdout/clean36", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp19", 90, 0.99, 0.99, 0.0},
                             Floor{"/holdout/batch35", 216, 0.99, 0.99, 0.0},
                             Floor{"/holdout/clean35", 180, 0.0, 0.0, 0.006},
                             Floor{"/holdout/batchnsp18", 90, 0.99, 0.97, 0.0},
                             Floor{"/holdout/batch34", 216, 0.98, 0.99, 0.013},
                             Floor{"/holdout/clean34", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp17", 90, 0.98, 0.99, 0.056},
                             Floor{"/holdout/batch33", 216, 0.97, 0.98, 0.026},
                             Floor{"/holdout/clean33", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp16", 90, 0.99, 0.99, 0.028},
                             Floor{"/holdout/batch32", 216, 0.98, 0.97, 0.0},
                             Floor{"/holdout/clean32", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp15", 90, 0.98, 0.99, 0.0},
                             Floor{"/holdout/batch31", 216, 0.99, 0.97, 0.0},
                             Floor{"/holdout/clean31", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp14", 90, 0.98, 0.98, 0.0},
                             Floor{"/holdout/batch30", 216, 0.99, 0.99, 0.0},
                             Floor{"/holdout/clean30", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp13", 90, 0.99, 0.99, 0.0},
                             Floor{"/holdout/batch29", 216, 0.98, 0.97, 0.0},
                             Floor{"/holdout/clean29", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp12", 90, 0.98, 0.97, 0.0},
                             Floor{"/holdout/batch28", 216, 0.99, 0.99, 0.0},
                             Floor{"/holdout/clean28", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp11", 90, 0.99, 0.99, 0.0},
                             Floor{"/holdout/batch27", 216, 0.99, 0.99, 0.0},
                             Floor{"/holdout/clean27", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp10", 90, 0.99, 0.97, 0.0},
                             Floor{"/holdout/batch26", 216, 0.99, 0.99, 0.0},
                             Floor{"/holdout/clean26", 180, 0.0, 0.0, 0.0},
                             Floor{"/holdout/batchnsp9", 90, 0.99, 0.99, 0.0},
                             Floor{"/holdout/batch25", 216, 0.98, 0.98, 0.013},
                             Floor{"/holdout/clean25", 180, 0.0, 0.0, 0.006},
                             Floor{"/holdout/batchnsp8", 90, 0.95, 0.93, 0.0},
                             Floor{"/holdout/batch24", 216, 0.96, 0.93, 0.016},
                             Floor{"/holdout/clean24", 240, 0.0, 0.0, 0.009},
                             Floor{"/holdout/batchnsp7", 90, 0.98, 0.93, 0.02}}) {
    std::string error;
    const auto entries = corpus::load(std::string(REPLYC_POLICY_CORPUS_DIR) + floor.batch, error);
    INFO(floor.batch << ": " << error);
    REQUIRE(error.empty());
    REQUIRE(entries.size() >= floor.size);
    const corpus::Result r = corpus::evaluate(engine(), entries);
    for (const std::string& m : r.mistakes) {
      UNSCOPED_INFO(m);
    }
    CHECK(r.total.precision() >= floor.precision);
    CHECK(r.total.recall() >= floor.recall);
    CHECK(r.clean_flag_rate() <= floor.clean_flagged);
  }
}
