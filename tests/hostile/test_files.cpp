// Files that are not files: directories, FIFOs, devices, unreadable files, symlink loops. The CLI
// answers each with exit code 2 and a message, and never waits on one.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <string>

#include "tests/hostile/hostile.hpp"
#include "tests/unit/support.hpp"

using replyc::hostile::quote;
using replyc::hostile::run_replyc;
using replyc::test::template_with_solution;
namespace fs = std::filesystem;

TEST_CASE("a FIFO named as a file, or found in a folder, is refused without waiting",
          "[hostile][files][cli]") {
  const auto root = replyc::hostile::project_dir("fifo");
  REQUIRE(::mkfifo((root / "pipe.reply").c_str(), 0600) == 0);
  const auto named = run_replyc("check pipe.reply", root, 60);
  CHECK_FALSE(named.timed_out());
  CHECK(named.exit_code == 2);
  CHECK(named.output.find("pipe.reply") != std::string::npos);
  replyc::hostile::write_file(root / "good.reply", template_with_solution("Done."));
  const auto searched = run_replyc("check .", root, 60);
  CHECK_FALSE(searched.timed_out());
  CHECK(searched.exit_code == 2);
  fs::remove_all(root);
}

TEST_CASE("a directory named like a template is searched, not read", "[hostile][files][cli]") {
  const auto root = replyc::hostile::project_dir("directory");
  fs::create_directories(root / "folder.reply");
  const auto empty = run_replyc("check folder.reply", root, 60);
  CHECK(empty.exit_code == 2);
  CHECK(empty.output.find("no .reply files") != std::string::npos);
  replyc::hostile::write_file(root / "folder.reply" / "inner.reply", template_with_solution("Ok."));
  CHECK(run_replyc("check folder.reply", root, 60).exit_code == 0);
  CHECK(run_replyc("check .", root, 60).exit_code == 0);
  fs::remove_all(root);
}

TEST_CASE("devices are refused, not read forever", "[hostile][files][cli]") {
  const auto root = replyc::hostile::project_dir("devices");
  for (const char* device : {"/dev/zero", "/dev/null", "/dev/urandom"}) {
    INFO(device);
    const auto run = run_replyc(std::string("check ") + device, root, 60);
    CHECK_FALSE(run.timed_out());
    CHECK(run.exit_code == 2);
  }
  fs::create_symlink("/dev/zero", root / "zero.reply");
  const auto linked = run_replyc("check zero.reply", root, 60);
  CHECK_FALSE(linked.timed_out());
  CHECK(linked.exit_code == 2);
  fs::remove_all(root);
}

TEST_CASE("symlink loops and dangling links are I/O errors", "[hostile][files][cli]") {
  const auto root = replyc::hostile::project_dir("loops");
  fs::create_symlink(root / "b.reply", root / "a.reply");
  fs::create_symlink(root / "a.reply", root / "b.reply");
  fs::create_symlink(root / "missing.reply", root / "dangling.reply");
  fs::create_directory_symlink(root, root / "self");
  for (const char* name : {"a.reply", "dangling.reply"}) {
    INFO(name);
    const auto run = run_replyc(std::string("check ") + name, root, 60);
    CHECK_FALSE(run.timed_out());
    CHECK(run.exit_code == 2);
  }
  // A folder search does not follow the directory link back into itself.
  replyc::hostile::write_file(root / "good.reply", template_with_solution("Done."));
  const auto searched = run_replyc("check .", root, 60);
  CHECK_FALSE(searched.timed_out());
  CHECK(searched.exit_code == 2);  // a.reply and b.reply cannot be read
  fs::remove_all(root);
}

TEST_CASE("an unreadable file is an I/O error", "[hostile][files][cli]") {
  if (replyc::hostile::ignores_permissions()) {
    WARN("skipped: this process reads files whatever their mode (running as root)");
    return;
  }
  const auto root = replyc::hostile::project_dir("unreadable");
  replyc::hostile::write_file(root / "locked.reply", template_with_solution("Done."));
  fs::permissions(root / "locked.reply", fs::perms::none);
  const auto named = run_replyc("check locked.reply", root, 60);
  CHECK(named.exit_code == 2);
  CHECK(named.output.find("locked.reply") != std::string::npos);
  // Imported, it is a finding on the import.
  replyc::hostile::write_file(root / "main.reply",
                              "use \"locked.reply\"\n" + template_with_solution("Done."));
  CHECK(run_replyc("check main.reply", root, 60).exit_code == 1);
  fs::permissions(root / "locked.reply", fs::perms::owner_all);
  fs::remove_all(root);
}

TEST_CASE("a replyc.json that is a directory, a FIFO or garbage does not stop the check",
          "[hostile][files][cli]") {
  const auto root = replyc::hostile::project_dir("config");
  replyc::hostile::write_file(root / "main.reply", template_with_solution("Done."));
  fs::remove(root / "replyc.json");
  fs::create_directories(root / "replyc.json");
  CHECK_FALSE(run_replyc("check main.reply", root, 60).timed_out());
  fs::remove_all(root / "replyc.json");
  REQUIRE(::mkfifo((root / "replyc.json").c_str(), 0600) == 0);
  const auto fifo = run_replyc("check main.reply", root, 60);
  CHECK_FALSE(fifo.timed_out());
  fs::remove(root / "replyc.json");
  replyc::hostile::write_file(root / "replyc.json", std::string("\xFF\0{{{{", 6));
  const auto garbage = run_replyc("check --format json main.reply", root, 60);
  CHECK(garbage.exit_code == 1);
  CHECK(garbage.output.find("RC0013") != std::string::npos);
  fs::remove_all(root);
}

TEST_CASE("a folder search skips hidden files: editor lock links and macOS metadata",
          "[hostile][files][cli]") {
  const auto root = replyc::hostile::project_dir("hidden");
  replyc::hostile::write_file(root / "main.reply", template_with_solution("Done."));
  fs::create_symlink("user@host.1234:1700000000", root / ".#main.reply");  // Emacs, dangling
  replyc::hostile::write_file(root / "._main.reply", std::string("\0\5\26\7\0\2", 6));
  const auto run = run_replyc("check .", root, 60);
  CHECK(run.exit_code == 0);
  CHECK(run.output.find("checked 1 file") != std::string::npos);
  fs::remove_all(root);
}
