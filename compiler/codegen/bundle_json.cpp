#include "compiler/codegen/bundle_json.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "compiler/base/date.hpp"
#include "compiler/base/utf8.hpp"
#include "compiler/codegen/icu_pattern.hpp"
#include "compiler/sema/types.hpp"

namespace replyc::codegen {
namespace {

using json = nlohmann::json;

constexpr std::size_t kMaxErrors = 50;
constexpr int kMaxNesting = 16;

json node_to_json(const Node& node) {
  switch (node.kind) {
    case Node::Kind::Text:
      return node.text;
    case Node::Kind::Param: {
      json out = {{"param", node.param}, {"type", node.type}};
      if (!node.style.empty())
        out["style"] = node.style;
      return out;
    }
    case Node::Kind::PluralCount:
      return {{"pluralCount", true}, {"param", node.param}};
    case Node::Kind::Choice: {
      json branches = json::object();
      for (const auto& [key, body] : node.branches)
        branches[key] = parts_to_json(body);
      return {{"choice", node.plural ? "plural" : "select"},
              {"param", node.param},
              {"type", node.type},
              {"branches", std::move(branches)}};
    }
  }
  return nullptr;
}

json text_to_json(const Text& text) {
  return {{"icu", text.icu}, {"parts", parts_to_json(text.parts)}};
}

json window_to_json(const ValidWindow& window) {
  return {{"from", window.from}, {"until", window.until}};
}

// ---- Reading ----------------------------------------------------------------------------------

class Reader {
 public:
  std::vector<BundleError> errors;

  void fail(const std::string& where, std::string message) {
    if (errors.size() < kMaxErrors)
      errors.push_back({where, std::move(message)});
  }

  const json* member(const json& object, const std::string& where, const char* key,
                     json::value_t type, bool required = true) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required)
        fail(where, std::string("missing \"") + key + "\"");
      return nullptr;
    }
    const bool ok =
        type == json::value_t::number_integer
            ? it->is_number_integer()
            : (it->type() == type || (type == json::value_t::string && it->is_string()));
    if (!ok) {
      fail(join(where, key), std::string("must be ") + type_name(type));
      return nullptr;
    }
    return &*it;
  }

  std::string string_member(const json& object, const std::string& where, const char* key,
                            bool required = true) {
    const json* value = member(object, where, key, json::value_t::string, required);
    if (value == nullptr)
      return {};
    std::string text = value->get<std::string>();
    if (required && text.empty())
      fail(join(where, key), "must not be empty");
    return text;
  }

  static std::string join(const std::string& where, const std::string& key) {
    return where.empty() ? key : where + "." + key;
  }

  static const char* type_name(json::value_t type) {
    switch (type) {
      case json::value_t::object:
        return "an object";
      case json::value_t::array:
        return "an array";
      case json::value_t::string:
        return "a string";
      case json::value_t::boolean:
        return "true or false";
      case json::value_t::number_integer:
        return "an integer";
      default:
        return "a value of another type";
    }
  }

  Parts parts(const json& value, const std::string& where, const Template& templ,
              const std::vector<std::string>& plurals, int depth) {
    Parts out;
    if (!value.is_array()) {
      fail(where, "must be an array of parts");
      return out;
    }
    if (depth > kMaxNesting) {
      fail(where, "choices nest deeper than " + std::to_string(kMaxNesting) + " levels");
      return out;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string at = where + "[" + std::to_string(i) + "]";
      const json& item = value[i];
      if (item.is_string()) {
        const std::string text = item.get<std::string>();
        if (text.empty())
          fail(at, "a text part must not be empty");
        if (!out.empty() && out.back().kind == Node::Kind::Text)
          fail(at, "two text parts in a row must be one");
        out.push_back(Node::literal(text));
        continue;
      }
      if (!item.is_object()) {
        fail(at, "a part is a string or an object");
        continue;
      }
      Node node;
      node.param = string_member(item, at, "param");
      const ParamInfo* declared = templ.find_param(node.param);
      if (!node.param.empty() && declared == nullptr)
        fail(at, "param '" + node.param + "' is not declared by template " + templ.id);
      if (item.contains("pluralCount")) {
        node.kind = Node::Kind::PluralCount;
        if (item["pluralCount"] != true)
          fail(at + ".pluralCount", "must be true");
        if (std::find(plurals.begin(), plurals.end(), node.param) == plurals.end())
          fail(at, "pluralCount must be inside a plural on '" + node.param + "'");
        expect_keys(item, at, {"pluralCount", "param"});
      } else if (item.contains("choice")) {
        node.kind = Node::Kind::Choice;
        const std::string choice = string_member(item, at, "choice");
        if (choice != "plural" && choice != "select")
          fail(at + ".choice", "must be \"plural\" or \"select\"");
        node.plural = choice == "plural";
        node.type = string_member(item, at, "type");
        if (declared != nullptr && node.type != declared->type)
          fail(at + ".type",
               "is '" + node.type + "' but the param is declared '" + declared->type + "'");
        const auto* type = sema::find_type(node.type);
        if (node.plural && type != nullptr && !type->plural_selector)
          fail(at, "a plural needs a count or number param, not " + node.type);
        const json* branches = member(item, at, "branches", json::value_t::object);
        if (branches != nullptr) {
          std::vector<std::string> inner = plurals;
          if (node.plural)
            inner.push_back(node.param);
          for (const auto& [key, body] : branches->items()) {
            if (key.empty() || key.find_first_of("{}, \t\n") != std::string::npos)
              fail(at + ".branches", "branch key '" + key + "' is not a valid ICU keyword");
            node.branches.emplace_back(
                key, parts(body, at + ".branches." + key, templ, inner, depth + 1));
          }
          if (!branches->contains("other"))
            fail(at + ".branches", "must have an \"other\" branch");
        }
        expect_keys(item, at, {"choice", "param", "type", "branches"});
      } else {
        node.kind = Node::Kind::Param;
        node.type = string_member(item, at, "type");
        if (declared != nullptr && node.type != declared->type)
          fail(at + ".type",
               "is '" + node.type + "' but the param is declared '" + declared->type + "'");
        node.style = string_member(item, at, "style", false);
        if (item.contains("style") && node.style.empty())
          fail(at + ".style", "must not be empty; leave it out for the default");
        if (const auto* type = sema::find_type(node.type); type != nullptr && !node.style.empty()) {
          if (std::find(type->styles.begin(), type->styles.end(), node.style) == type->styles.end())
            fail(at + ".style", "'" + node.style + "' is not a style of type " + node.type);
        }
        expect_keys(item, at, {"param", "type", "style"});
      }
      out.push_back(std::move(node));
    }
    return out;
  }

  void expect_keys(const json& object, const std::string& where,
                   std::initializer_list<std::string_view> keys) {
    for (const auto& [key, value] : object.items()) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end())
        fail(where, "unknown field \"" + key + "\"");
    }
  }

  Text text(const json& object, const std::string& where, const Template& templ,
            const std::string& tag) {
    Text out;
    if (!object.is_object()) {
      fail(where, "must be an object with \"icu\" and \"parts\"");
      return out;
    }
    out.icu = string_member(object, where, "icu", false);
    if (!object.contains("icu"))
      fail(where, "missing \"icu\"");
    if (const json* parts_json = member(object, where, "parts", json::value_t::array))
      out.parts = parts(*parts_json, where + ".parts", templ, {}, 0);
    expect_keys(object, where, {"icu", "parts"});
    const std::string expected = write_icu(out.parts, templ.params, tag);
    if (errors.empty() && out.icu != expected)
      fail(where + ".icu", "is not the pattern its parts give (expected \"" + expected + "\")");
    return out;
  }

  std::optional<ValidWindow> window(const json& object, const std::string& where) {
    if (!object.is_object()) {
      fail(where, "must be an object with \"from\" and \"until\"");
      return std::nullopt;
    }
    ValidWindow out{string_member(object, where, "from"), string_member(object, where, "until")};
    const auto from = parse_iso_date(out.from), until = parse_iso_date(out.until);
    if (!from)
      fail(where + ".from", "must be a date YYYY-MM-DD");
    if (!until)
      fail(where + ".until", "must be a date YYYY-MM-DD");
    if (from && until && *until < *from)
      fail(where, "ends before it starts");
    expect_keys(object, where, {"from", "until"});
    return out;
  }

  Template templ(const json& object, const std::string& where) {
    Template out;
    if (!object.is_object()) {
      fail(where, "must be an object");
      return out;
    }
    out.id = string_member(object, where, "id");
    out.title = string_member(object, where, "title");
    out.scenario = string_member(object, where, "scenario");
    out.kind = string_member(object, where, "kind");
    if (out.kind != "reply" && out.kind != "proactive")
      fail(where + ".kind", "must be \"reply\" or \"proactive\"");
    if (const json* list = member(object, where, "marketplaces", json::value_t::array)) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        if (!(*list)[i].is_string())
          fail(where + ".marketplaces[" + std::to_string(i) + "]", "must be a string");
        else
          out.marketplaces.push_back((*list)[i].get<std::string>());
      }
    }
    if (!object.contains("valid"))
      fail(where, "missing \"valid\" (null when the template has no window)");
    else if (!object["valid"].is_null())
      out.valid = window(object["valid"], where + ".valid");
    std::set<std::string> names;
    if (const json* list = member(object, where, "params", json::value_t::array)) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string at = where + ".params[" + std::to_string(i) + "]";
        const json& item = (*list)[i];
        if (!item.is_object()) {
          fail(at, "must be an object");
          continue;
        }
        ParamInfo param;
        param.name = string_member(item, at, "name");
        param.type = string_member(item, at, "type");
        if (const json* required = member(item, at, "required", json::value_t::boolean))
          param.required = required->get<bool>();
        if (!param.type.empty() && sema::find_type(param.type) == nullptr)
          fail(at + ".type", "'" + param.type + "' is not a param type");
        if (!param.name.empty() && !names.insert(param.name).second)
          fail(at + ".name", "param '" + param.name + "' is declared twice");
        expect_keys(item, at, {"name", "type", "required"});
        out.params.push_back(std::move(param));
      }
    }
    if (const json* locales = member(object, where, "locales", json::value_t::object)) {
      if (locales->empty())
        fail(where + ".locales", "must hold at least one locale");
      for (const auto& [tag, entry_json] : locales->items()) {
        const std::string at = where + ".locales." + tag;
        LocaleEntry entry;
        entry.tag = tag;
        if (!entry_json.is_object()) {
          fail(at, "must be an object");
          continue;
        }
        entry.status = string_member(entry_json, at, "status");
        if (entry.status != "complete" && entry.status != "stale")
          fail(at + ".status", "must be \"complete\" or \"stale\"");
        if (const json* sections = member(entry_json, at, "sections", json::value_t::object)) {
          for (const auto& name : section_names()) {
            if (!sections->contains(name)) {
              fail(at + ".sections", "missing section \"" + name + "\"");
              continue;
            }
            entry.sections.emplace_back(
                name, text((*sections)[name], at + ".sections." + name, out, tag));
          }
          for (const auto& [name, value] : sections->items()) {
            const auto& known = section_names();
            if (std::find(known.begin(), known.end(), name) == known.end())
              fail(at + ".sections", "unknown section \"" + name + "\"");
          }
        }
        if (entry_json.contains("message"))
          entry.message = text(entry_json["message"], at + ".message", out, tag);
        else
          fail(at, "missing \"message\"");
        expect_keys(entry_json, at, {"status", "sections", "message"});
        if (errors.empty()) {
          Parts joined;
          for (std::size_t k = 0; k < entry.sections.size(); ++k) {
            if (k > 0)
              append(joined, Node::literal("\n\n"));
            append(joined, entry.sections[k].second.parts);
          }
          if (joined != entry.message.parts)
            fail(at + ".message", "is not its sections joined by a blank line");
        }
        out.locales.push_back(std::move(entry));
      }
    }
    expect_keys(object, where,
                {"id", "title", "scenario", "kind", "marketplaces", "valid", "params", "locales"});
    return out;
  }
};

}  // namespace

nlohmann::json parts_to_json(const Parts& parts) {
  json out = json::array();
  for (const auto& node : parts)
    out.push_back(node_to_json(node));
  return out;
}

nlohmann::json bundle_to_json(const Bundle& bundle) {
  json templates = json::array();
  for (const auto& templ : bundle.templates) {
    json params = json::array();
    for (const auto& param : templ.params)
      params.push_back({{"name", param.name}, {"type", param.type}, {"required", param.required}});
    json locales = json::object();
    for (const auto& locale : templ.locales) {
      json sections = json::object();
      for (const auto& [name, text] : locale.sections)
        sections[name] = text_to_json(text);
      locales[locale.tag] = {{"status", locale.status},
                             {"sections", std::move(sections)},
                             {"message", text_to_json(locale.message)}};
    }
    templates.push_back({{"id", templ.id},
                         {"title", templ.title},
                         {"scenario", templ.scenario},
                         {"kind", templ.kind},
                         {"marketplaces", templ.marketplaces},
                         {"valid", templ.valid ? window_to_json(*templ.valid) : json(nullptr)},
                         {"params", std::move(params)},
                         {"locales", std::move(locales)}});
  }
  json excluded = json::array();
  for (const auto& item : bundle.excluded)
    excluded.push_back(
        {{"id", item.id}, {"reason", item.reason}, {"valid", window_to_json(item.valid)}});
  return {{"format", kBundleFormat},
          {"formatVersion", kBundleFormatVersion},
          {"compiler", {{"name", bundle.compiler_name}, {"version", bundle.compiler_version}}},
          {"sourceHash", bundle.source_hash},
          {"templates", std::move(templates)},
          {"excluded", std::move(excluded)}};
}

std::string write_bundle(const Bundle& bundle) {
  return bundle_to_json(bundle).dump(2, ' ', false, json::error_handler_t::strict) + "\n";
}

std::variant<Bundle, std::vector<BundleError>> read_bundle(std::string_view text) {
  if (const auto bad = utf8::find_invalid(text))
    return std::vector<BundleError>{{"", "not valid UTF-8 at byte " + std::to_string(bad->offset)}};
  json parsed;
  try {
    parsed = json::parse(text.begin(), text.end());
  } catch (const json::exception& error) {  // syntax, numbers out of range
    return std::vector<BundleError>{{"", std::string("not valid JSON: ") + error.what()}};
  }
  return bundle_from_json(parsed);
}

std::variant<Bundle, std::vector<BundleError>> bundle_from_json(const nlohmann::json& root) {
  Reader reader;
  Bundle bundle;
  if (!root.is_object())
    return std::vector<BundleError>{{"", "a bundle is a JSON object"}};
  const std::string format = reader.string_member(root, "", "format");
  if (!format.empty() && format != kBundleFormat)
    return std::vector<BundleError>{
        {"format", "is \"" + format + "\", not \"" + std::string(kBundleFormat) + "\""}};
  if (const json* version =
          reader.member(root, "", "formatVersion", json::value_t::number_integer)) {
    const auto number = version->get<long long>();
    if (number != kBundleFormatVersion) {
      return std::vector<BundleError>{
          {"formatVersion", "is " + std::to_string(number) + "; this replyc reads version " +
                                std::to_string(kBundleFormatVersion) +
                                (number > kBundleFormatVersion ? " (the bundle is newer)" : "")}};
    }
  }
  if (const json* compiler = reader.member(root, "", "compiler", json::value_t::object)) {
    bundle.compiler_name = reader.string_member(*compiler, "compiler", "name");
    bundle.compiler_version = reader.string_member(*compiler, "compiler", "version");
    reader.expect_keys(*compiler, "compiler", {"name", "version"});
  }
  bundle.source_hash = reader.string_member(root, "", "sourceHash");
  static const std::regex kHash("sha256:[0-9a-f]{64}");
  if (!bundle.source_hash.empty() && !std::regex_match(bundle.source_hash, kHash))
    reader.fail("sourceHash", "must be \"sha256:\" and 64 lower-case hex digits");
  if (const json* templates = reader.member(root, "", "templates", json::value_t::array)) {
    for (std::size_t i = 0; i < templates->size(); ++i) {
      bundle.templates.push_back(
          reader.templ((*templates)[i], "templates[" + std::to_string(i) + "]"));
      if (i > 0 && !(bundle.templates[i - 1].id < bundle.templates[i].id))
        reader.fail(
            "templates[" + std::to_string(i) + "]",
            "templates must be sorted by id, each id once ('" + bundle.templates[i].id + "')");
    }
  }
  if (const json* excluded = reader.member(root, "", "excluded", json::value_t::array)) {
    for (std::size_t i = 0; i < excluded->size(); ++i) {
      const std::string at = "excluded[" + std::to_string(i) + "]";
      const json& item = (*excluded)[i];
      if (!item.is_object()) {
        reader.fail(at, "must be an object");
        continue;
      }
      Excluded entry;
      entry.id = reader.string_member(item, at, "id");
      entry.reason = reader.string_member(item, at, "reason");
      if (entry.reason != "expired" && entry.reason != "not-yet-valid")
        reader.fail(at + ".reason", "must be \"expired\" or \"not-yet-valid\"");
      if (item.contains("valid")) {
        if (auto window = reader.window(item["valid"], at + ".valid"))
          entry.valid = *window;
      } else {
        reader.fail(at, "missing \"valid\"");
      }
      reader.expect_keys(item, at, {"id", "reason", "valid"});
      bundle.excluded.push_back(std::move(entry));
    }
  }
  reader.expect_keys(
      root, "",
      {"$schema", "format", "formatVersion", "compiler", "sourceHash", "templates", "excluded"});
  if (!reader.errors.empty())
    return reader.errors;
  return bundle;
}

std::variant<Bundle, std::vector<BundleError>> read_bundle_file(const std::filesystem::path& path) {
  constexpr std::uintmax_t kMaxBytes = 512u * 1024u * 1024u;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return std::vector<BundleError>{
        {"", "'" + path.generic_string() + "' is a folder, not a bundle"}};
  const auto size = std::filesystem::file_size(path, ec);
  if (ec)
    return std::vector<BundleError>{
        {"", "cannot read '" + path.generic_string() + "': " + ec.message()}};
  if (size > kMaxBytes)
    return std::vector<BundleError>{{"", "'" + path.generic_string() + "' is larger than 512 MiB"}};
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof())
    return std::vector<BundleError>{{"", "cannot read '" + path.generic_string() + "'"}};
  return read_bundle(bytes.str());
}

}  // namespace replyc::codegen
