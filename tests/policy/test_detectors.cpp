// Detectors: contact details, links, symbols, layout, length, order id and language.
#include <algorithm>
#include <tuple>

#include "tests/policy/helpers.hpp"

using namespace policy_test;

namespace {

void expect_span(std::string_view text, std::string_view locale, std::string_view rule,
                 std::string_view expected) {
  const auto findings = scan(text, locale);
  INFO(describe(findings, text));
  const Finding* f = find(findings, rule);
  REQUIRE(f != nullptr);
  CHECK(span(text, *f) == expected);
}

// Some finding of `rule` overlaps `expected` (a pack pattern may have reported the same rule on
// a neighbouring span; overlapping findings of one rule are merged).
void expect_overlapping(std::string_view text, std::string_view locale, std::string_view rule,
                        std::string_view expected) {
  const auto findings = scan(text, locale);
  INFO(describe(findings, text));
  const replyc::ByteRange want = where(text, expected);
  bool overlapping = false;
  for (const Finding& f : findings) {
    overlapping =
        overlapping || (f.rule == rule && f.range.begin < want.end && want.begin < f.range.end);
  }
  CHECK(overlapping);
}

void expect_none(std::string_view text, std::string_view locale, std::string_view rule) {
  const auto findings = scan(text, locale);
  INFO(describe(findings, text));
  CHECK_FALSE(fires(findings, rule));
}

}  // namespace

TEST_CASE("email addresses", "[policy][detectors]") {
  // A website after "at" is a link even after a mailbox name ("order").
  expect_none("You can order at www.trekmaxgear.com and pay by PayPal.", "en",
              "contact-info-email");
  expect_span("You can order at www.trekmaxgear.com and pay by PayPal.", "en", "external-link",
              "www.trekmaxgear.com");
  expect_span("Write to support@brand-store.com for help.", "en", "contact-info-email",
              "support@brand-store.com");
  expect_span("Mail: jane.doe+shop@mail.example.co.uk today", "en", "contact-info-email",
              "jane.doe+shop@mail.example.co.uk");
  // Full-width at sign.
  expect_span(
      "Write to help\xEF\xBC\xA0"
      "brand.com now.",
      "en", "contact-info-email",
      "help\xEF\xBC\xA0"
      "brand.com");
  // Spelled out, in several languages.
  expect_span("Our address is help at brand dot com.", "en", "contact-info-email",
              "help at brand dot com");
  expect_span("Contact: service(at)brandstore.de", "en", "contact-info-email",
              "service(at)brandstore.de");
  expect_span("Correo: ventas arroba tienda punto es", "es", "contact-info-email",
              "ventas arroba tienda punto es");
  expect_span("Schreiben Sie an service(at)brandstore(punkt)de.", "de", "contact-info-email",
              "service(at)brandstore(punkt)de");
  // A second-level label and a country code, spelled; the domain is not also a link.
  expect_span("Mandanos las fotos a ventas (arroba) mundoguitarra (punto) com (punto) ar y listo.",
              "es", "contact-info-email", "ventas (arroba) mundoguitarra (punto) com (punto) ar");
  expect_none("Mandanos las fotos a ventas (arroba) mundoguitarra (punto) com (punto) ar y listo.",
              "es", "external-link");
  const auto spelled = scan("Our address is help at brand dot com.", "en");
  CHECK(find(spelled, "contact-info-email")->disguised);
  // A Japanese keyboard types the full-width at sign: an address, but no disguise.
  const auto japanese = scan(
      "support\xEF\xBC\xA0"
      "brand.jp \xE3\x81\xBE\xE3\x81\xA7",
      "ja");
  REQUIRE(find(japanese, "contact-info-email") != nullptr);
  CHECK_FALSE(find(japanese, "contact-info-email")->disguised);
  CHECK_FALSE(fires(japanese, "obfuscation"));
  // The plain word "at" before a real domain: an address after a mailbox name or a local part
  // with a dot, underscore or digit.
  expect_span("Die Rechnung kommt von rechnung at kuechenfreund.de.", "de", "contact-info-email",
              "rechnung at kuechenfreund.de");
  expect_span("Write to jane.doe at brand-store.com today.", "en", "contact-info-email",
              "jane.doe at brand-store.com");
  expect_span("Ask team_7 at brand.com.", "en", "contact-info-email", "team_7 at brand.com");
  // Spelled dots, underscores and hyphens join the name, and make "at" an address's.
  expect_span("Write to jane dot doe at brand.com today.", "en", "contact-info-email",
              "jane dot doe at brand.com");
  expect_span("Write to jane underscore doe at brand.com today.", "en", "contact-info-email",
              "jane underscore doe at brand.com");
  expect_span("Escríbanos a ventas guion bajo norte arroba tienda punto es.", "es",
              "contact-info-email", "ventas guion bajo norte arroba tienda punto es");
  expect_span("Mail an kundenservice bindestrich nord at firma.de bitte.", "de",
              "contact-info-email", "kundenservice bindestrich nord at firma.de");
  CHECK(
      find(scan("Die Rechnung kommt von rechnung at kuechenfreund.de.", "de"), "contact-info-email")
          ->disguised);
  // Not addresses.
  expect_none("We will reply at 5 pm at the latest.", "en", "contact-info-email");
  expect_none("Spare parts are at brandstore.shop, says the note.", "en", "contact-info-email");
  expect_none("They are in our own store at www.brandstore.com too.", "en", "contact-info-email");
  expect_none("Available at brandstore.com as well.", "en", "contact-info-email");
  expect_none("Follow the @ sign on the label.", "en", "contact-info-email");
  expect_none("Order the hyphen-free version at brand.com or here.", "en", "contact-info-email");
}

TEST_CASE("an address or number the buyer is invited to use is off-platform contact",
          "[policy][detectors]") {
  expect_overlapping("If you have questions, write to help@brand-store.com.", "en",
                     "off-platform-contact", "help@brand-store.com");
  expect_overlapping("Contactez le service client : sav arobase brand point fr.", "fr",
                     "off-platform-contact", "sav arobase brand point fr");
  expect_overlapping("Llámanos al 612 345 678.", "es", "off-platform-contact", "612 345 678");
  expect_overlapping("Per assistenza scriva a aiuto@negozio.it.", "it", "off-platform-contact",
                     "aiuto@negozio.it");
  // Stated, not offered as a channel.
  expect_none("The address on the invoice is billing@brand-store.com.", "en",
              "off-platform-contact");
  // A carrier's number is not the seller's channel (a phone warning only).
  expect_none("You can also call DHL at 0228 4333112 about the delivery.", "en",
              "off-platform-contact");
  expect_none("Please call 0228 4333112, the DHL hotline, about the delivery.", "en",
              "off-platform-contact");
  // The seller's own number, with the carrier named further on for the carrier's sake.
  const auto own = scan("Call us on 0800 123 4567 if DHL has not delivered by Friday.", "en");
  REQUIRE(find(own, "contact-info-phone") != nullptr);
  CHECK(find(own, "contact-info-phone")->severity == replyc::Severity::Error);
  expect_overlapping("Write to Tom on 0800 123 4567 if DHL has not delivered by Friday.", "en",
                     "off-platform-contact", "0800 123 4567");
}

TEST_CASE("phone numbers and the numbers that are not", "[policy][detectors]") {
  expect_span("Call +1 (555) 123-4567 today.", "en", "contact-info-phone", "+1 (555) 123-4567");
  expect_span("Our number is 555-123-4567.", "en", "contact-info-phone", "555-123-4567");
  expect_span("Hotline 0800 123 4567", "en", "contact-info-phone", "0800 123 4567");
  expect_span("Telefon: +49 89 1234567", "de", "contact-info-phone", "+49 89 1234567");
  expect_span("Appelez le 01 23 45 67 89.", "fr", "contact-info-phone", "01 23 45 67 89");
  expect_span("お電話は03-1234-5678まで", "ja", "contact-info-phone", "03-1234-5678");
  // Phone word before an otherwise ambiguous number.
  expect_span("Llámenos al 912 345 678.", "es", "contact-info-phone", "912 345 678");
  // Spanish numbers have no trunk zero; grouped, they are phones without a phone word.
  expect_span("Ana: 622 14 87 93.", "es", "contact-info-phone", "622 14 87 93");
  expect_span("Ana: 91 555 12 34.", "es", "contact-info-phone", "91 555 12 34");
  expect_span("Ana: 644 318 207.", "es", "contact-info-phone", "644 318 207");
  expect_none("Factura 644318207 adjunta.", "es", "contact-info-phone");
  expect_span("Mi trova al 339 8765432.", "it", "contact-info-phone", "339 8765432");
  expect_span("Ci scriva al 347 812 60 94, rispondiamo subito.", "it", "contact-info-phone",
              "347 812 60 94");
  expect_none("Lotto 347 812 60 94 verificato.", "en", "contact-info-phone");
  expect_span("Il numero verde 800 123 456 è gratuito.", "it", "contact-info-phone", "800 123 456");
  expect_none("Il lotto 801 123 456 è esaurito.", "it", "contact-info-phone");
  expect_span("Prosimy o kontakt: 601 234 567.", "pl", "contact-info-phone", "601 234 567");
  expect_span("Biuro: 22 123 45 67.", "pl", "contact-info-phone", "22 123 45 67");
  expect_none("Zwrot 1 234 567 zł został zlecony.", "pl", "contact-info-phone");
  expect_none("Paczka 301 234 567 jest w drodze.", "pl", "contact-info-phone");
  expect_none("Lotto 339 8765432 verificato.", "en", "contact-info-phone");
  expect_none("Pieza 644 318 207 del catálogo.", "en", "contact-info-phone");
  // Australia's six-digit 13 numbers, after a phone word only.
  expect_span("You can ring Australia Post on 13 76 78 and quote the tracking number.", "en",
              "contact-info-phone", "13 76 78");
  expect_none("Pack 13 76 78 is the size chart for the kids' costumes.", "en",
              "contact-info-phone");
  // The number of a standard or model named right before it is not a phone number; a word that
  // starts with a digit ("24h") is not such a name.
  expect_none("Der Reithelm ist nach VG1 01.040 2014-12 zertifiziert.", "de", "contact-info-phone");
  expect_none("The seat is approved under R129 03 1234 5678.", "en", "contact-info-phone");
  expect_span("Unsere Hotline erreichen Sie 24h 0800 123 4567.", "de", "contact-info-phone",
              "0800 123 4567");
  // A dash between spaces separates groups too.
  expect_span("Onze lijn is 085 - 303 48 71, doordeweeks.", "nl", "contact-info-phone",
              "085 - 303 48 71");
  // So does a slash between spaces, the common German way of writing the area code.
  expect_span("Herr Lenz: 0711 / 98 76 54.", "de", "contact-info-phone", "0711 / 98 76 54");
  expect_span("Tel. 0711 / 98 76 54", "de", "contact-info-phone", "0711 / 98 76 54");
  expect_span("Rufen Sie +49 (0) 711 / 98 76 54 an.", "de", "contact-info-phone",
              "+49 (0) 711 / 98 76 54");
  expect_span("Zentrale: +49 711 / 987654.", "de", "contact-info-phone", "+49 711 / 987654");
  expect_none("Lieferung am 12 / 03 / 2025 bestätigt.", "de", "contact-info-phone");
  expect_none("Teil 3 / 4 der Anleitung liegt bei.", "de", "contact-info-phone");

  // Order ids, ASINs, tracking numbers, prices, dates, model numbers.
  for (const char* text : {
           "Your order 114-3941689-8772232 shipped.",
           "ASIN B08N5WRWNW is the new model.",
           "The tracking number is 1Z999AA10123456784.",
           "Tracking: 9400 1000 0000 0000 0000 00",
           "The refund of $1,299.00 was issued.",
           "Der Betrag von 1.299,00 \xE2\x82\xAC wurde erstattet.",
           "It arrives on 2026-11-27 or 27.11.2026 or 11/27/2026.",
           "Model X200-12345678 and part 12345678AB are in stock.",
           "Die Sendungsnummer lautet 00340434161234567890.",
           "Invoice number 0123456789 is attached.",
           "The parcel weighs 1.234.567 grams.",
           "It ran from 2019 - 2025 in the catalogue.",
           "It goes by DHL Express with waybill number 4839201563 today.",
       }) {
    expect_none(text, "en", "contact-info-phone");
  }
  expect_none("お問い合わせ番号は1234-5678-9012です", "ja", "contact-info-phone");
  // The tracking word names the number only when it stands right before the generic word.
  expect_span("The waybill is on its way; our number is 4839201563.", "en", "contact-info-phone",
              "4839201563");

  // A carrier's or manufacturer's number is only a warning.
  const std::string_view carrier = "You can call the carrier DHL at +49 228 4333112.";
  const auto findings = scan(carrier, "en");
  INFO(describe(findings, carrier));
  const Finding* f = find(findings, "contact-info-phone");
  REQUIRE(f != nullptr);
  CHECK(f->severity == replyc::Severity::Warning);
}

TEST_CASE("phone numbers spelled out in words", "[policy][detectors]") {
  expect_span("Ring oss på noll sju noll – ett två tre – fyrtiofem sextiosju så guidar vi dig.",
              "sv", "contact-info-phone", "noll sju noll – ett två tre – fyrtiofem sextiosju");
  expect_span("Give us a ring on zero seven nine four six, one two three, forty five.", "en",
              "contact-info-phone", "zero seven nine four six, one two three, forty five");
  expect_span("Llámenos al seis uno dos, treinta y cuatro, cincuenta y seis, setenta y ocho.", "es",
              "contact-info-phone",
              "seis uno dos, treinta y cuatro, cincuenta y seis, setenta y ocho");
  expect_span("Rufen Sie an: null eins sieben zwei, dreiundvierzig, neunzehn, achtundachtzig.",
              "de", "contact-info-phone",
              "null eins sieben zwei, dreiundvierzig, neunzehn, achtundachtzig");
  // Digit groups and number words mixed in one run.
  expect_span("Zadzwoń: 601 dwa trzy cztery pięć sześć siedem.", "pl", "contact-info-phone",
              "601 dwa trzy cztery pięć sześć siedem");
  // Hundreds words take the tens and digit words after them: 502 340 210.
  expect_span(
      "W razie problemów prosimy dzwonić: pięćset dwa, trzysta czterdzieści, dwieście "
      "dziesięć.",
      "pl", "contact-info-phone", "pięćset dwa, trzysta czterdzieści, dwieście dziesięć");
  expect_span("Llámenos al seiscientos doce, trescientos cuarenta y cinco, seiscientos setenta.",
              "es", "contact-info-phone",
              "seiscientos doce, trescientos cuarenta y cinco, seiscientos setenta");
  // A price in words is no phone number.
  expect_none("Das Set kostet zweihundert Euro, das Ersatzteil fünfzig.", "de",
              "contact-info-phone");
  // Nine digits or more need no phone word.
  expect_span("Notre ligne : zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit.",
              "fr", "contact-info-phone",
              "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit");
  // The words are a disguise: an obfuscation finding stands beside the phone finding.
  expect_span("Scrivici: tre quattro sette, uno due tre, quattro cinque sei sette.", "it",
              "contact-info-phone", "tre quattro sette, uno due tre, quattro cinque sei sette");
  expect_overlapping("Scrivici: tre quattro sette, uno due tre, quattro cinque sei sette.", "it",
                     "obfuscation", "tre quattro sette");
  // Counting, sizes and short number phrases are no phone numbers.
  expect_none("Press one, two, three and then four to reset the feeder.", "en",
              "contact-info-phone");
  expect_none("Wir liefern in zwei bis drei Tagen, spätestens in sieben.", "de",
              "contact-info-phone");
  expect_none("Le paquet de trois, six ou neuf filtres coûte vingt euros.", "fr",
              "contact-info-phone");
  // Seven spelled digits without a phone word are too few to be sure.
  expect_none("Der Code lautet eins zwei drei vier fünf sechs sieben.", "de", "contact-info-phone");
  // A tracking word nearer than the phone word names the number.
  expect_none("Ring DHL, sändningsnummer ett två tre fyra fem sex sju åtta nio.", "sv",
              "contact-info-phone");
}

TEST_CASE("bank account numbers are off-platform payments, not phones", "[policy][detectors]") {
  expect_span("Bitte überweisen Sie auf DE89 3704 0044 0532 0130 00.", "de",
              "off-platform-transaction", "DE89 3704 0044 0532 0130 00");
  expect_span("IBAN: DE89370400440532013000", "de", "off-platform-transaction",
              "DE89370400440532013000");
  expect_span("Ons rekeningnummer is NL91 ABNA 0417 1643 00.", "nl", "off-platform-transaction",
              "NL91 ABNA 0417 1643 00");
  expect_none("Ons rekeningnummer is NL91 ABNA 0417 1643 00.", "nl", "contact-info-phone");
  // A mistyped account number (wrong check digits) is still an account number, and its digits
  // are no phone number.
  expect_span("Ons rekeningnummer: NL12 RABO 0345 6789 01 t.n.v. Tuinhuys.", "nl",
              "off-platform-transaction", "NL12 RABO 0345 6789 01");
  expect_none("Maak het bedrag over naar NL12 RABO 0345 6789 01 t.n.v. Tuinhuys.", "nl",
              "contact-info-phone");
  expect_span("Bitte überweisen Sie auf DE88 3704 0044 0532 0130 00.", "de",
              "off-platform-transaction", "DE88 3704 0044 0532 0130 00");
  expect_span("Account GB82 WEST 1234 5698 7654 32 please.", "en", "off-platform-transaction",
              "GB82 WEST 1234 5698 7654 32");
  // Polish accounts without the country code.
  expect_span("Nr konta: 61 1090 1014 0000 0712 1981 2874.", "pl", "off-platform-transaction",
              "61 1090 1014 0000 0712 1981 2874");
  expect_span("Nr konta: 61109010140000071219812874.", "pl", "off-platform-transaction",
              "61109010140000071219812874");
  // An unknown country, a length that does not fit, a Polish number with a wrong check: no
  // account.
  for (const char* text : {
           "Tracking number JD014600006281234567 shows delivery tomorrow.",
           "Code XX89 3704 0044 0532 0130 00 is printed on the box.",
           "Serial DE89 3704 0044 0532 0130 0012 is on the back.",
           "Nr 61 1090 1014 0000 0712 1981 2875.",
       }) {
    expect_none(text, "en", "off-platform-transaction");
  }
}

TEST_CASE("links and bare domains", "[policy][detectors]") {
  expect_span("See https://brandstore.com/manual for details.", "en", "external-link",
              "https://brandstore.com/manual");
  expect_span("Visit www.brandstore.com.", "en", "external-link", "www.brandstore.com");
  expect_span("Spare parts at brandstore.shop today.", "en", "external-link", "brandstore.shop");
  expect_span("Short: bit.ly/3abcXYZ", "en", "external-link", "bit.ly/3abcXYZ");
  expect_span("Chat: wa.me/4915112345678", "en", "external-link", "wa.me/4915112345678");
  expect_span("Brand dot com has the manual.", "en", "external-link", "Brand dot com");
  expect_span("The guide is on loomandleaf dot co dot uk now.", "en", "external-link",
              "loomandleaf dot co dot uk");
  expect_span("Mira gardenshop punto com punto mx para el manual.", "es", "external-link",
              "gardenshop punto com punto mx");
  CHECK(fires(scan("The guide is on loomandleaf dot co dot uk now.", "en"), "obfuscation"));
  // A bracketed dot disguises a link; after "at" with a path it is still no address.
  expect_span("The manual is at brightnest[.]com/setup today.", "en", "external-link",
              "brightnest[.]com/setup");
  expect_none("The manual is at brightnest[.]com/setup today.", "en", "contact-info-email");
  expect_span("See brightnest(.)co(.)uk for it.", "en", "external-link", "brightnest(.)co(.)uk");
  CHECK(fires(scan("See brightnest(.)co(.)uk for it.", "en"), "obfuscation"));
  expect_span("Write to care[at]brightnest[.]com please.", "en", "contact-info-email",
              "care[at]brightnest[.]com");
  // A second-level label alone, or one followed by a word that is no country code, is no domain.
  CHECK_FALSE(fires(scan("Our workshop dot co is closed.", "en"), "external-link"));
  CHECK_FALSE(fires(scan("Ask the bakery dot co dot maybe.", "en"), "external-link"));
  // A spelled dot that is a word, before a function word of the reply's language, is prose.
  CHECK_FALSE(fires(scan("Er zit een rood punt net onder het display.", "nl"), "external-link"));
  expect_span("Kijk op lampenhuis punt com voor de handleiding.", "nl", "external-link",
              "lampenhuis punt com");
  // A country code ends a spelled domain too; a function word of the reply's language does not.
  expect_span("Sie bekommen sie unter alpin-sportwelt [punkt] de.", "de", "external-link",
              "alpin-sportwelt [punkt] de");
  expect_span("Lo trova su casatessile punto it.", "it", "external-link", "casatessile punto it");
  CHECK_FALSE(fires(scan("Es el mismo punto de partida que antes.", "es"), "external-link"));
  // A dot with spaces around it: a shortener, or a domain with a path.
  expect_span("Die Anleitung: bit . ly / dusch-montering", "de", "external-link",
              "bit . ly / dusch-montering");
  expect_span("The guide is at brightnest . com / setup today.", "en", "external-link",
              "brightnest . com / setup");
  CHECK_FALSE(
      fires(scan("It costs 5 . 99 and ships today . Com pletely free.", "en"), "external-link"));
  // The spelled domain of a spelled address is the address, not also a link.
  expect_none("Erreichbar unter s punkt brandt at lichtwerk minus shop punkt de.", "de",
              "external-link");

  // Amazon links are a warning, plain http an error, the marketplace name nothing.
  const std::string_view amazon = "Open https://www.amazon.de/gp/your-account/order-history";
  auto f = scan(amazon, "de");
  REQUIRE(find(f, "external-link") != nullptr);
  CHECK(find(f, "external-link")->severity == replyc::Severity::Warning);
  f = scan("Open http://amazon.de/orders", "de");
  REQUIRE(find(f, "external-link") != nullptr);
  CHECK(find(f, "external-link")->severity == replyc::Severity::Error);
  f = scan("Shortened: amzn.to/3xyz", "en");
  REQUIRE(find(f, "external-link") != nullptr);
  CHECK(find(f, "external-link")->severity == replyc::Severity::Error);

  for (const char* text : {
           "You can see the order in your Amazon.com account.",
           "Please use the adapter, e.g. the grey one, i.e. the small one.",
           "Bitte verwenden Sie z.B. das graue Kabel, d.h. das kurze.",
           "Firmware v2.0 fixes the 1.5 m cable issue.",
           "The manual.pdf is attached.",
           "Shipped from the U.S. on Monday.",
           "Thank you.We will reply soon.",
       }) {
    expect_none(text, "en", "external-link");
  }
}

TEST_CASE("emoji and decorative symbols", "[policy][detectors]") {
  expect_span("Thanks \xF0\x9F\x98\x8A!", "en", "emoji", "\xF0\x9F\x98\x8A");
  // A run of stars is one finding; keycaps and flags are emoji.
  expect_span("Rated \xE2\xAD\x90\xE2\xAD\x90\xE2\xAD\x90 by buyers", "en", "emoji",
              "\xE2\xAD\x90\xE2\xAD\x90\xE2\xAD\x90");
  expect_span("Rated 5\xEF\xB8\x8F\xE2\x83\xA3 stars", "en", "emoji", "5\xEF\xB8\x8F\xE2\x83\xA3");
  expect_span("Made in \xF0\x9F\x87\xA9\xF0\x9F\x87\xAA", "en", "emoji",
              "\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA");
  expect_span("Thanks \xE2\x9D\xA4\xEF\xB8\x8F", "en", "emoji", "\xE2\x9D\xA4\xEF\xB8\x8F");
  // Text-style symbols are decorative; (c) and Japanese marks are neither.
  expect_span("Thank you \xE2\x99\xA5", "en", "decorative-symbols", "\xE2\x99\xA5");
  expect_span("Thanks again :)", "en", "decorative-symbols", ":)");
  expect_none("\xC2\xA9 2026 Brightlane. Time: 10:30 (local).", "en", "emoji");
  expect_none("\xC2\xA9 2026 Brightlane. Time: 10:30 (local).", "en", "decorative-symbols");
  expect_none(
      "\xE2\x80\xBB\xE3\x81\x94\xE6\xB3\xA8\xE6\x84\x8F \xE2\x96\xA0\xE8\xBF\x94\xE5\x93"
      "\x81 \xE2\x97\x8F\xE6\x89\x8B\xE9\xA0\x86",
      "ja", "decorative-symbols");  // ※ご注意 ■返品 ●手順
  // Stars next to a review word are also a review request.
  CHECK(fires(scan("5\xE2\x98\x85 feedback please", "en"), "review-positive-request"));
}

TEST_CASE("line breaks", "[policy][detectors]") {
  expect_none("Hello,\n\nthank you.", "en", "excessive-line-breaks");
  expect_none("Hello,\r\n\r\nthank you.", "en", "excessive-line-breaks");
  expect_span("Hello,\n\n\nthank you.", "en", "excessive-line-breaks", "\n\n\n");
  expect_span("Hello,\r\n  \r\n\t\r\nthank you.", "en", "excessive-line-breaks",
              "\r\n  \r\n\t\r\n");
}

TEST_CASE("markup: HTML tags and entities, markdown links and images", "[policy][detectors]") {
  expect_span("Your parcel is <b>on its way</b>.", "en", "html-or-rich-formatting", "<b>");
  expect_span("Thanks&nbsp;again.", "en", "html-or-rich-formatting", "&nbsp;");
  expect_span("See ![photo](img/parcel.png) here.", "en", "html-or-rich-formatting",
              "![photo](img/parcel.png)");
  // Angle brackets, ampersands and square brackets in plain prose are not markup.
  expect_none("If the size is < 40 cm & the box is fine [as we hope], keep it.", "en",
              "html-or-rich-formatting");
  expect_none("Please quote <order id> when you reply.", "en", "html-or-rich-formatting");
  // Unclosed openers in bulk: each lookahead is bounded, nothing is found.
  for (const std::string opener : {"[", "![", "<b", "&#"}) {
    std::string text;
    for (int i = 0; i < 20'000; ++i)
      text += opener;
    expect_none(text, "en", "html-or-rich-formatting");
  }
}

TEST_CASE("whole-message rules: length and order id", "[policy][detectors]") {
  // 1999 two-byte characters plus three ASCII ones: the 2001st character starts at byte 4000.
  std::string text;
  for (int i = 0; i < 1999; ++i) {
    text += "\xC3\xA9";
  }
  text += "abc";
  auto findings = scan(text, "fr", MessageKind::Reply, true);
  const Finding* length = find(findings, "message-length");
  REQUIRE(length != nullptr);
  CHECK(length->range == replyc::ByteRange{3999, static_cast<std::uint32_t>(text.size())});
  CHECK_FALSE(fires(scan(text, "fr", MessageKind::Reply, false), "message-length"));

  const std::string_view proactive = "Your parcel is delayed.\nIt arrives on Friday.";
  findings = scan(proactive, "en", MessageKind::Proactive, true);
  const Finding* order = find(findings, "order-id-missing");
  REQUIRE(order != nullptr);
  CHECK(span(proactive, *order) == "Your parcel is delayed.");
  CHECK_FALSE(fires(scan(proactive, "en", MessageKind::Reply, true), "order-id-missing"));
  CHECK_FALSE(fires(scan(proactive, "en", MessageKind::Proactive, false), "order-id-missing"));
  CHECK_FALSE(
      fires(scan("Order 114-3941689-8772232 is delayed.", "en", MessageKind::Proactive, true),
            "order-id-missing"));
  // Full-width digits normalise to an order id; an unexpanded placeholder counts too.
  CHECK_FALSE(fires(scan("\xEF\xBC\x91\xEF\xBC\x91\xEF\xBC\x94-3941689-8772232 \xE3\x81\xAE"
                         "\xE3\x81\x94\xE6\xB3\xA8\xE6\x96\x87",
                         "ja", MessageKind::Proactive, true),
                    "order-id-missing"));
  CHECK_FALSE(fires(scan("Order {order_id} is delayed.", "en", MessageKind::Proactive, true),
                    "order-id-missing"));
}

TEST_CASE("language mismatch", "[policy][detectors]") {
  expect_span("Hallo Anna,\nThank you for your message, we will take care of it right away.", "de",
              "language-mismatch",
              "Thank you for your message, we will take care of it right away");
  // A quoted English product name in a German sentence is fine; so is a short greeting.
  expect_none("Das Produkt \xE2\x80\x9EPhone Stand for the Car\xE2\x80\x9C ist unterwegs.", "de",
              "language-mismatch");
  expect_none("Hi Anna, vielen Dank f\xC3\xBCr Ihre Nachricht.", "de", "language-mismatch");
  // Chinese residue in an English template; Chinese in a Japanese one.
  expect_span("Thank you. \xE8\xB0\xA2\xE8\xB0\xA2 We will help.", "en", "language-mismatch",
              "\xE8\xB0\xA2\xE8\xB0\xA2");
  const std::string_view zh =
      "\xE6\x82\xA8\xE5\xA5\xBD\xEF\xBC\x8C\xE8\xAF\xB7\xE6\x9F\xA5"
      "\xE6\x94\xB6\xE3\x80\x82";  // 您好，请查收。
  CHECK(fires(scan(zh, "ja"), "language-mismatch"));
  // Japanese sentences with kanji and kana, and Japanese company names, are fine.
  expect_none(
      "\xE6\xA0\xAA\xE5\xBC\x8F\xE4\xBC\x9A\xE7\xA4\xBE\xE5\xB1\xB1\xE7\x94\xB0\xE5\x95"
      "\x86\xE5\xBA\x97",
      "ja", "language-mismatch");  // 株式会社山田商店
  // Plain everyday sentences of another pack's language, even with few function words.
  expect_span("Vielen Dank für Ihre Nachricht. Vi skickar en ny produkt imorgon.", "de",
              "language-mismatch", "Vi skickar en ny produkt imorgon");
  expect_span("Merci pour votre message. We will send a new one tomorrow.", "fr",
              "language-mismatch", "We will send a new one tomorrow");
  expect_span("ご連絡ありがとうございます。We will send a new one tomorrow.", "ja",
              "language-mismatch", "We will send a new one tomorrow");
  // An unknown locale has no language check (and no phrase pack).
  CHECK(scan("Thank you for your message, we will take care of it.", "pt-BR").empty());
}

TEST_CASE("a sentence in another pack's language is read with that pack's phrases",
          "[policy][detectors]") {
  // Sellers paste English (or another language's) sentences into a reply: the request in them
  // is still a request, found by the pack of the language it is written in.
  const std::string_view de =
      "Vielen Dank, dass Sie uns die Chance gegeben haben. Please leave us a 5-star review!";
  expect_span(de, "de", "language-mismatch", "Please leave us a 5-star review");
  expect_overlapping(de, "de", "review-positive-request", "5-star review");
  const std::string_view fr =
      "Merci pour votre patience. Wenn Sie zufrieden sind, hinterlassen Sie bitte eine Bewertung "
      "auf Amazon.";
  expect_overlapping(fr, "fr", "review-gating", "Bewertung");
  const std::string_view en = "Thank you for your order. 星5つのレビューをお願いします。";
  expect_overlapping(en, "en", "review-positive-request", "レビュー");
  // Only the phrase patterns are read again: an innocent foreign sentence is a language
  // mismatch and nothing else, and a finding the reply's own pack made is not doubled.
  const std::string_view plain =
      "Vielen Dank für Ihre Nachricht. The replacement will arrive on Monday morning.";
  const auto findings = scan(plain, "de");
  INFO(describe(findings, plain));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "language-mismatch");
  // The findings of both readings come out in one order: by position, then by rule.
  const auto mixed = scan(de, "de");
  CHECK(std::is_sorted(mixed.begin(), mixed.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.range.begin, a.range.end, a.rule) <
           std::tie(b.range.begin, b.range.end, b.rule);
  }));
  std::size_t positive = 0;
  for (const Finding& f : scan(de, "de")) {
    positive += f.rule == "review-positive-request" ? 1u : 0u;
  }
  CHECK(positive == 1);
}

TEST_CASE("findings are sorted and on UTF-8 boundaries", "[policy][detectors]") {
  const std::string_view text =
      "\xF0\x9F\x98\x8A Please leave a 5-star review \xE2\x99\xA5 and write to a@b.com or call "
      "+1 555 123 4567. \xE8\xB0\xA2";
  const auto findings = scan(text, "en");
  INFO(describe(findings, text));
  REQUIRE(findings.size() >= 5);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const auto r = findings[i].range;
    CHECK(r.begin < r.end);
    CHECK(r.end <= text.size());
    CHECK((static_cast<unsigned char>(text[r.begin]) & 0xC0u) != 0x80u);
    CHECK((r.end == text.size() || (static_cast<unsigned char>(text[r.end]) & 0xC0u) != 0x80u));
    if (i > 0) {
      const auto p = findings[i - 1].range;
      CHECK((p.begin < r.begin ||
             (p.begin == r.begin &&
              (p.end < r.end || (p.end == r.end && findings[i - 1].rule <= findings[i].rule)))));
    }
  }
}

TEST_CASE("the locale tag picks the language pack", "[policy][detectors]") {
  CHECK(fires(scan("Bitte hinterlassen Sie eine positive Bewertung.", "de-AT"),
              "review-positive-request"));
  CHECK(fires(scan("Bitte hinterlassen Sie eine positive Bewertung.", "de_CH"),
              "review-positive-request"));
  CHECK(fires(scan("Please leave a positive review.", "en-GB"), "review-positive-request"));
  // Language-independent detectors run for any locale.
  CHECK(fires(scan("Escreva para a@b.com", "pt-BR"), "contact-info-email"));
  // Messages and metadata.
  const auto findings = scan("Please leave us a 5-star review.", "en");
  const Finding* f = find(findings, "review-positive-request");
  REQUIRE(f != nullptr);
  CHECK_FALSE(f->message_en.empty());
  CHECK_FALSE(f->message_zh.empty());
  CHECK_FALSE(f->rewrite.empty());
  CHECK(f->severity == replyc::Severity::Error);
  REQUIRE(engine().find_rule("review-positive-request") != nullptr);
  CHECK(engine().find_rule("no-such-rule") == nullptr);
}

TEST_CASE("reply and proactive kinds", "[policy][detectors]") {
  const std::string_view text = "You can leave a review on the product page if you wish.";
  const auto reply = scan(text, "en", MessageKind::Reply);
  CHECK(fires(reply, "review-request-duplicate"));
  CHECK_FALSE(fires(reply, "review-request-neutral"));
  const auto proactive = scan(text, "en", MessageKind::Proactive);
  CHECK(fires(proactive, "review-request-neutral"));
  CHECK(find(proactive, "review-request-neutral")->severity == replyc::Severity::Note);
  CHECK_FALSE(fires(proactive, "review-request-duplicate"));
  // A stronger review rule in the same sentence replaces the neutral one.
  const auto strong = scan("Please leave us a 5-star review.", "en", MessageKind::Reply);
  CHECK(fires(strong, "review-positive-request"));
  CHECK_FALSE(fires(strong, "review-request-duplicate"));
}

TEST_CASE("a short interjection does not break a two-sentence frame", "[policy][detectors]") {
  const char* text =
      "Hat Ihnen der Artikel gefallen? Super! Dann lassen Sie doch gerne eine Bewertung da.";
  CHECK(fires(scan(text, "de"), "review-gating"));
  CHECK(fires(scan("Le produit vous plaît ? Parfait ! Laissez-nous un avis.", "fr"),
              "review-gating"));
  // A real sentence in between ends the phrase patterns' frame (the model reads the last
  // sentence on its own and may still call "Dann … eine Bewertung" gating).
  CHECK_FALSE(
      fires(scan_patterns("Hat Ihnen der Artikel gefallen? Das Ersatzteil liegt schon bei DHL "
                          "und kommt morgen an. Dann lassen Sie doch gerne eine Bewertung da.",
                          "de"),
            "review-gating"));
}

TEST_CASE("a '!' inside a name does not end the sentence", "[policy][detectors]") {
  // "Yahoo!ショッピングでもご購入いただけます。"
  const char* text =
      "Yahoo!\xE3\x82\xB7\xE3\x83\xA7\xE3\x83\x83\xE3\x83\x94\xE3\x83\xB3\xE3\x82"
      "\xB0\xE3\x81\xA7\xE3\x82\x82\xE3\x81\x94\xE8\xB3\xBC\xE5\x85\xA5\xE3\x81"
      "\x84\xE3\x81\x9F\xE3\x81\xA0\xE3\x81\x91\xE3\x81\xBE\xE3\x81\x99\xE3\x80\x82";
  CHECK(fires(scan(text, "ja"), "off-platform-transaction"));
}

TEST_CASE("a German day number does not end the sentence", "[policy][detectors]") {
  CHECK(fires(
      scan("Könnten Sie die negative Verkäuferbewertung vom 3. März bitte zurückziehen?", "de"),
      "feedback-removal-request"));
}

TEST_CASE("a two-sentence finding suppresses weaker rules in both sentences",
          "[policy][detectors]") {
  // お気に召しましたでしょうか。ぜひ、感想をレビュー欄にお寄せください。
  const char* text =
      "\xE3\x81\x8A\xE6\xB0\x97\xE3\x81\xAB\xE5\x8F\xAC\xE3\x81\x97\xE3\x81\xBE\xE3\x81\x97\xE3"
      "\x81\x9F\xE3\x81\xA7\xE3\x81\x97\xE3\x82\x87\xE3\x81\x86\xE3\x81\x8B\xE3\x80\x82\xE3\x81"
      "\x9C\xE3\x81\xB2\xE3\x80\x81\xE6\x84\x9F\xE6\x83\xB3\xE3\x82\x92\xE3\x83\xAC\xE3\x83\x93"
      "\xE3\x83\xA5\xE3\x83\xBC\xE6\xAC\x84\xE3\x81\xAB\xE3\x81\x8A\xE5\xAF\x84\xE3\x81\x9B\xE3"
      "\x81\x8F\xE3\x81\xA0\xE3\x81\x95\xE3\x81\x84\xE3\x80\x82";
  const auto findings = scan(text, "ja");
  INFO(describe(findings, text));
  CHECK(fires(findings, "review-gating"));
  CHECK_FALSE(fires(findings, "review-request-duplicate"));
}

TEST_CASE("a request about seller feedback is not also a product-review change request",
          "[policy][detectors]") {
  // "valutazione" and "feedback" name both; the seller context of the sentence before decides.
  const char* text =
      "Abbiamo notato che ha lasciato una valutazione negativa sul nostro negozio. Le saremmo "
      "molto grati se volesse rimuovere quel feedback.";
  expect_overlapping(text, "it", "feedback-removal-request", "rimuovere quel feedback");
  expect_none(text, "it", "review-change-request");
  // A product-review request in a sentence of its own is still a change request.
  expect_overlapping(
      "Would you please remove your seller feedback? Could you also update your product review?",
      "en", "review-change-request", "update your product review");
}

TEST_CASE("a long word before a full stop ends the sentence", "[policy][detectors]") {
  // ICU's Italian abbreviation filter would keep "Amazon. La …" together ("On." = Onorevole),
  // and the negation guard about Amazon cancelling would then hide the request.
  CHECK(fires(scan("Grazie dal team Amazon. La preghiamo di annullare l'ordine.", "it"),
              "cancellation-request"));
}

TEST_CASE("an address stated as no longer in use is not an invitation", "[policy][detectors]") {
  const auto findings = scan("The old address old@brand-store.com is no longer in use.", "en");
  INFO(describe(findings, "The old address old@brand-store.com is no longer in use."));
  CHECK(fires(findings, "contact-info-email"));
  CHECK_FALSE(fires(findings, "off-platform-contact"));
}

TEST_CASE("a link the buyer is invited to use is off-platform contact", "[policy][detectors]") {
  const char* invited = "For faster help, contact us via www.example-shop.com/support.";
  const auto findings = scan(invited, "en");
  INFO(describe(findings, invited));
  CHECK(fires(findings, "external-link"));
  CHECK(fires(findings, "off-platform-contact"));

  const char* shop = "Spare filters are sold in our online shop at www.example-shop.com.";
  const auto shop_findings = scan(shop, "en");
  INFO(describe(shop_findings, shop));
  CHECK(fires(shop_findings, "off-platform-transaction"));
  CHECK(fires(shop_findings, "off-platform-contact"));

  // A link that is only mentioned, Amazon's own, or the manufacturer's invites no contact with
  // the seller.
  CHECK_FALSE(
      fires(scan("For the firmware, write to the manufacturer through www.maker-help.com.", "en"),
            "off-platform-contact"));
  CHECK(fires(scan("For the firmware, write to us through www.our-shop.com.", "en"),
              "off-platform-contact"));
  CHECK_FALSE(fires(scan("The manual is also on www.example-shop.com/manuals.", "en"),
                    "off-platform-contact"));
  CHECK_FALSE(fires(scan("Please write to us on amazon.com/messages if anything is unclear.", "en"),
                    "off-platform-contact"));
}

TEST_CASE("an off-Amazon sale with a percentage or a code off is also marketing",
          "[policy][detectors]") {
  // The catalogue's "implied_by": the sale's finding brings marketing with it when its sentence
  // holds a PRICE_CUT word; "cheaper" alone is the sale only (the corpus is split on it).
  for (const auto& [text, locale] :
       {std::pair{"You can order it 15% cheaper in our own web shop.", "en"},
        std::pair{"In unserem eigenen Webshop bekommen Sie die Pfanne 10 % günstiger.", "de"},
        std::pair{"Sul nostro sito trova la stessa lampada con il 10% di sconto.", "it"},
        std::pair{"当店の公式サイトから直接ご注文いただくと10%引きでご購入いただけます。", "ja"}}) {
    const auto findings = scan(text, locale);
    INFO(text);
    CHECK(fires(findings, "off-platform-transaction"));
    CHECK(fires(findings, "marketing-promotion"));
  }
  const auto cheaper =
      scan("You can order it in our own web shop, it is a little cheaper there.", "en");
  CHECK(fires(cheaper, "off-platform-transaction"));
  CHECK_FALSE(fires(cheaper, "marketing-promotion"));
  // A refund's percentage is not a price cut on a sale.
  CHECK_FALSE(
      fires(scan("We have refunded 20% of the price to your card.", "en"), "marketing-promotion"));
}

TEST_CASE("a quoted button name in an answer to the buyer's question is not a review request",
          "[policy][detectors]") {
  CHECK_FALSE(
      fires(scan("Good question! Go to Your Orders and choose 'Write a product review'.", "en"),
            "review-request-duplicate"));
  CHECK_FALSE(fires(scan("Gracias por tu pregunta. Las reseñas se escriben donde dice «Escribir mi "
                         "opinión».",
                         "es"),
                    "review-request-duplicate"));
  // The finding may begin inside the quoted word (German compounds).
  CHECK_FALSE(fires(scan("Sie wollten wissen, wie man Fotos hinzufügt. Das geht über „Meine "
                         "Bestellungen“, dort bei der Lampe auf „Produktrezension schreiben“.",
                         "de"),
                    "review-request-duplicate"));
  // Or after the quotation's first words.
  CHECK_FALSE(fires(
      scan("Goeie vraag! Klik naast het artikel op 'Een productbeoordeling schrijven'.", "nl"),
      "review-request-duplicate"));
  // The same button in a message that answers nothing is a request to use it.
  CHECK(fires(scan("Please choose 'Write a product review' on the product page.", "en"),
              "review-request-duplicate"));
  // An answer followed by a request of its own is still a request.
  CHECK(
      fires(scan("Good question: it is dishwasher safe. Feel free to leave a review of it.", "en"),
            "review-request-duplicate"));
}

TEST_CASE("a two-kana word is not read across the end of one word and the start of the next",
          "[policy][detectors]") {
  // "いい" (good) in "お使い|いただいた" is the tail of 使い and the head of いただく.
  CHECK_FALSE(
      fires(scan("お使いいただいたご感想を商品レビューに書いていただけますと幸いです。", "ja"),
            "review-positive-request"));
  CHECK(
      fires(scan("いいレビューを書いていただけますと幸いです。", "ja"), "review-positive-request"));
  CHECK(fires(scan("星5のいいレビューをお願いします。", "ja"), "review-positive-request"));
}

TEST_CASE("a marketing attachment is also marketing", "[policy][detectors]") {
  // Round 33: the catalogue was found as an attachment, and neither a marketing phrase nor the
  // model read the sentence as marketing in this message.
  const auto findings = scan(
      "Dear Mrs Hughes,\n\nThank you for letting us know that the travel case for your DentaPulse "
      "700 arrived with a cracked hinge. I'm sorry about that — it's not the standard we aim "
      "for.\n\nA replacement case has been dispatched today with Royal Mail Tracked 48, so you "
      "should have it by Wednesday. You don't need to return the damaged one.\n\nI've also "
      "attached our new 2025 accessories catalogue to this message, which includes our bamboo "
      "charging stand and the new whitening heads at introductory prices.\n\nWith kind "
      "regards,\nOwen\nDentaPulse Support",
      "en");
  CHECK(fires(findings, "attachment-policy"));
  CHECK(fires(findings, "marketing-promotion"));
  CHECK_FALSE(
      fires(scan("I've attached the invoice and the return label.", "en"), "marketing-promotion"));
}
