// libFuzzer target: arbitrary bytes as the client side of a session (framing, JSON-RPC,
// lifecycle, dispatch, document sync). The server must neither crash nor throw, and everything
// it writes must be well framed.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fake_backend.hpp"
#include "lsp/server.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::ostringstream out;
  replyc::lsp::test::FakeBackend backend;
  replyc::lsp::ServerOptions options;
  options.log = nullptr;
  options.max_message_bytes = 1 << 16;
  replyc::lsp::run_server(in, out, backend, options);
  const std::string written = out.str();
  if (!written.empty() && written.rfind("Content-Length: ", 0) != 0)
    __builtin_trap();
  return 0;
}
