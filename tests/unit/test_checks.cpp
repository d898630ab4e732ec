#include <catch2/catch.hpp>
#include <map>

#include "compiler/sema/locale.hpp"
#include "tests/unit/support.hpp"

using namespace replyc;
using replyc::test::compile;
using replyc::test::template_with_solution;

TEST_CASE("a complete template is clean", "[checks]") {
  const auto result = compile(template_with_solution("We will ship it today."));
  CHECK(result.codes().empty());
}

TEST_CASE("unknown params come with a did-you-mean fix that edits the exact bytes", "[checks]") {
  const std::string text = template_with_solution("Your order {ordr_id} ships today.");
  const auto result = compile(text);
  REQUIRE(result.codes() == std::vector<std::string>{"RC2001"});
  const auto& d = result.diagnostics()[0];
  CHECK(text.substr(d.where.range.begin, d.where.range.size()) == "ordr_id");
  REQUIRE_FALSE(d.fixes.empty());
  CHECK(d.fixes[0].edits[0].replacement == "order_id");
  CHECK(d.fixes[0].edits[0].where.range == d.where.range);
}

TEST_CASE("plural categories come from ICU for each locale", "[checks][icu]") {
  CHECK(sema::plural_categories("en") == std::vector<std::string>{"one", "other"});
  CHECK(sema::plural_categories("ja") == std::vector<std::string>{"other"});
  CHECK(sema::plural_categories("pl") == std::vector<std::string>{"one", "few", "many", "other"});
  CHECK(sema::plural_categories("fr") == std::vector<std::string>{"one", "many", "other"});
}

TEST_CASE("locale tags are validated with ICU", "[checks][icu]") {
  CHECK(sema::parse_locale_tag("en"));
  CHECK(sema::parse_locale_tag("pt-BR")->language == "pt");
  CHECK(sema::parse_locale_tag("zh-Hans-CN"));
  CHECK_FALSE(sema::parse_locale_tag("en_GB"));
  CHECK_FALSE(sema::parse_locale_tag("english"));
  CHECK_FALSE(sema::parse_locale_tag("xx"));
  CHECK_FALSE(sema::parse_locale_tag(""));
}

TEST_CASE("a plural key that the locale lacks is reported with the valid ones", "[checks]") {
  const auto result = compile(template_with_solution(
      "We packed {items, plural, one {# item} few {# items} other {# items}}.",
      "    items: count required\n"));
  REQUIRE(result.codes() == std::vector<std::string>{"RC2006"});
}

TEST_CASE("a required param must appear in every branch that renders", "[checks]") {
  const auto result = compile(
      template_with_solution("{items, plural, one {Tracking {tracking}.} other {No tracking yet.}}",
                             "    items: count required\n    tracking: tracking required\n"));
  CHECK(result.codes() == std::vector<std::string>{"RC2005"});
}

TEST_CASE("an optional param must be guarded by a select with none", "[checks]") {
  const auto bare = compile(template_with_solution("Hi {name}.", "    name: buyer_name\n"));
  CHECK(bare.codes() == std::vector<std::string>{"RC2012"});
  const auto guarded = compile(template_with_solution(
      "{name, select, none {Hi.} other {Hi {name}.}}", "    name: buyer_name\n"));
  CHECK(guarded.codes().empty());
}

TEST_CASE("snippets are found through imports, with their params checked", "[checks]") {
  const std::string brand =
      "snippet brand.sign\n  params:\n    seller_name: text required\n[en]\ntext = {seller_name}\n";
  const std::string with_import =
      "use \"brand.reply\"\n" + template_with_solution("Done.", "    seller_name: text required\n");
  auto result = compile(with_import + "", {{"brand.reply", brand}});
  // seller_name is declared, required, and nothing uses it yet.
  CHECK(result.codes() == std::vector<std::string>{"RC2002", "RC2004"});

  std::string uses = with_import;
  uses.replace(uses.find("closing    = Kind regards"), 25, "closing    = {@brand.sign}");
  CHECK(compile(uses, {{"brand.reply", brand}}).codes().empty());

  std::string missing_param = "use \"brand.reply\"\n" + template_with_solution("Done.");
  missing_param.replace(missing_param.find("closing    = Kind regards"), 25,
                        "closing    = {@brand.sign}");
  CHECK(compile(missing_param, {{"brand.reply", brand}}).codes() ==
        std::vector<std::string>{"RC4005"});
}

TEST_CASE("one snippet id from two imports is ambiguous only where it is used", "[checks]") {
  const std::map<std::string, std::string> files{
      {"warm.reply", "snippet brand.sign\n[en]\ntext = Warm regards\n"},
      {"formal.reply", "snippet brand.sign\n[en]\ntext = Yours sincerely\n"}};
  const std::string imports = "use \"warm.reply\"\nuse \"formal.reply\"\n";
  std::string uses = imports + template_with_solution("Done.");
  uses.replace(uses.find("closing    = Kind regards"), 25, "closing    = {@brand.sign}");
  CHECK(compile(uses, files).codes() == std::vector<std::string>{"RC4011"});
  // Not used: nothing to choose.
  CHECK(compile(imports + template_with_solution("Done."), files).codes().empty());
  // The file's own definition wins over both, without ambiguity.
  CHECK(compile(uses + "\nsnippet brand.sign\n[en]\ntext = Best wishes\n", files).codes().empty());
}

TEST_CASE("importing the same file twice is a warning with a fix that removes the line",
          "[checks]") {
  const std::string text =
      "use \"warm.reply\"\nuse \"./warm.reply\"\n" + template_with_solution("Done.");
  const auto result =
      compile(text, {{"warm.reply", "snippet brand.sign\n[en]\ntext = Warm regards\n"}});
  REQUIRE(result.codes() == std::vector<std::string>{"RC4010"});
  const auto& fix = result.diagnostics().front().fixes.at(0);
  REQUIRE(fix.edits.size() == 1);
  const auto range = fix.edits[0].where.range;
  CHECK(text.substr(range.begin, range.size()) == "use \"./warm.reply\"\n");
  CHECK(fix.edits[0].replacement.empty());
}

TEST_CASE("imports may not leave the project root", "[checks]") {
  const auto result = compile("use \"../outside.reply\"\n" + template_with_solution("Done."));
  CHECK(result.codes() == std::vector<std::string>{"RC4003"});
  const auto absolute = compile("use \"/etc/passwd\"\n" + template_with_solution("Done."));
  CHECK(absolute.codes() == std::vector<std::string>{"RC4003"});
}

TEST_CASE("import cycles are reported once and do not hang", "[checks]") {
  const auto result = compile("use \"b.reply\"\n" + template_with_solution("Done."),
                              {{"b.reply", "use \"main.reply\"\nsnippet s\n[en]\ntext = x\n"}});
  CHECK(result.codes() == std::vector<std::string>{"RC4002"});
}

TEST_CASE("suppressions silence one rule in one section and must say why", "[checks]") {
  const std::string solution_line = "solution   = Hi {name}.";
  std::string text = template_with_solution("Hi {name}.", "    name: buyer_name\n");
  text.replace(text.find(solution_line), 0,
               "# replyc: allow optional-param-unguarded -- the helpdesk always fills it\n");
  CHECK(compile(text).codes().empty());

  std::string no_reason = template_with_solution("Hi {name}.", "    name: buyer_name\n");
  no_reason.replace(no_reason.find(solution_line), 0, "# replyc: allow optional-param-unguarded\n");
  CHECK(compile(no_reason).codes() == std::vector<std::string>{"RC6001"});

  std::string unused = template_with_solution("Fine.");
  unused.replace(unused.find("solution   = Fine."), 0, "# replyc: allow unknown-param -- test\n");
  CHECK(compile(unused).codes() == std::vector<std::string>{"RC6002"});
}

TEST_CASE("validity windows warn when expired and note when not yet valid", "[checks]") {
  auto with_window = [](const std::string& window) {
    std::string text = template_with_solution("Done.");
    text.replace(text.find("  marketplaces"), 0, "  valid: " + window + "\n");
    return compile(text).codes();
  };
  CHECK(with_window("2026-11-01 .. 2026-12-31").empty());
  CHECK(with_window("2025-11-01 .. 2026-01-31") == std::vector<std::string>{"RC5002"});
  CHECK(with_window("2027-11-01 .. 2027-12-31") == std::vector<std::string>{"RC5004"});
  CHECK(with_window("2026-02-30 .. 2026-12-31") == std::vector<std::string>{"RC5003"});
  CHECK(with_window("2026-12-31 .. 2026-11-01") == std::vector<std::string>{"RC5003"});
}

TEST_CASE("diagnostics are sorted and stable", "[checks]") {
  const std::string text = template_with_solution("{b} {a}");
  const auto first = compile(text).codes();
  const auto second = compile(text).codes();
  CHECK(first == second);
  const auto result = compile(text);
  for (std::size_t i = 1; i < result.diagnostics().size(); ++i) {
    CHECK(result.diagnostics()[i - 1].where.range.begin <=
          result.diagnostics()[i].where.range.begin);
  }
}

TEST_CASE("hostile sources give diagnostics, not crashes", "[checks][robustness]") {
  CHECK(compile(std::string("template t\0x", 12)).codes() == std::vector<std::string>{"RC0002"});
  CHECK(compile("").has(Code::EmptyFile));
  CHECK(compile("\xEF\xBB\xBF" + template_with_solution("Done.")).codes() ==
        std::vector<std::string>{"RC0003"});
  const auto bad = compile(template_with_solution("caf\xC3 au lait"));
  CHECK(bad.has(Code::InvalidUtf8));
  std::string long_line = template_with_solution(std::string(70000, 'a'));
  CHECK(compile(long_line).has(Code::LineTooLong));
  std::string huge(9u << 20, '#');
  CHECK(compile(huge).codes() == std::vector<std::string>{"RC0009"});
}

TEST_CASE("policy findings point at the phrase and honour suppressions by rule id",
          "[checks][policy]") {
  const std::string solution = "If you are happy, please leave us a 5-star review.";
  const std::string text = template_with_solution(solution);
  const auto result = compile(text, {}, true);
  REQUIRE(result.has(Code::PolicyViolation));
  for (const auto& d : result.diagnostics()) {
    CHECK(d.code == Code::PolicyViolation);
    CHECK(d.where.range.begin >= text.find(solution));
    CHECK(d.where.range.end <= text.find(solution) + solution.size());
  }
  std::string suppressed = text;
  suppressed.replace(
      suppressed.find("solution   ="), 0,
      "# replyc: allow review-gating -- test\n# replyc: allow review-positive-request -- test\n");
  CHECK(compile(suppressed, {}, true).codes().empty());
}

TEST_CASE("a phrase hidden in a rare branch is still found", "[checks][policy]") {
  const auto result =
      compile(template_with_solution(
                  "{n, plural, =7 {Visit www.example.com for a gift.} other {All done.}}",
                  "    n: count required\n"),
              {}, true);
  CHECK(result.has(Code::PolicyViolation));
}

TEST_CASE("innocent text is not flagged", "[checks][policy]") {
  const auto result = compile(
      template_with_solution("We reviewed your case and issued a refund. The line was busy, "
                             "so we contacted the carrier."),
      {}, true);
  CHECK(result.codes().empty());
}
