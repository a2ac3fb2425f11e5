// Counterexamples that replay (see counterexample.h).
#include "scenarios/counterexample.h"

#include <algorithm>
#include <filesystem>

#include "scenarios/runner.h"
#include "trace/parse.h"
#include "trace/write.h"
#include "trace/write_file.h"

namespace reclaim {
std::string variant_reference(const Variant& v) {
  const auto names = builtin_variant_names();
  if (std::find(names.begin(), names.end(), v.name) != names.end()) {
    Result<Variant> builtin = load_variant(v.name);
    if (builtin && same_policy(builtin->policy, v.policy)) return v.name;
  }
  if (v.path.empty()) return v.name;
  std::error_code ec;
  const auto abs = std::filesystem::absolute(v.path, ec);
  return ec ? v.path : abs.string();
}

Result<Counterexample> write_counterexample(const World& run, const Variant& variant,
                                            const CounterexampleSpec& spec) {
  std::string name = spec.name;
  if (name.size() > kMaxScenarioName) name.resize(kMaxScenarioName);
  Scenario sc = scenario_from_run(run, name, {variant_reference(variant)});
  sc.about = one_line(spec.about);
  Statement expect;
  expect.kind = StmtKind::kExpect;
  expect.expect = ExpectKind::kViolates;
  expect.invariant = spec.invariant;
  expect.time = run.now();
  sc.statements.push_back(expect);
  for (const std::string& id : spec.also_expected) {
    expect.invariant = id;
    sc.statements.push_back(expect);
  }
  Counterexample cx;
  cx.scn_text = write_scenario(sc);

  const std::string path =
      spec.out_dir.empty() ? "" : (std::filesystem::path(spec.out_dir) / spec.file).string();
  auto broken = [&](const std::string& why) -> Error {
    std::string message = "counterexample for " + spec.invariant + " does not replay: " + why;
    if (!path.empty() && prepare_output_folder(spec.out_dir).ok() &&
        write_file_atomic(path + ".broken", cx.scn_text).ok())
      message += " (kept as " + path + ".broken)";
    return Error{spec.file, 0, 0, message + "\n" + cx.scn_text};
  };
  Result<Scenario> parsed = parse_scenario(cx.scn_text, spec.file);
  if (!parsed) return broken("it does not parse: " + parsed.error().str());
  RunOptions options;
  options.seed = run.seed();
  options.crypto = run.policy().crypto;
  options.only_variant = &variant;
  Result<std::vector<VariantRun>> replay = run_scenario(*parsed, options);
  if (!replay) return broken("the replay stops: " + replay.error().str());
  if (replay->size() != 1) return broken("the replay ran no variant");
  const VariantRun& vr = replay->front();
  for (const InvariantResult& inv : vr.invariants)
    if (inv.id == spec.invariant && !inv.held) cx.message = inv.violation.message;
  if (cx.message.empty()) return broken("the replay does not violate " + spec.invariant);
  cx.trace_hash = vr.trace_hash;
  cx.same_trace = vr.trace_hash == trace_hash(run);
  if (!path.empty()) {
    Result<bool> folder = prepare_output_folder(spec.out_dir);
    if (!folder) return folder.error();
    Result<bool> w = write_file_atomic(path, cx.scn_text);
    if (!w) return w.error();
    cx.path = path;
  }
  return cx;
}

}  // namespace reclaim
