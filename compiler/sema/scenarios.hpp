#pragma once
// The customer-service scenarios a template can declare.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace replyc::sema {

struct Scenario {
  std::string_view name;
  std::string_view description;
};

std::span<const Scenario> all_scenarios();
const Scenario* find_scenario(std::string_view name);
std::vector<std::string> scenario_names();

}  // namespace replyc::sema
