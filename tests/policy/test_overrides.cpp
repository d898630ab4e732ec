// Project overrides: the "policy" object of replyc.json.
#include <nlohmann/json.hpp>

#include "tests/policy/helpers.hpp"

using namespace policy_test;
using nlohmann::json;
using replyc::policy::LoadError;

namespace {

Engine load_with(const json& policy) {
  auto loaded = Engine::load(&policy);
  if (auto* errors = std::get_if<std::vector<LoadError>>(&loaded)) {
    for (const auto& e : *errors) {
      FAIL(e.where << ": " << e.message);
    }
  }
  return std::get<Engine>(std::move(loaded));
}

std::vector<LoadError> errors_of(const json& policy) {
  auto loaded = Engine::load(&policy);
  if (auto* errors = std::get_if<std::vector<LoadError>>(&loaded)) {
    return *errors;
  }
  return {};
}

std::vector<Finding> scan_with(const Engine& e, std::string_view text, std::string_view locale) {
  ScanContext ctx;
  ctx.locale = locale;
  return e.scan(text, ctx);
}

}  // namespace

TEST_CASE("overrides: a null policy is the default", "[policy][overrides]") {
  const json null_policy;
  auto loaded = Engine::load(&null_policy);
  REQUIRE(std::holds_alternative<Engine>(loaded));
}

TEST_CASE("overrides: turn a rule off", "[policy][overrides]") {
  const Engine e = load_with(json::parse(R"j({"rules": {"review-positive-request": "off"}})j"));
  const auto findings = scan_with(e, "Please leave us a 5-star review.", "en");
  CHECK_FALSE(fires(findings, "review-positive-request"));
  const auto* info = e.find_rule("review-positive-request");
  REQUIRE(info != nullptr);
  CHECK_FALSE(info->enabled);
  // Other rules still work.
  CHECK(fires(scan_with(e, "Add us on WhatsApp.", "en"), "off-platform-contact"));
}

TEST_CASE("overrides: change a severity", "[policy][overrides]") {
  const Engine e = load_with(json::parse(
      R"j({"rules": {"review-positive-request": "warning", "cancellation-request": "error",
                    "feedback-removal-request": "note"}})j"));
  auto findings = scan_with(e, "Please leave us a 5-star review.", "en");
  REQUIRE(find(findings, "review-positive-request") != nullptr);
  CHECK(find(findings, "review-positive-request")->severity == replyc::Severity::Warning);
  CHECK(e.find_rule("review-positive-request")->severity == replyc::Severity::Warning);
  findings = scan_with(e, "Please cancel the order on your side.", "en");
  CHECK(find(findings, "cancellation-request")->severity == replyc::Severity::Error);
  // The project's severity wins over a pattern's own severity.
  findings = scan_with(e, "We will send you a voucher if you remove the feedback.", "en");
  REQUIRE(find(findings, "feedback-removal-request") != nullptr);
  CHECK(find(findings, "feedback-removal-request")->severity == replyc::Severity::Note);
}

TEST_CASE("overrides: allow-listed terms are never flagged", "[policy][overrides]") {
  const std::string_view brand = "The Chat on WhatsApp Stand fits all phones.";
  CHECK(fires(scan(brand, "en"), "off-platform-contact"));
  const Engine e = load_with(json::parse(R"j({"allow": ["Chat on WhatsApp Stand"]})j"));
  CHECK(scan_with(e, brand, "en").empty());
  // Still flagged outside the allowed term.
  CHECK(fires(scan_with(e, "The Chat on WhatsApp Stand is here; message us on WhatsApp.", "en"),
              "off-platform-contact"));

  // A carrier's hotline, written differently in the text.
  const std::string_view hotline = "For a new delivery date call DHL on 0228 4333 112.";
  CHECK(fires(scan(hotline, "en"), "contact-info-phone"));
  const Engine carrier = load_with(json::parse(R"j({"allow": ["+49 228 4333112"]})j"));
  CHECK_FALSE(fires(scan_with(carrier, hotline, "en"), "contact-info-phone"));

  // A brand name that contains a policy word.
  const Engine line = load_with(json::parse(R"j({"allow": ["LINE ID Tracker"]})j"));
  CHECK(fires(scan("The LINE ID Tracker is in the box.", "en"), "off-platform-contact"));
  CHECK(scan_with(line, "The LINE ID Tracker is in the box.", "en").empty());
}

TEST_CASE("overrides: added phrases", "[policy][overrides]") {
  const Engine e = load_with(json::parse(R"j({"phrases": {
      "en": [{"rule": "marketing-promotion", "pattern": "mega (deal|deals)", "message": "No deals."}],
      "*": [{"rule": "off-platform-contact", "pattern": "brightlane club"}],
      "de": [{"rule": "marketing-promotion", "pattern": "knaller ..2 (angebot|angebote)",
              "message": {"en": "No offers.", "zh": "不要促销。"}, "severity": "warning"}]
    }})j"));
  auto findings = scan_with(e, "Don't forget our mega deals this week.", "en");
  const Finding* f = find(findings, "marketing-promotion");
  REQUIRE(f != nullptr);
  CHECK(f->message_en == "No deals.");
  CHECK(span("Don't forget our mega deals this week.", *f) == "mega deals");
  CHECK(
      fires(scan_with(e, "Werden Sie Mitglied im Brightlane Club.", "de"), "off-platform-contact"));
  findings = scan_with(e, "Unsere Knaller-Angebote warten.", "de");
  f = find(findings, "marketing-promotion");
  REQUIRE(f != nullptr);
  CHECK(f->severity == replyc::Severity::Warning);
  CHECK(f->message_zh == "不要促销。");
  // The built-in phrase patterns do not know these phrases (the statistical model, off here,
  // reads "mega deals this week" as marketing on its own).
  const Engine patterns_only = load_with(json::parse(R"j({"classifier": false})j"));
  CHECK_FALSE(fires(scan_with(patterns_only, "Don't forget our mega deals this week.", "en"),
                    "marketing-promotion"));
}

TEST_CASE("overrides: values of the wrong type are errors, not exceptions", "[policy][overrides]") {
  for (const char* policy : {
           R"j({"phrases": {"en": [{"rule": "emoji", "pattern": "x", "severity": 5}]}})j",
           R"j({"phrases": {"en": [{"rule": "emoji", "pattern": "x", "message": 5}]}})j",
           R"j({"phrases": {"en": "x"}})j",
           R"j({"allow": [1, 2]})j",
       }) {
    INFO(policy);
    const json p = json::parse(policy);
    auto loaded = Engine::load(&p);
    if (std::holds_alternative<Engine>(loaded)) {
      // Acceptable only when the value is ignored harmlessly (a non-string message).
      CHECK(std::string(policy).find("\"message\": 5") != std::string::npos);
    } else {
      CHECK_FALSE(std::get<std::vector<LoadError>>(loaded).empty());
    }
  }
}

TEST_CASE("overrides: bad settings are load errors", "[policy][overrides]") {
  struct Case {
    const char* policy;
    const char* where;
  };
  const Case cases[] = {
      {R"j({"rules": {"be-nice": "off"}})j", "replyc.json: policy.rules.be-nice"},
      {R"j({"rules": {"emoji": "loud"}})j", "replyc.json: policy.rules.emoji"},
      {R"j({"rules": ["emoji"]})j", "replyc.json: policy.rules"},
      {R"j({"allow": "MyBrand"})j", "replyc.json: policy.allow"},
      {R"j({"allow": ["ok", ""]})j", "replyc.json: policy.allow[1]"},
      {R"j({"colour": "blue"})j", "replyc.json: policy.colour"},
      {R"j({"phrases": {"xx": [{"rule": "emoji", "pattern": "a"}]}})j",
       "replyc.json: policy.phrases.xx"},
      {R"j({"phrases": {"en": [{"rule": "nope", "pattern": "a"}]}})j",
       "replyc.json: policy.phrases.en[0].rule"},
      {R"j({"phrases": {"en": [{"rule": "emoji", "pattern": ""}]}})j",
       "replyc.json: policy.phrases.en[0].pattern"},
      {R"j({"phrases": {"en": [{"rule": "emoji"}]}})j", "replyc.json: policy.phrases.en[0]"},
      // Locales the engine compiles on first use still report the project's phrases at load.
      {R"j({"phrases": {"IT": [{"rule": "emoji", "pattern": "[solo]"}]}})j",
       "replyc.json: policy.phrases.IT[0].pattern"},
      {R"j({"phrases": {"*": [{"rule": "emoji", "pattern": "a ... "}]}})j",
       "replyc.json: policy.phrases.*[0].pattern"},
      {R"j([1, 2])j", "replyc.json: policy"},
      {R"j({"rules": {"emoji": 3}})j", "replyc.json: policy.rules.emoji"},
  };
  for (const Case& c : cases) {
    const auto errors = errors_of(json::parse(c.policy));
    INFO(c.policy);
    REQUIRE_FALSE(errors.empty());
    CHECK(errors[0].where == c.where);
  }
}
