// lsp_latency: time from a textDocument/didChange leaving the client to the matching
// textDocument/publishDiagnostics arriving, for template files of 200, 2,000 and 20,000 lines.
//
// The real server (lsp::run_server with the LanguageBackend `replyc lsp` uses) runs in-process
// on its own thread, reading framed JSON-RPC from a pipe and writing to a capturing stream, so
// the figures include framing, JSON parsing, the incremental edit, the compilation, the
// conversion to LSP JSON and serialisation. Each edit waits for its publishDiagnostics before
// the next is sent (a user typing slower than the server).
//
// Both run the policy pass, as `replyc check` and `replyc lsp` do.
//
// Baseline, in the same run on the same edits: what a server without the overlay would do per
// change, i.e. write the buffer to disk and run the CLI's path (DiskFileSystem + Compilation +
// JSON report), without process start-up.
//
//   lsp_latency [edits-per-size [lines]]  (default 60 edits, the 20,000-line file gets a fifth of
//                                          them; `lines` measures one size only)
//
// Prints figures; it is not a pass/fail test.
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <streambuf>
#include <string>
#include <thread>
#include <vector>

#include "compiler/checks/source.hpp"
#include "compiler/diag/render.hpp"
#include "compiler/driver/compilation.hpp"
#include "compiler/driver/policy_pass.hpp"
#include "grammar/parse.hpp"
#include "lsp/byte_source.hpp"
#include "lsp/language/incremental_policy.hpp"
#include "lsp/language/language_backend.hpp"
#include "lsp/server.hpp"
#include "lsp/uri.hpp"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr const char* kToday = "2026-03-01";

// One clean template of 28 lines; `{i}` makes each id unique.
std::string block(int i) {
  const std::string id = "bench.t" + std::to_string(i);
  return "template " + id + R"(
  title:        Parcel is running late
  scenario:     shipping_delay
  kind:         reply
  marketplaces: US DE
  params:
    order_id:    order_id   required
    buyer_name:  buyer_name
    eta:         date       required
    count:       count      required
    seller_name: text       required

[en]
greeting   = {buyer_name, select, none {Hello,} other {Hello {buyer_name},}}
confirm    = Your order {order_id} with {count, plural, one {# parcel} other {# parcels}} is late.
solution   = It is now expected on {eta:long}.
next_steps = If it has not arrived by then, simply reply to this message.
closing    = {@signoff.formal}

[de]
greeting   = {buyer_name, select, none {Guten Tag,} other {Guten Tag {buyer_name},}}
confirm    = Ihre Bestellung {order_id} mit {count, plural, one {# Paket} other {# Paketen}} ist spät.
solution   = Sie wird nun am {eta:long} erwartet.
next_steps = Falls sie bis dahin nicht ankommt, antworten Sie einfach auf diese Nachricht.
closing    = {@signoff.formal}

)";
}

std::string make_file(int lines) {
  std::string text = "use std\n\n";
  long count = 2;
  for (int i = 0; count < lines; ++i) {
    const std::string next = block(i);
    count += std::count(next.begin(), next.end(), '\n');
    text += next;
  }
  return text;
}

std::string frame(const json& message) {
  const std::string body = message.dump();
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// Collects what the server writes and wakes the client when a publishDiagnostics arrives.
class Capture final : public std::streambuf {
 public:
  // Waits for publishDiagnostics of `version`; returns the number of diagnostics in it.
  std::size_t wait_for(std::int64_t version) {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [&] { return published_version_ >= version; });
    return published_count_;
  }

 protected:
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) {
      const std::lock_guard<std::mutex> lock(mutex_);
      buffer_ += static_cast<char>(c);
    }
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    const std::lock_guard<std::mutex> lock(mutex_);
    buffer_.append(s, static_cast<std::size_t>(n));
    return n;
  }
  int sync() override {
    std::lock_guard<std::mutex> lock(mutex_);
    while (true) {
      const auto header_end = buffer_.find("\r\n\r\n");
      if (header_end == std::string::npos)
        break;
      const std::size_t length = std::stoul(buffer_.substr(16, header_end - 16));
      if (buffer_.size() < header_end + 4 + length)
        break;
      const json message = json::parse(buffer_.substr(header_end + 4, length));
      buffer_.erase(0, header_end + 4 + length);
      if (message.value("method", "") == "textDocument/publishDiagnostics") {
        published_version_ = message["params"].value("version", std::int64_t{0});
        published_count_ = message["params"]["diagnostics"].size();
        cv_.notify_all();
      }
    }
    return 0;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::string buffer_;
  std::int64_t published_version_ = 0;
  std::size_t published_count_ = 0;
};

struct Stats {
  double p50 = 0, p95 = 0, max = 0, mean = 0;
};

Stats stats(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  Stats s;
  if (ms.empty())
    return s;
  const auto at = [&](double q) {
    const std::size_t i = static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1) + 0.5);
    return ms[std::min(i, ms.size() - 1)];
  };
  s.p50 = at(0.50);
  s.p95 = at(0.95);
  s.max = ms.back();
  for (double m : ms)
    s.mean += m;
  s.mean /= static_cast<double>(ms.size());
  return s;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      std::perror("write");
      std::exit(2);
    }
    done += static_cast<std::size_t>(n);
  }
}

// One edit: type or delete a character in a section of the block in the middle of the file.
struct Edit {
  json change;       // contentChanges[0]
  std::string text;  // the whole document after it
};

std::vector<Edit> make_edits(const std::string& original, int count) {
  std::vector<Edit> edits;
  std::string text = original;
  // The `solution` line of the middle block: "It is now expected on {eta:long}."
  std::size_t at = text.find("solution   = It is now", text.size() / 2);
  if (at == std::string::npos)
    at = text.find("solution   = It is now");
  const std::uint32_t line = static_cast<std::uint32_t>(
      std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  const std::uint32_t column = 22;  // after "solution   = It is now"
  for (int i = 0; i < count; ++i) {
    const std::size_t offset = at + column;
    json change;
    if (i % 2 == 0) {
      text.insert(offset, "x");
      change = {{"range",
                 {{"start", {{"line", line}, {"character", column}}},
                  {"end", {{"line", line}, {"character", column}}}}},
                {"text", "x"}};
    } else {
      text.erase(offset, 1);
      change = {{"range",
                 {{"start", {{"line", line}, {"character", column}}},
                  {"end", {{"line", line}, {"character", column + 1}}}}},
                {"text", ""}};
    }
    edits.push_back({change, text});
  }
  return edits;
}

double thread_cpu_ms(clockid_t clock) {
  timespec now{};
  ::clock_gettime(clock, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

struct Result {
  int lines = 0;
  std::size_t bytes = 0;
  double open_ms = 0;
  std::vector<double> server_ms;
  std::vector<double> server_cpu_ms;  // CPU time of the server thread for the same edits
  std::vector<double> baseline_ms;
  std::size_t diagnostics = 0;
};

// The policy engine, as `replyc check` and `replyc lsp` load it for a project without overrides.
const replyc::PolicySetup& policy() {
  static const replyc::PolicySetup setup = replyc::load_policy(nullptr);
  return setup;
}

Result measure(const fs::path& dir, int lines, int edits_count) {
  Result result;
  result.lines = lines;
  const std::string text = make_file(lines);
  result.bytes = text.size();
  const fs::path file = dir / ("bench" + std::to_string(lines) + ".reply");
  {
    std::ofstream out(file, std::ios::binary);
    out << text;
  }
  const std::string uri = replyc::lsp::path_to_uri(file.generic_string());
  const auto edits = make_edits(text, edits_count);

  // --- The server, in-process. ---
  int fds[2];
  if (::pipe(fds) != 0) {
    std::perror("pipe");
    std::exit(2);
  }
  Capture capture;
  std::ostream out(&capture);
  replyc::lsp::language::BackendOptions options;
  options.workspace.today = kToday;
  options.language = replyc::UiLanguage::English;
  // As `replyc lsp` sets a project up: the policy pass, made incremental (one per project).
  const auto incremental = replyc::lsp::language::make_incremental_policy_pass(policy().engine);
  options.workspace.configure = [&](replyc::CompileOptions& compile, replyc::ProjectConfig&) {
    replyc::enable_policy(compile, policy().engine);
    compile.extra_passes.back() = incremental;  // its rule ids stay, its full pass does not
  };
  replyc::lsp::language::LanguageBackend backend(options);
  replyc::lsp::FdSource source(fds[0]);
  replyc::lsp::ServerOptions server_options;
  server_options.log = nullptr;
  std::thread server([&] { replyc::lsp::run_server(source, out, backend, server_options); });
  clockid_t server_clock{};
  ::pthread_getcpuclockid(server.native_handle(), &server_clock);

  write_all(fds[1], frame({{"jsonrpc", "2.0"},
                           {"id", 1},
                           {"method", "initialize"},
                           {"params",
                            {{"processId", nullptr},
                             {"rootUri", replyc::lsp::path_to_uri(dir.generic_string())},
                             {"capabilities", json::object()}}}}));
  write_all(fds[1],
            frame({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}}));
  auto start = Clock::now();
  write_all(fds[1],
            frame({{"jsonrpc", "2.0"},
                   {"method", "textDocument/didOpen"},
                   {"params",
                    {{"textDocument",
                      {{"uri", uri}, {"languageId", "reply"}, {"version", 1}, {"text", text}}}}}}));
  result.diagnostics = capture.wait_for(1);
  result.open_ms = ms_since(start);

  std::int64_t version = 1;
  for (const Edit& edit : edits) {
    ++version;
    const std::string message = frame({{"jsonrpc", "2.0"},
                                       {"method", "textDocument/didChange"},
                                       {"params",
                                        {{"textDocument", {{"uri", uri}, {"version", version}}},
                                         {"contentChanges", json::array({edit.change})}}}});
    const double cpu_start = thread_cpu_ms(server_clock);
    start = Clock::now();
    write_all(fds[1], message);
    capture.wait_for(version);
    result.server_ms.push_back(ms_since(start));
    result.server_cpu_ms.push_back(thread_cpu_ms(server_clock) - cpu_start);
  }
  write_all(fds[1], frame({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}}));
  write_all(fds[1], frame({{"jsonrpc", "2.0"}, {"method", "exit"}}));
  server.join();
  ::close(fds[0]);
  ::close(fds[1]);

  // --- Baseline: save to disk, then the CLI's compilation and JSON report. ---
  for (const Edit& edit : edits) {
    start = Clock::now();
    {
      std::ofstream save(file, std::ios::binary | std::ios::trunc);
      save << edit.text;
    }
    replyc::DiskFileSystem disk(replyc::checks::kMaxFileBytes);
    replyc::CompileOptions compile;
    compile.root = dir;
    compile.display_base = dir;
    compile.today = kToday;
    compile.files = &disk;
    replyc::enable_policy(compile, policy().engine);
    replyc::Compilation compilation(compile);
    compilation.add_input(file);
    compilation.run();
    const std::string report =
        replyc::render_json_report(compilation.diagnostics(), compilation.sources(), 1,
                                   replyc::UiLanguage::English)
            .dump();
    if (report.empty())
      std::abort();
    result.baseline_ms.push_back(ms_since(start));
  }
  return result;
}

// Where one analysis of a file goes: parsing alone, the compilation without and with the policy
// pass (means over `rounds`).
void breakdown(const fs::path& dir, int lines, int rounds) {
  const std::string text = make_file(lines);
  const fs::path file = dir / ("breakdown" + std::to_string(lines) + ".reply");
  {
    std::ofstream out(file, std::ios::binary);
    out << text;
  }
  // CPU time of this thread: what the work costs, whatever else the machine is doing.
  const auto cpu_ms = [] {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
  };
  const auto time = [&](auto&& body) {
    const double start = cpu_ms();
    for (int i = 0; i < rounds; ++i)
      body();
    return (cpu_ms() - start) / rounds;
  };
  const double parse = time([&] {
    auto result = replyc::grammar::parse(0, text);
    if (result.file.blocks.empty())
      std::abort();
  });
  const auto compile = [&](bool with_policy) {
    replyc::DiskFileSystem disk(replyc::checks::kMaxFileBytes);
    replyc::CompileOptions options;
    options.root = dir;
    options.display_base = dir;
    options.today = kToday;
    options.files = &disk;
    if (with_policy)
      replyc::enable_policy(options, policy().engine);
    replyc::Compilation compilation(options);
    compilation.add_input(file);
    compilation.run();
  };
  const double core = time([&] { compile(false); });
  const double full = time([&] { compile(true); });
  std::printf("%7d lines: parse %.2f ms, compilation without policy %.2f ms, with policy %.2f ms\n",
              lines, parse, core, full);
}

}  // namespace

int main(int argc, char** argv) {
  const int edits = argc > 1 ? std::max(2, std::atoi(argv[1])) : 60;
  const int only = argc > 2 ? std::atoi(argv[2]) : 0;  // measure one size only
  const fs::path dir =
      fs::temp_directory_path() / ("replyc-lsp-latency-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream config(dir / "replyc.json");
    config << "{}\n";
  }
  std::printf(
      "lsp_latency: didChange -> publishDiagnostics, in-process server, one edit at a time\n");
  std::printf(
      "baseline: save to disk + Compilation + JSON report (the CLI's path, no process start)\n");
  std::printf("server CPU: CPU time the server thread spent on the edit (independent of load)\n\n");
  std::printf("%7s %9s %6s %9s | %-29s | %-20s | %-29s\n", "lines", "bytes", "edits", "open ms",
              "server ms  p50 / p95 / max", "server CPU p50 / p95", "baseline ms  p50 / p95 / max");
  for (const int lines : {200, 2000, 20000}) {
    if (only != 0 && lines != only)
      continue;
    const int count = lines >= 20000 ? std::max(2, edits / 5) : edits;
    const Result r = measure(dir, lines, count);
    const Stats s = stats(r.server_ms);
    const Stats b = stats(r.baseline_ms);
    const Stats c = stats(r.server_cpu_ms);
    std::printf(
        "%7d %9zu %6d %9.2f | %8.2f / %8.2f / %8.2f | %8.2f / %8.2f | %8.2f / %8.2f / %8.2f\n",
        r.lines, r.bytes, count, r.open_ms, s.p50, s.p95, s.max, c.p50, c.p95, b.p50, b.p95, b.max);
    if (r.diagnostics != 0)
      std::printf("        (note: the generated file has %zu diagnostics)\n", r.diagnostics);
  }
  std::printf("\nwhere the time goes (CPU time of one analysis, means):\n");
  for (const int lines : {200, 2000, 20000}) {
    if (only == 0 || lines == only)
      breakdown(dir, lines, lines >= 20000 ? 3 : 20);
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}
