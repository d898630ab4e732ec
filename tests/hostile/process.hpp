#pragma once
// A child process with pipes on its stdin and stdout, for the tests that play a client which
// disappears or a user who kills a build: the shell helpers in hostile.hpp only run to the end.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replyc::hostile {

class Child {
 public:
  // Starts REPLYC_BINARY with `arguments` in `cwd`; stderr goes to /dev/null.
  Child(const std::vector<std::string>& arguments, const std::string& cwd);
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child();  // kills and reaps the process if it is still running

  pid_t pid() const { return pid_; }
  // Writes all of `bytes` to the child's stdin; false once the pipe is broken.
  bool send(std::string_view bytes);
  void close_stdin();
  void close_stdout();
  // Reads what the child wrote to stdout until `needle` appears or `timeout` passes.
  bool read_until(std::string_view needle, std::chrono::milliseconds timeout);
  const std::string& output() const { return output_; }

  struct Exit {
    bool exited = false;  // by exit(), not by a signal
    int code = -1;        // exit code, or the signal number when !exited
  };
  // Waits for the process to end; nullopt if it still runs after `timeout`.
  std::optional<Exit> wait(std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  int stdin_ = -1;
  int stdout_ = -1;
  bool reaped_ = false;
  std::string output_;
};

// An LSP message with its Content-Length header.
std::string lsp_frame(std::string_view body);

}  // namespace replyc::hostile
