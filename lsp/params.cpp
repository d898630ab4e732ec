#include "lsp/params.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace replyc::lsp {

using nlohmann::json;

namespace {

const json& member(const json& params, const char* key, const char* what) {
  if (!params.is_object())
    throw ParamsError(fmt::format("{} must be an object", what));
  const auto it = params.find(key);
  if (it == params.end())
    throw ParamsError(fmt::format("{}.{} is missing", what, key));
  return *it;
}

std::uint32_t unsigned_field(const json& object, const char* key, const char* what) {
  const json& value = member(object, key, what);
  if (value.is_number_unsigned()) {
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(
        value.get<std::uint64_t>(), std::numeric_limits<std::uint32_t>::max()));
  }
  if (value.is_number_integer() && value.get<std::int64_t>() >= 0) {
    return static_cast<std::uint32_t>(std::min<std::int64_t>(
        value.get<std::int64_t>(), std::numeric_limits<std::uint32_t>::max()));
  }
  throw ParamsError(fmt::format("{}.{} must be a non-negative integer", what, key));
}

}  // namespace

void require_params_object(const json& params) {
  if (!params.is_object())
    throw ParamsError("params must be an object");
}

const json& require_object(const json& params, const char* key, const char* what) {
  const json& value = member(params, key, what);
  if (!value.is_object())
    throw ParamsError(fmt::format("{}.{} must be an object", what, key));
  return value;
}

const std::string& require_string(const json& params, const char* key, const char* what) {
  const json& value = member(params, key, what);
  if (!value.is_string())
    throw ParamsError(fmt::format("{}.{} must be a string", what, key));
  return value.get_ref<const std::string&>();
}

std::int64_t require_integer(const json& params, const char* key, const char* what) {
  const json& value = member(params, key, what);
  if (value.is_number_integer() && !value.is_number_unsigned())
    return value.get<std::int64_t>();
  if (value.is_number_unsigned() &&
      value.get<std::uint64_t>() <=
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return static_cast<std::int64_t>(value.get<std::uint64_t>());
  }
  throw ParamsError(fmt::format("{}.{} must be an integer", what, key));
}

const json& require_array(const json& params, const char* key, const char* what) {
  const json& value = member(params, key, what);
  if (!value.is_array())
    throw ParamsError(fmt::format("{}.{} must be an array", what, key));
  return value;
}

Position parse_position(const json& position, const char* what) {
  if (!position.is_object())
    throw ParamsError(fmt::format("{} must be an object", what));
  return Position{unsigned_field(position, "line", what),
                  unsigned_field(position, "character", what)};
}

Range parse_range(const json& range, const char* what) {
  if (!range.is_object())
    throw ParamsError(fmt::format("{} must be an object", what));
  const std::string start = fmt::format("{}.start", what);
  const std::string end = fmt::format("{}.end", what);
  return Range{parse_position(member(range, "start", what), start.c_str()),
               parse_position(member(range, "end", what), end.c_str())};
}

const std::string& text_document_uri(const json& params) {
  require_params_object(params);
  return require_string(require_object(params, "textDocument"), "uri", "params.textDocument");
}

void check_text_document_position(const json& params) {
  text_document_uri(params);
  parse_position(member(params, "position", "params"), "params.position");
}

std::vector<TextChange> parse_content_changes(const json& changes) {
  if (!changes.is_array())
    throw ParamsError("params.contentChanges must be an array");
  std::vector<TextChange> result;
  result.reserve(changes.size());
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const std::string what = fmt::format("params.contentChanges[{}]", i);
    const json& change = changes[i];
    TextChange parsed;
    parsed.text = require_string(change, "text", what.c_str());
    if (const auto range = change.find("range"); range != change.end()) {
      const std::string range_what = what + ".range";
      parsed.range = parse_range(*range, range_what.c_str());
    }
    result.push_back(std::move(parsed));
  }
  return result;
}

}  // namespace replyc::lsp
