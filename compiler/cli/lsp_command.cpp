// `replyc lsp`: the language server, JSON-RPC over stdin/stdout.
#include "compiler/cli/lsp_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "compiler/cli/project_setup.hpp"
#include "compiler/driver/policy_pass.hpp"
#include "compiler/policy/engine.hpp"
#include "lsp/byte_source.hpp"
#include "lsp/language/incremental_policy.hpp"
#include "lsp/language/language_backend.hpp"
#include "lsp/server.hpp"

#ifndef REPLYC_VERSION
#define REPLYC_VERSION "0.1.0"
#endif

namespace replyc::cli {

namespace {

// What `replyc check` adds to a project's compile options beyond root, files and date (extra
// passes such as the policy engine, the rule ids suppressions may name, a problem with the
// project's settings), taken from the same prepare_project() so that both report alike. It
// depends on replyc.json alone, and building it loads the rule packs: kept per replyc.json text
// for the whole process.
struct CheckAdditions {
  CompileOptions options;
  std::string error;
  std::uint32_t error_offset = 0;
  std::shared_ptr<const policy::Engine> engine;  // the same packs and overrides, for the editor
};

const CheckAdditions& check_additions(const CommonOptions& common, const ProjectConfig& config) {
  static std::mutex mutex;
  static std::map<std::string, CheckAdditions> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  if (const auto it = cache.find(config.text); it != cache.end())
    return it->second;
  CommonOptions with_root = common;
  with_root.root = config.root.string();
  ProjectSetup setup = prepare_project(with_root, config.root);
  CheckAdditions additions{std::move(setup.options), setup.config.error, setup.config.error_offset,
                           load_policy(setup.config.policy).engine};
  return cache.emplace(config.text, std::move(additions)).first->second;
}

// Configures each project as `replyc check` would, with the policy pass made incremental: one
// per project root (its cache follows that project's text), rebuilt when replyc.json changes.
class CheckSetup {
 public:
  explicit CheckSetup(const CommonOptions& common) : common_(common) {}

  void operator()(CompileOptions& options, ProjectConfig& config) {
    const std::string key = config.root.generic_string();
    auto it = projects_->find(key);
    if (it == projects_->end() || it->second.config_text != config.text) {
      const CheckAdditions& additions = check_additions(common_, config);
      Entry entry{config.text, additions.options.extra_passes, additions.options.is_known_rule,
                  additions.error, additions.error_offset};
      if (additions.engine)
        lsp::language::make_policy_incremental(entry.extra_passes, additions.engine);
      it = projects_->insert_or_assign(key, std::move(entry)).first;
    }
    options.extra_passes = it->second.extra_passes;
    options.is_known_rule = it->second.is_known_rule;
    if (config.error.empty() && !it->second.error.empty()) {
      config.error = it->second.error;
      config.error_offset = it->second.error_offset;
    }
  }

 private:
  struct Entry {
    std::string config_text;
    std::vector<std::function<void(checks::Context&)>> extra_passes;
    std::function<bool(std::string_view)> is_known_rule;
    std::string error;
    std::uint32_t error_offset = 0;
  };
  CommonOptions common_;
  // Shared so that the copies std::function makes share one cache.
  std::shared_ptr<std::map<std::string, Entry>> projects_ =
      std::make_shared<std::map<std::string, Entry>>();
};

// Hover text for a policy rule id: its summary and a flagged and a kept example.
std::optional<std::string> describe_policy_rule(std::string_view id, UiLanguage language) {
  static const PolicySetup policy = load_policy(nullptr);
  if (!policy.engine)
    return std::nullopt;
  const policy::RuleInfo* rule = policy.engine->find_rule(id);
  if (rule == nullptr)
    return std::nullopt;
  const bool zh = language == UiLanguage::Chinese;
  std::string text =
      fmt::format("**{} `{}`** · {}\n\n{}", zh ? "政策规则" : "policy rule", rule->id,
                  severity_name(rule->severity),
                  zh && !rule->summary_zh.empty() ? rule->summary_zh : rule->summary_en);
  if (!rule->flag_examples.empty())
    text += fmt::format("\n\n{}: \"{}\"", zh ? "会被标记" : "Flagged", rule->flag_examples.front());
  if (!rule->keep_examples.empty())
    text += fmt::format("  \n{}: \"{}\"", zh ? "不会被标记" : "Kept", rule->keep_examples.front());
  return text;
}

}  // namespace

lsp::language::BackendOptions lsp_backend_options(const CommonOptions& common) {
  lsp::language::BackendOptions options;
  options.language = common.language;
  options.workspace.today = common.today;
  if (!common.root.empty()) {
    std::error_code ec;
    options.workspace.forced_root =
        std::filesystem::weakly_canonical(std::filesystem::absolute(common.root), ec);
  }
  options.workspace.configure = CheckSetup(common);
  options.describe_rule = describe_policy_rule;
  return options;
}

int run_lsp(const CommonOptions& common) {
  lsp::prepare_stdio();
  lsp::language::LanguageBackend backend(lsp_backend_options(common));
  lsp::ServerOptions server;
  server.server_name = "replyc";
  server.server_version = REPLYC_VERSION;
  server.log = &std::cerr;
  server.on_parent_gone = [](long pid) {
    std::cerr << fmt::format("replyc lsp: the client process {} is gone; exiting\n", pid);
    std::cerr.flush();
    std::_Exit(1);  // LSP 3.17: exit without shutdown is exit code 1
  };
  lsp::FdSource input(STDIN_FILENO);
  const int status = lsp::run_server(input, std::cout, backend, server);
  std::cout.flush();
  return status;
}

}  // namespace replyc::cli
