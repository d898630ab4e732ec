// Bytes that are not text: invalid UTF-8 of every kind, NUL bytes, control characters. Each gives
// a diagnostic at the exact byte, and every renderer copes with it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compiler/diag/render.hpp"
#include "tests/hostile/hostile.hpp"
#include "tests/unit/support.hpp"

using replyc::test::compile;
using replyc::test::template_with_solution;

namespace {

struct BadBytes {
  const char* what;
  std::string bytes;
};

const std::vector<BadBytes>& bad_sequences() {
  static const std::vector<BadBytes> cases = {
      {"overlong 2-byte '/'", "\xC0\xAF"},
      {"overlong 2-byte U+007F", "\xC1\xBF"},
      {"overlong 3-byte '/'", "\xE0\x80\xAF"},
      {"overlong 3-byte U+07FF", "\xE0\x9F\xBF"},
      {"overlong 4-byte '/'", "\xF0\x80\x80\xAF"},
      {"overlong 4-byte U+FFFF", "\xF0\x8F\xBF\xBF"},
      {"high surrogate U+D800", "\xED\xA0\x80"},
      {"low surrogate U+DFFF", "\xED\xBF\xBF"},
      {"CESU-8 surrogate pair", "\xED\xA0\xBD\xED\xB8\x80"},
      {"above U+10FFFF", "\xF4\x90\x80\x80"},
      {"lead byte F5", "\xF5\x80\x80\x80"},
      {"byte FE", "\xFE"},
      {"byte FF", "\xFF"},
      {"stray continuation byte", "\x80"},
      {"two stray continuation bytes", "\xBF\xBF"},
      {"truncated 2-byte sequence", "\xC3"},
      {"truncated 3-byte sequence", "\xE2\x82"},
      {"truncated 4-byte sequence", "\xF0\x9F\x98"},
      {"3-byte lead then ASCII", "\xE2x"},
  };
  return cases;
}

void render_everything(const replyc::test::Compiled& compiled) {
  const auto& sources = compiled.compilation->sources();
  for (const auto language : {replyc::UiLanguage::English, replyc::UiLanguage::Chinese}) {
    replyc::HumanStyle style;
    style.language = language;
    for (const auto& d : compiled.diagnostics())
      CHECK_FALSE(replyc::render_human(d, sources, style).empty());
    // As the CLI and the language server print it: invalid UTF-8 becomes U+FFFD.
    std::string json;
    CHECK_NOTHROW(json = replyc::render_json_report(compiled.diagnostics(), sources, 1, language)
                             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    CHECK(nlohmann::json::accept(json));
  }
}

std::uint32_t first_offset(const replyc::test::Compiled& compiled, replyc::Code code) {
  for (const auto& d : compiled.diagnostics()) {
    if (d.code == code)
      return d.where.range.begin;
  }
  return 0xFFFFFFFFu;
}

}  // namespace

TEST_CASE("every kind of invalid UTF-8 is reported at its first byte", "[hostile][utf8]") {
  for (const auto& bad : bad_sequences()) {
    for (const bool at_end : {false, true}) {
      INFO(bad.what << (at_end ? " at the end of the file" : " in a section"));
      std::string text;
      std::uint32_t expected = 0;
      if (at_end) {
        text = template_with_solution("Done.");
        expected = static_cast<std::uint32_t>(text.size());
        text += bad.bytes;
      } else {
        text = template_with_solution("caf" + bad.bytes + " au lait");
        expected = static_cast<std::uint32_t>(text.find("caf") + 3);
      }
      const auto compiled = compile(text);
      CHECK(compiled.has(replyc::Code::InvalidUtf8));
      CHECK(first_offset(compiled, replyc::Code::InvalidUtf8) == expected);
      render_everything(compiled);
    }
  }
}

TEST_CASE("invalid UTF-8 in names, header values, tags and paths renders as valid JSON",
          "[hostile][utf8]") {
  const std::vector<std::string> places = {
      "template t\xFF.x\n  title: Sample\n",
      "template test.sample\n  title: Sa\xFFmple\n  scenario: gen\xC0\xAF\n"
      "  marketplaces: U\xFE\n  kind: \xED\xA0\x80\n  valid: 2026\xFF\n",
      "template test.sample\n  params:\n    or\xFF: order_id required\n    x: ty\xFFpe\n",
      "[e\xFFn]\ngreeting = x\n",
      "use \"\xFF\xFE.reply\"\nuse mod\xFF\n",
      "template test.sample\n[en]\ngreet\xFFing = x\nsolution = {na\xFFme} {@sn\xFFip} "
      "{n, plural, o\xFFne {x} other {y}} {n:st\xFFyle}\n",
      "# replyc: allow ru\xFFle -- re\xFFson\n",
  };
  for (const auto& text : places) {
    INFO(text);
    const auto compiled = compile(text);
    CHECK(compiled.has(replyc::Code::InvalidUtf8));
    render_everything(compiled);
  }
}

TEST_CASE("the CLI answers invalid UTF-8 with exit 1 and a JSON report that parses",
          "[hostile][utf8][cli]") {
  const auto dir = replyc::hostile::project_dir("utf8");
  std::size_t index = 0;
  for (const auto& bad : bad_sequences()) {
    replyc::hostile::write_file(dir / ("bad" + std::to_string(index++) + ".reply"),
                                "template t" + bad.bytes + "\n  title: x" + bad.bytes + "\n" +
                                    template_with_solution("caf" + bad.bytes));
  }
  const auto human = replyc::hostile::run_replyc("check .", dir);
  CHECK(human.exit_code == 1);
  CHECK(human.output.find("RC0001") != std::string::npos);
  const auto json = replyc::hostile::run_replyc("check --format json .", dir);
  CHECK(json.exit_code == 1);
  nlohmann::json report;
  REQUIRE_NOTHROW(report = nlohmann::json::parse(json.output));
  CHECK(report["summary"]["files"] == bad_sequences().size());
  std::filesystem::remove_all(dir);
}

TEST_CASE("NUL bytes make a file binary: one finding at the first NUL, nothing parsed",
          "[hostile][nul]") {
  const std::string good = template_with_solution("Done.");
  for (const std::size_t at : {std::size_t{0}, good.size() / 2, good.size()}) {
    std::string text = good;
    text.insert(at, std::string("\0\0x\0", 4));
    const auto compiled = compile(text);
    CHECK(compiled.codes() == std::vector<std::string>{"RC0002"});
    CHECK(first_offset(compiled, replyc::Code::BinaryFile) == at);
    render_everything(compiled);
  }
  const auto dir = replyc::hostile::project_dir("nul");
  replyc::hostile::write_file(dir / "nul.reply", std::string("template t\0\n", 12));
  const auto run = replyc::hostile::run_replyc("check --format json nul.reply", dir);
  CHECK(run.exit_code == 1);
  CHECK(run.output.find("RC0002") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("control characters, lone CRs and a BOM in odd places are findings, not crashes",
          "[hostile]") {
  const std::vector<std::string> texts = {
      "\x01\x02\x03\x1B[31m\x7F\n",
      "template t\r\r\r\n  title: x\r",
      "\r",
      "\n\n\n\r\n\r",
      "\xEF\xBB\xBF",
      "\xEF\xBB\xBF\xEF\xBB\xBFtemplate t\n",
      template_with_solution("a\x0B"
                             "b\x0C"
                             "c\x1F"
                             "d"),
  };
  for (const auto& text : texts) {
    INFO(text);
    const auto compiled = compile(text);
    CHECK_FALSE(compiled.diagnostics().empty());
    render_everything(compiled);
  }
}
