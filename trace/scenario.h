// A scenario: the .scn trace language as data (docs/scn-language.md). The parser
// (parse.h) turns text into a Scenario with a source location on every statement; the
// writer (write.h) turns a Scenario — or any recorded World run — back into text that parses
// to the same Scenario and replays to the same trace. Names stay names here ("alice/phrase");
// the runner (scenarios/) resolves them against a World.
#ifndef RECLAIM_TRACE_SCENARIO_H_
#define RECLAIM_TRACE_SCENARIO_H_

#include <optional>
#include <string>
#include <vector>

#include "model/types.h"
#include "sim/world.h"

namespace reclaim {

struct Loc {
  int line = 0;  // 1-based
  int col = 0;   // 1-based, of the statement's first token (or of the offending token)
  friend bool operator==(const Loc&, const Loc&) = default;
};

enum class StmtKind : uint8_t {
  kIdentity,  // identity NAME
  kDevice,    // device ID/DEV KIND PURPOSE [protected] [held-by A[,B]]
  kGuardian,  // guardian ID/ACTOR [weight N]
  kAsset,     // asset ID/NAME AMOUNT [locked-until TIME]
  kSetting,   // setting ID removal-delay D | setting ID guardian-threshold N
  kActor,     // actor NAME: an actor with no identity, declared before any step names it
  kBounds,    // bounds [seen N] [notifications N] [pending N] [sessions N]: the run's limits
  kEvent,     // ACTOR steals|copies|loses ID/DEV, ACTOR hijacks ID, ACTOR colludes,
              // ACTOR reacts within D
  kRequest,   // ACTOR: OP ARGS SIGNERS
  kExpect,    // expect[...] ...
  kAdvance,   // a bare `at TIME` line (moves the clock, nothing else)
  kReplay,    // extension: `ACTOR: replay K` re-sends the K-th request line of the file
              // (1-based, counting request lines) unchanged — the attacker saw it sent;
              // `replay K reordered|doubled|with-signatures-of J` crafts its signature list
              // (sim/world.h Craft)
};

enum class SignerMode : uint8_t { kDevices, kSession, kGuardian, kUnsigned, kAppSession };

enum class ExpectKind : uint8_t {
  kAccepted, kPending, kRejected,  // about the step just before
  kControl,     // expect control ID ACTOR
  kNoControl,   // expect no-control ID ACTOR
  kLockedOut,   // expect locked-out ID
  kPresent,     // expect present ID/DEV
  kAbsent,      // expect absent ID/DEV
  kNotified,    // expect notified ID EVENT   (EVENT: an op name)
  kAsset,       // expect asset ID/NAME OP AMOUNT
  kHolds,       // expect holds INVARIANT
  kViolates,    // expect violates INVARIANT
  kSwept,       // expect swept ID/NAME OP AMOUNT  (value on the asset's recovery path)
};

struct Statement {
  StmtKind kind = StmtKind::kAdvance;
  Loc loc;
  Time time = 0;  // absolute time the statement happens at (the parser resolves `at`/`+`)
  bool has_at = false;     // the line began with `at TIME` (kept for faithful writing)
  bool relative = false;   // that TIME was `+D`
  Duration at_value = 0;   // the TIME as written (relative amount when `relative`)

  // Names. Device and asset names are full "ID/NAME"; `identity` is the ID part where the
  // statement concerns one identity.
  std::string identity;
  std::string device;   // kDevice, events, remove/protect/unprotect/replace old, add new...
                        // and the asset "ID/NAME" of kAsset, transfer, withdraw, clawback and
                        // `expect asset`
  std::string device2;  // replace-device's new device; start-recovery/add-tentative new dev
  std::string actor;    // the acting actor (events, requests, replay), the guardian of a
                        // `guardian` line, control ACTOR, the owner of `identity NAME` (= NAME)
  std::string actor2;   // follow's followee actor, transfer/withdraw recipient, start-recovery `for`
  std::string guardian;  // requests: add-guardian/remove-guardian's ACTOR, follow's GUARDIAN
                         // (the acting actor stays in `actor`)
  std::vector<std::string> holders;  // device ... held-by A,B

  // Values.
  DeviceKind device_kind = DeviceKind::kPasskey;  // `kind` is the statement's StmtKind
  Purpose purpose = Purpose::kAuth;
  bool is_protected = false;
  uint32_t weight = 0;       // 0 = not given (guardian default 1)
  int64_t amount = 0;        // asset amount, transfer amount, expect asset amount
  Time locked_until = 0;
  std::string setting;       // "removal-delay" | "guardian-threshold"
  Duration duration = 0;     // setting removal-delay, set-removal-delay, reacts within, ttl
  uint32_t number = 0;       // cancel N (0 = all), guardian threshold setting, replay K
  Craft craft = Craft::kNone;  // replay K CRAFT
  uint32_t number2 = 0;        // replay K with-signatures-of J: J
  bool code_right = true;    // verify-tentative right|wrong
  Limits limits;             // kBounds (the keys not named keep their full capacity)

  // Events and requests.
  EventKind event = EventKind::kSteal;
  Op op = Op::kAddDevice;
  SignerMode signer_mode = SignerMode::kUnsigned;
  std::vector<std::string> signers;  // "ID/DEV" for kDevices
  // kDevices: guardians co-signing with their own keys, "ID/ACTOR" with ID the request's
  // identity; they sign after the devices, in this order (sim/world.h cosign_refusal).
  std::vector<std::string> cosigners;

  // Expectations.
  std::vector<std::string> only;  // expect[v1,v2]: variants it applies to (empty = all)
  ExpectKind expect = ExpectKind::kAccepted;
  std::optional<Reject> reject;   // expect rejected [CODE]
  std::string compare;            // expect asset: == != < <= > >=
  std::string invariant;          // expect holds/violates
  Op notified_op = Op::kAddDevice;

  friend bool operator==(const Statement&, const Statement&) = default;
};

// A bare `at T` line: the clock moves to absolute time T (how an engine writes a clock move).
inline Statement advance_to(Time t) {
  Statement st;
  st.kind = StmtKind::kAdvance;
  st.has_at = true;
  st.relative = false;
  st.at_value = t;
  st.time = t;
  return st;
}

struct Scenario {
  std::string name;
  std::string about;
  std::string file;  // where it came from (for messages); not written
  std::vector<std::string> variants;  // empty = every built-in variant
  std::vector<Loc> variant_locs;      // where each of `variants` is written, when parsed
                                      // (for messages; not compared, not written)
  std::vector<Statement> statements;
  friend bool operator==(const Scenario& a, const Scenario& b) {
    return a.name == b.name && a.about == b.about && a.variants == b.variants &&
           a.statements == b.statements;
  }
};

}  // namespace reclaim

#endif  // RECLAIM_TRACE_SCENARIO_H_
