#include "compiler/policy/automaton.hpp"

#include <algorithm>
#include <cassert>

namespace replyc::policy {

// During the build the root's children are in root_ (dense), the others in their edge lists.
std::uint32_t Automaton::child(std::uint32_t state, unsigned char byte) const {
  if (state == 0) {
    return root_[byte];
  }
  for (std::uint32_t e = first_edge_[state]; e != kNoEdge; e = trie_edges_[e].next_sibling) {
    if (trie_edges_[e].byte == byte) {
      return trie_edges_[e].target;
    }
  }
  return 0;
}

void Automaton::add(std::string_view key, std::uint32_t id) {
  assert(!built_ && !key.empty());
  std::uint32_t state = 0;
  for (char ch : key) {
    const auto byte = static_cast<unsigned char>(ch);
    std::uint32_t next = child(state, byte);
    if (next == 0) {
      next = static_cast<std::uint32_t>(first_edge_.size());
      first_edge_.push_back(kNoEdge);
      trie_edges_.push_back({next, first_edge_[state], byte});
      first_edge_[state] = static_cast<std::uint32_t>(trie_edges_.size() - 1);
      if (state == 0) {
        root_[byte] = next;
      }
    }
    state = next;
  }
  own_.emplace_back(state, id);
}

void Automaton::build() {
  assert(!built_);
  const std::size_t states = first_edge_.size();
  fail_.assign(states, 0);
  dict_.assign(states, 0);
  has_output_.assign(states, 0);
  for (const auto& [state, id] : own_) {
    has_output_[state] = 1;
  }
  // The goto function with failures resolved, for computing failure links during the build.
  auto next_of = [&](std::uint32_t state, unsigned char byte) {
    while (true) {
      const std::uint32_t c = child(state, byte);
      if (c != 0 || state == 0) {
        return c;
      }
      state = fail_[state];
    }
  };
  // Breadth-first: a state's failure target is always shallower than the state itself.
  std::vector<std::uint32_t> queue;
  queue.reserve(states);
  for (std::uint32_t e = first_edge_[0]; e != kNoEdge; e = trie_edges_[e].next_sibling) {
    queue.push_back(trie_edges_[e].target);
  }
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::uint32_t s = queue[head];
    const std::uint32_t f = fail_[s];
    dict_[s] = has_output_[f] ? f : dict_[f];
    for (std::uint32_t e = first_edge_[s]; e != kNoEdge; e = trie_edges_[e].next_sibling) {
      const TrieEdge& edge = trie_edges_[e];
      fail_[edge.target] = next_of(f, edge.byte);
      if (fail_[edge.target] == edge.target) {
        fail_[edge.target] = 0;
      }
      queue.push_back(edge.target);
    }
  }

  // Each state's edges, sorted by byte, in one array.
  edge_begin_.assign(states + 1, 0);
  edge_byte_.reserve(trie_edges_.size());
  edge_target_.reserve(trie_edges_.size());
  std::vector<std::pair<unsigned char, std::uint32_t>> list;
  for (std::size_t s = 0; s < states; ++s) {
    list.clear();
    for (std::uint32_t e = first_edge_[s]; e != kNoEdge; e = trie_edges_[e].next_sibling) {
      list.emplace_back(trie_edges_[e].byte, trie_edges_[e].target);
    }
    std::sort(list.begin(), list.end());
    edge_begin_[s + 1] = edge_begin_[s] + static_cast<std::uint32_t>(list.size());
    for (const auto& [byte, target] : list) {
      edge_byte_.push_back(byte);
      edge_target_.push_back(target);
    }
  }
  // Each state's ids in the order they were added (a stable counting sort by state).
  out_begin_.assign(states + 1, 0);
  for (const auto& [state, id] : own_) {
    ++out_begin_[state + 1];
  }
  for (std::size_t s = 0; s < states; ++s) {
    out_begin_[s + 1] += out_begin_[s];
  }
  outputs_.assign(own_.size(), 0);
  std::vector<std::uint32_t> fill(out_begin_.begin(), out_begin_.end() - 1);
  for (const auto& [state, id] : own_) {
    outputs_[fill[state]++] = id;
  }
  first_edge_.clear();
  first_edge_.shrink_to_fit();
  trie_edges_.clear();
  trie_edges_.shrink_to_fit();
  own_.clear();
  own_.shrink_to_fit();
  built_ = true;
}

std::size_t Automaton::memory_bytes() const {
  return sizeof(root_) + edge_begin_.size() * 4 + edge_byte_.size() + edge_target_.size() * 4 +
         fail_.size() * 4 + dict_.size() * 4 + has_output_.size() + out_begin_.size() * 4 +
         outputs_.size() * 4;
}

}  // namespace replyc::policy
