#include <catch2/catch.hpp>

#include "grammar/parse.hpp"

using namespace replyc;
using Kind = ast::TextPart::Kind;

namespace {

grammar::ParseResult parse(const std::string& text) {
  return grammar::parse(0, text);
}

const ast::Section& section(const grammar::ParseResult& r, std::size_t block, std::size_t locale,
                            std::size_t index) {
  return r.file.blocks.at(block).locales.at(locale).sections.at(index);
}

}  // namespace

TEST_CASE("the grammar has no rule that can loop without progress", "[grammar]") {
  CHECK(grammar::analyze_grammar() == 0);
}

TEST_CASE("a template header, params and locales are parsed", "[grammar]") {
  const auto r = parse(
      "use std  # the standard library\n"
      "use \"brand/snippets.reply\"\n"
      "\n"
      "template shipping.late_delivery\n"
      "  title:        Parcel is running late  # shown to authors only\n"
      "  marketplaces: US DE\n"
      "  params:\n"
      "    order_id:   order_id   required\n"
      "    buyer_name: buyer_name\n"
      "\n"
      "[en]\n"
      "greeting = Hello\n"
      "[de-DE]\n"
      "greeting = Hallo\n");
  CHECK(r.diagnostics.empty());
  REQUIRE(r.file.uses.size() == 2);
  CHECK(r.file.uses[0].module.text == "std");
  CHECK_FALSE(r.file.uses[0].is_path);
  CHECK(r.file.uses[1].module.text == "brand/snippets.reply");
  CHECK(r.file.uses[1].is_path);
  REQUIRE(r.file.blocks.size() == 1);
  const auto& block = r.file.blocks[0];
  CHECK(block.id.text == "shipping.late_delivery");
  REQUIRE(block.fields.size() == 2);
  CHECK(block.fields[0].key.text == "title");
  REQUIRE(block.fields[0].words.size() == 4);
  CHECK(block.fields[0].words[3].text == "late");
  REQUIRE(block.params.size() == 2);
  CHECK(block.params[0].name.text == "order_id");
  CHECK(block.params[0].required);
  CHECK(block.params[1].type.text == "buyer_name");
  CHECK_FALSE(block.params[1].required);
  REQUIRE(block.locales.size() == 2);
  CHECK(block.locales[1].tag.text == "de-DE");
}

TEST_CASE("section text keeps line and paragraph breaks and drops common indentation",
          "[grammar]") {
  const auto r = parse(
      "template t\n[en]\n"
      "solution = First line   \n"
      "           second line\n"
      "\n"
      "             indented paragraph\n");
  REQUIRE(r.diagnostics.empty());
  const auto& text = section(r, 0, 0, 0).text;
  REQUIRE(text.size() == 5);
  CHECK(text[0].text == "First line");  // trailing blanks dropped
  CHECK(text[1].kind == Kind::LineBreak);
  CHECK(text[2].text == "second line");
  CHECK(text[3].kind == Kind::ParagraphBreak);
  CHECK(text[4].text == "  indented paragraph");  // indentation beyond the common one is kept
}

TEST_CASE("escapes, apostrophes and placeholders", "[grammar]") {
  const auto r =
      parse("template t\n[fr]\nsolution = l'{product} \\{x\\} \\\\ {eta:long} {@signoff.formal}\n");
  REQUIRE(r.diagnostics.empty());
  const auto& text = section(r, 0, 0, 0).text;
  REQUIRE(text.size() == 6);
  CHECK(text[0].text == "l'");
  CHECK(text[1].kind == Kind::Param);
  CHECK(text[1].name.text == "product");
  CHECK(text[2].text == " {x} \\ ");
  CHECK(text[3].name.text == "eta");
  CHECK(text[3].style.text == "long");
  CHECK(text[5].kind == Kind::Snippet);
  CHECK(text[5].name.text == "signoff.formal");
}

TEST_CASE("plural and select choices nest, and # counts only in plural branches", "[grammar]") {
  const auto r = parse(
      "template t\n[en]\n"
      "solution = {items, plural, =0 {none} one {# item #1} other {{buyer_name, select,\n"
      "             none {# items} other {# items for {buyer_name}}}}}\n");
  REQUIRE(r.diagnostics.empty());
  const auto& text = section(r, 0, 0, 0).text;
  REQUIRE(text.size() == 1);
  const auto& plural = text[0];
  CHECK(plural.kind == Kind::Choice);
  CHECK(plural.choice == ast::ChoiceKind::Plural);
  REQUIRE(plural.branches.size() == 3);
  CHECK(plural.branches[0].key.text == "=0");
  const auto& one = plural.branches[1].body;
  REQUIRE(one.size() == 4);
  CHECK(one[0].kind == Kind::PluralCount);
  CHECK(one[2].kind == Kind::PluralCount);
  const auto& nested = plural.branches[2].body.at(0);
  CHECK(nested.choice == ast::ChoiceKind::Select);
  CHECK(nested.branches.at(0).body.at(0).kind == Kind::Literal);  // '#' is literal in a select
}

TEST_CASE("one broken line does not hide the rest of the file", "[grammar][recovery]") {
  const auto r = parse(
      "template t\n"
      "  title Missing colon\n"
      "  scenario: general\n"
      "[en]\n"
      "greeting = Hello {name\n"
      "confirm = We {are, plural, bogus}\n"
      "this line is not a statement\n"
      "solution = Fine {x}\n");
  REQUIRE(r.diagnostics.size() == 4);
  for (const auto& d : r.diagnostics)
    CHECK(d.code == Code::SyntaxError);
  const auto& block = r.file.blocks.at(0);
  CHECK(block.fields.size() == 1);  // scenario survived
  const auto& sections = block.locales.at(0).sections;
  REQUIRE(sections.size() == 3);  // greeting and confirm kept their good text
  CHECK(sections[2].name.text == "solution");
  CHECK(sections[2].text.at(1).name.text == "x");
  CHECK(block.locales.at(0).has_syntax_errors);
}

TEST_CASE("a stray closing brace is reported and kept as text", "[grammar][recovery]") {
  const auto r = parse("template t\n[en]\ngreeting = a } b\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].where.range.begin == 29);
  CHECK(section(r, 0, 0, 0).text.at(0).text == "a } b");
}

TEST_CASE("deep nesting is refused without deep recursion", "[grammar][limits]") {
  std::string deep = "template t\n[en]\ngreeting = ";
  for (int i = 0; i < 10000; ++i)
    deep += "{n, select, other {";
  for (int i = 0; i < 10000; ++i)
    deep += "}}";
  deep += "\nconfirm = still parsed\n";
  const auto r = parse(deep);
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics[0].code == Code::NestingTooDeep);
  CHECK(r.file.blocks.at(0).locales.at(0).sections.size() == 2);
}

TEST_CASE("nesting up to the limit is accepted", "[grammar][limits]") {
  std::string text = "template t\n[en]\ngreeting = ";
  for (std::size_t i = 0; i < grammar::kMaxChoiceDepth; ++i)
    text += "{n, select, other {";
  for (std::size_t i = 0; i < grammar::kMaxChoiceDepth; ++i)
    text += "}}";
  text += "\n";
  CHECK(parse(text).diagnostics.empty());
}

TEST_CASE("CRLF files parse like LF files", "[grammar][positions]") {
  const auto lf = parse("template t\n  title: A\n[en]\ngreeting = Hi\n  there\n");
  const auto crlf = parse("template t\r\n  title: A\r\n[en]\r\ngreeting = Hi\r\n  there\r\n");
  REQUIRE(crlf.diagnostics.empty());
  const auto& a = section(lf, 0, 0, 0).text;
  const auto& b = section(crlf, 0, 0, 0).text;
  REQUIRE(a.size() == b.size());
  CHECK(b[0].text == "Hi");
  CHECK(b[2].text == "there");
  CHECK(crlf.file.blocks[0].fields[0].words[0].text == "A");
}

TEST_CASE("arbitrary bytes never crash the parser", "[grammar][robustness]") {
  std::string junk;
  std::uint32_t state = 12345;
  for (int round = 0; round < 200; ++round) {
    junk.clear();
    for (int i = 0; i < 300; ++i) {
      state = state * 1664525u + 1013904223u;
      static constexpr char kAlphabet[] = "{}[]=:#@,\\ \t\n\rab_.-\"";
      junk +=
          (state >> 24) % 3 == 0 ? static_cast<char>(state >> 16) : kAlphabet[(state >> 8) % 21];
    }
    CHECK_NOTHROW(parse("template t\n[en]\ngreeting = " + junk));
  }
}
