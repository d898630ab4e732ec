#pragma once
// LSP base protocol framing: "Content-Length: N\r\n" (other headers ignored) "\r\n" then N bytes.
// The reader survives bad input: it logs, skips to the next "Content-Length" header and goes on.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

#include "lsp/byte_source.hpp"
#include "lsp/log.hpp"

namespace replyc::lsp {

inline constexpr std::size_t kDefaultMaxMessageBytes = std::size_t{64} << 20;

struct Frame {
  enum class Kind {
    kMessage,   // `body` holds one complete message body
    kTooLarge,  // a body over the limit was skipped; `id` is its request id if one was found
    kEnd,       // end of input (also after a truncated header or body)
  };
  Kind kind = Kind::kEnd;
  std::string body;
  nlohmann::json id;         // kTooLarge only: integer, string or null
  std::uint64_t length = 0;  // kTooLarge only: the announced Content-Length
};

class MessageReader {
 public:
  MessageReader(ByteSource& source, Log& log, std::size_t max_body = kDefaultMaxMessageBytes);

  // Blocks for the next frame. Framing errors are logged and skipped.
  Frame read();
  // True when read() can make progress without waiting for the peer (bytes already buffered or
  // pending on the source). Used to read ahead messages the client has already sent.
  bool ready();

 private:
  enum class Line { kOk, kTooLong, kEnd };
  struct HeaderBlock;

  bool fill();
  Line read_line(std::string& line, std::size_t& begin);
  bool resync(std::size_t from);
  bool read_body(std::size_t length, std::string& body);
  bool skip_body(std::uint64_t length, std::string& prefix);
  void compact();

  ByteSource& source_;
  Log& log_;
  std::size_t max_body_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
};

// Frames and writes whole messages; safe to call from several threads.
class MessageWriter {
 public:
  explicit MessageWriter(std::ostream& out) : out_(out) {}
  // Returns false once the stream has failed.
  bool write(const nlohmann::json& message);
  bool failed() const { return failed_; }

 private:
  std::mutex mutex_;
  std::ostream& out_;
  std::atomic<bool> failed_ = false;
};

// Serialises a message body as the writer does (UTF-8, invalid sequences replaced).
std::string serialize(const nlohmann::json& message);

// The id of a request found at the top level of a (possibly truncated) JSON object text, or null.
// Null too when the text looks like a response (has "result" or "error").
nlohmann::json recover_request_id(std::string_view prefix);

}  // namespace replyc::lsp
