// Context, not keywords: innocent customer-service text in every language raises nothing.
#include "tests/policy/helpers.hpp"

using namespace policy_test;

namespace {

void expect_clean(std::string_view locale, std::initializer_list<std::string_view> texts) {
  for (std::string_view text : texts) {
    const auto findings = scan(text, locale);
    INFO(locale << ": " << text << "\n" << describe(findings, text));
    CHECK(findings.empty());
  }
}

}  // namespace

TEST_CASE("false positives: English", "[policy][false-positives]") {
  expect_clean("en", {
                         "We reviewed your case and issued a refund.",
                         "A discount of 10% was applied at checkout, as shown on the invoice.",
                         "Please contact the carrier if the parcel does not arrive.",
                         "The product line was updated and the new power line is thicker.",
                         "Thank you for your feedback about the packaging.",
                         "We are positive that the replacement will fit.",
                         "Your review of the instructions helped us fix a typo.",
                         "The rating plate on the back shows 230 V and 50 Hz.",
                         "Five stars are printed on the lid as decoration of the star-shaped box.",
                         "You can track the parcel with tracking number 1Z999AA10123456784.",
                         "If you are happy with the size, there is nothing more to do.",
                         "We will update you as soon as the carrier replies.",
                         "The item was cancelled by the carrier and returned to us.",
                         "Please send us a photo of the serial number.",
                         "Our warehouse team reviewed the CCTV footage of the packing.",
                         "If the problem persists, please reply to this message.",
                     });
}

TEST_CASE("false positives: German", "[policy][false-positives]") {
  expect_clean("de", {
                         "Wir haben Ihren Fall geprüft und eine Erstattung veranlasst.",
                         "Der Rabatt von 10 % wurde an der Kasse abgezogen.",
                         "Die Bewertung Ihres Anliegens ist abgeschlossen.",
                         "Nach der Bewertung der Fotos erstatten wir den Betrag.",
                         "Vielen Dank für Ihr Feedback zur Verpackung.",
                         "Bitte kontaktieren Sie den Paketdienst, falls das Paket nicht ankommt.",
                         "Die Produktlinie wurde überarbeitet.",
                         "Unser Angebot umfasst zwei Kabel und ein Netzteil.",
                         "Die Stornierung wurde von uns bereits vorgenommen.",
                         "Wenn Sie mit der Größe zufrieden sind, müssen Sie nichts weiter tun.",
                         "Bitte senden Sie uns ein Foto der Seriennummer.",
                         "Wir melden uns, sobald der Paketdienst antwortet.",
                     });
}

TEST_CASE("false positives: French", "[policy][false-positives]") {
  expect_clean("fr", {
                         "Nous avons examiné votre dossier et procédé au remboursement.",
                         "À votre avis, le colis est-il arrivé endommagé ?",
                         "À notre avis, le transporteur a fait une erreur.",
                         "Vous trouverez l'avis de passage dans votre boîte aux lettres.",
                         "Une remise de 10 % a été appliquée lors de la commande.",
                         "Merci pour vos commentaires sur l'emballage.",
                         "Votre retour a bien été reçu.",
                         "Veuillez contacter le transporteur si le colis n'arrive pas.",
                         "Nous avons pris bonne note de votre remarque.",
                         "Si vous changez d'avis, vous pouvez retourner l'article.",
                         "Après évaluation des dommages, nous vous rembourserons.",
                         "Nous vous tiendrons informé dès que le transporteur répondra.",
                     });
}

TEST_CASE("false positives: Japanese", "[policy][false-positives]") {
  expect_clean("ja", {
                         "内容を確認し、返金の手続きをいたしました。",
                         "ご注文時に10%の割引が適用されております。",
                         "品質評価試験の結果をご報告いたします。",
                         "ご意見ありがとうございます。梱包の改善に役立てます。",
                         "生産ラインを改善いたしました。",
                         "配送業者にお問い合わせいただけますと、状況をご確認いただけます。",
                         "社内で検討のうえ、ご連絡いたします。",
                         "星型のデザインはブランドのロゴです。",
                         "評価の高い商品ですが、ご期待に沿えず申し訳ございません。",
                         "交換品にご満足いただけない場合は、本メッセージにご返信ください。",
                     });
}

TEST_CASE("false positives: Spanish", "[policy][false-positives]") {
  expect_clean("es", {
                         "Hemos revisado su caso y tramitado el reembolso.",
                         "En nuestra opinión, el transportista se equivocó de dirección.",
                         "El descuento del 10 % se aplicó al finalizar la compra.",
                         "Gracias por sus comentarios sobre el embalaje.",
                         "La valoración de los daños ya está terminada.",
                         "Contacte con la empresa de transporte si el paquete no llega.",
                         "Si cambia de opinión, puede devolver el artículo.",
                         "Le informaremos en cuanto el transportista responda.",
                     });
}

TEST_CASE("false positives: Italian", "[policy][false-positives]") {
  expect_clean("it", {
                         "Abbiamo esaminato il suo caso e disposto il rimborso.",
                         "A nostro avviso il corriere ha sbagliato indirizzo.",
                         "Lo sconto del 10% è stato applicato al momento dell'acquisto.",
                         "Grazie per il suo feedback sull'imballaggio.",
                         "La valutazione del danno è conclusa.",
                         "Contatti il corriere se il pacco non arriva.",
                         "Se cambia idea, può restituire l'articolo.",
                         "La informeremo appena il corriere risponderà.",
                     });
}

TEST_CASE("false positives: Dutch, Swedish, Polish", "[policy][false-positives]") {
  expect_clean("nl", {
                         "Wij hebben uw verzoek beoordeeld en het bedrag terugbetaald.",
                         "Bedankt voor uw feedback over de verpakking.",
                         "Neem contact op met PostNL als het pakket niet aankomt.",
                     });
  expect_clean("sv", {
                         "Vi har granskat ditt ärende och återbetalat beloppet.",
                         "Tack för din feedback om förpackningen.",
                         "Kontakta PostNord om paketet inte kommer fram.",
                     });
  expect_clean("pl", {
                         "Rozpatrzyliśmy reklamację i zwróciliśmy pieniądze.",
                         "Dziękujemy za opinię o opakowaniu.",
                         "Opinia rzeczoznawcy potwierdziła uszkodzenie.",
                         "Prosimy o kontakt z kurierem, jeśli paczka nie dotrze.",
                     });
}

TEST_CASE("false positives: a carrier's hotline is not the seller's contact channel",
          "[policy][false-positives]") {
  // The carrier's number is a phone warning (allowed by annotation); the phrase that invites the
  // buyer to call is not off-platform contact when that number is the only channel.
  const std::string_view carrier =
      "If you'd rather rearrange delivery, DPD customer services can be reached on 0121 275 0500.";
  const auto findings = scan(carrier, "en");
  INFO(describe(findings, carrier));
  CHECK_FALSE(fires(findings, "off-platform-contact"));
  REQUIRE(fires(findings, "contact-info-phone"));
  // Swedish names the carrier in the genitive ("PostNords", "DHL:s").
  for (const std::string_view sv : {"Du kan ringa PostNords kundtjänst på 0771-33 33 10.",
                                    "Du kan ringa DHL:s kundtjänst på 0771-345 345."}) {
    const auto found = scan(sv, "sv");
    INFO(describe(found, sv));
    CHECK_FALSE(fires(found, "off-platform-contact"));
  }
  // The seller's own number, or the seller's number beside the carrier's, still is.
  CHECK(fires(scan("Our support team can be reached on 0121 275 0500.", "en"),
              "off-platform-contact"));
  CHECK(fires(scan("DPD can be reached on 0121 275 0500 and we can be reached at "
                   "help@brightlane.co.uk.",
                   "en"),
              "off-platform-contact"));
}
