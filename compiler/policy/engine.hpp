#pragma once
// The policy engine: finds Amazon buyer-seller messaging policy violations in rendered reply text.
//
// Rule packs are data (locales/<tag>/policy.json plus locales/common/policy.json), compiled into
// the binary. A project can turn rules off, change their severity, allow terms and add phrases
// through the "policy" object of its replyc.json. See docs/policy.md.
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "compiler/base/range.hpp"
#include "compiler/diag/diagnostic.hpp"

namespace replyc::policy {

enum class MessageKind { Reply, Proactive };

struct ScanContext {
  std::string_view locale;  // BCP 47 tag; its language picks the pack ("de-AT" -> de)
  MessageKind kind = MessageKind::Reply;
  bool whole_message = false;  // the text is a whole message (length and order-id rules apply)
};

struct Finding {
  std::string rule;                       // stable rule id, e.g. "review-positive-request"
  Severity severity = Severity::Warning;  // after project overrides
  ByteRange range;                        // bytes of the scanned text, on UTF-8 boundaries
  std::string message_en, message_zh;
  std::string rewrite;     // suggested compliant wording for the matched text; may be empty
  bool disguised = false;  // matched only thanks to normalisation beyond NFKC + case folding
  std::string origin;  // the pattern that matched ("locales/de/policy.json: rules[3].patterns[2]");
                       // empty for a detector's finding
};

struct RuleExample {
  std::string locale;
  std::string text;
  bool flag = true;  // true: the rule must fire; false: no error-level rule may fire
};

struct RuleInfo {
  std::string id;
  Severity severity = Severity::Warning;  // after project overrides
  std::string summary_en, summary_zh;
  std::vector<std::string> flag_examples, keep_examples;  // English ones
  std::vector<RuleExample> examples;                      // every locale's
  bool enabled = true;                                    // false: turned off by the project
  std::string applies;                                    // "all", "reply" or "proactive"
};

struct LoadError {
  std::string where;  // "locales/de/policy.json: rules[3].patterns[2]"
  std::string message;
};

// A rule pack's text; tests and tools may load packs other than the embedded ones.
struct PackSource {
  std::string name;  // path relative to locales/, e.g. "de/policy.json"
  std::string_view text;
};

// When a locale's phrase patterns are compiled. Either way every error of the project's
// overrides is reported by the load; OnFirstUse leaves a pack's own patterns to the first scan
// in that locale, so it is for packs whose patterns are known to compile (the built-in ones,
// which the tests load AtLoad).
enum class LocaleCompile { AtLoad, OnFirstUse };

class Engine {
 public:
  // Built-in packs plus the project's overrides (the "policy" object of replyc.json; may be null).
  // Each locale is compiled when first scanned.
  static std::variant<Engine, std::vector<LoadError>> load(const nlohmann::json* project_policy);
  // The same from explicit pack texts instead of the embedded ones.
  static std::variant<Engine, std::vector<LoadError>> load_packs(
      const std::vector<PackSource>& packs, const nlohmann::json* project_policy,
      LocaleCompile when = LocaleCompile::AtLoad);
  // The embedded pack texts.
  static std::vector<PackSource> builtin_packs();

  // Findings sorted by range, then rule id.
  std::vector<Finding> scan(std::string_view text, const ScanContext& context) const;

  const std::vector<RuleInfo>& rules() const;
  const RuleInfo* find_rule(std::string_view id) const;

  // Locale tags that have a phrase pack ("de", "en", ...).
  std::vector<std::string> locales() const;

  // The normalised literal terms that the locale's automaton searches for (for tools and the
  // benchmark's naive baseline).
  std::vector<std::string> terms(std::string_view locale) const;

  // For tools that look for dead patterns: the origins ("locales/de/policy.json:
  // rules[3].patterns[2]") of the phrase patterns that fire on `text`, guards applied, before
  // rules yield to each other or merge; and the origins of every phrase pattern of a locale.
  std::vector<std::string> firing_patterns(std::string_view text, const ScanContext& context) const;
  std::vector<std::string> pattern_origins(std::string_view locale) const;

  // Runs every flag/keep example of every pack; returns one error per example that fails.
  std::vector<LoadError> self_test() const;

  struct Impl;

 private:
  static std::variant<Engine, std::vector<LoadError>> load_checked(
      const std::vector<PackSource>& packs, const nlohmann::json* project_policy,
      LocaleCompile when);
  explicit Engine(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

// The ids of the Amazon messaging-policy catalogue (docs/policy.md); packs may use no others.
const std::vector<std::string_view>& known_rule_ids();

}  // namespace replyc::policy
