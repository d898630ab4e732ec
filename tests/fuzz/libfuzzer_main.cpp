// libFuzzer's entry point around one of tests/fuzz/entries.hpp's functions, chosen at build time
// by REPLYC_FUZZ_ENTRY (see CMakeLists.txt).
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return replyc::fuzz::REPLYC_FUZZ_ENTRY(data, size);
}
