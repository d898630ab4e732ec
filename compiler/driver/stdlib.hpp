#pragma once
// The standard library (stdlib/*.reply), compiled into the binary.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "compiler/base/embedded.hpp"

namespace replyc::generated {
std::span<const replyc::EmbeddedFile> stdlib_files();
}

namespace replyc {

// `use std` -> stdlib/std.reply, `use std.holiday` -> stdlib/std.holiday.reply.
std::optional<std::string_view> find_stdlib_module(std::string_view name);
std::string stdlib_virtual_path(std::string_view name);  // "<std>/std.reply"

}  // namespace replyc
