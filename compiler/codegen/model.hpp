#pragma once
// The bundle: what `replyc build` writes and what renderers and exports read. Plain data; see
// docs/bundle.md for its JSON form and schemas/bundle.schema.json for the schema.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace replyc::codegen {

inline constexpr std::string_view kBundleFormat = "replyc-bundle";
inline constexpr int kBundleFormatVersion = 1;

// The five sections of a reply, in the order a message joins them.
const std::vector<std::string>& section_names();

struct Node;
using Parts = std::vector<Node>;

// One element of a text: a literal string, an inserted param, a choice, or the `#` of a plural.
struct Node {
  enum class Kind : std::uint8_t { Text, Param, Choice, PluralCount };
  Kind kind = Kind::Text;
  std::string text;     // Text
  std::string param;    // Param, Choice (the selector), PluralCount (the enclosing plural's param)
  std::string type;     // Param, Choice: the param's declared type
  std::string style;    // Param: the style as written; empty for the type's default
  bool plural = false;  // Choice: plural (else select)
  std::vector<std::pair<std::string, Parts>> branches;  // Choice: key -> body, as written

  static Node literal(std::string text);
  friend bool operator==(const Node&, const Node&) = default;
};

// Appends `node`, merging adjacent literal strings (parts never hold two strings in a row, nor an
// empty one).
void append(Parts& parts, Node node);
void append(Parts& parts, const Parts& more);

struct Text {
  std::string icu;  // ICU MessageFormat pattern
  Parts parts;
  friend bool operator==(const Text&, const Text&) = default;
};

struct ParamInfo {
  std::string name;
  std::string type;
  bool required = false;
  friend bool operator==(const ParamInfo&, const ParamInfo&) = default;
};

struct LocaleEntry {
  std::string tag;
  std::string status = "complete";
  std::vector<std::pair<std::string, Text>> sections;  // in section_names() order
  Text message;                                        // the sections joined by a blank line
  const Text* section(std::string_view name) const;
  friend bool operator==(const LocaleEntry&, const LocaleEntry&) = default;
};

struct ValidWindow {
  std::string from;   // YYYY-MM-DD, first valid day
  std::string until;  // YYYY-MM-DD, last valid day
  friend bool operator==(const ValidWindow&, const ValidWindow&) = default;
};

struct Template {
  std::string id;
  std::string title;
  std::string scenario;
  std::string kind = "reply";
  std::vector<std::string> marketplaces;
  std::optional<ValidWindow> valid;
  std::vector<ParamInfo> params;     // as declared
  std::vector<LocaleEntry> locales;  // sorted by tag

  const ParamInfo* find_param(std::string_view name) const;
  const LocaleEntry* find_locale(std::string_view tag) const;
  friend bool operator==(const Template&, const Template&) = default;
};

struct Excluded {
  std::string id;
  std::string reason;  // "expired" or "not-yet-valid"
  ValidWindow valid;
  friend bool operator==(const Excluded&, const Excluded&) = default;
};

struct Bundle {
  std::string compiler_name = "replyc";
  std::string compiler_version;
  std::string source_hash;          // "sha256:<hex>"
  std::vector<Template> templates;  // sorted by id
  std::vector<Excluded> excluded;   // sorted by id
  const Template* find_template(std::string_view id) const;
  friend bool operator==(const Bundle&, const Bundle&) = default;
};

// The version of replyc that wrote a bundle (the project version).
std::string_view compiler_version();

}  // namespace replyc::codegen
