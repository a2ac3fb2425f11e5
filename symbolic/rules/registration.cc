// Tentative device registration, symbolically (model/rules/registration.cc). The 6-digit
// code is abstracted to whether the confirmation carries the right one.
// R-REG-1: entering registration mode needs device authority (R-DEV-1) and opens a window
//          of policy.registration_window seconds.
// R-REG-2: entering again while the window is open does not extend it.
// R-REG-3: the window ends at window_end; then nothing tentative can be added or verified.
// R-REG-4: while the window is open anyone may offer one tentative device (unsigned); only
//          one may be pending. Its 6-digit code is derived from the offering request. Its id
//          must be unregistered and named by no running recovery or pending replacement
//          (R-DEV-13).
// R-REG-5: an authorized device (R-DEV-1) confirms with the code; the right code adds the
//          device (subject to R-DEV-2/3/6/8/9, as any added device) and ends registration.
// R-REG-6: each wrong code counts; the policy's last allowed wrong code ends registration.
#include "model/state.h"
#include "symbolic/rules/common.h"

namespace reclaim::sym::rules {
namespace {

expr window_open(const SymState& s) { return And(s.g_open, Lt(s.now, s.g_end)); }

void reset(const Enc& e, SymState* s) {
  s->g_open = e.b(false);
  s->g_end = e.i(0);
  s->g_tentative = e.b(false);
  s->g_dev = e.i(kNoSlot);
  s->g_kind = e.i(0);
  s->g_rec = e.b(false);
  s->g_prot = e.b(false);
  s->g_wrong = e.i(0);
}

}  // namespace

Res registration_apply(const Rq& rq) {
  const Enc& e = rq.e;
  const Policy& p = e.p;
  const SymState& s = rq.s;
  const SymAction& a = rq.a;
  if (!p.registration) return rejected(rq, Reject::kDisabled, "R-REG-1");
  Decision d(rq);
  if (rq.is(Op::kEnterRegistration).is_true()) {
    d.reject_if(Not(device_authority(rq)), Reject::kUnauthorized, "R-REG-1");
    SymState post = s;
    reset(e, &post);
    post.g_open = e.b(true);
    post.g_end = Add(s.now, e.i(p.registration_window));
    const expr n = notify(e, &post, a.op);
    const Res again = accepted(rq, s, "R-REG-2", e.b(false));
    return d.otherwise(merge_res(window_open(s), again, accepted(rq, post, "R-REG-1", n)));
  }
  if (rq.is(Op::kAddTentative).is_true()) {
    d.reject_if(Not(window_open(s)), Reject::kExpired, "R-REG-3");
    d.reject_if(s.g_tentative, Reject::kExists, "R-REG-4");
    d.reject_if(dev_present(e, s, a.dev2), Reject::kExists, "R-REG-4");
    d.reject_if(device_id_named(e, s, a.dev2, true), Reject::kExists, "R-DEV-13");
    d.reject_if(And(a.prot2, Or(e.b(!p.protection),
                                Ne(a.kind2, e.i(static_cast<int>(DeviceKind::kSeedPhrase))))),
                Reject::kMalformed,
                "R-DEV-4");
    SymState post = s;
    post.g_tentative = e.b(true);
    post.g_dev = a.dev2;
    post.g_kind = a.kind2;
    post.g_rec = a.rec2;
    post.g_prot = a.prot2;
    const expr n = notify(e, &post, a.op);
    return d.otherwise(accepted(rq, post, "R-REG-4", n));
  }
  // verify-tentative
  d.reject_if(Not(device_authority(rq)), Reject::kUnauthorized, "R-REG-5");
  d.reject_if(Or(Not(window_open(s)), Not(s.g_tentative)), Reject::kExpired, "R-REG-3");
  d.reject_if(Not(two_factor_ok(rq, a.op)), Reject::kTwoFactor, "R-2FA-1");
  if (p.mutant != Mutant::kTentativeCodeUnchecked) {
    // Rejected, yet the attempt counts: the one rejection whose state changes.
    SymState counted = s;
    counted.g_wrong = Add(s.g_wrong, e.i(1));
    SymState ended = counted;
    reset(e, &ended);
    counted = merge(Ge(counted.g_wrong, e.i(p.registration_attempts)), ended, counted);
    d.reject_with_state_if(Not(a.code_right), Reject::kBadCode, "R-REG-6", counted);
  }
  d.reject_if(dev_present(e, s, s.g_dev), Reject::kExists, "R-DEV-6");
  d.reject_if(Gt(s.locked_until, s.now), Reject::kLocked, "R-DEV-9");
  if (p.immutable_recovery_path) d.reject_if(s.g_rec, Reject::kLocked, "R-DEV-8");
  const expr count = device_count(e, s);
  d.reject_if(Or(Gt(Add(count, e.i(1)), e.i(p.max_devices)),
                 Ge(count, e.i(static_cast<int64_t>(kMaxDevices)))),
              Reject::kLimit, "R-DEV-2");
  if (p.max_seed_phrases > 0)
    d.reject_if(
        And(Eq(s.g_kind, e.i(static_cast<int>(DeviceKind::kSeedPhrase))),
            Gt(Add(kind_count(e, s, DeviceKind::kSeedPhrase), e.i(1)), e.i(p.max_seed_phrases))),
        Reject::kLimit, "R-DEV-3");
  SymState post = s;
  add_device(e, &post, s.g_dev, s.g_kind, s.g_rec, s.g_prot);
  reset(e, &post);
  const expr n = notify(e, &post, a.op);
  return d.otherwise(accepted(rq, post, "R-REG-5", n));
}

}  // namespace reclaim::sym::rules
