// The audit: the same seed and bounds give a byte-identical report.json (wall-clock figures
// live apart in measured.json); a time budget is reported as not reproducible; bad input is
// an Error before anything runs; the files land in the folder, and every file the report
// names exists there.
#include "reports/audit.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "reports/render.h"
#include "reports/test_support.h"

namespace reclaim::reports {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

AuditOptions one_variant(const std::string& out) {
  AuditOptions o = small_options(out);
  o.variants = {"timelock"};
  return o;
}

TEST(Audit, SameSeedSameReportJson) {
  const fs::path a = scratch_folder("same-a"), b = scratch_folder("same-b");
  Result<Audit> first = run_audit(one_variant(a.string()));
  Result<Audit> second = run_audit(one_variant(b.string()));
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(write_audit(*first, a.string()));
  ASSERT_TRUE(write_audit(*second, b.string()));
  EXPECT_EQ(read(a / "report.json"), read(b / "report.json"));
  EXPECT_TRUE(first->report["provenance"]["reproducible"].get<bool>());
  EXPECT_TRUE(first->measured.contains("total_seconds"));
  EXPECT_EQ(read(a / "report.json").find("seconds_to_find"), std::string::npos);
  // Another seed is another report.
  AuditOptions other = one_variant(b.string());
  other.seed = 2;
  other.checks = {"random"};
  Result<Audit> third = run_audit(other);
  ASSERT_TRUE(third);
  EXPECT_NE(third->report["provenance"]["seed"], first->report["provenance"]["seed"]);
}

TEST(Audit, EveryFileTheReportNamesExists) {
  const fs::path out = scratch_folder("files");
  Result<Audit> audit = run_audit(one_variant(out.string()));
  ASSERT_TRUE(audit);
  ASSERT_TRUE(write_audit(*audit, out.string()));
  for (const char* f : {"report.json", "report.md", "index.html", "measured.json"})
    EXPECT_TRUE(fs::exists(out / f)) << f;
  int named = 0;
  const auto& v = audit->report["variants"][0];
  for (const auto& a : v["attacks"])
    if (a.contains("timeline")) {
      ++named;
      EXPECT_TRUE(fs::exists(out / a["timeline"].get<std::string>())) << a["timeline"];
    }
  for (const auto& c : v["claims_matrix"])
    if (c.contains("counterexample")) {
      ++named;
      EXPECT_TRUE(fs::exists(out / c["counterexample"].get<std::string>())) << c["counterexample"];
    }
  EXPECT_GT(named, 5);
  EXPECT_EQ(v["claims_matrix"].size(), audit->report["invariants"].size());
  EXPECT_EQ(audit_exit_code(*audit), 0) << json_document(audit->report["summary"]);
}

TEST(Audit, BudgetIsNotReproducibleAndSaysSo) {
  AuditOptions o = one_variant(scratch_folder("budget").string());
  o.checks = {"random"};
  o.budget_seconds = 5;
  Result<Audit> audit = run_audit(o);
  ASSERT_TRUE(audit);
  EXPECT_FALSE(audit->report["provenance"]["reproducible"].get<bool>());
  EXPECT_NE(render_html(audit->report).find("NOT REPRODUCIBLE"), std::string::npos);
}

TEST(Audit, BadInputBeforeAnythingRuns) {
  AuditOptions o = one_variant(scratch_folder("bad").string());
  o.variants = {"timelock", "no-such-variant"};
  EXPECT_FALSE(run_audit(o));
  o.variants = {"timelock", "timelock"};
  EXPECT_FALSE(run_audit(o));
  o.variants = {"timelock"};
  o.checks = {"astrology"};
  EXPECT_FALSE(run_audit(o));
}

TEST(Audit, AFuzzCampaignSummaryIsShownAndABadOneRefused) {
  const fs::path dir = scratch_folder("fuzz");
  std::ofstream(dir / "summary.json")
      << R"({"work":"w","seconds_per_target":60,"jobs":1,"variant":"","invariants":"","ok":true,)"
         R"("targets":[{"target":"apply","seconds":60,"execs":123456,"exec_per_sec":2057,)"
         R"("cov":900,"ft":1500,"corpus_files":40,"corpus_bytes":9000,"new_inputs":3,"crashes":0,"exit":0}]})";
  std::ofstream(dir / "bad.json") << "{\"targets\": 3}";
  AuditOptions o = one_variant((dir / "out").string());
  o.checks = {"scenarios"};
  o.fuzz_summary = (dir / "summary.json").string();
  Result<Audit> audit = run_audit(o);
  ASSERT_TRUE(audit) << audit.error().str();
  EXPECT_EQ(audit->report["fuzz_campaign"]["targets"][0]["execs"], 123456);
  EXPECT_NE(render_html(audit->report).find("id=\"fuzz-campaign\""), std::string::npos);
  EXPECT_NE(render_markdown(audit->report).find("| apply | 60 | 123456 | 2057 | 0 |"),
            std::string::npos);
  o.fuzz_summary = (dir / "bad.json").string();
  EXPECT_FALSE(run_audit(o));
  o.fuzz_summary = (dir / "missing.json").string();
  EXPECT_FALSE(run_audit(o));
  // Fields of the wrong type are bad input with the file named, never an exception.
  int n = 0;
  for (const char* hostile : {R"({"ok":"yes","targets":[]})", R"({"variant":5,"targets":[]})",
                              R"({"seconds_per_target":"x","targets":[]})", R"({"targets":[3]})",
                              R"({"targets":[{"crashes":{"a":1}}]})",
                              R"({"targets":[{"target":7}]})"}) {
    const fs::path f = dir / ("hostile-" + std::to_string(++n) + ".json");
    std::ofstream(f) << hostile;
    o.fuzz_summary = f.string();
    Result<Audit> refused = run_audit(o);
    ASSERT_FALSE(refused) << hostile;
    EXPECT_EQ(refused.error().file, f.string()) << hostile;
    EXPECT_NE(refused.error().message.find("not a fuzz campaign summary"), std::string::npos)
        << refused.error().message;
  }
}

// A scenario library that is not there is bad input before anything runs; one in which no
// scenario runs under the variant makes the audit incomplete, never a pass.
TEST(Audit, AScenarioCheckThatRanNothingIsNeverAPass) {
  const fs::path dir = scratch_folder("no-scenarios");
  AuditOptions o = one_variant((dir / "out").string());
  o.checks = {"scenarios"};
  o.scenarios_dir = (dir / "nowhere").string();
  Result<Audit> missing = run_audit(o);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().file, o.scenarios_dir);
  fs::create_directories(dir / "empty");
  o.scenarios_dir = (dir / "empty").string();
  Result<Audit> empty = run_audit(o);
  ASSERT_TRUE(empty) << empty.error().str();
  ASSERT_EQ(empty->incomplete.size(), 1u);
  EXPECT_NE(empty->incomplete[0].find("no scenario lists it"), std::string::npos);
}

TEST(Audit, ChecksAreTheScenariosEveryEngineAndTheMargins) {
  const std::vector<std::string> checks = audit_checks();
  ASSERT_GE(checks.size(), 5u);
  EXPECT_EQ(checks.front(), "scenarios");
  EXPECT_EQ(checks.back(), "margins");
}

}  // namespace
}  // namespace reclaim::reports
