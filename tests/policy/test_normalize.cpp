// Normalisation: disguised text is matched, reported as disguised, and every finding maps back to
// the exact source bytes.
#include "tests/policy/helpers.hpp"

using namespace policy_test;

namespace {

void check_disguised(std::string_view text, std::string_view locale, std::string_view rule,
                     std::string_view disguised_word) {
  const auto findings = scan(text, locale);
  INFO(describe(findings, text));
  const Finding* hit = find(findings, rule);
  REQUIRE(hit != nullptr);
  CHECK(hit->disguised);
  const Finding* obf = find(findings, "obfuscation");
  REQUIRE(obf != nullptr);
  CHECK(obf->severity == replyc::Severity::Error);
  CHECK(obf->range == where(text, disguised_word));
  CHECK(span(text, *obf) == disguised_word);
}

}  // namespace

TEST_CASE("normalisation: full-width Latin letters", "[policy][normalize]") {
  const std::string_view text =
      "Please leave a \xEF\xBD\x90\xEF\xBD\x8F\xEF\xBD\x93\xEF\xBD\x89"
      "\xEF\xBD\x94\xEF\xBD\x89\xEF\xBD\x96\xEF\xBD\x85 review.";
  // "ｐｏｓｉｔｉｖｅ" is bytes 15..39.
  check_disguised(text, "en", "review-positive-request",
                  "\xEF\xBD\x90\xEF\xBD\x8F\xEF\xBD\x93\xEF\xBD\x89\xEF\xBD\x94\xEF\xBD\x89"
                  "\xEF\xBD\x96\xEF\xBD\x85");
  const auto findings = scan(text, "en");
  const Finding* hit = find(findings, "review-positive-request");
  REQUIRE(hit != nullptr);
  CHECK(hit->range.begin == 0);
  CHECK(hit->range.end == 46);  // "...review" without the final period
}

TEST_CASE("normalisation: full-width is ordinary in Japanese text", "[policy][normalize]") {
  const std::string_view text =
      "\xE6\x98\x9F\xEF\xBC\x95\xE3\x81\xA4\xE3\x81\xAE\xE8\xA9\x95"
      "\xE4\xBE\xA1\xE3\x82\x92\xE3\x81\x8A\xE9\xA1\x98\xE3\x81\x84"
      "\xE3\x81\x97\xE3\x81\xBE\xE3\x81\x99\xE3\x80\x82";  // 星５つの評価をお願いします。
  const auto findings = scan(text, "ja");
  INFO(describe(findings, text));
  const Finding* hit = find(findings, "review-positive-request");
  REQUIRE(hit != nullptr);
  CHECK_FALSE(hit->disguised);
  CHECK_FALSE(fires(findings, "obfuscation"));
}

TEST_CASE("normalisation: Cyrillic homoglyphs", "[policy][normalize]") {
  // "reviеw" with Cyrillic е (U+0435, two bytes): bytes 24..31.
  const std::string_view review = "Please leave a positive revi\xD0\xB5w.";
  check_disguised(review, "en", "review-positive-request", "revi\xD0\xB5w");
  CHECK(where(review, "revi\xD0\xB5w") == replyc::ByteRange{24, 31});

  // "pоsitive" with Cyrillic о (U+043E).
  const std::string_view positive = "Please leave a p\xD0\xBEsitive review.";
  check_disguised(positive, "en", "review-positive-request", "p\xD0\xBEsitive");

  // Cyrillic А in WhatsApp.
  const std::string_view whatsapp = "Contact us on Whats\xD0\x90pp.";
  check_disguised(whatsapp, "en", "off-platform-contact", "Whats\xD0\x90pp");

  // Uppercase Cyrillic В reads as Latin B in German.
  const std::string_view de = "Bitte hinterlassen Sie eine positive \xD0\x92\xD0\xB5wertung.";
  check_disguised(de, "de", "review-positive-request", "\xD0\x92\xD0\xB5wertung");
}

TEST_CASE("normalisation: zero-width characters inside a word", "[policy][normalize]") {
  // Zero-width joiner (U+200D) and zero-width space (U+200B).
  const std::string_view zwj = "Please leave a positive re\xE2\x80\x8Dview.";
  check_disguised(zwj, "en", "review-positive-request", "re\xE2\x80\x8Dview");
  CHECK(where(zwj, "re\xE2\x80\x8Dview") == replyc::ByteRange{24, 33});
  const std::string_view zwsp =
      "Add us on What\xE2\x80\x8Bs\xE2\x80\x8B"
      "App.";
  check_disguised(zwsp, "en", "off-platform-contact",
                  "What\xE2\x80\x8Bs\xE2\x80\x8B"
                  "App");
  // Between kana or ideographs too: 高<ZWSP>評価をお願いします。
  const std::string_view kanji =
      "\xE9\xAB\x98\xE2\x80\x8B\xE8\xA9\x95\xE4\xBE\xA1\xE3\x82\x92\xE3\x81\x8A"
      "\xE9\xA1\x98\xE3\x81\x84\xE3\x81\x97\xE3\x81\xBE\xE3\x81\x99\xE3\x80\x82";
  const auto findings = scan(kanji, "ja");
  INFO(describe(findings, kanji));
  CHECK(fires(findings, "review-positive-request"));
  CHECK(fires(findings, "obfuscation"));
}

TEST_CASE("normalisation: spaced and dotted letters", "[policy][normalize]") {
  check_disguised("Please leave a positive r e v i e w today.", "en", "review-positive-request",
                  "r e v i e w");
  check_disguised("Please leave a positive r.e.v.i.e.w today.", "en", "review-positive-request",
                  "r.e.v.i.e.w");
  check_disguised("Contact us on W h a t s A p p.", "en", "off-platform-contact",
                  "W h a t s A p p");
  // A one-letter word next to the spelled-out word is not glued onto it.
  check_disguised("Please leave a p o s i t i v e review.", "en", "review-positive-request",
                  "p o s i t i v e");
  check_disguised("Please leave a g.o.o.d review.", "en", "review-positive-request", "g.o.o.d");
  // Two dotted words separated by a single space stay two words.
  check_disguised("Please leave a p.o.s.i.t.i.v.e r.e.v.i.e.w today.", "en",
                  "review-positive-request", "p.o.s.i.t.i.v.e r.e.v.i.e.w");
  check_disguised("Déjanos una r e s e ñ a de 5 estrellas, por favor.", "es",
                  "review-positive-request", "r e s e ñ a");
  // Latin letters separated by the katakana middle dot, in Japanese text.
  check_disguised("次回からは P・a・y・P・a・l で直接お支払いいただけます。", "ja",
                  "off-platform-transaction", "P・a・y・P・a・l");
  // Spaced letters with a hyphen between the words of a compound.
  check_disguised("Eine kurze 5-S t e r n e-R e z e n s i o n würde uns den Tag retten.", "de",
                  "review-positive-request", "S t e r n e-R e z e n s i o n");
  // A capital after a small letter starts the next word ("positive Bewertung"), while mixed
  // case inside one word still joins.
  check_disguised("Bitte hinterlassen Sie uns eine p o s i t i v e B e w e r t u n g.", "de",
                  "review-positive-request", "p o s i t i v e B e w e r t u n g");
  check_disguised("Please leave us a F i v e S t a r R e v i e w today.", "en",
                  "review-positive-request", "F i v e S t a r R e v i e w");
  check_disguised("Please leave a glowing R e V i E w for us.", "en", "review-positive-request",
                  "R e V i E w");
  // The ideographic space is one space, not a word break: full-width letters spaced with it.
  check_disguised(
      "設定で分からないことがあれば、Ｌ　Ｉ　Ｎ　Ｅ（ID：wan-nyan-do）に直接メッセージください。",
      "ja", "off-platform-contact", "Ｌ　Ｉ　Ｎ　Ｅ");
  // Kana and ideographs spelled out one by one, also touching the text around them.
  check_disguised("星5つの口.コ.ミをお願いします。", "ja", "review-positive-request", "口.コ.ミ");
  check_disguised("よろしければ星5つのレ ビ ュ ーをお願いします。", "ja", "review-positive-request",
                  "レ ビ ュ ー");
  check_disguised("ぜひ高.評.価のレビューをお願いします。", "ja", "review-positive-request",
                  "高.評.価");
  // The last group glued to the rest of the word.
  check_disguised("高評価のレ.ビ.ューをいただけましたら幸いです。", "ja", "review-positive-request",
                  "レ.ビ.ュー");
  CHECK(scan("色は赤・青・黄の三色からお選びいただけます。", "ja").empty());
  // A spelled-out term is reported even when no rule matches around it.
  for (const auto& [text, locale] :
       {std::pair{"是非レ.ビ.ュ.ーで。", "ja"}, std::pair{"Thanks, and r e v i e w.", "en"}}) {
    const auto findings = scan(text, locale);
    INFO(describe(findings, text));
    const Finding* obf = find(findings, "obfuscation");
    REQUIRE(obf != nullptr);
    CHECK(obf->severity == replyc::Severity::Warning);
  }
  // Single letters that spell nothing stay as they are.
  const auto plain = scan("Sections a b c d of the manual explain it.", "en");
  CHECK(plain.empty());
  // Letters spelled one by one are no evidence of another language ("e" is Italian).
  CHECK(scan("The L E D strip lights come in three colours.", "en").empty());
}

TEST_CASE("normalisation: leetspeak", "[policy][normalize]") {
  check_disguised("Please leave a positive r3v1ew.", "en", "review-positive-request", "r3v1ew");
  check_disguised("Rate us 5 5t4rs please.", "en", "review-positive-request", "5t4rs");
  check_disguised("Contact us on wh@tsapp.", "en", "off-platform-contact", "wh@tsapp");
  // A capital I standing for l inside a lower-case word.
  check_disguised("Laissez-nous un commentaire 5 étoiIes !", "fr", "review-positive-request",
                  "étoiIes");
  // Model numbers are not leetspeak.
  const auto model = scan("The X5R3 adapter fits the A100 model.", "en");
  CHECK(model.empty());
}

TEST_CASE("normalisation: plain matches are not disguised", "[policy][normalize]") {
  const std::string_view text = "Please leave us a positive review.";
  const auto findings = scan(text, "en");
  INFO(describe(findings, text));
  const Finding* hit = find(findings, "review-positive-request");
  REQUIRE(hit != nullptr);
  CHECK_FALSE(hit->disguised);
  CHECK_FALSE(fires(findings, "obfuscation"));
  CHECK(hit->range == replyc::ByteRange{0, 33});
}

TEST_CASE("normalisation: accents, elisions and compounds", "[policy][normalize]") {
  // Accent-insensitive, and not a disguise: "evaluation" = "évaluation".
  const auto fr = scan("Une evaluation positive nous aiderait beaucoup.", "fr");
  CHECK(fires(fr, "review-positive-request"));
  CHECK_FALSE(fires(fr, "obfuscation"));
  // Elision: l'avis, d'une évaluation, qu'un avis.
  const std::string_view elision = "Merci de mettre à jour l’avis que vous avez laissé.";
  const auto e1 = scan(elision, "fr");
  INFO(describe(e1, elision));
  const Finding* change = find(e1, "review-change-request");
  REQUIRE(change != nullptr);
  CHECK(span(elision, *change).find("avis") != std::string_view::npos);
  CHECK(fires(scan("Nous serions ravis d'une évaluation positive.", "fr"),
              "review-positive-request"));
  CHECK(fires(scan("Nous espérons qu'un avis positif suivra, merci de le publier.", "fr"),
              "review-positive-request"));
  // German compounds.
  CHECK(fires(scan("Wir freuen uns über eine positive Produktbewertung.", "de"),
              "review-positive-request"));
  CHECK(fires(scan("Bitte hinterlassen Sie eine gute Kundenbewertung.", "de"),
              "review-positive-request"));
  CHECK(fires(scan("Eine 5-Sterne-Rezension würde uns helfen.", "de"), "review-positive-request"));
}

TEST_CASE("normalisation: spans on multi-byte text, tabs and CRLF", "[policy][normalize]") {
  // 2-, 3- and 4-byte characters before the match shift it by the right number of bytes.
  const std::string_view text = "\xC3\x9C\xE2\x82\xAC\xF0\x9F\x93\xA6\tPlease call us.\r\nThanks";
  const auto findings = scan(text, "en");
  INFO(describe(findings, text));
  const Finding* contact = find(findings, "off-platform-contact");
  REQUIRE(contact != nullptr);
  CHECK(span(text, *contact) == "call us");
  CHECK(contact->range == where(text, "call us"));
  const Finding* emoji = find(findings, "emoji");
  REQUIRE(emoji != nullptr);
  CHECK(emoji->range == replyc::ByteRange{5, 9});
}

TEST_CASE("normalisation: invisible characters alone are a warning", "[policy][normalize]") {
  const std::string_view text =
      "Thank you for your or\xE2\x80\x8B"
      "der.";
  const auto findings = scan(text, "en");
  INFO(describe(findings, text));
  const Finding* obf = find(findings, "obfuscation");
  REQUIRE(obf != nullptr);
  CHECK(obf->severity == replyc::Severity::Warning);
  CHECK(obf->range == where(text, "\xE2\x80\x8B"));
  // A word mixing Latin and Cyrillic letters that matches no rule: a warning on the word.
  const std::string_view mixed =
      "Your pr\xD0\xBE"
      "duct ships today.";
  const auto m = scan(mixed, "en");
  INFO(describe(m, mixed));
  const Finding* word = find(m, "obfuscation");
  REQUIRE(word != nullptr);
  CHECK(word->severity == replyc::Severity::Warning);
  CHECK(span(mixed, *word) ==
        "pr\xD0\xBE"
        "duct");
  // Emoji sequences with a zero-width joiner are emoji, not disguise.
  const auto family = scan("Thanks \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", "en");
  CHECK(fires(family, "emoji"));
  CHECK_FALSE(fires(family, "obfuscation"));
}

TEST_CASE("normalisation: full-width Latin in Chinese or Korean text is not a disguise",
          "[policy][normalize]") {
  const std::string_view text = "订单号：１２３，型号ＡＢＣ";
  CHECK_FALSE(fires(scan(text, "zh-CN"), "obfuscation"));
  CHECK(fires(scan("Model ＡＢＣ ships today.", "en"), "obfuscation"));
}
