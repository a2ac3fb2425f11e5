// The standard identity: the one setup every engine and test starts from unless it is given
// another (a scenario's setup section). As a scenario it reads:
//   identity alice                                  (actor alice owns it)
//   device alice/laptop   passkey          auth
//   device alice/yubikey  security-key     auth
//   device alice/phrase   seed-phrase      recovery protected  (protected where the policy
//                                                               has protection)
//   device alice/trezor   hardware-wallet  auth      (only with `trezor`)
//   guardian alice/bob, alice/carol, alice/dave weight 1        (where the policy has guardians)
//   asset alice/neuron 500 locked-until 30d
//   setting alice removal-delay D       (the policy's default delay, or 1w when that is 0, so
//                                        that a reactive owner's rho can be below it)
//   setting alice guardian-threshold 2  (where the policy has guardians)
// and the attacker is mallory. Actors are created in the order a replay of the written
// scenario creates them (the owner, the guardians, then the attacker), so actor ids, keys
// and therefore whole traces are the same when `reclaim run` replays a run written from it.
#ifndef RECLAIM_SIM_STANDARD_IDENTITY_H_
#define RECLAIM_SIM_STANDARD_IDENTITY_H_

#include <array>
#include <cstdint>
#include <string>

#include "sim/world.h"

namespace reclaim {

inline const std::string kStandardOwner = "alice";  // the owner, and the identity's name
inline const std::string kStandardAttacker = "mallory";
inline const std::array<std::string, 3> kStandardGuardians = {"bob", "carol", "dave"};
inline const std::string kStandardAsset = "alice/neuron";
inline constexpr int64_t kStandardAssetAmount = 500;
inline constexpr Time kStandardAssetLock = 30 * kDay;
inline constexpr uint32_t kStandardGuardianThreshold = 2;
inline constexpr Duration kStandardRemovalDelay = kWeek;  // when the policy's default is 0
// Keys derive from the world seed; `reclaim run` replays with seed 1 by default, so engines
// that write scenarios use 1 as well and a replay reproduces the very same trace.
inline constexpr uint64_t kStandardSeed = 1;

// What an engine may vary (the fuzz driver's header does); the defaults are the standard.
struct StandardOptions {
  bool phrase_protected = true;  // where the policy has protection
  bool trezor = false;           // a fourth device, alice/trezor hardware-wallet auth
  uint32_t first_guardian_weight = 1;  // bob's weight
  uint32_t guardian_threshold = kStandardGuardianThreshold;
  Time asset_locked_until = kStandardAssetLock;
  Duration removal_delay = -1;  // -1: the policy's default, or kStandardRemovalDelay if 0
};

struct StandardIdentity {
  IdentityId id = kNone;
  ActorId alice = kNone, mallory = kNone;
  std::array<ActorId, 3> guardians{};  // bob, carol, dave (kNone without guardians)
  DeviceId laptop = kNone, yubikey = kNone, phrase = kNone, trezor = kNone;
  uint32_t neuron = 0;
};

// Builds the standard identity into `world`, which must be empty, and ends its setup
// (world.begin()). Contract: never fails for a policy a variant file can hold (at least one
// device allowed); a device the policy cannot hold is left out.
StandardIdentity build_standard_identity(World& world, const StandardOptions& options = {});

}  // namespace reclaim

#endif  // RECLAIM_SIM_STANDARD_IDENTITY_H_
