// Campaign configuration, incremental checks and violation reports (see harness.h).
#include "fuzz/util/harness.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "scenarios/counterexample.h"
#include "trace/write_file.h"

namespace reclaim::fuzz {
namespace {

[[noreturn]] void config_error(const std::string& message) {
  std::cerr << "reclaim-fuzz: " << message << "\n";
  std::exit(2);
}

std::vector<std::string> split_ids(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + ",") {
    if (c == ',' || c == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

}  // namespace

Limits fuzz_limits() {
  const char* bounds = std::getenv("RECLAIM_BOUNDS");
  if (bounds == nullptr || *bounds == '\0' || std::string(bounds) == "small") return kSmallLimits;
  if (std::string(bounds) == "full") return kFullLimits;
  config_error("RECLAIM_BOUNDS: small or full, not " + std::string(bounds));
}

namespace {

Campaign build_campaign() {
  Campaign c;
  const char* var = std::getenv("RECLAIM_VARIANT");
  const char* inv = std::getenv("RECLAIM_INVARIANTS");
  const char* scn = std::getenv("RECLAIM_FUZZ_SCN");
  if (scn != nullptr) c.scn_out = scn;
  const Limits limits = fuzz_limits();

  std::vector<std::string> names;
  if (var != nullptr && *var != '\0') {
    names.push_back(var);
  } else {
    names = builtin_variant_names();
  }
  std::optional<std::vector<std::string>> forced;
  if (inv != nullptr && *inv != '\0') {
    forced = split_ids(inv);
    const auto& known = invariant_ids();
    for (const std::string& id : *forced) {
      if (std::find(known.begin(), known.end(), id) == known.end())
        config_error("RECLAIM_INVARIANTS: unknown invariant " + id);
    }
  }
  for (const std::string& name : names) {
    Result<Variant> v = load_variant(name);
    if (!v) config_error("RECLAIM_VARIANT: " + v.error().str());
    CampaignVariant cv;
    cv.variant = *v;
    cv.variant.policy.limits = limits;
    cv.ids = forced ? *forced : cv.variant.claims;
    cv.force_reactive = std::find(cv.ids.begin(), cv.ids.end(), "RECLAIM") != cv.ids.end() ||
                        std::find(cv.ids.begin(), cv.ids.end(), "EVICT") != cv.ids.end();
    c.variants.push_back(std::move(cv));
  }
  if (c.variants.empty()) config_error("no variants");
  return c;
}

}  // namespace

void find_variants(const char* argv0) {
  const char* set = std::getenv("RECLAIM_VARIANTS_DIR");
  if ((set != nullptr && *set != '\0') || argv0 == nullptr) return;
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::path(variants_dir()) / "ii-2021.toml", ec)) return;
  const auto beside = std::filesystem::path(argv0).parent_path() / "reclaim-variants";
  if (std::filesystem::exists(beside / "ii-2021.toml", ec))
    setenv("RECLAIM_VARIANTS_DIR", beside.c_str(), 1);
}

void keep_freed_memory() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

const Campaign& campaign() {
  static const Campaign c = build_campaign();
  return c;
}

ProtocolRun run_protocol(const Input& input, const CampaignVariant& cv, CryptoBackend crypto) {
  Policy policy = cv.variant.policy;
  policy.crypto = crypto;
  ProtocolRun run;
  run.driver = std::make_unique<Driver>(policy, input.header, cv.force_reactive);
  Monitor monitor(cv.ids);
  const World& w = run.driver->world();
  auto stop = [&run](const Violation* v) {
    if (v != nullptr) run.violation = *v;
    return v != nullptr;
  };
  if (stop(monitor.catch_up(w))) return run;
  for (const Action& a : input.actions) {
    run.driver->apply(a);
    if (stop(monitor.catch_up(w))) return run;
  }
  stop(monitor.finish(w));
  return run;
}

void report_violation(const World& world, const CampaignVariant& cv, const Violation& v) {
  std::string name = "fuzz-" + cv.variant.name + "-" + v.invariant;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  CounterexampleSpec spec;
  spec.name = name;
  spec.about = "Found by fuzz_protocol: " + v.invariant + " fails under " + cv.variant.name + ".";
  spec.invariant = v.invariant;
  spec.file = name + ".scn";
  std::cerr << "==reclaim-fuzz== VIOLATION " << v.invariant << " under " << cv.variant.name
            << " at step " << v.step << ": " << v.message << "\n";
  // The scenario, checked to replay to the same violation (scenarios/counterexample.h).
  Result<Counterexample> cx = write_counterexample(world, cv.variant, spec);
  if (cx) {
    std::cerr << kScnBegin << "\n" << cx->scn_text << kScnEnd << "\n"
              << "==reclaim-fuzz== scenario replays to the violation: yes\n";
    if (!campaign().scn_out.empty()) {
      Result<bool> w = write_file_atomic(campaign().scn_out, cx->scn_text);
      if (!w) std::cerr << "==reclaim-fuzz== " << w.error().str() << "\n";
    }
  } else {
    std::cerr << "==reclaim-fuzz== scenario replays to the violation: no (" << cx.error().str()
              << ")\n";
  }
  std::cerr.flush();
  std::abort();
}

}  // namespace reclaim::fuzz
