#pragma once
// Shared helpers for the policy tests: one engine loaded from the built-in packs.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/policy/engine.hpp"

namespace policy_test {

using replyc::policy::Engine;
using replyc::policy::Finding;
using replyc::policy::MessageKind;
using replyc::policy::ScanContext;

inline const Engine& engine() {
  static const Engine instance = [] {
    auto loaded = Engine::load(nullptr);
    if (auto* errors = std::get_if<std::vector<replyc::policy::LoadError>>(&loaded)) {
      for (const auto& e : *errors) {
        FAIL(e.where << ": " << e.message);
      }
    }
    return std::get<Engine>(std::move(loaded));
  }();
  return instance;
}

// The same packs with the statistical model off, for tests of the phrase patterns' own reach
// (the model reads whole sentences and may agree or not).
inline const Engine& pattern_engine() {
  static const Engine instance = [] {
    const nlohmann::json off = {{"classifier", false}};
    auto loaded = Engine::load(&off);
    REQUIRE(std::holds_alternative<Engine>(loaded));
    return std::get<Engine>(std::move(loaded));
  }();
  return instance;
}

inline std::vector<Finding> scan_patterns(std::string_view text, std::string_view locale) {
  ScanContext ctx;
  ctx.locale = locale;
  return pattern_engine().scan(text, ctx);
}

inline std::vector<Finding> scan(std::string_view text, std::string_view locale,
                                 MessageKind kind = MessageKind::Reply, bool whole = false) {
  ScanContext ctx;
  ctx.locale = locale;
  ctx.kind = kind;
  ctx.whole_message = whole;
  return engine().scan(text, ctx);
}

// The bytes of the first occurrence of `needle` in `text`.
inline replyc::ByteRange where(std::string_view text, std::string_view needle) {
  const auto at = text.find(needle);
  REQUIRE(at != std::string_view::npos);
  return {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())};
}

inline bool fires(const std::vector<Finding>& findings, std::string_view rule) {
  for (const Finding& f : findings) {
    if (f.rule == rule) {
      return true;
    }
  }
  return false;
}

inline const Finding* find(const std::vector<Finding>& findings, std::string_view rule) {
  for (const Finding& f : findings) {
    if (f.rule == rule) {
      return &f;
    }
  }
  return nullptr;
}

inline std::string describe(const std::vector<Finding>& findings, std::string_view text) {
  std::string out;
  for (const Finding& f : findings) {
    out += f.rule + " [" + std::to_string(f.range.begin) + "," + std::to_string(f.range.end) +
           ") \"" + std::string(text.substr(f.range.begin, f.range.end - f.range.begin)) + "\"" +
           (f.disguised ? " disguised" : "") + "\n";
  }
  return out.empty() ? "(no findings)" : out;
}

// The source bytes a finding covers.
inline std::string_view span(std::string_view text, const Finding& f) {
  return text.substr(f.range.begin, f.range.end - f.range.begin);
}

}  // namespace policy_test
