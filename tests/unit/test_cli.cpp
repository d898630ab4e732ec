// The command line as a user (or a CI pipeline) meets it: exit codes, formats, languages, I/O
// errors.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/unit/support.hpp"

using replyc::test::run_replyc;
namespace fs = std::filesystem;

namespace {

const std::string kSource = REPLYC_SOURCE_DIR;

fs::path scratch_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("replyc-cli-test-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("the examples are clean and exit 0", "[cli]") {
  const auto r = run_replyc("check --today 2026-11-27 " + kSource + "/examples");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("0 errors, 0 warnings") != std::string::npos);
}

TEST_CASE("findings exit 1, and --fail-on moves the bar", "[cli]") {
  const std::string broken = kSource + "/examples/broken/";
  CHECK(run_replyc("check " + broken + "unknown-param.reply").exit_code == 1);
  CHECK(run_replyc("check " + broken + "unused-param.reply").exit_code == 0);
  CHECK(run_replyc("check --fail-on warning " + broken + "unused-param.reply").exit_code == 1);
}

TEST_CASE("usage and I/O errors exit 2", "[cli]") {
  CHECK(run_replyc("check /nonexistent/path.reply").exit_code == 2);
  CHECK(run_replyc("check --format yaml " + kSource + "/examples").exit_code == 2);
  CHECK(run_replyc("frobnicate").exit_code == 2);
  CHECK(run_replyc("check --today 2026-13-01 " + kSource + "/examples").exit_code == 2);
  const auto empty = scratch_dir("empty");
  CHECK(run_replyc("check " + empty.string()).exit_code == 2);
}

TEST_CASE("a FIFO or unreadable file named on the command line is refused, not waited on",
          "[cli]") {
  const auto dir = scratch_dir("fifo");
  const auto fifo = dir / "pipe.reply";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(run_replyc("check " + fifo.string()).exit_code == 2);
  const auto locked = dir / "locked.reply";
  std::ofstream(locked) << "template t\n";
  fs::permissions(locked, fs::perms::none);
  // Root can read anything; the check only means something for other users.
  if (::geteuid() != 0)
    CHECK(run_replyc("check " + locked.string()).exit_code == 2);
}

TEST_CASE("--format json is a versioned report with positions", "[cli]") {
  const auto r =
      run_replyc("check --format json " + kSource + "/examples/broken/unknown-param.reply");
  CHECK(r.exit_code == 1);
  const auto report = nlohmann::json::parse(r.out);
  CHECK(report["format"] == "replyc-diagnostics");
  CHECK(report["version"] == 1);
  REQUIRE(report["diagnostics"].size() == 1);
  const auto& d = report["diagnostics"][0];
  CHECK(d["code"] == "RC2001");
  CHECK(d["location"]["start"]["line"] == 18);
  CHECK(d["fixes"][0]["edits"][0]["replacement"] == "carrier");
  CHECK(report["summary"]["errors"] == 1);
}

TEST_CASE("messages come in Simplified Chinese on request", "[cli]") {
  const auto r =
      run_replyc("check --lang zh-CN " + kSource + "/examples/broken/unknown-param.reply");
  CHECK(r.out.find("未声明的参数") != std::string::npos);
  const auto env = run_replyc("check " + kSource + "/examples/broken/unknown-param.reply");
  CHECK(env.out.find("unknown param") != std::string::npos);
}

TEST_CASE("explain prints a code's documentation", "[cli]") {
  const auto r = run_replyc("explain RC1001");
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("# RC1001 missing-section", 0) == 0);
  CHECK(run_replyc("explain missing-section").out == r.out);
  CHECK(run_replyc("explain RC9999").exit_code == 2);
}

TEST_CASE("a broken replyc.json is a finding that points into it", "[cli]") {
  const auto dir = scratch_dir("config");
  std::ofstream(dir / "replyc.json") << "{\"failOn\": \"error\",}\n";
  std::ofstream(dir / "a.reply") << "# nothing\n";
  const auto r = run_replyc("check --format json " + dir.string());
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("RC0013") != std::string::npos);
}

TEST_CASE("a number too large for a double in replyc.json is a finding, not an internal error",
          "[cli]") {
  const auto dir = scratch_dir("config-number");
  std::ofstream(dir / "replyc.json") << "{\n  \"failOn\": 1e99999\n}\n";
  std::ofstream(dir / "a.reply") << "# nothing\n";
  const auto r = run_replyc("check " + dir.string());
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("RC0013") != std::string::npos);
  CHECK(r.out.find("replyc.json:2:13") != std::string::npos);  // at the number
}

TEST_CASE("a key written twice in replyc.json is a finding at the second one", "[cli]") {
  const auto dir = scratch_dir("config-twice");
  std::ofstream(dir / "replyc.json")
      << "{\n  \"policy\": {\"rules\": {\"emoji\": \"off\"},\n    \"rules\": {}}\n}\n";
  std::ofstream(dir / "a.reply") << "# nothing\n";
  const auto r = run_replyc("check " + dir.string());
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("RC0013") != std::string::npos);
  CHECK(r.out.find("replyc.json:3:5") != std::string::npos);
  CHECK(r.out.find("\"rules\" is written twice in \"policy\"") != std::string::npos);
}

TEST_CASE("output is identical whatever the order of paths", "[cli]") {
  const std::string a = kSource + "/examples/shipping", b = kSource + "/examples/orders";
  CHECK(run_replyc("check --format json " + a + " " + b).out ==
        run_replyc("check --format json " + b + " " + a).out);
}
