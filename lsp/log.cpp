#include "lsp/log.hpp"

namespace replyc::lsp {

void Log::write(std::string_view message) {
  if (sink_ == nullptr)
    return;
  const std::lock_guard<std::mutex> lock(mutex_);
  *sink_ << "replyc-lsp: " << message << '\n';
  sink_->flush();
}

}  // namespace replyc::lsp
