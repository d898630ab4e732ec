#include "compiler/policy/automaton.hpp"

#include <algorithm>
#include <cassert>
#include <deque>

namespace replyc::policy {

std::uint32_t Automaton::child(std::uint32_t state, unsigned char byte) const {
  for (const Edge& e : edges_[state]) {
    if (e.byte == byte) {
      return e.target;
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
      next = static_cast<std::uint32_t>(edges_.size());
      edges_[state].push_back({byte, next});
      edges_.emplace_back();
      own_.emplace_back();
    }
    state = next;
  }
  own_[state].push_back(id);
}

void Automaton::build() {
  assert(!built_);
  const std::size_t states = edges_.size();
  fail_.assign(states, 0);
  dict_.assign(states, 0);
  has_output_.assign(states, 0);
  for (std::size_t s = 0; s < states; ++s) {
    has_output_[s] = own_[s].empty() ? 0 : 1;
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
  std::deque<std::uint32_t> queue;
  for (const Edge& e : edges_[0]) {
    queue.push_back(e.target);
  }
  while (!queue.empty()) {
    const std::uint32_t s = queue.front();
    queue.pop_front();
    const std::uint32_t f = fail_[s];
    dict_[s] = has_output_[f] ? f : dict_[f];
    for (const Edge& e : edges_[s]) {
      fail_[e.target] = next_of(f, e.byte);
      if (fail_[e.target] == e.target) {
        fail_[e.target] = 0;
      }
      queue.push_back(e.target);
    }
  }

  for (const Edge& e : edges_[0]) {
    root_[e.byte] = e.target;
  }
  edge_begin_.assign(states + 1, 0);
  for (std::size_t s = 0; s < states; ++s) {
    auto& list = edges_[s];
    std::sort(list.begin(), list.end(),
              [](const Edge& a, const Edge& b) { return a.byte < b.byte; });
    edge_begin_[s + 1] = edge_begin_[s] + static_cast<std::uint32_t>(list.size());
    for (const Edge& e : list) {
      edge_byte_.push_back(e.byte);
      edge_target_.push_back(e.target);
    }
  }
  out_begin_.assign(states + 1, 0);
  for (std::size_t s = 0; s < states; ++s) {
    out_begin_[s + 1] = out_begin_[s] + static_cast<std::uint32_t>(own_[s].size());
  }
  outputs_.reserve(out_begin_[states]);
  for (std::size_t s = 0; s < states; ++s) {
    outputs_.insert(outputs_.end(), own_[s].begin(), own_[s].end());
  }
  edges_.clear();
  edges_.shrink_to_fit();
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
