#pragma once
// The documentation of each diagnostic code (docs/diagnostics/<CODE>.md, compiled in).
#include <optional>
#include <string_view>

namespace replyc {

std::optional<std::string_view> diagnostic_doc(std::string_view code_id);

}  // namespace replyc
