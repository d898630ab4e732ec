#include "compiler/sema/scenarios.hpp"

namespace replyc::sema {
namespace {

const std::vector<Scenario>& table() {
  static const std::vector<Scenario> scenarios = {
      {"item_not_received", "the buyer says the parcel has not arrived"},
      {"damaged_item", "the item arrived damaged or broken"},
      {"out_of_stock", "the item cannot be shipped for lack of stock"},
      {"return_request", "the buyer wants to return the item"},
      {"shipping_delay", "the parcel is running late"},
      {"customs_hold", "the parcel is held at customs"},
      {"refund_issued", "a refund has been issued"},
      {"wrong_item", "the buyer received a different item"},
      {"product_question", "a question about the product before or after purchase"},
      {"cancellation_request", "the buyer asks to cancel the order"},
      {"address_change", "the buyer asks to change the delivery address"},
      {"invoice_request", "the buyer asks for an invoice"},
      {"warranty_claim", "a fault within the warranty period"},
      {"feedback_followup", "a neutral follow-up after a problem was solved"},
      {"general", "anything else"},
  };
  return scenarios;
}

}  // namespace

std::span<const Scenario> all_scenarios() {
  return table();
}

const Scenario* find_scenario(std::string_view name) {
  for (const auto& scenario : table()) {
    if (scenario.name == name)
      return &scenario;
  }
  return nullptr;
}

std::vector<std::string> scenario_names() {
  std::vector<std::string> names;
  for (const auto& scenario : table())
    names.emplace_back(scenario.name);
  return names;
}

}  // namespace replyc::sema
