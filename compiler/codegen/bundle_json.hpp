#pragma once
// The bundle's JSON form: writing it (sorted keys, two-space indent, UTF-8, final newline: the same
// bundle always gives the same bytes) and reading it back with validation.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "compiler/codegen/model.hpp"

namespace replyc::codegen {

nlohmann::json parts_to_json(const Parts& parts);
nlohmann::json bundle_to_json(const Bundle& bundle);
std::string write_bundle(const Bundle& bundle);

// One problem found while reading: where in the JSON ("templates[2].locales.de.message.parts[3]")
// and what is wrong.
struct BundleError {
  std::string where;
  std::string message;
  std::string to_string() const { return where.empty() ? message : where + ": " + message; }
};

// Parses and validates a bundle: shape and types, format name and version, known param types
// and styles, params used by the parts are declared, choices have an `other` branch, every ICU
// pattern is the one its parts give, every message is its sections joined.
std::variant<Bundle, std::vector<BundleError>> read_bundle(std::string_view text);
std::variant<Bundle, std::vector<BundleError>> bundle_from_json(const nlohmann::json& json);
// read_bundle on a file's bytes; a file that cannot be read is one error with an empty `where`.
std::variant<Bundle, std::vector<BundleError>> read_bundle_file(const std::filesystem::path& path);

}  // namespace replyc::codegen
