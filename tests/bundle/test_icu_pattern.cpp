#include <catch2/catch.hpp>

#include "compiler/codegen/icu_pattern.hpp"
#include "icu4c.hpp"

using namespace replyc::codegen;

namespace {

Node param(const std::string& name, const std::string& type, const std::string& style = "") {
  Node node;
  node.kind = Node::Kind::Param;
  node.param = name;
  node.type = type;
  node.style = style;
  return node;
}

Node choice(const std::string& name, const std::string& type, bool plural,
            std::vector<std::pair<std::string, Parts>> branches) {
  Node node;
  node.kind = Node::Kind::Choice;
  node.param = name;
  node.type = type;
  node.plural = plural;
  node.branches = std::move(branches);
  return node;
}

Node count(const std::string& name) {
  Node node;
  node.kind = Node::Kind::PluralCount;
  node.param = name;
  return node;
}

std::string icu_text(const std::string& pattern) {
  return bundle_test::icu4c_format(pattern, "en", {});
}

}  // namespace

TEST_CASE("apostrophes are always doubled", "[icu]") {
  CHECK(quote_icu_literal("l'équipe", false) == "l''équipe");
  CHECK(quote_icu_literal("''", false) == "''''");
  CHECK(quote_icu_literal("it's", true) == "it''s");
  CHECK(quote_icu_literal("'", false) == "''");
}

TEST_CASE("braces are quoted, # only directly inside a plural", "[icu]") {
  CHECK(quote_icu_literal("{x}", false) == "'{'x'}'");
  CHECK(quote_icu_literal("{}", false) == "'{}'");
  CHECK(quote_icu_literal("#1", false) == "#1");
  CHECK(quote_icu_literal("#1", true) == "'#'1");
  CHECK(quote_icu_literal("'{'", false) == "'''{'''");
  CHECK(quote_icu_literal("{'}", false) == "'{''}'");
  CHECK(quote_icu_literal("{'x", false) == "'{'''x");
  CHECK(quote_icu_literal("a < b > c | d", false) == "a < b > c | d");
}

TEST_CASE("ICU4C reads quoted literals back as the original text", "[icu]") {
  const std::vector<std::string> samples = {
      "l'équipe d'Aujourd'hui",
      "'{x}'",
      "''",
      "{'}",
      "a'{b}'c",
      "it's {not} a 'quote'",
      "'''",
      "#{#}#",
      "x'",
      "'#'",
      "{",
      "}}}'{{{'",
      "😀'{😀}'",
      "'a''b'''c'",
      "\\{}\\",
  };
  for (const auto& sample : samples) {
    INFO(sample);
    CHECK(icu_text(quote_icu_literal(sample, false)) == sample);
    // Inside a plural branch as well, where '#' is special.
    const std::string plural = "{n, plural, other {" + quote_icu_literal(sample, true) + "}}";
    std::vector<bundle_test::IcuArgument> args;
    args.push_back({"n", icu::Formattable(2.0)});
    CHECK(bundle_test::icu4c_format(plural, "en", args) == sample);
  }
}

TEST_CASE("param placeholders by type", "[icu]") {
  const std::vector<ParamInfo> params = {
      {"name", "text", true},   {"items", "count", true}, {"n", "number", true},
      {"price", "money", true}, {"eta", "date", true},    {"at", "datetime", true},
      {"asin", "asin", true},
  };
  CHECK(write_icu({param("name", "text")}, params, "en") == "{name}");
  CHECK(write_icu({param("asin", "asin")}, params, "en") == "{asin}");
  CHECK(write_icu({param("items", "count")}, params, "en") == "{items, number}");
  CHECK(write_icu({param("n", "number")}, params, "en") == "{n, number}");
  CHECK(write_icu({param("n", "number", "percent")}, params, "en") == "{n, number, percent}");
  CHECK(write_icu({param("n", "number", "integer")}, params, "en") == "{n, number, integer}");
  CHECK(write_icu({param("price", "money")}, params, "en") == "{price__symbol}");
  CHECK(write_icu({param("price", "money", "code")}, params, "en") == "{price__code}");
  CHECK(write_icu({param("eta", "date")}, params, "en") == "{eta, date, ::yMMMd}");
  CHECK(write_icu({param("eta", "date", "short")}, params, "en") == "{eta, date, ::yyMd}");
  CHECK(write_icu({param("eta", "date", "full")}, params, "en") == "{eta, date, ::yMMMMEEEEd}");
  // The date-time glue comes from CLDR; its quoted 'at' becomes plain text.
  CHECK(write_icu({param("at", "datetime", "long")}, params, "en") ==
        "{at, date, ::yMMMMd} at {at, time, short}");
  CHECK(write_icu({param("at", "datetime", "long")}, params, "de") ==
        "{at, date, ::yMMMMd} um {at, time, short}");
}

TEST_CASE("plural counts and nested choices", "[icu]") {
  const std::vector<ParamInfo> params = {{"items", "count", true}, {"kind", "text", true}};
  const Parts inner = {count("items"), Node::literal(" items")};
  const Parts nested = {
      choice("kind", "text", false,
             {{"box", {count("items"), Node::literal(" boxes #")}}, {"other", {count("items")}}})};
  const Parts parts = {
      choice("items", "count", true,
             {{"one", {Node::literal("one # item")}}, {"other", inner}, {"=0", nested}})};
  // `#` is only special directly inside a plural: in a select within it, the count is spelled
  // out, and a literal '#' needs no quotes.
  CHECK(write_icu(parts, params, "en") ==
        "{items, plural, one {one '#' item} other {# items} =0 {{kind, select, box {{items, "
        "number} boxes #} other {{items, number}}}}}");
}

TEST_CASE("optional params are guarded where the text does not prove them present", "[icu]") {
  const std::vector<ParamInfo> params = {
      {"name", "buyer_name", false}, {"items", "count", false}, {"eta", "date", false}};
  CHECK(write_icu({param("name", "buyer_name")}, params, "en") ==
        "{name, select, none {} other {{name}}}");
  CHECK(write_icu({param("eta", "date")}, params, "en") ==
        "{eta__select, select, none {} other {{eta, date, ::yMMMd}}}");
  CHECK(write_icu({choice("items", "count", true, {{"other", {count("items")}}})}, params, "en") ==
        "{items__select, select, none {} other {{items, plural, other {#}}}}");
  // Inside a branch that an absent param cannot reach, no guard is needed.
  CHECK(write_icu({choice("name", "buyer_name", false,
                          {{"none", {Node::literal("Hello")}},
                           {"other", {Node::literal("Hi "), param("name", "buyer_name")}}})},
                  params, "en") == "{name, select, none {Hello} other {Hi {name}}}");
  // Without a `none` branch an absent param takes `other`, which then proves nothing.
  CHECK(write_icu({choice("name", "buyer_name", false, {{"other", {param("name", "buyer_name")}}})},
                  params,
                  "en") == "{name, select, other {{name, select, none {} other {{name}}}}}");
}
