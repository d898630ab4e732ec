#include <catch2/catch.hpp>

#include "compiler/codegen/atomic_file.hpp"
#include "helpers.hpp"

using namespace replyc::codegen;

namespace {

std::vector<std::string> names(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("atomic write creates and replaces a file", "[atomic]") {
  const auto dir = bundle_test::temp_dir("atomic");
  const auto file = dir / "out.json";
  REQUIRE_FALSE(write_file_atomically(file, "first\n"));
  CHECK(bundle_test::read_file(file) == "first\n");
  REQUIRE_FALSE(write_file_atomically(file, "second\n"));
  CHECK(bundle_test::read_file(file) == "second\n");
  CHECK(names(dir) == std::vector<std::string>{"out.json"});
  std::filesystem::remove_all(dir);
}

TEST_CASE("a failed atomic write leaves the old file and no temporary file", "[atomic]") {
  const auto dir = bundle_test::temp_dir("atomic-fail");
  const auto file = dir / "out.json";
  REQUIRE_FALSE(write_file_atomically(file, "old\n"));
  using testing::Fault;
  for (const Fault fault : {Fault::Write, Fault::Fsync, Fault::Rename}) {
    const auto error = testing::write_file_atomically(file, "new\n", fault);
    REQUIRE(error.has_value());
    CHECK(error->find("cannot write") == 0);
    CHECK(bundle_test::read_file(file) == "old\n");
    CHECK(names(dir) == std::vector<std::string>{"out.json"});
  }
  // Nothing at all is created when the first write fails.
  const auto fresh = dir / "fresh.json";
  CHECK(testing::write_file_atomically(fresh, "x", Fault::Rename).has_value());
  CHECK_FALSE(std::filesystem::exists(fresh));
  CHECK(names(dir) == std::vector<std::string>{"out.json"});
  std::filesystem::remove_all(dir);
}

TEST_CASE("atomic write refuses folders and missing folders", "[atomic]") {
  const auto dir = bundle_test::temp_dir("atomic-where");
  CHECK(write_file_atomically(dir, "x")->find("it is a folder") != std::string::npos);
  CHECK(write_file_atomically(dir / "no" / "such.json", "x")->find("does not exist") !=
        std::string::npos);
  std::filesystem::remove_all(dir);
}
