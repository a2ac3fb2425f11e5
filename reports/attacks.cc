// The scenario library and the attack matrix under one variant (see attacks.h).
#include "reports/attacks.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "scenarios/runner.h"
#include "scenarios/timeline.h"
#include "trace/parse.h"
#include "trace/write_file.h"

namespace reclaim::reports {
namespace {

namespace fs = std::filesystem;

int64_t assets_of(const State& s, IdentityId id) {
  const Identity* identity = s.identity(id);
  int64_t total = 0;
  if (identity != nullptr)
    for (const Asset& a : identity->assets) total += a.amount;
  return total;
}

// Value the identity lost by someone else's doing: a step that lowered its assets counts
// when it is a request another actor made, or a tick maturing a change (a withdrawal)
// another actor asked for. What the owner pays away herself is hers to pay, not a loss (a
// sweep or a clawback keeps the value on her recovery path and lowers nothing here).
int64_t value_lost(const World& w, IdentityId id, ActorId owner) {
  std::map<uint32_t, ActorId> asked_by;  // the identity's pending-change number -> who asked
  int64_t lost = 0;
  for (const Step& s : w.steps()) {
    if (s.kind == Step::Kind::kRequest && s.request.identity == id && s.change != 0)
      asked_by[s.change] = s.actor;
    const int64_t before = assets_of(s.before, id), after = assets_of(s.after, id);
    if (after >= before) continue;
    bool by_another = true;  // an event moves no value; if one did, it was not the owner's
    if (s.kind == Step::Kind::kRequest) {
      by_another = s.actor != owner;
    } else if (s.kind == Step::Kind::kTick) {
      by_another = false;
      for (const Matured& m : s.matured) {
        if (m.identity != id || m.event != TickEvent::kMatured) continue;
        const auto it = asked_by.find(m.change.number);
        if (it == asked_by.end() || it->second != owner) by_another = true;
      }
    }
    if (by_another) lost += before - after;
  }
  return lost;
}

// The outcome for the first identity the scenario declares, and the actor in control.
std::string outcome_of(const Scenario& sc, const World& w, std::string& who) {
  std::string name;
  for (const Statement& st : sc.statements)
    if (st.kind == StmtKind::kIdentity) {
      name = st.identity;
      break;
    }
  const IdentityId id = name.empty() ? kNone : w.find_identity(name);
  if (id == kNone) return "no-identity";
  const ActorId owner = w.owner_of(id);
  std::vector<std::string> bad;
  if (!w.in_control(id, owner))
    for (ActorId a = 1; a <= w.actor_count(); ++a)
      if (a != owner && w.in_control(id, a)) {
        who = w.actor_name(a);
        bad.push_back("taken-over");
        break;
      }
  if (w.locked_out(id)) bad.push_back("locked-out");
  if (value_lost(w, id, owner) > 0) bad.push_back("loses-assets");
  if (bad.empty()) return "keeps-control";
  std::string out;
  for (const std::string& b : bad) out += (out.empty() ? "" : ", ") + b;
  return out;
}

// `text` with every mention of the library's folder written as "scenarios/", so that the
// report does not depend on where the source tree lies.
std::string relative_to_dir(std::string text, const std::string& dir) {
  const std::string from = (fs::path(dir) / "").string();
  for (std::size_t at = text.find(from); !from.empty() && at != std::string::npos;
       at = text.find(from, at + 10))
    text.replace(at, from.size(), "scenarios/");
  return text;
}

bool lists(const Scenario& sc, const std::string& variant, bool builtin) {
  if (sc.variants.empty()) return builtin;
  for (const std::string& v : sc.variants)
    if (variant_name_of_file(v) == variant) return true;
  return false;
}

}  // namespace

std::vector<std::string> scenario_files(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && it->path().extension() == ".scn")
      out.push_back(it->path().lexically_relative(dir).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

int outcome_severity(const std::string& outcome) {
  if (outcome == "keeps-control") return 0;
  if (outcome == "not-applicable" || outcome == "no-identity") return -1;
  int n = 1;
  for (char c : outcome) n += c == ',';
  return n;
}

LibraryRun run_library(const Variant& variant, const std::string& folder,
                       const std::string& scenarios_dir, const std::string& out_dir) {
  LibraryRun out;
  const std::vector<std::string> builtins = builtin_variant_names();
  const bool builtin =
      std::find(builtins.begin(), builtins.end(), variant.name) != builtins.end() &&
      variant_name_of_file(variant.path) == variant.name;
  int files = 0, passed = 0, failed = 0, met = 0, unmet = 0;
  nlohmann::ordered_json failures = nlohmann::ordered_json::array();
  out.attacks = nlohmann::ordered_json::array();
  for (const std::string& rel : scenario_files(scenarios_dir)) {
    const bool attack = rel.rfind("attacks/", 0) == 0;
    Result<Scenario> sc = load_scenario((fs::path(scenarios_dir) / rel).string());
    if (!sc) {
      out.problems.push_back(sc.error().str());
      continue;
    }
    const bool listed = lists(*sc, variant.name, builtin);
    if (!listed && !attack) continue;
    RunOptions options;
    options.only_variant = &variant;
    Result<std::vector<VariantRun>> runs = run_scenario(*sc, options);
    nlohmann::ordered_json cell = {{"scenario", sc->name}, {"file", rel}, {"listed", listed}};
    if (listed) ++files;
    if (!runs || runs->empty()) {
      const std::string why = runs ? "no run" : runs.error().str();
      if (listed) {
        ++failed;
        ++out.unmet;
        failures.push_back({{"file", rel}, {"why", relative_to_dir(why, scenarios_dir)}});
      }
      cell["outcome"] = "not-applicable";
      cell["why"] = relative_to_dir(why, scenarios_dir);
      if (attack) out.attacks.push_back(cell);
      continue;
    }
    const VariantRun& run = runs->front();
    int run_met = 0, run_unmet = 0;
    for (const ExpectResult& e : run.expectations) (e.passed ? run_met : run_unmet)++;
    std::vector<std::string> broken, weaknesses;
    for (const InvariantResult& r : run.invariants)
      if (!r.held) (r.claimed ? broken : weaknesses).push_back(r.id);
    if (listed) {
      met += run_met;
      unmet += run_unmet;
      if (run.passed()) {
        ++passed;
      } else {
        ++failed;
        ++out.unmet;
        nlohmann::ordered_json f = {{"file", rel}};
        nlohmann::ordered_json why = nlohmann::ordered_json::array();
        for (const ExpectResult& e : run.expectations)
          if (!e.passed) why.push_back(e.text + ": " + e.detail);
        for (const std::string& b : broken) why.push_back("claim " + b + " violated");
        f["unmet"] = why;
        failures.push_back(f);
      }
    }
    if (!attack) continue;
    std::string who;
    cell["outcome"] = outcome_of(*sc, *run.world, who);
    if (!who.empty()) cell["in_control"] = who;
    if (listed) cell["expectations"] = {{"met", run_met}, {"unmet", run_unmet}};
    cell["claims_violated"] = broken;
    cell["weaknesses"] = weaknesses;
    cell["steps"] = run.world->steps().size();
    cell["trace"] = format_trace_hash(run.trace_hash);
    const std::string timeline = "timelines/" + folder + "/" + sc->name + ".txt";
    Result<bool> made = prepare_output_folder((fs::path(out_dir) / "timelines" / folder).string());
    Result<bool> w = made ? write_file_atomic((fs::path(out_dir) / timeline).string(),
                                              format_timeline(*sc, run))
                          : made;
    if (w) {
      cell["timeline"] = timeline;
    } else {
      out.unwritten.push_back(w.error().str());
    }
    out.attacks.push_back(cell);
  }
  out.library = {{"files", files},   {"passed", passed},   {"failed", failed},
                 {"expectations_met", met}, {"expectations_unmet", unmet},
                 {"failures", failures}};
  return out;
}

}  // namespace reclaim::reports
