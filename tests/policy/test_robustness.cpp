// Any input is scanned without crashing, and findings always point at valid UTF-8 spans.
#include <random>

#include "tests/policy/helpers.hpp"

using namespace policy_test;

namespace {

void check_ranges(std::string_view text, const std::vector<Finding>& findings) {
  for (const Finding& f : findings) {
    CHECK(f.range.begin <= f.range.end);
    CHECK(f.range.end <= text.size());
  }
}

}  // namespace

TEST_CASE("robustness: invalid UTF-8 and odd input", "[policy][robustness]") {
  const std::string cases[] = {
      "",
      " ",
      "\n\n\n\n",
      std::string("\0\0\0", 3),
      "\xFF\xFE\xFD review \xC3",
      "\xE2\x80",
      "\xF0\x9F\x98",
      "r e v i e w",
      "a.b.c.d.e.f.g.h.i.j",
      "@@@@@@ ... ..3 & ! ( ) [ ] *",
      "+ ( 1 ) - 2 / 3 . 4 5 6 7 8 9 0 1 2 3 4",
      "\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B",
      "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",
  };
  for (const std::string& text : cases) {
    for (const char* locale : {"en", "de", "fr", "ja", "es", "it", "nl", "sv", "pl", "xx", ""}) {
      for (bool whole : {false, true}) {
        const auto findings = scan(text, locale, MessageKind::Proactive, whole);
        check_ranges(text, findings);
      }
    }
  }
}

TEST_CASE("robustness: a long line of quotations and exclamations", "[policy][robustness]") {
  // Every sentence break sits next to a quotation mark: each is checked in a bounded window, so
  // a megabyte on one line is scanned in one pass, not once per break.
  std::string text;
  while (text.size() < 1'000'000) {
    text += "\"Wow!\" a \u300CSuper!\u300D\u306E \u00AB Top ! \u00BB de ";
  }
  const auto findings = scan(text, "fr");
  check_ranges(text, findings);
}

TEST_CASE("robustness: a long reply alternating between two languages", "[policy][robustness]") {
  // Every other sentence is English in a German reply: each is read again with the English
  // pack, and its findings are merged with the German ones by binary search, not by a pass over
  // all findings per new one.
  std::string text;
  while (text.size() < 200'000) {
    text += "Please leave us a 5-star review! Vielen Dank, wir haben das Paket heute verschickt. ";
  }
  const auto findings = scan(text, "de");
  check_ranges(text, findings);
  std::size_t requests = 0;
  for (const Finding& f : findings) {
    requests += f.rule == "review-positive-request" ? 1u : 0u;
  }
  CHECK(requests >= text.size() / 100);  // one per English sentence
}

TEST_CASE("robustness: random bytes and random words", "[policy][robustness]") {
  std::mt19937 rng(20261127);
  const char* words[] = {"please",
                         "leave",
                         "a",
                         "5-star",
                         "review",
                         "\xE2\xAD\x90",
                         "call",
                         "us",
                         "+1",
                         "555",
                         "123",
                         "4567",
                         "www.x.com",
                         "r3v1ew",
                         "\xE2\x80\x8B",
                         "\xD0\xB5",
                         "\xEF\xBD\x92",
                         "\n",
                         ".",
                         "Bewertung",
                         "avis",
                         "\xE8\xA9\x95"
                         "\xE4\xBE\xA1"};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int length = static_cast<int>(rng() % 60);
    for (int i = 0; i < length; ++i) {
      if (rng() % 3 == 0) {
        text.push_back(static_cast<char>(rng() % 256));
      } else {
        text += words[rng() % std::size(words)];
        text.push_back(' ');
      }
    }
    const char* locale = (round % 2) != 0 ? "en" : "ja";
    const auto findings = scan(text, locale, MessageKind::Proactive, true);
    check_ranges(text, findings);
  }
}
