// The multi-pattern automaton finds exactly what one search per key finds: every occurrence of
// every key, overlapping and nested ones included, with each key's own ids in the order added.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "compiler/policy/automaton.hpp"

using replyc::policy::Automaton;

namespace {

using Hit = std::pair<std::uint32_t, std::uint32_t>;  // (id, end)

std::vector<Hit> automaton_hits(const Automaton& a, const std::string& text) {
  std::vector<Hit> hits;
  a.scan(text, [&](std::uint32_t id, std::uint32_t end) { hits.emplace_back(id, end); });
  return hits;
}

// One search per key: the reference the automaton must agree with.
std::vector<Hit> naive_hits(const std::vector<std::string>& keys, const std::string& text) {
  std::vector<Hit> hits;
  for (std::uint32_t id = 0; id < keys.size(); ++id) {
    for (auto at = text.find(keys[id]); at != std::string::npos; at = text.find(keys[id], at + 1)) {
      hits.emplace_back(id, static_cast<std::uint32_t>(at + keys[id].size()));
    }
  }
  return hits;
}

std::vector<Hit> sorted(std::vector<Hit> hits) {
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return std::tie(a.second, a.first) < std::tie(b.second, b.first);
  });
  return hits;
}

}  // namespace

TEST_CASE("automaton: nested and overlapping keys are all found", "[automaton]") {
  const std::vector<std::string> keys = {"he", "she", "his", "hers", "e", "review", "view"};
  Automaton a;
  for (std::uint32_t id = 0; id < keys.size(); ++id) {
    a.add(keys[id], id);
  }
  a.build();
  for (const std::string text : {"ushers", "she reviews his review", "", "xyz", "hehehe"}) {
    CAPTURE(text);
    CHECK(sorted(automaton_hits(a, text)) == sorted(naive_hits(keys, text)));
  }
}

TEST_CASE("automaton: a key added twice reports both ids, in the order added", "[automaton]") {
  Automaton a;
  a.add("star", 7);
  a.add("st", 1);
  a.add("star", 3);
  a.build();
  CHECK(automaton_hits(a, "a star") == std::vector<Hit>{{1, 4}, {7, 6}, {3, 6}});
}

TEST_CASE("automaton: random keys over a small alphabet agree with one search per key",
          "[automaton]") {
  std::mt19937 rng(20261128);
  // A small alphabet (with a high byte, as UTF-8 has) makes shared prefixes, suffixes and
  // failure chains common.
  const std::string alphabet = "abc \xc3";
  auto random_string = [&](std::size_t min, std::size_t max) {
    std::string s(std::uniform_int_distribution<std::size_t>(min, max)(rng), ' ');
    for (char& c : s) {
      c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
    }
    return s;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> keys(std::uniform_int_distribution<std::size_t>(1, 40)(rng));
    for (std::string& k : keys) {
      k = random_string(1, 6);
    }
    Automaton a;
    for (std::uint32_t id = 0; id < keys.size(); ++id) {
      a.add(keys[id], id);
    }
    a.build();
    const std::string text = random_string(0, 200);
    CAPTURE(round, text);
    REQUIRE(sorted(automaton_hits(a, text)) == sorted(naive_hits(keys, text)));
  }
}
