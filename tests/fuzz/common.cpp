#include <cstdio>
#include <string>

#include "tests/fuzz/entries.hpp"

namespace replyc::fuzz {

void fail(const char* file, int line, const char* condition) {
  const std::string message =
      std::string(file) + ":" + std::to_string(line) + ": invariant failed: " + condition;
  std::fprintf(stderr, "%s\n", message.c_str());
  throw InvariantFailure(message);
}

}  // namespace replyc::fuzz
