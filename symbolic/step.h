// The symbolic transition relation: one action from one state, as model/step.h's apply()
// and tick() and sim/world.h's events and reactive owner do it, with the same Policy.
//
// A step is a list of micro steps, each one step the World would record: a request, a tick,
// an event — or, for the reactive owner's answer, each request she sends (rules/owner.cc).
// Invariants are judged per micro step (invariants.h), as the checkers judge World steps.
//
// valid() is what the World accepts as a next action from a state (the actor holds what it
// signs with, time moves forward without passing anything due, the reactive owner answers
// when her answer is due and never otherwise) together with the scope: the step stays inside
// it (no more pending changes, sessions or unanswered notifications than the scope holds, at
// most one hostile notification per instant while the owner is reactive).
#ifndef RECLAIM_SYMBOLIC_STEP_H_
#define RECLAIM_SYMBOLIC_STEP_H_

#include <string>
#include <utility>
#include <vector>

#include "model/policy.h"
#include "symbolic/rules/common.h"
#include "symbolic/state.h"

namespace reclaim::sym {

enum class MicroKind : int { kRequest, kTick, kEvent };

struct Micro {
  MicroKind kind;
  expr active;    // this micro step happened
  expr reactive;  // a request of the reactive owner's answer
  SymState pre, post;
  SymAction act;  // the request or event (for a tick: its time)
  StepOut out;
};

struct Transition {
  SymState post;
  std::vector<Micro> micro;
  expr valid;  // the World accepts the action from `pre` (scope aside); replays included
  expr oos;    // the step leaves the scope
  // The step changes nothing: a request rejected with its state untouched (every rejection
  // but R-REG-6's). A path with such a step has the same states as the path without it, so
  // the search leaves them out.
  expr noop;
};

// The encoding of one Policy at one Scope.
class Encoding {
 public:
  Encoding(z3::context& c, Policy policy, Scope scope);
  z3::context& ctx() const { return c_; }
  const Policy& policy() const { return policy_; }
  const Scope& scope() const { return scope_; }
  const rules::Enc& enc() const { return enc_; }

  SymState initial() const;
  Transition step(const SymState& pre, const SymAction& a) const;

  // What the search asks of an action beyond validity: an op the policy has, no replay, the
  // random engine's roles in requests and compromise events.
  expr search_only(const SymState& s, const SymAction& a) const;

  // The ops an action may name under this policy (the others are rejected `disabled` and
  // change nothing, so the search leaves them out).
  const std::vector<Op>& ops() const { return ops_; }

  // The sign_set of sim/world.cc's reactive owner: the first `k` registered devices she
  // holds, recovery devices first, then in device-list order.
  std::vector<expr> sign_set(const SymState& s, int k) const;
  // Her co-signers on a device removal where guardians co-sign device changes (R-DEV-12):
  // honest guardians, as many as the quorum, within kMaxSigners (dropping to the first of her
  // devices, `first`, when they would not fit).
  void cosign(const SymState& s, const std::vector<expr>& first, SymAction* a) const;

  // Building blocks (exposed for the differential phase and tests).
  rules::Res request(const SymState& s, const SymAction& a) const;
  SymState tick(const SymState& s, const expr& now, StepOut* out) const;
  SymState event(const SymState& s, const SymAction& a) const;
  // Something already due at s.now that nothing holds any more (a change released between
  // ticks, a due recovery that regained its quorum): the World ticks at the next second
  // (model next_due), and the clock may not pass it.
  expr overdue(const SymState& s) const;
  // The earliest moment the reactive owner must answer (a big number when nothing waits).
  expr reaction_time(const SymState& s) const;
  expr reaction_due(const SymState& s) const;

 private:
  SymState finish(const SymState& pre, SymState post, const SymAction& a, MicroKind kind,
                  StepOut& out, const expr& reactive) const;
  Micro request_micro(const SymState& pre, const SymAction& a, const expr& active,
                      const expr& reactive) const;
  std::vector<Micro> react(const SymState& pre, const expr& active) const;
  expr valid(const SymState& s, const SymAction& a) const;

 public:
  // valid() as named conjuncts (for saying which one a step breaks).
  std::vector<std::pair<std::string, expr>> valid_parts(const SymState& s,
                                                        const SymAction& a) const;

 private:
  z3::context& c_;
  Policy policy_;
  Scope scope_;
  rules::Enc enc_;
  std::vector<Op> ops_;
};

// Action kinds and event kinds as numerals.
inline int action_kind(ActionKind k) { return static_cast<int>(k); }

}  // namespace reclaim::sym

#endif  // RECLAIM_SYMBOLIC_STEP_H_
