// Every limit of docs/limits.md, at its value (accepted) and just past it (a clear finding).
#include <catch2/catch.hpp>
#include <string>

#include "compiler/checks/source.hpp"
#include "grammar/parse.hpp"
#include "tests/hostile/hostile.hpp"
#include "tests/unit/support.hpp"

using replyc::test::compile;
using replyc::test::template_with_solution;

namespace {

// A file of exactly `size` bytes: `head`, then comment lines of at most 1000 bytes, ending in LF.
std::string file_of_size(const std::string& head, std::size_t size) {
  std::string text = head;
  while (text.size() < size) {
    const std::size_t room = size - text.size();
    const std::size_t line = std::min<std::size_t>(room, 1000);
    if (line == 1) {
      text += '\n';
    } else {
      text += '#';
      text.append(line - 2, 'x');
      text += '\n';
    }
  }
  return text;
}

// `depth` choices, each in the `other` branch of the one before, one level per line (so that the
// line length limit does not step in first).
std::string nested_choices(std::size_t depth) {
  std::string open, close;
  for (std::size_t i = 0; i < depth; ++i) {
    open += "{n, plural, one {x}\n  other {";
    close += "}}";
  }
  return open + "y" + close;
}

}  // namespace

TEST_CASE("file size: 8 MiB is read, one byte more is refused", "[hostile][limits]") {
  const std::string head = template_with_solution("Done.");
  const auto at_limit = compile(file_of_size(head, replyc::checks::kMaxFileBytes));
  CHECK(at_limit.codes().empty());
  const auto past_limit = compile(file_of_size(head, replyc::checks::kMaxFileBytes + 1));
  CHECK(past_limit.codes() == std::vector<std::string>{"RC0009"});
}

TEST_CASE("file size on disk: just under, at and just over 8 MiB, and a 10 MB single line",
          "[hostile][limits][cli]") {
  const auto dir = replyc::hostile::project_dir("size");
  const std::string head = template_with_solution("Done.");
  replyc::hostile::write_file(dir / "under.reply",
                              file_of_size(head, replyc::checks::kMaxFileBytes - 1));
  replyc::hostile::write_file(dir / "at.reply", file_of_size(head, replyc::checks::kMaxFileBytes));
  replyc::hostile::write_file(dir / "over.reply",
                              file_of_size(head, replyc::checks::kMaxFileBytes + 1));
  replyc::hostile::write_file(dir / "line.reply", "text = " + std::string(10'000'000, 'a') + "\n");

  // The three files define the same template: only look at the size findings.
  const auto under = replyc::hostile::run_replyc("check under.reply", dir);
  CHECK(under.exit_code == 0);
  CHECK(under.output.find("RC0009") == std::string::npos);
  const auto at = replyc::hostile::run_replyc("check at.reply", dir);
  CHECK(at.exit_code == 0);
  CHECK(at.output.find("RC0009") == std::string::npos);
  const auto over = replyc::hostile::run_replyc("check over.reply", dir);
  CHECK(over.exit_code == 1);
  CHECK(over.output.find("error[RC0009]") != std::string::npos);
  CHECK(over.output.find("8388608") != std::string::npos);
  const auto line = replyc::hostile::run_replyc("check line.reply", dir);
  CHECK(line.exit_code == 1);
  CHECK(line.output.find("RC0009") != std::string::npos);
  CHECK_FALSE(line.timed_out());
  std::filesystem::remove_all(dir);
}

TEST_CASE("line length: 64 KiB is accepted, one byte more is refused", "[hostile][limits]") {
  const std::size_t limit = replyc::checks::kMaxLineBytes;
  const std::string head = "snippet s\n\n[en]\n";
  for (const std::string& ending : std::vector<std::string>{"\n", "\r\n", ""}) {
    INFO("line ending: " << (ending == "\n" ? "LF" : ending == "\r\n" ? "CRLF" : "none"));
    // The line's bytes, not counting its ending: "text = " then padding.
    const auto line = [&](std::size_t length) { return "text = " + std::string(length - 7, 'a'); };
    const auto at_limit = compile(head + line(limit) + ending);
    CHECK_FALSE(at_limit.has(replyc::Code::LineTooLong));
    const auto past_limit = compile(head + line(limit + 1) + ending);
    CHECK(past_limit.has(replyc::Code::LineTooLong));
    // A comment line and an indented continuation line count the same.
    CHECK(compile(head + "text = a\n  " + std::string(limit - 2, 'b') + ending)
              .has(replyc::Code::LineTooLong) == false);
    CHECK(compile(head + "#" + std::string(limit, 'c') + ending).has(replyc::Code::LineTooLong));
  }
}

TEST_CASE("a 10 MB single line in memory is refused without being parsed", "[hostile][limits]") {
  const auto compiled = compile("text = " + std::string(10'000'000, 'a') + "\n");
  CHECK(compiled.codes() == std::vector<std::string>{"RC0009"});
  const auto long_line = compile("text = " + std::string(8'000'000, '{') + "\n");
  CHECK(long_line.codes() == std::vector<std::string>{"RC0012"});
}

TEST_CASE("choice nesting: 8 levels are accepted, 9 are reported", "[hostile][limits]") {
  REQUIRE(replyc::grammar::kMaxChoiceDepth == 8);
  const std::string params = "    n: count required\n";
  const auto at_limit = compile(template_with_solution(nested_choices(8), params));
  CHECK_FALSE(at_limit.has(replyc::Code::NestingTooDeep));
  CHECK_FALSE(at_limit.has(replyc::Code::SyntaxError));
  const auto past_limit = compile(template_with_solution(nested_choices(9), params));
  CHECK(past_limit.has(replyc::Code::NestingTooDeep));
}

TEST_CASE("10,000-deep nesting is reported, not recursed into", "[hostile][limits]") {
  const std::string params = "    n: count required\n";
  // One level per line: the nesting limit answers.
  const auto deep = compile(template_with_solution(nested_choices(10'000), params));
  CHECK(deep.has(replyc::Code::NestingTooDeep));
  // On one line (longer than 64 KiB): the line limit answers first.
  std::string one_line;
  for (int i = 0; i < 10'000; ++i)
    one_line += "{n, select, a {";
  const auto flat = compile(template_with_solution(one_line, params));
  CHECK(flat.has(replyc::Code::LineTooLong));
  // Unbalanced braces, brace soup and deep non-choice braces within one line.
  const std::string braces(60'000, '{');
  CHECK_FALSE(compile(template_with_solution(braces)).diagnostics().empty());
  CHECK_FALSE(compile(template_with_solution(std::string(60'000, '}'))).diagnostics().empty());
  std::string soup;
  for (int i = 0; i < 6'000; ++i)
    soup += "{a,select,";
  CHECK_FALSE(compile(template_with_solution(soup)).diagnostics().empty());
  std::string closed;
  for (int i = 0; i < 3'000; ++i)
    closed += "{n, select, a {";
  closed += std::string(6'000, '}');
  CHECK(compile(template_with_solution(closed, params)).has(replyc::Code::NestingTooDeep));
}
