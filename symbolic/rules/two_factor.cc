// Two-factor rules, symbolically (model/rules/two_factor.cc):
// R-2FA-1: where the policy has two-factor and the identity has two or more devices, a
//          sensitive change (add/remove/replace device, confirming a tentative device,
//          removal delay, guardians, guardian threshold) is accepted only if two distinct
//          registered devices signed it. A session delegation never counts as a device.
// R-2FA-2: cancelling a pending change or vetoing a recovery is never sensitive: one
//          recovery device suffices, so a thief holding one device cannot outvote it.
#include "symbolic/rules/common.h"

namespace reclaim::sym::rules {

expr is_sensitive(const Enc& e, const expr& op) {
  std::vector<expr> any;
  for (Op o :
       {Op::kAddDevice, Op::kRemoveDevice, Op::kReplaceDevice, Op::kSetRemovalDelay,
        Op::kAddGuardian, Op::kRemoveGuardian, Op::kSetGuardianThreshold, Op::kVerifyTentative})
    any.push_back(Eq(op, e.op(o)));
  return OrAll(any, e.c);  // R-2FA-2: cancel and veto are not listed
}

expr two_factor_ok(const Rq& rq, const expr& op) {
  const Enc& e = rq.e;
  if (!e.p.two_factor) return e.b(true);
  const int need = e.p.mutant == Mutant::kTwoFactorOneDevice ? 1 : 2;
  return Or(Or(Not(is_sensitive(e, op)), Lt(device_count(e, rq.s), e.i(2))),
            Ge(rq.devices_signed, e.i(need)));
}

}  // namespace reclaim::sym::rules
