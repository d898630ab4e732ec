#include "harness.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "lsp/params.hpp"
#include "lsp/uri.hpp"

namespace replyc::lsp::test {

using nlohmann::json;
namespace fs = std::filesystem;

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          ("replyc-lsp-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
  path_ = fs::canonical(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path TempDir::write(const std::string& relative, const std::string& text) const {
  const fs::path file = path_ / relative;
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  return file;
}

std::string TempDir::uri(const std::string& relative) const {
  return path_to_uri((path_ / relative).generic_string());
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

language::BackendOptions replyc_lsp_options() {
  cli::CommonOptions common;
  common.today = kToday;
  return cli::lsp_backend_options(common);
}

std::string source_dir() {
  return REPLYC_SOURCE_DIR;
}

Client::Client(ClientOptions options)
    : store_(options.encoding), backend_(std::move(options.backend)) {
  json capabilities = {
      {"general", {{"positionEncodings", {encoding_name(options.encoding)}}}},
      {"textDocument", {{"hover", {{"contentFormat", {"markdown", "plaintext"}}}}}}};
  backend_.set_client_capabilities(capabilities);
  backend_.initialize(options.initialization_options, options.workspace_root);
}

void Client::publish(const std::string& uri) {
  for (json& params : backend_.diagnostics(store_, uri)) {
    const std::string target = params.at("uri").get<std::string>();
    const Document* document = store_.get(target);
    REQUIRE(document != nullptr);  // never published for a document that is not open
    if (params.contains("version") && params["version"] != document->version())
      continue;  // stale: the server drops it too
    latest_[target] = params;
    published_.push_back(std::move(params));
  }
}

void Client::open(const std::string& uri, const std::string& text, std::int64_t version) {
  REQUIRE(store_.open(uri, "reply", version, text).ok());
  publish(uri);
}

void Client::change(const std::string& uri, const json& changes) {
  const Document* document = store_.get(uri);
  REQUIRE(document != nullptr);
  const auto result = store_.change(uri, document->version() + 1, parse_content_changes(changes));
  INFO(result.message);
  REQUIRE(result.ok());
  publish(uri);
}

void Client::change_full(const std::string& uri, const std::string& text) {
  change(uri, json::array({{{"text", text}}}));
}

void Client::close(const std::string& uri) {
  REQUIRE(store_.close(uri).ok());
  latest_.erase(uri);
  publish(uri);
}

void Client::save(const std::string& uri) {
  publish(uri);
}

void Client::configuration(const json& settings) {
  backend_.configuration_changed(settings);
  publish("");
}

void Client::watched_files(const json& changes) {
  backend_.watched_files_changed({{"changes", changes}});
  publish("");
}

void Client::apply(const json& workspace_edit) {
  for (const auto& [uri, edits] : workspace_edit.at("changes").items()) {
    const Document* document = store_.get(uri);
    REQUIRE(document != nullptr);
    // TextEdits all refer to the original text: apply them last to first.
    std::vector<std::pair<std::uint32_t, json>> ordered;
    for (const json& edit : edits) {
      const Position start = parse_position(edit.at("range").at("start"));
      ordered.emplace_back(store_.offset_at(*document, start), edit);
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    json changes = json::array();
    for (const auto& [offset, edit] : ordered)
      changes.push_back({{"range", edit.at("range")}, {"text", edit.at("newText")}});
    change(uri, changes);
  }
}

const std::string& Client::text(const std::string& uri) const {
  const Document* document = store_.get(uri);
  REQUIRE(document != nullptr);
  return document->text();
}

json Client::diagnostics(const std::string& uri) const {
  const auto it = latest_.find(uri);
  return it == latest_.end() ? json::array() : it->second.at("diagnostics");
}

std::vector<std::string> Client::codes(const std::string& uri) const {
  std::vector<std::string> result;
  for (const json& d : diagnostics(uri))
    result.push_back(d.at("code").get<std::string>());
  return result;
}

namespace {

json at(const std::string& uri, std::uint32_t line, std::uint32_t character) {
  return {{"textDocument", {{"uri", uri}}},
          {"position", {{"line", line}, {"character", character}}}};
}

}  // namespace

json Client::hover(const std::string& uri, std::uint32_t line, std::uint32_t character) {
  return backend_.hover(store_, at(uri, line, character));
}

json Client::completion(const std::string& uri, std::uint32_t line, std::uint32_t character) {
  return backend_.completion(store_, at(uri, line, character));
}

json Client::definition(const std::string& uri, std::uint32_t line, std::uint32_t character) {
  return backend_.definition(store_, at(uri, line, character));
}

json Client::references(const std::string& uri, std::uint32_t line, std::uint32_t character,
                        bool include_declaration) {
  json params = at(uri, line, character);
  params["context"] = {{"includeDeclaration", include_declaration}};
  return backend_.references(store_, params);
}

json Client::prepare_rename(const std::string& uri, std::uint32_t line, std::uint32_t character) {
  return backend_.prepare_rename(store_, at(uri, line, character));
}

json Client::rename(const std::string& uri, std::uint32_t line, std::uint32_t character,
                    const std::string& new_name) {
  json params = at(uri, line, character);
  params["newName"] = new_name;
  return backend_.rename(store_, params);
}

json Client::symbols(const std::string& uri) {
  return backend_.document_symbols(store_, {{"textDocument", {{"uri", uri}}}});
}

json Client::code_actions(const std::string& uri, const json& range, const json& diagnostics,
                          const json& only) {
  json context = {{"diagnostics", diagnostics}};
  if (!only.is_null())
    context["only"] = only;
  return backend_.code_actions(
      store_, {{"textDocument", {{"uri", uri}}}, {"range", range}, {"context", context}});
}

Position Client::pos(const std::string& uri, const std::string& needle, int nth,
                     std::uint32_t shift) const {
  const std::string& content = text(uri);
  std::size_t at_offset = content.find(needle);
  for (int i = 0; i < nth && at_offset != std::string::npos; ++i)
    at_offset = content.find(needle, at_offset + 1);
  INFO("looking for " << needle);
  REQUIRE(at_offset != std::string::npos);
  return store_.position_at(*store_.get(uri), static_cast<std::uint32_t>(at_offset + shift));
}

json Client::position_of(const std::string& uri, const std::string& needle, int nth,
                         std::uint32_t shift) const {
  return to_json(pos(uri, needle, nth, shift));
}

std::string slice(const std::string& text, const json& range, PositionEncoding encoding) {
  const LineIndex lines(text);
  const auto begin = offset_at(lines, parse_position(range.at("start")), encoding);
  const auto end = offset_at(lines, parse_position(range.at("end")), encoding);
  REQUIRE(begin <= end);
  return text.substr(begin, end - begin);
}

}  // namespace replyc::lsp::test
