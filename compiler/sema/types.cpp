#include "compiler/sema/types.hpp"

namespace replyc::sema {
namespace {

const std::vector<TypeInfo>& table() {
  static const std::vector<TypeInfo> types = {
      {"text", {}, false, "Northwind Home", "free text supplied by the sender"},
      {"buyer_name",
       {},
       false,
       "Alex Morgan",
       "the buyer's name as Amazon gives it; never re-cased"},
      {"order_id", {}, false, "114-3941689-8772232", "an Amazon order id: 3-7-7 digits"},
      {"tracking", {}, false, "1Z999AA10123456784", "a carrier tracking number"},
      {"asin", {}, false, "B08N5WRWNW", "an Amazon Standard Identification Number"},
      {"count", {}, true, "3", "a whole number that selects plural forms"},
      {"number", {"integer", "percent"}, true, "42", "a number"},
      {"money",
       {"symbol", "code", "name"},
       false,
       "12.99 EUR",
       "an amount with its ISO 4217 currency; the sender chooses the currency"},
      {"date", {"short", "medium", "long", "full"}, false, "2026-12-03", "a calendar date"},
      {"datetime",
       {"short", "medium", "long", "full"},
       false,
       "2026-12-03 14:30",
       "a date and time"},
      {"duration", {}, false, "3 days", "a length of time"},
  };
  return types;
}

}  // namespace

std::span<const TypeInfo> all_types() {
  return table();
}

const TypeInfo* find_type(std::string_view name) {
  for (const auto& type : table()) {
    if (type.name == name)
      return &type;
  }
  return nullptr;
}

std::vector<std::string> type_names() {
  std::vector<std::string> names;
  for (const auto& type : table())
    names.emplace_back(type.name);
  return names;
}

}  // namespace replyc::sema
