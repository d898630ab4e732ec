// Imports that loop or try to leave the project root, in memory and on disk (symlinks, FIFOs,
// directories, devices).
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "tests/hostile/hostile.hpp"
#include "tests/unit/support.hpp"

using replyc::test::compile;
using replyc::test::template_with_solution;
namespace fs = std::filesystem;

namespace {

std::string snippet_file(const std::string& uses, const std::string& name) {
  return uses + "snippet " + name + "\n\n[en]\ntext = Hello\n";
}

std::size_t count(const replyc::test::Compiled& compiled, replyc::Code code) {
  std::size_t n = 0;
  for (const auto& d : compiled.diagnostics())
    n += d.code == code ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("import cycles of length 1, 2 and 3 are reported once each", "[hostile][imports]") {
  const auto one = compile("use \"main.reply\"\n" + template_with_solution("Done."));
  CHECK(one.codes() == std::vector<std::string>{"RC4002"});

  const auto two = compile("use \"a.reply\"\n" + template_with_solution("Done."),
                           {{"a.reply", snippet_file("use \"main.reply\"\n", "a")}});
  CHECK(two.codes() == std::vector<std::string>{"RC4002"});

  const auto three = compile("use \"a.reply\"\n" + template_with_solution("Done."),
                             {{"a.reply", snippet_file("use \"b.reply\"\n", "a")},
                              {"b.reply", snippet_file("use \"main.reply\"\n", "b")}});
  CHECK(three.codes() == std::vector<std::string>{"RC4002"});

  // Spelled differently, the same file is the same module.
  const auto aliased = compile("use \"./sub/../main.reply\"\n" + template_with_solution("Done."));
  CHECK(count(aliased, replyc::Code::ImportCycle) == 1);
}

TEST_CASE("a hundred files importing each other in a ring finish and report the ring",
          "[hostile][imports]") {
  std::map<std::string, std::string> others;
  for (int i = 0; i < 100; ++i) {
    const std::string next = i == 99 ? "main" : "m" + std::to_string(i + 1);
    others["m" + std::to_string(i) + ".reply"] =
        snippet_file("use \"" + next + ".reply\"\nuse \"main.reply\"\n", "s" + std::to_string(i));
  }
  const auto ring = compile("use \"m0.reply\"\n" + template_with_solution("Done."), others);
  CHECK(ring.has(replyc::Code::ImportCycle));
}

TEST_CASE("imports may not climb out of the root, however they are spelled", "[hostile][imports]") {
  for (const std::string& path :
       std::vector<std::string>{"../outside.reply", "../../../../../../../../etc/passwd",
                                "sub/../../outside.reply", "/etc/passwd", "/project/main.reply",
                                "//project/main.reply", "/dev/zero", "/proc/self/fd/0"}) {
    INFO(path);
    const auto compiled = compile("use \"" + path + "\"\n" + template_with_solution("Done."));
    CHECK(compiled.has(replyc::Code::ImportOutsideRoot));
  }
}

TEST_CASE("odd import paths are findings, not crashes", "[hostile][imports]") {
  for (const std::string& path :
       std::vector<std::string>{"", ".", "./", "sub/", "main.reply/", "nonexistent.reply",
                                std::string(5000, 'a'), "a/b/c/d/e/f/g/h/../../../../x.reply"}) {
    INFO(path);
    const auto compiled = compile("use \"" + path + "\"\n" + template_with_solution("Done."));
    CHECK_FALSE(compiled.diagnostics().empty());
  }
}

TEST_CASE("on disk: ../, absolute paths and symlinks out of the root are refused",
          "[hostile][imports][cli]") {
  const auto base = replyc::hostile::project_dir("climb");
  fs::remove(base / "replyc.json");
  const auto root = base / "project";
  const auto outside = base / "outside";
  replyc::hostile::write_file(root / "replyc.json", "{}\n");
  replyc::hostile::write_file(outside / "secret.reply", snippet_file("", "secret"));
  fs::create_symlink(outside / "secret.reply", root / "link.reply");
  fs::create_directory_symlink(outside, root / "linkdir");
  fs::create_symlink("../outside/secret.reply", root / "relative-link.reply");
  replyc::hostile::write_file(root / "inside.reply", snippet_file("", "inside"));
  fs::create_symlink(root / "inside.reply", root / "inside-link.reply");

  for (const std::string& use : std::vector<std::string>{
           "../outside/secret.reply", (outside / "secret.reply").string(), "link.reply",
           "linkdir/secret.reply", "relative-link.reply", "sub/../../outside/secret.reply"}) {
    INFO(use);
    replyc::hostile::write_file(root / "main.reply",
                                "use \"" + use + "\"\n" + template_with_solution("{@secret}"));
    const auto run = replyc::hostile::run_replyc("check main.reply", root);
    CHECK(run.exit_code == 1);
    CHECK(run.output.find("RC4003") != std::string::npos);
  }
  // A symlink that stays inside the root is fine.
  replyc::hostile::write_file(root / "main.reply",
                              "use \"inside-link.reply\"\n" + template_with_solution("{@inside}"));
  const auto inside = replyc::hostile::run_replyc("check main.reply", root);
  CHECK(inside.output.find("RC4003") == std::string::npos);
  CHECK(inside.exit_code == 0);
  fs::remove_all(base);
}

TEST_CASE("on disk: importing a directory, a FIFO or a device does not hang",
          "[hostile][imports][cli]") {
  const auto root = replyc::hostile::project_dir("import-special");
  fs::create_directories(root / "folder.reply");
  REQUIRE(::mkfifo((root / "pipe.reply").c_str(), 0600) == 0);
  fs::create_symlink("/dev/zero", root / "zero.reply");
  for (const std::string& use :
       std::vector<std::string>{"folder.reply", "pipe.reply", "zero.reply", "."}) {
    INFO(use);
    replyc::hostile::write_file(root / "main.reply",
                                "use \"" + use + "\"\n" + template_with_solution("Done."));
    const auto run = replyc::hostile::run_replyc("check main.reply", root, 60);
    CHECK_FALSE(run.timed_out());
    CHECK(run.exit_code == 1);
  }
  fs::remove_all(root);
}
