#pragma once
// Owns the text of every file in a compilation and hands out stable FileIds. Paths are kept
// both as given (for reading) and relative to the project root (for deterministic output).
#include <deque>
#include <filesystem>
#include <string>
#include <string_view>

#include "compiler/base/line_index.hpp"
#include "compiler/base/range.hpp"

namespace replyc {

struct SourceFile {
  std::filesystem::path path;  // absolute and normalised, or a virtual "<std>/..." path
  std::string display_name;    // what diagnostics print: relative to the project root
  std::string text;
  LineIndex lines;

  SourceFile(std::filesystem::path p, std::string display, std::string t)
      : path(std::move(p)), display_name(std::move(display)), text(std::move(t)), lines(text) {}
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;
};

class SourceManager {
 public:
  FileId add(std::filesystem::path path, std::string display_name, std::string text);
  const SourceFile& file(FileId id) const { return files_[id]; }
  std::size_t size() const { return files_.size(); }

 private:
  std::deque<SourceFile> files_;  // deque: FileIds and references stay valid as files are added
};

}  // namespace replyc
