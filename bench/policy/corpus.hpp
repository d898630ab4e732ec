#pragma once
// The labelled policy corpus (tests/policy/corpus/*.jsonl) and its evaluation, shared by the
// policy_eval and policy_bench programs and by the corpus test.
//
// One JSON object per line: {"locale": "de", "text": "...", "labels": ["review-gating"]}
// with optional "kind": "proactive" and "whole": true (scan as a whole message).
// A finding counts when its severity is warning or error; notes are informational.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/policy/engine.hpp"

namespace replyc::policy::corpus {

struct Entry {
  std::string file;
  int line = 0;
  std::string locale;
  std::string text;
  std::set<std::string> labels;
  MessageKind kind = MessageKind::Reply;
  bool whole = false;
};

// The .jsonl files of `dir` (not of its subfolders), sorted.
inline std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir,
                                                   std::string& error) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& item : std::filesystem::directory_iterator(dir, ec)) {
    if (item.path().extension() == ".jsonl") {
      files.push_back(item.path());
    }
  }
  if (ec) {
    error = "cannot read " + dir.string() + ": " + ec.message();
    return {};
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The entries of the given .jsonl files; `file` is the name relative to `base` when given.
inline std::vector<Entry> load_files(const std::vector<std::filesystem::path>& files,
                                     std::string& error, const std::filesystem::path& base = {}) {
  std::vector<Entry> entries;
  for (const auto& path : files) {
    std::ifstream in(path);
    if (!in) {
      error = "cannot read " + path.string();
      return {};
    }
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.empty() || line[0] == '#') {
        continue;
      }
      Entry e;
      e.file = base.empty() ? path.filename().string()
                            : std::filesystem::relative(path, base).generic_string();
      e.line = number;
      try {
        const auto j = nlohmann::json::parse(line);
        e.locale = j.at("locale").get<std::string>();
        e.text = j.at("text").get<std::string>();
        for (const auto& label : j.value("labels", nlohmann::json::array())) {
          e.labels.insert(label.get<std::string>());
        }
        e.kind =
            j.value("kind", "reply") == "proactive" ? MessageKind::Proactive : MessageKind::Reply;
        e.whole = j.value("whole", false);
      } catch (const std::exception& ex) {
        error = e.file + ":" + std::to_string(number) + ": " + ex.what();
        return {};
      }
      entries.push_back(std::move(e));
    }
  }
  return entries;
}

inline std::vector<Entry> load(const std::filesystem::path& dir, std::string& error) {
  const auto files = files_in(dir, error);
  return error.empty() ? load_files(files, error) : std::vector<Entry>{};
}

inline ScanContext context_of(const Entry& e) {
  ScanContext ctx;
  ctx.locale = e.locale;
  ctx.kind = e.kind;
  ctx.whole_message = e.whole;
  return ctx;
}

inline std::set<std::string> predicted(const std::vector<Finding>& findings) {
  std::set<std::string> out;
  for (const Finding& f : findings) {
    if (f.severity != Severity::Note) {
      out.insert(f.rule);
    }
  }
  return out;
}

struct Counts {
  int tp = 0;
  int fp = 0;
  int fn = 0;
  double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
};

struct Result {
  std::map<std::string, Counts> per_rule;
  std::map<std::string, Counts> per_locale;
  Counts total;
  int texts = 0;
  int violating = 0;
  int clean = 0;
  int clean_flagged = 0;
  std::vector<std::string> mistakes;  // "file:line: missed X / unexpected Y: text"
                                      // (explained: plus one "found RULE «span»" line each)
  double clean_flag_rate() const {
    return clean == 0 ? 0.0 : static_cast<double>(clean_flagged) / clean;
  }
};

// What a finding matched, for a pack author: "found RULE «span»  [the pattern's place]".
inline std::string explain(const Finding& f, std::string_view text) {
  const auto span = text.substr(f.range.begin, f.range.size());
  return "\n      found " + f.rule + (f.severity == Severity::Note ? " (note)" : "") +
         (f.disguised ? " (disguised)" : "") + " \u00ab" + std::string(span) + "\u00bb" +
         (f.origin.empty() ? "" : "  [" + f.origin + "]");
}

// `explained`: each mistake also lists every finding with the text it matched.
inline Result evaluate(const Engine& engine, const std::vector<Entry>& entries,
                       bool explained = false) {
  Result r;
  for (const Entry& e : entries) {
    const auto findings = engine.scan(e.text, context_of(e));
    const auto found = predicted(findings);
    ++r.texts;
    if (e.labels.empty()) {
      ++r.clean;
      if (!found.empty()) {
        ++r.clean_flagged;
      }
    } else {
      ++r.violating;
    }
    Counts& loc = r.per_locale[e.locale];
    std::string missed;
    std::string extra;
    for (const std::string& rule : found) {
      Counts& c = r.per_rule[rule];
      if (e.labels.count(rule) != 0) {
        ++c.tp;
        ++loc.tp;
        ++r.total.tp;
      } else {
        ++c.fp;
        ++loc.fp;
        ++r.total.fp;
        extra += " " + rule;
      }
    }
    for (const std::string& rule : e.labels) {
      if (found.count(rule) == 0) {
        ++r.per_rule[rule].fn;
        ++loc.fn;
        ++r.total.fn;
        missed += " " + rule;
      }
    }
    if (!missed.empty() || !extra.empty()) {
      r.mistakes.push_back(e.file + ":" + std::to_string(e.line) +
                           (missed.empty() ? "" : ": missed" + missed) +
                           (extra.empty() ? "" : ": unexpected" + extra) + ": " + e.text);
      if (explained) {
        for (const Finding& f : findings) {
          r.mistakes.back() += explain(f, e.text);
        }
      }
    }
  }
  return r;
}

}  // namespace replyc::policy::corpus
