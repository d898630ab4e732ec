#include "lsp/language/incremental_policy.hpp"

#include <filesystem>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "compiler/checks/variants.hpp"
#include "compiler/diag/make.hpp"
#include "compiler/driver/policy_pass.hpp"

namespace replyc::lsp::language {

namespace {

// A location kept across compilations: relative to its block when it lies inside it (the block
// may move), else the file's path and absolute bytes (the snippets, whose places are in the key).
struct Place {
  bool relative = false;
  std::filesystem::path path;
  ByteRange range;
};

struct Kept {
  Diagnostic diagnostic;
  std::vector<Place> places;  // where, then every fix edit's location
};

struct Entry {
  std::vector<Kept> findings;
  std::uint64_t run = 0;  // the last run that used it
};

struct State {
  std::shared_ptr<const policy::Engine> engine;
  std::unordered_map<std::string, Entry> cache;
  std::uint64_t run = 0;
};

// Everything a block's expansion may read besides the block itself: every snippet of the
// project with its file and place.
std::size_t snippet_fingerprint(const checks::Context& context) {
  std::string all;
  for (const auto& module : context.project.modules) {
    const auto& file = context.sources.file(module->file);
    for (const auto& block : module->ast.blocks) {
      if (block.kind != ast::BlockKind::Snippet || block.range.end > file.text.size())
        continue;
      all += file.path.generic_string();
      all += '\x1f';
      all += std::to_string(block.range.begin);
      all += '\x1f';
      all.append(file.text, block.range.begin, block.range.size());
      all += '\x1e';
    }
  }
  return std::hash<std::string>{}(all);
}

Place place_of(const Location& where, const sema::Module& module, const ast::Block& block,
               const SourceManager& sources) {
  Place place;
  if (where.file == module.file && block.range.begin <= where.range.begin &&
      where.range.end <= block.range.end) {
    place.relative = true;
    place.range = {where.range.begin - block.range.begin, where.range.end - block.range.begin};
  } else {
    place.path = sources.file(where.file).path;
    place.range = where.range;
  }
  return place;
}

void run(State& state, checks::Context& context) {
  ++state.run;
  const std::size_t snippets = snippet_fingerprint(context);
  std::map<std::filesystem::path, FileId> ids;
  for (FileId id = 0; id < context.sources.size(); ++id)
    ids.emplace(context.sources.file(id).path, id);
  const auto resolve = [&](const Place& place, const sema::Module& module,
                           const ast::Block& block) -> std::optional<Location> {
    if (place.relative) {
      return Location{module.file,
                      {place.range.begin + block.range.begin, place.range.end + block.range.begin}};
    }
    const auto it = ids.find(place.path);
    if (it == ids.end())
      return std::nullopt;
    return Location{it->second, place.range};
  };

  for (const auto& module : context.project.modules) {
    if (module->is_stdlib)
      continue;
    const auto& file = context.sources.file(module->file);
    for (const auto& block : module->ast.blocks) {
      if (block.range.end > file.text.size() || block.range.end < block.range.begin)
        continue;
      std::string key = file.path.generic_string();
      key += '\x1f';
      key += std::to_string(snippets);
      key += '\x1f';
      key.append(file.text, block.range.begin, block.range.size());
      auto [it, inserted] = state.cache.try_emplace(std::move(key));
      Entry& entry = it->second;
      if (inserted) {
        std::vector<Diagnostic> found;
        for (const auto& locale : block.locales) {
          auto more = scan_locale(*state.engine, *module, block, locale, context);
          std::move(more.begin(), more.end(), std::back_inserter(found));
        }
        for (auto& d : found) {
          Kept kept;
          kept.places.push_back(place_of(d.where, *module, block, context.sources));
          for (const auto& fix : d.fixes) {
            for (const auto& edit : fix.edits)
              kept.places.push_back(place_of(edit.where, *module, block, context.sources));
          }
          kept.diagnostic = std::move(d);
          entry.findings.push_back(std::move(kept));
        }
      }
      entry.run = state.run;
      for (const Kept& kept : entry.findings) {
        Diagnostic d = kept.diagnostic;
        std::size_t next = 0;
        bool placed = true;
        const auto relocate = [&](Location& where) {
          const auto resolved = resolve(kept.places[next++], *module, block);
          if (resolved)
            where = *resolved;
          placed = placed && resolved.has_value();
        };
        relocate(d.where);
        for (auto& fix : d.fixes) {
          for (auto& edit : fix.edits)
            relocate(edit.where);
        }
        if (placed)
          context.report(std::move(d));
      }
    }
  }
  // Keep only what this run used: the cache follows the current text.
  std::erase_if(state.cache, [&](const auto& item) { return item.second.run != state.run; });
}

}  // namespace

Pass make_incremental_policy_pass(std::shared_ptr<const policy::Engine> engine) {
  auto state = std::make_shared<State>();
  state->engine = std::move(engine);
  return [state](checks::Context& context) {
    if (state->engine)
      run(*state, context);
  };
}

bool is_policy_pass(const Pass& pass) {
  static const std::type_info& type = make_policy_pass(nullptr).target_type();
  return pass && pass.target_type() == type;
}

void make_policy_incremental(std::vector<Pass>& passes,
                             std::shared_ptr<const policy::Engine> engine) {
  Pass incremental;
  for (auto& pass : passes) {
    if (!is_policy_pass(pass))
      continue;
    if (!incremental)
      incremental = make_incremental_policy_pass(engine);
    pass = incremental;
  }
}

}  // namespace replyc::lsp::language
