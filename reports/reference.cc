// Agreement with the reference audit (see reference.h).
#include "reports/reference.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "reports/report_json.h"
#include "scenarios/runner.h"
#include "trace/parse.h"

namespace reclaim::reports {
namespace {

using json = nlohmann::ordered_json;


}  // namespace

std::vector<std::string> disagreements(const json& reference, const json& audit) {
  std::vector<std::string> out;
  if (!reference.is_object() || !reference.contains("variants")) return {"no reference report"};
  if (!audit.is_object() || !audit.contains("variants")) return {"no audit report"};
  for (const json& rv : reference["variants"]) {
    const std::string name = str(rv, "name");
    const json* av = find_by(audit["variants"], "name", name);
    if (av == nullptr) {
      out.push_back(name + ": not in the audit");
      continue;
    }
    if (rv["claims"] != (*av)["claims"]) out.push_back(name + ": the claims differ");
    if (rv.contains("claims_matrix") && av->contains("claims_matrix"))
      for (const json& ac : (*av)["claims_matrix"]) {
        const json* rc = find_by(rv["claims_matrix"], "invariant", str(ac, "invariant"));
        if (rc == nullptr) {
          out.push_back(name + ": " + str(ac, "invariant") + " is not in the reference");
        } else if (cell_violated(ac) && !cell_violated(*rc)) {
          out.push_back(name + ": " + str(ac, "invariant") + " is violated here (" +
                        str(ac, "headline_text") + ") but " + str(*rc, "headline_text") +
                        " in the reference");
        }
      }
    if (rv.contains("scenario_library") && av->contains("scenario_library") &&
        rv["scenario_library"] != (*av)["scenario_library"])
      out.push_back(name + ": the scenario library's results differ");
    if (rv.contains("attacks") && av->contains("attacks"))
      for (const json& ra : rv["attacks"]) {
        const json* aa = find_by((*av)["attacks"], "scenario", str(ra, "scenario"));
        if (aa == nullptr) {
          out.push_back(name + ": attack " + str(ra, "scenario") + " did not run");
        } else if (str(ra, "outcome") != str(*aa, "outcome") || str(ra, "trace") != str(*aa, "trace")) {
          out.push_back(name + ": attack " + str(ra, "scenario") + ": " + str(*aa, "outcome") +
                        " (trace " + str(*aa, "trace") + ") but " + str(ra, "outcome") +
                        " (trace " + str(ra, "trace") + ") in the reference");
        }
      }
    if (rv.contains("margins") && av->contains("margins"))
      for (const json& am : (*av)["margins"]) {
        const json* rm = nullptr;
        for (const json& m : rv["margins"])
          if (str(m, "outcome") == str(am, "outcome") && str(m, "owner") == str(am, "owner")) rm = &m;
        if (rm == nullptr || am["smallest"].is_null()) continue;
        if ((*rm)["smallest"].is_null() ||
            am["smallest"].get<long>() < (*rm)["smallest"].get<long>())
          out.push_back(name + ": " + str(am, "outcome") + " (" + str(am, "owner") +
                        " owner) needs " + str(am, "smallest") + " credential(s) here, " +
                        ((*rm)["smallest"].is_null() ? std::string("none within the depth")
                                                     : str(*rm, "smallest")) +
                        " in the reference");
      }
  }
  return out;
}

std::vector<std::string> replay_failures(const json& report, const std::string& dir,
                                         int* replayed) {
  std::vector<std::string> files;
  if (report.is_object() && report.contains("variants"))
    for (const json& v : report["variants"]) {
      if (v.contains("claims_matrix"))
        for (const json& c : v["claims_matrix"])
          for (const json& e : c["evidence"])
            if (!str(e, "counterexample").empty()) files.push_back(str(e, "counterexample"));
      if (v.contains("margins"))
        for (const json& m : v["margins"])
          for (const json& s : m["minimal_sets"])
            if (!str(s, "attack").empty()) files.push_back(str(s, "attack"));
    }
  std::vector<std::string> out;
  int ok = 0;
  for (const std::string& rel : files) {
    const std::string path = (std::filesystem::path(dir) / rel).string();
    Result<Scenario> sc = load_scenario(path);
    if (!sc) {
      out.push_back(sc.error().str());
      continue;
    }
    Result<std::vector<VariantRun>> runs = run_scenario(*sc, {});
    if (!runs) {
      out.push_back(runs.error().str());
      continue;
    }
    bool passed = !runs->empty();
    for (const VariantRun& r : *runs) passed &= r.passed();
    if (passed) {
      ++ok;
    } else {
      out.push_back(rel + ": does not replay (an expectation unmet)");
    }
  }
  if (replayed != nullptr) *replayed = ok;
  return out;
}

json read_report(const std::string& dir) {
  std::ifstream in(std::filesystem::path(dir) / "report.json");
  if (!in) return nullptr;
  std::stringstream s;
  s << in.rdbuf();
  json j = json::parse(s.str(), nullptr, false);
  return j.is_discarded() ? json(nullptr) : j;
}

}  // namespace reclaim::reports
