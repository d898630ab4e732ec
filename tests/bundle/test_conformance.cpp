// The conformance suite (tests/conformance) through the reference renderer, and through ICU4C's
// MessageFormat on the bundle's patterns. The Node tests run the same cases through formatjs.
#include <catch2/catch.hpp>

#include "compiler/codegen/bundle_json.hpp"
#include "compiler/codegen/render.hpp"
#include "helpers.hpp"
#include "icu4c.hpp"

using namespace replyc::codegen;
using json = nlohmann::json;

namespace {

std::filesystem::path conformance_dir() {
  return bundle_test::source_dir() / "tests" / "conformance";
}

struct Case {
  std::string file, name, template_id, locale;
  std::map<std::string, std::string> params;
  std::optional<std::string> text, error;
};

std::vector<Case> load_cases(const Bundle*& bundle_out) {
  static Bundle bundle;
  static std::vector<Case> cases;
  if (cases.empty()) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(conformance_dir() / "cases")) {
      if (entry.path().extension() == ".json")
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      const json suite = json::parse(bundle_test::read_file(file));
      const auto read = read_bundle_file(conformance_dir() / suite["bundle"].get<std::string>());
      REQUIRE(std::holds_alternative<Bundle>(read));
      bundle = std::get<Bundle>(read);
      for (const auto& item : suite["cases"]) {
        Case c;
        c.file = file.filename().string();
        c.name = item["name"];
        c.template_id = item["template"];
        c.locale = item["locale"];
        for (const auto& [key, value] : item["params"].items())
          c.params[key] = value.get<std::string>();
        if (item["expect"].contains("text"))
          c.text = item["expect"]["text"].get<std::string>();
        else
          c.error = item["expect"]["error"].get<std::string>();
        cases.push_back(std::move(c));
      }
    }
  }
  bundle_out = &bundle;
  return cases;
}

}  // namespace

TEST_CASE("the reference renderer passes the conformance suite", "[conformance]") {
  const Bundle* bundle = nullptr;
  const auto cases = load_cases(bundle);
  REQUIRE(cases.size() >= 30);
  for (const auto& c : cases) {
    INFO(c.file << ": " << c.name);
    const auto result = render(*bundle, c.template_id, c.locale, c.params);
    if (c.text) {
      REQUIRE(std::holds_alternative<Rendered>(result));
      const auto& rendered = std::get<Rendered>(result);
      CHECK(rendered.text == *c.text);
      std::string joined;
      for (std::size_t k = 0; k < rendered.sections.size(); ++k)
        joined += (k == 0 ? "" : "\n\n") + rendered.sections[k].second;
      CHECK(joined == *c.text);
    } else {
      REQUIRE(std::holds_alternative<std::vector<RenderError>>(result));
      const auto& errors = std::get<std::vector<RenderError>>(result);
      REQUIRE_FALSE(errors.empty());
      CHECK(errors.front().code == *c.error);
    }
  }
}

TEST_CASE("ICU4C's MessageFormat gives the same text from the patterns", "[conformance]") {
  const Bundle* bundle = nullptr;
  for (const auto& c : load_cases(bundle)) {
    if (!c.text)
      continue;
    INFO(c.file << ": " << c.name);
    const Template* templ = bundle->find_template(c.template_id);
    REQUIRE(templ != nullptr);
    const auto checked = check_values(*templ, c.params);
    REQUIRE(std::holds_alternative<Values>(checked));
    const auto args = bundle_test::icu_arguments(*templ, c.locale, std::get<Values>(checked));
    const LocaleEntry* entry = templ->find_locale(c.locale);
    REQUIRE(entry != nullptr);
    CHECK(bundle_test::icu4c_format(entry->message.icu, c.locale, args) == *c.text);
  }
}

TEST_CASE("the conformance bundle is what replyc builds from its sources", "[conformance]") {
  const auto sources = conformance_dir() / "sources";
  const auto built = bundle_test::compile(sources, bundle_test::reply_files(sources), "2026-06-01");
  REQUIRE_FALSE(built.has_errors());
  REQUIRE(std::holds_alternative<Bundle>(built.result));
  Bundle fresh = built.bundle();
  const std::string stored_text = bundle_test::read_file(conformance_dir() / "shop.bundle.json");
  const auto stored = read_bundle(stored_text);
  REQUIRE(std::holds_alternative<Bundle>(stored));
  // Only the compiler version may differ; regenerate with the command in the suite's README.
  fresh.compiler_version = std::get<Bundle>(stored).compiler_version;
  CHECK(write_bundle(fresh) == stored_text);
  bundle_test::keep_for_schema_test("conformance", write_bundle(fresh));
}
