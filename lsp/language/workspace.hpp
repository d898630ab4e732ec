#pragma once
// The language server's view of the projects behind the open documents. Each project (one root:
// the folder of the nearest replyc.json) is compiled by the same Compilation class the CLI uses,
// with the open documents as its inputs and the editor's buffers laid over the disk.
//
// A project is recompiled only when one of its open documents changed (text, set of documents,
// replyc.json, or an explicit invalidation); otherwise its last compilation and converted
// diagnostics are reused.
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "compiler/driver/compilation.hpp"
#include "compiler/driver/config.hpp"
#include "compiler/driver/file_system.hpp"
#include "lsp/document_store.hpp"

namespace replyc::lsp::language {

// Lets the embedding program add to the compile options exactly what `replyc check` adds
// (extra passes such as the policy engine, rule ids suppressions may name), so that both report
// the same findings. It may also record a problem with the project's settings in
// `config.error` (reported as RC0013, as the CLI does).
using ConfigureCompile = std::function<void(CompileOptions&, ProjectConfig&)>;

struct WorkspaceOptions {
  std::filesystem::path forced_root;  // like `--root`: every document belongs to this project
  std::string today;                  // YYYY-MM-DD; empty: the date at each compilation
  ConfigureCompile configure;
};

// One project: the open documents below one root, compiled together.
struct Project {
  std::filesystem::path root;
  ProjectConfig config;
  std::optional<std::filesystem::file_time_type> config_time;  // replyc.json's mtime when read
  std::unique_ptr<DiskFileSystem> disk;
  std::unique_ptr<OverlayFileSystem> files;
  std::unique_ptr<Compilation> compilation;
  // The open documents compiled: uri -> canonical path, and back.
  std::map<std::string, std::filesystem::path, std::less<>> paths;
  std::map<std::filesystem::path, std::string> uris;
  // Document versions compiled, by uri.
  std::map<std::string, std::int64_t, std::less<>> versions;
  // Why an input could not be read (never expected for open documents).
  std::vector<std::string> input_errors;
  std::uint64_t generation = 0;  // unique to each compilation in the workspace
  bool stale = true;

  // The uri of a compiled file: the open document's, else a file:// uri of its path; empty for
  // the standard library and other virtual files.
  std::string uri_of(FileId file) const;
  // The open document's module, or nullptr.
  const sema::Module* module_of(std::string_view uri) const;
  const SourceFile* source_of(std::string_view uri) const;
};

// Frees replaced compilations on a thread of its own, so that the next analysis does not wait
// for the old one's memory to be released (a few ms for a large project).
class Reaper {
 public:
  Reaper() = default;
  Reaper(const Reaper&) = delete;
  Reaper& operator=(const Reaper&) = delete;
  ~Reaper();
  void dispose(std::unique_ptr<Compilation> compilation, std::unique_ptr<OverlayFileSystem> files);

 private:
  struct Garbage {
    std::unique_ptr<Compilation> compilation;  // destroyed first: it reads from `files`
    std::unique_ptr<OverlayFileSystem> files;
  };
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Garbage> queue_;
  bool stop_ = false;
  std::thread thread_;
};

class Workspace {
 public:
  explicit Workspace(WorkspaceOptions options) : options_(std::move(options)) {}

  void set_workspace_root(std::filesystem::path root);
  const std::filesystem::path& workspace_root() const { return workspace_root_; }
  const WorkspaceOptions& options() const { return options_; }
  void set_configure(ConfigureCompile configure) { options_.configure = std::move(configure); }

  // Forgets project roots and marks every project stale: replyc.json files or files on disk
  // may have changed.
  void invalidate();

  // Brings the project of every open document up to date and returns them all. Projects that
  // hold `changed_uri` are recompiled even when no text changed (a save may change what imports
  // read); every project is when `changed_uri` is empty.
  std::vector<Project*> refresh(const DocumentStore& store, std::string_view changed_uri);

  // The up-to-date project of one open document; nullptr when it is not open or not a template.
  Project* project_of(const DocumentStore& store, std::string_view uri);

  // Whether the server compiles this document (reply templates and replyc.json).
  static bool is_compiled(const Document& document);

 private:
  struct Member {
    const Document* document;
    std::filesystem::path path;  // canonical
  };

  std::filesystem::path root_of(const std::filesystem::path& canonical_file);
  std::filesystem::path canonical(const Document& document);
  std::map<std::filesystem::path, std::vector<Member>> group(const DocumentStore& store);
  bool up_to_date(const Project& project, const std::vector<Member>& members) const;
  void compile(Project& project, const std::vector<Member>& members);

  WorkspaceOptions options_;
  std::filesystem::path workspace_root_;
  std::map<std::filesystem::path, std::filesystem::path> root_cache_;  // folder -> root
  std::map<std::string, std::filesystem::path, std::less<>> canonical_cache_;
  std::map<std::filesystem::path, std::unique_ptr<Project>> projects_;
  std::uint64_t generations_ = 0;
  Reaper reaper_;  // declared last: it is stopped (and drained) before the projects go
};

}  // namespace replyc::lsp::language
