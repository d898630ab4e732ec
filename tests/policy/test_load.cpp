// Loading packs: a bad pack is reported with where it is wrong, never half-loaded.
#include <nlohmann/json.hpp>

#include "tests/policy/helpers.hpp"

using namespace policy_test;
using replyc::policy::LoadError;
using replyc::policy::PackSource;

namespace {

const char* kCommon = R"({
  "catalogue": [
    {"id": "review-positive-request", "severity": "error",
     "summary": {"en": "Positive review request.", "zh": "索要好评。"},
     "message": {"en": "Do not ask for positive reviews.", "zh": "不要索要好评。"}},
    {"id": "obfuscation", "severity": "error", "detector": "obfuscation",
     "summary": {"en": "Disguised text.", "zh": "伪装文字。"},
     "message": {"en": "Disguised.", "zh": "伪装。"}}
  ],
  "lexicon": {"SHARED": ["shiny"]},
  "detectors": {},
  "rules": []
})";

std::string locale_pack(const std::string& patterns) {
  return R"({"locale": "xx", "language": {"script": "latin", "stopwords": []},
    "lexicon": {"GOOD": ["good", "great"]},
    "rules": [{"id": "review-positive-request", "patterns": [)" +
         patterns + "]}]}";
}

std::vector<LoadError> load_errors(const std::string& common, const std::string& locale,
                                   const nlohmann::json* project = nullptr) {
  const std::vector<PackSource> packs = {{"common/policy.json", common},
                                         {"xx/policy.json", locale}};
  auto loaded = Engine::load_packs(packs, project);
  if (auto* errors = std::get_if<std::vector<LoadError>>(&loaded)) {
    return *errors;
  }
  return {};
}

// `common` as the common pack and `locale` as the "xx" pack; the test fails if they do not load.
Engine load_engine(const std::string& locale, const std::string& common = kCommon) {
  const std::vector<PackSource> packs = {{"common/policy.json", common},
                                         {"xx/policy.json", locale}};
  auto loaded = Engine::load_packs(packs, nullptr);
  REQUIRE(std::holds_alternative<Engine>(loaded));
  return std::get<Engine>(loaded);
}

ScanContext xx_context() {
  ScanContext ctx;
  ctx.locale = "xx";
  return ctx;
}

std::string all(const std::vector<LoadError>& errors) {
  std::string out;
  for (const auto& e : errors) {
    out += e.where + ": " + e.message + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("load: minimal packs load and match", "[policy][load]") {
  const std::string locale =
      locale_pack(R"("@GOOD review", "@SHARED ..2 stars", "(on l'|all') opinion")");
  const Engine e = load_engine(locale);
  const ScanContext ctx = xx_context();
  CHECK(fires(e.scan("A great review, please.", ctx), "review-positive-request"));
  CHECK(fires(e.scan("Shiny gold stars.", ctx), "review-positive-request"));
  CHECK(e.scan("A review, please.", ctx).empty());
  // An elided alternative joins the next word as the text writes it.
  CHECK(fires(e.scan("Based on l'opinion of many.", ctx), "review-positive-request"));
  REQUIRE(e.rules().size() == 2);
  CHECK(e.locales() == std::vector<std::string>{"xx"});
}

TEST_CASE("load: invalid JSON", "[policy][load]") {
  const auto errors = load_errors(kCommon, "{\"locale\": \"xx\", ");
  INFO(all(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].where == "locales/xx/policy.json");
  CHECK(errors[0].message.find("invalid JSON") != std::string::npos);
}

TEST_CASE("load: a key written twice is an error and not a silent replacement", "[policy][load]") {
  const std::string twice = R"({"locale": "xx", "language": {"script": "latin", "stopwords": []},
    "lexicon": {"REQ": ["please"], "GOOD": ["great"], "REQ": ["kindly"]},
    "rules": [{"id": "review-positive-request", "patterns": ["@REQ review"]}]})";
  auto errors = load_errors(kCommon, twice);
  INFO(all(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].where == "locales/xx/policy.json: lexicon");
  CHECK(errors[0].message.find("\"REQ\" is written twice") != std::string::npos);

  const std::string nested = R"({"locale": "xx", "language": {"script": "latin", "stopwords": []},
    "rules": [{"id": "emoji"}, {"id": "review-positive-request", "patterns": [
      {"p": "review", "p": "stars"}]}]})";
  errors = load_errors(kCommon, nested);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].where == "locales/xx/policy.json: rules[1].patterns[0]");
  // Equal strings as values, and equal keys in different objects, are fine.
  CHECK(load_errors(kCommon, locale_pack(R"("review", "review", {"p": "x"}, {"p": "y"})")).empty());
}

TEST_CASE("load: the built-in packs with a broken file", "[policy][load]") {
  auto packs = Engine::builtin_packs();
  REQUIRE(packs.size() >= 10);
  std::string broken;
  for (auto& p : packs) {
    if (p.name == "de/policy.json") {
      broken = std::string(p.text);
      broken.insert(broken.find("\"rules\""), "\"oops\" ");
      p.text = broken;
    }
  }
  auto loaded = Engine::load_packs(packs, nullptr);
  REQUIRE(std::holds_alternative<std::vector<LoadError>>(loaded));
  CHECK(std::get<std::vector<LoadError>>(loaded)[0].where == "locales/de/policy.json");
}

TEST_CASE("load: unknown rule id", "[policy][load]") {
  const std::string locale = R"({"locale": "xx", "language": {"script": "latin"},
    "rules": [{"id": "review-positive-request", "patterns": ["good"]},
              {"id": "review-rainbow", "patterns": ["x"]}]})";
  auto errors = load_errors(kCommon, locale);
  INFO(all(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].where == "locales/xx/policy.json: rules[1]");
  CHECK(errors[0].message == "unknown rule id \"review-rainbow\"");

  // A known id that the catalogue does not define.
  const std::string known = R"({"locale": "xx", "language": {"script": "latin"},
    "rules": [{"id": "emoji", "patterns": ["x"]}]})";
  errors = load_errors(kCommon, known);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("not in the catalogue") != std::string::npos);

  // The catalogue may only use ids of the policy catalogue.
  std::string common = kCommon;
  common.replace(common.find("\"review-positive-request\""), 25, "\"be-nice-please\"");
  errors = load_errors(common, locale_pack("\"good\""));
  INFO(all(errors));
  REQUIRE_FALSE(errors.empty());
  CHECK(errors[0].where == "locales/common/policy.json: catalogue[0]");
  CHECK(errors[0].message == "unknown rule id \"be-nice-please\"");
}

TEST_CASE("load: patterns that cannot match anything", "[policy][load]") {
  struct Case {
    const char* patterns;
    const char* where;
    const char* message_part;
  };
  const Case cases[] = {
      {R"p("good", "")p", "rules[0].patterns[1]", "empty pattern"},
      {R"p("good", "   ")p", "rules[0].patterns[1]", "empty pattern"},
      {R"p("\u200B")p", "rules[0].patterns[0]", "can never match"},
      {R"p("good", "()")p", "rules[0].patterns[1]", "can never match"},
      {R"p("good & !bad", "!bad")p", "rules[0].patterns[1]", "not negated"},
      {R"p("good ..3")p", "rules[0].patterns[0]", "operator"},
      {R"p("(good|great")p", "rules[0].patterns[0]", "unclosed"},
      {R"p("@NOPE review")p", "rules[0].patterns[0]", "unknown lexicon entry @NOPE"},
      {R"p("@@NOPE")p", "rules[0].patterns[0]", "unknown macro @@NOPE"},
      {R"p("go*od")p", "rules[0].patterns[0]", "wildcard"},
      {R"p("(good ..2 great|fine) review")p", "rules[0].patterns[0]", "top level"},
      {R"p("please [leave ... a] review")p", "rules[0].patterns[0]", "top level"},
      {R"p("(good & great|fine) review")p", "rules[0].patterns[0]", "top level"},
      {R"p("good !bad review")p", "rules[0].patterns[0]", "negates a whole operand"},
      {R"p("(very|really)? good")p", "rules[0].patterns[0]", "not an operator"},
      // The link around a phrase of only optional parts can never be skipped.
      {R"p("rate ..0 [us|it] ..0 good")p", "rules[0].patterns[0]", "may match nothing"},
      {R"p({"p": "good", "severity": "fatal"})p", "rules[0].patterns[0].severity", "severity"},
      {R"p(42)p", "rules[0].patterns[0]", "a pattern is a string"},
  };
  for (const Case& c : cases) {
    const auto errors = load_errors(kCommon, locale_pack(c.patterns));
    INFO(c.patterns << "\n" << all(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].where == std::string("locales/xx/policy.json: ") + c.where);
    CHECK(errors[0].message.find(c.message_part) != std::string::npos);
  }
}

TEST_CASE("load: missing messages and other catalogue errors", "[policy][load]") {
  std::string common = kCommon;
  const std::string zh = ", \"zh\": \"不要索要好评。\"";
  common.replace(common.find(zh), zh.size(), "");
  auto errors = load_errors(common, locale_pack("\"good\""));
  INFO(all(errors));
  REQUIRE_FALSE(errors.empty());
  CHECK(errors[0].where == "locales/common/policy.json: catalogue[0].message");
  CHECK(errors[0].message.find("\"zh\"") != std::string::npos);

  common = kCommon;
  common.replace(common.find("\"severity\": \"error\""), 19, "\"severity\": \"loud\"");
  errors = load_errors(common, locale_pack("\"good\""));
  REQUIRE_FALSE(errors.empty());
  CHECK(errors[0].where == "locales/common/policy.json: catalogue[0].severity");

  // A locale pack may not redefine catalogue fields.
  const std::string locale = R"({"locale": "xx", "language": {"script": "latin"},
    "rules": [{"id": "review-positive-request", "severity": "note", "patterns": ["good"]}]})";
  errors = load_errors(kCommon, locale);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].where == "locales/xx/policy.json: rules[0].severity");

  // No common pack at all.
  auto loaded = Engine::load_packs({{"xx/policy.json", locale_pack("\"good\"")}}, nullptr);
  REQUIRE(std::holds_alternative<std::vector<LoadError>>(loaded));
  CHECK(std::get<std::vector<LoadError>>(loaded)[0].where == "locales/common/policy.json");

  // The locale field must match the folder.
  errors =
      load_errors(kCommon, R"({"locale": "yy", "language": {"script": "latin"}, "rules": []})");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].where == "locales/xx/policy.json: locale");
}

TEST_CASE("load: the built-in packs load without errors", "[policy][load]") {
  // Every locale compiled now: Engine::load leaves them to their first scan, trusting this test.
  auto loaded =
      Engine::load_packs(Engine::builtin_packs(), nullptr, replyc::policy::LocaleCompile::AtLoad);
  if (auto* errors = std::get_if<std::vector<LoadError>>(&loaded)) {
    FAIL(all(*errors));
  }
  const Engine& e = std::get<Engine>(loaded);
  const std::vector<std::string> expected = {"de", "en", "es", "fr", "it", "ja", "nl", "pl", "sv"};
  CHECK(e.locales() == expected);
  for (const auto& rule : e.rules()) {
    INFO(rule.id);
    const auto& known = replyc::policy::known_rule_ids();
    CHECK(std::find(known.begin(), known.end(), rule.id) != known.end());
    CHECK_FALSE(rule.summary_en.empty());
    CHECK_FALSE(rule.summary_zh.empty());
  }
}

TEST_CASE("load: a locale compiled on first use finds what one compiled at load finds",
          "[policy][load]") {
  auto at_load =
      Engine::load_packs(Engine::builtin_packs(), nullptr, replyc::policy::LocaleCompile::AtLoad);
  auto first_use = Engine::load(nullptr);
  REQUIRE(std::holds_alternative<Engine>(at_load));
  REQUIRE(std::holds_alternative<Engine>(first_use));
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"en", "If you are happy with the lamp, please leave us a 5-star review!"},
      {"de-AT", "Bitte stornieren Sie die Bestellung und schreiben Sie an info@example.at."},
      {"it", "Se è soddisfatto, ci lasci una recensione a cinque stelle."},
      {"ja", "ご満足いただけましたら、星5つのレビューをお願いします。"},
      {"tlh", "Visit www.example.com for 20% off everything."}};
  for (const auto& [locale, text] : texts) {
    INFO(locale << ": " << text);
    const ScanContext context{locale, replyc::policy::MessageKind::Reply, false};
    const auto expected = std::get<Engine>(at_load).scan(text, context);
    const auto found = std::get<Engine>(first_use).scan(text, context);
    CHECK_FALSE(expected.empty());
    REQUIRE(found.size() == expected.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
      CHECK(found[i].rule == expected[i].rule);
      CHECK(found[i].range.begin == expected[i].range.begin);
      CHECK(found[i].range.end == expected[i].range.end);
    }
  }
  CHECK(std::get<Engine>(first_use).terms("it") == std::get<Engine>(at_load).terms("it"));
}

TEST_CASE("load: the self-test checks keep examples of warnings and rewrites", "[policy][load]") {
  const std::string common = std::string(kCommon).replace(
      std::string(kCommon).find(R"("severity": "error",)"), 20, R"("severity": "warning",)");
  const std::string locale = R"({"locale": "xx", "language": {"script": "latin", "stopwords": []},
    "lexicon": {"GOOD": ["good", "great"]},
    "rules": [{"id": "review-positive-request", "patterns": ["@GOOD review"],
               "rewrite": "A great review helps.",
               "flag": ["A good review, please."], "keep": ["We read your great review."]}]})";
  const std::vector<PackSource> packs = {{"common/policy.json", common},
                                         {"xx/policy.json", locale}};
  auto loaded = Engine::load_packs(packs, nullptr);
  REQUIRE(std::holds_alternative<Engine>(loaded));
  const auto errors = std::get<Engine>(loaded).self_test();
  const std::string text = all(errors);
  INFO(text);
  CHECK(text.find("keep example fires its own rule") != std::string::npos);
  CHECK(text.find("rewrite fires review-positive-request") != std::string::npos);
}

TEST_CASE("load: rule guards exclude in every pattern of the rule", "[policy][load]") {
  const std::string locale = R"({"locale": "xx", "language": {"script": "latin", "stopwords": []},
    "lexicon": {"GOOD": ["good", "great"]},
    "rules": [{"id": "review-positive-request", "guards": ["!hotel", "!@SHARED"],
               "patterns": ["@GOOD review", "five stars"]}]})";
  const Engine e = load_engine(locale);
  const ScanContext ctx = xx_context();
  CHECK(fires(e.scan("A great review, please.", ctx), "review-positive-request"));
  CHECK(fires(e.scan("Five stars, please.", ctx), "review-positive-request"));
  CHECK(e.scan("A great review of the hotel.", ctx).empty());
  CHECK(e.scan("Five stars and a shiny cup.", ctx).empty());

  // A guard that is not a negated operand is a load error, not a silent extra condition.
  for (const char* bad : {R"(["hotel"])", R"("!hotel")", R"([42])", R"(["!hotel & !inn"])"}) {
    const std::string broken =
        R"({"locale": "xx", "language": {"script": "latin", "stopwords": []},
        "rules": [{"id": "review-positive-request", "guards": )" +
        std::string(bad) + R"(, "patterns": ["five stars"]}]})";
    const auto errors = load_errors(kCommon, broken);
    INFO(all(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].where == "locales/xx/policy.json: rules[0].guards");
  }
}

TEST_CASE("load: choices expand into one pattern per combination", "[policy][load]") {
  const std::string locale =
      R"json({"locale": "xx", "language": {"script": "latin", "stopwords": []},
    "lexicon": {"GOOD": ["good", "great"]},
    "macros": {"IF_HAPPY": "if ..3 happy", "IF_WORKS": "if ..3 (works|fits)",
               "ASK": "{@GOOD review | five stars}"},
    "rules": [{"id": "review-positive-request",
               "patterns": ["{@@IF_HAPPY | @@IF_WORKS | once (fixed|sorted)} & {@GOOD review | five stars}",
                            "a \\{curly\\} review", "thanks ..3 @@ASK"]}]})json";
  const Engine e = load_engine(locale);
  const ScanContext ctx = xx_context();
  CHECK(fires(e.scan("If you are happy, a great review would help.", ctx),
              "review-positive-request"));
  CHECK(fires(e.scan("If it fits, five stars please.", ctx), "review-positive-request"));
  CHECK(fires(e.scan("Once sorted, five stars please.", ctx), "review-positive-request"));
  CHECK(e.scan("Five stars for the hotel.", ctx).empty());
  CHECK(e.scan("If you are happy, tell us.", ctx).empty());
  CHECK(fires(e.scan("A {curly} review.", ctx), "review-positive-request"));
  // A macro may hold a choice.
  CHECK(fires(e.scan("Thanks, and five stars?", ctx), "review-positive-request"));
  CHECK(fires(e.scan("Thanks for a good review.", ctx), "review-positive-request"));

  const std::string too_many = "{a|b|c|d} & {a|b|c|d} & {a|b|c|d} & {a|b|c|d} & {a|b}";
  const std::vector<std::string> broken = {"{a | b",
                                           "a | b}",
                                           "{a | {b | c}}",
                                           "{a | } review",
                                           too_many,
                                           "review & !{thanks | cheers}",
                                           "review & !not ..1 {a | b}"};
  for (const std::string& bad : broken) {
    const auto errors = load_errors(kCommon, locale_pack("\"" + bad + "\""));
    INFO(bad << "\n" << all(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].where == "locales/xx/policy.json: rules[0].patterns[0]");
  }
}

TEST_CASE("load: an '=' word keeps its accents", "[policy][load]") {
  const std::string locale = R"j({"locale": "xx", "language": {"script": "latin", "stopwords": []},
    "lexicon": {"WOULD": ["=würde", "=wäre"]},
    "rules": [{"id": "review-positive-request",
               "patterns": ["@WOULD ..2 (freuen|glücklich) & (bewertung|sterne)",
                            "sterne & !=wurde", "(top|=très) marks", "op=op deal"]}]})j";
  const Engine e = load_engine(locale);
  const ScanContext ctx = xx_context();
  // "=würde" is not "wurde": accents are folded everywhere else.
  CHECK(fires(e.scan("Wir würden uns freuen über eine Bewertung.", ctx),
              "review-positive-request") == false);
  CHECK(fires(e.scan("Wir würde uns freuen über eine Bewertung.", ctx), "review-positive-request"));
  CHECK(fires(e.scan("WÜRDE mich freuen: Bewertung!", ctx), "review-positive-request"));
  CHECK(fires(e.scan("Wäre glücklich über eine Bewertung.", ctx), "review-positive-request"));
  CHECK(e.scan("Es wurde mich freuen, die Bewertung ist da.", ctx).empty());
  CHECK(e.scan("Es ware glücklich, die Bewertung ist da.", ctx).empty());
  // Decomposed accents and spaced letters are the same word.
  CHECK(fires(e.scan("Ich W ü r d e mich freuen über eine Bewertung", ctx),
              "review-positive-request"));
  CHECK(fires(e.scan("Ich wu\xcc\x88rde mich freuen über Bewertung", ctx),
              "review-positive-request"));
  // A negated exact word: "wurde" spares the sentence, "würde" does not.
  CHECK(e.scan("Es wurde mit fünf Sterne bewertet.", ctx).empty());
  CHECK(fires(e.scan("Es würde fünf Sterne geben.", ctx), "review-positive-request"));
  // Inside a group; the other words still fold their accents.
  CHECK(fires(e.scan("Très marks!", ctx), "review-positive-request"));
  CHECK(fires(e.scan("Tres marks!", ctx), "review-positive-request") == false);
  CHECK(fires(e.scan("Top marks!", ctx), "review-positive-request"));
  // '=' not opening a word is a literal character.
  CHECK(fires(e.scan("Op=op deal now", ctx), "review-positive-request"));
}

TEST_CASE("load: an exclamation inside a short quotation does not end the sentence",
          "[policy][load]") {
  const Engine e = load_engine(locale_pack(R"("super & review")"));
  const ScanContext ctx = xx_context();
  for (const char* text :
       {"Ein „Super!“ von Ihnen als Review wäre toll.", "Un « Super ! » de votre part en review.",
        "Un «Super!» de votre part en review.", "「Super!」の一言で review をお願いします。",
        "A quick \"Super!\" in your review would help.", "A “super?” in the review.",
        "Ett kort ”Super!” från dig i en review vore fint.", "Ett »Super!» i en review.",
        "Een kort ‘Super!’ onder de review.", "Ein ‚Super!‘ in der Review.",
        "It’s a ‘super!’ in the review."}) {
    INFO(text);
    CHECK(fires(e.scan(text, ctx), "review-positive-request"));
  }
  // A capital after the quotation, or no quotation: two sentences.
  for (const char* text :
       {"It was super! \"Review\" is what he said.", "That is super! Review it.",
        "„Super!“ Review bitte.", "「Super!」\nreview later",
        "He wrote \"super\" and left. Review?", "That’s super! review’s later."}) {
    INFO(text);
    CHECK(e.scan(text, ctx).empty());
  }
}

TEST_CASE("load: a pattern may reach into the sentence before its anchor", "[policy][load]") {
  const Engine e = load_engine(
      locale_pack(R"({"p": "review & (satisfied|did it work) & !hotel", "scope": "previous"},
                     {"p": "stars & happy", "scope": "next"})"));
  const ScanContext ctx = xx_context();
  // The condition first, the request in the next sentence; a short interjection between.
  CHECK(fires(e.scan("Satisfied? Then leave a review.", ctx), "review-positive-request"));
  CHECK(fires(e.scan("Did it work for you? Great! A review would help.", ctx),
              "review-positive-request"));
  CHECK(fires(e.scan("Satisfied and a review, please.", ctx), "review-positive-request"));
  // Not the other way round, not two sentences back, and the guard sees both sentences.
  CHECK(e.scan("Leave a review. Satisfied?", ctx).empty());
  CHECK(e.scan("Satisfied? We fixed the part today, as promised. Leave a review.", ctx).empty());
  CHECK(e.scan("Satisfied with the hotel? Leave a review.", ctx).empty());
  // "next" is unchanged: the anchor in the first sentence.
  CHECK(fires(e.scan("Five stars? Only if you are happy.", ctx), "review-positive-request"));
  CHECK(e.scan("Happy now? Five stars.", ctx).empty());

  const auto errors =
      load_errors(kCommon, locale_pack(R"p({"p": "top marks", "scope": "before"})p"));
  INFO(all(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].where == "locales/xx/policy.json: rules[0].patterns[0].scope");
}

TEST_CASE("load: emoji and symbols after a sentence end belong to that sentence",
          "[policy][load]") {
  const Engine e = load_engine(locale_pack(R"("you know & ★")"));
  const ScanContext ctx = xx_context();
  CHECK(fires(e.scan("You know what to do! ⭐⭐⭐⭐⭐", ctx), "review-positive-request"));
  CHECK(fires(e.scan("Liked it? You know... ★★★★★", ctx), "review-positive-request"));
  // A sentence with words after the symbols is a sentence of its own.
  CHECK(e.scan("You know the drill. ★ Five stars in the hotel test.", ctx).empty());
}

TEST_CASE("load: the words of a fixed expression do not count on their own", "[policy][load]") {
  const std::string locale = R"({"locale": "xx", "language": {"script": "latin", "stopwords": []},
    "lexicon": {"FIXED": ["s'il vous plaît", "s'il te plaît"]},
    "rules": [{"id": "review-positive-request",
               "patterns": ["vous plaît & avis", "s'il vous plaît ..2 (cinq|5) étoiles"]}]})";
  const Engine e = load_engine(locale);
  const ScanContext ctx = xx_context();
  CHECK(
      fires(e.scan("Si le produit vous plaît, laissez un avis.", ctx), "review-positive-request"));
  CHECK(e.scan("S'il vous plaît, dites-nous si l'avis du technicien vous aide.", ctx).empty());
  CHECK(e.scan("S'il vous plait, lisez l'avis joint.", ctx).empty());
  // A pattern may still use the whole expression.
  CHECK(fires(e.scan("S'il vous plaît, cinq étoiles !", ctx), "review-positive-request"));

  const auto errors =
      load_errors(kCommon, R"({"locale": "xx", "language": {"script": "latin", "stopwords": []},
    "lexicon": {"FIXED": ["(unclosed"]},
    "rules": [{"id": "review-positive-request", "patterns": ["avis"]}]})");
  INFO(all(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("@FIXED") != std::string::npos);
}

TEST_CASE("load: negated operands may look at the sentence before", "[policy][load]") {
  const std::string locale = R"({"locale": "xx", "language": {"script": "latin", "stopwords": []},
    "rules": [{"id": "review-positive-request",
               "patterns": ["five stars & !hotel",
                            {"p": "top marks & !hotel", "negation_scope": "previous"}]}]})";
  const Engine e = load_engine(locale);
  const ScanContext ctx = xx_context();
  // The plain guard sees only its own sentence; the wider one also the sentence before.
  CHECK(fires(e.scan("We stayed at a hotel. Five stars, please.", ctx), "review-positive-request"));
  CHECK(e.scan("We stayed at a hotel. Top marks, please.", ctx).empty());
  CHECK(fires(e.scan("Top marks, please. We stayed at a hotel.", ctx), "review-positive-request"));

  const auto errors =
      load_errors(kCommon, locale_pack(R"p({"p": "top marks", "negation_scope": "next"})p"));
  INFO(all(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].where == "locales/xx/policy.json: rules[0].patterns[0].negation_scope");
}

TEST_CASE("load: a rule implied by another rule in a sentence with a context word",
          "[policy][load]") {
  const std::string common = R"({
  "catalogue": [
    {"id": "off-platform-transaction", "severity": "error",
     "summary": {"en": "Sale off Amazon.", "zh": "站外交易。"},
     "message": {"en": "Do not sell off Amazon.", "zh": "不要站外交易。"}},
    {"id": "marketing-promotion", "severity": "error",
     "implied_by": [{"rule": "off-platform-transaction", "context": "PRICE_CUT"}],
     "summary": {"en": "Marketing.", "zh": "营销。"},
     "message": {"en": "No marketing.", "zh": "不要营销。"}}
  ],
  "detectors": {},
  "rules": []
})";
  const std::string locale = R"({"locale": "xx", "language": {"script": "latin", "stopwords": []},
    "lexicon": {"PRICE_CUT": ["%", "coupon"]},
    "rules": [{"id": "off-platform-transaction", "patterns": ["order ..3 our web shop"]}]})";
  const Engine e = load_engine(locale, common);
  const ScanContext ctx = xx_context();

  const auto both = e.scan("Order it from our web shop, it is 10 % cheaper there.", ctx);
  CHECK(fires(both, "off-platform-transaction"));
  CHECK(fires(both, "marketing-promotion"));
  // The implied finding covers the bytes of the finding that implied it.
  for (const auto& f : both) {
    CHECK(f.range.begin == both.front().range.begin);
    CHECK(f.range.end == both.front().range.end);
  }
  // No context word, or the context word in another sentence: the sale alone.
  const auto alone = e.scan("Order it from our web shop. The refund was 10 % of the price.", ctx);
  CHECK(fires(alone, "off-platform-transaction"));
  CHECK_FALSE(fires(alone, "marketing-promotion"));
  // A context word without the implying finding is nothing.
  CHECK(e.scan("Here is a coupon.", ctx).empty());

  // Without a context set the implying finding is enough, in any sentence.
  std::string unconditional = common;
  const std::string with_context = R"(, "context": "PRICE_CUT")";
  unconditional.erase(unconditional.find(with_context), with_context.size());
  const auto always =
      load_engine(locale, unconditional)
          .scan("Order it from our web shop. The refund was 10 % of the price.", ctx);
  CHECK(fires(always, "marketing-promotion"));

  // An unknown rule or context set, or a context that is not a name, is a load error.
  for (const auto& [from, to, where] :
       {std::tuple{"\"off-platform-transaction\", \"context\"", "\"no-such-rule\", \"context\"",
                   "catalogue[1].implied_by"},
        std::tuple{"\"PRICE_CUT\"}", "\"NO_SUCH_SET\"}", "catalogue[1].implied_by"},
        std::tuple{"\"PRICE_CUT\"}", "7}", "catalogue[1].implied_by"},
        std::tuple{"[{\"rule\"", "[{\"rules\"", "catalogue[1].implied_by"}}) {
    std::string broken = common;
    broken.replace(broken.find(from), std::string_view(from).size(), to);
    const auto errors = load_errors(broken, locale);
    INFO(all(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].where == std::string("locales/common/policy.json: ") + where);
  }
}

TEST_CASE("load: a quoted button name in a reply that answers a question is not a request",
          "[policy][load]") {
  std::string common = kCommon;
  const std::string id = R"("id": "review-positive-request", "severity": "error",)";
  common.replace(common.find(id), id.size(), id + R"( "quoted_in_context": "ANSWER_CONTEXT",)");
  const std::string locale = R"({"locale": "xx", "language": {"script": "latin", "stopwords": []},
    "lexicon": {"ANSWER_CONTEXT": ["your question"]},
    "rules": [{"id": "review-positive-request", "patterns": ["write a great review"]}]})";
  const Engine e = load_engine(locale, common);
  const ScanContext ctx = xx_context();
  // Quoted, in an answer: the button's name.
  CHECK(e.scan("To your question: click 'Write a great review' there.", ctx).empty());
  CHECK(e.scan("To your question: click \u00ABWrite a great review\u00BB there.", ctx).empty());
  // Quoted without an answer, or an answer without quotation marks: a request.
  CHECK(fires(e.scan("Just click 'Write a great review' there.", ctx), "review-positive-request"));
  CHECK(fires(e.scan("Thanks for your question. Please write a great review.", ctx),
              "review-positive-request"));
  // An apostrophe after a letter is an elision ("qu'un avis"), not an opening quotation mark.
  CHECK(fires(e.scan("About your question: qu'write a great review' now.", ctx),
              "review-positive-request"));

  std::string broken = common;
  broken.replace(broken.find("\"ANSWER_CONTEXT\""), 16, "\"NO_SUCH_SET\"");
  const auto errors = load_errors(broken, locale);
  INFO(all(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].where == "locales/common/policy.json: catalogue[0].quoted_in_context");
}
