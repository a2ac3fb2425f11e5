// Minimum compromise sets (see margins.h).
#include "graph/margins.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>

#include "graph/menu.h"

namespace reclaim::graph {
namespace {

// Guardians of one weight, interchangeable.
struct WeightClass {
  uint32_t weight = 1;
  std::vector<std::string> actors;
};

// A candidate: which devices (a bit each) and how many guardians of each class.
struct Candidate {
  uint32_t devices = 0;
  std::vector<uint32_t> counts;
  std::size_t size() const {
    std::size_t n = static_cast<std::size_t>(__builtin_popcount(devices));
    for (uint32_t c : counts) n += c;
    return n;
  }
  bool contains(const Candidate& other) const {
    if ((other.devices & ~devices) != 0) return false;
    for (std::size_t i = 0; i < counts.size(); ++i)
      if (other.counts[i] > counts[i]) return false;
    return true;
  }
  friend bool operator==(const Candidate&, const Candidate&) = default;
};

bool lockout_family(OutcomeKind o) { return o == OutcomeKind::kLockout; }

struct Found {
  Candidate candidate;
  MinimalSet set;
};

class Margins {
 public:
  Margins(const Variant& variant, const IdentitySetup& setup, const MarginOptions& options)
      : variant_(variant), setup_(setup), options_(options) {
    std::map<uint32_t, WeightClass, std::greater<>> by_weight;
    for (const GuardianInfo& g : setup.guardians) {
      by_weight[g.weight].weight = g.weight;
      by_weight[g.weight].actors.push_back(g.actor);
    }
    for (auto& [w, c] : by_weight) classes_.push_back(c);
  }

  MarginReport run() {
    const auto start = std::chrono::steady_clock::now();
    std::vector<Candidate> candidates = enumerate();
    std::map<OutcomeKind, std::vector<Found>> found;
    // Per candidate and outcome: the depth its exploration completed without the outcome.
    std::vector<std::map<OutcomeKind, int>> explored(candidates.size());
    Result<Root> root = build_root(variant_.policy, setup_, {});
    if (!root) {
      report_.failures.push_back(root.error().str());
      return report_;
    }
    const int64_t assets = asset_total(root->world, setup_.identity);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      const Candidate& c = candidates[i];
      for (bool lockout : {false, true}) {
        std::vector<OutcomeKind> targets;
        for (OutcomeKind o : options_.outcomes) {
          if (lockout_family(o) != lockout) continue;
          const auto& f = found[o];
          if (std::none_of(f.begin(), f.end(),
                           [&](const Found& x) { return c.contains(x.candidate); }))
            targets.push_back(o);
        }
        if (targets.empty()) continue;
        std::vector<Goal> goals;
        for (OutcomeKind o : targets) goals.push_back(outcome_goal(o, setup_, assets));
        // Progress within a long exploration, and a line when it ends.
        const std::string what = std::string(owner_mode_name(options_.owner)) + " owner, " +
                                 describe(c) + (lockout ? " (lost)" : "");
        std::function<void(const ExploreProgress&)> during;
        if (options_.progress)
          during = [&](const ExploreProgress& p) {
            options_.progress(what + ": depth " + std::to_string(p.depth) + ", " +
                              std::to_string(p.states) + " states, " +
                              std::to_string(static_cast<long>(p.seconds)) + " s");
          };
        const ExploreReport r =
            explore(variant_.policy, setup_, scope(c, lockout), {}, goals, options_.bounds, during);
        ++report_.explorations;
        report_.states += r.states;
        // A closed graph is explored to every depth.
        const int reached = r.complete ? options_.bounds.max_depth : r.depth;
        for (const std::string& e : r.errors) report_.failures.push_back(describe(c) + ": " + e);
        if (options_.progress) options_.progress(what + ": " + r.label());
        for (OutcomeKind o : targets) {
          const Finding* f = r.goal(std::string(outcome_name(o)));
          if (f == nullptr) {  // how deep it was not reached bounds every superset's label
            explored[i][o] = reached;
            if (report_.shallowest < 0 || reached < report_.shallowest)
              report_.shallowest = reached;
            continue;
          }
          Found x;
          x.candidate = c;
          x.set.set = credentials(c, *f);
          x.set.attack = *f;
          x.set.depth = options_.bounds.max_depth;
          for (std::size_t j = 0; j < i; ++j)
            if (c.contains(candidates[j]) && !(candidates[j] == c)) {
              auto it = explored[j].find(o);
              // Every proper subset was explored for o (margins.h); a missing entry would
              // be a fault of the enumeration, reported rather than assumed away.
              if (it == explored[j].end()) {
                report_.failures.push_back("minimality of " + describe(c) +
                                           " not checked against " + describe(candidates[j]));
                x.set.depth = -1;
              } else {
                x.set.depth = std::min(x.set.depth, it->second);
              }
            }
          x.set.label = x.set.depth < 0 ? "minimality unknown"
                                        : "minimal within depth " + std::to_string(x.set.depth);
          write(o, x, *root);
          found[o].push_back(std::move(x));
        }
      }
    }
    for (OutcomeKind o : options_.outcomes) {
      OutcomeMargin m;
      m.outcome = o;
      m.owner = options_.owner;
      m.depth = options_.bounds.max_depth;
      for (Found& x : found[o]) m.sets.push_back(std::move(x.set));
      m.summary = summary(m);
      report_.margins.push_back(std::move(m));
    }
    report_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report_;
  }

 private:
  // Every candidate, by size, then devices, then guardian counts.
  std::vector<Candidate> enumerate() const {
    std::vector<Candidate> out;
    const uint32_t devices = static_cast<uint32_t>(setup_.devices.size());
    std::vector<uint32_t> counts(classes_.size(), 0);
    for (;;) {
      for (uint32_t m = 0; m < (1u << devices); ++m) out.push_back({m, counts});
      std::size_t k = 0;  // next count vector (odometer)
      while (k < counts.size() && counts[k] == classes_[k].actors.size()) counts[k++] = 0;
      if (k == counts.size()) break;
      ++counts[k];
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Candidate& a, const Candidate& b) { return a.size() < b.size(); });
    return out;
  }

  std::vector<std::string> guardians_of(const Candidate& c) const {
    std::vector<std::string> out;
    for (std::size_t k = 0; k < classes_.size(); ++k)
      for (uint32_t n = 0; n < c.counts[k]; ++n) out.push_back(classes_[k].actors[n]);
    return out;
  }

  std::string describe(const Candidate& c) const {
    CredentialSet s;
    for (std::size_t d = 0; d < setup_.devices.size(); ++d)
      if ((c.devices >> d) & 1) s.devices.push_back(setup_.devices[d]);
    for (std::size_t k = 0; k < classes_.size(); ++k)
      if (c.counts[k] > 0) s.guardians.push_back({classes_[k].weight, c.counts[k], {}});
    return s.size() == 0 ? "no credentials" : s.text();
  }

  CredentialSet credentials(const Candidate& c, const Finding& f) const {
    (void)f;
    CredentialSet s;
    for (std::size_t d = 0; d < setup_.devices.size(); ++d)
      if ((c.devices >> d) & 1) s.devices.push_back(setup_.devices[d]);
    for (std::size_t k = 0; k < classes_.size(); ++k) {
      if (c.counts[k] == 0) continue;
      CredentialSet::Guardians g{classes_[k].weight, c.counts[k], {}};
      for (uint32_t n = 0; n < c.counts[k]; ++n) g.actors.push_back(classes_[k].actors[n]);
      s.guardians.push_back(g);
    }
    return s;
  }

  // The roots: a reactive owner's reaction first, then the credentials; for the attacker's
  // family, one root per way of taking each device (steal or copy).
  Scope scope(const Candidate& c, bool lockout) const {
    Scope s;
    s.menu.identity = setup_.identity;
    s.menu.attacker = setup_.attacker;
    const bool reactive = options_.owner == OwnerMode::kReactive;
    s.menu.rho = reactive ? options_.rho : 0;
    std::vector<Statement> base;
    if (reactive)
      base.push_back(event_statement(setup_.identity, EventKind::kReacts, "", options_.rho));
    for (const std::string& g : guardians_of(c))
      base.push_back(event_statement(g, EventKind::kCollude, ""));
    std::vector<std::string> devices;
    for (std::size_t d = 0; d < setup_.devices.size(); ++d)
      if ((c.devices >> d) & 1) devices.push_back(setup_.devices[d]);
    if (lockout) {
      s.menu.colluders_act = false;  // they stop helping her; nobody acts against her
      for (const std::string& d : devices)
        base.push_back(event_statement(setup_.identity, EventKind::kLose, d));
      s.preludes.push_back(base);
      return s;
    }
    for (uint32_t modes = 0; modes < (1u << devices.size()); ++modes) {
      std::vector<Statement> p = base;
      for (std::size_t d = 0; d < devices.size(); ++d)
        p.push_back(event_statement(
            setup_.attacker, (modes >> d) & 1 ? EventKind::kCopy : EventKind::kSteal, devices[d]));
      s.preludes.push_back(p);
    }
    return s;
  }

  void write(OutcomeKind o, Found& x, const Root& root) {
    Result<Root> end = rederive(variant_.policy, setup_, x.set.attack.path);
    if (!end) {
      report_.failures.push_back(describe(x.candidate) +
                                 ": the attack does not re-derive: " + end.error().message);
      return;
    }
    const OutcomeCheck check = outcome_check(o, setup_, end->world, root.world);
    const std::string name = "attack-" + variant_.name + "-" + std::string(outcome_name(o)) + "-" +
                             std::string(owner_mode_name(options_.owner)) + "-" + slug(x.set.set);
    const std::string about =
        std::string(outcome_name(o)) + " of " + setup_.identity + " from " + x.set.set.text() +
        " (" + std::string(owner_mode_name(options_.owner)) + " owner): the shortest attack, " +
        std::to_string(x.set.attack.depth) + " actions; " + x.set.label +
        " (found by the exhaustive engine)";
    x.set.replayed = write_attack(variant_, setup_, x.set.attack, check, name, about);
    if (!x.set.replayed.replayed)
      report_.failures.push_back(std::string(outcome_name(o)) + " from " + x.set.set.text() +
                                 ": the attack does not replay: " + x.set.replayed.why);
  }

  static std::string slug(const CredentialSet& s) {
    std::string out;
    for (const std::string& d : s.devices) out += (out.empty() ? "" : "-") + short_name(d);
    for (const auto& g : s.guardians)
      out += (out.empty() ? "" : "-") + std::to_string(g.count) + "x" + std::to_string(g.weight);
    return out.empty() ? "nothing" : out;
  }

  std::string summary(const OutcomeMargin& m) const {
    const std::string what(outcome_name(m.outcome));
    if (m.sets.empty())
      return "no credential set reaches " + what + " within depth " + std::to_string(m.depth);
    std::vector<std::string> parts;
    for (const MinimalSet& s : m.sets) {
      const std::string t = s.set.size() == 0 ? "no credentials at all" : s.set.text();
      if (std::find(parts.begin(), parts.end(), t) == parts.end()) parts.push_back(t);
    }
    std::string out = what + " needs ";
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : ", or ") + parts[i];
    return out;
  }

  const Variant& variant_;
  const IdentitySetup& setup_;
  const MarginOptions& options_;
  std::vector<WeightClass> classes_;
  MarginReport report_;
};

}  // namespace

std::string_view owner_mode_name(OwnerMode m) {
  return m == OwnerMode::kPassive ? "passive" : "reactive";
}

uint32_t CredentialSet::guardian_weight() const {
  uint32_t w = 0;
  for (const Guardians& g : guardians) w += g.weight * g.count;
  return w;
}

std::size_t CredentialSet::size() const {
  std::size_t n = devices.size();
  for (const Guardians& g : guardians) n += g.count;
  return n;
}

std::string CredentialSet::text() const {
  std::string out;
  for (const std::string& d : devices) out += (out.empty() ? "" : " + ") + short_name(d);
  if (!guardians.empty())
    out += (out.empty() ? "" : " + ") + std::string("guardians of weight >= ") +
           std::to_string(guardian_weight());
  return out.empty() ? "nothing" : out;
}

std::size_t credential_sets(const IdentitySetup& setup) {
  if (setup.devices.size() >= 32) return SIZE_MAX;
  std::size_t n = std::size_t{1} << setup.devices.size();
  std::map<uint32_t, std::size_t> by_weight;
  for (const GuardianInfo& g : setup.guardians) ++by_weight[g.weight];
  for (const auto& [w, count] : by_weight) n *= count + 1;
  return n;
}

MarginReport margins(const Variant& variant, const IdentitySetup& setup,
                     const MarginOptions& options) {
  if (credential_sets(setup) > kMaxCredentialSets) {
    MarginReport r;
    r.failures.push_back("too many credential sets to explore (" +
                         std::to_string(setup.devices.size()) + " devices, " +
                         std::to_string(setup.guardians.size()) + " guardians; at most " +
                         std::to_string(kMaxCredentialSets) + " sets)");
    return r;
  }
  return Margins(variant, setup, options).run();
}

}  // namespace reclaim::graph
