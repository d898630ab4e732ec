// Golden tests: every file in examples/broken/ and tests/golden/cases/ is compiled on its own, and
// its human output (English and Chinese) and JSON report must equal the files under
// tests/golden/expected/. Run with REPLYC_UPDATE_GOLDEN=1 to rewrite them after a deliberate
// change.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "compiler/diag/render.hpp"
#include "compiler/driver/compilation.hpp"
#include "compiler/driver/config.hpp"
#include "compiler/driver/policy_pass.hpp"
#include "tests/unit/golden.hpp"

namespace fs = std::filesystem;
using namespace replyc;

namespace replyc::test {

namespace {

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

}  // namespace

std::vector<GoldenCase> golden_cases() {
  const fs::path source(REPLYC_SOURCE_DIR);
  std::vector<GoldenCase> cases;
  for (const auto& [group, dir] :
       {std::pair<std::string, fs::path>{"broken", source / "examples/broken"},
        {"cases", source / "tests/golden/cases"},
        {"config", source / "examples/broken/invalid-config"}}) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".reply")
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      cases.push_back({group, file, dir, source / "tests/golden/expected" / group / file.stem()});
    }
  }
  return cases;
}

GoldenOutput run_golden(const GoldenCase& c) {
  DiskFileSystem disk(8u << 20);
  CompileOptions options;
  options.root = c.root;
  options.display_base = c.root;
  options.today = "2026-11-27";
  options.files = &disk;
  const auto config = load_project_config(c.root);
  enable_policy(options, load_policy(config.policy).engine);
  Compilation compilation(options);
  if (!config.error.empty()) {
    compilation.report_config_problem(*config.file, config.text, config.error_offset, config.error);
  }
  compilation.add_input(c.input);
  compilation.run();
  GoldenOutput out;
  for (const auto& d : compilation.diagnostics()) {
    out.english += render_human(d, compilation.sources(), {false, UiLanguage::English}) + "\n";
    out.chinese += render_human(d, compilation.sources(), {false, UiLanguage::Chinese}) + "\n";
  }
  out.json =
      render_json_report(compilation.diagnostics(), compilation.sources(), 1, UiLanguage::English)
          .dump(2) +
      "\n";
  // Absolute paths (the project root in RC4003's note) depend on where the tree is checked out.
  for (std::string* text : {&out.english, &out.chinese, &out.json})
    replace_all(*text, REPLYC_SOURCE_DIR, "<source>");
  return out;
}

}  // namespace replyc::test

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("golden outputs match", "[golden]") {
  const bool update = std::getenv("REPLYC_UPDATE_GOLDEN") != nullptr;
  const auto cases = replyc::test::golden_cases();
  REQUIRE(cases.size() > 50);
  for (const auto& c : cases) {
    const auto out = replyc::test::run_golden(c);
    const std::pair<std::string, const std::string*> files[] = {
        {".txt", &out.english}, {".zh.txt", &out.chinese}, {".json", &out.json}};
    for (const auto& [suffix, actual] : files) {
      const fs::path expected_path = c.expected_stem.string() + suffix;
      if (update)
        write_file(expected_path, *actual);
      INFO(expected_path.string());
      REQUIRE(fs::exists(expected_path));
      CHECK(read_file(expected_path) == *actual);
    }
  }
}
