// The two signature backends and the stable request digest, over libsodium. Every key and
// constant here is fixed forever: seeds, digests and ideal tags appear in committed traces,
// corpora and reference reports, and a change would silently invalidate all of them.
#include "model/crypto.h"

#include <sodium.h>

#include <cassert>
#include <cstddef>
#include <cstring>
#include <string_view>

namespace reclaim {
namespace {

static_assert(sizeof(PublicKey) == crypto_sign_PUBLICKEYBYTES);
static_assert(sizeof(KeyPair::sk) == crypto_sign_SECRETKEYBYTES);
static_assert(sizeof(Seed) == crypto_sign_SEEDBYTES);
static_assert(sizeof(Signature) == crypto_sign_BYTES);
static_assert(sizeof(Digest) == crypto_shorthash_BYTES);

// Domain separation: the digest key and the ideal-tag key differ, so a digest can never be
// presented as a tag (or the reverse) even over the same bytes. Each is exactly the 16 ASCII
// bytes of its string, which keeps them readable and trivially stable.
constexpr std::string_view kDigestKey = "reclaim-digest-1";
constexpr std::string_view kIdealTagKey = "reclaim-idealtg1";
static_assert(kDigestKey.size() == crypto_shorthash_KEYBYTES);
static_assert(kIdealTagKey.size() == crypto_shorthash_KEYBYTES);

constexpr std::string_view kSeedTag = "reclaim-seed-v1";

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

void put_le64(uint8_t* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(v >> (8 * i));
}

uint64_t get_le64(const uint8_t* in) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(in[i]) << (8 * i);
  return v;
}

// The ideal tag of (pk, msg): SipHash(pk || digest(msg) as little-endian) under the tag key.
// Binding the public key makes a tag valid for one key only; hashing the message's digest
// rather than the message keeps the input fixed-size (no allocation) and the cost constant.
std::array<uint8_t, crypto_shorthash_BYTES> ideal_tag(const PublicKey& pk,
                                                      std::span<const uint8_t> msg) {
  std::array<uint8_t, sizeof(PublicKey) + sizeof(Digest)> input;
  std::memcpy(input.data(), pk.data(), pk.size());
  put_le64(input.data() + pk.size(), digest(msg));
  std::array<uint8_t, crypto_shorthash_BYTES> tag;
  crypto_shorthash(tag.data(), input.data(), input.size(), bytes_of(kIdealTagKey));
  return tag;
}

}  // namespace

bool crypto_init() {
  // A function-local static is initialized exactly once even under concurrent callers.
  // sodium_init returns 0 on first success, 1 when already initialized, -1 on failure.
  static const bool ok = sodium_init() >= 0;
  return ok;
}

Seed derive_seed(uint64_t run_seed, uint64_t secret) {
  // BLAKE2b over tag || run_seed || secret (both little-endian): distinct (run, secret)
  // pairs give independent-looking seeds, and the tag keeps these seeds apart from any other
  // use of BLAKE2b over 16 bytes.
  std::array<uint8_t, kSeedTag.size() + 16> input;
  std::memcpy(input.data(), kSeedTag.data(), kSeedTag.size());
  put_le64(input.data() + kSeedTag.size(), run_seed);
  put_le64(input.data() + kSeedTag.size() + 8, secret);
  Seed seed;
  const int rc =
      crypto_generichash(seed.data(), seed.size(), input.data(), input.size(), nullptr, 0);
  assert(rc == 0);  // fails only on out-of-range lengths, which are constants here
  (void)rc;
  return seed;
}

KeyPair keypair_from_seed(const Seed& seed) {
  KeyPair kp;
  const int rc = crypto_sign_seed_keypair(kp.pk.data(), kp.sk.data(), seed.data());
  assert(rc == 0);
  (void)rc;
  return kp;
}

Signature sign(CryptoBackend backend, const KeyPair& kp, std::span<const uint8_t> msg) {
  Signature sig{};
  if (backend == CryptoBackend::kReal) {
    const int rc = crypto_sign_detached(sig.data(), nullptr, msg.data(), msg.size(), kp.sk.data());
    assert(rc == 0);
    (void)rc;
    return sig;
  }
  // Ideal: the tag, then 56 zero bytes. An Ed25519 signature has those 56 bytes zero only
  // with negligible probability, so the two kinds of signature never pass for each other.
  const auto tag = ideal_tag(kp.pk, msg);
  std::memcpy(sig.data(), tag.data(), tag.size());
  return sig;
}

bool verify(CryptoBackend backend, const PublicKey& pk, std::span<const uint8_t> msg,
            const Signature& sig) {
  if (backend == CryptoBackend::kReal) {
    return crypto_sign_verify_detached(sig.data(), msg.data(), msg.size(), pk.data()) == 0;
  }
  // Reject the padding first: it is the cheap check and it is what turns away real
  // signatures. Constant time is pointless here (ideal mode has no secrets to leak).
  for (std::size_t i = crypto_shorthash_BYTES; i < sig.size(); ++i)
    if (sig[i] != 0) return false;
  const auto tag = ideal_tag(pk, msg);
  return std::memcmp(sig.data(), tag.data(), tag.size()) == 0;
}

Digest digest(std::span<const uint8_t> bytes) {
  std::array<uint8_t, crypto_shorthash_BYTES> out;
  crypto_shorthash(out.data(), bytes.data(), bytes.size(), bytes_of(kDigestKey));
  // Little-endian by definition, so the value is the same on every platform.
  return get_le64(out.data());
}

}  // namespace reclaim
