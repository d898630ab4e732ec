// Fuzz target: random sequences of didOpen / didChange / didClose against the language server's
// document store (lsp/document_store.hpp), checked against a simple model of the same edits.
//   byte 0: position encoding (even: UTF-16, odd: UTF-8); then operations until the input ends:
//   an operation byte (document in bits 0-1, kind in bits 2-3), then its fields.
// Invariants: the store holds exactly the model's text and version for every document; a change
// is applied entirely or not at all; line index and positions stay consistent with the text.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/utf8.hpp"
#include "lsp/document_store.hpp"
#include "tests/fuzz/entries.hpp"

namespace replyc::fuzz {
namespace {

using lsp::PositionEncoding;

struct Reader {
  const std::uint8_t* data;
  std::size_t size;
  std::size_t pos = 0;
  bool done() const { return pos >= size; }
  std::uint8_t byte() { return pos < size ? data[pos++] : 0; }
  std::string text() {
    const std::size_t length = byte() % 24;
    std::string result;
    for (std::size_t i = 0; i < length && !done(); ++i)
      result += static_cast<char>(byte());
    return result;
  }
};

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The documented conversion (lsp/position.hpp), written independently, for valid UTF-8.
std::uint32_t model_offset(std::string_view text, lsp::Position position,
                           PositionEncoding encoding) {
  std::size_t start = 0;
  for (std::uint32_t line = 0; line < position.line; ++line) {
    const auto newline = text.find('\n', start);
    if (newline == std::string_view::npos)
      return static_cast<std::uint32_t>(text.size());
    start = newline + 1;
  }
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos)
    end = text.size();
  else if (end > start && text[end - 1] == '\r')
    --end;
  const std::string_view content = text.substr(start, end - start);
  std::size_t column = 0;
  if (encoding == PositionEncoding::kUtf8) {
    column = std::min<std::size_t>(position.character, content.size());
    while (column > 0 && column < content.size() && is_continuation(content[column]))
      --column;
  } else {
    std::uint32_t units = 0;
    while (column < content.size() && units < position.character) {
      const auto lead = static_cast<unsigned char>(content[column]);
      const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
      units += length == 4 ? 2 : 1;
      column += length;
    }
  }
  return static_cast<std::uint32_t>(start + column);
}

struct ModelDocument {
  std::string text;
  std::int64_t version = 0;
};

const std::string kUris[] = {"file:///w/a.reply", "file:///w/b%20c.reply", "untitled:Untitled-1",
                             "file:///w/a.reply#"};

void check_document(const lsp::DocumentStore& store, const std::string& uri,
                    const ModelDocument& model, PositionEncoding encoding) {
  const lsp::Document* document = store.get(uri);
  REPLYC_FUZZ_CHECK(document != nullptr);
  REPLYC_FUZZ_CHECK(document->text() == model.text);
  REPLYC_FUZZ_CHECK(document->version() == model.version);
  const auto& text = document->text();
  const auto newlines = static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n'));
  REPLYC_FUZZ_CHECK(document->lines().line_count() == newlines + 1);
  // Every code point boundary maps to a position and back (but the '\n' of a "\r\n", which is
  // inside the line terminator: it maps back to the end of the line).
  const bool valid = !utf8::find_invalid(text).has_value();
  for (std::uint32_t offset = 0; offset <= text.size(); ++offset) {
    if (offset < text.size() && is_continuation(text[offset]))
      continue;
    const lsp::Position position = store.position_at(*document, offset);
    const std::uint32_t back = store.offset_at(*document, position);
    REPLYC_FUZZ_CHECK(back <= text.size());
    const bool crlf_newline =
        offset > 0 && offset < text.size() && text[offset] == '\n' && text[offset - 1] == '\r';
    if (valid && !crlf_newline)
      REPLYC_FUZZ_CHECK(back == offset);
    if (valid)
      REPLYC_FUZZ_CHECK(model_offset(text, position, encoding) == back);
  }
}

}  // namespace

int lsp_documents(const std::uint8_t* data, std::size_t size) {
  Reader in{data, size};
  const auto encoding = in.byte() % 2 ? PositionEncoding::kUtf8 : PositionEncoding::kUtf16;
  lsp::DocumentStore store(encoding);
  std::map<std::string, ModelDocument> model;
  std::size_t operations = 0;
  while (!in.done() && operations++ < 64) {
    const std::uint8_t op = in.byte();
    const std::string& uri = kUris[op & 3];
    const auto it = model.find(uri);
    switch ((op >> 2) & 3) {
      case 0: {  // didOpen
        const std::int64_t version = static_cast<std::int8_t>(in.byte());
        std::string text = in.text() + in.text();
        REPLYC_FUZZ_CHECK(store.open(uri, "reply", version, text).ok());
        model[uri] = {std::move(text), version};
        break;
      }
      case 1: {  // didClose
        const auto result = store.close(uri);
        REPLYC_FUZZ_CHECK(result.ok() == (it != model.end()));
        if (it != model.end())
          model.erase(it);
        break;
      }
      default: {  // didChange with up to four changes
        const std::int64_t version =
            (it == model.end() ? 0 : it->second.version) + static_cast<std::int8_t>(in.byte()) % 3;
        std::vector<lsp::TextChange> changes(1 + in.byte() % 4);
        for (auto& change : changes) {
          if (in.byte() % 8 != 0) {
            change.range =
                lsp::Range{{in.byte() % 6u, in.byte() % 20u}, {in.byte() % 6u, in.byte() % 20u}};
          }
          change.text = in.text();
        }
        const auto result = store.change(uri, version, changes);
        if (it == model.end()) {
          REPLYC_FUZZ_CHECK(result.status == lsp::EditStatus::kNotOpen);
          break;
        }
        if (version <= it->second.version) {
          REPLYC_FUZZ_CHECK(result.status == lsp::EditStatus::kStaleVersion);
          break;
        }
        // The model: in order, all or nothing.
        std::string text = it->second.text;
        bool valid = true;
        for (const auto& change : changes) {
          if (!change.range) {
            text = change.text;
            continue;
          }
          const auto [start, end] = *change.range;
          if (end < start) {
            valid = false;
            break;
          }
          const LineIndex lines(text);
          const std::uint32_t begin = lsp::offset_at(lines, start, encoding);
          const std::uint32_t finish = lsp::offset_at(lines, end, encoding);
          if (!utf8::find_invalid(text).has_value()) {
            REPLYC_FUZZ_CHECK(begin == model_offset(text, start, encoding));
            REPLYC_FUZZ_CHECK(finish == model_offset(text, end, encoding));
          }
          if (finish < begin) {
            valid = false;
            break;
          }
          text.replace(begin, finish - begin, change.text);
        }
        REPLYC_FUZZ_CHECK(result.ok() == valid);
        if (valid)
          it->second = {std::move(text), version};
        else
          REPLYC_FUZZ_CHECK(result.status == lsp::EditStatus::kInvalidRange);
        break;
      }
    }
    for (const auto& [name, document] : model)
      check_document(store, name, document, encoding);
    REPLYC_FUZZ_CHECK(store.size() == model.size());
  }
  return 0;
}

}  // namespace replyc::fuzz
