// libFuzzer's entry point around one of tests/fuzz/entries.hpp's functions, chosen at build time
// by REPLYC_FUZZ_ENTRY (see CMakeLists.txt), and its start-up work REPLYC_FUZZ_PREPARE if it has
// any.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return replyc::fuzz::REPLYC_FUZZ_ENTRY(data, size);
}

#ifdef REPLYC_FUZZ_PREPARE
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  replyc::fuzz::REPLYC_FUZZ_PREPARE();
  return 0;
}
#endif
