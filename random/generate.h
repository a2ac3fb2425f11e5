// RapidCheck generators of the random engine's actions, and the stateful command that wraps
// one action (rc::state). Every generator reads the current Model and picks among what is
// there — registered devices, the secrets each actor holds, sessions, pending changes, a
// running recovery, an open registration window, guardians who may collude — so a generated
// action is applicable by construction and nothing is discarded. Roles:
//   owner     alice signs with the registered devices she holds (one, two, more), or a
//             session she logged in with; evicts devices she does not hold, cancels,
//             vetoes, registers devices, moves the clock of her assets;
//   attacker  mallory signs with whatever it holds (stolen, copied or self-added devices, a
//             hijacked or own session, its guardian key once a guardian), removes recovery
//             devices, lowers the delay, adds its own devices and guardians, starts
//             recoveries for itself, offers tentative devices, replays what it saw;
//   guardian  bob, carol, dave (and mallory once added): start, approve, veto, follow,
//             lock — honest ones for alice, colluding ones for mallory;
//   events    steal, copy, lose, hijack, collude, and `alice reacts within 1h|1d`;
//   time      +1s .. +1y over the scales that matter (freshness 5 min, registration 15 min,
//             Argent's 36/48 h, locks, 1 w / 1 mo / 1 y delays), and the exact boundaries
//             of what is pending: due - 1 s, due, due + 1 s of every pending change, running
//             recovery, session, window and lock.
// Op weights follow the state (a pending change makes cancel likely, an open window makes
// add-tentative likely, a device count near the limit makes add-device likely), so every op
// a policy has is exercised and accepted (coverage is reported per op and rejection code).
#ifndef RECLAIM_RANDOM_GENERATE_H_
#define RECLAIM_RANDOM_GENERATE_H_

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "properties/invariant.h"
#include "random/model.h"

namespace reclaim::randomized {

// RapidCheck's system under test: unused, the Model is the system (the World is itself the
// reference implementation; invariants, not a second model, judge it).
struct NoSut {};

// One action as an rc::state command. show() prints its .scn line.
class ActionCommand final : public rc::state::Command<Model, NoSut> {
 public:
  explicit ActionCommand(Statement action) : action_(std::move(action)) {}
  void checkPreconditions(const Model& m) const override { RC_PRE(applicable(m, action_)); }
  void apply(Model& m) const override { apply_action(m, action_); }
  void show(std::ostream& os) const override { os << action_line(action_); }
  const Statement& action() const { return action_; }

 private:
  Statement action_;
};

using CommandPtr = std::shared_ptr<const rc::state::Command<Model, NoSut>>;
using Commands = rc::state::Commands<rc::state::Command<Model, NoSut>>;

// One action chosen from the model's current state (see the file comment).
rc::Gen<Statement> gen_action(const Model& model);
// The same as an rc::state command, for rc::state::gen::commands.
rc::Gen<CommandPtr> gen_command(const Model& model);

// A whole trace: a valid command sequence from the standard world of `policy`, of at most
// size + 1 actions (RapidCheck's size).
rc::Gen<Commands> gen_trace(const Policy& policy);

// The action of a command made by gen_command.
const Statement& action_of(const CommandPtr& command);

// One trace run against a fresh standard world: the commands in order, the catalogue's
// checkers for `ids` after every step, stopping at the first violation. With `settle`, a
// trace that ends without one lets the clock run settle_time() more (a final `at T` in the
// written scenario) and then judges at_end. `on_action` sees each applied action and the
// index of the step it recorded (kNoStep for a clock move).
struct TraceRun {
  Model model;
  std::optional<Violation> violation;
  std::size_t applied = 0;  // commands applied (all of them unless a violation stopped it)
};
TraceRun run_trace(
    const Policy& policy, const Commands& commands, const std::vector<std::string>& ids,
    bool settle,
    const std::function<void(const Model&, const Statement&, std::size_t)>& on_action = {});

}  // namespace reclaim::randomized

#endif  // RECLAIM_RANDOM_GENERATE_H_
