#include <catch2/catch.hpp>

#include "compiler/checks/variants.hpp"
#include "tests/unit/support.hpp"

using namespace replyc;

namespace {

std::vector<checks::Variant> expand(const test::Compiled& compiled) {
  const auto& project = compiled.compilation->project();
  const sema::Module* main = nullptr;
  for (const auto& module : project.modules) {
    if (compiled.compilation->sources().file(module->file).display_name == "main.reply")
      main = module.get();
  }
  REQUIRE(main != nullptr);
  const auto& block = main->ast.blocks.at(0);
  return checks::expand_locale(project, *main, block, block.locales.at(0));
}

}  // namespace

TEST_CASE("every branch of every choice appears in some variant", "[variants]") {
  const auto compiled = test::compile(test::template_with_solution(
      "{m, select, card {To your card.} bank {To your bank.} other {Back to you.}} "
      "{n, plural, one {# box} other {# boxes}}",
      "    m: text required\n    n: count required\n"));
  const auto variants = expand(compiled);
  REQUIRE(variants.size() == 3);
  std::string all;
  for (const auto& v : variants)
    all += v.text + "|";
  CHECK(all.find("To your card. 1 box") != std::string::npos);
  CHECK(all.find("To your bank. 3 boxes") != std::string::npos);
  CHECK(all.find("Back to you. 1 box") != std::string::npos);
}

TEST_CASE("variant text maps back to the exact source bytes", "[variants]") {
  const std::string text = test::template_with_solution("We will ship order {order_id} today.");
  const auto compiled = test::compile(text);
  const auto variants = expand(compiled);
  REQUIRE(variants.size() == 1);
  const auto& v = variants[0];
  const auto at = v.text.find("ship");
  const auto where =
      checks::map_to_source(v, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 4));
  REQUIRE(where.has_value());
  CHECK(text.substr(where->range.begin, where->range.size()) == "ship");
  // The sample order id is not text the author wrote.
  const auto sample = v.text.find("114-3941689-8772232");
  REQUIRE(sample != std::string::npos);
  CHECK_FALSE(checks::map_to_source(v, static_cast<std::uint32_t>(sample),
                                    static_cast<std::uint32_t>(sample + 19)));
}

TEST_CASE("snippets are inlined in the block's locale", "[variants]") {
  std::string text = "use \"s.reply\"\n" + test::template_with_solution("Done.");
  text.replace(text.find("closing    = Kind regards"), 25, "closing    = {@sig}");
  const auto compiled = test::compile(
      text, {{"s.reply",
              "snippet sig\n[en]\ntext = Best wishes from the team\n[de]\ntext = Viele Grüße\n"}});
  const auto variants = expand(compiled);
  REQUIRE(variants.size() == 1);
  CHECK(variants[0].text.ends_with("Best wishes from the team"));
}
