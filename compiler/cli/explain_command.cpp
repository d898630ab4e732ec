#include <iostream>
#include <nlohmann/json.hpp>

#include "compiler/cli/commands.hpp"
#include "compiler/diag/docs.hpp"
#include "compiler/driver/policy_pass.hpp"

namespace replyc::cli {
namespace {

// Policy rules are data (locales/*/policy.json): their explanation comes from the packs.
int explain_rule(const policy::RuleInfo& rule, UiLanguage language) {
  std::cout << "# " << rule.id << "\n\n";
  std::cout << "Policy rule, default severity: **" << severity_name(rule.severity) << "**"
            << " (reported as RC7001)\n\n";
  std::cout << (language == UiLanguage::Chinese ? rule.summary_zh : rule.summary_en) << "\n";
  auto list = [&](std::string_view title, bool flag) {
    bool any = false;
    for (const auto& example : rule.examples) {
      if (example.flag != flag)
        continue;
      if (!any)
        std::cout << "\n## " << title << "\n\n";
      any = true;
      std::cout << "- [" << example.locale << "] " << example.text << "\n";
    }
  };
  list("Flagged", true);
  list("Not flagged", false);
  std::cout << "\nSuppress one section with `# replyc: allow " << rule.id << " -- reason`.\n";
  return 0;
}

}  // namespace

int run_explain(const CommonOptions& common, const std::string& code) {
  const UiLanguage language = common.language.value_or(ui_language_from_environment());
  if (const CodeInfo* entry = find_code(code)) {
    const auto doc = diagnostic_doc(entry->id);
    if (!doc) {
      std::cerr << "replyc: error: " << entry->id << " has no documentation\n";
      return 2;
    }
    std::cout << *doc;
    if (!doc->ends_with('\n'))
      std::cout << '\n';
    return 0;
  }
  const auto policy = load_policy(nlohmann::json());
  if (policy.engine) {
    if (const auto* rule = policy.engine->find_rule(code))
      return explain_rule(*rule, language);
  }
  std::cerr << "replyc: error: no diagnostic code or rule named '" << code << "'\n";
  return 2;
}

}  // namespace replyc::cli
