#include "bench/policy/pattern_coverage.hpp"

#include <map>
#include <set>
#include <string>

namespace replyc::policy {
namespace {

// "locales/de/policy.json: rules[3].patterns[2]" -> "locales/de/policy.json".
std::string pack_of(const std::string& origin) {
  return origin.substr(0, origin.find(':'));
}

}  // namespace

int print_pattern_coverage(const Engine& engine, const std::vector<corpus::Entry>& entries,
                           std::FILE* out) {
  std::set<std::string> fired;
  const auto read = [&](std::string_view text, const ScanContext& context) {
    for (std::string& origin : engine.firing_patterns(text, context)) {
      fired.insert(std::move(origin));
    }
  };
  std::size_t texts = 0;
  for (const corpus::Entry& e : entries) {
    ScanContext context;
    context.locale = e.locale;
    context.kind = e.kind;
    context.whole_message = e.whole;
    read(e.text, context);
    ++texts;
  }
  for (const RuleInfo& info : engine.rules()) {
    for (const RuleExample& example : info.examples) {
      ScanContext context;
      context.locale = example.locale;
      context.kind = info.applies == "proactive" ? MessageKind::Proactive : MessageKind::Reply;
      read(example.text, context);
      ++texts;
    }
  }

  // Every pattern once (the common pack's patterns are compiled into every locale).
  std::map<std::string, std::pair<int, int>> per_pack;  // pack -> (patterns, never fired)
  std::set<std::string> seen;
  int never = 0;
  for (const std::string& locale : engine.locales()) {
    for (const std::string& origin : engine.pattern_origins(locale)) {
      if (!seen.insert(origin).second) {
        continue;
      }
      auto& [patterns, dead] = per_pack[pack_of(origin)];
      ++patterns;
      if (!fired.count(origin)) {
        std::fprintf(out, "never fired: %s\n", origin.c_str());
        ++dead;
        ++never;
      }
    }
  }
  std::fprintf(out, "\n%zu texts read (corpus and pack examples)\n", texts);
  for (const auto& [pack, counts] : per_pack) {
    std::fprintf(out, "  %-28s %5d patterns, %4d never fired\n", pack.c_str(), counts.first,
                 counts.second);
  }
  return never;
}

}  // namespace replyc::policy
