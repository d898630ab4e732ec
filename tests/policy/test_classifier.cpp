// The statistical second opinion: features, the model file format, where a verdict points, how
// the engine merges it with the patterns, and the shipped model's provenance.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bench/policy/corpus.hpp"
#include "compiler/policy/classifier.hpp"
#include "tests/policy/helpers.hpp"

using namespace policy_test;
namespace classifier = replyc::policy::classifier;
using replyc::policy::LoadError;
using replyc::policy::PackSource;

namespace {

// A model with one rule that weighs every feature of `word` heavily.
std::string model_for(std::string_view rule, std::string_view word, double threshold = 0.9) {
  std::string text = "replyc-policy-classifier 1\nthreshold " + std::to_string(threshold) +
                     "\nrule " + std::string(rule) + " -6\n";
  for (const auto& [bucket, value] : classifier::extract(word).vector) {
    text += "w " + std::to_string(bucket) + " 0:40\n";
  }
  return text;
}

classifier::Model parsed(const std::string& text) {
  auto m = classifier::Model::parse(text);
  if (auto* error = std::get_if<std::string>(&m)) {
    FAIL(*error);
  }
  return std::get<classifier::Model>(std::move(m));
}

std::string parse_error(const std::string& text) {
  auto m = classifier::Model::parse(text);
  const auto* error = std::get_if<std::string>(&m);
  return error != nullptr ? *error : "";
}

// The built-in packs with `model` as the classifier.
std::variant<Engine, std::vector<LoadError>> load_with(const std::string& model,
                                                       const nlohmann::json* project = nullptr) {
  std::vector<PackSource> packs;
  for (const PackSource& p : Engine::builtin_packs()) {
    if (p.name != "classifier/weights.txt") {
      packs.push_back(p);
    }
  }
  packs.push_back({"classifier/weights.txt", model});
  return Engine::load_packs(packs, project, replyc::policy::LocaleCompile::OnFirstUse);
}

std::string text_of(std::string_view text, replyc::ByteRange r) {
  return std::string(text.substr(r.begin, r.size()));
}

}  // namespace

TEST_CASE("classifier: features ignore width and case, segments follow sentence ends",
          "[policy][classifier]") {
  CHECK(classifier::extract("ＲＥＶＩＥＷ Us").vector == classifier::extract("review us").vector);
  CHECK(classifier::extract("review us").vector != classifier::extract("review them").vector);

  const std::string_view text = "  Hello there!  The zebra runs.\nNext line？最後です。";
  const auto f = classifier::extract(text);
  REQUIRE(f.segments.size() == 4);
  CHECK(text_of(text, f.segments[0]) == "Hello there!");
  CHECK(text_of(text, f.segments[1]) == "The zebra runs.");
  CHECK(text_of(text, f.segments[2]) == "Next line？");
  CHECK(text_of(text, f.segments[3]) == "最後です。");
  // A full stop inside a word (a domain, a number, dotted letters) ends no segment.
  const std::string_view link = "Visita www.fitmax.com para ver 3.5 vídeos. Gracias.";
  const auto g = classifier::extract(link);
  REQUIRE(g.segments.size() == 2);
  CHECK(text_of(link, g.segments[0]) == "Visita www.fitmax.com para ver 3.5 vídeos.");
  CHECK(classifier::extract("").vector.empty());
  CHECK(classifier::extract(" ... !!! ").vector.empty());
  // Invalid UTF-8 is read as replacement characters, never past the end.
  CHECK_NOTHROW(classifier::extract("abc\xC3"));
}

TEST_CASE("classifier: a verdict points at the sentence that weighed most",
          "[policy][classifier]") {
  const auto m = parsed(model_for("review-gating", "zebra"));
  const std::string_view text = "Hello there. The zebra runs! Bye.";
  const auto verdicts = m.classify(text);
  REQUIRE(verdicts.size() == 1);
  CHECK(verdicts[0].rule == "review-gating");
  CHECK(verdicts[0].probability >= 0.9);
  CHECK(text_of(text, verdicts[0].range) == "The zebra runs!");
  CHECK(m.classify("Hello there. The horse runs! Bye.").empty());
  // Past the size bound the model stays silent; the patterns still read the text.
  std::string long_text(classifier::kMaxClassifiedBytes, ' ');
  long_text += "The zebra runs!";
  CHECK(m.classify(long_text).empty());
}

TEST_CASE("classifier: a malformed model file names its line", "[policy][classifier]") {
  CHECK(parse_error("replyc-policy-classifier 2\n").rfind("line 1:", 0) == 0);
  CHECK(parse_error("replyc-policy-classifier 1\nthreshold 1.5\n").rfind("line 2:", 0) == 0);
  CHECK(parse_error("replyc-policy-classifier 1\nthreshold 0.7\nrule a x\n").rfind("line 3:", 0) ==
        0);
  CHECK(parse_error("replyc-policy-classifier 1\nthreshold 0.7\nrule a 1\nw 5 1:2\n")
            .rfind("line 4:", 0) == 0);  // rule index 1 does not exist
  CHECK(parse_error("replyc-policy-classifier 1\nthreshold 0.7\nrule a 1\nw 99999999 0:2\n")
            .rfind("line 4:", 0) == 0);  // bucket out of range
  CHECK(parse_error("replyc-policy-classifier 1\nthreshold 0.7\nrule a 1\nbogus\n")
            .rfind("line 4:", 0) == 0);
  // Weights are bounded, so that no score overflows into infinity or NaN.
  CHECK(parse_error("replyc-policy-classifier 1\nthreshold 0.7\nrule a 1\nw 5 0:1e30\n")
            .rfind("line 4:", 0) == 0);
  CHECK(
      parse_error("replyc-policy-classifier 1\nthreshold 0.7\nrule a nan\n").rfind("line 3:", 0) ==
      0);
  CHECK(!parse_error("replyc-policy-classifier 1\n# no rule\nthreshold 0.7\n").empty());
  CHECK(parse_error("replyc-policy-classifier 1\nthreshold 0.7\nrule a 1\nw 5 0:2\n").empty());
  // A line of spaces is skipped like an empty one, before and after the header.
  CHECK(parse_error("   \nreplyc-policy-classifier 1\n  \nthreshold 0.7\nrule a 1\n").empty());
}

TEST_CASE("classifier: the engine adds a rule only where no pattern found it",
          "[policy][classifier]") {
  auto loaded = load_with(model_for("review-gating", "zebra"));
  REQUIRE(std::holds_alternative<Engine>(loaded));
  const Engine& e = std::get<Engine>(loaded);
  ScanContext ctx;
  ctx.locale = "en";

  const std::string_view plain = "Thanks for your order. The zebra sticker is in the box.";
  const auto found = e.scan(plain, ctx);
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule == "review-gating");
  CHECK(found[0].severity == replyc::Severity::Warning);  // the rule is an error
  CHECK(text_of(plain, found[0].range) == "The zebra sticker is in the box.");
  CHECK(found[0].origin.rfind("locales/classifier/weights.txt (p ", 0) == 0);
  CHECK(found[0].message_en.find("statistical") != std::string::npos);

  // The patterns already find gating here: the model adds nothing of the same rule.
  const std::string_view gated = "If you are happy with the zebra, please leave us a review.";
  int gating = 0;
  for (const Finding& f : e.scan(gated, ctx)) {
    gating += f.rule == "review-gating" ? 1 : 0;
    CHECK(f.origin.find("classifier") == std::string::npos);
  }
  CHECK(gating == 1);

  // A project can turn the model off, or the rule.
  const nlohmann::json off = {{"classifier", false}};
  auto without = load_with(model_for("review-gating", "zebra"), &off);
  REQUIRE(std::holds_alternative<Engine>(without));
  CHECK(std::get<Engine>(without).scan(plain, ctx).empty());
  const nlohmann::json rule_off = {{"rules", {{"review-gating", "off"}}}};
  auto no_rule = load_with(model_for("review-gating", "zebra"), &rule_off);
  REQUIRE(std::holds_alternative<Engine>(no_rule));
  CHECK(std::get<Engine>(no_rule).scan(plain, ctx).empty());
}

TEST_CASE("classifier: a verdict yields to a stronger rule, as a pattern finding does",
          "[policy][classifier]") {
  // Two rules on the same word: marketing yields to an incentive in the same message.
  std::string model =
      "replyc-policy-classifier 1\nthreshold 0.9\nrule marketing-promotion -6\n"
      "rule review-incentive -6\n";
  for (const auto& [bucket, value] : classifier::extract("zebra").vector) {
    model += "w " + std::to_string(bucket) + " 0:40 1:40\n";
  }
  ScanContext ctx;
  ctx.locale = "en";
  const std::string_view text = "The zebra sticker is in the box.";
  const auto rules_found = [&](const nlohmann::json* project) {
    auto loaded = load_with(model, project);
    REQUIRE(std::holds_alternative<Engine>(loaded));
    std::vector<std::string> rules;
    for (const Finding& f : std::get<Engine>(loaded).scan(text, ctx)) {
      rules.push_back(f.rule);
    }
    return rules;
  };
  CHECK(rules_found(nullptr) == std::vector<std::string>{"review-incentive"});
  // With the stronger rule off, the weaker one is reported.
  const nlohmann::json incentive_off = {{"rules", {{"review-incentive", "off"}}}};
  CHECK(rules_found(&incentive_off) == std::vector<std::string>{"marketing-promotion"});
}

TEST_CASE("classifier: a bad model or project switch is a load error", "[policy][classifier]") {
  const auto where_of = [](const std::variant<Engine, std::vector<LoadError>>& loaded) {
    const auto* errors = std::get_if<std::vector<LoadError>>(&loaded);
    return errors != nullptr && !errors->empty()
               ? errors->front().where + ": " + errors->front().message
               : std::string();
  };
  CHECK(where_of(load_with("nonsense")).rfind("locales/classifier/weights.txt: line 1", 0) == 0);
  CHECK(where_of(load_with(model_for("no-such-rule", "zebra"))).find("no-such-rule") !=
        std::string::npos);
  const nlohmann::json wrong = {{"classifier", "no"}};
  CHECK(where_of(load_with(model_for("review-gating", "zebra"), &wrong)) ==
        "replyc.json: policy.classifier: must be true or false");
}

TEST_CASE("classifier: the shipped model was trained on the corpus and packs as they are",
          "[policy][classifier]") {
  // policy_train writes how many corpus texts and pack examples it read; a corpus or pack
  // change without a retrained model fails here (scripts/train-classifier.sh retrains).
  std::ifstream in(std::string(REPLYC_POLICY_CORPUS_DIR) +
                   "/../../../locales/classifier/weights.txt");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const std::string model = text.str();
  REQUIRE(std::holds_alternative<classifier::Model>(classifier::Model::parse(model)));

  // The latest blind sets measure the model, so they never train it (the script excludes them).
  const std::filesystem::path root = REPLYC_POLICY_CORPUS_DIR;
  const std::filesystem::path blind[] = {root / "holdout/batch42", root / "holdout/clean42",
                                         root / "holdout/batchnsp25"};
  std::size_t texts = 0;
  for (const auto& item : std::filesystem::recursive_directory_iterator(root)) {
    const auto in_blind = [&](const std::filesystem::path& dir) {
      return item.path().parent_path() == dir;
    };
    if (item.path().extension() == ".jsonl" &&
        std::none_of(std::begin(blind), std::end(blind), in_blind)) {
      std::string error;
      texts += replyc::policy::corpus::load_files({item.path()}, error).size();
      REQUIRE(error.empty());
    }
  }
  std::size_t examples = 0;
  for (const auto& info : engine().rules()) {
    examples += info.examples.size();
  }
  const std::string provenance = "from " + std::to_string(texts) + " labelled texts and " +
                                 std::to_string(examples) + " pack examples";
  INFO(provenance);
  CHECK(model.find(provenance) != std::string::npos);
}
