#include "compiler/codegen/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace replyc::codegen {
namespace {

std::string error_text(int code) {
  return std::strerror(code);
}

// The permissions a new file gets (0666 less the umask), or the target's when it exists.
mode_t target_mode(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0)
    return info.st_mode & 07777;
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0666 & ~mask);
}

}  // namespace

std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                 std::string_view content) {
  return testing::write_file_atomically(path, content, testing::Fault::None);
}

std::optional<std::string> testing::write_file_atomically(const std::filesystem::path& path,
                                                          std::string_view content, Fault fault) {
  const std::filesystem::path target = std::filesystem::absolute(path);
  const std::filesystem::path dir = target.parent_path();
  const std::string shown = path.generic_string();
  std::error_code ec;
  if (std::filesystem::is_directory(target, ec))
    return "cannot write '" + shown + "': it is a folder";
  if (!std::filesystem::is_directory(dir, ec))
    return "cannot write '" + shown + "': folder '" + dir.generic_string() + "' does not exist";

  std::string templ = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(templ.begin(), templ.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0)
    return "cannot create a temporary file in '" + dir.generic_string() + "': " + error_text(errno);
  const std::string temp(name.data());

  auto fail = [&](const std::string& what, int code) -> std::optional<std::string> {
    ::close(fd);
    ::unlink(temp.c_str());
    return "cannot write '" + shown + "': " + what + ": " + error_text(code);
  };

  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = fault == Fault::Write
                          ? (errno = ENOSPC, -1)
                          : ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return fail("write failed", errno);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, target_mode(target)) != 0)
    return fail("cannot set permissions", errno);
  if (fault == Fault::Fsync ? (errno = EIO, true) : ::fsync(fd) != 0)
    return fail("fsync failed", errno);
  if (::close(fd) != 0) {
    const int code = errno;
    ::unlink(temp.c_str());
    return "cannot write '" + shown + "': close failed: " + error_text(code);
  }
  if (fault == Fault::Rename ? (errno = EXDEV, true)
                             : ::rename(temp.c_str(), target.c_str()) != 0) {
    const int code = errno;
    ::unlink(temp.c_str());
    return "cannot write '" + shown + "': rename failed: " + error_text(code);
  }
  // Make the rename itself durable; a failure here no longer affects what readers see.
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return std::nullopt;
}

}  // namespace replyc::codegen
