// Device rules, symbolically: adding, removing, replacing, protecting and unprotecting
// credentials. The same rules as model/rules/devices.cc, tried in the same order:
// R-DEV-1: device changes need device authority: a registered device signed, or a live
//          session when the policy lets sessions manage devices (II 2021: flat authority).
// R-DEV-2: an identity holds at most policy.max_devices devices.
// R-DEV-3: an identity holds at most policy.max_seed_phrases seed phrases (0 = no limit).
// R-DEV-4: only seed phrases may be protected, and only where the policy has protection.
// R-DEV-5: a protected device is replaced, removed or unprotected only by a request it
//          signed itself (or, with delay_overrides_protection, only through the timelock's
//          delay); protecting needs no proof beyond R-DEV-1.
// R-DEV-6: a new device id must be unused; a device acted on must be registered.
// R-DEV-7: removing the last device is refused unless the policy allows it.
// R-DEV-8: an immutable recovery path (vault) cannot lose, swap, unprotect or gain a
//          recovery device.
// R-DEV-9: while the identity is locked (Argent), device changes are refused.
// R-DEV-12: where the policy says so (Argent), adding, removing or replacing a device also
//           needs ceil(n/2) of the identity's n guardians co-signing.
// R-DEV-10: a device change that the timelock covers becomes pending (rules/timelock).
// R-DEV-11: an accepted change takes effect at once and notifies the owner.
// R-DEV-13: a device id names one device: a new device id (added, replaced in, offered as the
//           tentative device, or a recovery's new device) must not be one that a running
//           recovery, the tentative registration or a pending replacement already names
//           (as a credential can be registered only once); rejected `exists`.
#include "model/state.h"
#include "symbolic/rules/common.h"

namespace reclaim::sym::rules {
namespace {

expr seed(const Enc& e) { return e.i(static_cast<int>(DeviceKind::kSeedPhrase)); }

// R-DEV-6/13/4/2/3 for a device about to be added (one being replaced when `replacing`).
void check_new_device(Decision& d, const Rq& rq, const expr& slot, const expr& kind,
                      const expr& protect, bool replacing) {
  const Enc& e = rq.e;
  const Policy& p = e.p;
  d.reject_if(dev_present(e, rq.s, slot), Reject::kExists, "R-DEV-6");
  d.reject_if(device_id_named(e, rq.s, slot, true), Reject::kExists, "R-DEV-13");
  d.reject_if(And(protect, Or(e.b(!p.protection), Ne(kind, seed(e)))), Reject::kMalformed,
              "R-DEV-4");
  const int64_t max = p.max_devices + (p.mutant == Mutant::kDeviceLimitOffByOne ? 1 : 0);
  const expr after = Add(Sub(device_count(e, rq.s), e.i(replacing ? 1 : 0)), e.i(1));
  d.reject_if(Or(Gt(after, e.i(max)), Gt(after, e.i(static_cast<int64_t>(kMaxDevices)))),
              Reject::kLimit, "R-DEV-2");
  if (p.max_seed_phrases > 0) {
    expr phrases = kind_count(e, rq.s, DeviceKind::kSeedPhrase);
    if (replacing) {
      const expr old_seed = And(dev_present(e, rq.s, rq.a.dev),
                                Eq(dev_field(rq.s, rq.a.dev, &Device::kind, e.i(0)), seed(e)));
      phrases = Sub(phrases, Count(old_seed));
    }
    d.reject_if(And(Eq(kind, seed(e)), Gt(Add(phrases, e.i(1)), e.i(p.max_seed_phrases))),
                Reject::kLimit, "R-DEV-3");
  }
}

Res add(const Rq& rq) {
  const Enc& e = rq.e;
  const SymAction& a = rq.a;
  Decision d(rq);
  d.reject_if(Not(device_authority(rq)), Reject::kUnauthorized, "R-DEV-1");
  d.reject_if(Gt(rq.s.locked_until, rq.s.now), Reject::kLocked, "R-DEV-9");
  if (e.p.cosign_device_changes)
    d.reject_if(Not(guardians_cosigned(rq)), Reject::kThreshold, "R-DEV-12");
  check_new_device(d, rq, a.dev2, a.kind2, a.prot2, false);
  if (e.p.immutable_recovery_path) d.reject_if(a.rec2, Reject::kLocked, "R-DEV-8");
  d.reject_if(Not(two_factor_ok(rq, a.op)), Reject::kTwoFactor, "R-2FA-1");
  SymState post = rq.s;
  add_device(e, &post, a.dev2, a.kind2, a.rec2, a.prot2);
  const expr n = notify(e, &post, a.op);
  return d.otherwise(accepted(rq, post, "R-DEV-11", n));
}

// remove-device, protect, unprotect, replace-device: ops on a registered target device.
Res on_target(const Rq& rq, Op op) {
  const Enc& e = rq.e;
  const Policy& p = e.p;
  const SymState& s = rq.s;
  const SymAction& a = rq.a;
  Decision d(rq);
  d.reject_if(Not(device_authority(rq)), Reject::kUnauthorized, "R-DEV-1");
  d.reject_if(Gt(s.locked_until, s.now), Reject::kLocked, "R-DEV-9");
  if (p.cosign_device_changes && op != Op::kProtect && op != Op::kUnprotect)
    d.reject_if(Not(guardians_cosigned(rq)), Reject::kThreshold, "R-DEV-12");
  d.reject_if(Not(dev_present(e, s, a.dev)), Reject::kNotFound, "R-DEV-6");
  const expr t_kind = dev_field(s, a.dev, &Device::kind, e.i(0));
  const expr t_rec = dev_field(s, a.dev, &Device::recovery, e.b(false));
  const expr t_prot = dev_field(s, a.dev, &Device::prot, e.b(false));
  const expr self_signed = Select(rq.dev_signed, a.dev, e.b(false));

  if (op == Op::kProtect) {
    d.reject_if(Or(e.b(!p.protection), Ne(t_kind, seed(e))), Reject::kMalformed, "R-DEV-4");
    d.reject_if(t_prot, Reject::kExists, "R-DEV-4");
    SymState post = s;
    for (int x = 0; x < e.devices(); ++x)
      post.dev[x].prot = Or(post.dev[x].prot, Eq(a.dev, e.i(x)));
    const expr n = notify(e, &post, a.op);
    return d.otherwise(accepted(rq, post, "R-DEV-11", n));
  }

  const expr delayed = device_change_delayed(e, e.op(op), s, a.dev);
  if (p.protection && p.mutant != Mutant::kProtectedUnchecked)
    d.reject_if(
        And(And(t_prot, Not(self_signed)), Not(And(e.b(p.delay_overrides_protection), delayed))),
        Reject::kProtected, "R-DEV-5");
  if (p.immutable_recovery_path) d.reject_if(t_rec, Reject::kLocked, "R-DEV-8");

  if (op == Op::kUnprotect) {
    d.reject_if(Not(t_prot), Reject::kNotFound, "R-DEV-5");
  } else if (op == Op::kRemoveDevice) {
    if (!p.allow_remove_last_device)
      d.reject_if(Eq(device_count(e, s), e.i(1)), Reject::kLimit, "R-DEV-7");
  } else {  // replace-device
    check_new_device(d, rq, a.dev2, a.kind2, a.prot2, true);
    if (p.immutable_recovery_path) d.reject_if(a.rec2, Reject::kLocked, "R-DEV-8");
  }
  d.reject_if(And(is_sensitive(e, e.op(op)), Not(two_factor_ok(rq, e.op(op)))), Reject::kTwoFactor,
              "R-2FA-1");

  // R-DEV-10 with R-TL-2: one pending change per device.
  std::vector<expr> conflicts;
  for (const Pending& c : s.pend) {
    const expr device_op =
        Or(Or(Eq(c.op, e.op(Op::kRemoveDevice)), Eq(c.op, e.op(Op::kReplaceDevice))),
           Eq(c.op, e.op(Op::kUnprotect)));
    conflicts.push_back(And(And(c.present, device_op), Eq(c.dev, a.dev)));
  }
  d.reject_if(And(delayed, OrAll(conflicts, e.c)), Reject::kTimelockPending, "R-TL-2");
  const Res later = make_pending(rq, s, s.removal_delay, e.i(kNever), "R-DEV-10");

  SymState post = s;
  switch (op) {
    case Op::kUnprotect:
      for (int x = 0; x < e.devices(); ++x)
        post.dev[x].prot = And(post.dev[x].prot, Ne(a.dev, e.i(x)));
      break;
    case Op::kRemoveDevice:
      remove_device_now(e, &post, a.dev);
      break;
    default:
      replace_device_now(e, &post, a.dev, a.dev2, a.kind2, a.rec2, a.prot2);
      break;
  }
  const expr n = notify(e, &post, a.op);
  return d.otherwise(merge_res(delayed, later, accepted(rq, post, "R-DEV-11", n)));
}

}  // namespace

expr device_id_named(const Enc& e, const SymState& s, const expr& slot, bool recovery) {
  std::vector<expr> named = {And(s.g_tentative, Eq(slot, s.g_dev))};
  if (recovery) named.push_back(And(s.r_active, Eq(slot, s.r_dev)));
  for (const Pending& c : s.pend)
    named.push_back(AndAll({c.present, Eq(c.op, e.op(Op::kReplaceDevice)), Eq(slot, c.dev2)}, e.c));
  return OrAll(named, e.c);
}

expr remove_device_now(const Enc& e, SymState* s, const expr& slot) {
  expr ok = dev_present(e, *s, slot);
  if (!e.p.allow_remove_last_device) ok = And(ok, Ne(device_count(e, *s), e.i(1)));
  SymState after = *s;
  drop_device(e, &after, slot);
  drop_changes_for_device(e, &after, slot);
  *s = merge(ok, after, *s);
  return ok;
}

expr replace_device_now(const Enc& e, SymState* s, const expr& old_slot, const expr& new_slot,
                        const expr& kind, const expr& recovery, const expr& prot) {
  expr ok = And(dev_present(e, *s, old_slot), Not(dev_present(e, *s, new_slot)));
  // A replacement that waited may no longer fit: R-DEV-3 is judged again when it takes effect.
  if (e.p.max_seed_phrases > 0) {
    const expr old_seed = Eq(dev_field(*s, old_slot, &Device::kind, e.i(0)), seed(e));
    const expr after =
        Add(Sub(kind_count(e, *s, DeviceKind::kSeedPhrase), Count(old_seed)), e.i(1));
    ok = And(ok, Not(And(Eq(kind, seed(e)), Gt(after, e.i(e.p.max_seed_phrases)))));
  }
  SymState after = *s;
  drop_device(e, &after, old_slot);
  drop_changes_for_device(e, &after, old_slot);
  add_device(e, &after, new_slot, kind, recovery, prot);
  *s = merge(ok, after, *s);
  return ok;
}

Res devices_apply(const Rq& rq) {
  int64_t op = 0;
  numeral(rq.a.op, &op);  // step.cc dispatches with the op fixed
  if (static_cast<Op>(op) == Op::kAddDevice) return add(rq);
  return on_target(rq, static_cast<Op>(op));
}

}  // namespace reclaim::sym::rules
