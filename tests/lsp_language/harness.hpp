#pragma once
// A small scripted LSP client for the language backend: it keeps the documents in a
// DocumentStore exactly as the server does, publishes what the backend returns after every
// notification (dropping stale versions as the server does), and applies WorkspaceEdits as
// incremental didChange notifications.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compiler/cli/lsp_command.hpp"
#include "lsp/document_store.hpp"
#include "lsp/language/language_backend.hpp"

namespace replyc::lsp::test {

inline constexpr const char* kToday = "2026-03-01";

// A folder under the system temp folder, removed at the end of the test.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `relative` (creating folders) and returns its absolute path.
  std::filesystem::path write(const std::string& relative, const std::string& text) const;
  std::string uri(const std::string& relative) const;

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);
std::string source_dir();

// The backend exactly as `replyc lsp --today 2026-03-01` sets it up (policy pass included).
language::BackendOptions replyc_lsp_options();

struct ClientOptions {
  PositionEncoding encoding = PositionEncoding::kUtf16;
  std::string workspace_root;  // empty: none
  nlohmann::json initialization_options = {{"messageLanguage", "en"}};
  language::BackendOptions backend = replyc_lsp_options();
};

class Client {
 public:
  explicit Client(ClientOptions options = {});

  language::LanguageBackend& backend() { return backend_; }
  DocumentStore& store() { return store_; }

  void open(const std::string& uri, const std::string& text, std::int64_t version = 1);
  // didChange with these contentChanges (LSP JSON), at the next version.
  void change(const std::string& uri, const nlohmann::json& changes);
  void change_full(const std::string& uri, const std::string& text);
  void close(const std::string& uri);
  void save(const std::string& uri);
  void configuration(const nlohmann::json& settings);
  void watched_files(const nlohmann::json& changes);
  // Applies a WorkspaceEdit ({"changes": {uri: [TextEdit]}}) to open documents.
  void apply(const nlohmann::json& workspace_edit);
  const std::string& text(const std::string& uri) const;

  // The last published diagnostics of `uri` (an empty array if none were published).
  nlohmann::json diagnostics(const std::string& uri) const;
  std::vector<std::string> codes(const std::string& uri) const;
  // Every publishDiagnostics params, in order.
  const std::vector<nlohmann::json>& published() const { return published_; }
  void clear_published() { published_.clear(); }

  // Requests, with params built from a uri and a position (line, character).
  nlohmann::json hover(const std::string& uri, std::uint32_t line, std::uint32_t character);
  nlohmann::json completion(const std::string& uri, std::uint32_t line, std::uint32_t character);
  nlohmann::json definition(const std::string& uri, std::uint32_t line, std::uint32_t character);
  nlohmann::json references(const std::string& uri, std::uint32_t line, std::uint32_t character,
                            bool include_declaration = true);
  nlohmann::json prepare_rename(const std::string& uri, std::uint32_t line,
                                std::uint32_t character);
  nlohmann::json rename(const std::string& uri, std::uint32_t line, std::uint32_t character,
                        const std::string& new_name);
  nlohmann::json symbols(const std::string& uri);
  nlohmann::json code_actions(const std::string& uri, const nlohmann::json& range,
                              const nlohmann::json& diagnostics = nlohmann::json::array(),
                              const nlohmann::json& only = nullptr);

  // Position (LSP JSON) of the `nth` occurrence of `needle` in the document (plus `shift` bytes).
  nlohmann::json position_of(const std::string& uri, const std::string& needle, int nth = 0,
                             std::uint32_t shift = 0) const;
  Position pos(const std::string& uri, const std::string& needle, int nth = 0,
               std::uint32_t shift = 0) const;

 private:
  void publish(const std::string& uri);

  DocumentStore store_;
  language::LanguageBackend backend_;
  std::vector<nlohmann::json> published_;
  std::map<std::string, nlohmann::json> latest_;
};

// Text of `range` (LSP JSON) in `text` with the given encoding.
std::string slice(const std::string& text, const nlohmann::json& range, PositionEncoding encoding);

}  // namespace replyc::lsp::test
