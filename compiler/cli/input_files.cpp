#include "compiler/cli/input_files.hpp"

#include <algorithm>

namespace replyc::cli {
namespace {

// Hidden folders, node_modules, and nested projects (a folder with its own replyc.json is checked
// on its own, with its own settings, when named on the command line).
bool skipped_directory(const std::filesystem::path& dir) {
  const std::string name = dir.filename().string();
  std::error_code ec;
  return (name.size() > 1 && name[0] == '.') || name == "node_modules" ||
         std::filesystem::exists(dir / "replyc.json", ec);
}

}  // namespace

InputFiles collect_inputs(const std::vector<std::string>& paths) {
  InputFiles result;
  for (const auto& given : paths) {
    const std::filesystem::path path(given);
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
      result.errors.push_back("cannot read '" + given +
                              "': " + (ec ? ec.message() : "no such file or directory"));
      continue;
    }
    if (!std::filesystem::is_directory(status)) {
      result.files.push_back(std::filesystem::absolute(path).lexically_normal());
      continue;
    }
    std::size_t found = 0;
    std::filesystem::recursive_directory_iterator it(
        path, std::filesystem::directory_options::skip_permission_denied, ec);
    for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory(ec) && skipped_directory(it->path())) {
        it.disable_recursion_pending();
        continue;
      }
      // Hidden files are skipped like hidden folders: editors' lock files (".#a.reply", often a
      // dangling link) and macOS "._a.reply" metadata are not templates.
      const std::string name = it->path().filename().string();
      if (it->path().extension() == ".reply" && !name.starts_with(".") && !it->is_directory(ec)) {
        result.files.push_back(std::filesystem::absolute(it->path()).lexically_normal());
        ++found;
      }
    }
    if (ec)
      result.errors.push_back("cannot read '" + given + "': " + ec.message());
    else if (found == 0)
      result.errors.push_back("no .reply files under '" + given + "'");
  }
  std::sort(result.files.begin(), result.files.end());
  result.files.erase(std::unique(result.files.begin(), result.files.end()), result.files.end());
  return result;
}

}  // namespace replyc::cli
