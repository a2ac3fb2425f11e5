// The finite menu of actions a state of the exhaustive search offers, each one statement of
// the trace language (trace/scenario.h) that the interpreter applies exactly as `reclaim run`
// applies the same line. Who acts: the attacker, with every secret it holds, and every
// guardian of the identity that colludes (with its guardian key; unless the scope says
// colluders only stop helping the owner). The owner acts only as
// her strategy does (the reactive owner, sim/reactive_owner.h); honest guardians do not act.
//
// The menu, for the identity explored (every argument the state offers; nothing else):
//   requests  by every actor, signed by every set of registered devices it holds (one
//             device; also two where the policy has two-factor), by a session it holds, and
//             by its guardian key where it is a guardian (social ops only):
//               add-device NEW passkey auth, add-device NEW seed-phrase recovery (protected
//               where the policy has protection), remove-device and replace-device of every
//               registered device, protect/unprotect of every registered seed phrase, every
//               other removal delay of the policy's menu, cancel of every pending change,
//               login, transfer (withdraw where withdrawals wait) of every asset's whole
//               amount to the actor, clawback, enter-registration, verify-tentative right and
//               wrong, add-guardian (the actor itself, weight = the threshold), remove-
//               guardian of every guardian, guardian threshold 1, start-recovery NEW for the
//               attacker, approve and veto of a running recovery, follow of every other
//               guardian, lock and unlock; add-tentative NEW unsigned;
//             NEW is the first of the scope's fresh names no state, holder or pending change
//             uses, so a name is reused only once nothing refers to it; where the policy has
//             guardians co-sign (cosign_device_changes: add, remove, replace; cosign_transfers:
//             transfer), each device-signed such request also comes co-signed by the guardians
//             the actor can obtain (sim/world.h cosign_refusal: colluding ones, and its own
//             key), up to the quorum ceil(n/2) and kMaxSigners in all;
//   replays   of every request line of the path that is still fresh (R-REQ-2) and was
//             accepted or made pending (a rejected one the attacker could as well re-send);
//   events    the scope's compromises not made yet: the attacker steals or copies each
//             device of `steal`, the owner loses each device of `lose`, each guardian of
//             `collude` colludes;
//   clock     to every due point of the state (pending changes and their expiry, a running
//             recovery, the registration window, sessions, locks of the identity and of its
//             assets), one second before it and one after; to the reactive owner's next
//             answer; by ρ; and, for a reactive owner, by ρ plus the largest removal delay
//             plus one second (the wait after which EVICT judges a run).
// Ops the policy does not have, and requests with nothing to act on (no pending change to
// cancel, no recovery to approve, no window to offer a device in), are left out.
#ifndef RECLAIM_GRAPH_MENU_H_
#define RECLAIM_GRAPH_MENU_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/world.h"
#include "trace/scenario.h"

namespace reclaim::graph {

struct MenuScope {
  std::string identity;  // the identity acted on (its owner has its name)
  std::string attacker;
  std::vector<std::string> fresh;    // names for new devices (setup.h fresh_device_names)
  std::vector<std::string> steal;    // devices the attacker may steal or copy
  std::vector<std::string> lose;     // devices the owner may lose
  std::vector<std::string> collude;  // guardians who may come to collude
  Duration rho = 0;                  // the owner's reaction time; 0 = a passive owner
  bool colluders_act = true;         // colluding guardians act for the attacker
};

// A request line of the path that the attacker may replay (`ACTOR: replay K`).
struct ReplayLine {
  uint32_t number = 0;  // 1-based among the path's request lines (what `replay K` counts)
  Time time = 0;        // the request's time
  Digest digest = 0;    // of its encoding
};

// The actions `world` offers, in a fixed order (requests, replays, events, clock).
std::vector<Statement> menu(const World& world, const MenuScope& scope,
                            std::span<const ReplayLine> replayable);

// Builders of single statements (also for preludes); `at T` is trace/scenario.h advance_to.
Statement event_statement(const std::string& actor, EventKind kind, const std::string& device,
                          Duration within = 0);

}  // namespace reclaim::graph

#endif  // RECLAIM_GRAPH_MENU_H_
