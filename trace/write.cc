// The .scn writer (see write.h).
#include "trace/write.h"

#include <algorithm>
#include <map>

#include "model/ops.h"
#include "variants/duration.h"

namespace reclaim {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

// "bounds seen 4 notifications 4 pending 3 sessions 2": every limit, in a fixed order.
std::string bounds_text(const Limits& l) {
  return "bounds seen " + std::to_string(l.seen) + " notifications " +
         std::to_string(l.notifications) + " pending " + std::to_string(l.pending) +
         " sessions " + std::to_string(l.sessions);
}

bool is_setup(const Statement& st) {
  switch (st.kind) {
    case StmtKind::kIdentity:
    case StmtKind::kActor:
    case StmtKind::kDevice:
    case StmtKind::kGuardian:
    case StmtKind::kAsset:
    case StmtKind::kSetting:
    case StmtKind::kBounds:
      return true;
    default:
      return false;
  }
}

std::string kind_purpose(const Statement& st) {
  return " " + std::string(kind_name(st.device_kind)) + " " + std::string(purpose_name(st.purpose));
}

std::string signers(const Statement& st) {
  switch (st.signer_mode) {
    case SignerMode::kDevices: {
      std::vector<std::string> all = st.signers;
      all.insert(all.end(), st.cosigners.begin(), st.cosigners.end());
      return " by " + join(all, "+");
    }
    case SignerMode::kSession:
      return " by session";
    case SignerMode::kAppSession:
      return " by app-session";
    case SignerMode::kGuardian:
      return " by guardian";
    case SignerMode::kUnsigned:
      return " unsigned";
  }
  return " unsigned";
}

// The op's arguments in the order its roles are spelled (model/ops.h).
std::string request_args(const Statement& st) {
  const OpInfo* info = find_op(st.op);
  if (info == nullptr) return "";
  std::string out;
  for (std::size_t i = 0; i < info->role_count; ++i) {
    switch (info->roles[i]) {
      case ArgRole::kAddedDevice:
      case ArgRole::kDevice:
      case ArgRole::kAsset:
        out += " " + st.device;
        break;
      case ArgRole::kNewDevice:
        out += " " + st.device2;
        break;
      case ArgRole::kKind:
        out += " " + std::string(kind_name(st.device_kind));
        break;
      case ArgRole::kPurpose:
        out += " " + std::string(purpose_name(st.purpose));
        break;
      case ArgRole::kOptProtected:
        if (st.is_protected) out += " protected";
        break;
      case ArgRole::kIdentity:
        out += " " + st.identity;
        break;
      case ArgRole::kDelay:
        out += " " + format_duration(st.duration);
        break;
      case ArgRole::kChange:
        out += " " + (st.number ? std::to_string(st.number) : std::string("all"));
        break;
      case ArgRole::kAddedGuardian:
      case ArgRole::kGuardian:
        out += " " + st.identity + "/" + st.guardian;
        break;
      case ArgRole::kOptWeight:
        if (st.weight) out += " weight " + std::to_string(st.weight);
        break;
      case ArgRole::kFollowee:
        out += " " + st.identity + "/" + st.actor2;
        break;
      case ArgRole::kOptFor:
        if (!st.actor2.empty()) out += " for " + st.actor2;
        break;
      case ArgRole::kOptTtl:
        if (st.duration) out += " ttl " + format_duration(st.duration);
        break;
      case ArgRole::kAmount:
        out += " " + std::to_string(st.amount);
        break;
      case ArgRole::kTo:
        out += " to " + st.actor2;
        break;
      case ArgRole::kCode:
        out += st.code_right ? " right" : " wrong";
        break;
      case ArgRole::kThreshold:
        out += " " + std::to_string(st.number);
        break;
    }
  }
  return out;
}

std::string expectation(const Statement& st) {
  std::string out = "expect";
  if (!st.only.empty()) out += "[" + join(st.only, ",") + "]";
  switch (st.expect) {
    case ExpectKind::kAccepted:
      return out + " accepted";
    case ExpectKind::kPending:
      return out + " pending";
    case ExpectKind::kRejected:
      return out + " rejected" + (st.reject ? " " + std::string(reject_name(*st.reject)) : "");
    case ExpectKind::kControl:
      return out + " control " + st.identity + " " + st.actor;
    case ExpectKind::kNoControl:
      return out + " no-control " + st.identity + " " + st.actor;
    case ExpectKind::kLockedOut:
      return out + " locked-out " + st.identity;
    case ExpectKind::kPresent:
      return out + " present " + st.device;
    case ExpectKind::kAbsent:
      return out + " absent " + st.device;
    case ExpectKind::kNotified:
      return out + " notified " + st.identity + " " + std::string(op_name(st.notified_op));
    case ExpectKind::kAsset:
      return out + " asset " + st.device + " " + st.compare + " " + std::to_string(st.amount);
    case ExpectKind::kSwept:
      return out + " swept " + st.device + " " + st.compare + " " + std::to_string(st.amount);
    case ExpectKind::kHolds:
      return out + " holds " + st.invariant;
    case ExpectKind::kViolates:
      return out + " violates " + st.invariant;
  }
  return out;
}

// The statement without its `at` prefix; empty for kAdvance.
std::string body(const Statement& st) {
  switch (st.kind) {
    case StmtKind::kIdentity:
      return "identity " + st.identity;
    case StmtKind::kActor:
      return "actor " + st.actor;
    case StmtKind::kDevice:
      return "device " + st.device + kind_purpose(st) + (st.is_protected ? " protected" : "") +
             (st.holders.empty() ? "" : " held-by " + join(st.holders, ","));
    case StmtKind::kGuardian:
      return "guardian " + st.identity + "/" + st.actor +
             (st.weight ? " weight " + std::to_string(st.weight) : "");
    case StmtKind::kAsset:
      return "asset " + st.device + " " + std::to_string(st.amount) +
             (st.locked_until ? " locked-until " + format_duration(st.locked_until) : "");
    case StmtKind::kBounds:
      return bounds_text(st.limits);
    case StmtKind::kSetting:
      return "setting " + st.identity + " " + st.setting + " " +
             (st.setting == "removal-delay" ? format_duration(st.duration)
                                            : std::to_string(st.number));
    case StmtKind::kEvent: {
      std::string out = st.actor + " " + std::string(event_name(st.event));
      switch (st.event) {
        case EventKind::kSteal:
        case EventKind::kCopy:
        case EventKind::kLose:
          return out + " " + st.device;
        case EventKind::kHijack:
          return out + " " + st.identity;
        case EventKind::kCollude:
          return out;
        case EventKind::kReacts:
          return out + " within " + format_duration(st.duration);
      }
      return out;
    }
    case StmtKind::kRequest:
      return st.actor + ": " + std::string(op_name(st.op)) + request_args(st) + signers(st);
    case StmtKind::kExpect:
      return expectation(st);
    case StmtKind::kAdvance:
      return "";
    case StmtKind::kReplay: {
      std::string out = st.actor + ": replay " + std::to_string(st.number);
      if (st.craft != Craft::kNone) out += " " + std::string(craft_name(st.craft));
      if (st.craft == Craft::kLifted) out += " " + std::to_string(st.number2);
      return out;
    }
  }
  return "";
}

// "alice/neuron" whether the world named the asset with or without its identity.
std::string full_asset_name(const World& w, IdentityId id, uint32_t asset) {
  std::string n = w.asset_name(asset);
  if (n.find('/') == std::string::npos) n = w.identity_name(id) + "/" + n;
  return n;
}

std::string identity_part(const std::string& device) { return device.substr(0, device.find('/')); }

// Replaying a scenario creates actors in the order its lines first name them. When that is
// not the order the run created them in (ids and so keys and knowledge would differ), or a
// line names an actor where the language needs one already known (remove-guardian's and
// follow's guardians), `actor NAME` lines declare every actor up front, in the run's order.
void declare_actors(const World& world, Scenario& sc) {
  std::vector<std::string> order;
  bool unknown_use = false;
  auto name = [&](const std::string& n, bool must_be_known) {
    if (n.empty() || std::find(order.begin(), order.end(), n) != order.end()) return;
    unknown_use |= must_be_known;
    order.push_back(n);
  };
  for (const Statement& st : sc.statements) {
    switch (st.kind) {
      case StmtKind::kIdentity:
      case StmtKind::kGuardian:
      case StmtKind::kEvent:
      case StmtKind::kReplay:
        name(st.actor, false);
        break;
      case StmtKind::kDevice:
        for (const std::string& h : st.holders) name(h, false);
        break;
      case StmtKind::kRequest: {
        name(st.actor, false);
        const OpInfo* info = find_op(st.op);
        if (info == nullptr) break;
        name(st.guardian, info->has_role(ArgRole::kGuardian));
        name(st.actor2, info->has_role(ArgRole::kFollowee));
        break;
      }
      default:
        break;
    }
  }
  bool in_order = !unknown_use && order.size() <= world.actor_count();
  for (std::size_t i = 0; in_order && i < order.size(); ++i)
    in_order = order[i] == world.actor_name(static_cast<ActorId>(i + 1));
  if (in_order) return;
  std::size_t at = 0;  // after the identity lines
  while (at < sc.statements.size() && sc.statements[at].kind == StmtKind::kIdentity) ++at;
  std::vector<Statement> lines;
  for (ActorId a = 1; a <= world.actor_count(); ++a) {
    const std::string& n = world.actor_name(a);
    bool owner = false;
    for (std::size_t i = 0; i < at; ++i) owner |= sc.statements[i].actor == n;
    if (owner) continue;
    Statement st;
    st.kind = StmtKind::kActor;
    st.actor = n;
    lines.push_back(st);
  }
  sc.statements.insert(sc.statements.begin() + static_cast<std::ptrdiff_t>(at), lines.begin(),
                       lines.end());
}

}  // namespace

std::string one_line(std::string_view text) {
  std::string out;
  for (unsigned char c : text) out += c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c);
  return out;
}

std::string write_statement(const Statement& st) {
  const std::string b = body(st);
  if (!st.has_at) {
    if (st.kind == StmtKind::kAdvance) return "at " + format_duration(st.time);
    return b;
  }
  std::string out = "at " + std::string(st.relative ? "+" : "") + format_duration(st.at_value);
  if (!b.empty()) out += " " + b;
  return out;
}

std::string write_scenario(const Scenario& s) {
  std::string out;
  if (!s.name.empty()) out += "scenario " + s.name + "\n";
  if (!s.about.empty()) out += "about " + quoted(s.about) + "\n";
  if (!s.variants.empty()) {
    out += "variants";
    // A path with a space, a quote, a backslash or a '#' is written as a quoted string.
    for (const std::string& v : s.variants)
      out += " " + (v.find_first_of(" \t\"\\#") == std::string::npos ? v : quoted(v));
    out += "\n";
  }
  // A blank line after the header and between the setup and the steps.
  enum { kNothing, kSetup, kStep } previous = kNothing;
  for (const Statement& st : s.statements) {
    const auto current = is_setup(st) ? kSetup : kStep;
    if ((previous == kNothing && !out.empty()) || (previous == kSetup && current == kStep))
      out += "\n";
    out += write_statement(st) + "\n";
    previous = current;
  }
  return out;
}

bool same_scenario(const Scenario& a, const Scenario& b) {
  if (a.name != b.name || a.about != b.about || a.variants != b.variants ||
      a.statements.size() != b.statements.size())
    return false;
  for (std::size_t i = 0; i < a.statements.size(); ++i) {
    Statement x = a.statements[i], y = b.statements[i];
    x.loc = y.loc = Loc{};
    if (!(x == y)) return false;
  }
  return true;
}

Statement statement_from_step(const World& world, const Step& step) {
  Statement st;
  if (step.kind == Step::Kind::kTick) {
    st.kind = StmtKind::kAdvance;
    st.time = step.time;
    return st;
  }
  st.actor = world.actor_name(step.actor);
  if (step.kind == Step::Kind::kEvent) {
    st.kind = StmtKind::kEvent;
    st.event = step.event;
    switch (step.event) {
      case EventKind::kSteal:
      case EventKind::kCopy:
      case EventKind::kLose:
        st.device = world.device_name(step.device);
        st.identity = identity_part(st.device);
        break;
      case EventKind::kHijack:
        st.identity = world.identity_name(step.identity);
        break;
      case EventKind::kCollude:
        break;
      case EventKind::kReacts:
        st.duration = step.within;
        break;
    }
    return st;
  }
  const Request& r = step.request;
  st.kind = StmtKind::kRequest;
  st.op = r.op;
  st.identity = world.identity_name(r.identity);
  const Args& a = r.args;
  const OpInfo* info = find_op(r.op);
  for (std::size_t i = 0; info != nullptr && i < info->role_count; ++i) {
    switch (info->roles[i]) {
      case ArgRole::kAddedDevice:
        st.device = world.device_name(a.device2);
        break;
      case ArgRole::kDevice:
        st.device = world.device_name(a.device);
        break;
      case ArgRole::kNewDevice:
        st.device2 = world.device_name(a.device2);
        break;
      case ArgRole::kKind:
        st.device_kind = a.kind;
        break;
      case ArgRole::kPurpose:
        st.purpose = a.purpose;
        break;
      case ArgRole::kOptProtected:
        st.is_protected = a.protect;
        break;
      case ArgRole::kIdentity:
        break;
      case ArgRole::kDelay:
      case ArgRole::kOptTtl:
        st.duration = a.duration;
        break;
      case ArgRole::kChange:
      case ArgRole::kThreshold:
        st.number = a.number;
        break;
      case ArgRole::kAddedGuardian:
      case ArgRole::kGuardian:
        st.guardian = world.actor_name(a.actor);
        break;
      case ArgRole::kOptWeight:
        if (info->has_field(Field::kWeight)) st.weight = a.weight;
        break;
      case ArgRole::kFollowee:
        st.actor2 = world.actor_name(a.actor2);
        break;
      case ArgRole::kOptFor:
        if (step.receiver != kNone && step.receiver != step.actor)
          st.actor2 = world.actor_name(step.receiver);
        break;
      case ArgRole::kAsset:
        st.device = full_asset_name(world, r.identity, a.asset);
        break;
      case ArgRole::kAmount:
        st.amount = a.amount;
        break;
      case ArgRole::kTo:
        st.actor2 = world.actor_name(a.actor);
        break;
      case ArgRole::kCode: {
        const Identity* id = step.before.identity(r.identity);
        st.code_right = id != nullptr && id->registration.code == a.code;
        break;
      }
    }
  }
  bool session = false, app_session = false, guardian = false;
  for (const SignatureEntry& e : r.signers) {
    if (e.kind == SignerKind::kDevice) st.signers.push_back(world.device_name(e.id));
    if (e.kind == SignerKind::kSession)
      (world.app_session(r.identity, e.id) ? app_session : session) = true;
    if (e.kind == SignerKind::kGuardian)
      st.cosigners.push_back(world.identity_name(r.identity) + "/" + world.actor_name(e.id));
    guardian |= e.kind == SignerKind::kGuardian;
  }
  // The requester's own guardian key alone is `by guardian`; guardians beside devices, or
  // another guardian's key, are parts of a `by` list.
  const bool own_guardian_only =
      st.signers.empty() && r.signers.size() == 1 && guardian && r.signers[0].id == step.actor;
  if (own_guardian_only || session || app_session) st.cosigners.clear();
  st.signer_mode = !st.signers.empty() || !st.cosigners.empty() ? SignerMode::kDevices
                   : session           ? SignerMode::kSession
                   : app_session       ? SignerMode::kAppSession
                   : guardian          ? SignerMode::kGuardian
                                       : SignerMode::kUnsigned;
  return st;
}

std::string step_text(const World& world, const Step& step) {
  if (step.kind == Step::Kind::kTick) return "";
  Statement st = statement_from_step(world, step);
  st.has_at = false;
  return write_statement(st);
}

Scenario scenario_from_run(const World& world, const std::string& name,
                           const std::vector<std::string>& variants) {
  Scenario sc;
  sc.name = name;
  sc.variants = variants;
  const State& init = world.initial();
  const Knowledge& know = world.initial_knowledge();
  const Policy& policy = world.policy();
  if (!(policy.limits == kFullLimits)) {
    Statement st;
    st.kind = StmtKind::kBounds;
    st.limits = policy.limits;
    sc.statements.push_back(st);
  }

  for (const Identity& id : init.identities) {
    Statement st;
    st.kind = StmtKind::kIdentity;
    st.identity = st.actor = world.identity_name(id.id);
    sc.statements.push_back(st);
  }
  for (const Identity& id : init.identities) {
    const std::string iname = world.identity_name(id.id);
    for (const Device& d : id.devices) {
      Statement st;
      st.kind = StmtKind::kDevice;
      st.identity = iname;
      st.device = world.device_name(d.id);
      st.device_kind = d.kind;
      st.purpose = d.purpose;
      st.is_protected = d.is_protected;
      for (ActorId a = 1; a <= world.actor_count(); ++a)
        if (know.held(a, d.id)) st.holders.push_back(world.actor_name(a));
      // Without held-by the language gives the device to the owner, named like the identity.
      if (st.holders == std::vector<std::string>{iname}) st.holders.clear();
      sc.statements.push_back(st);
    }
    for (const Guardian& g : id.guardians) {
      Statement st;
      st.kind = StmtKind::kGuardian;
      st.identity = iname;
      st.actor = world.actor_name(g.actor);
      st.weight = g.weight;
      sc.statements.push_back(st);
    }
    for (const Asset& a : id.assets) {
      Statement st;
      st.kind = StmtKind::kAsset;
      st.identity = iname;
      st.device = full_asset_name(world, id.id, a.id);
      st.amount = a.amount;
      st.locked_until = a.locked_until;
      sc.statements.push_back(st);
    }
    if (id.removal_delay != policy.default_removal_delay) {
      Statement st;
      st.kind = StmtKind::kSetting;
      st.identity = iname;
      st.setting = "removal-delay";
      st.duration = id.removal_delay;
      sc.statements.push_back(st);
    }
    if (id.guardian_threshold != policy.default_guardian_threshold) {
      Statement st;
      st.kind = StmtKind::kSetting;
      st.identity = iname;
      st.setting = "guardian-threshold";
      st.number = id.guardian_threshold;
      sc.statements.push_back(st);
    }
  }

  // Steps. `written` holds the requests already written as request lines, in order, so a
  // later identical request (World::replay) becomes `replay K`; `line_of` maps the index of
  // every request step written so far to the request line it is (or replays), so that a
  // crafted replay names the lines it was built from.
  std::vector<const Request*> written;
  std::map<std::size_t, uint32_t> line_of;
  Time last = 0;
  auto stamp = [&](Statement& st, Time t) {
    st.has_at = true;
    st.relative = false;
    st.at_value = t;
    st.time = t;
    last = t;
  };
  for (std::size_t index = 0; index < world.steps().size(); ++index) {
    const Step& step = world.steps()[index];
    if (step.kind == Step::Kind::kTick || step.reactive) continue;
    if (step.craft != Craft::kNone) {
      const auto base = line_of.find(step.craft_base - 1);
      const auto donor = line_of.find(step.craft_donor - 1);
      if (base != line_of.end() && (step.craft != Craft::kLifted || donor != line_of.end())) {
        Statement replay;
        stamp(replay, step.time);
        replay.kind = StmtKind::kReplay;
        replay.actor = world.actor_name(step.actor);
        replay.number = base->second;
        replay.craft = step.craft;
        if (step.craft == Craft::kLifted) replay.number2 = donor->second;
        sc.statements.push_back(replay);
        continue;
      }
    }
    Statement st = statement_from_step(world, step);
    stamp(st, step.time);
    if (step.kind == Step::Kind::kRequest) {
      const Request& r = step.request;
      const auto same =
          std::find_if(written.begin(), written.end(), [&](const Request* w) { return *w == r; });
      if (same != written.end()) {
        Statement replay;
        stamp(replay, step.time);
        replay.kind = StmtKind::kReplay;
        replay.actor = st.actor;
        replay.number = static_cast<uint32_t>(same - written.begin()) + 1;
        line_of[index] = replay.number;
        sc.statements.push_back(replay);
        continue;
      }
      written.push_back(&r);
      line_of[index] = static_cast<uint32_t>(written.size());
    }
    sc.statements.push_back(st);
  }
  if (world.now() > last) {
    Statement st;
    st.kind = StmtKind::kAdvance;
    stamp(st, world.now());
    sc.statements.push_back(st);
  }
  declare_actors(world, sc);
  return sc;
}

}  // namespace reclaim
