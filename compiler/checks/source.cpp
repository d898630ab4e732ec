#include "compiler/checks/source.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/base/utf8.hpp"
#include "compiler/diag/make.hpp"

namespace replyc::checks {
namespace {

void check_line_endings(FileId file, std::string_view text, std::vector<Diagnostic>& out) {
  std::size_t crlf = 0, lf = 0;
  std::uint32_t first_crlf = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n')
      continue;
    if (i > 0 && text[i - 1] == '\r') {
      if (crlf++ == 0)
        first_crlf = static_cast<std::uint32_t>(i - 1);
    } else {
      ++lf;
    }
  }
  if (crlf == 0)
    return;
  auto d = make_diagnostic(Code::CrlfLineEndings, {file, {first_crlf, first_crlf + 2}},
                           {lf == 0 ? "CRLF" : "mixed CRLF and LF"});
  if (lf > 0)
    d.severity = Severity::Warning;
  out.push_back(std::move(d));
}

// One finding per line at most: a file indented with tabs should not drown the output.
void check_characters(FileId file, std::string_view text, std::vector<Diagnostic>& out) {
  std::size_t line_start = 0;
  bool tab_reported = false, control_reported = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      // The limit does not count the line ending, "\r\n" included.
      const std::size_t length = i - line_start - (i > line_start && text[i - 1] == '\r' ? 1 : 0);
      if (length > kMaxLineBytes) {
        out.push_back(make_diagnostic(
            Code::LineTooLong,
            {file,
             {static_cast<std::uint32_t>(line_start), static_cast<std::uint32_t>(line_start + 1)}},
            {std::to_string(length), std::to_string(kMaxLineBytes)}));
      }
      line_start = i + 1;
      tab_reported = control_reported = false;
      continue;
    }
    const auto at = static_cast<std::uint32_t>(i);
    if (c == '\t' && !tab_reported) {
      tab_reported = true;
      const bool indentation = text.substr(line_start, i - line_start).find_first_not_of(" \t") ==
                               std::string_view::npos;
      auto d = make_diagnostic(
          Code::TabCharacter, {file, {at, at + 1}},
          {translated_arg(indentation ? NoteId::WordIndentation : NoteId::WordText)});
      d.fixes.push_back(make_fix(NoteId::ReplaceTabs, {}, {file, {at, at + 1}}, "    "));
      out.push_back(std::move(d));
    } else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
      if (!control_reported) {
        control_reported = true;
        out.push_back(make_diagnostic(Code::ControlCharacter, {file, {at, at + 1}},
                                      {fmt::format("{:04X}", c)}));
      }
    } else if (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n') && !control_reported) {
      control_reported = true;
      out.push_back(make_diagnostic(Code::ControlCharacter, {file, {at, at + 1}}, {"000D"}));
    }
  }
  if (text.size() - line_start > kMaxLineBytes) {
    out.push_back(make_diagnostic(
        Code::LineTooLong,
        {file,
         {static_cast<std::uint32_t>(line_start), static_cast<std::uint32_t>(line_start + 1)}},
        {std::to_string(text.size() - line_start), std::to_string(kMaxLineBytes)}));
  }
}

// "  # replyc: allow ..." looks like a suppression but is not one: indented, it continues the
// section above (and is sent to the buyer) or is a header comment.
void check_indented_suppressions(FileId file, std::string_view text, std::vector<Diagnostic>& out) {
  constexpr std::string_view kMarker = "# replyc:";
  for (std::size_t line = 0; line < text.size();) {
    const std::size_t end = std::min(text.find('\n', line), text.size());
    const std::size_t content = text.find_first_not_of(" \t", line);
    if (content > line && content < end && text.substr(content, kMarker.size()) == kMarker) {
      const auto begin = static_cast<std::uint32_t>(line);
      const auto marker = static_cast<std::uint32_t>(content);
      auto d =
          make_diagnostic(Code::IndentedSuppression,
                          {file, {marker, marker + static_cast<std::uint32_t>(kMarker.size())}});
      d.fixes.push_back(make_fix(NoteId::RemoveIndentation, {}, {file, {begin, marker}}, ""));
      out.push_back(std::move(d));
    }
    line = end + 1;
  }
}

}  // namespace

bool check_source(FileId file, std::string_view text, std::vector<Diagnostic>& out) {
  if (text.size() > kMaxFileBytes) {
    out.push_back(make_diagnostic(Code::FileTooLarge, {file, {0, 0}},
                                  {std::to_string(text.size()), std::to_string(kMaxFileBytes)}));
    return false;
  }
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    const auto at = static_cast<std::uint32_t>(nul);
    out.push_back(make_diagnostic(Code::BinaryFile, {file, {at, at + 1}}));
    return false;
  }
  if (const auto bad = utf8::find_invalid(text)) {
    const auto at = static_cast<std::uint32_t>(bad->offset);
    out.push_back(make_diagnostic(
        Code::InvalidUtf8, {file, {at, at + static_cast<std::uint32_t>(bad->length)}},
        {fmt::format("{:02X}", static_cast<unsigned char>(text[bad->offset]))}));
  }
  if (text.starts_with("\xEF\xBB\xBF")) {
    auto d = make_diagnostic(Code::ByteOrderMark, {file, {0, 3}});
    d.fixes.push_back(make_fix(NoteId::RemoveBom, {}, {file, {0, 3}}, ""));
    out.push_back(std::move(d));
  }
  check_line_endings(file, text, out);
  check_characters(file, text, out);
  check_indented_suppressions(file, text, out);
  bool too_long = false;
  for (const auto& d : out)
    too_long = too_long || (d.code == Code::LineTooLong && d.where.file == file);
  if (!text.empty() && text.back() != '\n') {
    const auto end = static_cast<std::uint32_t>(text.size());
    auto d = make_diagnostic(Code::MissingFinalNewline, {file, {end, end}});
    d.fixes.push_back(make_fix(NoteId::AddFinalNewline, {}, {file, {end, end}}, "\n"));
    out.push_back(std::move(d));
  }
  return !too_long;
}

}  // namespace replyc::checks
