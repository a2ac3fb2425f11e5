// The reactive owner: the defender strategy behind the RECLAIM and EVICT claims. An owner who
// `reacts within rho` answers, at exactly rho after each notification of a request she did
// not make (the slowest reaction allowed), by cancelling that request if it is pending,
// vetoing a recovery she did not start, and removing every device she does not hold and every
// device that signed it (in the device list's order), signing with what she still holds (a
// recovery device first, so that cancel rights are met; two devices where two-factor needs
// them; a protected device she holds signs its own removal, as R-DEV-5 asks; where the policy
// has guardians co-sign device changes, R-DEV-12, her honest guardians up to the quorum
// ceil(n/2) co-sign each removal, as the co-signing rule of world.h lets them). A recovery she
// did not start is also vetoed within rho of her holding a recovery device to veto with, even
// one she gained only after the start was notified.
//
// The strategy reads the world (its inbox of notifications, who holds what, which requests
// the owner sent) and acts through it; the world asks it when its next answer is due so
// that the clock stops there.
#ifndef RECLAIM_SIM_REACTIVE_OWNER_H_
#define RECLAIM_SIM_REACTIVE_OWNER_H_

#include <array>
#include <cstddef>
#include <vector>

#include "model/state.h"
#include "model/types.h"

namespace reclaim {

class World;

struct Reaction {
  ActorId owner = kNone;
  Duration within = 0;
};

class ReactiveOwners {
 public:
  // From now on `r.owner` reacts; only inbox entries from index `inbox_size` on count.
  void add(const Reaction& r, std::size_t inbox_size);
  const std::vector<Reaction>& reactions() const { return reactions_; }
  // The earliest time an answer is due (kNever if none).
  Time next(const World& world) const;
  // Gives every answer due at world.now(), each as a request of the world (reactive steps).
  void run(World& world);
  // A hash of what the strategy's future answers depend on (World::future_hash): each
  // reaction, the inbox entries it has not handled yet (with whether the owner sent the
  // request each names, and that request's device signers) and the veto plans of running
  // recoveries. Handled entries and plans of ended recoveries are left out: nothing reads them
  // again.
  uint64_t future_hash(const World& world) const;

 private:
  void veto_foreign_recoveries(World& world, const Reaction& r);
  void react(World& world, const Reaction& r, IdentityId identity, const Notification& n);

  std::vector<Reaction> reactions_;
  std::vector<std::size_t> cursor_;  // per reaction: first inbox entry not yet handled
  // Per identity: a foreign recovery (by its start digest) the owner can veto with the
  // recovery devices `mine` since `since`; she vetoes at since + rho (the slowest allowed),
  // once per (recovery, device set).
  struct VetoPlan {
    Digest recovery = 0;
    uint64_t mine = 0;
    Time since = 0;
    bool done = false;
  };
  std::array<VetoPlan, kMaxIdentities + 1> veto_plan_{};
};

}  // namespace reclaim

#endif  // RECLAIM_SIM_REACTIVE_OWNER_H_
