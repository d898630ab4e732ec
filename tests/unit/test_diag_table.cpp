// Walks the diagnostic table: every code is unique, documented, and shown by a golden test.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "compiler/diag/catalog.hpp"
#include "compiler/diag/docs.hpp"
#include "tests/unit/golden.hpp"

using namespace replyc;

TEST_CASE("codes and names are unique and well formed", "[diag-table]") {
  std::set<std::string_view> ids, names;
  for (const auto& entry : all_codes()) {
    CHECK(ids.insert(entry.id).second);
    CHECK(names.insert(entry.name).second);
    CHECK(entry.id.size() == 6);
    CHECK(entry.id.substr(0, 2) == "RC");
    CHECK_FALSE(entry.message_en.empty());
    CHECK_FALSE(entry.message_zh.empty());
    CHECK(find_code(entry.id) == &entry);
    CHECK(find_code(entry.name) == &entry);
  }
}

TEST_CASE("every code has a doc that starts with its code and name", "[diag-table]") {
  for (const auto& entry : all_codes()) {
    INFO(entry.id);
    const auto doc = diagnostic_doc(entry.id);
    REQUIRE(doc.has_value());
    CHECK(doc->starts_with("# " + std::string(entry.id) + " " + std::string(entry.name)));
  }
}

TEST_CASE("every code is shown by at least one golden test", "[diag-table][golden]") {
  // These need inputs too large to commit; test_checks.cpp generates them instead.
  const std::set<std::string_view> generated = {"RC0009", "RC0012"};
  std::string all_expected;
  for (const auto& golden : replyc::test::golden_cases()) {
    std::ifstream in(golden.expected_stem.string() + ".json");
    std::stringstream buffer;
    buffer << in.rdbuf();
    all_expected += buffer.str();
  }
  for (const auto& entry : all_codes()) {
    if (generated.count(entry.id))
      continue;
    INFO(entry.id << " " << entry.name);
    CHECK(all_expected.find("\"code\": \"" + std::string(entry.id) + "\"") != std::string::npos);
  }
}

TEST_CASE("messages render in both languages with their arguments", "[diag-table]") {
  Diagnostic d{Code::UnknownParam, Severity::Error, {}, {"ordr_id"}, {}, {}, {}};
  CHECK(format_message(d, UiLanguage::English) == "unknown param 'ordr_id'");
  CHECK(format_message(d, UiLanguage::Chinese) == "未声明的参数“ordr_id”");
  Diagnostic syntax{
      Code::SyntaxError, Severity::Error, {}, {translated_arg(NoteId::ExpectColon)}, {}, {}, {}};
  CHECK(format_message(syntax, UiLanguage::English) == "expected ':' after the field name");
  CHECK(format_message(syntax, UiLanguage::Chinese) == "此处应为字段名后的“:”");
}

TEST_CASE("the UI language comes from the usual environment spellings", "[diag-table]") {
  CHECK(parse_ui_language("zh-CN") == UiLanguage::Chinese);
  CHECK(parse_ui_language("zh_CN.UTF-8") == UiLanguage::Chinese);
  CHECK(parse_ui_language("en_US.UTF-8") == UiLanguage::English);
  CHECK(parse_ui_language("C.UTF-8") == UiLanguage::English);
  CHECK_FALSE(parse_ui_language("de_DE").has_value());
}
