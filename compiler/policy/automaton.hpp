#pragma once
// Aho-Corasick automaton over bytes: every key is found in one left-to-right pass over the text,
// whatever the number of keys. Memory stays small enough for the caches: the root has a dense row
// of 256 transitions, every other state a short sorted edge list, and a missing edge follows the
// failure link (at most two transitions per byte, amortised).
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace replyc::policy {

class Automaton {
 public:
  // Adds a key; `id` is reported for every occurrence. Keys must be non-empty.
  void add(std::string_view key, std::uint32_t id);
  // Computes failure links and the compact tables. Call once, after the last add().
  void build();
  bool built() const { return built_; }
  std::size_t state_count() const { return fail_.size(); }
  std::size_t memory_bytes() const;

  // Calls on_match(id, end) for every occurrence of every key, `end` being the byte just after it.
  template <class F>
  void scan(std::string_view text, F&& on_match) const {
    std::uint32_t state = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto byte = static_cast<unsigned char>(text[i]);
      while (true) {
        if (state == 0) {
          state = root_[byte];
          break;
        }
        const std::uint32_t next = step(state, byte);
        if (next != 0) {
          state = next;
          break;
        }
        state = fail_[state];
      }
      for (std::uint32_t s = has_output_[state] ? state : dict_[state]; s != 0; s = dict_[s]) {
        for (std::uint32_t o = out_begin_[s]; o < out_begin_[s + 1]; ++o) {
          on_match(outputs_[o], static_cast<std::uint32_t>(i + 1));
        }
      }
    }
  }

 private:
  std::uint32_t child(std::uint32_t state, unsigned char byte) const;
  std::uint32_t step(std::uint32_t state, unsigned char byte) const {
    for (std::uint32_t e = edge_begin_[state]; e < edge_begin_[state + 1]; ++e) {
      if (edge_byte_[e] == byte) {
        return edge_target_[e];
      }
    }
    return 0;
  }

  // Build-time trie in flat arrays, so adding tens of thousands of keys allocates a few large
  // blocks rather than two small vectors per state: each state's children are a linked list of
  // edges, and the keys' ids are (state, id) pairs in the order they were added.
  struct TrieEdge {
    std::uint32_t target;
    std::uint32_t next_sibling;
    unsigned char byte;
  };
  static constexpr std::uint32_t kNoEdge = UINT32_MAX;
  std::vector<std::uint32_t> first_edge_{kNoEdge};
  std::vector<TrieEdge> trie_edges_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> own_;

  // Final tables.
  std::uint32_t root_[256] = {};
  std::vector<std::uint32_t> edge_begin_;
  std::vector<unsigned char> edge_byte_;
  std::vector<std::uint32_t> edge_target_;
  std::vector<std::uint32_t> fail_;
  std::vector<std::uint32_t> dict_;  // nearest proper suffix state that has outputs (0 = none)
  std::vector<std::uint8_t> has_output_;
  std::vector<std::uint32_t> out_begin_;
  std::vector<std::uint32_t> outputs_;
  bool built_ = false;
};

}  // namespace replyc::policy
