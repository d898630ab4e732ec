// Fuzz target: arbitrary bytes through the whole compiler and both renderers.
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diag/render.hpp"
#include "compiler/driver/compilation.hpp"
#include "compiler/driver/policy_pass.hpp"
#include "compiler/policy/engine.hpp"
#include "tests/fuzz/entries.hpp"
#include "tests/unit/support.hpp"

namespace replyc::fuzz {
namespace {

constexpr std::string_view kSeparator = "\n----8<----\n";
constexpr const char* kNames[] = {"f0.reply", "f1.reply", "f2.reply", "sub/f3.reply",
                                  "sub/f4.reply"};

void check_location(const Location& where, const SourceManager& sources) {
  if (!where.valid())
    return;
  REPLYC_FUZZ_CHECK(where.file < sources.size());
  const auto size = sources.file(where.file).text.size();
  REPLYC_FUZZ_CHECK(where.range.begin <= where.range.end);
  REPLYC_FUZZ_CHECK(where.range.end <= size);
}

// The built-in packs, loaded once as `replyc check` does.
const PolicySetup& builtin_policy() {
  static const PolicySetup policy = load_policy(nlohmann::json());
  REPLYC_FUZZ_CHECK(policy.engine != nullptr);
  return policy;
}

// The policy pass, as `replyc check` runs it.
void add_policy_pass(CompileOptions& options) {
  enable_policy(options, builtin_policy().engine);
}

}  // namespace

void prepare_parse_check() {
  const policy::Engine& engine = *builtin_policy().engine;
  for (const std::string& tag : engine.locales())  // each locale builds its automaton on first use
    engine.scan("x", {tag, policy::MessageKind::Reply, false});
}

int parse_check(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  test::MemoryFileSystem files;
  std::size_t count = 0, start = 0;
  while (count < std::size(kNames)) {
    const auto cut = input.find(kSeparator, start);
    const bool last = cut == std::string_view::npos || count + 1 == std::size(kNames);
    const auto piece = last ? input.substr(start) : input.substr(start, cut - start + 1);
    files.add(kNames[count++], std::string(piece));
    if (last)
      break;
    start = cut + kSeparator.size();
  }

  CompileOptions options;
  options.root = "/project";
  options.display_base = "/project";
  options.today = "2026-11-27";
  options.files = &files;
  add_policy_pass(options);
  Compilation compilation(options);
  REPLYC_FUZZ_CHECK(!compilation.add_input("/project/f0.reply").has_value());
  compilation.run();

  const auto& sources = compilation.sources();
  const auto& diagnostics = compilation.diagnostics();
  for (const auto& d : diagnostics) {
    check_location(d.where, sources);
    for (const auto& note : d.notes)
      check_location(note.where, sources);
    for (const auto& fix : d.fixes) {
      for (const auto& edit : fix.edits)
        check_location(edit.where, sources);
    }
  }

  for (const auto language : {UiLanguage::English, UiLanguage::Chinese}) {
    for (const bool color : {false, true}) {
      HumanStyle style;
      style.language = language;
      style.color = color;
      std::size_t length = 0;
      for (const auto& d : diagnostics)
        length += render_human(d, sources, style).size();
      length += render_summary(summarize(diagnostics, count), style).size();
      REPLYC_FUZZ_CHECK(length > 0);
    }
    // As `replyc check --format json` prints it; the result must parse back.
    const auto report = render_json_report(diagnostics, sources, count, language)
                            .dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    REPLYC_FUZZ_CHECK(nlohmann::json::accept(report));
  }
  return 0;
}

}  // namespace replyc::fuzz
