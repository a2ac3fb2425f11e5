// The interpreter (see interpret.h).
#include "trace/interpret.h"

#include "model/ops.h"

namespace reclaim {
namespace {

Error fail(std::string message) { return Error{"", 0, 0, std::move(message)}; }

}  // namespace

Error located(const std::string& file, const Statement& st, const Error& e) {
  return Error{file, st.loc.line, st.loc.col, e.message};
}

bool is_setup(const Statement& st) {
  return st.kind == StmtKind::kIdentity || st.kind == StmtKind::kActor ||
         st.kind == StmtKind::kDevice ||
         st.kind == StmtKind::kGuardian || st.kind == StmtKind::kAsset ||
         st.kind == StmtKind::kSetting || st.kind == StmtKind::kBounds;
}

Result<bool> Interpreter::setup(World& w, const Statement& st) {
  switch (st.kind) {
    case StmtKind::kIdentity: {
      const ActorId owner = w.actor(st.identity);
      if (owner == kNone || w.add_identity(st.identity, owner) == kNone)
        return fail("too many identities or actors");
      return true;
    }
    case StmtKind::kActor:
      if (w.actor(st.actor) == kNone) return fail("too many actors");
      return true;
    case StmtKind::kDevice: {
      const IdentityId id = w.find_identity(st.identity);
      std::vector<ActorId> holders;
      for (const std::string& h : st.holders) holders.push_back(w.actor(h));
      auto r = w.add_device(id, st.device, st.device_kind, st.purpose, st.is_protected, holders);
      if (!r) return fail(r.error().message + " under " + w.policy().name);
      return true;
    }
    case StmtKind::kGuardian: {
      if (!w.policy().guardians) return true;  // ignored by variants without guardians
      const IdentityId id = w.find_identity(st.identity);
      auto r = w.add_guardian(id, w.actor(st.actor), st.weight == 0 ? 1 : st.weight);
      if (!r) return fail(r.error().message);
      return true;
    }
    case StmtKind::kAsset: {
      const IdentityId id = w.find_identity(st.identity);
      auto r = w.add_asset(id, w.asset_id(st.device), st.amount, st.locked_until);
      if (!r) return fail(r.error().message);
      return true;
    }
    case StmtKind::kBounds:
      if (!w.set_limits(st.limits)) return fail("bounds out of range");
      return true;
    case StmtKind::kSetting: {
      const IdentityId id = w.find_identity(st.identity);
      if (st.setting == "removal-delay") {
        w.set_removal_delay(id, st.duration);
      } else {
        w.set_guardian_threshold(id, st.number);
      }
      return true;
    }
    default:
      return fail("not a setup statement");
  }
}

Time Interpreter::time_of(const World& world, const Statement& st) const {
  const Time now = world.now();
  if (st.has_at) return st.relative ? now + st.at_value : st.at_value;
  if (st.kind == StmtKind::kAdvance) return st.time;
  return now;
}

Result<std::size_t> Interpreter::step(World& world, const Statement& st) {
  if (is_setup(st) || st.kind == StmtKind::kExpect) return fail("not a step");
  const Time t = time_of(world, st);
  if (t < world.now()) return fail("the clock would go back");
  world.advance_to(t);
  switch (st.kind) {
    case StmtKind::kAdvance:
      return kNoStep;
    case StmtKind::kEvent:
      return event(world, st);
    case StmtKind::kRequest:
      return request(world, st);
    case StmtKind::kReplay: {
      if (st.number == 0 || st.number > request_lines_.size())
        return fail("replay " + std::to_string(st.number) + " names no earlier request");
      if (st.craft == Craft::kLifted && (st.number2 == 0 || st.number2 > request_lines_.size()))
        return fail("with-signatures-of " + std::to_string(st.number2) +
                    " names no earlier request");
      const Step& s =
          st.craft == Craft::kNone
              ? world.replay(world.actor(st.actor), request_lines_[st.number - 1])
              : world.replay_crafted(world.actor(st.actor), request_steps_[st.number - 1],
                                     st.craft,
                                     st.craft == Craft::kLifted ? request_steps_[st.number2 - 1]
                                                                : 0);
      last_request_ = static_cast<std::size_t>(&s - world.steps().data());
      return last_request_;
    }
    default:
      return fail("not a step");
  }
}

Result<std::size_t> Interpreter::event(World& w, const Statement& st) {
  const ActorId actor = w.actor(st.actor);
  const IdentityId iid = st.identity.empty() ? kNone : w.find_identity(st.identity);
  const DeviceId d = st.device.empty() ? kNone : w.find_device(st.device);
  const std::size_t own = w.steps().size();
  auto r = w.event(st.event, actor, iid, d, st.duration);
  if (!r) return fail(r.error().message);
  return own;
}

Result<std::size_t> Interpreter::request(World& w, const Statement& st) {
  const IdentityId iid = w.find_identity(st.identity);
  if (iid == kNone) return fail("unknown identity " + st.identity);
  const ActorId actor = w.actor(st.actor);
  const OpInfo* info = find_op(st.op);
  if (info == nullptr) return fail("unknown op");
  Args a;
  ActorId receiver = kNone;
  auto dev = [&](const std::string& name) { return name.empty() ? kNone : w.device_id(name); };
  auto who = [&](const std::string& name) { return name.empty() ? kNone : w.actor(name); };
  // Each argument role binds its Statement field to its Args field (model/ops.h), in the
  // order the line spells them: that order creates names, and so fixes ids and keys.
  for (std::size_t i = 0; i < info->role_count; ++i) {
    switch (info->roles[i]) {
      case ArgRole::kAddedDevice: a.device2 = dev(st.device); break;
      case ArgRole::kDevice: a.device = dev(st.device); break;
      case ArgRole::kNewDevice: a.device2 = dev(st.device2); break;
      case ArgRole::kKind: a.kind = st.device_kind; break;
      case ArgRole::kPurpose: a.purpose = st.purpose; break;
      case ArgRole::kOptProtected: a.protect = st.is_protected; break;
      case ArgRole::kIdentity: break;
      case ArgRole::kDelay:
      case ArgRole::kOptTtl: a.duration = st.duration; break;
      case ArgRole::kChange:
      case ArgRole::kThreshold: a.number = st.number; break;
      case ArgRole::kAddedGuardian:
      case ArgRole::kGuardian: a.actor = w.actor(st.guardian); break;
      case ArgRole::kOptWeight:
        if (info->has_field(Field::kWeight)) a.weight = st.weight == 0 ? 1 : st.weight;
        break;
      case ArgRole::kFollowee: a.actor2 = who(st.actor2); break;
      case ArgRole::kOptFor: receiver = st.actor2.empty() ? actor : w.actor(st.actor2); break;
      case ArgRole::kAsset: a.asset = w.asset_id(st.device); break;
      case ArgRole::kAmount: a.amount = st.amount; break;
      case ArgRole::kTo: a.actor = who(st.actor2); break;
      case ArgRole::kCode: {
        const Identity* id = w.state().identity(iid);
        const uint32_t right = id ? id->registration.code : 0;
        a.code = st.code_right ? right : (right + 1) % 1000000;
        break;
      }
    }
  }
  SignWith with;
  switch (st.signer_mode) {
    case SignerMode::kDevices:
      for (const std::string& s : st.signers) {
        const DeviceId d = w.find_device(s);
        if (d == kNone) return fail("unknown device " + s);
        with.devices.push_back(d);
      }
      for (const std::string& g : st.cosigners) {
        const ActorId a = w.find_actor(g.substr(g.find('/') + 1));
        if (a == kNone) return fail("unknown guardian " + g);
        with.cosigners.push_back(a);
      }
      break;
    case SignerMode::kSession:
      with.session = true;
      break;
    case SignerMode::kAppSession:
      with.app_session = true;
      break;
    case SignerMode::kGuardian:
      with.guardian = true;
      break;
    case SignerMode::kUnsigned:
      break;
  }
  auto r = w.submit(actor, iid, st.op, a, with, receiver);
  if (!r) return fail(r.error().message);
  last_request_ = static_cast<std::size_t>(*r - w.steps().data());
  request_lines_.push_back((*r)->request);
  request_steps_.push_back(last_request_);
  return last_request_;
}

}  // namespace reclaim
