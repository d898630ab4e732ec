#pragma once
// Writes a file so that readers see the old content or the new one, never a part: a temporary file
// in the same folder, fsync, rename over the target, fsync the folder. On any failure the target
// is untouched and the temporary file removed.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace replyc::codegen {

// nullopt on success, else why it failed ("cannot create a file in 'out/': Permission denied").
std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                 std::string_view content);

namespace testing {
// Fails on purpose at one step, to prove that a failure leaves the target alone.
enum class Fault { None, Write, Fsync, Rename };
std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                 std::string_view content, Fault fault);
}  // namespace testing

}  // namespace replyc::codegen
