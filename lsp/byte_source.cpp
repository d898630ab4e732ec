#include "lsp/byte_source.hpp"

#include <algorithm>
#include <cerrno>
#include <iostream>
#include <streambuf>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#else
#include <poll.h>
#include <signal.h>
#include <unistd.h>
#endif

namespace replyc::lsp {

std::size_t IstreamSource::read(char* buffer, std::size_t capacity) {
  if (capacity == 0)
    return 0;
  std::streambuf* buf = in_.rdbuf();
  if (buf == nullptr)
    return 0;
  // sgetc blocks until the stream buffer holds at least one byte; the bytes it then holds can be
  // taken without blocking again (sgetn on more than that could wait for a full chunk).
  if (std::streambuf::traits_type::eq_int_type(buf->sgetc(), std::streambuf::traits_type::eof())) {
    return 0;
  }
  const std::streamsize pending = std::max<std::streamsize>(buf->in_avail(), 1);
  const auto wanted = static_cast<std::streamsize>(
      std::min<std::size_t>(capacity, static_cast<std::size_t>(pending)));
  const std::streamsize got = buf->sgetn(buffer, wanted);
  return got > 0 ? static_cast<std::size_t>(got) : 0;
}

bool IstreamSource::ready() {
  std::streambuf* buf = in_.rdbuf();
  if (buf == nullptr)
    return true;
  // in_avail: > 0 bytes buffered or known pending, -1 end of input known, 0 unknown.
  return buf->in_avail() != 0;
}

#ifdef _WIN32
std::size_t FdSource::read(char* buffer, std::size_t capacity) {
  const int got =
      ::_read(fd_, buffer, static_cast<unsigned>(std::min<std::size_t>(capacity, 1 << 20)));
  return got > 0 ? static_cast<std::size_t>(got) : 0;
}

bool FdSource::ready() {
  return false;
}

void prepare_stdio() {
  std::ios::sync_with_stdio(false);
  std::cin.tie(nullptr);
  ::_setmode(::_fileno(stdin), _O_BINARY);
  ::_setmode(::_fileno(stdout), _O_BINARY);
}
#else
std::size_t FdSource::read(char* buffer, std::size_t capacity) {
  for (;;) {
    const ssize_t got = ::read(fd_, buffer, capacity);
    if (got >= 0)
      return static_cast<std::size_t>(got);
    if (errno != EINTR)
      return 0;
  }
}

bool FdSource::ready() {
  pollfd entry{};
  entry.fd = fd_;
  entry.events = POLLIN;
  for (;;) {
    const int result = ::poll(&entry, 1, 0);
    if (result >= 0)
      return result > 0;
    if (errno != EINTR)
      return true;  // let read() report the failure as end of input
  }
}

void prepare_stdio() {
  std::ios::sync_with_stdio(false);
  std::cin.tie(nullptr);
  // A client that goes away closes our stdout: writing must fail (the server then stops with
  // exit code 1) instead of killing the process with SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
}
#endif

}  // namespace replyc::lsp
