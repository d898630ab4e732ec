#include <catch2/catch.hpp>

#include "compiler/codegen/values.hpp"

using namespace replyc::codegen;

namespace {

bool valid(const std::string& type, const std::string& raw) {
  return std::holds_alternative<ParamValue>(parse_param_value(type, raw));
}

ParamValue value(const std::string& type, const std::string& raw) {
  auto result = parse_param_value(type, raw);
  REQUIRE(std::holds_alternative<ParamValue>(result));
  return std::get<ParamValue>(result);
}

}  // namespace

TEST_CASE("order ids are 3-7-7 digits", "[values]") {
  CHECK(valid("order_id", "114-3941689-8772232"));
  CHECK_FALSE(valid("order_id", "114-394168-8772232"));
  CHECK_FALSE(valid("order_id", "1143941689-8772232"));
  CHECK_FALSE(valid("order_id", " 114-3941689-8772232"));
  CHECK_FALSE(valid("order_id", "114-3941689-877223２"));
}

TEST_CASE("money is an amount and an ISO 4217 code", "[values]") {
  const ParamValue eur = value("money", "12.99 EUR");
  CHECK(eur.decimal == "12.99");
  CHECK(eur.currency == "EUR");
  CHECK(value("money", "007 USD").decimal == "7");
  CHECK(value("money", "1200 JPY").decimal == "1200");
  CHECK(valid("money", "0.5 KWD"));
  CHECK(valid("money", "0.125 KWD"));  // three decimals
  CHECK_FALSE(valid("money", "1200.5 JPY"));
  CHECK_FALSE(valid("money", "12.999 EUR"));
  CHECK_FALSE(valid("money", "12.99 XYZ"));
  CHECK_FALSE(valid("money", "12.99 DEM"));  // withdrawn
  CHECK_FALSE(valid("money", "12.99"));
  CHECK_FALSE(valid("money", "EUR 12.99"));
  CHECK_FALSE(valid("money", "12,99 EUR"));
  CHECK_FALSE(valid("money", "-5 EUR"));
  CHECK_FALSE(valid("money", "12.99  EUR"));
  CHECK(std::get<std::string>(parse_param_value("money", "1.234 EUR")) ==
        "has 3 decimals; EUR has 2");
}

TEST_CASE("dates and date-times are strict ISO", "[values]") {
  CHECK(value("date", "1970-01-02").utc_ms == 86400000.0);
  CHECK(valid("date", "2028-02-29"));
  CHECK_FALSE(valid("date", "2026-02-29"));
  CHECK_FALSE(valid("date", "2026-2-28"));
  CHECK_FALSE(valid("date", "2026-12-03T00:00"));
  CHECK(value("datetime", "1970-01-01T01:02:03").utc_ms == 3723000.0);
  CHECK(value("datetime", "1970-01-01 00:01").utc_ms == 60000.0);
  CHECK_FALSE(valid("datetime", "2026-12-03T14:30Z"));
  CHECK_FALSE(valid("datetime", "2026-12-03T14:60"));
  CHECK_FALSE(valid("datetime", "2026-12-03"));
}

TEST_CASE("counts, numbers and identifiers", "[values]") {
  CHECK(value("count", "0").decimal == "0");
  CHECK(value("count", "0012").decimal == "12");
  CHECK_FALSE(valid("count", "1.0"));
  CHECK_FALSE(valid("count", "1e3"));
  CHECK_FALSE(valid("count", "1234567890123456"));
  CHECK(value("number", "-0.50").decimal == "-0.50");
  CHECK(value("number", "-0").decimal == "0");
  CHECK_FALSE(valid("number", ".5"));
  CHECK_FALSE(valid("number", "+1"));
  CHECK(valid("asin", "B08N5WRWNW"));
  CHECK_FALSE(valid("asin", "b08n5wrwnw"));
  CHECK(valid("tracking", "1Z 999 AA1 0123456784"));
  CHECK_FALSE(valid("tracking", "1Z9"));
  CHECK_FALSE(valid("tracking", "-1Z999AA10123456784"));
}

TEST_CASE("text is one line of valid UTF-8", "[values]") {
  CHECK(valid("buyer_name", "Zoë O'Brien-Łukasz 山田"));
  CHECK(valid("text", "A & B <Shop> {x} 'y' #"));
  CHECK_FALSE(valid("text", ""));
  CHECK_FALSE(valid("text", "   "));
  CHECK_FALSE(valid("text", "two\nlines"));
  CHECK_FALSE(valid("text", "tab\there"));
  CHECK_FALSE(valid("text", "bad \xC3"));
  CHECK_FALSE(valid("buyer_name", std::string(201, 'a')));
  CHECK(valid("buyer_name", std::string(200, 'a')));
}
