#pragma once
// LSP 3.17, initialize.processId: "If the parent process is not alive then the server should
// exit its process." An editor that crashes or is killed leaves its pipe open in any child it
// spawned besides us, so the end of input alone does not always come: the process is polled.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace replyc::lsp {

class ParentWatch {
 public:
  // Calls `on_gone` (on the watch's own thread) once `pid` no longer exists, checking every
  // `interval`. `on_gone` typically logs and ends the process.
  ParentWatch(long pid, std::chrono::milliseconds interval, std::function<void()> on_gone);
  ParentWatch(const ParentWatch&) = delete;
  ParentWatch& operator=(const ParentWatch&) = delete;
  ~ParentWatch();

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

// True while a process with this id exists (including one we may not signal).
bool process_exists(long pid);

}  // namespace replyc::lsp
