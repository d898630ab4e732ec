#pragma once
// The closed set of param types: which styles each allows, whether it can select a plural form,
// and a sample value used when checks expand a template into the text a buyer would read.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace replyc::sema {

struct TypeInfo {
  std::string_view name;
  std::vector<std::string_view> styles;
  bool plural_selector = false;
  std::string_view sample;  // a realistic value, already formatted
  std::string_view description;
};

std::span<const TypeInfo> all_types();
const TypeInfo* find_type(std::string_view name);
std::vector<std::string> type_names();

}  // namespace replyc::sema
