// The .scn writer: a Scenario back to canonical text, and a recorded World run back to a
// Scenario. Every engine writes its counterexamples through scenario_from_run +
// write_scenario, and `reclaim run` replays them through parse_scenario.
//
// Canonical text: `scenario`, `about`, `variants` header lines (each only when set), a blank
// line, the setup lines in order, a blank line, then the steps and expectations in order,
// one statement a line, no comments. A statement with has_at is written `at TIME ...` with
// TIME as it was spelled (`+` when relative) in the largest unit that divides it exactly
// (format_duration: 1y, 1mo, 1w, 1d, 1h, 1m, 1s — 30d is written 1mo, 365d 1y). A kAdvance
// statement is always written as `at TIME` (from `time` when has_at is not set).
#ifndef RECLAIM_TRACE_WRITE_H_
#define RECLAIM_TRACE_WRITE_H_

#include <string>
#include <string_view>
#include <vector>

#include "sim/world.h"
#include "trace/scenario.h"

namespace reclaim {

// One statement as one line of text, without the newline.
std::string write_statement(const Statement& st);

// `text` made fit for one line, such as a scenario's `about` written from a message: control
// bytes (below 0x20, and 0x7f) become spaces; other bytes pass unchanged.
std::string one_line(std::string_view text);

// Contract: for every Scenario `s` that parse_scenario produced,
// parse_scenario(write_scenario(s), f) succeeds and same_scenario() holds with `s`.
std::string write_scenario(const Scenario& s);

// Equality of everything a .scn file says: name, about, variants and every statement field,
// ignoring the source locations (Statement::loc) and Scenario::file.
bool same_scenario(const Scenario& a, const Scenario& b);

// Turns a recorded run into a scenario that replays to the same trace (up to the numbering
// of ids and keys, which depend on the replaying world's run seed and creation order):
//   - setup from world.initial() and world.initial_knowledge(): one `identity` line per
//     identity (named by identity_name, which is also its owner's actor name in the
//     language), then per identity its devices (kind, purpose, protected, `held-by` unless
//     held by the owner alone), guardians (with their weight), assets (`ID/NAME AMOUNT
//     [locked-until T]`) and the settings that differ from the policy's defaults;
//   - every event step and every non-reactive request step, in order, each with an
//     absolute `at T`; a request identical to an earlier written one (World::replay) is
//     `ACTOR: replay K`; tick steps and the reactive owner's requests are left out, as
//     replaying re-creates them;
//   - a final bare `at T` when world.now() is later than the last written step;
//   - `actor NAME` lines after the identity lines, declaring every actor in the order the
//     run created it, when the order the lines first name actors would differ (or a line
//     names an actor the language needs known before), so that ids and keys replay.
// Arguments become names through the world's namers; verify-tentative is `right` iff the
// code equals the registration code in the step's `before` state; start-recovery has
// `for RECEIVER` when the receiver is not the requester; signers are `by` the device names
// when any device signed, else `by session`, else `by guardian`, else `unsigned`.
// Limits: a run whose identities are not named like their owners, requests naming devices
// of another identity, or requests with mixed device and session/guardian signers have no
// exact spelling; the nearest one is written.
// One recorded event or request step as a statement (no `at`, no replay detection);
// a tick step has no statement (the result is a kAdvance).
Statement statement_from_step(const World& world, const Step& step);
// The same as one line of the language, e.g. "mallory: remove-device alice/phrase by
// alice/yubikey"; empty for a tick step.
std::string step_text(const World& world, const Step& step);

Scenario scenario_from_run(const World& world, const std::string& name,
                           const std::vector<std::string>& variants);

}  // namespace reclaim

#endif  // RECLAIM_TRACE_WRITE_H_
