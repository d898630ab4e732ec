#include "lsp/document_store.hpp"

#include <fmt/format.h>

#include <limits>
#include <utility>

#include "lsp/uri.hpp"

namespace replyc::lsp {

namespace {

constexpr std::size_t kMaxText = std::numeric_limits<std::uint32_t>::max();

std::string describe(Position position) {
  return fmt::format("{}:{}", position.line, position.character);
}

}  // namespace

Document::Document(std::string uri, std::string language_id, std::int64_t version, std::string text)
    : uri_(std::move(uri)),
      path_(lsp::uri_to_path(uri_).value_or("")),
      language_id_(std::move(language_id)),
      version_(version),
      text_(std::move(text)),
      lines_(text_) {}

void Document::replace_text(std::string text) {
  text_ = std::move(text);
  lines_ = LineIndex(text_);
}

const Document* DocumentStore::get(std::string_view uri) const {
  const auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : it->second.get();
}

std::vector<const Document*> DocumentStore::documents() const {
  std::vector<const Document*> result;
  result.reserve(documents_.size());
  for (const auto& [uri, document] : documents_)
    result.push_back(document.get());
  return result;
}

EditResult DocumentStore::open(std::string uri, std::string language_id, std::int64_t version,
                               std::string text) {
  if (text.size() > kMaxText) {
    return {EditStatus::kTooLarge, fmt::format("{}: document too large", uri)};
  }
  EditResult result;
  if (documents_.contains(uri))
    result.message = fmt::format("{}: opened again", uri);
  auto document = std::make_unique<Document>(uri, std::move(language_id), version, std::move(text));
  documents_[std::move(uri)] = std::move(document);
  return result;
}

EditResult DocumentStore::change(std::string_view uri, std::int64_t version,
                                 const std::vector<TextChange>& changes) {
  const auto it = documents_.find(uri);
  if (it == documents_.end()) {
    return {EditStatus::kNotOpen, fmt::format("{}: change to a document that is not open", uri)};
  }
  Document& document = *it->second;
  if (version <= document.version_) {
    return {EditStatus::kStaleVersion,
            fmt::format("{}: ignored change to version {}, the document is at version {}", uri,
                        version, document.version_)};
  }
  std::string text = document.text_;
  EditResult result = apply(text, changes, encoding_);
  if (!result.ok()) {
    result.message = fmt::format("{}: {}", uri, result.message);
    return result;
  }
  document.replace_text(std::move(text));
  document.version_ = version;
  return result;
}

EditResult DocumentStore::close(std::string_view uri) {
  const auto it = documents_.find(uri);
  if (it == documents_.end()) {
    return {EditStatus::kNotOpen, fmt::format("{}: close of a document that is not open", uri)};
  }
  documents_.erase(it);
  return {};
}

EditResult DocumentStore::apply(std::string& text, const std::vector<TextChange>& changes,
                                PositionEncoding encoding) {
  std::string working = text;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const TextChange& change = changes[i];
    if (!change.range) {
      if (change.text.size() > kMaxText)
        return {EditStatus::kTooLarge, "document too large"};
      working = change.text;
      continue;
    }
    const Range range = *change.range;
    if (range.end < range.start) {
      return {EditStatus::kInvalidRange,
              fmt::format("change {}: range end {} is before its start {}", i + 1,
                          describe(range.end), describe(range.start))};
    }
    const LineIndex lines(working);
    const std::uint32_t begin = lsp::offset_at(lines, range.start, encoding);
    const std::uint32_t end = lsp::offset_at(lines, range.end, encoding);
    if (end < begin) {
      return {EditStatus::kInvalidRange,
              fmt::format("change {}: range {}-{} is reversed in the text", i + 1,
                          describe(range.start), describe(range.end))};
    }
    if (working.size() - (end - begin) + change.text.size() > kMaxText) {
      return {EditStatus::kTooLarge, "document too large"};
    }
    working.replace(begin, end - begin, change.text);
  }
  text = std::move(working);
  return {};
}

std::uint32_t DocumentStore::offset_at(const Document& document, Position position) const {
  return lsp::offset_at(document.lines(), position, encoding_);
}

Position DocumentStore::position_at(const Document& document, std::uint32_t offset) const {
  return lsp::position_at(document.lines(), offset, encoding_);
}

Range DocumentStore::range_of(const Document& document, std::uint32_t begin,
                              std::uint32_t end) const {
  return Range{position_at(document, begin), position_at(document, end)};
}

std::uint32_t DocumentStore::offset_at(const LineIndex& lines, Position position) const {
  return lsp::offset_at(lines, position, encoding_);
}

Position DocumentStore::position_at(const LineIndex& lines, std::uint32_t offset) const {
  return lsp::position_at(lines, offset, encoding_);
}

std::optional<std::string> DocumentStore::uri_to_path(std::string_view uri) {
  return lsp::uri_to_path(uri);
}

std::string DocumentStore::path_to_uri(std::string_view path) {
  return lsp::path_to_uri(path);
}

}  // namespace replyc::lsp
