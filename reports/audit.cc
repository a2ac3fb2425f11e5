// The audit (see audit.h): loads the variants, runs every check on each, and gathers the
// report and the wall-clock figures apart.
#include "reports/audit.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engines/engine.h"
#include "properties/invariant.h"
#include "reports/attacks.h"
#include "reports/claims.h"
#include "reports/margins_section.h"
#include "reports/provenance.h"
#include "reports/render.h"
#include "trace/write_file.h"
#include "variants/variant.h"

namespace reclaim::reports {
namespace {

namespace fs = std::filesystem;

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

bool runs(const AuditOptions& o, const std::string& check) {
  return o.checks.empty() || std::find(o.checks.begin(), o.checks.end(), check) != o.checks.end();
}

// The engine's figures that the seed and bounds decide; wall-clock ones go to `measured`.
nlohmann::ordered_json reproducible_figures(const std::string& engine,
                                            const nlohmann::ordered_json& f) {
  static const std::vector<std::string> keep = {
      "traces", "steps", "phase_traces", "max_steps",            // random
      "scope", "depth", "depth_per_invariant", "proofs", "lemmas",  // symbolic
      "lemma_candidates", "differential_steps", "differential_runs",
      "asked_depth", "complete", "states", "states_by_depth", "new_states", "actions",
      "stopped_by_states"};  // exhaustive
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [key, value] : f.items())
    if (std::find(keep.begin(), keep.end(), key) != keep.end()) out[key] = value;
  (void)engine;
  return out;
}

std::string engine_repeat(const std::string& engine, const std::string& spelling,
                          const EngineRequest& r, const EngineResult& e) {
  std::string cmd = "reclaim check --variant " + spelling + " --engine " + engine + " --seed " +
                    std::to_string(r.seed);
  if (r.depth > 0) cmd += " --depth " + std::to_string(r.depth);
  return cmd + e.repeat_flags;
}

}  // namespace

std::vector<std::string> audit_checks() {
  std::vector<std::string> out = {kScenariosCheck};
  for (const std::string& e : engines_of("all")) out.push_back(e);
  out.push_back(kMarginsCheck);
  return out;
}

std::string scenarios_source_dir() {
  const char* env = std::getenv("RECLAIM_SCENARIOS_DIR");
  if (env != nullptr && *env != '\0') return env;
  return (fs::path(source_dir()) / "scenarios").string();
}

Result<Audit> run_audit(const AuditOptions& options) {
  // Bad input first, before anything runs.
  const std::vector<std::string> known = audit_checks();
  for (const std::string& c : options.checks)
    if (std::find(known.begin(), known.end(), c) == known.end())
      return Error{"", 0, 0, "unknown check '" + c + "'"};
  std::vector<std::string> spellings = options.variants;
  if (spellings.empty()) spellings = builtin_variant_names();
  std::vector<Variant> variants;
  for (const std::string& s : spellings) {
    Result<Variant> v = load_variant(s);
    if (!v) return v.error();
    variants.push_back(*v);
  }
  std::vector<std::string> folders = options.folders;
  if (folders.size() != variants.size()) {
    folders.clear();
    for (const Variant& v : variants) folders.push_back(v.name);
  }
  for (std::size_t i = 0; i < folders.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (folders[i] == folders[j])
        return Error{"", 0, 0, "two variants named " + folders[i] + " (each needs its own name)"};
  nlohmann::ordered_json fuzz = nullptr;
  if (!options.fuzz_summary.empty()) {
    std::ifstream in(options.fuzz_summary);
    std::stringstream text;
    text << in.rdbuf();
    const nlohmann::ordered_json j =
        in ? nlohmann::ordered_json::parse(text.str(), nullptr, false) : nlohmann::ordered_json();
    if (!j.is_object() || !j.contains("targets") || !j["targets"].is_array())
      return Error{options.fuzz_summary, 0, 0,
                   "not a fuzz campaign summary (fuzz/campaign's summary.json)"};
    // Every field read is checked for its type: a summary that is not one is bad input.
    auto bad_field = [&](const std::string& what) {
      return Error{options.fuzz_summary, 0, 0, "not a fuzz campaign summary: " + what};
    };
    if (j.contains("ok") && !j["ok"].is_boolean()) return bad_field("\"ok\" is not true/false");
    if (j.contains("variant") && !j["variant"].is_string())
      return bad_field("\"variant\" is not a string");
    if (j.contains("seconds_per_target") && !j["seconds_per_target"].is_number())
      return bad_field("\"seconds_per_target\" is not a number");
    nlohmann::ordered_json targets = nlohmann::ordered_json::array();
    for (const auto& t : j["targets"]) {
      if (!t.is_object()) return bad_field("a target is not an object");
      nlohmann::ordered_json row = nlohmann::ordered_json::object();
      for (const char* key : {"target", "seconds", "execs", "exec_per_sec", "cov", "corpus_files",
                              "new_inputs", "crashes"}) {
        if (!t.contains(key)) continue;
        if (std::string(key) == "target" ? !t[key].is_string() : !t[key].is_number())
          return bad_field(std::string("a target's \"") + key + "\" is not a " +
                           (std::string(key) == "target" ? "string" : "number"));
        row[key] = t[key];
      }
      targets.push_back(row);
    }
    fuzz = {{"file", options.fuzz_summary},
            {"ok", j.value("ok", false)},
            {"variant", j.value("variant", "")},
            {"seconds_per_target", j.value("seconds_per_target", 0)},
            {"targets", targets}};
  }
  const std::string scenarios_dir =
      options.scenarios_dir.empty() ? scenarios_source_dir() : options.scenarios_dir;
  if (runs(options, kScenariosCheck)) {
    std::error_code ec;
    if (!fs::is_directory(scenarios_dir, ec))
      return Error{scenarios_dir, 0, 0, "the scenario library is not a folder that can be read"};
  }
  Result<bool> folder = prepare_output_folder(options.out_dir);
  if (!folder) return folder.error();

  const auto t_all = std::chrono::steady_clock::now();
  Audit audit;
  nlohmann::ordered_json report_variants = nlohmann::ordered_json::array();
  nlohmann::ordered_json measured_variants = nlohmann::ordered_json::array();
  std::vector<std::string> checks_run;
  for (const std::string& c : known)
    if (runs(options, c)) checks_run.push_back(c);

  for (std::size_t vi = 0; vi < variants.size(); ++vi) {
    const Variant& variant = variants[vi];
    const std::string& spelling = spellings[vi];
    const bool builtin = spelling.find('/') == std::string::npos && !spelling.ends_with(".toml");
    auto say = [&](const std::string& line) {
      if (options.progress)
        options.progress("[" + std::to_string(vi + 1) + "/" + std::to_string(variants.size()) +
                         " " + variant.name + "] " + line);
    };
    nlohmann::ordered_json rv = {{"name", variant.name},
                                 {"source", builtin ? std::string("built-in") : spelling},
                                 {"about", variant.about},
                                 {"claims", variant.claims}};
    nlohmann::ordered_json mv = {{"name", variant.name}};
    nlohmann::ordered_json seconds = nlohmann::ordered_json::object();
    nlohmann::ordered_json to_first = nlohmann::ordered_json::object();

    // The scenario library and the attack matrix.
    if (runs(options, kScenariosCheck)) {
      say("scenarios");
      const auto t0 = std::chrono::steady_clock::now();
      LibraryRun lib = run_library(variant, folders[vi], scenarios_dir, options.out_dir);
      seconds[kScenariosCheck] = seconds_since(t0);
      rv["scenario_library"] = lib.library;
      rv["attacks"] = lib.attacks;
      audit.expectations_unmet += lib.unmet;
      for (const std::string& p : lib.problems) audit.problems.push_back(variant.name + ": " + p);
      for (const std::string& p : lib.unwritten) audit.unwritten.push_back(variant.name + ": " + p);
      if (lib.library["files"] == 0 && lib.attacks.empty())
        audit.incomplete.push_back(variant.name +
                                   ": scenarios: no scenario lists it and no attack scenario ran");
    }

    // The engines, each through engines/engine.h, each with a fixed bound.
    std::vector<ClaimVerdict> verdicts;
    nlohmann::ordered_json engines = nlohmann::ordered_json::array();
    for (const std::string& engine : engines_of("all")) {
      if (!runs(options, engine)) continue;
      say(engine);
      EngineRequest request;
      request.variant = variant;
      request.variant_spelling = spelling;
      request.engine = engine;
      request.seed = options.seed;
      request.budget_seconds = options.budget_seconds;
      if (engine == "random") {
        request.traces = options.traces;
        request.weakness_traces = options.traces;
      } else if (engine == "symbolic") {
        request.depth = options.symbolic_depth;
      } else if (engine == "exhaustive") {
        request.depth = options.exhaustive_depth;
      }
      request.out_dir = (fs::path(options.out_dir) / "counterexamples" / folders[vi] / engine)
                            .string();
      request.progress = options.engine_progress;
      if (Result<bool> out = prepare_output_folder(request.out_dir); !out) return out.error();
      const auto t0 = std::chrono::steady_clock::now();
      const EngineResult result = run_engine(engine, request);
      seconds[engine] = seconds_since(t0);
      nlohmann::ordered_json found = nlohmann::ordered_json::object();
      for (const ClaimVerdict& v : result.verdicts) {
        verdicts.push_back(v);
        if (v.violated()) found[v.invariant] = v.seconds_to_find;
      }
      to_first[engine] = found;
      if (engine == "random" && result.figures.contains("traces") &&
          result.figures.contains("seconds") && result.figures["seconds"].get<double>() > 0)
        mv["random_traces_per_second"] =
            result.figures["traces"].get<double>() / result.figures["seconds"].get<double>();
      nlohmann::ordered_json e = {{"engine", engine},
                                  {"figures", reproducible_figures(engine, result.figures)},
                                  {"incomplete", result.incomplete},
                                  {"problems", result.problems},
                                  {"repeat", engine_repeat(engine, spelling, request, result)}};
      if (result.incomplete) {
        e["incomplete_why"] = result.incomplete_why;
        audit.incomplete.push_back(variant.name + ": " + engine + ": " + result.incomplete_why);
      }
      for (const std::string& p : result.problems)
        audit.problems.push_back(variant.name + ": " + engine + ": " + p);
      engines.push_back(e);
    }

    // The claims matrix: one cell per invariant of the catalogue.
    nlohmann::ordered_json cells = nlohmann::ordered_json::array();
    for (const InvariantInfo& info : catalogue()) {
      const std::string id(info.id);
      const bool claimed =
          std::find(variant.claims.begin(), variant.claims.end(), id) != variant.claims.end();
      nlohmann::ordered_json cell = claim_cell(id, claimed, verdicts, options.out_dir);
      if (!verdicts.empty()) {
        const std::string status = cell["status"];
        if (status == kBroken) ++audit.claims_broken;
        if (status == kUndecided)
          audit.incomplete.push_back(variant.name + ": " + id + ": no engine decided the claim");
      }
      cells.push_back(cell);
    }
    if (!verdicts.empty()) rv["claims_matrix"] = cells;
    rv["engines"] = engines;

    // The margins.
    if (runs(options, kMarginsCheck)) {
      say("margins");
      const auto t0 = std::chrono::steady_clock::now();
      MarginsRun m = run_margins(variant, folders[vi], options.margin_depth,
                                 options.budget_seconds, options.out_dir);
      seconds[kMarginsCheck] = seconds_since(t0);
      rv["margins"] = m.margins;
      rv["margin_figures"] = m.figures;
      for (const std::string& p : m.problems)
        audit.problems.push_back(variant.name + ": margins: " + p);
      for (const std::string& p : m.unwritten)
        audit.unwritten.push_back(variant.name + ": margins: " + p);
      if (!m.incomplete.empty())
        audit.incomplete.push_back(variant.name + ": margins: " + m.incomplete);
    }
    mv["seconds"] = seconds;
    mv["seconds_to_first_counterexample"] = to_first;
    report_variants.push_back(rv);
    measured_variants.push_back(mv);
  }

  nlohmann::ordered_json invariants = nlohmann::ordered_json::array();
  for (const InvariantInfo& info : catalogue())
    invariants.push_back({{"id", std::string(info.id)}, {"statement", std::string(info.statement)}});
  const bool reproducible = options.budget_seconds == 0;
  audit.report = {
      {"schema", "reclaim-report"},
      {"schema_version", kSchemaVersion},
      {"provenance",
       {{"seed", options.seed},
        {"commit", source_commit()},
        {"tool", kToolVersion},
        {"libraries", library_versions()},
        {"command", options.command_line},
        {"repeat", options.repeat_command},
        {"reproducible", reproducible},
        {"why_not_reproducible",
         reproducible ? "" : "a time budget of " + std::to_string(options.budget_seconds) +
                                 " s bounds each engine: what it reaches depends on the machine"}}},
      {"settings",
       {{"checks", checks_run},
        {"random_traces", options.traces},
        {"symbolic_depth", options.symbolic_depth},
        {"exhaustive_depth", options.exhaustive_depth},
        {"margin_depth", options.margin_depth},
        {"budget_seconds", options.budget_seconds},
        {"scenarios", "scenarios/"}}},
      {"invariants", invariants},
      {"variants", report_variants}};
  if (!fuzz.is_null()) audit.report["fuzz_campaign"] = fuzz;
  audit.report["summary"] = {{"claims_violated", audit.claims_broken},
                             {"expectations_unmet", audit.expectations_unmet},
                             {"problems", audit.problems},
                             {"incomplete", audit.incomplete},
                             {"exit", audit_exit_code(audit)}};
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  audit.measured = {{"note", "wall-clock figures of this run; never compared"},
                    {"total_seconds", seconds_since(t_all)},
                    {"peak_rss_kib", usage.ru_maxrss},
                    {"variants", measured_variants}};
  return audit;
}

int audit_exit_code(const Audit& audit) {
  if (!audit.unwritten.empty()) return 2;
  if (audit.claims_broken > 0 || audit.expectations_unmet > 0 || !audit.problems.empty())
    return 1;
  if (!audit.incomplete.empty()) return 3;
  return 0;
}

Result<bool> write_audit(const Audit& audit, const std::string& out_dir) {
  if (Result<bool> f = prepare_output_folder(out_dir); !f) return f;
  const fs::path dir(out_dir);
  const std::pair<const char*, std::string> files[] = {
      {"report.json", json_document(audit.report)},
      {"report.md", render_markdown(audit.report)},
      {"index.html", render_html(audit.report)},
      {"measured.json", json_document(audit.measured)}};
  for (const auto& [name, text] : files)
    if (Result<bool> w = write_file_atomic((dir / name).string(), text); !w) return w;
  return true;
}

}  // namespace reclaim::reports
