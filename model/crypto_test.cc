// Tests of the two signature backends and the digest: keys are deterministic in their seed,
// both backends accept exactly their own valid signatures, and the digest never changes.
#include "model/crypto.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace reclaim {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes bytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

class CryptoTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto_init()); }
};

constexpr CryptoBackend kBackends[] = {CryptoBackend::kIdeal, CryptoBackend::kReal};

// Regression constants, computed once and cross-checked against independent implementations
// (Python's hashlib.blake2b and a textbook SipHash-2-4): the digest of "RCLMREQ1" under the
// key "reclaim-digest-1", and derive_seed(1, 2) = BLAKE2b-256("reclaim-seed-v1" || 1 || 2).
constexpr Digest kPinnedDigest = 0x1b064ccffe19f319;
constexpr Seed kPinnedSeed = {0x3b, 0x5d, 0x41, 0x41, 0xe8, 0x7f, 0xa1, 0x6a, 0x07, 0x2e, 0xc1,
                              0xdc, 0x1c, 0x3a, 0xb9, 0x36, 0x55, 0x5a, 0x12, 0xa8, 0x27, 0xd4,
                              0x7e, 0x4c, 0xd6, 0x91, 0x8a, 0xb7, 0x2a, 0x77, 0x8c, 0x93};

const char* name(CryptoBackend b) { return b == CryptoBackend::kReal ? "real" : "ideal"; }

TEST_F(CryptoTest, InitIsIdempotent) {
  EXPECT_TRUE(crypto_init());
  EXPECT_TRUE(crypto_init());
}

TEST_F(CryptoTest, SameSeedGivesSameKeyPair) {
  EXPECT_EQ(derive_seed(42, 7), derive_seed(42, 7));
  const KeyPair a = keypair_from_seed(derive_seed(42, 7));
  const KeyPair b = keypair_from_seed(derive_seed(42, 7));
  EXPECT_EQ(a.pk, b.pk);
  EXPECT_EQ(a.sk, b.sk);
}

TEST_F(CryptoTest, DifferentSecretsOrRunsGiveDifferentKeys) {
  const PublicKey base = keypair_from_seed(derive_seed(42, 7)).pk;
  EXPECT_NE(keypair_from_seed(derive_seed(42, 8)).pk, base);
  EXPECT_NE(keypair_from_seed(derive_seed(43, 7)).pk, base);
  // The two numbers are not interchangeable.
  EXPECT_NE(derive_seed(7, 42), derive_seed(42, 7));
  EXPECT_NE(derive_seed(0, 0), Seed{});
}

TEST_F(CryptoTest, SeedDerivationIsPinned) {
  // Seeds name every key in committed traces; a change here would re-key all of them.
  EXPECT_EQ(derive_seed(1, 2), kPinnedSeed);
}

TEST_F(CryptoTest, ValidSignaturesVerify) {
  const KeyPair kp = keypair_from_seed(derive_seed(1, 1));
  const Bytes msg = bytes("remove-device alice/phrase");
  for (CryptoBackend b : kBackends) {
    SCOPED_TRACE(name(b));
    const Signature sig = sign(b, kp, msg);
    EXPECT_TRUE(verify(b, kp.pk, msg, sig));
    EXPECT_EQ(sign(b, kp, msg), sig);  // both backends are deterministic
  }
}

TEST_F(CryptoTest, EmptyMessageSignsAndVerifies) {
  const KeyPair kp = keypair_from_seed(derive_seed(1, 1));
  for (CryptoBackend b : kBackends) {
    SCOPED_TRACE(name(b));
    const Signature sig = sign(b, kp, {});
    EXPECT_TRUE(verify(b, kp.pk, {}, sig));
    EXPECT_FALSE(verify(b, kp.pk, bytes("x"), sig));
  }
}

TEST_F(CryptoTest, TamperedSignatureIsRejected) {
  const KeyPair kp = keypair_from_seed(derive_seed(1, 1));
  const Bytes msg = bytes("add-device alice/evil");
  for (CryptoBackend b : kBackends) {
    SCOPED_TRACE(name(b));
    const Signature good = sign(b, kp, msg);
    // Every single-bit flip, in the tag and in the padding alike.
    for (std::size_t i = 0; i < good.size(); ++i) {
      for (int bit = 0; bit < 8; ++bit) {
        Signature bad = good;
        bad[i] ^= static_cast<uint8_t>(1 << bit);
        EXPECT_FALSE(verify(b, kp.pk, msg, bad)) << "byte " << i << " bit " << bit;
      }
    }
    EXPECT_FALSE(verify(b, kp.pk, msg, Signature{}));
  }
}

TEST_F(CryptoTest, TamperedMessageIsRejected) {
  const KeyPair kp = keypair_from_seed(derive_seed(1, 1));
  const Bytes msg = bytes("transfer alice/neuron 500 to alice");
  for (CryptoBackend b : kBackends) {
    SCOPED_TRACE(name(b));
    const Signature sig = sign(b, kp, msg);
    for (std::size_t i = 0; i < msg.size(); ++i) {
      Bytes bad = msg;
      bad[i] ^= 0x01;
      EXPECT_FALSE(verify(b, kp.pk, bad, sig)) << i;
    }
    Bytes longer = msg;
    longer.push_back(0);
    EXPECT_FALSE(verify(b, kp.pk, longer, sig));
    EXPECT_FALSE(verify(b, kp.pk, Bytes(msg.begin(), msg.end() - 1), sig));
  }
}

TEST_F(CryptoTest, WrongKeyIsRejected) {
  const KeyPair alice = keypair_from_seed(derive_seed(1, 1));
  const KeyPair mallory = keypair_from_seed(derive_seed(1, 2));
  const Bytes msg = bytes("lock alice");
  for (CryptoBackend b : kBackends) {
    SCOPED_TRACE(name(b));
    EXPECT_FALSE(verify(b, alice.pk, msg, sign(b, mallory, msg)));
    EXPECT_FALSE(verify(b, mallory.pk, msg, sign(b, alice, msg)));
  }
}

TEST_F(CryptoTest, BackendsDoNotAcceptEachOthersSignatures) {
  const KeyPair kp = keypair_from_seed(derive_seed(1, 1));
  const Bytes msg = bytes("unprotect alice/phrase");
  const Signature real = sign(CryptoBackend::kReal, kp, msg);
  const Signature ideal = sign(CryptoBackend::kIdeal, kp, msg);
  EXPECT_NE(real, ideal);
  EXPECT_FALSE(verify(CryptoBackend::kIdeal, kp.pk, msg, real));
  EXPECT_FALSE(verify(CryptoBackend::kReal, kp.pk, msg, ideal));
  // A real signature whose tail is zeroed is still no ideal tag: the head is not the tag.
  Signature truncated = real;
  for (std::size_t i = 8; i < truncated.size(); ++i) truncated[i] = 0;
  EXPECT_FALSE(verify(CryptoBackend::kIdeal, kp.pk, msg, truncated));
}

TEST_F(CryptoTest, IdealSignatureIsATagAndZeroPadding) {
  const KeyPair kp = keypair_from_seed(derive_seed(1, 1));
  const Signature sig = sign(CryptoBackend::kIdeal, kp, bytes("cancel alice all"));
  bool head_nonzero = false;
  for (std::size_t i = 0; i < 8; ++i) head_nonzero |= sig[i] != 0;
  EXPECT_TRUE(head_nonzero);
  for (std::size_t i = 8; i < sig.size(); ++i) EXPECT_EQ(sig[i], 0) << i;
}

TEST_F(CryptoTest, DigestIsStable) {
  // Digests are stored in states, traces and reports: this value must never change.
  EXPECT_EQ(digest(bytes("RCLMREQ1")), kPinnedDigest);
  EXPECT_EQ(digest(bytes("RCLMREQ1")), digest(bytes("RCLMREQ1")));
  EXPECT_NE(digest(bytes("RCLMREQ1")), digest(bytes("RCLMREQ2")));
  EXPECT_NE(digest({}), digest(bytes(std::string_view("\0", 1))));
}

}  // namespace
}  // namespace reclaim
