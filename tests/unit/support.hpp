#pragma once
// Shared helpers for the unit tests: compiling text held in memory, and running the CLI binary.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/driver/compilation.hpp"

namespace replyc::test {

// Files that exist only in memory, under a fake root "/project".
class MemoryFileSystem final : public FileSystem {
 public:
  void add(const std::string& relative, std::string text) {
    files_["/project/" + relative] = std::move(text);
  }
  std::variant<std::string, ReadFailure> read(const std::filesystem::path& path) const override {
    const auto it = files_.find(path.generic_string());
    if (it == files_.end())
      return ReadFailure{"no such file"};
    return it->second;
  }
  bool is_regular_file(const std::filesystem::path& path) const override {
    return files_.count(path.generic_string()) > 0;
  }

 private:
  std::map<std::string, std::string> files_;
};

struct Compiled {
  std::unique_ptr<MemoryFileSystem> files;
  std::unique_ptr<Compilation> compilation;

  const std::vector<Diagnostic>& diagnostics() const { return compilation->diagnostics(); }
  std::vector<std::string> codes() const;  // "RC1001" for each diagnostic, in order
  bool has(Code code) const;
};

// Compiles `main.reply` with the given text (plus any other files) as the only input.
// With `with_policy`, the built-in policy packs run too, as in `replyc check`.
Compiled compile(const std::string& text, std::map<std::string, std::string> others = {},
                 bool with_policy = false);

// A complete, clean template in English whose `solution` section is `solution`.
std::string template_with_solution(const std::string& solution, const std::string& params = "");

struct CommandResult {
  int exit_code = -1;
  std::string out;
};
// Runs the built replyc with the arguments (a shell command line tail), capturing stdout.
CommandResult run_replyc(const std::string& arguments);

}  // namespace replyc::test
