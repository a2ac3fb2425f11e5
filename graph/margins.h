// Minimum compromise sets: for each outcome (outcomes.h), the smallest sets of credentials
// from which the exhaustive engine reaches it within a bound, each with its shortest attack
// as a replayed .scn, for a passive owner or one who reacts within ρ.
//
// Credentials are the owner's devices at the start and the guardians; what holding one
// means depends on the outcome asked about:
//   takeover, asset-loss  the attacker holds the device (it stole it or copied it: both are
//                         roots of the search, the search picks), a guardian colludes;
//   lockout               what the owner must lose: she loses the device (nobody gains it),
//                         a guardian stops helping her (it counts as colluding, but takes no
//                         part: no one acts against her). A thief or a colluding guardian
//                         who locks her out has taken the identity over: a takeover.
// The credentials are the prelude of every root (after `OWNER reacts within ρ` for a
// reactive owner); the search then runs the menu of menu.h without further compromises.
//
// Minimality is checked, not assumed: sets are explored by increasing size, every set that
// does not contain an already minimal one is explored, so every proper subset of a minimal
// set was explored to the same bound and did not reach the outcome. The label says so:
// "minimal within depth k" (k the smallest depth its proper subsets were explored to, when a
// budget cut one short). Guardians count by weight: guardians of equal weight are
// interchangeable (the setup gives them no other difference: follows exist only once
// requested), so a set holds "k guardians of weight w" and the margin reads "guardians of
// weight >= W"; the attack names the guardians it used.
#ifndef RECLAIM_GRAPH_MARGINS_H_
#define RECLAIM_GRAPH_MARGINS_H_

#include <functional>
#include <string>
#include <vector>

#include "graph/counterexample.h"
#include "graph/explore.h"
#include "graph/outcomes.h"
#include "graph/setup.h"
#include "variants/variant.h"

namespace reclaim::graph {

enum class OwnerMode : uint8_t { kPassive, kReactive };
std::string_view owner_mode_name(OwnerMode m);  // "passive", "reactive"

struct MarginOptions {
  OwnerMode owner = OwnerMode::kPassive;
  Duration rho = kDay;  // a reactive owner's reaction time
  Bounds bounds;        // per exploration (one per credential set)
  std::vector<OutcomeKind> outcomes = {OutcomeKind::kTakeover, OutcomeKind::kLockout,
                                       OutcomeKind::kAssetLoss};
  // Progress lines: during a long exploration (every half second) and when one ends.
  std::function<void(const std::string&)> progress;
};

// A set of credentials: devices, and per guardian weight a count of guardians.
struct CredentialSet {
  std::vector<std::string> devices;  // the owner's devices ("alice/laptop")
  struct Guardians {
    uint32_t weight = 1;
    uint32_t count = 0;
    std::vector<std::string> actors;  // the guardians of this weight the search used
  };
  std::vector<Guardians> guardians;  // counts > 0 only, by weight
  uint32_t guardian_weight() const;  // the sum of the weights held
  std::size_t size() const;          // devices plus guardians
  std::string text() const;          // "laptop + yubikey + guardians of weight 2"
};

struct MinimalSet {
  CredentialSet set;
  Finding attack;     // the shortest attack from it
  Replayed replayed;  // the attack as a .scn that `reclaim run` replays
  int depth = 0;      // the bound every proper subset was explored to without the outcome
  std::string label;  // "minimal within depth k"
};

struct OutcomeMargin {
  OutcomeKind outcome = OutcomeKind::kTakeover;
  OwnerMode owner = OwnerMode::kPassive;
  std::vector<MinimalSet> sets;  // by size, then in enumeration order
  int depth = 0;                 // the bound of every exploration
  std::string summary;           // "takeover needs phrase, or laptop + yubikey, or ..."
};

struct MarginReport {
  std::vector<OutcomeMargin> margins;  // one per outcome asked for
  long explorations = 0;
  long states = 0;  // summed over the explorations
  double seconds = 0;
  // The least depth an exploration that did not reach an outcome completed (less than the
  // bound only when a budget cut one short); -1 when every exploration reached its outcomes.
  int shallowest = -1;
  // Attacks that did not replay, explorations that failed: the run's faults, never margins.
  std::vector<std::string> failures;
};

// How many credential sets `setup` has (its devices' subsets times the guardian counts by
// weight), and the most margins() explores: beyond it, minimality would take too long.
std::size_t credential_sets(const IdentitySetup& setup);
inline constexpr std::size_t kMaxCredentialSets = 4096;

// Contract: credential_sets(setup) <= kMaxCredentialSets (else a failure, nothing explored).
MarginReport margins(const Variant& variant, const IdentitySetup& setup,
                     const MarginOptions& options);

}  // namespace reclaim::graph

#endif  // RECLAIM_GRAPH_MARGINS_H_
