#pragma once
// file:// URIs <-> filesystem paths, percent-encoding every byte outside the RFC 3986 unreserved
// set (so spaces and non-ASCII UTF-8 round-trip), the way VS Code spells them.
#include <optional>
#include <string>
#include <string_view>

namespace replyc::lsp {

// The path of a file URI ("file:///a%20b/%C3%A9.reply" -> "/a b/é.reply"); nullopt for other
// schemes (e.g. "untitled:") and for file URIs naming a remote host. A Windows drive path
// ("file:///c%3A/x") becomes "c:/x". Query and fragment are dropped.
std::optional<std::string> uri_to_path(std::string_view uri);

// The file URI of an absolute path. Backslashes of a Windows drive path become slashes.
std::string path_to_uri(std::string_view path);

}  // namespace replyc::lsp
