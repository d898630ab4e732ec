#include <catch2/catch.hpp>

#include "compiler/codegen/bundle_json.hpp"
#include "helpers.hpp"

using namespace replyc::codegen;
using json = nlohmann::json;

namespace {

json good_json() {
  static const std::string text = bundle_test::read_file(bundle_test::source_dir() / "tests" /
                                                         "conformance" / "shop.bundle.json");
  return json::parse(text);
}

// The errors reading `bundle` gives, as "where: message" lines.
std::string problems(const json& bundle) {
  const auto result = bundle_from_json(bundle);
  if (std::holds_alternative<Bundle>(result))
    return "";
  std::string out;
  for (const auto& error : std::get<std::vector<BundleError>>(result))
    out += error.to_string() + "\n";
  return out;
}

json& template_named(json& bundle, const std::string& id) {
  for (auto& templ : bundle["templates"]) {
    if (templ["id"] == id)
      return templ;
  }
  FAIL("no template " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a bundle reads back to the same model and the same bytes", "[json]") {
  const std::string text = good_json().dump(2) + "\n";
  const auto read = read_bundle(text);
  REQUIRE(std::holds_alternative<Bundle>(read));
  CHECK(write_bundle(std::get<Bundle>(read)) == text);
}

TEST_CASE("the writer sorts keys and keeps UTF-8 as is", "[json]") {
  const auto read = read_bundle(good_json().dump());
  REQUIRE(std::holds_alternative<Bundle>(read));
  const std::string out = write_bundle(std::get<Bundle>(read));
  CHECK(out.find("\"compiler\"") < out.find("\"excluded\""));
  CHECK(out.find("\"excluded\"") < out.find("\"format\""));
  CHECK(out.find("\"format\"") < out.find("\"formatVersion\""));
  CHECK(out.find("\"formatVersion\"") < out.find("\"sourceHash\""));
  CHECK(out.find("\"sourceHash\"") < out.find("\"templates\""));
  CHECK(out.find("Grüßen") != std::string::npos);
  CHECK(out.find("\\u") == std::string::npos);
}

TEST_CASE("the reader refuses what is not a version 1 bundle", "[json]") {
  CHECK(
      std::get<std::vector<BundleError>>(read_bundle("{")).front().message.find("not valid JSON") ==
      0);
  // nlohmann reports a number too large for a double as out_of_range, not as a parse error.
  CHECK(std::get<std::vector<BundleError>>(read_bundle("1e323"))
            .front()
            .message.find("not valid JSON") == 0);
  CHECK(std::get<std::vector<BundleError>>(read_bundle("\xff{}"))
            .front()
            .message.find("not valid UTF-8") == 0);
  CHECK(problems(json::array()) == "a bundle is a JSON object\n");
  json other = good_json();
  other["format"] = "rtpl-bundle";
  CHECK(problems(other) == "format: is \"rtpl-bundle\", not \"replyc-bundle\"\n");
  json newer = good_json();
  newer["formatVersion"] = 2;
  CHECK(problems(newer) ==
        "formatVersion: is 2; this replyc reads version 1 (the bundle is newer)\n");
  json text_version = good_json();
  text_version["formatVersion"] = "1";
  CHECK(problems(text_version) == "formatVersion: must be an integer\n");
}

TEST_CASE("the reader checks templates, params and parts", "[json]") {
  {
    json b = good_json();
    template_named(b, "refund.partial")["params"][2]["type"] = "url";
    CHECK(problems(b).find("'url' is not a param type") != std::string::npos);
  }
  {
    json b = good_json();
    auto& parts = template_named(b, "notice.rtl")["locales"]["ar"]["sections"]["confirm"]["parts"];
    parts[1]["param"] = "coupon";
    CHECK(problems(b).find("param 'coupon' is not declared by template notice.rtl") !=
          std::string::npos);
  }
  {
    json b = good_json();
    auto& greeting = template_named(b, "notice.rtl")["locales"]["ar"]["sections"]["greeting"];
    greeting["parts"][0]["branches"].erase("other");
    CHECK(problems(b).find("must have an \"other\" branch") != std::string::npos);
  }
  {
    json b = good_json();
    auto& solution = template_named(b, "refund.partial")["locales"]["de"]["sections"]["solution"];
    solution["parts"][1]["style"] = "percent";
    CHECK(problems(b).find("'percent' is not a style of type date") != std::string::npos);
  }
  {
    json b = good_json();
    template_named(b, "refund.partial")["locales"]["de"]["sections"].erase("closing");
    CHECK(problems(b).find("templates[2].locales.de.sections: missing section \"closing\"") !=
          std::string::npos);
  }
  {
    json b = good_json();
    template_named(b, "refund.partial")["kind"] = "marketing";
    CHECK(problems(b).find("templates[2].kind: must be \"reply\" or \"proactive\"") !=
          std::string::npos);
  }
  {
    json b = good_json();
    std::swap(b["templates"][0], b["templates"][1]);
    CHECK(problems(b).find("templates must be sorted by id") != std::string::npos);
  }
  {
    json b = good_json();
    b["sourceHash"] = "sha256:XYZ";
    CHECK(problems(b).find("sourceHash: must be") != std::string::npos);
  }
}

TEST_CASE("the reader checks that patterns and messages match their parts", "[json]") {
  {
    json b = good_json();
    auto& confirm = template_named(b, "notice.rtl")["locales"]["ar"]["sections"]["confirm"];
    confirm["icu"] = "changed {order_id}";
    CHECK(problems(b).find("confirm.icu: is not the pattern its parts give") != std::string::npos);
  }
  {
    json b = good_json();
    auto& message = template_named(b, "notice.rtl")["locales"]["ar"]["message"];
    message["parts"].back() = "changed";
    message["icu"] = "";
    const std::string found = problems(b);
    CHECK(found.find("message.icu: is not the pattern its parts give") != std::string::npos);
  }
  {
    json b = good_json();
    auto& solution = template_named(b, "notice.rtl")["locales"]["ar"]["sections"]["solution"];
    solution["parts"][0] = "Changed ";
    solution["icu"] = "Changed {tracking}\u2069.";
    CHECK(problems(b).find("message: is not its sections joined by a blank line") !=
          std::string::npos);
  }
  {
    json b = good_json();
    auto& confirm = template_named(b, "notice.rtl")["locales"]["ar"]["sections"]["confirm"];
    confirm["parts"].insert(confirm["parts"].begin() + 1, "x");
    CHECK(problems(b).find("two text parts in a row must be one") != std::string::npos);
  }
}

TEST_CASE("a bundle file that cannot be read is one clear error", "[json]") {
  const auto missing = read_bundle_file("/nonexistent/replyc/bundle.json");
  REQUIRE(std::holds_alternative<std::vector<BundleError>>(missing));
  CHECK(std::get<std::vector<BundleError>>(missing).front().message.find("cannot read") == 0);
  const auto folder = read_bundle_file(bundle_test::source_dir());
  CHECK(std::get<std::vector<BundleError>>(folder).front().message.find("is a folder") !=
        std::string::npos);
}
