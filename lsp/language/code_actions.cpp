// textDocument/codeAction: the compiler's fixes as quick fixes, "add suppression with reason",
// fix-all for one rule, and source.fixAll.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "compiler/diag/catalog.hpp"
#include "compiler/diag/docs.hpp"
#include "lsp/language/features.hpp"
#include "lsp/language/syntax.hpp"
#include "lsp/params.hpp"

namespace replyc::lsp::language {

using nlohmann::json;

namespace {

constexpr std::string_view kQuickFix = "quickfix";
constexpr std::string_view kFixAll = "source.fixAll";

// Whether the client asked for actions of `kind` (context.only absent: every kind).
bool wanted(const json& only, std::string_view kind) {
  if (!only.is_array())
    return true;
  for (const json& entry : only) {
    if (!entry.is_string())
      continue;
    const std::string& prefix = entry.get_ref<const std::string&>();
    if (kind == prefix ||
        (kind.starts_with(prefix) && kind.size() > prefix.size() && kind[prefix.size()] == '.'))
      return true;
  }
  return false;
}

struct SimpleEdit {
  std::uint32_t begin, end;
  std::string text;
  json lsp;  // {range, newText}
};

// The first fix of a diagnostic that is one edit in this document, or nullopt.
std::optional<SimpleEdit> single_edit(const RequestContext& context, const Diagnostic& d,
                                      bool safe_only) {
  for (const Fix& fix : d.fixes) {
    if (fix.edits.size() != 1)
      continue;
    const Edit& edit = fix.edits.front();
    if (context.project.uri_of(edit.where.file) != context.document.uri())
      continue;
    // These insert skeletons the author must complete; not something to apply unseen.
    if (safe_only && (fix.label.id == NoteId::DeclareParam || fix.label.id == NoteId::AddSection ||
                      fix.label.id == NoteId::InsertField || fix.label.id == NoteId::AddReason))
      continue;
    // Removing a declaration is a decision, and another fix may be about to use it.
    if (safe_only && d.code == Code::UnusedParam)
      continue;
    SimpleEdit result{edit.where.range.begin, edit.where.range.end, edit.replacement, json()};
    result.lsp = {{"range", range_json(context.source, edit.where.range, context.encoding)},
                  {"newText", valid_utf8(edit.replacement)}};
    return result;
  }
  return std::nullopt;
}

// Keeps edits that neither overlap nor repeat one already kept, in document order.
json non_overlapping(std::vector<SimpleEdit> edits) {
  std::stable_sort(edits.begin(), edits.end(), [](const SimpleEdit& a, const SimpleEdit& b) {
    return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
  });
  json kept = json::array();
  const SimpleEdit* last = nullptr;
  std::set<std::string> inserted_here;  // texts inserted at last's (empty) range
  for (const SimpleEdit& edit : edits) {
    if (last != nullptr && edit.begin == last->begin && edit.end == last->end) {
      if (edit.begin == edit.end && !inserted_here.contains(edit.text)) {
        // Two insertions at one point (e.g. two params to declare): one edit, in order.
        kept.back()["newText"] = kept.back()["newText"].get<std::string>() + valid_utf8(edit.text);
        inserted_here.insert(edit.text);
      }
      continue;  // the same fix again, or a second replacement of the same text
    }
    if (last != nullptr && edit.begin < last->end)
      continue;  // overlapping
    kept.push_back(edit.lsp);
    last = &edit;
    inserted_here = {edit.text};
  }
  return kept;
}

std::string line_ending(std::string_view text) {
  const auto newline = text.find('\n');
  return newline != std::string_view::npos && newline > 0 && text[newline - 1] == '\r' ? "\r\n"
                                                                                       : "\n";
}

// Where `# replyc: allow` goes for a finding at `offset`: above its section, else above its
// block; nullopt when no suppression can cover it.
std::optional<std::uint32_t> suppression_point(const ast::File& file, std::uint32_t offset,
                                               std::string_view text) {
  for (const auto& block : file.blocks) {
    for (const auto& locale : block.locales) {
      for (const auto& section : locale.sections) {
        if (section.range.begin <= offset && offset <= section.range.end)
          return section.range.begin;
      }
    }
  }
  for (const auto& block : file.blocks) {
    if (block.range.begin <= offset && offset <= block.range.end) {
      std::uint32_t at = block.keyword_range.begin;
      while (at > 0 && text[at - 1] != '\n')
        --at;
      return at;
    }
  }
  return std::nullopt;
}

json workspace_edit(const std::string& uri, json edits) {
  return {{"changes", {{uri, std::move(edits)}}}};
}

}  // namespace

bool suppression_makes_sense(Code code) {
  switch (code) {
    case Code::InvalidUtf8:
    case Code::BinaryFile:
    case Code::SyntaxError:
    case Code::SuppressionWithoutReason:
    case Code::UnusedSuppression:
    case Code::UnknownRule:
      return false;  // these cannot be suppressed at all
    default:
      break;
  }
  const auto doc = diagnostic_doc(info(code).id);
  if (!doc)
    return false;
  const auto heading = doc->find("## Suppressing");
  if (heading == std::string_view::npos)
    return false;
  std::string_view rest = doc->substr(heading + std::string_view("## Suppressing").size());
  while (!rest.empty() && (rest.front() == '\n' || rest.front() == '\r' || rest.front() == ' '))
    rest.remove_prefix(1);
  for (std::string_view refusal : {"Not appropriate", "Not worth", "Not recommended",
                                   "This finding cannot", "Syntax errors cannot"}) {
    if (rest.starts_with(refusal))
      return false;
  }
  return true;
}

json code_actions(const RequestContext& context, const json& params,
                  const std::vector<Converted>& diagnostics) {
  const std::string& uri = context.document.uri();
  const Range range = parse_range(params.at("range"), "params.range");
  const std::uint32_t begin = context.store.offset_at(context.document, range.start);
  const std::uint32_t end = context.store.offset_at(context.document, range.end);
  json only = nullptr;
  std::vector<json> client_diagnostics;
  if (const auto ctx = params.find("context"); ctx != params.end() && ctx->is_object()) {
    only = ctx->value("only", json(nullptr));
    if (const auto list = ctx->find("diagnostics"); list != ctx->end() && list->is_array())
      client_diagnostics.assign(list->begin(), list->end());
  }
  const bool quick = wanted(only, kQuickFix);
  const bool fix_all = wanted(only, kFixAll);

  // The diagnostics the request is about: those touching the range, and those the client names.
  std::vector<const Converted*> selected;
  for (const Converted& item : diagnostics) {
    const ByteRange where = item.diagnostic->where.range;
    bool pick = where.begin <= end && begin <= where.end;
    for (const json& named : client_diagnostics) {
      if (named.is_object() && named.value("code", json()) == item.lsp["code"] &&
          named.value("range", json()) == item.lsp["range"])
        pick = true;
    }
    if (pick)
      selected.push_back(&item);
  }

  json actions = json::array();
  if (quick) {
    std::set<Code> fix_all_offered;
    for (const Converted* item : selected) {
      const Diagnostic& d = *item->diagnostic;
      for (const Fix& fix : d.fixes) {
        json edits = fix_edits(context.project, fix, context.encoding);
        if (edits.empty())
          continue;
        json changes = json::object();
        for (json& edit : edits) {
          const std::string edit_uri = edit["uri"].get<std::string>();
          edit.erase("uri");
          changes[edit_uri].push_back(std::move(edit));
        }
        json action = {{"title", valid_utf8(format_message(fix.label, context.language))},
                       {"kind", kQuickFix},
                       {"diagnostics", json::array({item->lsp})},
                       {"edit", {{"changes", std::move(changes)}}}};
        if (is_preferred(d, fix))
          action["isPreferred"] = true;
        actions.push_back(std::move(action));
      }

      if (suppression_makes_sense(d.code)) {
        const auto at =
            suppression_point(context.module.ast, d.where.range.begin, context.source.text);
        if (at) {
          const std::string name = d.rule.empty() ? std::string(info(d.code).name) : d.rule;
          const std::string reason = std::string(
              tr(context.language, "explain why this is acceptable", "说明为何可以接受"));
          const std::string line = fmt::format("# replyc: allow {} -- {}{}", name, reason,
                                               line_ending(context.source.text));
          const json position = to_json(position_at(context.source.lines, *at, context.encoding));
          json edit = {{"range", {{"start", position}, {"end", position}}}, {"newText", line}};
          actions.push_back(
              {{"title", fmt::format(fmt::runtime(std::string(tr(context.language,
                                                                 "Suppress {} here (with a reason)",
                                                                 "在此处豁免 {}（附理由）"))),
                                     name)},
               {"kind", kQuickFix},
               {"diagnostics", json::array({item->lsp})},
               {"edit", workspace_edit(uri, json::array({std::move(edit)}))}});
        }
      }

      // Fix all findings of this code in the document, when there is more than one.
      if (fix_all_offered.contains(d.code))
        continue;
      std::vector<SimpleEdit> edits;
      json covered = json::array();
      for (const Converted& other : diagnostics) {
        if (other.diagnostic->code != d.code)
          continue;
        if (auto edit = single_edit(context, *other.diagnostic, false)) {
          edits.push_back(std::move(*edit));
          covered.push_back(other.lsp);
        }
      }
      if (edits.size() < 2)
        continue;
      fix_all_offered.insert(d.code);
      json kept = non_overlapping(std::move(edits));
      actions.push_back(
          {{"title", fmt::format(fmt::runtime(std::string(
                                     tr(context.language, "Fix all '{}' problems in this file ({})",
                                        "修复此文件中所有“{}”问题（{} 处）"))),
                                 info(d.code).name, kept.size())},
           {"kind", kQuickFix},
           {"diagnostics", std::move(covered)},
           {"edit", workspace_edit(uri, std::move(kept))}});
    }
  }

  if (fix_all) {
    std::vector<SimpleEdit> edits;
    json covered = json::array();
    for (const Converted& item : diagnostics) {
      if (auto edit = single_edit(context, *item.diagnostic, true)) {
        edits.push_back(std::move(*edit));
        covered.push_back(item.lsp);
      }
    }
    if (!edits.empty()) {
      actions.push_back(
          {{"title", std::string(tr(context.language, "Fix all auto-fixable problems (replyc)",
                                    "修复所有可自动修复的问题（replyc）"))},
           {"kind", kFixAll},
           {"diagnostics", std::move(covered)},
           {"edit", workspace_edit(uri, non_overlapping(std::move(edits)))}});
    }
  }
  return actions;
}

}  // namespace replyc::lsp::language
