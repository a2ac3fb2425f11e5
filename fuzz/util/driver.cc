// The fuzz driver (see driver.h).
#include "fuzz/util/driver.h"

#include <algorithm>

#include "model/ops.h"
#include "model/step.h"
#include "sim/standard_identity.h"

namespace reclaim::fuzz {
namespace {

// Bits 0-1 a kind; bit 4 a TOTP authenticator instead, only where the policy lets one be
// registered (so every input means what it meant under the other variants).
DeviceKind kind_bits(uint8_t v, const Policy& p) {
  if (p.totp && ((v >> 4) & 1)) return DeviceKind::kTotp;
  return static_cast<DeviceKind>(v & 3);
}
Purpose purpose_bit(uint8_t v) { return (v >> 2) & 1 ? Purpose::kRecovery : Purpose::kAuth; }
bool protect_bit(uint8_t v) { return (v >> 3) & 1; }
Duration duration_at(uint8_t v) { return kDurations[v % kDurations.size()]; }

}  // namespace

std::vector<Duration> removal_delay_choices(const Policy& policy) {
  if (!policy.delay_menu.empty())
    return std::vector<Duration>(policy.delay_menu.begin(), policy.delay_menu.end());
  std::vector<Duration> out;
  if (policy.default_removal_delay > 0) out.push_back(policy.default_removal_delay);
  for (Duration d : {kWeek, kDay, kMonth, kYear, 3 * kDay, Duration{0}})
    if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
  return out;
}

Driver::Driver(const Policy& policy, const Header& h, bool force_reactive)
    : world_(policy, kRunSeed) {
  const Policy& p = world_.policy();
  StandardOptions o;
  o.phrase_protected = (h.flags & kFlagPhraseUnprotected) == 0;
  o.trezor = (h.flags & kFlagTrezor) != 0;
  o.first_guardian_weight = (h.flags & kFlagHeavyGuardian) ? 2 : 1;
  o.guardian_threshold =
      h.threshold != 0 ? 1 + (h.threshold - 1) % 3 : p.default_guardian_threshold;
  o.asset_locked_until = (h.flags & kFlagAssetLocked) ? kStandardAssetLock : 0;
  const std::vector<Duration> delays = removal_delay_choices(p);
  o.removal_delay = delays[h.delay % delays.size()];
  alice_ = build_standard_identity(world_, o).id;
  // Every name an action may pick is an actor, with or without guardians.
  for (std::size_t i = 0; i < kActorNames.size(); ++i)
    actors_[i] = world_.actor(std::string(kActorNames[i]));
  if (force_reactive || (h.flags & kFlagReactive)) {
    const Duration within = kReactionTable[(h.flags >> kFlagReactionShift) & 3];
    (void)world_.event(EventKind::kReacts, actors_[0], alice_, kNone, within);
  }
}

std::vector<DeviceId> Driver::device_candidates() const {
  std::vector<DeviceId> out;
  const Identity* id = world_.state().identity(alice_);
  if (id != nullptr)
    for (const Device& d : id->devices) out.push_back(d.id);
  for (DeviceId d = 1; d <= kMaxWorldDevices && world_.device_name(d) != "?"; ++d)
    if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
  return out;
}

std::vector<DeviceId> Driver::held(ActorId a) const {
  std::vector<DeviceId> out;
  for (DeviceId d = 1; d <= kMaxWorldDevices && world_.device_name(d) != "?"; ++d)
    if (world_.holds(a, d)) out.push_back(d);
  return out;
}

DeviceId Driver::new_device(char prefix) {
  // Names are never reused, so every request line of a written scenario names a fresh
  // device; the world holds at most kMaxWorldDevices names (device_id returns kNone then).
  return world_.device_id(std::string("alice/") + prefix + std::to_string(next_name_++));
}

void Driver::note_request(std::size_t steps_before) {
  // The first step recorded is the request itself; reactions may follow it.
  if (world_.steps().size() > steps_before) replayable_.push_back(steps_before);
}

bool Driver::apply(const Action& a) {
  last_new_ = kNone;
  const ActorId who = actor_of(a);
  const std::size_t before = world_.steps().size();
  switch (opcode_of(a)) {
    case Opcode::kAdvance:
      return advance(a);
    case Opcode::kSteal:
    case Opcode::kCopy: {
      const std::vector<DeviceId> c = device_candidates();
      if (c.empty()) return false;
      const EventKind k = opcode_of(a) == Opcode::kSteal ? EventKind::kSteal : EventKind::kCopy;
      return world_.event(k, who, alice_, c[a.a % c.size()]).ok();
    }
    case Opcode::kLose: {
      const std::vector<DeviceId> c = held(who);
      if (c.empty()) return false;
      return world_.event(EventKind::kLose, who, alice_, c[a.a % c.size()]).ok();
    }
    case Opcode::kHijack:
      return world_.event(EventKind::kHijack, who, alice_, kNone).ok();
    case Opcode::kCollude:
      return world_.event(EventKind::kCollude, who, kNone, kNone).ok();
    case Opcode::kReacts:
      return world_.event(EventKind::kReacts, actors_[0], alice_, kNone, duration_at(a.a)).ok();
    case Opcode::kReplay: {
      if (replayable_.empty()) return false;
      const std::size_t base = replayable_[a.a % replayable_.size()];
      const auto craft = static_cast<Craft>(a.b % kCraftCount);
      if (craft == Craft::kNone) {
        const Request r = world_.steps()[base].request;
        world_.replay(who, r);
      } else {
        world_.replay_crafted(who, base, craft, replayable_[a.mask % replayable_.size()]);
      }
      return world_.steps().size() > before;
    }
    default:
      return request(a);
  }
}

// b & 3: 0 moves by kDurations[a]; 1 and 2 move to one second before, or exactly at (plus
// one second when (b >> 2) & 1), the next time anything is due — the deadlines where
// inclusive and strict boundaries differ; 3 moves by (mask | a << 8 | (b >> 2) << 16)
// minutes, so a converted scenario reaches any whole-minute time in one action.
bool Driver::advance(const Action& a) {
  const Time now = world_.now();
  Time target = now + duration_at(a.a);
  const int mode = a.b & 3;
  if (mode == 3) {
    const Time minutes = a.mask | (Time{a.a} << 8) | (Time{a.b >> 2} << 16);
    target = now + minutes * kMinute;
  } else if (mode == 1 || mode == 2) {
    const Time due = next_due(world_.policy(), world_.state(), now);
    if (due != kNever) target = mode == 1 ? due - 1 : due + ((a.b >> 2) & 1);
  }
  if (target <= now || target > kMaxFuzzTime) return false;
  world_.advance_to(target);
  return true;
}

// Arguments per op (a, b):
//   add-device         a: kind (bits 0-1, or totp: bit 4 where the policy has totp), purpose
//                      (bit 2), protected (bit 3); new alice/nK
//   remove-device, protect, unprotect   a: device candidate index
//   replace-device     a: old device candidate index; b: the new one's kind/purpose/protected
//   set-removal-delay  a < 128 and a menu: menu[a % size]; else kDurations[a]
//   cancel             a & 0x80: number (a & 15) + 1; else a % (pending + 1): 0 all, k the k-th
//   add-guardian       a: actor; b: weight 1 + b % 4
//   remove-guardian    a: actor
//   follow             a: guardian actor; b: followee actor
//   start-recovery     a: kind; b: receiver actor (`for`); new alice/rK
//   login              a even: default ttl; a odd: kDurations[a >> 1]
//   transfer, withdraw a: kAmounts index; b: recipient actor
//   add-tentative      a: kind/purpose/protected as add-device; new alice/tK
//   verify-tentative   a & 1: a wrong code, else the right one
//   set-guardian-threshold  a % 6
// The arguments of an op the switch below does not decode, role by role: a from the
// action's first byte, b from its second. Approve, veto, lock, unlock and
// enter-registration name only the identity; a new op is fuzzed without a decoder of its own.
void Driver::fill_by_role(const OpInfo& op, const Action& a, Args& args, ActorId& receiver) {
  const std::vector<DeviceId> c = device_candidates();
  for (std::size_t i = 0; i < op.role_count; ++i) {
    switch (op.roles[i]) {
      case ArgRole::kAddedDevice:
      case ArgRole::kNewDevice: args.device2 = new_device('n'); break;
      case ArgRole::kDevice: args.device = c.empty() ? kNone : c[a.a % c.size()]; break;
      case ArgRole::kKind: args.kind = kind_bits(a.a, world_.policy()); break;
      case ArgRole::kPurpose: args.purpose = purpose_bit(a.a); break;
      case ArgRole::kOptProtected: args.protect = protect_bit(a.a); break;
      case ArgRole::kIdentity: break;
      case ArgRole::kDelay:
      case ArgRole::kOptTtl: args.duration = duration_at(a.b); break;
      case ArgRole::kChange:
      case ArgRole::kThreshold: args.number = a.b % 6; break;
      case ArgRole::kAddedGuardian:
      case ArgRole::kGuardian:
      case ArgRole::kTo: args.actor = actor(a.b); break;
      case ArgRole::kOptWeight: args.weight = 1 + a.b % 4; break;
      case ArgRole::kFollowee: args.actor2 = actor(a.b >> 4); break;
      case ArgRole::kOptFor: receiver = actor(a.b); break;
      case ArgRole::kAsset: args.asset = world_.find_asset(kStandardAsset); break;
      case ArgRole::kAmount: args.amount = kAmounts[a.a % kAmounts.size()]; break;
      case ArgRole::kCode: {
        const Identity* id = world_.state().identity(alice_);
        const uint32_t right = id != nullptr ? id->registration.code : 0;
        args.code = (a.a & 1) ? (right + 1) % 1000000 : right;
        break;
      }
    }
  }
}

bool Driver::request(const Action& a) {
  const Op op = request_op(a);
  const ActorId who = actor_of(a);
  const Identity* id = world_.state().identity(alice_);
  if (id == nullptr) return false;
  Args args;
  ActorId receiver = kNone;
  auto pick_device = [&](uint8_t v) {
    const std::vector<DeviceId> c = device_candidates();
    return c.empty() ? kNone : c[v % c.size()];
  };
  switch (op) {
    case Op::kAddDevice:
      args.device2 = new_device('n');
      args.kind = kind_bits(a.a, world_.policy());
      args.purpose = purpose_bit(a.a);
      args.protect = protect_bit(a.a);
      break;
    case Op::kRemoveDevice:
    case Op::kProtect:
    case Op::kUnprotect:
      args.device = pick_device(a.a);
      break;
    case Op::kReplaceDevice:
      args.device = pick_device(a.a);
      args.device2 = new_device('n');
      args.kind = kind_bits(a.b, world_.policy());
      args.purpose = purpose_bit(a.b);
      args.protect = protect_bit(a.b);
      break;
    case Op::kSetRemovalDelay: {
      const auto& menu = world_.policy().delay_menu;
      args.duration = a.a < 128 && !menu.empty() ? menu[a.a % menu.size()] : duration_at(a.a);
      break;
    }
    case Op::kCancel:
      if (a.a & 0x80) {
        args.number = (a.a & 15) + 1;
      } else {
        const std::size_t k = a.a % (id->pending.size() + 1);
        args.number = k == 0 ? 0 : id->pending[k - 1].number;
      }
      break;
    case Op::kAddGuardian:
      args.actor = actor(a.a);
      args.weight = 1 + a.b % 4;
      break;
    case Op::kRemoveGuardian:
      args.actor = actor(a.a);
      break;
    case Op::kFollow:
      args.actor = actor(a.a);
      args.actor2 = actor(a.b);
      break;
    case Op::kStartRecovery:
      args.device2 = new_device('r');
      args.kind = kind_bits(a.a, world_.policy());
      receiver = actor(a.b);
      break;
    case Op::kLogin:
      args.duration = (a.a & 1) ? duration_at(a.a >> 1) : 0;
      break;
    case Op::kTransfer:
    case Op::kWithdraw:
      args.asset = world_.find_asset(kStandardAsset);
      args.amount = kAmounts[a.a % kAmounts.size()];
      args.actor = actor(a.b);
      break;
    case Op::kClawback:
    case Op::kSweep:
      args.asset = world_.find_asset(kStandardAsset);
      break;
    case Op::kAddContact:
      args.actor = actor(a.b);
      break;
    case Op::kAddTentative:
      args.device2 = new_device('t');
      args.kind = kind_bits(a.a, world_.policy());
      args.purpose = purpose_bit(a.a);
      args.protect = protect_bit(a.a);
      break;
    case Op::kVerifyTentative: {
      const uint32_t right = id->registration.code;
      args.code = (a.a & 1) ? (right + 1) % 1000000 : right;
      break;
    }
    case Op::kSetGuardianThreshold:
      args.number = a.a % 6;
      break;
    default:  // any other op: its arguments by role (model/ops.h), from the action's bytes
      fill_by_role(op_info(op), a, args, receiver);
      break;
  }
  const OpInfo& info = op_info(op);
  const bool needs_new = info.key == NewKey::kDevice;
  if (needs_new && args.device2 == kNone) return false;
  const bool needs_device = info.has_role(ArgRole::kDevice);
  if (needs_device && args.device == kNone) return false;
  last_new_ = needs_new ? args.device2 : kNone;

  SignWith with;
  switch (const uint8_t mode = (a.who >> 3) & 7; mode) {
    case kSignSession: ((a.mask & kMaskAppSession) ? with.app_session : with.session) = true; break;
    case kSignGuardian: with.guardian = true; break;
    case kSignNone: break;
    default: {
      const std::vector<DeviceId> c = held(who);
      for (std::size_t i = 0; i < c.size() && i < 8 && with.devices.size() < kMaxSigners; ++i)
        if ((a.mask >> i) & 1) with.devices.push_back(c[i]);
      if (with.devices.empty() && !c.empty()) with.devices.push_back(c[a.mask % c.size()]);
      const Policy& p = world_.policy();
      const bool asks = guardians_cosign(p, op);
      if (asks && (a.who & kWhoCosign)) {
        const std::size_t quorum = (id->guardians.size() + 1) / 2;
        const std::size_t want = (a.who & kWhoCosignShort) && quorum > 0 ? quorum - 1 : quorum;
        for (const Guardian& g : id->guardians) {
          if (with.cosigners.size() >= want ||
              with.devices.size() + with.cosigners.size() >= kMaxSigners)
            break;
          const bool colluding = g.actor <= kMaxActors && world_.knowledge().colluding[g.actor];
          if (cosign_refusal(g.actor == who, who == actors_[0], colluding).empty())
            with.cosigners.push_back(g.actor);
        }
      }
      break;
    }
  }
  const std::size_t before = world_.steps().size();
  auto r = world_.submit(who, alice_, op, args, with, receiver);
  if (!r.ok()) return false;  // e.g. a session the actor does not hold: nothing was sent
  note_request(before);
  return true;
}

}  // namespace reclaim::fuzz
