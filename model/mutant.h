// Deliberately broken rules, for mutation testing only. Every checker of the invariant
// catalogue must be shown to catch a broken rule; these are the breaks. A Policy carries at
// most one mutant (Policy::mutant); variant files cannot set it, so no variant ever runs a
// mutant outside the tests and mutation campaigns that ask for one.
#ifndef RECLAIM_MODEL_MUTANT_H_
#define RECLAIM_MODEL_MUTANT_H_

#include <cstdint>
#include <string_view>

namespace reclaim {

enum class Mutant : uint8_t {
  kNone = 0,
  kDelayDecreaseImmediate,  // R-TL-3 broken: a delay decrease applies at once
  kProtectedUnchecked,      // R-DEV-5 broken: anyone removes a protected device
  kGuardianWeightTwice,     // R-SOC-7 broken: each approving guardian's weight counts twice
  kReplayNotStored,         // R-REQ-5 broken: accepted digests are not remembered
  kDeadlineEarly,           // R-TL-5 broken: pending changes mature one second early
  kTimelockSkipped,         // R-TL-1 broken: recovery-device removal takes effect at once
  kTwoFactorOneDevice,      // R-2FA-1 broken: one device passes two-factor
  kRemovalUnnotified,       // R-DEV-11 broken: device removals notify nobody
  kSessionManagesDevices,   // R-DEV-1 broken: a session manages devices whatever the policy
  kVetoIgnored,             // R-SOC-6 broken: a veto is accepted but the recovery goes on
  kAssetLockIgnored,        // R-AST-2 broken: locked assets move
  kTentativeCodeUnchecked,  // R-REG-5 broken: any code confirms a tentative device
  kDeviceLimitOffByOne,     // R-DEV-2 broken: one device more than the policy allows
  kRecoveryWithoutQuorum,   // R-SOC-8 broken: a due recovery completes without quorum
  kAssetOneFactor,          // R-AST-9 broken: one factor moves assets under two_factor_assets
};
inline constexpr int kMutantCount = 15;  // excluding kNone

std::string_view mutant_name(Mutant m);

}  // namespace reclaim

#endif  // RECLAIM_MODEL_MUTANT_H_
