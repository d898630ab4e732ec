#pragma once
// `replyc lsp`: how the language server is set up, for tests and tools that run the same backend
// in-process.
#include "compiler/cli/commands.hpp"
#include "lsp/language/language_backend.hpp"

namespace replyc::cli {

// The backend options `replyc lsp` uses: --lang, --today and --root from `common`, and each
// project compiled with exactly what `replyc check` adds (prepare_project: the policy pass, its
// rule ids, problems with replyc.json), the policy pass made incremental.
lsp::language::BackendOptions lsp_backend_options(const CommonOptions& common);

}  // namespace replyc::cli
