// The standard identity every symbolic search starts from: the random engine's world
// (random/model.h), so that a counterexample is written with its setup lines and
// replays from the very same state.
//   alice: laptop (passkey, auth), yubikey (security-key, auth), phrase (seed-phrase,
//   recovery, protected where the policy has protection), all held by alice; guardians bob,
//   carol, dave of weight 1 and threshold 2 where the policy has guardians; the asset
//   alice/neuron of 500 locked until 30 d; removal delay 1 w when the policy's default is 0.
#ifndef RECLAIM_SYMBOLIC_INITIAL_H_
#define RECLAIM_SYMBOLIC_INITIAL_H_

#include <string>

#include "model/policy.h"
#include "symbolic/state.h"

namespace reclaim::sym {

inline constexpr int kLaptop = 0, kYubikey = 1, kPhrase = 2;  // device slots
inline constexpr int kStandardGuardians = 3;
inline constexpr uint32_t kStandardThreshold = 2;
inline constexpr int64_t kStandardAsset = 500;
inline constexpr Duration kStandardAssetLock = 30 * kDay;
inline constexpr Duration kStandardRemovalDelay = kWeek;

SymState initial_state(z3::context& c, const Policy& policy, const Scope& scope);

// Names in the scenario language: device slots (alice/laptop, alice/yubikey, alice/phrase,
// then alice/new1, alice/new2, ...) and actors (alice, mallory, bob, carol, dave, then
// guardian4, ...).
std::string device_name(int slot);
std::string actor_name(int actor);

}  // namespace reclaim::sym

#endif  // RECLAIM_SYMBOLIC_INITIAL_H_
