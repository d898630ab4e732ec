#include "lsp/language/workspace.hpp"

#include <algorithm>

#include "compiler/base/date.hpp"
#include "compiler/checks/source.hpp"
#include "lsp/uri.hpp"

namespace replyc::lsp::language {

namespace fs = std::filesystem;

namespace {

bool is_within(const fs::path& path, const fs::path& root) {
  if (root.empty())
    return false;
  const auto relative = path.lexically_relative(root);
  return !relative.empty() && *relative.begin() != "..";
}

std::optional<fs::file_time_type> modified(const fs::path& file) {
  std::error_code ec;
  const auto time = fs::last_write_time(file, ec);
  if (ec)
    return std::nullopt;
  return time;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

Reaper::~Reaper() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable())
    thread_.join();
}

void Reaper::dispose(std::unique_ptr<Compilation> compilation,
                     std::unique_ptr<OverlayFileSystem> files) {
  if (!compilation && !files)
    return;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back({std::move(compilation), std::move(files)});
    if (!thread_.joinable()) {
      thread_ = std::thread([this] {
        std::unique_lock<std::mutex> held(mutex_);
        while (true) {
          wake_.wait(held, [this] { return stop_ || !queue_.empty(); });
          std::vector<Garbage> batch = std::move(queue_);
          queue_.clear();
          held.unlock();
          for (Garbage& garbage : batch) {
            garbage.compilation.reset();
            garbage.files.reset();
          }
          batch.clear();
          held.lock();
          if (stop_ && queue_.empty())
            return;
        }
      });
    }
  }
  wake_.notify_one();
}

std::string Project::uri_of(FileId file) const {
  if (!compilation || file == kNoFile || file >= compilation->sources().size())
    return {};
  const fs::path& path = compilation->sources().file(file).path;
  if (const auto it = uris.find(path); it != uris.end())
    return it->second;
  if (!path.is_absolute())
    return {};  // "<std>/std.reply" and other virtual files
  return path_to_uri(path.generic_string());
}

const sema::Module* Project::module_of(std::string_view uri) const {
  const auto it = paths.find(uri);
  if (it == paths.end() || !compilation)
    return nullptr;
  const auto id = compilation->file_id(it->second);
  if (!id)
    return nullptr;
  return compilation->project().module_of(*id);
}

const SourceFile* Project::source_of(std::string_view uri) const {
  const auto it = paths.find(uri);
  if (it == paths.end() || !compilation)
    return nullptr;
  const auto& sources = compilation->sources();
  for (FileId id = 0; id < sources.size(); ++id) {
    if (sources.file(id).path == it->second)
      return &sources.file(id);
  }
  return nullptr;
}

void Workspace::set_workspace_root(fs::path root) {
  std::error_code ec;
  if (!root.empty())
    root = fs::weakly_canonical(fs::absolute(root, ec), ec);
  workspace_root_ = std::move(root);
  invalidate();
}

void Workspace::invalidate() {
  root_cache_.clear();
  canonical_cache_.clear();
  for (auto& [root, project] : projects_)
    project->stale = true;
}

bool Workspace::is_compiled(const Document& document) {
  if (document.language_id() == "reply")
    return true;
  const std::string& uri = document.uri();
  return ends_with(uri, ".reply") || ends_with(uri, "/replyc.json");
}

fs::path Workspace::canonical(const Document& document) {
  if (const auto it = canonical_cache_.find(document.uri()); it != canonical_cache_.end())
    return it->second;
  fs::path path;
  std::error_code ec;
  if (!document.path().empty()) {
    path = fs::weakly_canonical(fs::absolute(document.path(), ec), ec);
  } else {
    // "untitled:Untitled-1" and other schemes: a made-up file in the workspace (or the current
    // folder), so that the compiler has a path to report and to resolve relative imports from.
    std::string name;
    for (char c : document.uri()) {
      const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
      name += plain ? c : '_';
    }
    const fs::path base = workspace_root_.empty() ? fs::current_path(ec) : workspace_root_;
    path = base / name;
  }
  canonical_cache_[document.uri()] = path;
  return path;
}

fs::path Workspace::root_of(const fs::path& canonical_file) {
  if (!options_.forced_root.empty())
    return options_.forced_root;
  const fs::path folder = canonical_file.parent_path();
  if (const auto it = root_cache_.find(folder); it != root_cache_.end())
    return it->second;
  fs::path root;
  if (auto found = find_project_root(folder)) {
    root = *found;
  } else if (is_within(canonical_file, workspace_root_)) {
    root = workspace_root_;
  } else {
    root = folder;
  }
  root_cache_[folder] = root;
  return root;
}

std::map<fs::path, std::vector<Workspace::Member>> Workspace::group(const DocumentStore& store) {
  std::map<fs::path, std::vector<Member>> groups;
  for (const Document* document : store.documents()) {
    if (!is_compiled(*document))
      continue;
    const fs::path path = canonical(*document);
    groups[root_of(path)].push_back({document, path});
  }
  return groups;
}

bool Workspace::up_to_date(const Project& project, const std::vector<Member>& members) const {
  if (project.stale || !project.compilation || project.paths.size() != members.size())
    return false;
  const auto config_file = project.root / "replyc.json";
  if (modified(config_file) != project.config_time)
    return false;
  for (const Member& member : members) {
    const auto it = project.versions.find(member.document->uri());
    if (it == project.versions.end() || it->second != member.document->version())
      return false;
    const auto path = project.paths.find(member.document->uri());
    if (path == project.paths.end() || path->second != member.path)
      return false;
    // Versions alone can repeat (a document closed and opened again): compare the text too.
    const SourceFile* source = project.source_of(member.document->uri());
    if (source != nullptr && source->text != member.document->text())
      return false;
  }
  return true;
}

void Workspace::compile(Project& project, const std::vector<Member>& members) {
  const auto config_file = project.root / "replyc.json";
  project.config_time = modified(config_file);
  project.config = load_project_config(project.root);

  reaper_.dispose(std::move(project.compilation), std::move(project.files));
  if (!project.disk)
    project.disk = std::make_unique<DiskFileSystem>(checks::kMaxFileBytes);
  project.files = std::make_unique<OverlayFileSystem>(*project.disk);
  project.paths.clear();
  project.uris.clear();
  project.versions.clear();
  project.input_errors.clear();
  std::vector<fs::path> inputs;
  for (const Member& member : members) {
    project.paths[member.document->uri()] = member.path;
    project.uris[member.path] = member.document->uri();
    project.versions[member.document->uri()] = member.document->version();
    if (member.path.filename() == "replyc.json")
      continue;  // read from disk by the config loader; not a template
    project.files->set(member.path, member.document->text());
    inputs.push_back(member.path);
  }
  std::sort(inputs.begin(), inputs.end());

  CompileOptions options;
  options.root = project.root;
  std::error_code ec;
  options.display_base = workspace_root_.empty() ? fs::current_path(ec) : workspace_root_;
  options.today = options_.today.empty() ? today_iso() : options_.today;
  options.files = project.files.get();
  if (options_.configure)
    options_.configure(options, project.config);

  project.compilation = std::make_unique<Compilation>(std::move(options));
  if (!project.config.error.empty() && project.config.file) {
    project.compilation->report_config_problem(*project.config.file, project.config.text,
                                               project.config.error_offset, project.config.error);
  }
  for (const fs::path& input : inputs) {
    if (auto error = project.compilation->add_input(input))
      project.input_errors.push_back(input.generic_string() + ": " + *error);
  }
  project.compilation->run();
  project.generation = ++generations_;
  project.stale = false;
}

std::vector<Project*> Workspace::refresh(const DocumentStore& store, std::string_view changed_uri) {
  auto groups = group(store);
  // Projects with no open document left are dropped.
  for (auto it = projects_.begin(); it != projects_.end();) {
    it = groups.contains(it->first) ? std::next(it) : projects_.erase(it);
  }
  std::vector<Project*> result;
  for (auto& [root, members] : groups) {
    auto& slot = projects_[root];
    if (!slot) {
      slot = std::make_unique<Project>();
      slot->root = root;
    }
    const bool holds_changed =
        changed_uri.empty() || std::any_of(members.begin(), members.end(), [&](const Member& m) {
          return m.document->uri() == changed_uri;
        });
    if (holds_changed || !up_to_date(*slot, members))
      compile(*slot, members);
    result.push_back(slot.get());
  }
  return result;
}

Project* Workspace::project_of(const DocumentStore& store, std::string_view uri) {
  const Document* document = store.get(uri);
  if (document == nullptr || !is_compiled(*document))
    return nullptr;
  const fs::path root = root_of(canonical(*document));
  std::vector<Member> members;
  for (const Document* other : store.documents()) {
    if (!is_compiled(*other))
      continue;
    const fs::path path = canonical(*other);
    if (root_of(path) == root)
      members.push_back({other, path});
  }
  auto& slot = projects_[root];
  if (!slot) {
    slot = std::make_unique<Project>();
    slot->root = root;
  }
  if (!up_to_date(*slot, members))
    compile(*slot, members);
  return slot.get();
}

}  // namespace replyc::lsp::language
