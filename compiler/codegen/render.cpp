#include "compiler/codegen/render.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "compiler/codegen/formats.hpp"

namespace replyc::codegen {
namespace {

class PartsRenderer {
 public:
  PartsRenderer(const Values& values, std::string_view locale) : values_(values), locale_(locale) {}

  void render(const Parts& parts, const std::string& plural_param) {
    for (const auto& node : parts) {
      switch (node.kind) {
        case Node::Kind::Text:
          out += node.text;
          break;
        case Node::Kind::Param:
          if (const auto* value = find(node.param)) {
            const std::size_t begin = out.size();
            out += format(node, *value);
            inserted.emplace_back(begin, out.size());
          }
          break;
        case Node::Kind::PluralCount: {
          const std::string& param = node.param.empty() ? plural_param : node.param;
          if (const auto* value = find(param))
            out += format_number(locale_, value->decimal, "");
          break;
        }
        case Node::Kind::Choice:
          choice(node);
          break;
      }
    }
  }

  std::string out;
  std::vector<std::pair<std::size_t, std::size_t>> inserted;

 private:
  const ParamValue* find(const std::string& name) const {
    const auto it = values_.find(name);
    return it == values_.end() ? nullptr : &it->second;
  }

  const Parts* branch(const Node& node, std::string_view key) const {
    for (const auto& [k, body] : node.branches) {
      if (k == key)
        return &body;
    }
    return nullptr;
  }

  void choice(const Node& node) {
    const ParamValue* value = find(node.param);
    const Parts* body = nullptr;
    if (node.plural) {
      if (value == nullptr)
        return;  // an absent count selects nothing
      // Exact `=N` keys win over categories.
      for (const auto& [key, candidate] : node.branches) {
        if (key.size() > 1 && key[0] == '=' && same_number(key.substr(1), value->decimal))
          body = &candidate;
      }
      if (body == nullptr)
        body = branch(node, plural_category(locale_, value->decimal));
    } else {
      body = branch(node, value == nullptr ? std::string("none") : value->raw);
    }
    if (body == nullptr)
      body = branch(node, "other");
    if (body != nullptr)
      render(*body, node.plural ? node.param : std::string());
  }

  static bool same_number(std::string_view a, std::string_view b) {
    try {
      return std::stod(std::string(a)) == std::stod(std::string(b));
    } catch (const std::exception&) {
      return false;
    }
  }

  std::string format(const Node& node, const ParamValue& value) const {
    if (node.type == "count")
      return format_number(locale_, value.decimal, "");
    if (node.type == "number")
      return format_number(locale_, value.decimal, node.style);
    if (node.type == "money")
      return format_money(locale_, value.decimal, value.currency, node.style);
    if (node.type == "date")
      return format_date(locale_, value.utc_ms, node.style);
    if (node.type == "datetime")
      return format_datetime(locale_, value.utc_ms, node.style);
    return value.raw;
  }

  const Values& values_;
  std::string_view locale_;
};

}  // namespace

std::variant<Values, std::vector<RenderError>> check_values(
    const Template& templ, const std::map<std::string, std::string>& given) {
  std::vector<RenderError> errors;
  for (const auto& [name, raw] : given) {
    if (templ.find_param(name) == nullptr) {
      std::string known;
      for (const auto& param : templ.params)
        known += (known.empty() ? "" : ", ") + param.name;
      errors.push_back({"unknown-param", "template " + templ.id + " has no param '" + name +
                                             "' (its params: " + (known.empty() ? "none" : known) +
                                             ")"});
    }
  }
  Values values;
  for (const auto& param : templ.params) {
    const auto it = given.find(param.name);
    if (it == given.end()) {
      if (param.required)
        errors.push_back({"missing-param", "param '" + param.name + "' (" + param.type +
                                               ") is required by template " + templ.id});
      continue;
    }
    if (!param.required && it->second == "none") {
      errors.push_back({"invalid-value", "param '" + param.name +
                                             "': 'none' stands for an absent optional param; "
                                             "leave the param out instead"});
      continue;
    }
    auto parsed = parse_param_value(param.type, it->second);
    if (auto* problem = std::get_if<std::string>(&parsed)) {
      // The value as a JSON string: control characters and odd bytes show as escapes.
      const std::string shown =
          nlohmann::json(it->second).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      errors.push_back({"invalid-value", "param '" + param.name + "' (" + param.type +
                                             "): " + shown + " " + *problem});
      continue;
    }
    values.emplace(param.name, std::move(std::get<ParamValue>(parsed)));
  }
  if (!errors.empty())
    return errors;
  return values;
}

std::string render_parts(const Parts& parts, const Values& values, std::string_view locale,
                         std::vector<std::pair<std::size_t, std::size_t>>* inserted) {
  PartsRenderer renderer(values, locale);
  renderer.render(parts, {});
  if (inserted != nullptr)
    *inserted = std::move(renderer.inserted);
  return std::move(renderer.out);
}

std::variant<Rendered, std::vector<RenderError>> render(
    const Bundle& bundle, std::string_view template_id, std::string_view locale,
    const std::map<std::string, std::string>& given) {
  const Template* templ = bundle.find_template(template_id);
  if (templ == nullptr) {
    std::string message = "the bundle has no template '" + std::string(template_id) + "'";
    for (const auto& excluded : bundle.excluded) {
      if (excluded.id == template_id)
        message += " (it was left out of the build: " + excluded.reason + ", valid " +
                   excluded.valid.from + " .. " + excluded.valid.until + ")";
    }
    return std::vector<RenderError>{{"unknown-template", message}};
  }
  const LocaleEntry* entry = templ->find_locale(locale);
  if (entry == nullptr) {
    std::string known;
    for (const auto& l : templ->locales)
      known += (known.empty() ? "" : ", ") + l.tag;
    return std::vector<RenderError>{
        {"unknown-locale", "template " + templ->id + " has no locale '" + std::string(locale) +
                               "' (it has: " + known + ")"}};
  }
  auto checked = check_values(*templ, given);
  if (auto* errors = std::get_if<std::vector<RenderError>>(&checked))
    return std::move(*errors);
  const Values& values = std::get<Values>(checked);
  Rendered rendered;
  for (const auto& [name, text] : entry->sections)
    rendered.sections.emplace_back(name, render_parts(text.parts, values, entry->tag));
  rendered.text = render_parts(entry->message.parts, values, entry->tag, &rendered.inserted);
  return rendered;
}

}  // namespace replyc::codegen
