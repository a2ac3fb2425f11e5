// Action-level mutation (see mutator.h).
#include "fuzz/util/mutator.h"

#include <algorithm>
#include <cstring>
#include <random>
#include <vector>

#include "fuzz/util/protocol_input.h"

namespace reclaim::fuzz {
namespace {

std::size_t actions_in(std::size_t size) {
  return size <= kHeaderSize ? 0 : std::min((size - kHeaderSize) / kActionSize, kMaxActions);
}

uint8_t* action_at(uint8_t* data, std::size_t k) { return data + kHeaderSize + k * kActionSize; }

}  // namespace

std::size_t mutate_actions(uint8_t* data, std::size_t size, std::size_t max_size, unsigned seed) {
  if (max_size < kHeaderSize) return size;
  std::minstd_rand rng(seed);
  auto roll = [&](std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng() % n); };
  if (size < kHeaderSize) {
    std::memset(data + size, 0, kHeaderSize - size);
    size = kHeaderSize;
  }
  std::size_t n = actions_in(size);
  size = kHeaderSize + n * kActionSize;  // drop a trailing partial action
  const std::size_t cap = std::min(actions_in(max_size), kMaxActions);
  auto random_action = [&](uint8_t* p) {
    for (std::size_t i = 0; i < kActionSize; ++i) p[i] = static_cast<uint8_t>(rng());
  };
  switch (roll(8)) {
    case 0:  // insert a fresh action
    case 1: {
      if (n >= cap) break;
      const std::size_t at = roll(n + 1);
      std::memmove(action_at(data, at + 1), action_at(data, at), (n - at) * kActionSize);
      random_action(action_at(data, at));
      ++n;
      break;
    }
    case 2: {  // erase one
      if (n == 0) break;
      const std::size_t at = roll(n);
      std::memmove(action_at(data, at), action_at(data, at + 1), (n - at - 1) * kActionSize);
      --n;
      break;
    }
    case 3: {  // duplicate one (replays, repeated requests, double steps)
      if (n == 0 || n >= cap) break;
      const std::size_t from = roll(n), at = roll(n + 1);
      uint8_t copy[kActionSize];
      std::memcpy(copy, action_at(data, from), kActionSize);
      std::memmove(action_at(data, at + 1), action_at(data, at), (n - at) * kActionSize);
      std::memcpy(action_at(data, at), copy, kActionSize);
      ++n;
      break;
    }
    case 4: {  // swap two
      if (n < 2) break;
      const std::size_t i = roll(n), j = roll(n);
      uint8_t tmp[kActionSize];
      std::memcpy(tmp, action_at(data, i), kActionSize);
      std::memcpy(action_at(data, i), action_at(data, j), kActionSize);
      std::memcpy(action_at(data, j), tmp, kActionSize);
      break;
    }
    case 5: {  // retarget the opcode of one action, keeping its arguments
      if (n == 0) break;
      action_at(data, roll(n))[0] = static_cast<uint8_t>(roll(kOpcodeCount));
      break;
    }
    case 6: {  // rewrite one argument byte with a small value (indices are small)
      if (n == 0) break;
      uint8_t* p = action_at(data, roll(n));
      p[1 + roll(kActionSize - 1)] = static_cast<uint8_t>(roll(8) < 6 ? roll(8) : rng());
      break;
    }
    default:  // the header: variant, flags, delay or threshold
      data[roll(kHeaderSize)] = static_cast<uint8_t>(roll(2) ? roll(8) : rng());
      break;
  }
  return kHeaderSize + n * kActionSize;
}

std::size_t cross_actions(const uint8_t* a, std::size_t a_size, const uint8_t* b,
                          std::size_t b_size, uint8_t* out, std::size_t max_out, unsigned seed) {
  if (max_out < kHeaderSize) return 0;
  std::minstd_rand rng(seed);
  std::vector<uint8_t> result(kHeaderSize, 0);
  std::memcpy(result.data(), a, std::min(a_size, kHeaderSize));
  const std::size_t na = actions_in(a_size), nb = actions_in(b_size);
  const std::size_t cut_a = na == 0 ? 0 : rng() % (na + 1);
  const std::size_t cut_b = nb == 0 ? 0 : rng() % (nb + 1);
  const std::size_t cap = std::min(actions_in(max_out), kMaxActions);
  for (std::size_t k = 0; k < cut_a && (result.size() - kHeaderSize) / kActionSize < cap; ++k)
    result.insert(result.end(), a + kHeaderSize + k * kActionSize,
                  a + kHeaderSize + (k + 1) * kActionSize);
  for (std::size_t k = cut_b; k < nb && (result.size() - kHeaderSize) / kActionSize < cap; ++k)
    result.insert(result.end(), b + kHeaderSize + k * kActionSize,
                  b + kHeaderSize + (k + 1) * kActionSize);
  std::memcpy(out, result.data(), result.size());
  return result.size();
}

}  // namespace reclaim::fuzz
