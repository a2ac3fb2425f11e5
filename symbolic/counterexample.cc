// Counterexamples as scenarios (see counterexample.h).
#include "symbolic/counterexample.h"

#include <optional>

#include "properties/invariant.h"
#include "random/model.h"
#include "scenarios/runner.h"
#include "symbolic/evaluate.h"
#include "symbolic/initial.h"
#include "trace/parse.h"
#include "trace/scenario.h"
#include "trace/write.h"

namespace reclaim::sym {
namespace {

int64_t num(const expr& e) { return int_value(e).value_or(0); }
bool yes(const expr& e) { return bool_value(e).value_or(false); }

// One statement per written action: a bare `at T` per move of the clock, nothing for the
// reactive owner's answers.
std::vector<Statement> written(const Encoding& enc, const Counterexample& cx) {
  const Scope& scope = enc.scope();
  std::vector<Statement> out;
  for (std::size_t i = 0; i < cx.actions.size(); ++i) {
    const SymAction& a = cx.actions[i];
    const SymState& pre = cx.states[i];
    switch (static_cast<ActionKind>(num(a.kind))) {
      case ActionKind::kAdvance:
        out.push_back(advance_to(num(a.time)));
        break;
      case ActionKind::kReact:
        break;  // the World's reactive owner answers by herself
      case ActionKind::kEvent: {
        const auto kind = static_cast<EventKind>(num(a.event));
        const bool on_device =
            kind == EventKind::kSteal || kind == EventKind::kCopy || kind == EventKind::kLose;
        out.push_back(randomized::event(actor_name(static_cast<int>(num(a.actor))), kind,
                                        on_device ? device_name(static_cast<int>(num(a.dev))) : "",
                                        num(a.duration)));
        break;
      }
      case ActionKind::kRequest: {
        const int actor = static_cast<int>(num(a.actor));
        const Op op = static_cast<Op>(num(a.op));
        Statement st = randomized::request(actor_name(actor), op);
        const std::string dev = device_name(static_cast<int>(num(a.dev)));
        const std::string dev2 = device_name(static_cast<int>(num(a.dev2)));
        auto guardian = [&](const expr& slot) {
          const int j = static_cast<int>(num(slot));
          return j >= 0 && j < guardian_slots(scope) ? actor_name(guardian_actor(j, scope))
                                                     : actor_name(kOwner);
        };
        st.device_kind = static_cast<DeviceKind>(num(a.kind2));
        st.purpose = yes(a.rec2) ? Purpose::kRecovery : Purpose::kAuth;
        st.is_protected = yes(a.prot2);
        switch (op) {
          case Op::kAddDevice:
            st.device = dev2;
            break;
          case Op::kRemoveDevice:
          case Op::kProtect:
          case Op::kUnprotect:
            st.device = dev;
            break;
          case Op::kReplaceDevice:
            st.device = dev;
            st.device2 = dev2;
            break;
          case Op::kSetRemovalDelay:
          case Op::kLogin:
          case Op::kAppLogin:
            st.duration = num(a.duration);
            break;
          case Op::kCancel:
          case Op::kSetGuardianThreshold:
            st.number = static_cast<uint32_t>(num(a.number));
            break;
          case Op::kAddGuardian:
            st.guardian = guardian(a.gslot);
            st.weight = static_cast<uint32_t>(num(a.weight));
            break;
          case Op::kRemoveGuardian:
            st.guardian = guardian(a.gslot);
            break;
          case Op::kFollow:
            st.guardian = guardian(a.gslot);
            st.actor2 = guardian(a.gslot2);
            break;
          case Op::kStartRecovery: {
            st.device2 = dev2;
            const int receiver = static_cast<int>(num(a.receiver));
            if (receiver != actor) st.actor2 = actor_name(receiver);
            break;
          }
          case Op::kTransfer:
          case Op::kWithdraw:
            st.device = "alice/neuron";
            st.amount = num(a.amount);
            st.actor2 = actor_name(static_cast<int>(num(a.to)));
            break;
          case Op::kAddContact:
            st.actor2 = actor_name(static_cast<int>(num(a.to)));
            break;
          case Op::kClawback:
          case Op::kSweep:
            st.device = "alice/neuron";
            break;
          case Op::kAddTentative:
            st.device2 = dev2;
            break;
          case Op::kVerifyTentative:
            st.code_right = yes(a.code_right);
            break;
          default:
            break;
        }
        // Signers: devices in device-list order, else the session, else the guardian key.
        std::vector<std::pair<int64_t, int>> devices;
        for (int d = 0; d < scope.devices; ++d)
          if (yes(a.sig[d]))
            devices.emplace_back(yes(pre.dev[d].present) ? num(pre.dev[d].order) : 1000 + d, d);
        std::sort(devices.begin(), devices.end());
        std::vector<std::string> cosigners;
        for (int j = 0; j < guardian_slots(scope); ++j)
          if (yes(a.cosig[j])) cosigners.push_back("alice/" + actor_name(guardian_actor(j, scope)));
        if (!devices.empty() || !cosigners.empty()) {
          st.signer_mode = SignerMode::kDevices;
          for (const auto& [order, d] : devices) st.signers.push_back(device_name(d));
          st.cosigners = cosigners;  // guardians sign after the devices
        } else if (yes(a.sig_session)) {
          st.signer_mode = yes(a.sig_app) ? SignerMode::kAppSession : SignerMode::kSession;
        } else if (yes(a.sig_guardian)) {
          st.signer_mode = SignerMode::kGuardian;
        }
        out.push_back(st);
        break;
      }
    }
  }
  return out;
}

struct Replay {
  bool ok = true;   // every statement applied
  std::string why;  // when not
  std::optional<Violation> violation;
  std::string trace;               // the World's steps, one a line
  std::vector<Statement> applied;  // the statements that applied
};

Replay replay(const Policy& policy, const std::vector<Statement>& sts, const std::string& id) {
  Replay r;
  randomized::Model m = randomized::make_model(policy);
  for (const Statement& st : sts) {
    std::string why;
    if (!randomized::applicable(m, st, &why)) {
      // A request naming a device the World never heard of is rejected by the model and
      // changes nothing; anything else that does not apply is a disagreement.
      if (st.kind == StmtKind::kRequest && why.rfind("unknown device", 0) == 0) continue;
      r.ok = false;
      r.why = randomized::action_line(st) + ": " + why;
      break;
    }
    randomized::apply_action(m, st);
    r.applied.push_back(st);
  }
  const CheckReport report = check_all(m.world, {id});
  if (!report.violated.empty()) r.violation = report.violated.front();
  for (const Step& s : m.world.steps()) {
    std::string t = step_text(m.world, s);
    if (t.empty()) t = "tick";
    r.trace += "  " + std::to_string(s.time) + "s " + t;
    if (s.kind == Step::Kind::kRequest) {
      r.trace += " -> " + std::string(verdict_name(s.verdict));
      if (s.verdict == Verdict::kRejected) r.trace += " " + std::string(reject_name(s.reject));
      if (s.reactive) r.trace += " (reactive)";
    }
    r.trace += "\n";
  }
  return r;
}

}  // namespace

bool violates(const Policy& policy, const Scenario& scenario, const std::string& invariant) {
  std::vector<Statement> steps;
  for (const Statement& st : scenario.statements)
    if (st.kind == StmtKind::kRequest || st.kind == StmtKind::kEvent ||
        st.kind == StmtKind::kReplay || st.kind == StmtKind::kAdvance)
      steps.push_back(st);
  const Replay r = replay(policy, steps, invariant);
  return r.ok && r.violation.has_value();
}

std::vector<Statement> statements_of(const Encoding& enc, const Counterexample& cx) {
  return written(enc, cx);
}

std::string symbolic_text(const Encoding& enc, const Counterexample& cx) {
  std::string out;
  for (std::size_t i = 0; i < cx.actions.size(); ++i) {
    const SymAction& a = cx.actions[i];
    const int64_t t = num(cx.states[i + 1].now);
    switch (static_cast<ActionKind>(num(a.kind))) {
      case ActionKind::kAdvance:
        out += "  " + std::to_string(t) + "s tick\n";
        break;
      case ActionKind::kReact:
        out += "  " + std::to_string(t) + "s the reactive owner answers\n";
        break;
      default: {
        Counterexample one;
        one.actions = {a};
        one.states = {cx.states[i], cx.states[i + 1]};
        for (const Statement& st : statements_of(enc, one))
          out += "  " + std::to_string(t) + "s " + write_statement(st) + "\n";
      }
    }
  }
  return out;
}

Concrete concretize(const Encoding& enc, const Variant& variant, const std::string& variant_ref,
                    const Counterexample& cx, const std::string& invariant, const std::string& name,
                    bool minimise) {
  Concrete out;
  out.symbolic_steps = static_cast<int>(cx.actions.size());
  out.symbolic_trace = symbolic_text(enc, cx);
  std::vector<Statement> sts = statements_of(enc, cx);
  Replay r = replay(variant.policy, sts, invariant);
  out.concrete_trace = r.trace;
  if (!r.ok || !r.violation) {
    out.message = r.ok ? "the model's checker finds no violation" : "does not apply: " + r.why;
    return out;
  }
  sts = r.applied;
  // Minimise: drop each statement the violation does not need, until none can go.
  for (bool shrunk = minimise; shrunk;) {
    shrunk = false;
    for (std::size_t i = sts.size(); i-- > 0;) {
      std::vector<Statement> fewer = sts;
      fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
      const Replay x = replay(variant.policy, fewer, invariant);
      if (x.ok && x.violation) {
        sts = x.applied;
        r = x;
        shrunk = true;
      }
    }
  }
  out.reproduced = true;
  out.message = r.violation->message;
  out.concrete_trace = r.trace;
  for (const Statement& st : sts) out.statements += st.kind != StmtKind::kAdvance;

  // The scenario: the standard identity's setup lines, the statements, the expectation.
  randomized::Model setup = randomized::make_model(variant.policy);
  Scenario sc = scenario_from_run(setup.world, name, {variant_ref});
  sc.about = "Found by the symbolic engine (depth " + std::to_string(out.symbolic_steps) +
             ", minimised to " + std::to_string(out.statements) + " steps" +
             (variant.policy.mutant == Mutant::kNone
                  ? ""
                  : ", test-only mutant " + std::string(mutant_name(variant.policy.mutant))) +
             "): " + out.message;
  for (char& ch : sc.about)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == '"') ch = '\'';
  out.about = sc.about;
  out.steps = sts;
  std::vector<Statement> body;
  for (const Statement& st : sc.statements)
    if (st.kind != StmtKind::kAdvance) body.push_back(st);
  sc.statements = body;
  for (const Statement& st : sts) sc.statements.push_back(st);
  // `expect violates ID` for the invariant, and for every other claimed one the same trace
  // violates, so that `reclaim run` passes exactly while the finding reproduces.
  std::vector<std::string> expected = {invariant};
  {
    randomized::Model m = randomized::make_model(variant.policy);
    for (const Statement& st : sts)
      if (randomized::applicable(m, st)) randomized::apply_action(m, st);
    const CheckReport all = check_all(m.world, variant.claims);
    for (const Violation& x : all.violated)
      if (x.invariant != invariant) expected.push_back(x.invariant);
  }
  out.also_violated.assign(expected.begin() + 1, expected.end());
  for (const std::string& id : expected) {
    Statement expect;
    expect.kind = StmtKind::kExpect;
    expect.expect = ExpectKind::kViolates;
    expect.invariant = id;
    sc.statements.push_back(expect);
  }
  out.scn_text = write_scenario(sc);

  Result<Scenario> parsed = parse_scenario(out.scn_text, name + ".scn");
  if (!parsed) {
    out.reproduced = false;
    out.message = "the written scenario does not parse: " + parsed.error().str();
    return out;
  }
  if (variant.policy.mutant == Mutant::kNone) {
    Result<std::vector<VariantRun>> runs = run_scenario(*parsed, RunOptions{});
    if (!runs || runs->empty()) {
      out.reproduced = false;
      out.message =
          "the runner cannot replay it: " + (runs ? std::string("no run") : runs.error().str());
      return out;
    }
    out.runner_checked = true;
    bool violated = false;
    for (const InvariantResult& x : runs->front().invariants)
      if (x.id == invariant && !x.held) violated = true;
    if (!violated) {
      out.reproduced = false;
      out.message = "the runner's replay does not violate " + invariant;
    } else if (!runs->front().passed()) {
      out.reproduced = false;
      out.message = "`reclaim run` does not pass the written scenario";
    }
  }
  return out;
}

}  // namespace reclaim::sym
