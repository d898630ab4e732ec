#pragma once
// The open documents, exactly as the client holds them (bytes kept verbatim, CRLF included),
// with their versions and the position encoding negotiated at initialize.
// Not thread-safe: the server mutates and the backend reads it on the same thread.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/line_index.hpp"
#include "lsp/position.hpp"

namespace replyc::lsp {

class Document {
 public:
  Document(std::string uri, std::string language_id, std::int64_t version, std::string text);
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const std::string& uri() const { return uri_; }
  // Filesystem path of a file:// URI, empty for other schemes (e.g. "untitled:").
  const std::string& path() const { return path_; }
  const std::string& language_id() const { return language_id_; }
  std::int64_t version() const { return version_; }
  const std::string& text() const { return text_; }
  // Line starts of the current text (rebuilt on every change).
  const LineIndex& lines() const { return lines_; }

 private:
  friend class DocumentStore;
  void replace_text(std::string text);

  std::string uri_;
  std::string path_;
  std::string language_id_;
  std::int64_t version_;
  std::string text_;
  LineIndex lines_;
};

// One entry of didChange's contentChanges.
struct TextChange {
  std::optional<Range> range;  // absent: `text` replaces the whole document
  std::string text;
};

enum class EditStatus { kApplied, kNotOpen, kStaleVersion, kInvalidRange, kTooLarge };

struct EditResult {
  EditStatus status = EditStatus::kApplied;
  std::string message;  // why it was not applied (or a warning, e.g. a repeated didOpen)
  bool ok() const { return status == EditStatus::kApplied; }
};

class DocumentStore {
 public:
  explicit DocumentStore(PositionEncoding encoding = PositionEncoding::kUtf16)
      : encoding_(encoding) {}

  PositionEncoding encoding() const { return encoding_; }
  void set_encoding(PositionEncoding encoding) { encoding_ = encoding; }

  // The open document with exactly this URI, or nullptr.
  const Document* get(std::string_view uri) const;
  // All open documents, sorted by URI.
  std::vector<const Document*> documents() const;
  std::size_t size() const { return documents_.size(); }

  // didOpen. Opening an open URI replaces it (and says so in the message).
  EditResult open(std::string uri, std::string language_id, std::int64_t version, std::string text);
  // didChange: the changes apply in order, each to the result of the previous. All or nothing:
  // an invalid range leaves the document as it was. `version` must be greater than the current.
  EditResult change(std::string_view uri, std::int64_t version,
                    const std::vector<TextChange>& changes);
  // didClose.
  EditResult close(std::string_view uri);

  // Conversions in the negotiated encoding (see position.hpp for the clamping rules).
  std::uint32_t offset_at(const Document& document, Position position) const;
  Position position_at(const Document& document, std::uint32_t offset) const;
  Range range_of(const Document& document, std::uint32_t begin, std::uint32_t end) const;
  std::uint32_t offset_at(const LineIndex& lines, Position position) const;
  Position position_at(const LineIndex& lines, std::uint32_t offset) const;

  static std::optional<std::string> uri_to_path(std::string_view uri);
  static std::string path_to_uri(std::string_view path);

  // Applies `changes` to `text` as change() does (all or nothing).
  static EditResult apply(std::string& text, const std::vector<TextChange>& changes,
                          PositionEncoding encoding);

 private:
  PositionEncoding encoding_;
  std::map<std::string, std::unique_ptr<Document>, std::less<>> documents_;
};

}  // namespace replyc::lsp
