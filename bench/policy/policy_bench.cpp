// policy_bench: throughput of Engine::scan() on the corpus replies, and the phrase-matching stage
// (one Aho-Corasick pass) against a naive baseline that searches the text once per term, in the
// same run on the same texts; scan() with and without the statistical model, and the model alone.
// Also scans growing concatenations to show linear time.
//
//   policy_bench [corpus-dir] [seconds-per-measurement]
//
// Prints figures; it is not a pass/fail test.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "bench/policy/corpus.hpp"
#include "compiler/policy/automaton.hpp"
#include "compiler/policy/classifier.hpp"

using namespace replyc::policy;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Runs `body` over all texts until `budget` seconds have passed; returns (seconds, rounds).
template <class F>
std::pair<double, long> run(double budget, F&& body) {
  const auto start = Clock::now();
  long rounds = 0;
  do {
    body();
    ++rounds;
  } while (seconds_since(start) < budget);
  return {seconds_since(start), rounds};
}

// ASCII lowercase, as a cheap stand-in for the normalisation both matchers need.
std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : REPLYC_POLICY_CORPUS_DIR;
  const double budget = argc > 2 ? std::atof(argv[2]) : 1.0;

  // Baseline: every locale compiled at load, as the tests and `policy_eval --packs` load.
  const auto eager_start = Clock::now();
  const bool eager_ok = std::holds_alternative<Engine>(
      Engine::load_packs(Engine::builtin_packs(), nullptr, replyc::policy::LocaleCompile::AtLoad));
  const double eager_seconds = seconds_since(eager_start);

  const auto load_start = Clock::now();
  auto loaded = Engine::load(nullptr);  // each locale compiled on its first scan
  if (!eager_ok || std::holds_alternative<std::vector<LoadError>>(loaded)) {
    std::fprintf(stderr, "the built-in packs do not load\n");
    return 2;
  }
  const Engine& engine = std::get<Engine>(loaded);
  const double load_seconds = seconds_since(load_start);

  std::string error;
  const auto entries = corpus::load(dir, error);
  if (entries.empty()) {
    std::fprintf(stderr, "cannot load corpus from %s: %s\n", dir.c_str(), error.c_str());
    return 2;
  }
  std::size_t bytes = 0;
  for (const auto& e : entries) {
    bytes += e.text.size();
  }
  // The first scan in a locale compiles its patterns and builds its automaton; time it apart.
  std::map<std::string, double> warmup;
  for (const auto& e : entries) {
    if (warmup.count(e.locale) == 0) {
      const auto start = Clock::now();
      engine.scan(e.text, corpus::context_of(e));
      warmup[e.locale] = seconds_since(start);
    }
  }

  std::printf("Policy engine benchmark: %zu replies, %zu bytes (%s)\n", entries.size(), bytes,
              dir.c_str());
  std::printf("load, every locale compiled at load (baseline): %.1f ms\n", eager_seconds * 1e3);
  std::printf("load, locales compiled on first scan (Engine::load): %.1f ms\n", load_seconds * 1e3);
  double first_scans = 0;
  for (const auto& [locale, s] : warmup) {
    std::printf("  first scan in %s (compiles it, builds its automaton of %zu terms): %.1f ms\n",
                locale.c_str(), engine.terms(locale).size(), s * 1e3);
    first_scans += s;
  }
  std::printf("  load and first scans in all %zu corpus locales: %.1f ms\n", warmup.size(),
              (load_seconds + first_scans) * 1e3);

  // 1. Full scan(): normalisation, segmentation, automaton, patterns, detectors.
  std::size_t findings = 0;
  const auto [scan_s, scan_rounds] = run(budget, [&] {
    for (const auto& e : entries) {
      findings += engine.scan(e.text, corpus::context_of(e)).size();
    }
  });
  const double scan_mb = static_cast<double>(bytes) * static_cast<double>(scan_rounds) / 1e6;
  std::printf("\nscan():            %8.2f MB/s  %9.0f messages/s  (%ld rounds)\n", scan_mb / scan_s,
              static_cast<double>(entries.size()) * static_cast<double>(scan_rounds) / scan_s,
              scan_rounds);

  // 1b. The same without the statistical model (baseline in the same run), and the model alone.
  const nlohmann::json model_off = {{"classifier", false}};
  auto patterns_loaded = Engine::load(&model_off);
  const Engine& patterns_only = std::get<Engine>(patterns_loaded);
  for (const auto& [locale, s] : warmup) {
    ScanContext ctx;
    ctx.locale = locale;
    patterns_only.scan("warm-up", ctx);
  }
  const auto [plain_s, plain_rounds] = run(budget, [&] {
    for (const auto& e : entries) {
      findings += patterns_only.scan(e.text, corpus::context_of(e)).size();
    }
  });
  const double plain_mb = static_cast<double>(bytes) * static_cast<double>(plain_rounds) / 1e6;
  std::printf("scan() without the model (baseline): %8.2f MB/s\n", plain_mb / plain_s);
  for (const PackSource& source : Engine::builtin_packs()) {
    if (source.name != "classifier/weights.txt") {
      continue;
    }
    const auto parse_start = Clock::now();
    auto parsed = classifier::Model::parse(source.text);
    const double parse_seconds = seconds_since(parse_start);
    if (const auto* model = std::get_if<classifier::Model>(&parsed)) {
      const auto [model_s, model_rounds] = run(budget, [&] {
        for (const auto& e : entries) {
          findings += model->classify(e.text).size();
        }
      });
      const double model_mb = static_cast<double>(bytes) * static_cast<double>(model_rounds) / 1e6;
      std::printf("the model alone:     %8.2f MB/s  (parsing its %zu bytes: %.1f ms)\n",
                  model_mb / model_s, source.text.size(), parse_seconds * 1e3);
    }
  }

  // 2. Matching stage only, same terms: one automaton pass vs one search per term.
  std::map<std::string, std::vector<std::string>> terms;
  std::map<std::string, Automaton> automata;
  std::map<std::string, std::vector<std::string>> texts;
  for (const auto& e : entries) {
    if (terms.count(e.locale) == 0) {
      terms[e.locale] = engine.terms(e.locale);
      Automaton& a = automata[e.locale];
      for (std::size_t i = 0; i < terms[e.locale].size(); ++i) {
        a.add(terms[e.locale][i], static_cast<std::uint32_t>(i));
      }
      a.build();
    }
    texts[e.locale].push_back(lower(e.text));
  }
  std::size_t ac_hits = 0;
  const auto [ac_s, ac_rounds] = run(budget, [&] {
    for (const auto& [locale, list] : texts) {
      const Automaton& a = automata.at(locale);
      for (const std::string& t : list) {
        a.scan(t, [&](std::uint32_t, std::uint32_t) { ++ac_hits; });
      }
    }
  });
  std::size_t naive_hits = 0;
  const auto [naive_s, naive_rounds] = run(budget, [&] {
    for (const auto& [locale, list] : texts) {
      const auto& words = terms.at(locale);
      for (const std::string& t : list) {
        for (const std::string& w : words) {
          for (auto at = t.find(w); at != std::string::npos; at = t.find(w, at + 1)) {
            ++naive_hits;
          }
        }
      }
    }
  });
  const double ac_rate = static_cast<double>(bytes) * static_cast<double>(ac_rounds) / 1e6 / ac_s;
  const double naive_rate =
      static_cast<double>(bytes) * static_cast<double>(naive_rounds) / 1e6 / naive_s;
  std::printf("matching, automaton: %8.2f MB/s  (one pass over each text)\n", ac_rate);
  std::printf("matching, naive:     %8.2f MB/s  (one search per term, same terms)\n", naive_rate);
  std::printf("automaton / naive:   %8.1fx   (hits per round: %zu vs %zu)\n", ac_rate / naive_rate,
              ac_hits / static_cast<std::size_t>(ac_rounds),
              naive_hits / static_cast<std::size_t>(naive_rounds));

  // 3. Linear time: one growing message per locale.
  std::printf("\nlinear time (one message made of N copies of the %s corpus):\n", "en");
  std::string base;
  for (const auto& e : entries) {
    if (e.locale == "en") {
      base += e.text;
      base += "\n";
    }
  }
  ScanContext ctx;
  ctx.locale = "en";
  for (int copies : {1, 4, 16, 64}) {
    std::string big;
    for (int i = 0; i < copies; ++i) {
      big += base;
    }
    const auto [s, rounds] = run(budget / 2, [&] { findings += engine.scan(big, ctx).size(); });
    const double per_mb = s / static_cast<double>(rounds) / (static_cast<double>(big.size()) / 1e6);
    std::printf("  %2d copies, %8zu bytes: %8.2f ms per scan, %6.1f ms per MB\n", copies,
                big.size(), s / static_cast<double>(rounds) * 1e3, per_mb * 1e3);
  }
  std::printf("\n(findings counted: %zu)\n", findings);
  return 0;
}
