#include <fmt/format.h>

#include <algorithm>

#include "compiler/base/utf8.hpp"
#include "compiler/diag/catalog.hpp"
#include "compiler/diag/render.hpp"

namespace replyc {
namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kYellow = "\x1b[1;33m";
constexpr std::string_view kCyan = "\x1b[1;36m";
constexpr std::string_view kBlue = "\x1b[1;34m";
constexpr std::string_view kGreen = "\x1b[1;32m";

std::string paint(std::string_view text, std::string_view color, const HumanStyle& style) {
  if (!style.color)
    return std::string(text);
  return fmt::format("{}{}{}", color, text, kReset);
}

std::string_view severity_color(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return kRed;
    case Severity::Warning:
      return kYellow;
    case Severity::Note:
      return kCyan;
  }
  return kRed;
}

// The line as printed: tabs expanded to the next multiple of four (as display_column counts),
// control characters shown as their Control Pictures and bytes that are not UTF-8 as U+FFFD, so
// that the terminal shows exactly as many cells as display_column counted.
std::string printable_line(std::string_view line) {
  std::string out;
  std::uint32_t cells = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    const std::size_t before = i;
    const char32_t cp = utf8::decode(line, i);
    const bool invalid = i - before == 1 && cp >= 0x80;
    if (invalid) {
      out += "\xEF\xBF\xBD";
      ++cells;
    } else if (cp == '\t') {
      const std::uint32_t next = (cells / 4 + 1) * 4;
      out.append(next - cells, ' ');
      cells = next;
    } else if (cp < 0x20 || cp == 0x7F) {
      utf8::append(out, cp == 0x7F ? char32_t{0x2421} : char32_t{0x2400} + cp);
      ++cells;
    } else {
      utf8::append(out, cp);
      cells += static_cast<std::uint32_t>(utf8::display_width(cp));
    }
  }
  return out;
}

std::size_t line_number_width(const Location& where, const SourceManager& sources) {
  if (!where.valid())
    return 1;
  const auto& file = sources.file(where.file);
  return std::to_string(file.lines.line_of(where.range.begin) + 1).size();
}

void render_snippet(std::string& out, const Location& where, const SourceManager& sources,
                    const HumanStyle& style, char marker, std::string_view color,
                    std::size_t gutter_width) {
  const auto& file = sources.file(where.file);
  const auto start = file.lines.locate(where.range.begin);
  const std::string gutter(gutter_width, ' ');
  out += fmt::format("{}{} {}:{}:{}\n", gutter, paint("-->", kBlue, style), file.display_name,
                     start.line, start.column);
  const std::uint32_t line_index = start.line - 1;
  const std::string_view line = file.lines.line_text(line_index);
  std::string number = std::to_string(start.line);
  number.insert(0, gutter_width - number.size(), ' ');
  const std::uint32_t line_begin = file.lines.line_start(line_index);
  const std::uint32_t end_in_line = std::min<std::uint32_t>(
      where.range.end - line_begin, static_cast<std::uint32_t>(line.size()));
  const std::uint32_t from = display_column(line, start.byte_column);
  const std::uint32_t to = display_column(line, std::max(end_in_line, start.byte_column));
  const std::uint32_t width = std::max<std::uint32_t>(1, to - from);
  out += fmt::format("{} {}\n", gutter, paint("|", kBlue, style));
  out += fmt::format("{} {} {}\n", paint(number, kBlue, style), paint("|", kBlue, style),
                     printable_line(line));
  out += fmt::format("{} {} {}{}\n", gutter, paint("|", kBlue, style), std::string(from, ' '),
                     paint(std::string(width, marker), color, style));
}

}  // namespace

std::string render_human(const Diagnostic& diagnostic, const SourceManager& sources,
                         const HumanStyle& style) {
  const auto& entry = info(diagnostic.code);
  std::string out;
  const std::string_view color = severity_color(diagnostic.severity);
  std::string header = fmt::format("{}[{}]", severity_name(diagnostic.severity), entry.id);
  if (!diagnostic.rule.empty())
    header += fmt::format("[{}]", diagnostic.rule);
  out += fmt::format("{}{}\n", paint(header, color, style),
                     paint(": " + format_message(diagnostic, style.language), kBold, style));
  // One gutter width for the whole diagnostic, so that every `|` lines up.
  std::size_t width = line_number_width(diagnostic.where, sources);
  for (const auto& note : diagnostic.notes)
    width = std::max(width, line_number_width(note.where, sources));
  const std::string pad(width + 1, ' ');
  if (diagnostic.where.valid()) {
    render_snippet(out, diagnostic.where, sources, style, '^', color, width);
  }
  for (const auto& note : diagnostic.notes) {
    const std::string text = format_message(note.message, style.language);
    if (note.where.valid()) {
      out += fmt::format("{}: {}\n", paint("note", kCyan, style), text);
      render_snippet(out, note.where, sources, style, '-', kBlue, width);
    } else {
      out += fmt::format("{}{} {}: {}\n", pad, paint("=", kBlue, style),
                         paint("note", kBold, style), text);
    }
  }
  for (const auto& fix : diagnostic.fixes) {
    out += fmt::format("{}{} {}: {}\n", pad, paint("=", kBlue, style), paint("help", kGreen, style),
                       format_message(fix.label, style.language));
  }
  return out;
}

Summary summarize(const std::vector<Diagnostic>& diagnostics, std::size_t files) {
  Summary summary;
  summary.files = files;
  for (const auto& d : diagnostics) {
    switch (d.severity) {
      case Severity::Error:
        ++summary.errors;
        break;
      case Severity::Warning:
        ++summary.warnings;
        break;
      case Severity::Note:
        ++summary.notes;
        break;
    }
  }
  return summary;
}

std::string render_summary(const Summary& s, const HumanStyle& style) {
  if (style.language == UiLanguage::Chinese) {
    return fmt::format("已检查 {} 个文件：{} 个错误，{} 个警告，{} 个提示\n", s.files, s.errors,
                       s.warnings, s.notes);
  }
  auto plural = [](std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  return fmt::format("checked {}: {}, {}, {}\n", plural(s.files, "file"), plural(s.errors, "error"),
                     plural(s.warnings, "warning"), plural(s.notes, "note"));
}

}  // namespace replyc
