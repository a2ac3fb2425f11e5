// Tests for `reclaim run` driven as a user would, in process: exit 0 only when something was
// checked and held, 1 when something checked failed, 2 for bad input or when nothing (or not
// all that was given) could be checked; hostile files, names and flag values give a message,
// never an abort; the closing summary says what was checked.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/testing.h"

namespace reclaim::cli {
namespace {

using testing::CliResult;
using testing::failing_scenario;
using testing::passing_scenario;
using testing::run_cli;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class RunCommand : public testing::TempFolder {};

TEST_F(RunCommand, ExitCodesSayWhetherSomethingWasCheckedAndHeld) {
  const std::string good = write("good.scn", passing_scenario());
  const std::string bad = write("bad.scn", failing_scenario());
  const CliResult ok = run_cli({"run", good});
  EXPECT_EQ(ok.rc, 0) << ok.err;
  EXPECT_TRUE(ok.err.empty()) << ok.err;
  EXPECT_TRUE(contains(ok.out, "\n2 passed, 0 failed: checked 1 scenario file, 2 variant runs, "))
      << ok.out;
  const CliResult failed = run_cli({"run", good, bad});
  EXPECT_EQ(failed.rc, 1);
  EXPECT_TRUE(contains(failed.err, bad + ":6:1: under timelock: expect rejected is unmet"))
      << failed.err;
  EXPECT_TRUE(contains(failed.out,
                       "\n2 passed, 1 failed: checked 2 scenario files, 3 variant "
                       "runs, "))
      << failed.out;
}

// ---- item: variant name vs file name

TEST_F(RunCommand, AVariantFileDeclaringAnotherNameIsRejectedAtTheScnLine) {
  write("mine.toml", "name = \"other\"\n");
  const std::string scn = write("s.scn",
                                "scenario s\nvariants mine.toml\nidentity alice\n"
                                "device alice/k passkey auth\n"
                                "at 1h alice: login alice by alice/k\nexpect[mine] rejected\n");
  const CliResult r = run_cli({"run", scn});
  EXPECT_EQ(r.rc, 2);
  EXPECT_TRUE(contains(r.err, scn + ":2:10: variant \"mine.toml\": " + path("mine.toml") +
                                  ":1:8: 'name' is \"other\" but the file is named \"mine.toml\""))
      << r.err;
  // Named right, its false expectation is judged, and fails the run.
  write("mine.toml", "name = \"mine\"\n");
  const CliResult judged = run_cli({"run", scn});
  EXPECT_EQ(judged.rc, 1) << judged.err;
  EXPECT_TRUE(contains(judged.err, scn + ":6:1: under mine: expect[mine] rejected is unmet"))
      << judged.err;
}

TEST_F(RunCommand, AVariantPathDeclaringAnotherNameIsRejected) {
  const std::string v = write("mine.toml", "name = \"other\"\n");
  const CliResult r = run_cli({"run", write("s.scn", passing_scenario()), "--variant", v});
  EXPECT_EQ(r.rc, 2);
  EXPECT_TRUE(contains(r.err, v + ":1:8: 'name' is \"other\"")) << r.err;
}

TEST_F(RunCommand, AMissingVariantFileIsReportedAtTheScnLine) {
  const std::string scn = write("s.scn",
                                "scenario s\nvariants nothere.toml\nidentity alice\n"
                                "at 0 alice colludes\n");
  const CliResult r = run_cli({"run", scn});
  EXPECT_EQ(r.rc, 2);
  EXPECT_TRUE(contains(r.err, scn + ":2:10: variant \"nothere.toml\": ")) << r.err;
  EXPECT_TRUE(contains(r.err, "reclaim run: nothing was checked: no scenario file could be run"))
      << r.err;
}

// ---- items: folders (unreadable subfolder, FIFO, dangling link, loops, empty folder)

TEST_F(RunCommand, AnUnreadableSubfolderFailsTheRunAndTheRestStillRuns) {
  write("lib/a/one.scn", passing_scenario("one"));
  write("lib/m/hidden.scn", passing_scenario("hidden"));
  write("lib/z/two.scn", passing_scenario("two"));
  ASSERT_EQ(chmod(path("lib/m").c_str(), 0), 0);
  const std::string lib = path("lib"), m = path("lib/m");
  EXPECT_TRUE(testing::as_unprivileged([&] {
    const CliResult r = run_cli({"run", lib});
    const bool ok = r.rc == 2 && contains(r.err, m + ": cannot read folder: Permission denied") &&
                    contains(r.out, "PASS " + lib + "/z/two.scn [social]") &&
                    contains(r.out, "4 passed, 0 failed: checked 2 scenario files");
    if (!ok) std::cerr << "rc " << r.rc << "\n" << r.out << r.err;
    return ok;
  }));
}

TEST_F(RunCommand, AFifoOrDanglingLinkNamedScnFailsTheRun) {
  write("lib/a.scn", passing_scenario());
  fifo("lib/pipe.scn");
  link("lib/gone.scn", "nowhere.scn");
  const CliResult r = run_cli({"run", path("lib")});
  EXPECT_EQ(r.rc, 2);
  EXPECT_TRUE(contains(r.err, path("lib/pipe.scn") + ": a FIFO, not a scenario file")) << r.err;
  EXPECT_TRUE(contains(r.err, path("lib/gone.scn") + ": a dangling symbolic link")) << r.err;
  EXPECT_TRUE(contains(r.out, "PASS ok [timelock] trace ")) << r.out;  // a.scn still ran
}

TEST_F(RunCommand, LinkLoopsNeverAbort) {
  write("lib/a.scn", passing_scenario());
  link("lib/self", "self");
  link("lib/sub/up", "..");
  const CliResult inside = run_cli({"run", path("lib")});
  EXPECT_EQ(inside.rc, 0) << inside.err;  // neither link names a scenario
  link("lib/loop.scn", "loop.scn");
  const CliResult named = run_cli({"run", path("lib")});
  EXPECT_EQ(named.rc, 2);
  EXPECT_TRUE(contains(named.err, path("lib/loop.scn") + ": a symbolic link loop")) << named.err;
  link("loop1", "loop2");
  link("loop2", "loop1");
  const CliResult given = run_cli({"run", path("loop1")});
  EXPECT_EQ(given.rc, 2);
  EXPECT_TRUE(contains(given.err, path("loop1") + ": a symbolic link loop (too many levels of "
                                                  "symbolic links)"))
      << given.err;
  EXPECT_FALSE(contains(given.err, "no such file")) << given.err;
}

TEST_F(RunCommand, AnEmptyFolderChecksNothingAndSaysSo) {
  const CliResult r = run_cli({"run", folder("empty")});
  EXPECT_EQ(r.rc, 2);
  EXPECT_TRUE(contains(r.err, path("empty") + ": no .scn file in this folder")) << r.err;
  EXPECT_TRUE(contains(r.err, "nothing was checked: no scenario file was found")) << r.err;
  EXPECT_FALSE(contains(r.err, "requested variants")) << r.err;
}

// ---- item: empty, comment-only and CR-only files

TEST_F(RunCommand, AFileThatChecksNothingIsAnError) {
  for (const std::string& text :
       {std::string(), std::string("# only a comment\n"),
        std::string("# comment\rscenario x\ridentity alice\rat 0 alice colludes\r"),
        std::string("scenario idle\nidentity alice\n")}) {
    const CliResult r = run_cli({"run", write("f.scn", text)});
    EXPECT_EQ(r.rc, 2) << text;
    EXPECT_TRUE(contains(r.err, path("f.scn") + ":1:")) << r.err;
    EXPECT_TRUE(contains(r.out, "0 passed, 0 failed")) << r.out;
    EXPECT_FALSE(contains(r.out, "PASS")) << r.out;
  }
}

// ---- item: names that are not UTF-8 in --json output

TEST_F(RunCommand, JsonReportsSurviveNamesThatAreNotUtf8) {
  const std::string scn = write("caf\xe9\xff.scn", passing_scenario());
  const CliResult r = run_cli({"run", "--json", scn});
  EXPECT_EQ(r.rc, 0) << r.err;
  nlohmann::json j;
  ASSERT_NO_THROW(j = nlohmann::json::parse(r.out)) << r.out;
  EXPECT_EQ(j["files"][0]["file"], path("caf\xef\xbf\xbd\xef\xbf\xbd.scn"));
  EXPECT_EQ(j["checked"]["variant_runs"], 2);
  // A bad file's error, and a folder that cannot be found, are in the report too.
  const CliResult bad = run_cli({"run", "--json", write("\xff.scn", ""), path("\xfe-missing")});
  EXPECT_EQ(bad.rc, 2);
  ASSERT_NO_THROW(j = nlohmann::json::parse(bad.out)) << bad.out;
  EXPECT_EQ(j["exit"], 2);
  EXPECT_EQ(j["errors"].size(), 3u) << bad.out;
  const CliResult variant = run_cli({"run", "--json", scn, "--variant", path("\xff-variant.toml")});
  EXPECT_EQ(variant.rc, 2);
  EXPECT_TRUE(contains(variant.err, "cannot read variant file")) << variant.err;
}

TEST_F(RunCommand, TextReportsEscapeControlBytesInNames) {
  write("lib/a\nPASS forged.scn", passing_scenario());
  write("lib/b.scn", passing_scenario());
  const CliResult r = run_cli({"run", path("lib")});
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "PASS " + path("lib/a\\x0aPASS forged.scn") + " [timelock]"))
      << r.out;
  EXPECT_FALSE(contains(r.out, "\nPASS forged")) << r.out;
}

// ---- item: seeds

TEST_F(RunCommand, OutOfRangeOrNegativeSeedsAreRejected) {
  const std::string scn = write("s.scn", passing_scenario());
  for (const std::string seed : {"18446744073709551616", "-1", "1e3", "0x10", "", " 7"}) {
    const CliResult r = run_cli({"run", "--seed", seed, scn});
    EXPECT_EQ(r.rc, 2) << seed;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_EQ(r.err, "--seed \"" + seed + "\": " +
                         (seed.empty()                     ? "empty"
                          : seed == "-1"                   ? "negative"
                          : seed == "18446744073709551616" ? "out of range"
                                                           : "not a decimal number") +
                         "; a seed is a decimal integer from 0 to 18446744073709551615\n");
    // The --seed=VALUE spelling is refused too (by CLI11 itself when VALUE is empty).
    const CliResult eq = run_cli({"run", "--seed=" + seed, scn});
    EXPECT_EQ(eq.rc, 2) << seed;
    EXPECT_TRUE(eq.out.empty()) << eq.out;
    EXPECT_FALSE(eq.err.empty());
  }
  const CliResult top = run_cli({"run", "--seed", "18446744073709551615", scn});
  EXPECT_EQ(top.rc, 0) << top.err;
  EXPECT_EQ(top.out.rfind("seed 18446744073709551615 crypto ideal\n", 0), 0u) << top.out;
}

// ---- item: trace hashes

TEST_F(RunCommand, TraceHashesKeepTheirLeadingZerosInText) {
  const std::string scn = write("s.scn", passing_scenario());
  const CliResult text = run_cli({"run", scn});
  const CliResult json = run_cli({"run", "--json", scn});
  ASSERT_EQ(text.rc, 0);
  const auto j = nlohmann::json::parse(json.out);
  for (const auto& v : j["files"][0]["variants"]) {
    const std::string hash = v["trace_hash"];
    EXPECT_EQ(hash.size(), 16u);
    EXPECT_TRUE(contains(text.out, "[" + std::string(v["variant"]) + "] trace " + hash + "\n"))
        << text.out;
  }
}

// ---- the principle: say what was checked; less than asked is not a success

TEST_F(RunCommand, ARequestedVariantThatRanNowhereFailsTheRun) {
  const std::string scn = write("s.scn", passing_scenario());
  const CliResult some = run_cli({"run", scn, "--variant", "timelock", "--variant", "argent"});
  EXPECT_EQ(some.rc, 2);
  EXPECT_TRUE(contains(some.err, "--variant argent: nothing ran under it")) << some.err;
  const CliResult none = run_cli({"run", scn, "--variant", "argent"});
  EXPECT_EQ(none.rc, 2);
  EXPECT_TRUE(contains(none.err, "nothing was checked: no file lists the requested variants"))
      << none.err;
  const CliResult twice = run_cli({"run", scn, "--variant", "social", "--variant", "social"});
  EXPECT_EQ(twice.rc, 0) << twice.err;
  EXPECT_TRUE(contains(twice.out, "1 passed, 0 failed: checked 1 scenario file, 1 variant run, "))
      << twice.out;
}

TEST_F(RunCommand, TheSummaryCountsWhatWasChecked) {
  const std::string scn = write("s.scn", passing_scenario());
  write("other.scn", "scenario other\nvariants argent\nidentity alice\nat 0 alice colludes\n");
  const CliResult r = run_cli({"run", "--json", dir_.string(), "--variant", "timelock"});
  EXPECT_EQ(r.rc, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& c = j["checked"];
  EXPECT_EQ(c["files"], 2);
  EXPECT_EQ(c["files_run"], 1);
  EXPECT_EQ(c["files_skipped"], 1);
  EXPECT_EQ(c["files_bad"], 0);
  EXPECT_EQ(c["variant_runs"], 1);
  EXPECT_EQ(c["expectations"], 1);
  EXPECT_GE(c["steps"], 1);
  EXPECT_GE(c["claims"], 5);
  const CliResult text = run_cli({"run", dir_.string(), "--variant", "timelock"});
  EXPECT_TRUE(contains(text.out, "; 1 of 2 files not run (1 list no requested variant)\n"))
      << text.out;
}

}  // namespace
}  // namespace reclaim::cli
