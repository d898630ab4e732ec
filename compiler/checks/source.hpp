#pragma once
// Checks on a file's raw bytes, before parsing: encoding, size, line endings, tabs.
#include <string_view>
#include <vector>

#include "compiler/diag/diagnostic.hpp"

namespace replyc::checks {

inline constexpr std::size_t kMaxFileBytes = 8u << 20;   // 8 MiB
inline constexpr std::size_t kMaxLineBytes = 64u << 10;  // 64 KiB

// Appends findings; returns false when the file must not be parsed (binary, too large).
bool check_source(FileId file, std::string_view text, std::vector<Diagnostic>& out);

}  // namespace replyc::checks
