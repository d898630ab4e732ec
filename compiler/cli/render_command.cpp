// `replyc render`: one message from a bundle, with strictly checked params.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "compiler/cli/commands.hpp"
#include "compiler/codegen/bundle_json.hpp"
#include "compiler/codegen/render.hpp"
#include "compiler/driver/config.hpp"
#ifdef REPLYC_HAVE_POLICY
#include "compiler/policy/engine.hpp"
#endif

namespace replyc::cli {
namespace {

int usage_error(const std::string& message) {
  std::cerr << "replyc: error: " << message << "\n";
  return 2;
}

// Reads --params FILE: a JSON object whose values are strings (numbers are taken as written).
std::optional<std::string> read_params_file(const std::string& path,
                                            std::map<std::string, std::string>& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return "cannot read '" + path + "'";
  std::ostringstream bytes;
  bytes << in.rdbuf();
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(bytes.str());
  } catch (const nlohmann::json::exception& error) {  // syntax, numbers out of range
    return "'" + path + "' is not valid JSON: " + error.what();
  }
  if (!parsed.is_object())
    return "'" + path + "' must hold a JSON object of param names to values";
  for (const auto& [name, value] : parsed.items()) {
    if (value.is_string())
      out[name] = value.get<std::string>();
    else if (value.is_number())
      out[name] = value.dump();
    else if (!value.is_null())
      return "'" + path + "': the value of '" + name + "' must be a string or a number";
  }
  return std::nullopt;
}

#ifdef REPLYC_HAVE_POLICY
// The policy scan of the filled-in message. Findings in the template's own text were reported
// (or deliberately allowed) when the bundle was built, so only those that touch an inserted value
// count here: a buyer name holding a link, an address in a free-text param.
int policy_findings(const CommonOptions& common, const codegen::Bundle& bundle,
                    const RenderOptions& options, const codegen::Rendered& rendered) {
  std::filesystem::path root = common.root;
  if (root.empty()) {
    std::error_code ec;
    if (auto found = find_project_root(std::filesystem::current_path(ec)))
      root = *found;
  }
  ProjectConfig config;
  if (!root.empty())
    config = load_project_config(root);
  const nlohmann::json* overrides =
      config.error.empty() && config.policy.is_object() ? &config.policy : nullptr;
  auto loaded = policy::Engine::load(overrides);
  if (auto* errors = std::get_if<std::vector<policy::LoadError>>(&loaded)) {
    for (const auto& error : *errors)
      std::cerr << "replyc: error: policy: " << error.where << ": " << error.message << "\n";
    return 2;
  }
  const auto& engine = std::get<policy::Engine>(loaded);
  const codegen::Template* templ = bundle.find_template(options.template_id);
  policy::ScanContext context;
  context.locale = options.locale;
  context.kind = templ != nullptr && templ->kind == "proactive" ? policy::MessageKind::Proactive
                                                                : policy::MessageKind::Reply;
  context.whole_message = true;
  int errors = 0;
  for (const auto& finding : engine.scan(rendered.text, context)) {
    const bool touches_value =
        std::any_of(rendered.inserted.begin(), rendered.inserted.end(), [&](const auto& range) {
          return finding.range.begin < range.second && range.first < finding.range.end;
        });
    if (!touches_value || finding.severity < Severity::Error)
      continue;
    const std::string matched =
        rendered.text.substr(finding.range.begin, finding.range.end - finding.range.begin);
    std::cerr << "replyc: error: the filled-in message breaks the messaging policy ["
              << finding.rule << "]: " << finding.message_en << " (\"" << matched << "\")\n";
    ++errors;
  }
  if (errors > 0)
    std::cerr << "replyc: error: nothing printed; check the param values\n";
  return errors > 0 ? 2 : 0;
}
#endif

}  // namespace

int run_render(const CommonOptions& common, const RenderOptions& options) {
  std::map<std::string, std::string> given;
  if (!options.params_file.empty()) {
    if (auto error = read_params_file(options.params_file, given))
      return usage_error(*error);
  }
  std::map<std::string, std::string> from_flags;
  for (const auto& item : options.params) {
    const auto equals = item.find('=');
    if (equals == std::string::npos || equals == 0)
      return usage_error("--param takes name=value, not '" + item + "'");
    const std::string name = item.substr(0, equals);
    if (!from_flags.emplace(name, item.substr(equals + 1)).second)
      return usage_error("--param " + name + " is given twice");
  }
  for (auto& [name, value] : from_flags)
    given[name] = value;  // --param wins over --params

  auto loaded = codegen::read_bundle_file(options.bundle);
  if (auto* errors = std::get_if<std::vector<codegen::BundleError>>(&loaded)) {
    std::cerr << "replyc: error: '" << options.bundle << "' is not a usable bundle:\n";
    for (const auto& error : *errors)
      std::cerr << "  " << error.to_string() << "\n";
    return 2;
  }
  const auto& bundle = std::get<codegen::Bundle>(loaded);
  auto result = codegen::render(bundle, options.template_id, options.locale, given);
  if (auto* errors = std::get_if<std::vector<codegen::RenderError>>(&result)) {
    for (const auto& error : *errors)
      std::cerr << "replyc: error: " << error.message << " [" << error.code << "]\n";
    return 2;
  }
  const auto& rendered = std::get<codegen::Rendered>(result);
#ifdef REPLYC_HAVE_POLICY
  if (const int status = policy_findings(common, bundle, options, rendered); status != 0)
    return status;
#else
  (void)common;
#endif
  if (options.format == "json") {
    nlohmann::json sections = nlohmann::json::object();
    for (const auto& [name, text] : rendered.sections)
      sections[name] = text;
    const nlohmann::json out = {{"template", options.template_id},
                                {"locale", options.locale},
                                {"text", rendered.text},
                                {"sections", std::move(sections)}};
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::cout << rendered.text << "\n";
  }
  std::cout.flush();
  return std::cout ? 0 : 2;
}

}  // namespace replyc::cli
