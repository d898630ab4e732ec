#include "compiler/base/source_manager.hpp"

namespace replyc {

FileId SourceManager::add(std::filesystem::path path, std::string display_name, std::string text) {
  files_.emplace_back(std::move(path), std::move(display_name), std::move(text));
  return static_cast<FileId>(files_.size() - 1);
}

}  // namespace replyc
