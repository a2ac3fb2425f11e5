// Outcomes as goals and as expectations (see outcomes.h).
#include "graph/outcomes.h"

namespace reclaim::graph {
namespace {

bool takeover(const World& w, const std::string& identity, const std::string& attacker) {
  const IdentityId id = w.find_identity(identity);
  return w.in_control(id, w.find_actor(attacker)) && !w.in_control(id, w.owner_of(id));
}

Statement expect(ExpectKind kind, const std::string& identity) {
  Statement st;
  st.kind = StmtKind::kExpect;
  st.expect = kind;
  st.identity = identity;
  return st;
}

}  // namespace

std::string_view outcome_name(OutcomeKind o) {
  switch (o) {
    case OutcomeKind::kTakeover:
      return "takeover";
    case OutcomeKind::kLockout:
      return "lockout";
    case OutcomeKind::kAssetLoss:
      return "asset-loss";
  }
  return "?";
}

std::optional<OutcomeKind> outcome_from_name(std::string_view name) {
  for (OutcomeKind o : kOutcomes)
    if (outcome_name(o) == name) return o;
  return std::nullopt;
}

int64_t asset_total(const World& world, const std::string& identity) {
  const Identity* id = world.state().identity(world.find_identity(identity));
  int64_t total = 0;
  if (id != nullptr)
    for (const Asset& a : id->assets) total += a.amount;
  return total;
}

Goal outcome_goal(OutcomeKind o, const IdentitySetup& setup, int64_t initial_assets) {
  const std::string identity = setup.identity, attacker = setup.attacker;
  switch (o) {
    case OutcomeKind::kTakeover:
      return {"takeover", [=](const World& w) { return takeover(w, identity, attacker); }};
    case OutcomeKind::kLockout:
      return {"lockout", [=](const World& w) { return w.locked_out(w.find_identity(identity)); }};
    case OutcomeKind::kAssetLoss:
      return {"asset-loss",
              [=](const World& w) { return asset_total(w, identity) < initial_assets; }};
  }
  return {};
}

OutcomeCheck outcome_check(OutcomeKind o, const IdentitySetup& setup, const World& end,
                           const World& start) {
  OutcomeCheck c;
  c.reached = outcome_goal(o, setup, asset_total(start, setup.identity)).reached;
  switch (o) {
    case OutcomeKind::kTakeover: {
      Statement st = expect(ExpectKind::kControl, setup.identity);
      st.actor = setup.attacker;
      c.expectations.push_back(st);
      st.expect = ExpectKind::kNoControl;  // and the owner lost it: half a takeover is none
      st.actor = setup.identity;
      c.expectations.push_back(st);
      break;
    }
    case OutcomeKind::kLockout:
      c.expectations.push_back(expect(ExpectKind::kLockedOut, setup.identity));
      break;
    case OutcomeKind::kAssetLoss: {
      const Identity* before = start.state().identity(start.find_identity(setup.identity));
      const Identity* after = end.state().identity(end.find_identity(setup.identity));
      if (before == nullptr || after == nullptr) break;
      for (const Asset& a : before->assets) {
        const Asset* now = after->asset(a.id);
        if (now != nullptr && now->amount >= a.amount) continue;
        Statement st = expect(ExpectKind::kAsset, setup.identity);
        st.device = start.asset_name(a.id);
        st.compare.push_back('<');  // (assigning a literal trips a GCC 12 -Wrestrict bug)
        st.amount = a.amount;
        c.expectations.push_back(st);
      }
      break;
    }
  }
  return c;
}

}  // namespace reclaim::graph
