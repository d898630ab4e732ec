// Fuzz target: the policy engine's normaliser and matcher (compiler/policy/engine.hpp) on arbitrary
// text in every locale, its loader on arbitrary project overrides, and the statistical model's
// reader on arbitrary model files.
//   byte 0: bits 0-1 mode (3: the rest is a replyc.json "policy" object to load on top of the
//           light packs; 2: the rest is a model file (classifier.hpp); else scan),
//           bit 2 proactive, bit 3 whole message, bit 4 add a region subtag ("de-AT")
//   byte 1: locale (index into Engine::locales(), or an unknown tag)
//   rest:   the text (or the overrides)
#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/utf8.hpp"
#include "compiler/policy/classifier.hpp"
#include "compiler/policy/engine.hpp"
#include "tests/fuzz/entries.hpp"

namespace replyc::fuzz {
namespace {

const policy::Engine& builtin_engine() {
  static const std::shared_ptr<const policy::Engine> engine = [] {
    auto loaded = policy::Engine::load(nullptr);
    if (std::holds_alternative<std::vector<policy::LoadError>>(loaded))
      fail(__FILE__, __LINE__, "the built-in packs load");
    return std::make_shared<const policy::Engine>(std::get<policy::Engine>(std::move(loaded)));
  }();
  return *engine;
}

// The override mode loads a whole engine per input. All built-in packs take seconds to load under
// the sanitizers, which is a libFuzzer timeout, so overrides go on top of the common pack and the
// smaller locale packs (nl, pl, sv, and ja for a script without spaces): the override code is the
// same.
const std::vector<policy::PackSource>& light_packs() {
  static const std::vector<policy::PackSource> packs = [] {
    std::vector<policy::PackSource> kept;
    for (policy::PackSource& pack : policy::Engine::builtin_packs()) {
      for (std::string_view dir : {"common/", "ja/", "nl/", "pl/", "sv/"}) {
        if (pack.name.starts_with(dir)) {
          kept.push_back(std::move(pack));
          break;
        }
      }
    }
    return kept;
  }();
  return packs;
}

bool on_boundary(std::string_view text, std::uint32_t offset) {
  return offset == text.size() || (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
}

void check_findings(const policy::Engine& engine, std::string_view text,
                    const std::vector<policy::Finding>& findings) {
  const bool valid = !utf8::find_invalid(text).has_value();
  const auto& known = policy::known_rule_ids();
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    REPLYC_FUZZ_CHECK(f.range.begin <= f.range.end && f.range.end <= text.size());
    if (valid)
      REPLYC_FUZZ_CHECK(on_boundary(text, f.range.begin) && on_boundary(text, f.range.end));
    REPLYC_FUZZ_CHECK(std::find(known.begin(), known.end(), f.rule) != known.end());
    REPLYC_FUZZ_CHECK(engine.find_rule(f.rule) != nullptr);
    REPLYC_FUZZ_CHECK(!f.message_en.empty());
    if (i > 0) {  // sorted by range, then rule id
      const auto& e = findings[i - 1];
      REPLYC_FUZZ_CHECK(std::tie(e.range.begin, e.range.end, e.rule) <=
                        std::tie(f.range.begin, f.range.end, f.rule));
    }
  }
}

}  // namespace

void prepare_policy() {
  const policy::Engine& engine = builtin_engine();
  for (const std::string& tag : engine.locales())  // each locale builds its automaton on first use
    engine.scan("x", {tag, policy::MessageKind::Reply, false});
  light_packs();
}

int policy(const std::uint8_t* data, std::size_t size) {
  if (size < 2)
    return 0;
  const policy::Engine& engine = builtin_engine();
  const std::uint8_t flags = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data) + 2, size - 2);

  if ((flags & 3) == 3) {
    const auto overrides = nlohmann::json::parse(rest, nullptr, false);
    if (overrides.is_discarded())
      return 0;
    const auto loaded = policy::Engine::load_packs(light_packs(), &overrides);
    if (const auto* errors = std::get_if<std::vector<policy::LoadError>>(&loaded)) {
      REPLYC_FUZZ_CHECK(!errors->empty());
      for (const auto& error : *errors)
        REPLYC_FUZZ_CHECK(!error.message.empty());
      return 0;
    }
    const auto& custom = std::get<policy::Engine>(loaded);
    const std::string probe = "Please leave us a 5-star review at www.example.com!";
    for (const auto& tag : custom.locales())
      check_findings(custom, probe, custom.scan(probe, {tag, policy::MessageKind::Reply, true}));
    return 0;
  }

  if ((flags & 3) == 2) {
    auto parsed = policy::classifier::Model::parse(rest);
    if (const auto* error = std::get_if<std::string>(&parsed)) {
      REPLYC_FUZZ_CHECK(error->starts_with("line "));
      return 0;
    }
    const auto& model = std::get<policy::classifier::Model>(parsed);
    const std::string probe = "Thanks for your order. Please leave us a 5-star review!";
    for (const auto& verdict : model.classify(probe)) {
      REPLYC_FUZZ_CHECK(verdict.probability >= model.threshold() && verdict.probability <= 1.0);
      REPLYC_FUZZ_CHECK(verdict.range.begin < verdict.range.end &&
                        verdict.range.end <= probe.size());
    }
    return 0;
  }

  const auto locales = engine.locales();
  std::string tag = data[1] < locales.size() ? locales[data[1]] : "tlh";
  if (flags & 16)
    tag += "-AT";
  const policy::ScanContext context{
      tag, (flags & 4) ? policy::MessageKind::Proactive : policy::MessageKind::Reply,
      (flags & 8) != 0};
  const auto findings = engine.scan(rest, context);
  check_findings(engine, rest, findings);
  return 0;
}

}  // namespace replyc::fuzz
