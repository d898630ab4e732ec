// The pack authors' tools of bench/policy that are more than a measurement.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "bench/policy/accent_collisions.hpp"
#include "bench/policy/pattern_coverage.hpp"

using replyc::policy::PackSource;

namespace {

// What `print` writes to a temporary file.
template <typename Print>
std::string printed_by(Print print) {
  std::FILE* out = std::tmpfile();
  REQUIRE(out != nullptr);
  print(out);
  std::string text(4096, '\0');
  std::rewind(out);
  text.resize(std::fread(text.data(), 1, text.size(), out));
  std::fclose(out);
  return text;
}

}  // namespace

TEST_CASE("policy_eval --accents lists the words a pack spells with and without accents",
          "[policy][tools]") {
  // "ware" is plain once and accent-exact once, "wäre" plain: listed. "schon"/"schön" come from
  // a guard and a lexicon entry: listed. "hatten"/"hätten" are accent-exact only, the example
  // text and the lexicon reference are no phrases: not listed.
  const std::string pack = R"({
    "rules": [{"id": "review-gating", "patterns": ["=ware & wäre", "ware", "=hatten", "=hätten"],
               "guards": ["!schon"], "flag": ["hätten wir schön"], "keep": ["hatten"]}],
    "lexicon": {"NICE": ["schön", "@WARE_LIST"]}
  })";
  int count = 0;
  const std::string printed = printed_by([&](std::FILE* out) {
    count = replyc::policy::print_accent_collisions({PackSource{"de/policy.json", pack}}, out);
  });
  CHECK(count == 2);
  CHECK(printed ==
        "de: schon (plain 1) ~ sch\xC3\xB6n (plain 1)\n"
        "de: ware (plain 1, exact 1) ~ w\xC3\xA4re (plain 1)\n");
}

TEST_CASE("policy_eval --coverage lists the phrase patterns that fire on no text",
          "[policy][tools]") {
  // "d.achat" is read literally (the pattern language has no '.' wildcard), so the second
  // pattern can never fire on ordinary text; the third is live but no text here uses it.
  const std::string common = R"({
    "catalogue": [{"id": "review-incentive", "severity": "error",
                   "summary": {"en": "Incentive.", "zh": "激励。"},
                   "message": {"en": "No incentives.", "zh": "不要激励。"}}],
    "lexicon": {}, "detectors": {}, "rules": []
  })";
  const std::string pack = R"({"locale": "xx", "language": {"script": "latin", "stopwords": []},
    "rules": [{"id": "review-incentive",
               "patterns": ["voucher ..3 review", "bon d.achat ..3 avis", "gift ..3 rating"],
               "flag": ["A voucher for your review."]}]})";
  auto loaded = replyc::policy::Engine::load_packs(
      {PackSource{"common/policy.json", common}, PackSource{"xx/policy.json", pack}}, nullptr);
  REQUIRE(std::holds_alternative<replyc::policy::Engine>(loaded));
  const auto& engine = std::get<replyc::policy::Engine>(loaded);
  std::vector<replyc::policy::corpus::Entry> entries(1);
  entries[0].locale = "xx";
  entries[0].text = "Un bon d'achat contre un avis ? Non.";
  int never = 0;
  const std::string printed = printed_by([&](std::FILE* out) {
    never = replyc::policy::print_pattern_coverage(engine, entries, out);
  });
  CHECK(never == 2);
  CHECK(
      printed.starts_with("never fired: locales/xx/policy.json: rules[0].patterns[1]\n"
                          "never fired: locales/xx/policy.json: rules[0].patterns[2]\n"));
  CHECK(printed.find("2 texts read") != std::string::npos);
  CHECK(printed.find("3 patterns,    2 never fired") != std::string::npos);
}
