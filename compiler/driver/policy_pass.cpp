#include "compiler/driver/policy_pass.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "compiler/checks/variants.hpp"
#include "compiler/diag/make.hpp"

namespace replyc {
namespace {

policy::MessageKind kind_of(const ast::Block& block) {
  for (const auto& field : block.fields) {
    if (field.key.text == "kind" && !field.words.empty() && field.words[0].text == "proactive")
      return policy::MessageKind::Proactive;
  }
  return policy::MessageKind::Reply;
}

}  // namespace

std::vector<Diagnostic> scan_locale(const policy::Engine& engine, const sema::Module& module,
                                    const ast::Block& block, const ast::LocaleBlock& locale,
                                    const checks::Context& context) {
  std::vector<Diagnostic> found;
  const bool whole = block.kind == ast::BlockKind::Template;
  const policy::ScanContext scan{locale.tag.text, kind_of(block), whole};
  std::set<std::tuple<std::string, FileId, std::uint32_t, std::uint32_t>> seen;
  for (const auto& variant : checks::expand_locale(context.project, module, block, locale)) {
    for (const auto& finding : engine.scan(variant.text, scan)) {
      auto where = checks::map_to_source(variant, finding.range.begin, finding.range.end);
      // A finding that lies in sample values alone is not something the author wrote; one about
      // the whole message (its length, a missing order id) belongs to the locale header.
      if (!where) {
        if (finding.range.size() < variant.text.size() / 2)
          continue;
        where = Location{module.file, locale.header_range};
      }
      if (!seen.emplace(finding.rule, where->file, where->range.begin, where->range.end).second)
        continue;
      auto d =
          make_diagnostic(Code::PolicyViolation, *where, {finding.message_en, finding.message_zh});
      d.severity = finding.severity;
      d.rule = finding.rule;
      const std::string_view source = context.sources.file(where->file).text;
      const bool verbatim =
          where->range.end <= source.size() &&
          source.substr(where->range.begin, where->range.size()) ==
              std::string_view(variant.text).substr(finding.range.begin, finding.range.size());
      if (!finding.rewrite.empty() && verbatim) {
        d.fixes.push_back(
            make_fix(NoteId::ReplaceWith, {finding.rewrite}, *where, finding.rewrite));
      }
      found.push_back(std::move(d));
    }
  }
  return found;
}

std::function<void(checks::Context&)> make_policy_pass(
    std::shared_ptr<const policy::Engine> engine) {
  return [engine](checks::Context& context) {
    for (const auto& module : context.project.modules) {
      if (module->is_stdlib)
        continue;
      for (const auto& block : module->ast.blocks) {
        for (const auto& locale : block.locales) {
          for (auto& d : scan_locale(*engine, *module, block, locale, context))
            context.report(std::move(d));
        }
      }
    }
  };
}

PolicySetup load_policy(const nlohmann::json& project_policy) {
  PolicySetup setup;
  auto loaded = policy::Engine::load(project_policy.is_null() ? nullptr : &project_policy);
  if (auto* errors = std::get_if<std::vector<policy::LoadError>>(&loaded)) {
    for (const auto& error : *errors)
      setup.errors.push_back(error.where + ": " + error.message);
    return setup;
  }
  setup.engine =
      std::make_shared<const policy::Engine>(std::move(std::get<policy::Engine>(loaded)));
  return setup;
}

void enable_policy(CompileOptions& options, std::shared_ptr<const policy::Engine> engine) {
  if (!engine)
    return;
  options.extra_passes.push_back(make_policy_pass(engine));
  options.is_known_rule = [engine](std::string_view rule) {
    return engine->find_rule(rule) != nullptr;
  };
}

}  // namespace replyc
