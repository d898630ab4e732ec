#pragma once
// Helpers for the hostile-input tests: scratch folders on disk, and the built replyc run with a
// time limit, so that a hang fails the test instead of stalling CI.
#include <filesystem>
#include <string>
#include <string_view>

namespace replyc::hostile {

// A fresh, empty folder under the temporary directory (removed first if it exists), holding a
// replyc.json so that it is a project root.
std::filesystem::path project_dir(const std::string& name);

// Writes `content` to `path` (creating folders), in binary mode.
void write_file(const std::filesystem::path& path, std::string_view content);

struct Run {
  int exit_code = -1;  // 124: killed by the time limit; -1: did not exit normally
  std::string output;  // stdout and stderr together
  bool timed_out() const { return exit_code == 124 || exit_code == 137; }
};

// Runs `replyc <arguments>` in `cwd` under timeout(1). `arguments` is a shell command line tail:
// quote paths with quote().
Run run_replyc(const std::string& arguments, const std::filesystem::path& cwd, int seconds = 120);
std::string quote(const std::filesystem::path& path);

// True when this process can read any file regardless of its mode (root, CAP_DAC_OVERRIDE).
bool ignores_permissions();

}  // namespace replyc::hostile
