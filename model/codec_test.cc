// Tests of the canonical request encoding: every op round-trips, the wire layout is pinned
// byte for byte, every kind of non-canonical input is rejected, and (by property) decode
// accepts only what encode produces.
#include "model/codec.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <ostream>
#include <vector>

namespace reclaim {

// ADL hook for RapidCheck counterexamples. `static`, not in the unnamed namespace: ADL must
// find it in namespace reclaim, and internal linkage keeps it from colliding with another
// test's printer when several test files link into one program.
static void showValue(const Request& r, std::ostream& os) {
  const Args& a = r.args;
  os << "Request{" << op_name(r.op) << " identity=" << r.identity << " nonce=" << r.nonce
     << " time=" << r.time << " device=" << a.device << " device2=" << a.device2
     << " kind=" << kind_name(a.kind) << " purpose=" << purpose_name(a.purpose)
     << " protect=" << a.protect << " key[0]=" << int{a.key[0]} << " duration=" << a.duration
     << " number=" << a.number << " actor=" << a.actor << " actor2=" << a.actor2
     << " weight=" << a.weight << " asset=" << a.asset << " amount=" << a.amount
     << " code=" << a.code << "}";
}
static void showValue(Op op, std::ostream& os) { os << op_name(op); }

namespace {

using Bytes = std::vector<uint8_t>;

constexpr std::size_t kHeader = 29;  // tag 8, identity 4, op 1, nonce 8, time 8

Bytes bytes_of(const Encoded& e) { return Bytes(e.view().begin(), e.view().end()); }

std::optional<Request> decode_bytes(const Bytes& b) { return decode(std::span(b)); }

std::vector<Op> all_ops() {
  std::vector<Op> ops;
  for (int v = 1; v <= kOpCount; ++v) ops.push_back(static_cast<Op>(v));
  return ops;
}

PublicKey key_with(uint8_t first) {
  PublicKey k{};
  for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<uint8_t>(first + i);
  return k;
}

// The fields each op reads, written out from the specification independently of the codec's
// own table, with every field non-default so a dropped or swapped field shows.
Request filled(Op op) {
  Request r;
  r.identity = 0x01020304;
  r.op = op;
  r.nonce = 0x1112131415161718;
  r.time = -5;  // negative times are legal and exercise two's complement
  Args& a = r.args;
  switch (op) {
    case Op::kAddDevice:
      a.device2 = 77;
      a.kind = DeviceKind::kSeedPhrase;
      a.purpose = Purpose::kRecovery;
      a.protect = true;
      a.key = key_with(1);
      break;
    case Op::kRemoveDevice:
    case Op::kProtect:
    case Op::kUnprotect:
      a.device = 66;
      break;
    case Op::kReplaceDevice:
      a.device = 66;
      a.device2 = 77;
      a.kind = DeviceKind::kHardwareWallet;
      a.purpose = Purpose::kRecovery;
      a.protect = true;
      a.key = key_with(2);
      break;
    case Op::kSetRemovalDelay:
      a.duration = kYear;
      break;
    case Op::kCancel:
    case Op::kSetGuardianThreshold:
      a.number = 3;
      break;
    case Op::kAddGuardian:
      a.actor = 9;
      a.weight = 5;
      a.key = key_with(3);
      break;
    case Op::kRemoveGuardian:
    case Op::kAddContact:
      a.actor = 9;
      break;
    case Op::kFollow:
      a.actor = 9;
      a.actor2 = 10;
      break;
    case Op::kStartRecovery:
      a.device2 = 88;
      a.kind = DeviceKind::kSecurityKey;
      a.key = key_with(4);
      break;
    case Op::kApproveRecovery:
    case Op::kVetoRecovery:
    case Op::kLock:
    case Op::kUnlock:
    case Op::kEnterRegistration:
      break;
    case Op::kLogin:
    case Op::kAppLogin:
      a.duration = 30 * kMinute;
      a.key = key_with(5);
      break;
    case Op::kTransfer:
    case Op::kWithdraw:
      a.asset = 2;
      a.amount = 500;
      a.actor = 11;
      break;
    case Op::kClawback:
    case Op::kSweep:
      a.asset = 2;
      break;
    case Op::kAddTentative:
      a.device2 = 99;
      a.kind = DeviceKind::kHardwareWallet;
      a.purpose = Purpose::kRecovery;
      a.protect = true;
      a.key = key_with(6);
      break;
    case Op::kVerifyTentative:
      a.code = 123456;
      break;
  }
  return r;
}

// The encoded length of each op, from the field widths in the specification.
std::size_t expected_size(Op op) {
  switch (op) {
    case Op::kAddDevice:
      return kHeader + 4 + 1 + 1 + 1 + 32;
    case Op::kReplaceDevice:
      return kHeader + 4 + 4 + 1 + 1 + 1 + 32;
    case Op::kSetRemovalDelay:
      return kHeader + 8;
    case Op::kAddGuardian:
      return kHeader + 4 + 4 + 32;
    case Op::kFollow:
      return kHeader + 4 + 4;
    case Op::kStartRecovery:
      return kHeader + 4 + 1 + 32;
    case Op::kApproveRecovery:
    case Op::kVetoRecovery:
    case Op::kLock:
    case Op::kUnlock:
    case Op::kEnterRegistration:
      return kHeader;
    case Op::kLogin:
    case Op::kAppLogin:
      return kHeader + 8 + 32;
    case Op::kTransfer:
    case Op::kWithdraw:
      return kHeader + 4 + 8 + 4;
    case Op::kAddTentative:
      return kHeader + 4 + 1 + 1 + 1 + 32;
    default:
      return kHeader + 4;  // one u32: device, number, actor, asset or code
  }
}

TEST(CodecTest, EveryOpRoundTrips) {
  for (Op op : all_ops()) {
    SCOPED_TRACE(op_name(op));
    const Request r = filled(op);
    const Encoded e = encode(r);
    EXPECT_EQ(e.size, expected_size(op));
    const auto back = decode(e.view());
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, r);
    EXPECT_EQ(bytes_of(encode(*back)), bytes_of(e));
  }
}

TEST(CodecTest, LongestOpFits) {
  std::size_t longest = 0;
  for (Op op : all_ops()) longest = std::max(longest, encode(filled(op)).size);
  EXPECT_EQ(longest, kHeader + 43);  // replace-device
  EXPECT_LE(longest, kMaxEncoded);
}

// The byte layout is what signatures and digests cover: pin it exactly.
TEST(CodecTest, WireLayoutIsPinned) {
  const Bytes remove = bytes_of(encode(filled(Op::kRemoveDevice)));
  const Bytes expected_remove = {
      'R',  'C',  'L',  'M',  'R',  'E',  'Q',  '1',   // tag
      0x01, 0x02, 0x03, 0x04,                          // identity
      0x02,                                            // op: remove-device
      0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18,  // nonce
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfb,  // time -5
      0x00, 0x00, 0x00, 0x42,                          // device 66
  };
  EXPECT_EQ(remove, expected_remove);

  const Bytes add = bytes_of(encode(filled(Op::kAddDevice)));
  ASSERT_EQ(add.size(), kHeader + 39);
  EXPECT_EQ(add[12], 0x01);  // op: add-device
  const Bytes fields(add.begin() + kHeader, add.begin() + kHeader + 7);
  EXPECT_EQ(fields, (Bytes{0x00, 0x00, 0x00, 77, 3, 1, 1}));  // device2, kind, purpose, protect
  EXPECT_EQ(add[kHeader + 7], 1);                             // key starts
  EXPECT_EQ(add.back(), 32);

  const Bytes transfer = bytes_of(encode(filled(Op::kTransfer)));
  const Bytes transfer_fields(transfer.begin() + kHeader, transfer.end());
  EXPECT_EQ(transfer_fields, (Bytes{0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0x01, 0xf4, 0, 0, 0, 11}));
}

TEST(CodecTest, UnusedFieldsDoNotChangeTheEncoding) {
  for (Op op : all_ops()) {
    SCOPED_TRACE(op_name(op));
    Request noisy = filled(op);
    const Request clean = noisy;
    // Touch every field; the ones the op reads are restored from `clean` by re-filling.
    Args& a = noisy.args;
    a.device = a.device == 0 ? 1234 : a.device;
    a.device2 = a.device2 == 0 ? 1234 : a.device2;
    a.actor = a.actor == 0 ? 1234 : a.actor;
    a.actor2 = a.actor2 == 0 ? 1234 : a.actor2;
    a.weight = a.weight == 0 ? 1234 : a.weight;
    a.asset = a.asset == 0 ? 1234 : a.asset;
    a.number = a.number == 0 ? 1234 : a.number;
    a.code = a.code == 0 ? 1234 : a.code;
    a.duration = a.duration == 0 ? 1234 : a.duration;
    a.amount = a.amount == 0 ? 1234 : a.amount;
    if (a.kind == DeviceKind::kPasskey) a.kind = DeviceKind::kSecurityKey;
    if (a.purpose == Purpose::kAuth) a.purpose = Purpose::kRecovery;
    a.protect = true;
    if (a.key == PublicKey{}) a.key = key_with(200);
    EXPECT_EQ(bytes_of(encode(noisy)), bytes_of(encode(clean)));
    // And decoding drops them back to their defaults.
    EXPECT_EQ(decode(encode(noisy).view()), clean);
  }
}

TEST(CodecTest, SignersAreNotEncodedAndNotDecoded) {
  Request r = filled(Op::kLock);
  const Bytes plain = bytes_of(encode(r));
  r.signers.push_back(SignatureEntry{SignerKind::kGuardian, 7, Signature{1, 2, 3}});
  EXPECT_EQ(bytes_of(encode(r)), plain);
  const auto back = decode_bytes(plain);
  ASSERT_TRUE(back.has_value());
  EXPECT_TRUE(back->signers.empty());
}

TEST(CodecTest, ExtremeValuesRoundTrip) {
  Request r = filled(Op::kTransfer);
  r.identity = std::numeric_limits<uint32_t>::max();
  r.nonce = std::numeric_limits<uint64_t>::max();
  r.time = std::numeric_limits<int64_t>::min();
  r.args.asset = std::numeric_limits<uint32_t>::max();
  r.args.amount = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(decode(encode(r).view()), r);
  r.op = Op::kSetRemovalDelay;
  r.args = Args{};
  r.args.duration = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(decode(encode(r).view()), r);
  r.args.duration = 0;
  EXPECT_EQ(decode(encode(r).view()), r);
}

TEST(CodecTest, RejectsEveryTruncation) {
  for (Op op : all_ops()) {
    SCOPED_TRACE(op_name(op));
    const Bytes full = bytes_of(encode(filled(op)));
    for (std::size_t n = 0; n < full.size(); ++n) {
      EXPECT_EQ(decode_bytes(Bytes(full.begin(), full.begin() + n)), std::nullopt) << n;
    }
  }
}

TEST(CodecTest, RejectsTrailingBytes) {
  for (Op op : all_ops()) {
    SCOPED_TRACE(op_name(op));
    Bytes b = bytes_of(encode(filled(op)));
    b.push_back(0);
    EXPECT_EQ(decode_bytes(b), std::nullopt);
    b.back() = 0xff;
    EXPECT_EQ(decode_bytes(b), std::nullopt);
  }
}

TEST(CodecTest, RejectsABadTag) {
  const Bytes good = bytes_of(encode(filled(Op::kCancel)));
  for (std::size_t i = 0; i < 8; ++i) {
    Bytes b = good;
    b[i] ^= 0x20;  // e.g. "rCLMREQ1": case matters
    EXPECT_EQ(decode_bytes(b), std::nullopt) << i;
  }
  Bytes v2 = good;
  v2[7] = '2';  // a future version is not this version
  EXPECT_EQ(decode_bytes(v2), std::nullopt);
}

TEST(CodecTest, RejectsAnUnknownOp) {
  Bytes b = bytes_of(encode(filled(Op::kLock)));  // header only, like every no-field op
  for (int op : {0, kOpCount + 1, 0x80, 0xff}) {
    b[12] = static_cast<uint8_t>(op);
    EXPECT_EQ(decode_bytes(b), std::nullopt) << op;
  }
}

TEST(CodecTest, RejectsALengthThatBelongsToAnotherOp) {
  // A valid remove-device relabelled as add-device (or lock) is the wrong length for its op.
  Bytes b = bytes_of(encode(filled(Op::kRemoveDevice)));
  b[12] = static_cast<uint8_t>(Op::kAddDevice);
  EXPECT_EQ(decode_bytes(b), std::nullopt);
  b[12] = static_cast<uint8_t>(Op::kLock);
  EXPECT_EQ(decode_bytes(b), std::nullopt);
}

TEST(CodecTest, RejectsEnumsOutOfRange) {
  // add-device: device2 at [29, 33), kind at 33, purpose at 34, protect at 35.
  const Bytes good = bytes_of(encode(filled(Op::kAddDevice)));
  for (uint8_t kind : {5, 6, 0x80, 0xff}) {
    Bytes b = good;
    b[kHeader + 4] = kind;
    EXPECT_EQ(decode_bytes(b), std::nullopt) << int{kind};
  }
  for (uint8_t purpose : {2, 3, 0xff}) {
    Bytes b = good;
    b[kHeader + 5] = purpose;
    EXPECT_EQ(decode_bytes(b), std::nullopt) << int{purpose};
  }
  // start-recovery's kind sits right after device2, and add-tentative's purpose too.
  Bytes start = bytes_of(encode(filled(Op::kStartRecovery)));
  start[kHeader + 4] = 5;
  EXPECT_EQ(decode_bytes(start), std::nullopt);
  Bytes tentative = bytes_of(encode(filled(Op::kAddTentative)));
  tentative[kHeader + 5] = 2;
  EXPECT_EQ(decode_bytes(tentative), std::nullopt);
}

TEST(CodecTest, RejectsABooleanOtherThanZeroOrOne) {
  const Bytes add = bytes_of(encode(filled(Op::kAddDevice)));
  for (uint8_t v : {2, 0xff}) {
    Bytes b = add;
    b[kHeader + 6] = v;
    EXPECT_EQ(decode_bytes(b), std::nullopt) << int{v};
  }
  Bytes replace = bytes_of(encode(filled(Op::kReplaceDevice)));
  replace[kHeader + 10] = 2;  // device 4, device2 4, kind 1, purpose 1, protect
  EXPECT_EQ(decode_bytes(replace), std::nullopt);
  // 0 and 1 are both fine.
  Bytes zero = add;
  zero[kHeader + 6] = 0;
  const auto decoded = decode_bytes(zero);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_FALSE(decoded->args.protect);
}

TEST(CodecTest, RejectsANegativeDuration) {
  Request r = filled(Op::kSetRemovalDelay);
  r.args.duration = -1;
  EXPECT_EQ(decode(encode(r).view()), std::nullopt);
  r.args.duration = std::numeric_limits<int64_t>::min();
  EXPECT_EQ(decode(encode(r).view()), std::nullopt);
  Request login = filled(Op::kLogin);
  login.args.duration = -kDay;
  EXPECT_EQ(decode(encode(login).view()), std::nullopt);
}

TEST(CodecTest, RejectsANegativeAmount) {
  for (Op op : {Op::kTransfer, Op::kWithdraw}) {
    Request r = filled(op);
    r.args.amount = -500;
    EXPECT_EQ(decode(encode(r).view()), std::nullopt) << op_name(op);
  }
}

TEST(CodecTest, EncodingAnUnknownOpNeverDecodes) {
  // encode is total (apply encodes whatever it is given); what it makes of nonsense must
  // not be mistaken for a canonical request.
  Request r = filled(Op::kLock);
  r.op = static_cast<Op>(0);
  EXPECT_EQ(encode(r).size, kHeader);
  EXPECT_EQ(decode(encode(r).view()), std::nullopt);
  Request bad_kind = filled(Op::kAddDevice);
  bad_kind.args.kind = static_cast<DeviceKind>(9);
  EXPECT_EQ(decode(encode(bad_kind).view()), std::nullopt);
}

// ---- properties ----

rc::Gen<uint32_t> gen_u32() { return rc::gen::arbitrary<uint32_t>(); }

// Every non-negative int64, the extremes included (gen::inRange excludes its upper bound).
rc::Gen<int64_t> gen_non_negative() {
  return rc::gen::map(rc::gen::arbitrary<int64_t>(), [](int64_t v) { return v < 0 ? ~v : v; });
}

// A canonical request for `op`: random values in every field the op reads, defaults elsewhere.
Request gen_request(Op op) {
  Request r;
  r.op = op;
  r.identity = *gen_u32();
  r.nonce = *rc::gen::arbitrary<uint64_t>();
  r.time = *rc::gen::arbitrary<int64_t>();
  Args& a = r.args;
  const auto kind = [] {
    return *rc::gen::element(DeviceKind::kPasskey, DeviceKind::kSecurityKey,
                             DeviceKind::kHardwareWallet, DeviceKind::kSeedPhrase,
                             DeviceKind::kTotp);
  };
  const auto purpose = [] { return *rc::gen::element(Purpose::kAuth, Purpose::kRecovery); };
  const auto key = [] { return *rc::gen::arbitrary<PublicKey>(); };
  switch (op) {
    case Op::kAddDevice:
      a.device2 = *gen_u32();
      a.kind = kind();
      a.purpose = purpose();
      a.protect = *rc::gen::arbitrary<bool>();
      a.key = key();
      break;
    case Op::kRemoveDevice:
    case Op::kProtect:
    case Op::kUnprotect:
      a.device = *gen_u32();
      break;
    case Op::kReplaceDevice:
      a.device = *gen_u32();
      a.device2 = *gen_u32();
      a.kind = kind();
      a.purpose = purpose();
      a.protect = *rc::gen::arbitrary<bool>();
      a.key = key();
      break;
    case Op::kSetRemovalDelay:
      a.duration = *gen_non_negative();
      break;
    case Op::kCancel:
    case Op::kSetGuardianThreshold:
      a.number = *gen_u32();
      break;
    case Op::kAddGuardian:
      a.actor = *gen_u32();
      a.weight = *gen_u32();
      a.key = key();
      break;
    case Op::kRemoveGuardian:
    case Op::kAddContact:
      a.actor = *gen_u32();
      break;
    case Op::kFollow:
      a.actor = *gen_u32();
      a.actor2 = *gen_u32();
      break;
    case Op::kStartRecovery:
      a.device2 = *gen_u32();
      a.kind = kind();
      a.key = key();
      break;
    case Op::kApproveRecovery:
    case Op::kVetoRecovery:
    case Op::kLock:
    case Op::kUnlock:
    case Op::kEnterRegistration:
      break;
    case Op::kLogin:
    case Op::kAppLogin:
      a.duration = *gen_non_negative();
      a.key = key();
      break;
    case Op::kTransfer:
    case Op::kWithdraw:
      a.asset = *gen_u32();
      a.amount = *gen_non_negative();
      a.actor = *gen_u32();
      break;
    case Op::kClawback:
    case Op::kSweep:
      a.asset = *gen_u32();
      break;
    case Op::kAddTentative:
      a.device2 = *gen_u32();
      a.kind = kind();
      a.purpose = purpose();
      a.protect = *rc::gen::arbitrary<bool>();
      a.key = key();
      break;
    case Op::kVerifyTentative:
      a.code = *gen_u32();
      break;
  }
  return r;
}

// The property the format exists for: decode accepts only what encode produces.
void check_canonical(const Bytes& bytes) {
  const auto decoded = decode_bytes(bytes);
  RC_CLASSIFY(decoded.has_value(), "decoded");
  if (decoded) {
    RC_ASSERT(bytes_of(encode(*decoded)) == bytes);
  }
}

}  // namespace

RC_GTEST_PROP(CodecProperty, RandomBytesFailOrReencodeExactly, (const std::vector<uint8_t>& raw)) {
  check_canonical(raw);
  // Behind a valid tag, so the rest of the parser is reached too.
  // (Built by resize and copy: GCC 12's -Warray-bounds misfires on vector::insert at -O2.)
  const Bytes tag = {'R', 'C', 'L', 'M', 'R', 'E', 'Q', '1'};
  Bytes tagged(tag.size() + raw.size());
  std::copy(tag.begin(), tag.end(), tagged.begin());
  std::copy(raw.begin(), raw.end(), tagged.begin() + tag.size());
  check_canonical(tagged);
  // Random bytes behind a valid tag and op at exactly that op's length: the only shape that
  // can decode, so the field checks (enums, booleans, signs) see random values.
  const Op op = *rc::gen::elementOf(all_ops());
  Bytes shaped = *rc::gen::container<Bytes>(expected_size(op), rc::gen::arbitrary<uint8_t>());
  std::copy(tag.begin(), tag.end(), shaped.begin());
  shaped[12] = static_cast<uint8_t>(op);
  check_canonical(shaped);
}

RC_GTEST_PROP(CodecProperty, MutatedEncodingsFailOrReencodeExactly, ()) {
  // Random bytes almost never have the right length for their op; start from a valid
  // encoding and damage it so that decode's field checks are what gets exercised.
  const Op op = *rc::gen::elementOf(all_ops());
  Bytes b = bytes_of(encode(*rc::gen::exec([op] { return gen_request(op); })));
  const int edits = *rc::gen::inRange(1, 4);
  for (int i = 0; i < edits; ++i) {
    const std::size_t at = *rc::gen::inRange<std::size_t>(0, b.size());
    b[at] = *rc::gen::arbitrary<uint8_t>();
  }
  if (*rc::gen::arbitrary<bool>()) b.resize(*rc::gen::inRange<std::size_t>(0, b.size() + 2));
  check_canonical(b);
}

RC_GTEST_PROP(CodecProperty, EncodeDecodeRoundTripsEveryOp, ()) {
  for (Op op : all_ops()) {
    const Request r = *rc::gen::exec([op] { return gen_request(op); });
    const Encoded e = encode(r);
    RC_ASSERT(e.size == expected_size(op));
    const auto back = decode(e.view());
    RC_ASSERT(back.has_value());
    RC_ASSERT(*back == r);
  }
}

}  // namespace reclaim
