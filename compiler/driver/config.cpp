#include "compiler/driver/config.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "compiler/base/json_duplicates.hpp"
#include "compiler/diag/language.hpp"

namespace replyc {

std::optional<std::filesystem::path> find_project_root(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir =
      std::filesystem::weakly_canonical(std::filesystem::absolute(start), ec);
  if (ec)
    return std::nullopt;
  if (!std::filesystem::is_directory(dir, ec))
    dir = dir.parent_path();
  while (true) {
    if (std::filesystem::is_regular_file(dir / "replyc.json", ec))
      return dir;
    if (!dir.has_parent_path() || dir.parent_path() == dir)
      return std::nullopt;
    dir = dir.parent_path();
  }
}

ProjectConfig load_project_config(const std::filesystem::path& root) {
  ProjectConfig config;
  config.root = root;
  const auto path = root / "replyc.json";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return config;
  config.file = path;
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  config.text = buffer.str();
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(config.text);
  } catch (const nlohmann::json::parse_error& error) {
    config.error = "not valid JSON";
    config.error_offset = static_cast<std::uint32_t>(
        std::min<std::size_t>(error.byte > 0 ? error.byte - 1 : 0, config.text.size()));
    return config;
  } catch (const nlohmann::json::exception& error) {
    // A number too large for a double (1e99999): the library names the token but not its place.
    config.error = "a number is out of range";
    const std::string message = error.what();
    const auto open = message.find('\'');
    const auto close = message.rfind('\'');
    std::size_t at = std::string::npos;
    if (open != std::string::npos && close > open + 1)
      at = config.text.find(message.substr(open + 1, close - open - 1));
    config.error_offset = static_cast<std::uint32_t>(at == std::string::npos ? 0 : at);
    return config;
  }
  if (!json.is_object()) {
    config.error = "the file must hold a JSON object";
    return config;
  }
  if (const auto twice = find_duplicate_key(config.text)) {
    config.error = "\"" + twice->key + "\" is written twice" +
                   (twice->path.empty() ? "" : " in \"" + twice->path + "\"") +
                   "; the second would silently replace the first";
    config.error_offset = static_cast<std::uint32_t>(twice->offset);
    return config;
  }
  for (const auto& [key, value] : json.items()) {
    if (key != "failOn" && key != "lang" && key != "policy" && key != "$schema") {
      config.error = "unknown setting \"" + key + "\" (known: failOn, lang, policy)";
      return config;
    }
  }
  if (const auto it = json.find("failOn"); it != json.end()) {
    if (const auto severity =
            it->is_string() ? parse_severity(it->get<std::string>()) : std::nullopt) {
      config.fail_on = severity;
    } else {
      config.error = "\"failOn\" must be \"error\", \"warning\" or \"note\"";
    }
  }
  if (const auto it = json.find("lang"); it != json.end()) {
    if (it->is_string() && parse_ui_language(it->get<std::string>())) {
      config.language = it->get<std::string>();
    } else {
      config.error = "\"lang\" must be \"en\" or \"zh-CN\"";
    }
  }
  if (const auto it = json.find("policy"); it != json.end()) {
    if (it->is_object()) {
      config.policy = *it;
    } else {
      config.error = "\"policy\" must be an object";
    }
  }
  return config;
}

}  // namespace replyc
