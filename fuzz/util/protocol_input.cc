// The fuzz input byte format (see protocol_input.h).
#include "fuzz/util/protocol_input.h"

#include <algorithm>

namespace reclaim::fuzz {

Input decode_input(std::span<const uint8_t> bytes) {
  Input in;
  auto at = [&](std::size_t i) -> uint8_t { return i < bytes.size() ? bytes[i] : 0; };
  in.header = {at(0), at(1), at(2), at(3)};
  if (bytes.size() <= kHeaderSize) return in;
  const std::size_t n = std::min((bytes.size() - kHeaderSize) / kActionSize, kMaxActions);
  in.actions.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t o = kHeaderSize + k * kActionSize;
    in.actions.push_back({bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3], bytes[o + 4]});
  }
  return in;
}

std::vector<uint8_t> encode_input(const Input& in) {
  std::vector<uint8_t> out = {in.header.variant, in.header.flags, in.header.delay,
                              in.header.threshold};
  const std::size_t n = std::min(in.actions.size(), kMaxActions);
  for (std::size_t k = 0; k < n; ++k) {
    const Action& a = in.actions[k];
    out.insert(out.end(), {a.op, a.who, a.mask, a.a, a.b});
  }
  return out;
}

Opcode opcode_of(const Action& a) { return static_cast<Opcode>(a.op % kOpcodeCount); }

bool is_request(const Action& a) {
  return a.op % kOpcodeCount >= static_cast<int>(Opcode::kFirstRequest);
}

Op request_op(const Action& a) {
  return static_cast<Op>(a.op % kOpcodeCount - static_cast<int>(Opcode::kFirstRequest) + 1);
}

std::string describe(const Action& a) {
  static constexpr std::array<std::string_view, 8> kEventNames = {
      "advance", "steal", "copy", "lose", "hijack", "collude", "reacts", "replay"};
  std::string name = is_request(a) ? std::string(op_name(request_op(a)))
                                   : std::string(kEventNames[a.op % kOpcodeCount]);
  return name + " who=" + std::to_string(a.who) + " mask=" + std::to_string(a.mask) +
         " a=" + std::to_string(a.a) + " b=" + std::to_string(a.b);
}

}  // namespace reclaim::fuzz
