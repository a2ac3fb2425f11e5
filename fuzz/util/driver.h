// Driver: interprets a decoded fuzz input (protocol_input.h) against a World with one fixed
// standard setup, so that every engine reading the same bytes — fuzz_protocol,
// fuzz_differential, the seed converter — builds the same run.
//
// Setup: the standard identity (sim/standard_identity.h), varied by the header: an
// unprotected phrase (kFlagPhraseUnprotected), alice/trezor (kFlagTrezor), bob weighing 2
// (kFlagHeavyGuardian), the asset locked (kFlagAssetLocked) or not, the guardian threshold
// (header.threshold, 0 = the policy's default) and the removal delay
// (removal_delay_choices(policy)[header.delay % size]). The actors bob, carol and dave exist
// under every policy (an action may name them); then, as the first step at time 0,
// `alice reacts within kReactionTable[...]` when the header asks for it or the caller forces
// it (campaigns checking RECLAIM or EVICT).
//
// An action that names nothing usable (no held device to lose, no request to replay, a
// session the actor does not hold) does nothing; nothing an input says is an error.
// Every loop is bounded: at most kMaxActions actions, time never past kMaxFuzzTime.
#ifndef RECLAIM_FUZZ_UTIL_DRIVER_H_
#define RECLAIM_FUZZ_UTIL_DRIVER_H_

#include <array>
#include <string_view>
#include <vector>

#include "fuzz/util/protocol_input.h"
#include "model/ops.h"
#include "model/policy.h"
#include "sim/world.h"

namespace reclaim::fuzz {

inline constexpr std::array<std::string_view, 5> kActorNames = {"alice", "mallory", "bob",
                                                                "carol", "dave"};
// who & 7 -> index into kActorNames.
inline constexpr std::array<uint8_t, 8> kActorSlots = {0, 1, 2, 3, 4, 1, 1, 0};
// Signer modes of (who >> 3) & 7.
inline constexpr uint8_t kSignDevices = 0, kSignSession = 5, kSignGuardian = 6, kSignNone = 7;
// In session mode, this mask bit signs with the actor's newest app delegation instead of its
// newest front-end session.
inline constexpr uint8_t kMaskAppSession = 0x80;
// In device mode, where the policy has guardians co-sign the op (Argent: R-DEV-12 for add,
// remove and replace, R-AST-6 for transfer), this `who` bit adds after the devices the
// guardians of alice the actor can obtain (sim/world.h cosign_refusal), in guardian order, up
// to the quorum ceil(n/2); with kWhoCosignShort too, one fewer (a `threshold` rejection).
inline constexpr uint8_t kWhoCosign = 0x40, kWhoCosignShort = 0x80;
inline constexpr Time kMaxFuzzTime = 10 * kYear;

// The removal delays header.delay picks from: the policy's menu when it has one; else the
// policy default (when positive) followed by a fixed list starting at 1w, so that the zero
// header gives ii-2021 a delay a reactive owner can beat (RECLAIM is vacuous without one).
std::vector<Duration> removal_delay_choices(const Policy& policy);

class Driver {
 public:
  Driver(const Policy& policy, const Header& header, bool force_reactive);

  // Applies one action; returns whether it recorded anything.
  bool apply(const Action& action);

  World& world() { return world_; }
  const World& world() const { return world_; }
  IdentityId alice() const { return alice_; }
  ActorId actor(std::size_t index) const { return actors_[index % actors_.size()]; }
  ActorId actor_of(const Action& a) const { return actor(kActorSlots[a.who & 7]); }

  // The candidate lists actions index into (the converter inverts them):
  // alice's registered devices in state order, then every other device the world named, by id.
  std::vector<DeviceId> device_candidates() const;
  // Devices `a` holds, by ascending id.
  std::vector<DeviceId> held(ActorId a) const;
  // Indices into world().steps() of the request steps a replay may re-send (non-reactive).
  const std::vector<std::size_t>& replayable() const { return replayable_; }
  // The device the last request action created a name for (kNone if it made none).
  DeviceId last_new_device() const { return last_new_; }

 private:
  bool advance(const Action& a);
  bool request(const Action& a);
  void fill_by_role(const OpInfo& op, const Action& a, Args& args, ActorId& receiver);
  DeviceId new_device(char prefix);
  void note_request(std::size_t steps_before);

  World world_;
  IdentityId alice_ = kNone;
  std::array<ActorId, kActorNames.size()> actors_{};
  std::vector<std::size_t> replayable_;
  uint32_t next_name_ = 1;
  DeviceId last_new_ = kNone;
};

}  // namespace reclaim::fuzz

#endif  // RECLAIM_FUZZ_UTIL_DRIVER_H_
