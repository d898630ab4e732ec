// The pack authors' tools of bench/policy that are more than a measurement.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "bench/policy/accent_collisions.hpp"

using replyc::policy::PackSource;

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
  std::FILE* out = std::tmpfile();
  REQUIRE(out != nullptr);
  const int count =
      replyc::policy::print_accent_collisions({PackSource{"de/policy.json", pack}}, out);
  std::string printed(256, '\0');
  std::rewind(out);
  printed.resize(std::fread(printed.data(), 1, printed.size(), out));
  std::fclose(out);
  CHECK(count == 2);
  CHECK(printed ==
        "de: schon (plain 1) ~ sch\xC3\xB6n (plain 1)\n"
        "de: ware (plain 1, exact 1) ~ w\xC3\xA4re (plain 1)\n");
}
