#include "tests/hostile/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <thread>

namespace replyc::hostile {

namespace {

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

}  // namespace

Child::Child(const std::vector<std::string>& arguments, const std::string& cwd) {
  // The test itself must not die when it writes to a child that has gone.
  ::signal(SIGPIPE, SIG_IGN);
  int in[2];
  int out[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  std::vector<std::string> argv_storage{REPLYC_BINARY};
  argv_storage.insert(argv_storage.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& argument : argv_storage)
    argv.push_back(argument.data());
  argv.push_back(nullptr);

  pid_ = ::fork();
  if (pid_ < 0)
    throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // Only async-signal-safe calls until exec.
    const int null = ::open("/dev/null", O_WRONLY);
    if (::dup2(in[0], STDIN_FILENO) < 0 || ::dup2(out[1], STDOUT_FILENO) < 0 || null < 0 ||
        ::dup2(null, STDERR_FILENO) < 0 || ::chdir(cwd.c_str()) != 0)
      ::_exit(126);
    ::signal(SIGPIPE, SIG_DFL);  // as a shell would start it
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  stdin_ = in[1];
  stdout_ = out[0];
}

Child::~Child() {
  close_stdin();
  close_stdout();
  if (!reaped_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

bool Child::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(stdin_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void Child::close_stdin() {
  if (stdin_ >= 0)
    ::close(stdin_);
  stdin_ = -1;
}

void Child::close_stdout() {
  if (stdout_ >= 0)
    ::close(stdout_);
  stdout_ = -1;
}

bool Child::read_until(std::string_view needle, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (output_.find(needle) == std::string::npos) {
    if (stdout_ < 0)
      return false;
    pollfd ready{stdout_, POLLIN, 0};
    const int polled = ::poll(&ready, 1, remaining_ms(deadline));
    if (polled == 0)
      return false;
    if (polled < 0 && errno == EINTR)
      continue;
    char buffer[4096];
    const ssize_t n = ::read(stdout_, buffer, sizeof buffer);
    if (n <= 0)
      return output_.find(needle) != std::string::npos;
    output_.append(buffer, static_cast<std::size_t>(n));
  }
  return true;
}

std::optional<Child::Exit> Child::wait(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      reaped_ = true;
      if (WIFEXITED(status))
        return Exit{true, WEXITSTATUS(status)};
      return Exit{false, WIFSIGNALED(status) ? WTERMSIG(status) : -1};
    }
    if (Clock::now() >= deadline)
      return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::string lsp_frame(std::string_view body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

}  // namespace replyc::hostile
