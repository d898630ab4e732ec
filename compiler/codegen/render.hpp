#pragma once
// The reference renderer: a template of a bundle, a locale and param values -> the message.
// Strict: unknown params, missing required ones and values that are not of their type are errors.
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "compiler/codegen/model.hpp"
#include "compiler/codegen/values.hpp"

namespace replyc::codegen {

struct RenderError {
  // Stable codes shared with the conformance suite: unknown-template, unknown-locale,
  // unknown-param, missing-param, invalid-value.
  std::string code;
  std::string message;
};

struct Rendered {
  std::string text;                                           // the whole message
  std::vector<std::pair<std::string, std::string>> sections;  // greeting .. closing
  // Byte ranges [begin, end) of `text` that hold inserted param values (for the policy scan).
  std::vector<std::pair<std::size_t, std::size_t>> inserted;
};

using Values = std::map<std::string, ParamValue>;

// Checks the given strings against the template's params. Errors come sorted: unknown params by
// name, then missing and invalid ones in declaration order.
std::variant<Values, std::vector<RenderError>> check_values(
    const Template& templ, const std::map<std::string, std::string>& given);

std::variant<Rendered, std::vector<RenderError>> render(
    const Bundle& bundle, std::string_view template_id, std::string_view locale,
    const std::map<std::string, std::string>& given);

// Renders parts with checked values. An absent optional param takes a select's `none` branch
// (else `other`); inserted directly, or as a plural's selector, it renders nothing.
std::string render_parts(const Parts& parts, const Values& values, std::string_view locale,
                         std::vector<std::pair<std::size_t, std::size_t>>* inserted = nullptr);

}  // namespace replyc::codegen
