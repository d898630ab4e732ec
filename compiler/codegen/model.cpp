#include "compiler/codegen/model.hpp"

#include <algorithm>

#ifndef REPLYC_VERSION
#define REPLYC_VERSION "0.0.0"
#endif

namespace replyc::codegen {

const std::vector<std::string>& section_names() {
  static const std::vector<std::string> names = {"greeting", "confirm", "solution", "next_steps",
                                                 "closing"};
  return names;
}

Node Node::literal(std::string text) {
  Node node;
  node.kind = Kind::Text;
  node.text = std::move(text);
  return node;
}

void append(Parts& parts, Node node) {
  if (node.kind == Node::Kind::Text) {
    if (node.text.empty())
      return;
    if (!parts.empty() && parts.back().kind == Node::Kind::Text) {
      parts.back().text += node.text;
      return;
    }
  }
  parts.push_back(std::move(node));
}

void append(Parts& parts, const Parts& more) {
  for (const auto& node : more)
    append(parts, node);
}

const Text* LocaleEntry::section(std::string_view name) const {
  for (const auto& [key, text] : sections) {
    if (key == name)
      return &text;
  }
  return nullptr;
}

const ParamInfo* Template::find_param(std::string_view name) const {
  for (const auto& param : params) {
    if (param.name == name)
      return &param;
  }
  return nullptr;
}

const LocaleEntry* Template::find_locale(std::string_view tag) const {
  for (const auto& locale : locales) {
    if (locale.tag == tag)
      return &locale;
  }
  return nullptr;
}

const Template* Bundle::find_template(std::string_view id) const {
  const auto it =
      std::lower_bound(templates.begin(), templates.end(), id,
                       [](const Template& t, std::string_view key) { return t.id < key; });
  if (it != templates.end() && it->id == id)
    return &*it;
  for (const auto& t : templates) {  // an unsorted bundle read from elsewhere
    if (t.id == id)
      return &t;
  }
  return nullptr;
}

std::string_view compiler_version() {
  return REPLYC_VERSION;
}

}  // namespace replyc::codegen
