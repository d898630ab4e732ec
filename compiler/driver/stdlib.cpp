#include "compiler/driver/stdlib.hpp"

namespace replyc {

std::optional<std::string_view> find_stdlib_module(std::string_view name) {
  const std::string file = std::string(name) + ".reply";
  for (const auto& entry : generated::stdlib_files()) {
    if (entry.name == file)
      return entry.bytes;
  }
  return std::nullopt;
}

std::string stdlib_virtual_path(std::string_view name) {
  return "<std>/" + std::string(name) + ".reply";
}

}  // namespace replyc
