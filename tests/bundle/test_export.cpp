#include <catch2/catch.hpp>

#include "compiler/codegen/export.hpp"
#include "helpers.hpp"

using namespace replyc::codegen;

namespace {

// A one-template bundle: [en] uses only plain params; [de] has a choice.
Bundle small_bundle() {
  Template templ;
  templ.id = "orders.note";
  templ.title = "Note, with \"quotes\", commas";
  templ.scenario = "general";
  templ.marketplaces = {"US", "DE"};
  templ.params = {{"order_id", "order_id", true}, {"buyer_name", "buyer_name", false}};
  auto param = [](const std::string& name, const std::string& type) {
    Node node;
    node.kind = Node::Kind::Param;
    node.param = name;
    node.type = type;
    return node;
  };
  LocaleEntry en;
  en.tag = "en";
  for (const auto& name : section_names()) {
    Parts parts = {Node::literal(name + " for order "), param("order_id", "order_id")};
    if (name == "greeting")
      parts = {Node::literal("Hello "), param("buyer_name", "buyer_name"),
               Node::literal(",\nthanks")};
    en.sections.emplace_back(name, Text{{}, parts});
  }
  LocaleEntry de = en;
  de.tag = "de";
  Node choice;
  choice.kind = Node::Kind::Choice;
  choice.param = "buyer_name";
  choice.type = "buyer_name";
  choice.branches = {{"none", {Node::literal("Hallo")}}, {"other", {Node::literal("Hi")}}};
  de.sections[0].second.parts = {choice};
  for (auto* locale : {&de, &en}) {
    for (std::size_t k = 0; k < locale->sections.size(); ++k) {
      if (k > 0)
        append(locale->message.parts, Node::literal("\n\n"));
      append(locale->message.parts, locale->sections[k].second.parts);
    }
  }
  templ.locales = {de, en};
  write_patterns(templ);
  Bundle bundle;
  bundle.compiler_version = "test";
  bundle.source_hash = "sha256:" + std::string(64, '0');
  bundle.templates = {templ};
  return bundle;
}

PlaceholderSpelling spelling(const std::string& name) {
  return std::get<PlaceholderSpelling>(placeholder_spelling(name));
}

ExportResult run(const Bundle& bundle, ExportFormat format, const PlaceholderSpelling& placeholders,
                 bool skip = false) {
  ExportOptions options;
  options.format = format;
  options.placeholders = placeholders;
  options.skip_unexpressible = skip;
  return export_bundle(bundle, options);
}

}  // namespace

TEST_CASE("placeholder spellings", "[export]") {
  CHECK(spelling("braces").spell("order_id") == "{order_id}");
  CHECK(spelling("double-braces").spell("order_id") == "{{order_id}}");
  CHECK(spelling("brackets").spell("order_id") == "[order_id]");
  CHECK(spelling("percent").spell("order_id") == "%%order_id%%");
  CHECK(std::get<std::string>(placeholder_spelling("angle")).find("unknown placeholder") == 0);
  const auto map = parse_mapping(R"({"order_id": "{{ticket.order}}", "buyer_name": "$NAME"})");
  REQUIRE(std::holds_alternative<PlaceholderSpelling>(map));
  CHECK(std::get<PlaceholderSpelling>(map).spell("buyer_name") == "$NAME");
  CHECK(std::get<std::string>(parse_mapping("[1]")).find("must be a JSON object") == 0);
  CHECK(std::get<std::string>(parse_mapping(R"({"a": 1})")).find("must be a non-empty string") !=
        std::string::npos);
  CHECK(
      std::get<std::string>(parse_mapping(R"({"a": "$X", "b": "$X"})")).find("same placeholder") !=
      std::string::npos);
}

TEST_CASE("choices are refused by flat placeholders, naming what and where", "[export]") {
  const auto result = run(small_bundle(), ExportFormat::Csv, spelling("braces"));
  CHECK(result.content.empty());
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0] ==
        "template orders.note [de] greeting: {buyer_name, select, ...} is a choice; a flat "
        "placeholder (braces) cannot choose between texts");
}

TEST_CASE("CSV: BOM, one row per template and locale, RFC 4180 quoting", "[export]") {
  const auto result = run(small_bundle(), ExportFormat::Csv, spelling("percent"), true);
  REQUIRE(result.errors.empty());
  REQUIRE(result.skipped.size() == 1);
  CHECK(result.skipped[0].find("left out: template orders.note [de] greeting") == 0);
  const std::string& csv = result.content;
  REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
  const std::string expected =
      "\xEF\xBB\xBF"
      "template,locale,title,scenario,kind,marketplaces,params,message,greeting,confirm,solution,"
      "next_steps,closing\r\n"
      "orders.note,en,\"Note, with \"\"quotes\"\", commas\",general,reply,US DE,"
      "order_id buyer_name,\"Hello %%buyer_name%%,\nthanks\n\nconfirm for order "
      "%%order_id%%\n\nsolution for order %%order_id%%\n\nnext_steps for order "
      "%%order_id%%\n\nclosing for order %%order_id%%\",\"Hello %%buyer_name%%,\nthanks\","
      "confirm for order %%order_id%%,solution for order %%order_id%%,next_steps for order "
      "%%order_id%%,closing for order %%order_id%%\r\n";
  CHECK(csv == expected);
}

TEST_CASE("CSV: a cell that a spreadsheet would run as a formula starts with an apostrophe",
          "[export]") {
  for (const std::string start : {"=", "+", "-", "@"}) {
    Bundle bundle = small_bundle();
    bundle.templates[0].title = start + "HYPERLINK(\"http://x\")";
    const auto result = run(bundle, ExportFormat::Csv, spelling("percent"), true);
    REQUIRE(result.errors.empty());
    INFO(start);
    CHECK(result.content.find(",\"'" + start + "HYPERLINK(\"\"http://x\"\")\",") !=
          std::string::npos);
  }
  // The JSON export keeps the text as it is: no spreadsheet reads it.
  Bundle bundle = small_bundle();
  bundle.templates[0].title = "=1+1";
  const auto json_export = run(bundle, ExportFormat::Json, spelling("percent"), true);
  CHECK(json_export.content.find("\"=1+1\"") != std::string::npos);
}

TEST_CASE("JSON export with a mapping file", "[export]") {
  auto map = std::get<PlaceholderSpelling>(
      parse_mapping(R"({"order_id": "{{ticket.order_id}}", "buyer_name": "{{ticket.name}}"})"));
  const auto result = run(small_bundle(), ExportFormat::Json, map, true);
  REQUIRE(result.errors.empty());
  const auto json = nlohmann::json::parse(result.content);
  CHECK(json["format"] == "replyc-export");
  CHECK(json["placeholders"] == "map");
  REQUIRE(json["entries"].size() == 1);
  const auto& entry = json["entries"][0];
  CHECK(entry["template"] == "orders.note");
  CHECK(entry["locale"] == "en");
  CHECK(entry["sections"]["greeting"] == "Hello {{ticket.name}},\nthanks");
  CHECK(entry["params"][0]["placeholder"] == "{{ticket.order_id}}");
}

TEST_CASE("a param missing from the mapping is refused", "[export]") {
  auto map = std::get<PlaceholderSpelling>(parse_mapping(R"({"order_id": "<<ORDER>>"})"));
  const auto result = run(small_bundle(), ExportFormat::Json, map, true);
  CHECK(result.errors.empty());
  REQUIRE(result.skipped.size() == 2);
  CHECK(result.skipped[1].find("param 'buyer_name' has no entry in the mapping file") !=
        std::string::npos);
}

TEST_CASE("literal text that would read as a placeholder is refused", "[export]") {
  Bundle bundle = small_bundle();
  auto& en = bundle.templates[0].locales[1];
  en.sections[1].second.parts.insert(en.sections[1].second.parts.begin(),
                                     Node::literal("Use [brackets] and {braces}: "));
  // Merge into one literal as the lowering would.
  Parts merged;
  append(merged, en.sections[1].second.parts);
  en.sections[1].second.parts = merged;
  const auto braces = run(bundle, ExportFormat::Csv, spelling("brackets"), true);
  REQUIRE(braces.skipped.size() == 2);
  CHECK(braces.skipped[1].find("the text contains '['") != std::string::npos);
  const auto percent = run(bundle, ExportFormat::Csv, spelling("percent"), true);
  CHECK(percent.skipped.size() == 1);  // only the choice in [de]
}

TEST_CASE("the examples export as JSON without their choices", "[export][examples]") {
  const auto root = bundle_test::source_dir() / "examples";
  std::vector<std::filesystem::path> files;
  for (const auto& file : bundle_test::reply_files(root)) {
    if (file.string().find("/broken/") == std::string::npos)
      files.push_back(file);
  }
  if (files.empty())
    return;
  const auto built = bundle_test::compile(root, files, "2026-12-01");
  if (built.has_errors() || !std::holds_alternative<Bundle>(built.result))
    return;
  const auto strict = run(built.bundle(), ExportFormat::Csv, spelling("double-braces"));
  const auto lenient = run(built.bundle(), ExportFormat::Csv, spelling("double-braces"), true);
  CHECK(strict.errors.empty() == lenient.skipped.empty());
  CHECK(lenient.errors.empty());
}
