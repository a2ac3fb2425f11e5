// Identity setups of the exhaustive engine (see setup.h).
#include "graph/setup.h"

#include <algorithm>

#include "trace/write.h"

namespace reclaim::graph {

IdentitySetup standard_setup(const Policy& policy, const StandardOptions& options) {
  World w(policy, kStandardSeed);
  const StandardIdentity s = build_standard_identity(w, options);
  IdentitySetup out;
  out.source = "the standard identity";
  for (const Statement& st : scenario_from_run(w, "standard", {}).statements)
    if (is_setup(st)) out.statements.push_back(st);
  out.identity = kStandardOwner;
  out.attacker = kStandardAttacker;
  for (DeviceId d : {s.laptop, s.yubikey, s.phrase, s.trezor})
    if (d != kNone) out.devices.push_back(w.device_name(d));
  if (const Identity* id = w.state().identity(s.id)) {
    for (const Guardian& g : id->guardians)
      out.guardians.push_back({w.actor_name(g.actor), g.weight});
    out.guardian_threshold = policy.guardians ? id->guardian_threshold : 0;
  }
  return out;
}

Result<IdentitySetup> setup_from_scenario(const Scenario& sc, const Policy& policy,
                                          const std::string& attacker) {
  IdentitySetup out;
  out.source = sc.file.empty() ? "the scenario's setup" : sc.file;
  out.attacker = attacker;
  auto err = [&](const Statement* st, const std::string& m) {
    return Error{sc.file, st ? st->loc.line : 0, st ? st->loc.col : 0, m};
  };
  for (const Statement& st : sc.statements)
    if (is_setup(st)) out.statements.push_back(st);
  const Statement* ident = nullptr;
  for (const Statement& st : out.statements)
    if (st.kind == StmtKind::kIdentity) {
      ident = &st;
      break;
    }
  if (ident == nullptr) return err(nullptr, "the scenario declares no identity to explore");
  out.identity = ident->identity;
  if (attacker == out.identity) return err(ident, "the attacker " + attacker + " owns " + attacker);
  out.guardian_threshold = policy.guardians ? policy.default_guardian_threshold : 0;
  for (const Statement& st : out.statements) {
    if (st.identity != out.identity) continue;
    if (st.kind == StmtKind::kDevice &&
        (st.holders.empty() ||
         std::find(st.holders.begin(), st.holders.end(), out.identity) != st.holders.end()))
      out.devices.push_back(st.device);
    if (st.kind == StmtKind::kGuardian && policy.guardians) {
      if (st.actor == attacker)
        return err(&st, "the attacker " + attacker + " is a guardian of " + out.identity);
      out.guardians.push_back({st.actor, st.weight == 0 ? 1 : st.weight});
    }
    if (st.kind == StmtKind::kSetting && st.setting == "guardian-threshold" && policy.guardians)
      out.guardian_threshold = st.number;
  }
  if (out.devices.empty())
    return err(ident, "the owner " + out.identity + " holds no device of " + out.identity);
  Result<Root> root = build_root(policy, out, {});
  if (!root) return root.error();
  return out;
}

std::vector<std::string> fresh_device_names(const IdentitySetup& setup, std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t k = 1; out.size() < count; ++k) {
    const std::string name = setup.identity + "/new" + std::to_string(k);
    const bool used = std::any_of(setup.statements.begin(), setup.statements.end(),
                                  [&](const Statement& st) { return st.device == name; });
    if (!used) out.push_back(name);
  }
  return out;
}

Result<Root> build_root(const Policy& policy, const IdentitySetup& setup,
                        const std::vector<std::string>& fresh) {
  Root root{World(policy, kStandardSeed), Interpreter()};
  for (const Statement& st : setup.statements) {
    Result<bool> ok = root.interpreter.setup(root.world, st);
    if (!ok) return Error{setup.source, st.loc.line, st.loc.col, ok.error().message};
  }
  if (root.world.actor(setup.attacker) == kNone)
    return Error{setup.source, 0, 0, "too many actors for the attacker " + setup.attacker};
  for (const std::string& name : fresh)
    if (root.world.device_id(name) == kNone)
      return Error{setup.source, 0, 0, "too many device names for " + name};
  root.world.begin();
  return root;
}

std::string short_name(const std::string& device) {
  const std::size_t slash = device.find('/');
  return slash == std::string::npos ? device : device.substr(slash + 1);
}

}  // namespace reclaim::graph
