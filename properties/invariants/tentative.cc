// TENTATIVE: a tentative device is added only with the right code, from an authorized device,
// within the window and attempt limit.
//
// Precisely, with `before`/`after` the identity's states around a step and `reg` the
// registration in `before`:
//   - a verify-tentative request step that registers a new device must: be accepted; find
//     `reg` open with a tentative device, now < reg.window_end, and reg.wrong_attempts below
//     policy.registration_attempts; carry exactly reg.code; carry a verified signature of a
//     device registered before (or of a live session where sessions manage devices); and add
//     exactly the offered device (reg's id, kind, purpose, key and protection), nothing else;
//   - an attempt — a fresh verify-tentative (its time at most kRequestFreshness old, and a
//     request no earlier step of the trace carried: a replay is not an attempt; found by
//     fuzz_protocol) with a wrong code, while `reg` holds a tentative device in a live window, whose signatures all
//     verify and give authority (a registered device or
//     a live managing session; two distinct devices where two-factor applies to an identity
//     with two or more) — is counted: after it the wrong attempts grew by one, or — if that was
//     the policy's last allowed wrong attempt — registration is over (closed, no tentative
//     device). Unauthorized confirmations are not attempts;
//   - an accepted add-tentative needs `reg` open with now < reg.window_end and no tentative
//     device yet, and registers no device by itself;
//   - a step that moves the window end (and leaves registration open) is an accepted
//     enter-registration made while no window was live (closed, or now >= its end), and the
//     new window ends exactly policy.registration_window after now (re-entering never
//     extends it);
//   - tick and event steps never register the offered tentative device.
#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "TENTATIVE";
constexpr std::string_view kStatement =
    "A verify-tentative that registers a device is accepted only if registration was open "
    "with a tentative device, now < window end, wrong attempts below the policy's limit, the "
    "code equals the registration's code, a registered device (or live managing session) "
    "validly signed, and exactly the offered device (id, kind, purpose, key, protection) is "
    "added. A fresh (not replayed), authorized wrong code counts one attempt and the last allowed one ends "
    "registration. add-tentative needs an open, live window with no tentative device and adds no "
    "device. "
    "The window opens only by enter-registration when none is live, for exactly the policy's "
    "window. Ticks and events never register the tentative device.";

bool live(const Registration& r, Time now) { return r.open && now < r.window_end; }

// An attempt is a confirmation the identity's authority stands behind: a verified registered
// device (or live managing session), and two distinct devices where two-factor applies.
bool authorized(const Policy& p, const Identity& before, const Request& r, Time now) {
  if (r.time > now || now - r.time > kRequestFreshness) return false;  // stale: not an attempt
  const Verified v = verify_signers(p, before, r, now);
  if (!v.ok()) return false;
  if (p.two_factor && before.devices.size() >= 2) return v.devices.size() >= 2;
  return !v.devices.empty() || (v.session && p.session_manages_devices);
}

class TentativeChecker final : public CheckerOf<TentativeChecker> {
 public:
  std::string_view id() const override { return kId; }
  uint64_t digest() const override { return sent_.digest(); }

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    if (step.kind != Step::Kind::kRequest) {
      for (std::size_t k = 0; k < step.before.identities.size(); ++k) {
        const Identity& before = step.before.identities[k];
        const Identity* after = identity_at(step.after, before.id, k);
        const Registration& reg = before.registration;
        if (after != nullptr && reg.has_tentative && !has_device(before, reg.device) &&
            has_device(*after, reg.device))
          return violation(kId, index,
                           "tentative " + device_label(world, reg.device) + " registered by " +
                               step_label(world, step));
      }
      return std::nullopt;
    }
    const Request& r = step.request;
    const Identity* before = step.before.identity(r.identity);
    const Identity* after = step.after.identity(r.identity);
    if (before == nullptr || after == nullptr) return std::nullopt;
    const Policy& p = world.policy();
    const Registration& reg = before->registration;
    auto fail = [&](const std::string& why) {  // builds text only for a violation
      return violation(
          kId, index,
          step_label(world, step) + " on " + world.identity_name(before->id) + ": " + why);
    };

    if (after->registration.open && after->registration.window_end != reg.window_end) {
      if (!(effective(step) && r.op == Op::kEnterRegistration))
        return fail("moved the registration window");
      if (live(reg, step.time)) return fail("extended a live registration window");
      if (after->registration.window_end != step.time + p.registration_window)
        return fail("opened a window of " +
                    std::to_string(after->registration.window_end - step.time) +
                    "s, not the policy's " + std::to_string(p.registration_window) + "s");
    }
    if (r.op == Op::kAddTentative && effective(step)) {
      if (!live(reg, step.time)) return fail("offered a device outside a live window");
      if (reg.has_tentative) return fail("offered a second tentative device");
      if (before->devices != after->devices) return fail("registered a device at once");
    }
    if (r.op != Op::kVerifyTentative) return std::nullopt;
    const bool first_sending = sent_.insert(digest_of(r));

    const bool added = after->devices.size() > before->devices.size() ||
                       (device_mask(*after) & ~device_mask(*before)) != 0;
    if (!added) {
      if (first_sending && reg.has_tentative && live(reg, step.time) && r.args.code != reg.code &&
          authorized(p, *before, r, step.time)) {
        const Registration& now = after->registration;
        const bool last = reg.wrong_attempts + 1 >= p.registration_attempts;
        if (last && (now.open || now.has_tentative))
          return fail("the policy's last wrong code did not end registration");
        if (!last && now.has_tentative && now.wrong_attempts != reg.wrong_attempts + 1)
          return fail("a wrong code was not counted");
      }
      return std::nullopt;
    }
    if (!effective(step)) return fail("registered a device although rejected");
    if (!reg.open || !reg.has_tentative) return fail("no tentative device was offered");
    if (step.time >= reg.window_end)
      return fail("window ended at " + std::to_string(reg.window_end) + "s");
    if (reg.wrong_attempts >= p.registration_attempts)
      return fail(std::to_string(reg.wrong_attempts) + " wrong attempts already");
    if (r.args.code != reg.code) return fail("wrong code accepted");
    const Verified v = verify_signers(p, *before, r, step.time);
    if (v.devices.empty() && !(v.session && p.session_manages_devices))
      return fail("not confirmed by a registered device or managing session");
    if (after->devices.size() != before->devices.size() + 1)
      return fail("registered more than the offered device");
    const Device* d = after->device(reg.device);
    if (d == nullptr || has_device(*before, reg.device) || d->kind != reg.kind ||
        d->purpose != reg.purpose || d->key != reg.key || d->is_protected != reg.protect)
      return fail("registered something other than the offered device");
    return std::nullopt;
  }

 private:
  DigestSet sent_;  // every verify-tentative request the trace carried so far
};

}  // namespace

Entry tentative_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<TentativeChecker>(); }};
}

}  // namespace reclaim::inv
