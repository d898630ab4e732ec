#pragma once
// Files compiled into the binary (stdlib modules, policy packs, diagnostic docs), so that an
// installed replyc never depends on where it was run from.
#include <span>
#include <string_view>

namespace replyc {

struct EmbeddedFile {
  std::string_view name;   // path relative to the embedded folder, with '/' separators
  std::string_view bytes;  // the file's exact bytes
};

}  // namespace replyc
