#include "tests/hostile/hostile.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>

namespace replyc::hostile {

std::filesystem::path project_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("replyc-hostile-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  write_file(dir / "replyc.json", "{}\n");
  return dir;
}

void write_file(const std::filesystem::path& path, std::string_view content) {
  if (path.has_parent_path())
    std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

std::string quote(const std::filesystem::path& path) {
  std::string out = "'";
  for (const char c : path.string()) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

Run run_replyc(const std::string& arguments, const std::filesystem::path& cwd, int seconds) {
  Run run;
  const std::string command = "cd " + quote(cwd) + " && timeout -k 5 " + std::to_string(seconds) +
                              " " + quote(REPLYC_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr)
    return run;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    run.output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

bool ignores_permissions() {
  const auto probe = std::filesystem::temp_directory_path() /
                     ("replyc-hostile-probe-" + std::to_string(::getpid()));
  write_file(probe, "x");
  std::filesystem::permissions(probe, std::filesystem::perms::none);
  const bool readable = ::access(probe.c_str(), R_OK) == 0;
  std::filesystem::remove(probe);
  return readable;
}

}  // namespace replyc::hostile
