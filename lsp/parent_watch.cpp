#include "lsp/parent_watch.hpp"

#include <utility>

#ifdef _WIN32
#include <windows.h>
#else
#include <signal.h>

#include <cerrno>
#endif

namespace replyc::lsp {

bool process_exists(long pid) {
  if (pid <= 0)
    return false;
#ifdef _WIN32
  HANDLE process = ::OpenProcess(SYNCHRONIZE, FALSE, static_cast<DWORD>(pid));
  if (process == nullptr)
    return false;
  const bool alive = ::WaitForSingleObject(process, 0) == WAIT_TIMEOUT;
  ::CloseHandle(process);
  return alive;
#else
  // Signal 0 checks existence only; EPERM means it exists but belongs to another user.
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
#endif
}

ParentWatch::ParentWatch(long pid, std::chrono::milliseconds interval,
                         std::function<void()> on_gone) {
  thread_ = std::thread([this, pid, interval, on_gone = std::move(on_gone)] {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, interval, [this] { return stop_; })) {
      if (!process_exists(pid)) {
        on_gone();
        return;
      }
    }
  });
}

ParentWatch::~ParentWatch() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

}  // namespace replyc::lsp
