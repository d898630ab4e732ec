// Replays every file under tests/fuzz/regressions/<target>/ through that fuzz target's entry point
// (tests/fuzz/entries.hpp), so that a crash the fuzzer once found stays fixed in every CI run.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "tests/fuzz/entries.hpp"

namespace fs = std::filesystem;

namespace {

using Entry = int (*)(const std::uint8_t*, std::size_t);

// Entry points of the targets built in this configuration; see tests/hostile/CMakeLists.txt.
const std::map<std::string, Entry>& entries() {
  static const std::map<std::string, Entry> table = {
      {"fuzz_parse_check", &replyc::fuzz::parse_check},
      {"fuzz_positions", &replyc::fuzz::positions},
#ifdef REPLYC_FUZZ_HAVE_POLICY
      {"fuzz_policy", &replyc::fuzz::policy},
#endif
#ifdef REPLYC_FUZZ_HAVE_BUNDLE
      {"fuzz_bundle", &replyc::fuzz::bundle},
#endif
#ifdef REPLYC_FUZZ_HAVE_LSP
      {"fuzz_lsp", &replyc::fuzz::lsp},
      {"fuzz_lsp_documents", &replyc::fuzz::lsp_documents},
#endif
  };
  return table;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("every fuzz regression input still passes its target", "[hostile][fuzz]") {
  const fs::path root = fs::path(REPLYC_SOURCE_DIR) / "tests" / "fuzz" / "regressions";
  REQUIRE(fs::is_directory(root));
  std::size_t replayed = 0;
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory())
      folders.push_back(entry.path());
  }
  std::sort(folders.begin(), folders.end());
  for (const auto& folder : folders) {
    const std::string target = folder.filename().string();
    const auto it = entries().find(target);
    if (it == entries().end()) {
      WARN("no entry point for " << target << " in this build; its regressions are not replayed");
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.is_regular_file() && entry.path().filename().string()[0] != '.')
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      INFO(target << ": " << file.filename().string());
      const std::string bytes = read_all(file);
      CHECK_NOTHROW(it->second(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
      ++replayed;
    }
  }
  CHECK(replayed > 0);
}
