// libFuzzer target: incremental edits. The input is read as a document text followed by edits
// (a range of four numbers and a text each); they are applied in both position encodings.
// Invariants: no crash, and valid UTF-8 stays valid UTF-8 (edits never split a character).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/base/utf8.hpp"
#include "lsp/document_store.hpp"

namespace {

struct Reader {
  const std::uint8_t* data;
  std::size_t size;
  std::size_t pos = 0;
  bool done() const { return pos >= size; }
  std::uint8_t byte() { return pos < size ? data[pos++] : 0; }
  std::string text() {
    const std::size_t length = byte() % 16;
    std::string result;
    for (std::size_t i = 0; i < length && !done(); ++i)
      result += static_cast<char>(byte());
    return result;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Reader reader{data, size};
  const std::string initial = reader.text() + reader.text() + reader.text();
  std::vector<replyc::lsp::TextChange> changes;
  while (!reader.done() && changes.size() < 64) {
    replyc::lsp::TextChange change;
    if (reader.byte() % 16 != 0) {
      change.range = replyc::lsp::Range{{reader.byte() % 8u, reader.byte() % 24u},
                                        {reader.byte() % 8u, reader.byte() % 24u}};
    }
    change.text = reader.text();
    changes.push_back(std::move(change));
  }
  for (const auto encoding :
       {replyc::lsp::PositionEncoding::kUtf8, replyc::lsp::PositionEncoding::kUtf16}) {
    bool valid = !replyc::utf8::find_invalid(initial).has_value();
    std::string text = initial;
    for (const auto& change : changes) {
      valid = valid && !replyc::utf8::find_invalid(change.text).has_value();
      const auto result = replyc::lsp::DocumentStore::apply(text, {change}, encoding);
      if (result.status == replyc::lsp::EditStatus::kApplied && valid &&
          replyc::utf8::find_invalid(text).has_value()) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
