#include "compiler/diag/docs.hpp"

#include <string>

#include "compiler/base/embedded.hpp"

namespace replyc::generated {
std::span<const replyc::EmbeddedFile> diagnostic_docs();
}

namespace replyc {

std::optional<std::string_view> diagnostic_doc(std::string_view code_id) {
  const std::string name = std::string(code_id) + ".md";
  for (const auto& entry : generated::diagnostic_docs()) {
    if (entry.name == name)
      return entry.bytes;
  }
  return std::nullopt;
}

}  // namespace replyc
