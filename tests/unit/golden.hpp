#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace replyc::test {

struct GoldenCase {
  std::string group;                    // "broken" or "cases"
  std::filesystem::path input;          // the .reply file
  std::filesystem::path root;           // its project root
  std::filesystem::path expected_stem;  // expected/<group>/<stem>; add .txt, .zh.txt, .json
};

struct GoldenOutput {
  std::string english, chinese, json;
};

std::vector<GoldenCase> golden_cases();
GoldenOutput run_golden(const GoldenCase& golden);

}  // namespace replyc::test
