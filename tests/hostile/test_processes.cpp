// The process level: a language-server client that disappears in each way a client can, and a
// build killed while it writes its bundle. Each runs the real replyc binary as a child.
#include <signal.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/hostile/hostile.hpp"
#include "tests/hostile/process.hpp"
#include "tests/unit/support.hpp"

using replyc::hostile::Child;
using replyc::hostile::lsp_frame;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

std::string initialize(long process_id) {
  const std::string pid = process_id > 0 ? std::to_string(process_id) : "null";
  return lsp_frame(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":)" + pid +
                   R"(,"rootUri":null,"capabilities":{}}})") +
         lsp_frame(R"({"jsonrpc":"2.0","method":"initialized","params":{}})");
}

std::string did_open(const fs::path& file) {
  return lsp_frame(R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":)"
                   R"({"uri":"file://)" +
                   file.string() +
                   R"(","languageId":"reply","version":1,"text":"template a.b\n  title: T\n"}}})");
}

std::string did_change(const fs::path& file, int version) {
  return lsp_frame(
      R"({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file://)" +
      file.string() + R"(","version":)" + std::to_string(version) +
      R"(},"contentChanges":[{"text":"template a.b\n  title: T)" + std::to_string(version) +
      R"(\n"}]}})");
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A project whose bundle is several megabytes, so that writing it takes a while.
void write_large_project(const fs::path& root, const std::string& word) {
  std::string solution;
  for (int line = 0; line < 60; ++line) {
    solution += (line == 0 ? "" : "\n  ") + word +
                " sent a replacement for your order and it should arrive within five days.";
  }
  std::string text;
  for (int i = 0; i < 300; ++i) {
    std::string one = replyc::test::template_with_solution(solution);
    one.replace(one.find("test.sample"), 11, "test.t" + std::to_string(i));
    text += one + "\n";
  }
  replyc::hostile::write_file(root / "large.reply", text);
}

bool is_temporary_of(const std::string& name, const std::string& target) {
  return name.rfind("." + target + ".tmp-", 0) == 0;
}

}  // namespace

TEST_CASE("lsp: a client that closes the input mid-session ends the server with code 1",
          "[hostile][lsp][process]") {
  const auto root = replyc::hostile::project_dir("lsp-eof");
  Child server({"lsp"}, root.string());
  REQUIRE(server.send(initialize(0) + did_open(root / "a.reply")));
  REQUIRE(server.read_until("textDocument/publishDiagnostics", 60s));
  server.close_stdin();
  const auto exit = server.wait(30s);
  REQUIRE(exit);
  CHECK(exit->exited);
  CHECK(exit->code == 1);
  fs::remove_all(root);
}

TEST_CASE("lsp: a client that stops reading ends the server with code 1, not SIGPIPE",
          "[hostile][lsp][process]") {
  const auto root = replyc::hostile::project_dir("lsp-epipe");
  Child server({"lsp"}, root.string());
  REQUIRE(server.send(initialize(0)));
  REQUIRE(server.read_until(R"("id":1)", 60s));
  server.close_stdout();
  // Every change is answered with diagnostics the server can no longer write.
  bool sent = server.send(did_open(root / "a.reply"));
  for (int version = 2; sent && version < 50; ++version)
    sent = server.send(did_change(root / "a.reply", version));
  const auto exit = server.wait(30s);
  REQUIRE(exit);
  CHECK(exit->exited);  // a signal here would be SIGPIPE
  CHECK(exit->code == 1);
  fs::remove_all(root);
}

TEST_CASE("lsp: the server exits when the client process named by processId ends",
          "[hostile][lsp][process]") {
  const auto root = replyc::hostile::project_dir("lsp-parent");
  const pid_t client = ::fork();
  REQUIRE(client >= 0);
  if (client == 0) {
    ::pause();  // stands for the editor until killed
    ::_exit(0);
  }
  Child server({"lsp"}, root.string());
  REQUIRE(server.send(initialize(client) + did_open(root / "a.reply")));
  REQUIRE(server.read_until("textDocument/publishDiagnostics", 60s));
  CHECK_FALSE(server.wait(1500ms));  // the client is alive: the server keeps running
  ::kill(client, SIGKILL);
  ::waitpid(client, nullptr, 0);
  // The input stays open, as when the editor dies but another process still holds the pipe.
  const auto exit = server.wait(30s);
  REQUIRE(exit);
  CHECK(exit->exited);
  CHECK(exit->code == 1);
  fs::remove_all(root);
}

TEST_CASE("lsp: a processId that cannot be seen (another pid namespace) is not watched",
          "[hostile][lsp][process]") {
  const auto root = replyc::hostile::project_dir("lsp-unseen");
  // A process that existed and is gone: as invisible as a host's editor is inside a container.
  const pid_t gone = ::fork();
  REQUIRE(gone >= 0);
  if (gone == 0)
    ::_exit(0);
  ::waitpid(gone, nullptr, 0);
  Child server({"lsp"}, root.string());
  REQUIRE(server.send(initialize(gone) + did_open(root / "a.reply")));
  REQUIRE(server.read_until("textDocument/publishDiagnostics", 60s));
  CHECK_FALSE(server.wait(2500ms));
  REQUIRE(server.send(lsp_frame(R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})")));
  REQUIRE(server.read_until(R"("id":2)", 30s));
  REQUIRE(server.send(lsp_frame(R"({"jsonrpc":"2.0","method":"exit"})")));
  const auto exit = server.wait(30s);
  REQUIRE(exit);
  CHECK(exit->exited);
  CHECK(exit->code == 0);
  fs::remove_all(root);
}

TEST_CASE("build: killed while writing its bundle, the previous bundle is left intact",
          "[hostile][outputs][process]") {
  const auto root = replyc::hostile::project_dir("killed-build");
  const std::vector<std::string> build{"build", "-q", "--today",        "2026-11-27",
                                       ".",     "-o", "out.bundle.json"};
  write_large_project(root, "We have");
  Child first(build, root.string());
  const auto built = first.wait(300s);
  REQUIRE(built);
  REQUIRE(built->code == 0);
  const std::string previous = read_file(root / "out.bundle.json");
  REQUIRE(previous.size() > 2'000'000);  // large enough that writing it takes a while

  write_large_project(root, "We have now");
  int killed_mid_write = 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    // Watch the folder; the moment the build creates its temporary file, kill it.
    const int watch = ::inotify_init1(IN_CLOEXEC);
    REQUIRE(watch >= 0);
    REQUIRE(::inotify_add_watch(watch, root.c_str(), IN_CREATE) >= 0);
    Child second(build, root.string());
    std::string temporary;
    alignas(inotify_event) char events[4096];
    while (temporary.empty()) {
      const ssize_t n = ::read(watch, events, sizeof events);
      REQUIRE(n > 0);
      for (ssize_t at = 0; at < n;) {
        const auto* event = reinterpret_cast<const inotify_event*>(events + at);
        if (event->len > 0 && is_temporary_of(event->name, "out.bundle.json"))
          temporary = event->name;
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    }
    ::kill(second.pid(), SIGKILL);
    const auto exit = second.wait(60s);
    ::close(watch);
    REQUIRE(exit);
    CHECK_FALSE(exit->exited);

    const std::string after = read_file(root / "out.bundle.json");
    INFO("attempt " << attempt << ", temporary " << temporary);
    // Readers see the old bundle, whole; at worst (the kill came after the rename) the new one.
    if (fs::exists(root / temporary)) {
      ++killed_mid_write;
      CHECK(after == previous);
      fs::remove(root / temporary);
    } else {
      CHECK(after.size() > 2'000'000);
      CHECK(after != previous);
    }
  }
  // The kill comes within microseconds of the file's creation, long before megabytes are written.
  CHECK(killed_mid_write >= 2);

  // The next build, undisturbed, replaces it.
  Child third(build, root.string());
  const auto rebuilt = third.wait(300s);
  REQUIRE(rebuilt);
  CHECK(rebuilt->code == 0);
  CHECK(read_file(root / "out.bundle.json") != previous);
  fs::remove_all(root);
}
