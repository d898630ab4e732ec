#pragma once
// Where the compiler reads files from: the disk for the CLI, the editor's buffers over the disk
// for the language server.
#include <filesystem>
#include <map>
#include <string>
#include <variant>

namespace replyc {

struct ReadFailure {
  std::string message;  // "no such file", "is a directory", ...
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual std::variant<std::string, ReadFailure> read(const std::filesystem::path& path) const = 0;
  virtual bool is_regular_file(const std::filesystem::path& path) const = 0;
};

// Reads regular files only: a directory, FIFO or device is refused rather than read or waited on.
class DiskFileSystem final : public FileSystem {
 public:
  explicit DiskFileSystem(std::size_t max_bytes) : max_bytes_(max_bytes) {}
  std::variant<std::string, ReadFailure> read(const std::filesystem::path& path) const override;
  bool is_regular_file(const std::filesystem::path& path) const override;

 private:
  std::size_t max_bytes_;
};

// Open documents take precedence over the files under them.
class OverlayFileSystem final : public FileSystem {
 public:
  explicit OverlayFileSystem(const FileSystem& base) : base_(base) {}
  void set(const std::filesystem::path& path, std::string text) {
    overlay_[path] = std::move(text);
  }
  void erase(const std::filesystem::path& path) { overlay_.erase(path); }
  std::variant<std::string, ReadFailure> read(const std::filesystem::path& path) const override;
  bool is_regular_file(const std::filesystem::path& path) const override;

 private:
  const FileSystem& base_;
  std::map<std::filesystem::path, std::string> overlay_;
};

}  // namespace replyc
