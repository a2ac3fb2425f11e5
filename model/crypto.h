// Two signature backends behind one interface. Keys always come from libsodium's
// crypto_sign_seed_keypair over a deterministic 32-byte seed, so both backends register
// the same public keys and produce identical states; only the signature bytes differ.
//   kReal:  Ed25519 (crypto_sign_detached / crypto_sign_verify_detached).
//   kIdeal: Dolev-Yao. A signature is a tag bound to (public key, message digest); it is
//           unforgeable by construction because only the world layer mints tags, and only
//           for secrets an actor holds. Verifying costs one short hash.
#ifndef RECLAIM_MODEL_CRYPTO_H_
#define RECLAIM_MODEL_CRYPTO_H_

#include <array>
#include <cstdint>
#include <span>

#include "model/policy.h"
#include "model/types.h"

namespace reclaim {

using Seed = std::array<uint8_t, 32>;
struct KeyPair {
  PublicKey pk{};
  std::array<uint8_t, 64> sk{};
};

// Deterministic seed for secret number `secret` of a run seeded with `run_seed`.
Seed derive_seed(uint64_t run_seed, uint64_t secret);
KeyPair keypair_from_seed(const Seed& seed);

Signature sign(CryptoBackend backend, const KeyPair& kp, std::span<const uint8_t> msg);
bool verify(CryptoBackend backend, const PublicKey& pk, std::span<const uint8_t> msg,
            const Signature& sig);

// Stable 64-bit digest (SipHash-2-4 under a fixed, domain-separating key).
Digest digest(std::span<const uint8_t> bytes);

// Must be called once before any of the above (idempotent, thread-safe).
bool crypto_init();

}  // namespace reclaim

#endif  // RECLAIM_MODEL_CRYPTO_H_
