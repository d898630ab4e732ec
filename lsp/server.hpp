#pragma once
// The LSP server: lifecycle (initialize, initialized, shutdown, exit), dispatch of requests and
// notifications to the Backend, document synchronisation and diagnostics publishing.
//
// One thread. Messages are handled in the order they arrive; the messages the client has
// already sent are read ahead (up to ServerOptions::max_read_ahead) so that a $/cancelRequest
// can cancel a request still waiting, and a burst of didChange for one document is analysed
// once, after its last edit.
#include <chrono>
#include <cstddef>
#include <functional>
#include <iostream>
#include <istream>
#include <ostream>
#include <string>

#include "lsp/backend.hpp"
#include "lsp/byte_source.hpp"
#include "lsp/transport.hpp"

namespace replyc::lsp {

struct ServerOptions {
  // Bodies larger than this are skipped unread and refused.
  std::size_t max_message_bytes = kDefaultMaxMessageBytes;
  // Messages read ahead of the one being handled.
  std::size_t max_read_ahead = 256;
  std::string server_name = "replyc";
  std::string server_version = "0.1.0";
  // Where the server's own log goes (never the protocol stream); nullptr silences it.
  std::ostream* log = &std::cerr;
  // Called on another thread when the client process named by initialize's processId no longer
  // exists (polled every parent_poll_interval); unset, the processId is not watched.
  std::function<void(long pid)> on_parent_gone;
  std::chrono::milliseconds parent_poll_interval{1000};
};

// Runs a session until the exit notification or the end of the input. Returns the process exit
// code: 0 when shutdown was requested before, 1 otherwise (LSP 3.17, "exit").
int run_server(ByteSource& in, std::ostream& out, Backend& backend,
               const ServerOptions& options = {});
// The same over a std::istream; for std::cin call prepare_stdio() (byte_source.hpp) first.
int run_server(std::istream& in, std::ostream& out, Backend& backend,
               const ServerOptions& options = {});

}  // namespace replyc::lsp
