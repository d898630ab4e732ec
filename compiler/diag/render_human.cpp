#include <fmt/format.h>

#include <algorithm>

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

// The line as printed: tabs expanded to the next multiple of four, like display_column counts.
std::string expand_tabs(std::string_view line) {
  std::string out;
  std::uint32_t cells = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\t') {
      const std::uint32_t next = (cells / 4 + 1) * 4;
      out.append(next - cells, ' ');
      cells = next;
      continue;
    }
    out += line[i];
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80)
      ++cells;  // close enough for tabs
  }
  return out;
}

void render_snippet(std::string& out, const Location& where, const SourceManager& sources,
                    const HumanStyle& style, char marker, std::string_view color) {
  const auto& file = sources.file(where.file);
  const auto start = file.lines.locate(where.range.begin);
  out += fmt::format("{}{} {}:{}:{}\n", std::string(1, ' '), paint("-->", kBlue, style),
                     file.display_name, start.line, start.column);
  const std::uint32_t line_index = start.line - 1;
  const std::string_view line = file.lines.line_text(line_index);
  const std::string number = std::to_string(start.line);
  const std::string gutter(number.size(), ' ');
  const std::uint32_t line_begin = file.lines.line_start(line_index);
  const std::uint32_t end_in_line = std::min<std::uint32_t>(
      where.range.end - line_begin, static_cast<std::uint32_t>(line.size()));
  const std::uint32_t from = display_column(line, start.byte_column);
  const std::uint32_t to = display_column(line, std::max(end_in_line, start.byte_column));
  const std::uint32_t width = std::max<std::uint32_t>(1, to - from);
  out += fmt::format("{} {}\n", gutter, paint("|", kBlue, style));
  out += fmt::format("{} {} {}\n", paint(number, kBlue, style), paint("|", kBlue, style),
                     expand_tabs(line));
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
  if (diagnostic.where.valid()) {
    render_snippet(out, diagnostic.where, sources, style, '^', color);
  }
  for (const auto& note : diagnostic.notes) {
    const std::string text = format_message(note.message, style.language);
    if (note.where.valid()) {
      out += fmt::format("{}: {}\n", paint("note", kCyan, style), text);
      render_snippet(out, note.where, sources, style, '-', kBlue);
    } else {
      out +=
          fmt::format("  {} {}: {}\n", paint("=", kBlue, style), paint("note", kBold, style), text);
    }
  }
  for (const auto& fix : diagnostic.fixes) {
    out += fmt::format("  {} {}: {}\n", paint("=", kBlue, style), paint("help", kGreen, style),
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
