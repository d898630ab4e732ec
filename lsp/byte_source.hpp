#pragma once
// Where the transport reads its bytes from. Two operations are enough for Content-Length framing
// plus read-ahead: a blocking read of "some" bytes and a non-blocking "would a read return now?".
#include <cstddef>
#include <istream>

namespace replyc::lsp {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Blocks until at least one byte is available, then copies up to `capacity` bytes without
  // blocking again. Returns 0 only at the end of the input (or on an unrecoverable error).
  virtual std::size_t read(char* buffer, std::size_t capacity) = 0;
  // True when read() would return without blocking (data pending or end of input). Never blocks.
  virtual bool ready() = 0;
};

// Reads from a std::istream's buffer. For std::cin call prepare_stdio() first so that the stream
// is unsynchronised (buffered, so ready() can see pending bytes) and binary.
class IstreamSource final : public ByteSource {
 public:
  explicit IstreamSource(std::istream& in) : in_(in) {}
  std::size_t read(char* buffer, std::size_t capacity) override;
  bool ready() override;

 private:
  std::istream& in_;
};

// Reads a POSIX file descriptor directly (read(2) and poll(2)).
class FdSource final : public ByteSource {
 public:
  explicit FdSource(int fd) : fd_(fd) {}
  std::size_t read(char* buffer, std::size_t capacity) override;
  bool ready() override;

 private:
  int fd_;
};

// Switches the standard streams to the mode the server needs: no synchronisation with C stdio,
// cin untied from cout, and binary mode where the platform distinguishes it. Call before any I/O.
void prepare_stdio();

}  // namespace replyc::lsp
