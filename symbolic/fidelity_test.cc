// Argent's and Argent on Starknet's fidelity settings in the encoding (coverage.cc calls them
// modelled): for each, a script on the model that reaches the rule it switches, which the
// encoding of the same policy follows step for step, and which an encoding with that one
// setting switched back disagrees with. A setting the encoding ignored, or read wrongly, fails
// here.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>

#include "sim/testing.h"
#include "symbolic/differential.h"

namespace reclaim::sym {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary
using Script = std::function<void(Bed&)>;

struct Compared {
  std::string failure;  // the first disagreement (empty: none)
  bool left = false;    // the run left the scope
  std::string why;      // why it left
};

// Runs `script` on the standard identity under `world`, then follows every step with an
// encoding of `encoded` (and its invariants, judged against the model's checkers).
Compared compare(const Policy& world, const Policy& encoded, const Script& script) {
  Bed a(world, kStandard);
  script(a);
  z3::context c;
  const Encoding enc(c, encoded, wide_scope());
  const Evaluator ev(enc);
  TraceCheck trace(enc, ev, a.world);
  if (trace.start(true) && trace.sync()) trace.judge_invariants(true);
  return {trace.failure(), trace.left_scope(), trace.scope_why()};
}

// The encoding of `policy` follows the script, and one with `flip` applied does not.
void has_teeth(const Policy& policy, const std::function<void(Policy&)>& flip,
               const Script& script) {
  const Compared same = compare(policy, policy, script);
  EXPECT_TRUE(same.failure.empty()) << same.failure;
  EXPECT_FALSE(same.left) << same.why;
  Policy other = policy;
  flip(other);
  const Compared differs = compare(policy, other, script);
  EXPECT_FALSE(differs.left) << differs.why;
  EXPECT_FALSE(differs.failure.empty()) << "an encoding without the setting agreed";
  std::printf("without the setting: %s\n",
              differs.failure.substr(0, differs.failure.find('\n')).c_str());
}

SignWith with_cosigners(std::vector<DeviceId> devices, std::vector<ActorId> guardians) {
  SignWith w{std::move(devices), false, false};
  w.cosigners = std::move(guardians);
  return w;
}

Args new_device(Bed& a, const std::string& name) {
  Args g;
  g.device2 = a.Fresh(name);
  return g;
}

Args actor(ActorId x) {
  Args g;
  g.actor = x;
  g.weight = 1;
  return g;
}

// R-DEV-12: a device change needs ceil(n/2) guardians beside the owner's device.
TEST(Fidelity, CosignedDeviceChanges) {
  has_teeth(
      argent(), [](Policy& p) { p.cosign_device_changes = false; },
      [](Bed& a) {
        EXPECT_EQ(a.Do(a.alice, Op::kAddDevice, new_device(a, "new1"),
                       with_cosigners({a.laptop}, {a.bob, a.carol})),
                  "accepted none R-DEV-11");
        EXPECT_EQ(a.Do(a.alice, Op::kAddDevice, new_device(a, "new2"), By({a.laptop})),
                  "rejected threshold R-DEV-12");
      });
}

// R-AST-6: so does a transfer, to a recipient that is no trusted contact.
TEST(Fidelity, CosignedTransfers) {
  has_teeth(
      argent(), [](Policy& p) { p.cosign_transfers = false; },
      [](Bed& a) {
        Args g = actor(a.alice);
        g.asset = a.neuron;
        g.amount = 10;
        EXPECT_EQ(a.Do(a.alice, Op::kTransfer, g, By({a.laptop})), "rejected threshold R-AST-6");
      });
}

// R-AST-10: add-contact trusts its recipient after the contact delay (at once when co-signed);
// a transfer to it then needs no guardian, and ASSET (symbolic and concrete) agrees.
Script contact_then_transfer() {
  return [](Bed& a) {
    EXPECT_EQ(a.Do(a.alice, Op::kAddContact, actor(a.mallory), By({a.laptop})),
              "accepted none R-AST-10");
    EXPECT_EQ(
        a.Do(a.alice, Op::kAddContact, actor(a.bob), with_cosigners({a.laptop}, {a.bob, a.dave})),
        "accepted none R-AST-10");
    a.world.advance_to(31 * kDay);  // past the asset's lock
    a.Event(EventKind::kSteal, a.mallory, a.laptop);
    Args g = actor(a.mallory);
    g.asset = a.neuron;
    g.amount = 100;
    EXPECT_EQ(a.Do(a.mallory, Op::kTransfer, g, By({a.laptop})), "accepted none R-AST-5");
  };
}
TEST(Fidelity, TrustedContacts) {
  has_teeth(
      argent(), [](Policy& p) { p.trusted_contacts = false; }, contact_then_transfer());
}
TEST(Fidelity, ContactDelay) {
  has_teeth(
      argent(), [](Policy& p) { p.contact_delay = 0; }, contact_then_transfer());
}

// R-SOC-11: a recovery executed at quorum locks for the lock period, and guardians cannot lift it.
TEST(Fidelity, RecoveryLock) {
  has_teeth(
      argent(), [](Policy& p) { p.recovery_lock = RecoveryLock::kUntilDue; },
      [](Bed& a) {
        EXPECT_EQ(a.Do(a.bob, Op::kStartRecovery, new_device(a, "new1"), AsGuardian(), a.alice),
                  "accepted none R-SOC-4");
        EXPECT_EQ(a.Do(a.carol, Op::kApproveRecovery, Args{}, AsGuardian()),
                  "accepted none R-SOC-5");
        EXPECT_EQ(a.Do(a.dave, Op::kUnlock, Args{}, AsGuardian()), "rejected locked R-SOC-11");
      });
}

// R-SOC-12: lock needs an unlocked identity.
TEST(Fidelity, LockNeedsUnlocked) {
  has_teeth(
      argent(), [](Policy& p) { p.lock_needs_unlocked = false; },
      [](Bed& a) {
        EXPECT_EQ(a.Do(a.bob, Op::kLock, Args{}, AsGuardian()), "accepted none R-SOC-9");
        EXPECT_EQ(a.Do(a.carol, Op::kLock, Args{}, AsGuardian()), "rejected locked R-SOC-12");
      });
}

// R-SOC-13: a due guardian addition waits out a lock, and lapses when its window ends.
TEST(Fidelity, LockBlocksConfirmation) {
  has_teeth(
      argent(), [](Policy& p) { p.lock_blocks_confirmation = false; },
      [](Bed& a) {
        EXPECT_EQ(a.Do(a.alice, Op::kAddGuardian, actor(a.mallory), By({a.laptop})),
                  "pending none R-SOC-2");
        EXPECT_EQ(a.Do(a.bob, Op::kLock, Args{}, AsGuardian()), "accepted none R-SOC-9");
        a.world.advance_to(2 * kDay);
        EXPECT_EQ(a.I().guardian(a.mallory), nullptr);
      });
}

// R-TL-13: the owner cancels a pending guardian change without a timelock.
TEST(Fidelity, OwnerCancelsGuardianChanges) {
  has_teeth(
      argent(), [](Policy& p) { p.owner_cancels_guardian_changes = false; },
      [](Bed& a) {
        EXPECT_EQ(a.Do(a.alice, Op::kAddGuardian, actor(a.mallory), By({a.laptop})),
                  "pending none R-SOC-2");
        Args g;
        g.number = a.change;
        EXPECT_EQ(a.Do(a.alice, Op::kCancel, g, By({a.laptop})), "accepted none R-TL-13");
      });
}

// R-SOC-15 "always": a later start replaces the running recovery (past the escape interval).
TEST(Fidelity, AnyStartReplaces) {
  has_teeth(
      argent_starknet(), [](Policy& p) { p.recovery_replace = RecoveryReplace::kNever; },
      [](Bed& a) {
        EXPECT_EQ(a.Do(a.bob, Op::kStartRecovery, new_device(a, "new1"), AsGuardian(), a.alice),
                  "accepted none R-SOC-4");
        a.world.advance_to(13 * kHour);
        EXPECT_EQ(a.Do(a.carol, Op::kStartRecovery, new_device(a, "new2"), AsGuardian(), a.alice),
                  "accepted none R-SOC-15");
      });
}

// R-SOC-18: no second start within the escape interval.
TEST(Fidelity, EscapeInterval) {
  has_teeth(
      argent_starknet(), [](Policy& p) { p.escape_interval = 0; },
      [](Bed& a) {
        EXPECT_EQ(a.Do(a.bob, Op::kStartRecovery, new_device(a, "new1"), AsGuardian(), a.alice),
                  "accepted none R-SOC-4");
        EXPECT_EQ(a.Do(a.carol, Op::kStartRecovery, new_device(a, "new2"), AsGuardian(), a.alice),
                  "rejected locked R-SOC-18");
      });
}

// R-SOC-16: the owner's guardian removal ends the guardians' recovery.
TEST(Fidelity, RemovalEndsRecovery) {
  has_teeth(
      argent_starknet(), [](Policy& p) { p.removal_ends_recovery = false; },
      [](Bed& a) {
        EXPECT_EQ(a.Do(a.bob, Op::kStartRecovery, new_device(a, "new1"), AsGuardian(), a.alice),
                  "accepted none R-SOC-4");
        EXPECT_EQ(a.Do(a.alice, Op::kRemoveGuardian, actor(a.dave), By({a.laptop})),
                  "pending none R-SOC-2");
        EXPECT_FALSE(a.I().recovery.active);
      });
}

// R-SOC-17: no start while a guardian removal is pending.
TEST(Fidelity, RemovalBlocksRecovery) {
  has_teeth(
      argent_starknet(), [](Policy& p) { p.removal_blocks_recovery = false; },
      [](Bed& a) {
        EXPECT_EQ(a.Do(a.alice, Op::kRemoveGuardian, actor(a.dave), By({a.laptop})),
                  "pending none R-SOC-2");
        EXPECT_EQ(a.Do(a.bob, Op::kStartRecovery, new_device(a, "new1"), AsGuardian(), a.alice),
                  "rejected timelock-pending R-SOC-17");
      });
}

}  // namespace
}  // namespace reclaim::sym
