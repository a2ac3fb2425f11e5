// TWO-FACTOR: a sensitive change to an identity with two or more devices is accepted only
// with two distinct registered devices.
//
// Precisely: for every request step accepted or made pending whose op is sensitive —
// add-device, remove-device, replace-device, set-removal-delay, add-guardian,
// remove-guardian, set-guardian-threshold, or a verify-tentative that added a device (it
// adds a device just as add-device does) — on an identity that has two or more registered
// devices in the state before, at least two distinct registered devices of that state signed
// it with signatures that verify. Sessions and guardians never count as a factor. Cancel and
// veto are never sensitive (R-2FA-2: one recovery device suffices).
// A policy without two-factor violates TWO-FACTOR at its first single-signer sensitive
// change: the checker judges behaviour, not intent.
#include "model/ops.h"
#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "TWO-FACTOR";
constexpr std::string_view kStatement =
    "Every accepted-or-pending add-device, remove-device, replace-device, set-removal-delay, "
    "add-guardian, remove-guardian or set-guardian-threshold request, and every "
    "verify-tentative that adds a device, on an identity with two or more registered devices "
    "before it, carries valid signatures of two distinct devices registered before it "
    "(sessions and guardians are not factors).";

// Sensitive per the op table (model/ops.h); a verify-tentative only when it added a device
// (a wrong code, or a confirmation that changed nothing, is no change to guard).
bool sensitive(const Step& s, const Identity& before, const Identity& after) {
  const OpInfo* op = find_op(s.request.op);
  if (op == nullptr || !op->sensitive) return false;
  if (s.request.op != Op::kVerifyTentative) return true;
  return (device_mask(after) & ~device_mask(before)) != 0 ||
         after.devices.size() > before.devices.size();
}

class TwoFactorChecker final : public CheckerOf<TwoFactorChecker> {
 public:
  std::string_view id() const override { return kId; }
  uint64_t digest() const override { return 0; }  // remembers nothing

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    if (!effective(step)) return std::nullopt;
    const Identity* before = step.before.identity(step.request.identity);
    const Identity* after = step.after.identity(step.request.identity);
    if (before == nullptr || after == nullptr || before->devices.size() < 2) return std::nullopt;
    if (!sensitive(step, *before, *after)) return std::nullopt;
    const Verified v = verify_signers(world.policy(), *before, step.request, step.time);
    if (v.devices.size() >= 2) return std::nullopt;
    return violation(kId, index,
                     cat(StepLabel{world, step}, " on ", world.identity_name(before->id), " with ",
                         before->devices.size(), " devices carries ", v.devices.size(),
                         " valid device signature(s)"));
  }
};

}  // namespace

Entry two_factor_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<TwoFactorChecker>(); }};
}

}  // namespace reclaim::inv
