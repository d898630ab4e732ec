#pragma once
// Shared by the bundle tests: compiling a folder to a bundle, files, running the replyc binary.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/checks/source.hpp"
#include "compiler/codegen/bundle_json.hpp"
#include "compiler/codegen/lower.hpp"
#include "compiler/driver/compilation.hpp"

namespace bundle_test {

inline std::filesystem::path source_dir() {
  return REPLYC_SOURCE_DIR;
}
inline std::filesystem::path fixtures() {
  return source_dir() / "tests" / "bundle" / "fixtures";
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A fresh empty folder under the system temp folder.
inline std::filesystem::path temp_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("replyc-bundle-tests-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

struct Built {
  std::unique_ptr<replyc::Compilation> compilation;
  std::variant<replyc::codegen::Bundle, std::vector<std::string>> result;
  const replyc::codegen::Bundle& bundle() const {
    return std::get<replyc::codegen::Bundle>(result);
  }
  bool has_errors() const {
    for (const auto& d : compilation->diagnostics()) {
      if (d.severity >= replyc::Severity::Error)
        return true;
    }
    return false;
  }
};

// Compiles `files` (in the order given) with the project root `root`, as `replyc build` does.
inline Built compile(const std::filesystem::path& root,
                     const std::vector<std::filesystem::path>& files,
                     const std::string& today = "2026-06-01",
                     const replyc::FileSystem* file_system = nullptr) {
  static const replyc::DiskFileSystem disk(replyc::checks::kMaxFileBytes);
  replyc::CompileOptions options;
  options.root = std::filesystem::weakly_canonical(root);
  options.display_base = options.root;
  options.today = today;
  options.files = file_system ? file_system : &disk;
  Built built;
  built.compilation = std::make_unique<replyc::Compilation>(options);
  for (const auto& file : files)
    built.compilation->add_input(file);
  built.compilation->run();
  replyc::codegen::LowerOptions lower;
  lower.root = options.root;
  lower.today = today;
  lower.compiler_version = "test";
  built.result =
      replyc::codegen::lower(built.compilation->project(), built.compilation->sources(), lower);
  return built;
}

// Every .reply file below `dir`, sorted.
inline std::vector<std::filesystem::path> reply_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.path().extension() == ".reply")
      files.push_back(std::filesystem::weakly_canonical(entry.path()));
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Keeps a bundle for the Node schema test (tests/js/schema.test.mjs via REPLYC_BUNDLE_DIR).
inline void keep_for_schema_test(const std::string& name, const std::string& bundle_json) {
  const std::filesystem::path dir = REPLYC_BUNDLE_TEST_OUTPUT;
  std::filesystem::create_directories(dir);
  write_file(dir / (name + ".bundle.json"), bundle_json);
}

struct Run {
  int status = -1;
  std::string out, err;
};

inline std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

// Runs the replyc binary with `args` in `cwd`; captures stdout and stderr.
inline Run run_replyc(const std::vector<std::string>& args,
                      const std::filesystem::path& cwd = source_dir(),
                      const std::string& env = "") {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path();
  const auto out = dir / ("replyc-bundle-run-" + std::to_string(::getpid()) + "-" +
                          std::to_string(counter) + ".out");
  const auto err = dir / ("replyc-bundle-run-" + std::to_string(::getpid()) + "-" +
                          std::to_string(counter++) + ".err");
  std::string command =
      "cd " + shell_quote(cwd.string()) + " && " + env + " " + shell_quote(REPLYC_BINARY);
  for (const auto& arg : args)
    command += " " + shell_quote(arg);
  command += " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " </dev/null";
  Run run;
  const int raw = std::system(command.c_str());
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = read_file(out);
  run.err = read_file(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return run;
}

}  // namespace bundle_test
