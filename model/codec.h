// Canonical request encoding. One byte string per request: a domain tag, a version, then
// identity, op, nonce, time and exactly the arguments that op reads, all fixed-width
// big-endian. Signatures are made over these bytes and the replay digest is taken of them.
// decode() accepts only canonical input: exact length for the op, known enum values,
// booleans 0/1, no trailing bytes; encode(decode(b)) == b for every accepted b.
#ifndef RECLAIM_MODEL_CODEC_H_
#define RECLAIM_MODEL_CODEC_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "model/request.h"

namespace reclaim {

inline constexpr std::size_t kMaxEncoded = 128;

struct Encoded {
  std::array<uint8_t, kMaxEncoded> bytes{};
  std::size_t size = 0;
  std::span<const uint8_t> view() const { return {bytes.data(), size}; }
};

// The signed part of `request` (signers excluded).
Encoded encode(const Request& request);

// The arguments `op` encodes, every other field reset to its default: what a signature
// covers, and so all that the model may remember of a request (pending changes).
Args signed_args(Op op, const Args& args);

// Inverse of encode on canonical input; nullopt on anything else. Signers are left empty.
std::optional<Request> decode(std::span<const uint8_t> bytes);

}  // namespace reclaim

#endif  // RECLAIM_MODEL_CODEC_H_
