// The .scn parser: text to Scenario (scenario.h), with every input error reported as
// file:line:col at the offending token. docs/scn-language.md describes the whole language
// with examples; this header states the finer points of the grammar and every check.
//
// Lexical: one statement a line; `#` starts a comment anywhere outside a quoted string;
// tokens are separated by spaces and tabs; a trailing CR is dropped (CRLF files), and any
// other CR is an error (CR-only line endings are not read as one long line); the
// quoted strings are the argument of `about` and a variant path on the `variants` line that
// holds spaces or quotes (escapes \" and \\; no control characters).
// Names (identities, actors, the parts of ID/DEV, ID/ASSET, ID/ACTOR, the scenario name)
// are 1..64 bytes of [A-Za-z0-9_.-] starting with a letter or digit; an actor or identity
// may not be named like a line keyword (scenario about variants identity device guardian
// asset setting actor at expect).
//
// Time: `at TIME` moves the clock, TIME one of 0, 90s, 15m, 2h, 3d, 1w, 1mo (30 d), 1y
// (365 d) or +D (relative to the current time, i.e. the previous step's); the rest of the
// line, if any, is a step or expectation at that time; a line without `at` happens at the
// current time. Statement::time is the resolved absolute time; has_at/relative/at_value
// keep the spelling for the writer. Times never go backwards and stay within
// kMaxScenarioTime; one literal is at most 100y (variants/duration.h parses them).
//
// Finer points of some statements (docs/scn-language.md lists every one):
//   actor NAME                       (StmtKind::kActor, setup) creates an actor before any
//                                    other line names it, fixing the order of actor ids; an
//                                    actor already known is a duplicate
//   ACTOR: replay K                  (StmtKind::kReplay) re-sends the K-th request line of
//                                    the file unchanged; K counts `ACTOR: OP ...` lines only
//                                    (not replay lines), 1-based, and must name an earlier one
//   ACTOR: set-guardian-threshold ID N
//   ACTOR: login ID [ttl D]          D = 0 or absent: the policy's default session ttl
//   ACTOR: verify-tentative ID right|wrong
//   ACTOR: cancel ID all|N           N >= 1 (pending changes are numbered per identity)
//   ACTOR: follow ID/GUARDIAN ID/FOLLOWEE
//   ACTOR: start-recovery ID/NEWDEV KIND [for ACTOR]
//   ACTOR: transfer|withdraw ID/ASSET AMOUNT to ACTOR
//   ACTOR: clawback ID/ASSET
//   ACTOR: add-guardian|remove-guardian ID/ACTOR [weight N]
//   SIGNERS are required at the end of every request line: `by ID/DEV[+ID/DEV...]` (at most
//   kMaxSigners parts), `by session` (the front end's own session), `by app-session` (an app
//   delegation), `by guardian` or `unsigned`. A `by` part that names no known device is a
//   guardian co-signing with its own key: `ID/ACTOR`, ID the request's identity and ACTOR a
//   guardian of it (a `guardian` line or an earlier add-guardian) or the requester itself
//   (Statement::cosigners, signing after the devices).
//   expect[v1,v2] ...                the list is one token; each name is a built-in variant
//                                    or the file stem of a .toml on the `variants` line (the
//                                    file must declare that name, variants/variant.h), and
//                                    when a `variants` line exists it must be one it lists;
//                                    no two entries of a `variants` line share a name
//   expect asset ID/NAME OP AMOUNT   OP one of == != < <= > >=; the asset must be declared
//                                    (transfer/withdraw/clawback may name an undeclared
//                                    asset of a known identity: the model answers not-found)
//   expect notified ID EVENT         EVENT an op name (op_name)
//   expect holds|violates INVARIANT  an id of invariant_ids()
//
// Checks (each an Error at the offending token): malformed lines (missing or extra tokens,
// bad names, bad numbers), unknown keyword, event, op, kind, purpose, reject code, setting,
// expectation, invariant or variant (not built in and not a path ending in .toml); unknown
// identity; unknown device (named before a `device` line or an earlier add-device,
// replace-device, start-recovery or add-tentative line created it); unknown actor where one
// must already be known (expect control|no-control, remove-guardian, follow); bad time
// (syntax, range, going backwards); a signer device the acting actor does not hold; a
// co-signing guardian it cannot obtain (the co-signing rule, sim/world.h cosign_refusal,
// with `colludes` lines read in file order), or one that is no guardian of the identity; an
// expectation before the first step; expect accepted/pending/rejected before any request;
// replay of no earlier request line; duplicate declarations (scenario, about, variants,
// identity, device, guardian, asset, setting, actor, a variant named twice); setup lines
// after the first step; more identities, actors or device names than a World holds
// (kMaxIdentities, kMaxActors, kMaxWorldDevices) or more guardians/assets per identity than
// the State holds.
//
// Who holds what is tracked statically, in file order, and optimistically (a request is
// assumed to succeed): a `device` line's holders are its held-by list or else the
// identity's owner; `steals` leaves only the thief, `copies` adds the actor, `loses` removes
// it; add-device, replace-device and add-tentative give the new device to the acting actor,
// start-recovery to its `for` actor (default the requester).
//
// Bounds: a line is at most kMaxScenarioLine bytes and kMaxScenarioTokens tokens, a file at
// most kMaxScenarioStatements statements; load_scenario reads at most kMaxScenarioFile
// bytes. Parsing never throws, never loops on its input and uses memory linear in it.
#ifndef RECLAIM_TRACE_PARSE_H_
#define RECLAIM_TRACE_PARSE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "model/result.h"
#include "trace/scenario.h"

namespace reclaim {

inline constexpr std::size_t kMaxScenarioLine = 4096;                  // bytes, without the newline
inline constexpr std::size_t kMaxScenarioTokens = 64;                  // per line
inline constexpr std::size_t kMaxScenarioStatements = 100000;          // per file
inline constexpr std::size_t kMaxScenarioFile = std::size_t{1} << 20;  // 1 MiB
inline constexpr std::size_t kMaxScenarioName = 64;                    // bytes per name part
inline constexpr Time kMaxScenarioTime = 100 * kYear;                 // the clock never passes this
inline constexpr int64_t kMaxScenarioAmount = 1'000'000'000'000'000;  // asset amounts
inline constexpr uint32_t kMaxScenarioNumber = 1'000'000;             // weights, thresholds, K, N

// Parses a scenario's text. `file_name` goes into every Error and into Scenario::file.
// Contract: never throws; on success every name a statement uses is declared before it and
// write_scenario() of the result parses back to a same_scenario() equal Scenario.
Result<Scenario> parse_scenario(std::string_view text, std::string_view file_name);

// Reads and parses one file. A missing, unreadable or oversized (> kMaxScenarioFile) file is
// an Error whose `file` is `path`. A file, unlike a fragment of text, must be a whole
// scenario: one with no `scenario NAME` line, or with no event, request, replay or
// expectation (nothing a run could check: an empty or comment-only file), is an Error at 1:1.
Result<Scenario> load_scenario(const std::string& path);

// Reads and parses one file as load_scenario does, without asking it to be a whole scenario:
// a setup-only file (identities, devices, guardians, assets, settings, and no step), which
// describes a starting world, such as the identity `reclaim graph --identity` explores.
Result<Scenario> load_setup(const std::string& path);

}  // namespace reclaim

#endif  // RECLAIM_TRACE_PARSE_H_
