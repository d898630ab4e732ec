#pragma once
// Diagnostic log of the language server itself (never the protocol stream): one line per event,
// written to a sink chosen by the embedder (stderr in production, a string stream in tests).
#include <mutex>
#include <ostream>
#include <string_view>

namespace replyc::lsp {

class Log {
 public:
  // A null sink discards everything.
  explicit Log(std::ostream* sink) : sink_(sink) {}

  void write(std::string_view message);

 private:
  std::mutex mutex_;
  std::ostream* sink_;
};

}  // namespace replyc::lsp
