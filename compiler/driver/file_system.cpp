#include "compiler/driver/file_system.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace replyc {

std::variant<std::string, ReadFailure> DiskFileSystem::read(
    const std::filesystem::path& path) const {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; we refuse it just below.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return ReadFailure{std::strerror(errno)};
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return ReadFailure{std::strerror(error)};
  }
  if (S_ISDIR(info.st_mode)) {
    ::close(fd);
    return ReadFailure{"is a directory"};
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd);
    return ReadFailure{"not a regular file"};
  }
  // Read at most one byte past the limit: enough to know the file is too large.
  const std::size_t cap = max_bytes_ + 1;
  std::string text;
  text.resize(std::min<std::size_t>(static_cast<std::size_t>(info.st_size), cap));
  std::size_t filled = 0;
  while (true) {
    if (filled == text.size()) {
      if (text.size() >= cap)
        break;
      text.resize(std::min(cap, text.size() * 2 + 4096));
    }
    const ssize_t n = ::read(fd, text.data() + filled, text.size() - filled);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      const int error = errno;
      ::close(fd);
      return ReadFailure{std::strerror(error)};
    }
    if (n == 0)
      break;
    filled += static_cast<std::size_t>(n);
  }
  ::close(fd);
  text.resize(filled);
  return text;
}

bool DiskFileSystem::is_regular_file(const std::filesystem::path& path) const {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

std::variant<std::string, ReadFailure> OverlayFileSystem::read(
    const std::filesystem::path& path) const {
  if (const auto it = overlay_.find(path); it != overlay_.end())
    return it->second;
  return base_.read(path);
}

bool OverlayFileSystem::is_regular_file(const std::filesystem::path& path) const {
  return overlay_.count(path) > 0 || base_.is_regular_file(path);
}

}  // namespace replyc
