// The byte format fuzz_protocol, fuzz_differential and the seed converter share: a fuzz input
// is a 4-byte header (variant, setup flags, removal delay, guardian threshold) followed by
// fixed-width 5-byte actions. An action is an opcode byte and four argument bytes that are
// read as indices into the world's current state (devices the actor holds, registered
// devices, pending changes, sent requests), so a mutated byte still names something that
// exists and the mutation stays meaningful. Every byte string decodes: short headers are
// zero-padded, a trailing partial action is ignored, actions past kMaxActions are ignored.
//
// The format is stable: opcodes, tables and field meanings are append-only, so committed
// corpora and regression inputs keep their meaning. A seed written today replays the same
// run tomorrow (the world is seeded with the fixed kRunSeed; nothing reads a clock).
#ifndef RECLAIM_FUZZ_UTIL_PROTOCOL_INPUT_H_
#define RECLAIM_FUZZ_UTIL_PROTOCOL_INPUT_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/types.h"

namespace reclaim::fuzz {

inline constexpr std::size_t kHeaderSize = 4;
inline constexpr std::size_t kActionSize = 5;
inline constexpr std::size_t kMaxActions = 32;
inline constexpr std::size_t kMaxInputSize = kHeaderSize + kActionSize * kMaxActions;  // 164
inline constexpr uint64_t kRunSeed = 1;  // the World's key seed for every fuzz run

// Header flag bits.
inline constexpr uint8_t kFlagReactive = 1 << 0;        // alice reacts (also forced, see driver)
inline constexpr uint8_t kFlagReactionShift = 1;        // bits 1-2: index into kReactionTable
inline constexpr uint8_t kFlagTrezor = 1 << 3;          // alice also has a hardware wallet
inline constexpr uint8_t kFlagPhraseUnprotected = 1 << 4;
inline constexpr uint8_t kFlagAssetLocked = 1 << 5;     // the asset is locked (the standard 30 d)
inline constexpr uint8_t kFlagHeavyGuardian = 1 << 6;   // bob weighs 2

struct Header {
  uint8_t variant = 0;    // index into the campaign's variant list (ignored when fixed)
  uint8_t flags = 0;
  uint8_t delay = 0;      // index into the removal-delay choices (driver.h)
  uint8_t threshold = 0;  // 0 = policy default, else 1 + (threshold - 1) % 3
  friend bool operator==(const Header&, const Header&) = default;
};

// Opcodes (the opcode byte modulo kOpcodeCount). Requests follow the events: opcode
// kFirstRequest + k is the request Op(k + 1).
enum class Opcode : uint8_t {
  kAdvance = 0,  // b & 3: 0 by kDurations[a]; 1 to next due - 1; 2 to next due (+ (b >> 2) & 1);
                 // 3 by (mask | a << 8 | (b >> 2) << 16) minutes
  kSteal,        // who: actor; a: device candidate index
  kCopy,         // who: actor; a: device candidate index
  kLose,         // who: actor; a: index into the devices the actor holds
  kHijack,       // who: actor (gets alice's session delegations)
  kCollude,      // who: actor
  kReacts,       // alice reacts within kDurations[a]
  kReplay,       // who: actor; a: index into the sent, non-reactive requests; b % 4: how it is
                 // crafted (Craft: 0 unchanged, 1 signatures reordered, 2 the first doubled,
                 // 3 with the signatures of the request mask indexes added)
  kFirstRequest,
};
inline constexpr int kOpcodeCount = static_cast<int>(Opcode::kFirstRequest) + kOpCount;  // 33

// For a request action: who & 7 picks the actor (kActorSlots in driver.h: alice, mallory, bob,
// carol, dave, mallory, mallory, alice — the attacker and the owner get the spare values),
// (who >> 3) & 7 the signer mode (0-4 devices, 5 session — an app delegation when mask bit 7
// is set, the front end's own session otherwise —, 6 guardian, 7 unsigned: device
// signatures are what most rules judge); in device mode bit 6 adds the guardians' co-signatures
// (bit 7: one short of the quorum) where the policy asks for them (kWhoCosign in driver.h);
// mask selects devices among
// those the actor holds (bit i = i-th held device, at most kMaxSigners); a and b are the
// op's arguments (driver.cc documents each op).
struct Action {
  uint8_t op = 0;
  uint8_t who = 0;
  uint8_t mask = 0;
  uint8_t a = 0;
  uint8_t b = 0;
  friend bool operator==(const Action&, const Action&) = default;
};

struct Input {
  Header header;
  std::vector<Action> actions;  // at most kMaxActions
};

Input decode_input(std::span<const uint8_t> bytes);
std::vector<uint8_t> encode_input(const Input& input);

Opcode opcode_of(const Action& a);
bool is_request(const Action& a);
Op request_op(const Action& a);  // contract: is_request(a)

// The durations an action can name: the language's units, the protocol's delays and
// exactly one second either side of each (the boundaries the rules are most likely to get
// wrong). Append only.
inline constexpr std::array<Duration, 40> kDurations = {
    1, 59, kMinute, 5 * kMinute, 5 * kMinute + 1, 15 * kMinute - 1, 15 * kMinute,
    15 * kMinute + 1, 30 * kMinute - 1, 30 * kMinute, 30 * kMinute + 1, kHour, 12 * kHour,
    kDay - 1, kDay, kDay + 1, 36 * kHour, 2 * kDay - 1, 2 * kDay, 2 * kDay + 1, 3 * kDay - 1,
    3 * kDay, 3 * kDay + 1, 5 * kDay, 6 * kDay, kWeek - 1, kWeek, kWeek + 1, 8 * kDay,
    kMonth - 1, kMonth, kMonth + 1, 60 * kDay, 180 * kDay, kYear - 1, kYear, kYear + 1,
    2 * kYear, 0, 10};

// Reaction windows the header can choose for alice.
// A window is positive: the owner answers after the notification, never in its instant.
inline constexpr std::array<Duration, 4> kReactionTable = {kDay, 2 * kDay, kHour, 1};

// Amounts a transfer or withdrawal can name (the standard asset holds 500).
inline constexpr std::array<int64_t, 8> kAmounts = {1, 100, 250, 499, 500, 501, 1000, 0};

// "opcode who mask a b" per action, for logs and tests.
std::string describe(const Action& a);

}  // namespace reclaim::fuzz

#endif  // RECLAIM_FUZZ_UTIL_PROTOCOL_INPUT_H_
