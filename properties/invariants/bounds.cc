// BOUNDS: device count, seed-phrase count and field sizes stay within the policy.
//
// Precisely, for every step and every identity, comparing the state after with the state
// before (a part that did not change is not re-checked, so the setup's initial state is the
// setup's responsibility):
//   - counts: no step raises the device count above min(policy.max_devices, kMaxDevices), or
//     the seed-phrase count above policy.max_seed_phrases when that is > 0 (nor raises a count
//     that was already above its bound);
//   - devices: device ids are unique within the identity;
//   - tentative registration: at most one tentative device, and only while registration is
//     open; while open, wrong attempts stay below policy.registration_attempts and the window
//     ends no later than now + policy.registration_window; the tentative device is not also
//     registered;
//   - pending changes: at most policy.limits.pending, numbers unique and below next_change,
//     due no earlier than requested; at most one pending remove, replace or unprotect per
//     device (R-TL-2);
//   - notifications: at most policy.limits.notifications, seqs strictly increasing, the newest
//     equal to notification_count;
//   - sessions: at most policy.limits.sessions, ids unique, none living longer than its kind's
//     cap from now (policy.session_max_ttl, or app_max_ttl for an app delegation);
//   - remembered request digests: at most policy.limits.seen;
//   - guardians: at most kMaxGuardians, actors unique, each weighing at least 1; a follow only
//     where the policy has following, naming another current guardian, and no follow chain
//     closes a cycle;
//   - trusted contacts: at most kMaxContacts, actors unique and named, only where the policy
//     has trusted contacts.
#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "BOUNDS";
constexpr std::string_view kStatement =
    "No step raises an identity's device count above min(max_devices, kMaxDevices) or its "
    "seed-phrase count above max_seed_phrases (if > 0); device ids, pending-change numbers "
    "(all below next_change), session ids and guardian actors stay unique; at most one "
    "tentative device, only while registration is open, with wrong attempts below the "
    "policy's limit and a window no longer than the policy's; notification seqs increase up "
    "to notification_count; no session outlives its kind's max ttl (session_max_ttl, "
    "app_max_ttl); every collection within its bound (pending changes, notifications, "
    "sessions and remembered digests within the run's limits); at most one pending remove, "
    "replace or unprotect per device; guardians weigh at least 1 and follow (only where the "
    "policy has following) another current guardian, never in a cycle; trusted contacts "
    "(only where the policy has them) are named, unique and at most kMaxContacts.";

template <typename Vec, typename Key>
bool unique(const Vec& v, Key key) {
  for (std::size_t i = 0; i < v.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (key(v[i]) == key(v[j])) return false;
  return true;
}

std::string_view check_devices(const Policy& p, const Identity& b, const Identity& a) {
  const std::size_t max = std::min<std::size_t>(p.max_devices, kMaxDevices);
  if (a.devices.size() > max && a.devices.size() > b.devices.size())
    return "device count above the policy's maximum";
  if (p.max_seed_phrases > 0) {
    const uint32_t after = a.count_kind(DeviceKind::kSeedPhrase);
    if (after > p.max_seed_phrases && after > b.count_kind(DeviceKind::kSeedPhrase))
      return "seed-phrase count above the policy's maximum";
  }
  if (!unique(a.devices, [](const Device& d) { return d.id; })) return "duplicate device id";
  return {};
}

std::string_view check_registration(const Policy& p, const Identity& a, Time now) {
  const Registration& r = a.registration;
  if (r.has_tentative && !r.open) return "a tentative device while registration is closed";
  if (r.has_tentative && (r.device == kNone || has_device(a, r.device)))
    return "the tentative device is also registered";
  if (r.open && r.wrong_attempts >= p.registration_attempts)
    return "registration open after the policy's last wrong attempt";
  if (r.open && r.window_end > now + p.registration_window)
    return "registration window longer than the policy's";
  return {};
}

bool device_change(const PendingChange& c) {
  return c.op == Op::kRemoveDevice || c.op == Op::kReplaceDevice || c.op == Op::kUnprotect;
}

std::string_view check_pending(const Policy& p, const Identity& a) {
  if (a.pending.size() > p.limits.pending) return "too many pending changes";
  for (const PendingChange& c : a.pending) {
    if (c.number == 0 || c.number >= a.next_change) return "pending-change number not yet issued";
    if (c.due_at < c.requested_at) return "pending change due before it was requested";
  }
  if (!unique(a.pending, [](const PendingChange& c) { return c.number; }))
    return "duplicate pending-change number";
  // R-TL-2: one pending remove, replace or unprotect per device.
  for (std::size_t i = 0; i < a.pending.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (device_change(a.pending[i]) && device_change(a.pending[j]) &&
          a.pending[i].args.device == a.pending[j].args.device)
        return "two pending changes of one device";
  return {};
}

std::string_view check_notifications(const Policy& p, const Identity& a) {
  if (a.notifications.size() > p.limits.notifications) return "too many notifications";
  for (std::size_t i = 1; i < a.notifications.size(); ++i)
    if (a.notifications[i].seq <= a.notifications[i - 1].seq)
      return "notification seqs not increasing";
  if (!a.notifications.empty() &&
      a.notifications[a.notifications.size() - 1].seq != a.notification_count)
    return "newest notification seq differs from notification_count";
  return {};
}

std::string_view check_sessions(const Policy& p, const Identity& a, Time now) {
  if (a.sessions.size() > p.limits.sessions) return "too many sessions";
  for (const Session& s : a.sessions)
    if (s.expires_at > now + (s.app ? p.app_max_ttl : p.session_max_ttl))
      return "a session outlives the policy's max ttl for its kind";
  if (!unique(a.sessions, [](const Session& s) { return s.id; })) return "duplicate session id";
  return {};
}

std::string_view check_guardians(const Policy& p, const Identity& a) {
  if (a.guardians.size() > kMaxGuardians) return "too many guardians";
  if (!unique(a.guardians, [](const Guardian& g) { return g.actor; })) return "duplicate guardian";
  for (const Guardian& g : a.guardians) {
    if (g.weight == 0) return "a guardian of weight 0";
    if (g.follows == kNone) continue;
    if (!p.following) return "a follow where the policy has no following";
    if (g.follows == g.actor || a.guardian(g.follows) == nullptr)
      return "a follow naming no other current guardian";
    // A chain longer than the guardian list has come back on itself.
    const Guardian* cur = &g;
    for (std::size_t hop = 0; cur != nullptr && cur->follows != kNone; ++hop) {
      if (hop >= a.guardians.size()) return "a follow chain that closes a cycle";
      cur = a.guardian(cur->follows);
    }
  }
  return {};
}

std::string_view check_contacts(const Policy& p, const Identity& a) {
  if (a.contacts.empty()) return {};
  if (!p.trusted_contacts) return "a trusted contact where the policy has none";
  if (a.contacts.size() > kMaxContacts) return "too many trusted contacts";
  for (const Contact& c : a.contacts)
    if (c.actor == kNone) return "a trusted contact naming no one";
  if (!unique(a.contacts, [](const Contact& c) { return c.actor; }))
    return "duplicate trusted contact";
  return {};
}

class BoundsChecker final : public CheckerOf<BoundsChecker> {
 public:
  std::string_view id() const override { return kId; }
  uint64_t digest() const override { return 0; }  // remembers nothing

  std::optional<Violation> on_step(const World& world, const Step& step,
                                   std::size_t index) override {
    const Policy& p = world.policy();
    for (std::size_t k = 0; k < step.after.identities.size(); ++k) {
      const Identity& a = step.after.identities[k];
      const Identity* b = identity_at(step.before, a.id, k);
      if (b == nullptr) continue;
      std::string_view why;
      const bool devices = !same(b->devices, a.devices);
      if (devices) why = check_devices(p, *b, a);
      if (why.empty() && (devices || !same(b->registration, a.registration)))
        why = check_registration(p, a, step.time);
      if (why.empty() && (b->next_change != a.next_change || !same(b->pending, a.pending)))
        why = check_pending(p, a);
      if (why.empty() && b->notification_count != a.notification_count)
        why = check_notifications(p, a);
      if (why.empty() && a.seen.size() > p.limits.seen)
        why = "too many remembered request digests";
      if (why.empty() && !same(b->sessions, a.sessions)) why = check_sessions(p, a, step.time);
      if (why.empty() && !same(b->guardians, a.guardians)) why = check_guardians(p, a);
      if (why.empty() && b->contacts != a.contacts) why = check_contacts(p, a);
      if (!why.empty())
        return violation(kId, index,
                         world.identity_name(a.id) + ": " + std::string(why) + " after " +
                             step_label(world, step));
    }
    return std::nullopt;
  }
};

}  // namespace

Entry bounds_entry() {
  return {kId, kStatement,
          []() -> std::unique_ptr<Checker> { return std::make_unique<BoundsChecker>(); }};
}

}  // namespace reclaim::inv
