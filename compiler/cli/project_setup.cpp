#include "compiler/cli/project_setup.hpp"

#include "compiler/base/date.hpp"
#include "compiler/checks/source.hpp"
#include "compiler/driver/policy_pass.hpp"

namespace replyc::cli {

ProjectSetup prepare_project(const CommonOptions& common,
                             const std::filesystem::path& first_input) {
  ProjectSetup setup;
  std::filesystem::path root;
  if (!common.root.empty()) {
    root = std::filesystem::weakly_canonical(std::filesystem::absolute(common.root));
  } else if (auto found = find_project_root(first_input)) {
    root = *found;
  } else {
    std::error_code ec;
    root = std::filesystem::is_directory(first_input, ec) ? first_input : first_input.parent_path();
    root = std::filesystem::weakly_canonical(root, ec);
  }
  setup.config = load_project_config(root);

  if (common.language) {
    setup.language = *common.language;
  } else if (setup.config.language) {
    setup.language = parse_ui_language(*setup.config.language).value_or(UiLanguage::English);
  } else {
    setup.language = ui_language_from_environment();
  }

  setup.files = std::make_shared<DiskFileSystem>(checks::kMaxFileBytes);
  setup.options.root = root;
  std::error_code ec;
  setup.options.display_base = std::filesystem::current_path(ec);
  setup.options.today = common.today.empty() ? today_iso() : common.today;
  setup.options.files = setup.files.get();

  // The policy packs are compiled in; only the project's overrides can make them fail to load.
  auto policy = load_policy(setup.config.policy);
  if (!policy.errors.empty() && setup.config.error.empty()) {
    setup.config.error = policy.errors.front();
    setup.config.error_offset = 0;
  }
  enable_policy(setup.options, policy.engine);
  return setup;
}

}  // namespace replyc::cli
