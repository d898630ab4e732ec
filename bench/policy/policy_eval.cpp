// policy_eval: precision and recall of the policy engine on the labelled corpus, per rule and per
// locale, and the clean-flag rate (share of clean replies with any warning or error).
//
//   policy_eval [PATH...] [--mistakes] [--explain] [--packs DIR] [--self-test] [--no-classifier]
//   policy_eval --accents [--packs DIR]
//   policy_eval --coverage [PATH...] [--packs DIR]
//
// PATH is a .jsonl file or a folder; a folder is read with all its subfolders. Without a PATH the
// main corpus (tests/policy/corpus, top level only) is read. --packs reads the rule packs from
// DIR/<tag>/policy.json instead of the embedded ones, so that pack edits can be measured without
// rebuilding (with DIR/classifier/weights.txt when present); --self-test then also runs every
// flag/keep example of those packs. --no-classifier measures the phrase patterns and detectors
// alone, without the statistical second opinion. --explain lists the mistakes with every
// finding and the exact text it matched (implies --mistakes).
// --accents only lists the pattern words that fold onto another spelling of the same pack
// (accent_collisions.hpp). --coverage lists the phrase patterns that fire on no text of the
// corpus and no pack example (pattern_coverage.hpp).
//
// A measuring program, not a test: it prints figures and exits 0 unless the corpus or the packs
// cannot be read (2) or a self-test example fails (1).
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench/policy/accent_collisions.hpp"
#include "bench/policy/corpus.hpp"
#include "bench/policy/pattern_coverage.hpp"

using namespace replyc::policy;
namespace fs = std::filesystem;

namespace {

void row(const char* name, const corpus::Counts& c) {
  std::printf("  %-28s %4d %4d %4d   %6.3f   %6.3f\n", name, c.tp, c.fp, c.fn, c.precision(),
              c.recall());
}

// Every .jsonl file under `path` (or `path` itself), sorted.
std::vector<fs::path> corpus_files(const fs::path& path, std::string& error) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
    return files;
  }
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".jsonl") {
      files.push_back(it->path());
    }
  }
  if (ec) {
    error = "cannot read " + path.string() + ": " + ec.message();
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The packs of DIR/<tag>/policy.json; the texts live in `storage`.
std::vector<PackSource> packs_from(const fs::path& dir, std::vector<std::string>& storage,
                                   std::string& error) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& item : fs::directory_iterator(dir, ec)) {
    if (fs::is_regular_file(item.path() / "policy.json")) {
      files.push_back(item.path() / "policy.json");
    }
  }
  if (ec || files.empty()) {
    error = "no <tag>/policy.json under " + dir.string();
    return {};
  }
  std::sort(files.begin(), files.end());
  storage.reserve(files.size() + 1);  // PackSource views must not move
  std::vector<PackSource> packs;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    storage.push_back(text.str());
    // Named from the folder entry, not the resolved path: a <tag> folder may be a symlink.
    packs.push_back(
        {file.parent_path().filename().generic_string() + "/policy.json", storage.back()});
  }
  // The statistical model, when DIR has one.
  if (std::ifstream in(dir / "classifier" / "weights.txt", std::ios::binary); in) {
    std::ostringstream text;
    text << in.rdbuf();
    storage.push_back(text.str());
    packs.push_back({"classifier/weights.txt", storage.back()});
  }
  return packs;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> paths;
  fs::path packs_dir;
  bool show_mistakes = false;
  bool self_test = false;
  bool explained = false;
  bool accents = false;
  bool coverage = false;
  nlohmann::json project_policy;  // null: the packs as they are
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--mistakes") == 0) {
      show_mistakes = true;
    } else if (std::strcmp(argv[i], "--explain") == 0) {
      show_mistakes = true;
      explained = true;
    } else if (std::strcmp(argv[i], "--accents") == 0) {
      accents = true;
    } else if (std::strcmp(argv[i], "--coverage") == 0) {
      coverage = true;
    } else if (std::strcmp(argv[i], "--no-classifier") == 0) {
      project_policy = nlohmann::json{{"classifier", false}};
    } else if (std::strcmp(argv[i], "--self-test") == 0) {
      self_test = true;
    } else if (std::strcmp(argv[i], "--packs") == 0 && i + 1 < argc) {
      packs_dir = argv[++i];
    } else {
      paths.emplace_back(argv[i]);
    }
  }

  std::vector<std::string> pack_texts;
  std::vector<PackSource> packs = Engine::builtin_packs();
  if (!packs_dir.empty()) {
    std::string error;
    packs = packs_from(packs_dir, pack_texts, error);
    if (!error.empty()) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 2;
    }
  }
  if (accents) {
    const int count = print_accent_collisions(packs, stdout);
    std::printf("%d word(s) spelled with and without accents, some plain\n", count);
    return 0;
  }
  auto loaded = Engine::load_packs(packs, &project_policy);
  if (auto* errors = std::get_if<std::vector<LoadError>>(&loaded)) {
    for (const auto& e : *errors) {
      std::fprintf(stderr, "%s: %s\n", e.where.c_str(), e.message.c_str());
    }
    return 2;
  }
  const Engine& engine = std::get<Engine>(loaded);

  int failed_examples = 0;
  if (self_test) {
    for (const auto& e : engine.self_test()) {
      std::printf("self-test: %s: %s\n", e.where.c_str(), e.message.c_str());
      ++failed_examples;
    }
    std::printf("self-test: %d failing example(s)\n\n", failed_examples);
  }

  std::string error;
  std::vector<corpus::Entry> entries;
  std::string shown;
  if (paths.empty()) {
    shown = REPLYC_POLICY_CORPUS_DIR;
    entries = corpus::load(REPLYC_POLICY_CORPUS_DIR, error);
  } else {
    for (const auto& path : paths) {
      const auto files = corpus_files(path, error);
      if (!error.empty()) {
        break;
      }
      auto more = corpus::load_files(files, error, fs::is_directory(path) ? path : fs::path{});
      entries.insert(entries.end(), more.begin(), more.end());
      shown += (shown.empty() ? "" : " ") + path.string();
    }
  }
  if (!error.empty() || entries.empty()) {
    std::fprintf(stderr, "cannot load a corpus from %s: %s\n", shown.c_str(),
                 error.empty() ? "no entries" : error.c_str());
    return 2;
  }
  if (coverage) {
    const int never = print_pattern_coverage(engine, entries, stdout);
    std::printf("%d pattern(s) never fired\n", never);
    return 0;
  }
  const corpus::Result r = corpus::evaluate(engine, entries, explained);

  std::printf("Policy engine evaluation on %s\n", shown.c_str());
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
  return failed_examples == 0 ? 0 : 1;
}
