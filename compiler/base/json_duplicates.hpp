#pragma once
// JSON parsers keep the last of two equal keys in an object and drop the first without a word.
// In a rule pack or a replyc.json that silently loses settings ("REQ" written twice loses the
// first list), so the loaders ask for the first repeated key and report it.
//
// Header-only: the policy engine uses it without linking the base library.
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace replyc {

struct DuplicateKey {
  std::string path;    // where the object is, as in "rules[3].patterns[0]" ("" = the top)
  std::string key;     // the key as written between its quotes
  std::size_t offset;  // byte of the second occurrence's opening quote
};

// `text` must already be valid JSON (checked by the parser first): this only walks its
// structure. Keys are compared as written, so "\u0041" and "A" count as different keys.
inline std::optional<DuplicateKey> find_duplicate_key(std::string_view text) {
  struct Frame {
    bool object = false;
    std::set<std::string, std::less<>> keys;
    std::string step;       // the path step of the value being read (".key" or "[n]")
    std::size_t index = 0;  // arrays: the element being read
  };
  std::vector<Frame> stack;
  const auto path = [&stack] {
    std::string out;
    for (const Frame& frame : stack) {
      out += frame.step;
    }
    return out.size() > 0 && out[0] == '.' ? out.substr(1) : out;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t open = i;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') {
          ++i;  // the escaped character, which may be a quote
        }
      }
      if (stack.empty() || !stack.back().object) {
        continue;
      }
      std::size_t after = i + 1;
      while (after < text.size() && (text[after] == ' ' || text[after] == '\t' ||
                                     text[after] == '\n' || text[after] == '\r')) {
        ++after;
      }
      if (after >= text.size() || text[after] != ':') {
        continue;  // a string value, not a key
      }
      const std::string key(text.substr(open + 1, i - open - 1));
      Frame& frame = stack.back();
      frame.step.clear();
      if (!frame.keys.insert(key).second) {
        return DuplicateKey{path(), key, open};
      }
      frame.step = "." + key;
    } else if (c == '{' || c == '[') {
      stack.push_back(Frame{c == '{', {}, c == '[' ? "[0]" : "", 0});
    } else if ((c == '}' || c == ']') && !stack.empty()) {
      stack.pop_back();
    } else if (c == ',' && !stack.empty() && !stack.back().object) {
      Frame& frame = stack.back();
      frame.step = "[" + std::to_string(++frame.index) + "]";
    }
  }
  return std::nullopt;
}

}  // namespace replyc
