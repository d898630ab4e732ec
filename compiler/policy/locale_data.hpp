#pragma once
// The rule packs under locales/, compiled into the binary by replyc_embed (library
// replyc_locale_data, see locales/CMakeLists.txt).
#include <span>

#include "compiler/base/embedded.hpp"

namespace replyc::generated {
std::span<const replyc::EmbeddedFile> locale_files();
}  // namespace replyc::generated
