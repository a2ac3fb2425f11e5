// Timeline rendering (see timeline.h). State changes are shown as the lines of the state
// dump that disappeared (-) and appeared (+) at each step.
#include "scenarios/timeline.h"

#include <cstdio>
#include <set>
#include <sstream>

#include "trace/write.h"

namespace reclaim {
namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Lines of `a` not in `b` (multiset difference keeps duplicates honest).
std::vector<std::string> minus(const std::vector<std::string>& a,
                               const std::vector<std::string>& b) {
  std::multiset<std::string> rest(b.begin(), b.end());
  std::vector<std::string> out;
  for (const std::string& l : a) {
    auto it = rest.find(l);
    if (it != rest.end()) {
      rest.erase(it);
    } else {
      out.push_back(l);
    }
  }
  return out;
}

std::string outcome_text(const Step& s) {
  std::string t(verdict_name(s.verdict));
  if (s.verdict == Verdict::kPending) t += " #" + std::to_string(s.change);
  if (s.verdict == Verdict::kRejected) t += " " + std::string(reject_name(s.reject));
  return t + " (" + std::string(s.rule) + ")";
}

std::string tick_text(const World& w, const Step& s) {
  std::string t;
  for (const Matured& m : s.matured) {
    if (!t.empty()) t += "; ";
    switch (m.event) {
      case TickEvent::kMatured:
        t += "change #" + std::to_string(m.change.number) + " " +
             std::string(op_name(m.change.op)) + " took effect";
        break;
      case TickEvent::kLapsed:
        t += "change #" + std::to_string(m.change.number) + " lapsed";
        break;
      case TickEvent::kRecoveryCompleted:
        t += "recovery completed";
        break;
      case TickEvent::kRegistrationClosed:
        t += "registration window closed";
        break;
      case TickEvent::kSessionExpired:
        t += "session expired";
        break;
      case TickEvent::kUnlocked:
        t += "lock ended";
        break;
    }
    t += " (" + std::string(m.rule) + ")";
  }
  (void)w;
  return t.empty() ? "time passes" : t;
}

struct Rendered {
  std::string time, who, what, outcome;
  std::vector<std::string> notes, removed, added;
};

Rendered render(const World& w, const Step& s) {
  Rendered r;
  r.time = format_time(s.time);
  const Namer namer = w.namer();
  switch (s.kind) {
    case Step::Kind::kRequest:
      r.who = w.actor_name(s.actor);
      r.what = step_text(w, s) + (s.reactive ? "  [reactive owner]" : "");
      r.outcome = outcome_text(s);
      break;
    case Step::Kind::kTick:
      r.who = "clock";
      r.what = "clock: " + tick_text(w, s);
      break;
    case Step::Kind::kEvent:
      r.who = w.actor_name(s.actor);
      r.what = step_text(w, s);
      break;
  }
  for (const Identity& after : s.after.identities) {
    const Identity* before = s.before.identity(after.id);
    const uint32_t old = before ? before->notification_count : 0;
    for (const Notification& n : after.notifications)
      if (n.seq > old)
        r.notes.push_back("notify " + w.identity_name(after.id) + ": " +
                          std::string(op_name(n.op)) +
                          (n.device != kNone ? " " + w.device_name(n.device) : "") +
                          (n.change != 0 ? " #" + std::to_string(n.change) : ""));
  }
  const auto b = lines(dump(s.before, &namer)), a = lines(dump(s.after, &namer));
  for (const std::string& l : minus(b, a))
    if (l.find("notifications ") == std::string::npos) r.removed.push_back(l);
  for (const std::string& l : minus(a, b))
    if (l.find("notifications ") == std::string::npos) r.added.push_back(l);
  return r;
}

}  // namespace

std::string format_time(Time t) {
  if (t == 0) return "0";
  struct Unit {
    Duration d;
    const char* s;
  };
  static constexpr Unit kUnits[] = {{kDay, "d"}, {kHour, "h"}, {kMinute, "m"}, {1, "s"}};
  std::string out;
  Time rest = t;
  for (const Unit& u : kUnits)
    if (rest >= u.d) {
      out += std::to_string(rest / u.d) + u.s;
      rest %= u.d;
    }
  return out;
}

std::string format_trace_hash(uint64_t hash) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

std::string format_timeline(const Scenario& sc, const VariantRun& run) {
  const World& w = *run.world;
  std::ostringstream out;
  out << "== " << sc.name << " under " << run.variant << " ==\n";
  if (!sc.about.empty()) out << sc.about << "\n";
  for (const Step& s : w.steps()) {
    Rendered r = render(w, s);
    out << "  " << r.time << "\t" << r.what;
    if (!r.outcome.empty()) out << "  -> " << r.outcome;
    out << "\n";
    for (const auto& n : r.notes) out << "\t\t" << n << "\n";
    for (const auto& l : r.removed) out << "\t\t- " << l.substr(l.find_first_not_of(' ')) << "\n";
    for (const auto& l : r.added) out << "\t\t+ " << l.substr(l.find_first_not_of(' ')) << "\n";
  }
  for (const ExpectResult& e : run.expectations)
    out << "  line " << e.loc.line << ": " << e.text << "  " << (e.passed ? "ok" : "UNMET")
        << (e.passed ? "" : " (" + e.detail + ")") << "\n";
  std::string held, weak, broken;
  for (const InvariantResult& inv : run.invariants) {
    if (inv.held) {
      if (inv.claimed) held += " " + inv.id;
    } else if (inv.claimed) {
      broken += "\n    " + inv.id + " at step " + std::to_string(inv.violation.step) + ": " +
                inv.violation.message;
    } else {
      weak += "\n    " + inv.id + " at step " + std::to_string(inv.violation.step) + ": " +
              inv.violation.message;
    }
  }
  out << "  claims held:" << (held.empty() ? " (none)" : held) << "\n";
  if (!broken.empty()) out << "  CLAIMS VIOLATED:" << broken << "\n";
  if (!weak.empty()) out << "  unclaimed, violated (expected weaknesses):" << weak << "\n";
  out << "  " << (run.passed() ? "PASS" : "FAIL") << " " << sc.name << " [" << run.variant
      << "] trace " << format_trace_hash(run.trace_hash) << "\n";
  return out.str();
}

nlohmann::ordered_json timeline_json(const Scenario& sc, const VariantRun& run, bool with_steps) {
  const World& w = *run.world;
  nlohmann::ordered_json j = {
      {"scenario", sc.name}, {"variant", run.variant}, {"passed", run.passed()}};
  j["trace_hash"] = format_trace_hash(run.trace_hash);
  j["expectations"] = nlohmann::ordered_json::array();
  for (const ExpectResult& e : run.expectations)
    j["expectations"].push_back({{"line", e.loc.line},
                                 {"col", e.loc.col},
                                 {"expect", e.text},
                                 {"passed", e.passed},
                                 {"detail", e.detail}});
  j["invariants"] = nlohmann::ordered_json::array();
  for (const InvariantResult& inv : run.invariants) {
    nlohmann::ordered_json ji = {{"id", inv.id}, {"claimed", inv.claimed}, {"held", inv.held}};
    if (!inv.held)
      ji["violation"] = {{"step", inv.violation.step}, {"message", inv.violation.message}};
    j["invariants"].push_back(ji);
  }
  if (with_steps) {
    j["steps"] = nlohmann::ordered_json::array();
    for (const Step& s : w.steps()) {
      Rendered r = render(w, s);
      j["steps"].push_back({{"time", s.time},
                            {"who", r.who},
                            {"what", r.what},
                            {"outcome", r.outcome},
                            {"notifications", r.notes},
                            {"removed", r.removed},
                            {"added", r.added}});
    }
  }
  return j;
}

}  // namespace reclaim
