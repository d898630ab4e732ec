// Many of everything in one file, and snippets that would blow up if expanded: compilation must
// finish (nothing here asserts a time; ctest's timeout catches a blow-up).
#include <catch2/catch.hpp>
#include <string>

#include "compiler/checks/variants.hpp"
#include "compiler/diag/render.hpp"
#include "tests/hostile/hostile.hpp"
#include "tests/unit/support.hpp"

using replyc::test::compile;
using replyc::test::template_with_solution;

namespace {

std::string numbered_template(std::size_t i) {
  std::string text = template_with_solution("Done.");
  text.replace(text.find("test.sample"), 11, "test.t" + std::to_string(i));
  return text + "\n";
}

// Snippet s<i> uses s<i+1> twice; s<levels> is plain text. Expanded, s0 would be 2^levels copies.
std::string doubling_snippets(std::size_t levels) {
  std::string text;
  for (std::size_t i = 0; i < levels; ++i) {
    const std::string next = "s" + std::to_string(i + 1);
    text += "snippet s" + std::to_string(i) + "\n\n[en]\ntext = {@" + next + "} and {@" + next +
            "}\n\n";
  }
  text += "snippet s" + std::to_string(levels) + "\n\n[en]\ntext = x\n\n";
  return text;
}

// Snippet f<i> uses f<i+1> `fan_out` times (on continuation lines); 8 levels of 12 would be 12^8
// copies of the last one if every reference were inlined.
std::string fanning_snippets(std::size_t levels, std::size_t fan_out) {
  std::string text;
  for (std::size_t i = 0; i < levels; ++i) {
    text += "snippet f" + std::to_string(i) + "\n\n[en]\ntext = start";
    for (std::size_t k = 0; k < fan_out; ++k)
      text += "\n  {@f" + std::to_string(i + 1) + "} {n, select, a {A} b {B} other {C}}";
    text += "\n\n";
  }
  text +=
      "snippet f" + std::to_string(levels) + "\n\n[en]\ntext = " + std::string(200, 'x') + "\n\n";
  return text;
}

}  // namespace

TEST_CASE("5,000 templates in one file", "[hostile][scale]") {
  std::string text;
  for (std::size_t i = 0; i < 5'000; ++i)
    text += numbered_template(i);
  const auto compiled = compile(text);
  CHECK(compiled.codes().empty());
  // The same template 3,000 times: one duplicate finding each, all rendered.
  std::string same;
  for (int i = 0; i < 3'000; ++i)
    same += template_with_solution("Done.") + "\n";
  const auto duplicates = compile(same);
  CHECK(duplicates.diagnostics().size() == 2'999);
  CHECK_NOTHROW(replyc::render_json_report(duplicates.diagnostics(),
                                           duplicates.compilation->sources(), 1,
                                           replyc::UiLanguage::English)
                    .dump());
}

TEST_CASE("5,000 params in one template", "[hostile][scale]") {
  std::string params, solution;
  std::size_t line_length = 0;
  for (int i = 0; i < 5'000; ++i) {
    params += "    p" + std::to_string(i) + ": text required\n";
    const std::string use = "{p" + std::to_string(i) + "} ";
    if (line_length > 900) {  // continuation lines of about 1,000 bytes
      solution += "\n  ";
      line_length = 0;
    }
    solution += use;
    line_length += use.size();
  }
  const auto compiled = compile(template_with_solution(solution, params));
  CHECK(compiled.diagnostics().size() < 50);
  // Declared and never used: one finding each.
  const auto unused = compile(template_with_solution("Done.", params));
  std::size_t unused_params = 0;
  for (const auto& d : unused.diagnostics())
    unused_params += d.code == replyc::Code::UnusedParam ? 1 : 0;
  CHECK(unused_params == 5'000);
}

TEST_CASE("2,000 locale blocks and 5,000 sections in one template", "[hostile][scale]") {
  std::string text = template_with_solution("Done.");
  for (int i = 0; i < 2'000; ++i)
    text += "\n[de]\ngreeting = Hallo\n";
  const auto locales = compile(text);
  CHECK(locales.has(replyc::Code::DuplicateLocale));

  std::string sections = template_with_solution("Done.");
  for (int i = 0; i < 5'000; ++i)
    sections += "solution = More.\n";
  CHECK(compile(sections).has(replyc::Code::DuplicateSection));
}

TEST_CASE("thousands of snippets, references and imports", "[hostile][scale]") {
  std::string snippets, refs;
  for (int i = 0; i < 3'000; ++i) {
    snippets += "snippet x" + std::to_string(i) + "\n\n[en]\ntext = Hi\n\n";
    refs += "{@x" + std::to_string(i) + "}\n  ";
  }
  const auto compiled = compile(template_with_solution(refs + "Done.") + "\n" + snippets);
  CHECK(compiled.codes().empty());

  std::map<std::string, std::string> others;
  std::string uses;
  for (int i = 0; i < 1'000; ++i) {
    others["m" + std::to_string(i) + ".reply"] =
        "snippet y" + std::to_string(i) + "\n\n[en]\ntext = Hi\n";
    uses += "use \"m" + std::to_string(i) + ".reply\"\n";
  }
  CHECK(compile(uses + template_with_solution("{@y999}"), others).codes().empty());
}

TEST_CASE("30 levels of snippets that each use the next twice are not expanded",
          "[hostile][scale][snippets]") {
  const std::string text = template_with_solution("{@s0}") + "\n" + doubling_snippets(30);
  const auto compiled = compile(text);
  CHECK(compiled.codes().empty());
  // Through an import chain, and through the CLI.
  const auto dir = replyc::hostile::project_dir("doubling");
  replyc::hostile::write_file(dir / "snippets.reply", doubling_snippets(30));
  replyc::hostile::write_file(dir / "main.reply",
                              "use \"snippets.reply\"\n" + template_with_solution("{@s0}"));
  const auto run = replyc::hostile::run_replyc("check main.reply", dir, 120);
  CHECK_FALSE(run.timed_out());
  CHECK(run.exit_code == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a snippet cycle inside a doubling chain is reported and ends", "[hostile][snippets]") {
  std::string text = template_with_solution("{@s0}") + "\n" + doubling_snippets(30);
  text.replace(text.find("text = x"), 8, "text = {@s0} {@s15}");
  const auto compiled = compile(text);
  CHECK(compiled.has(replyc::Code::SnippetCycle));
}

TEST_CASE("snippets that fan out are expanded for the policy scan within a budget",
          "[hostile][scale][snippets]") {
  const std::string params = "    n: text required\n";
  const std::string text =
      template_with_solution("{@f0}", params) + "\n" + fanning_snippets(10, 12);
  const auto compiled = compile(text);
  const auto& project = compiled.compilation->project();
  const replyc::sema::Module* main = nullptr;
  for (const auto& module : project.modules) {
    if (compiled.compilation->sources().file(module->file).display_name == "main.reply")
      main = module.get();
  }
  REQUIRE(main != nullptr);
  const auto& block = main->ast.blocks.at(0);
  const auto variants = replyc::checks::expand_locale(project, *main, block, block.locales.at(0));
  REQUIRE_FALSE(variants.empty());
  std::size_t total = 0;
  for (const auto& variant : variants)
    total += variant.text.size();
  CHECK(total <= 64u << 20);
  // And the whole command, policy pass included.
  const auto dir = replyc::hostile::project_dir("fan-out");
  replyc::hostile::write_file(dir / "main.reply", text);
  const auto run = replyc::hostile::run_replyc("check main.reply", dir, 300);
  CHECK_FALSE(run.timed_out());
  CHECK(run.exit_code <= 1);
  std::filesystem::remove_all(dir);
}

// Hidden until compiler/codegen/lower.cpp bounds snippet inlining: `replyc build` currently
// inlines every reference, 2^30 copies here, and runs out of time and memory. Run it with
// `hostile_tests "[codegen]"`.
TEST_CASE("replyc build does not expand doubling snippets exponentially",
          "[.][hostile][scale][snippets][codegen]") {
  const auto dir = replyc::hostile::project_dir("doubling-build");
  replyc::hostile::write_file(dir / "snippets.reply", doubling_snippets(30));
  replyc::hostile::write_file(dir / "main.reply",
                              "use \"snippets.reply\"\n" + template_with_solution("{@s0}"));
  const auto run = replyc::hostile::run_replyc("build main.reply -o out.json", dir, 20);
  CHECK_FALSE(run.timed_out());
  CHECK(run.exit_code <= 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("thousands of misspelt params and snippets against thousands of declared ones",
          "[hostile][scale]") {
  // Did-you-mean compares each unknown name with every declared one: bounded per run.
  std::string params, solution;
  for (int i = 0; i < 500; ++i)
    params += "    param_number_" + std::to_string(i) + ": text required\n";
  for (int i = 0; i < 5'000; ++i)
    solution += "{unknown_thing_" + std::to_string(i) + "}" + (i % 50 == 49 ? "\n  " : " ");
  const auto unknown = compile(template_with_solution(solution + "x", params));
  std::size_t reported = 0, suggested = 0;
  for (const auto& d : unknown.diagnostics()) {
    if (d.code != replyc::Code::UnknownParam)
      continue;
    ++reported;
    for (const auto& fix : d.fixes)
      suggested += fix.label.id == replyc::NoteId::DidYouMean ? 1 : 0;
  }
  CHECK(reported == 5'000);  // every one reported, suggestions or not
  CHECK(suggested <= reported);

  std::string snippets, refs;
  for (int i = 0; i < 2'000; ++i)
    snippets += "snippet known_snippet_" + std::to_string(i) + "\n\n[en]\ntext = Hi\n\n";
  for (int i = 0; i < 5'000; ++i)
    refs += "{@unknown_snippet_" + std::to_string(i) + "}" + (i % 40 == 39 ? "\n  " : " ");
  const auto snippet_refs = compile(template_with_solution(refs + "x") + "\n" + snippets);
  CHECK(snippet_refs.has(replyc::Code::UnknownSnippet));
}

TEST_CASE("a snippet with 1,000 params used 10,000 times", "[hostile][scale][snippets]") {
  std::string params, refs;
  for (int i = 0; i < 1'000; ++i)
    params += "    p" + std::to_string(i) + ": text required\n";
  for (int i = 0; i < 10'000; ++i)
    refs += std::string("{@big}") + (i % 100 == 99 ? "\n  " : " ");
  // The template declares none of the snippet's params: each is reported once per locale, not
  // once per use.
  const std::string text = template_with_solution(refs + "x") + "\nsnippet big\n  params:\n" +
                           params + "\n[en]\ntext = x\n";
  const auto compiled = compile(text);
  std::size_t missing = 0;
  for (const auto& d : compiled.diagnostics())
    missing += d.code == replyc::Code::SnippetParamMissing ? 1 : 0;
  CHECK(missing == 1'000);
  // Declared by the template too: clean, and quick (params are not re-collected per use).
  const auto declared = compile(template_with_solution(refs + "x", params) +
                                "\nsnippet big\n  params:\n" + params + "\n[en]\ntext = x\n");
  CHECK_FALSE(declared.has(replyc::Code::SnippetParamMissing));
  CHECK_FALSE(declared.has(replyc::Code::RequiredParamMissing));
}
