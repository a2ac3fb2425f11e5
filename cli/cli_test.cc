// The `reclaim` command as a user meets it: each case runs the built binary with a command
// line and checks its exit code and what it says. Bad flags and unusable outputs are
// refused with exit 2 and a message that names the problem; a run that checked less than
// asked exits 3; every run prints the command that repeats it, and that command does.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit = -1;
  std::string out, err;
};

std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

fs::path Scratch() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("reclaim-cli-" + std::to_string(getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

// Runs `reclaim ARGS` (ARGS already shell-quoted) in the scratch folder.
Outcome Reclaim(const std::string& args) {
  const fs::path out = Scratch() / "stdout", err = Scratch() / "stderr";
  const std::string cmd = "cd '" + Scratch().string() + "' && '" RECLAIM_BINARY "' " + args +
                          " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  Outcome o;
  o.exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  o.out = Slurp(out);
  o.err = Slurp(err);
  return o;
}

std::string Repeat(const std::string& out) {
  const std::size_t at = out.rfind("repeat: reclaim ");
  if (at == std::string::npos) return "";
  const std::size_t start = at + std::string("repeat: reclaim ").size();
  return out.substr(start, out.find('\n', start) - start);
}

// --bounds and --first-violation steer the random engine; the symbolic engine alone is bounded
// by its scope and searches every claim, so it refuses them rather than ignore them.
TEST(CheckCli, TheSymbolicEngineRefusesTheRandomEnginesFlags) {
  for (const char* flag : {"--bounds full", "--bounds small", "--first-violation"}) {
    Outcome o = Reclaim(
        std::string("check --variant timelock --engine symbolic --depth 1 --seed 1 ") + flag);
    EXPECT_EQ(o.exit, 2) << flag << "\n" << o.out << o.err;
    EXPECT_NE(o.err.find(std::string(flag).substr(0, std::string(flag).find(' '))),
              std::string::npos)
        << o.err;
  }
}

TEST(CheckCli, BudgetsThatCheckNothingAreRefused) {
  for (const char* budget : {"1e12", "inf", "nan", "-1", "", "10s", "1e400"}) {
    Outcome o = Reclaim(std::string("check --variant social --traces 5 --seed 1 --budget '") +
                        budget + "'");
    EXPECT_EQ(o.exit, 2) << budget << "\n" << o.out << o.err;
    EXPECT_NE(o.err.find("--budget"), std::string::npos) << o.err;
  }
  Outcome o = Reclaim("check --variant social --budget 0 --seed 1");
  EXPECT_EQ(o.exit, 2);
  EXPECT_NE(o.err.find("never end"), std::string::npos) << o.err;
}

TEST(CheckCli, ATinyBudgetStillChecksAndSaysHowMuch) {
  Outcome o = Reclaim("check --variant ii-2021 --budget 0.000001 --seed 1 --claims-only");
  EXPECT_EQ(o.exit, 0) << o.err;
  EXPECT_NE(o.out.find("AUTH               claimed   [random]   tested on 1000 traces"),
            std::string::npos)
      << o.out;
}

TEST(CheckCli, AskedTracesCutShortByTheBudgetAreIncomplete) {
  Outcome o = Reclaim(
      "check --variant social --traces 1000000 --budget 0.2 --seed 1 "
      "--claims-only");
  EXPECT_EQ(o.exit, 3) << o.out << o.err;
  EXPECT_NE(o.err.find("incomplete"), std::string::npos) << o.err;
}

TEST(CheckCli, SeedsAndDepthsOutOfRangeAreRefused) {
  for (const char* seed : {"-1", "18446744073709551616", "1.5", "0x10", "", " 7"}) {
    Outcome o = Reclaim(std::string("check --variant ii-2021 --traces 2 --seed '") + seed + "'");
    EXPECT_EQ(o.exit, 2) << seed << "\n" << o.out;
    EXPECT_NE(o.err.find("--seed"), std::string::npos) << o.err;
  }
  EXPECT_EQ(Reclaim("check --variant ii-2021 --traces 2 --seed 18446744073709551615 "
                    "--claims-only")
                .exit,
            0);
  for (const char* depth : {"0", "1000001", "-3"}) {
    Outcome o = Reclaim(std::string("check --variant ii-2021 --traces 2 --depth ") + depth);
    EXPECT_EQ(o.exit, 2) << depth;
    EXPECT_NE(o.err.find("--depth"), std::string::npos) << o.err;
  }
}

TEST(CheckCli, AnOutputThatCannotBeWrittenIsRefusedBeforeTheRun) {
  std::ofstream(Scratch() / "a-file") << "x";
  for (const char* out : {"a-file", "''", "a-file/sub"}) {
    Outcome o = Reclaim(std::string("check --variant ii-2021 --traces 50 --seed 1 --out ") + out);
    EXPECT_EQ(o.exit, 2) << out << "\n" << o.out;
    EXPECT_NE(o.err.find("--out"), std::string::npos) << o.err;
    EXPECT_EQ(o.err.find(".tmp"), std::string::npos) << o.err;
    EXPECT_EQ(o.out.find("seed"), std::string::npos) << "ran anyway:\n" << o.out;
  }
}

// The printed command repeats the run exactly, also when the time budget ended it.
TEST(CheckCli, ThePrintedCommandRepeatsTheRun) {
  Outcome a = Reclaim("check --variant timelock --budget 0.3 --seed 42 --out cx-a");
  ASSERT_EQ(a.exit, 0) << a.err;
  const std::string repeat = Repeat(a.out);
  ASSERT_NE(repeat.find("--budget 0 --traces"), std::string::npos) << a.out;
  ASSERT_NE(repeat.find("--out cx-a"), std::string::npos) << repeat;
  Outcome b = Reclaim(repeat);
  ASSERT_EQ(b.exit, 0) << b.err;
  auto verdicts = [](const std::string& out) {
    std::string v;
    std::size_t at = 0;
    while ((at = out.find("[random]", at)) != std::string::npos) {
      v += out.substr(at, out.find('\n', at) - at) + "\n";
      ++at;
    }
    return v;
  };
  EXPECT_EQ(verdicts(a.out), verdicts(b.out));
  EXPECT_FALSE(verdicts(a.out).empty());
  EXPECT_EQ(Repeat(b.out), repeat);
}

// A variant file whose text is variants/NAME.toml's with `name` and some lines replaced.
void WriteVariant(const fs::path& path, const std::string& from,
                  const std::vector<std::pair<std::string, std::string>>& replace) {
  std::string text = Slurp(fs::path(RECLAIM_SOURCE_DIR) / "variants" / (from + ".toml"));
  for (const auto& [a, b] : replace) {
    const std::size_t at = text.find(a);
    ASSERT_NE(at, std::string::npos) << a;
    text.replace(at, a.size(), b);
  }
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// Every counterexample a check writes replays: also for a variant whose path has a space
// (the `variants` line quotes it) and for 100-year delays (the clock stops at the language's
// 100 years, so every time can be written).
TEST(CheckCli, CounterexamplesReplayForAnyVariantFile) {
  WriteVariant(Scratch() / "my dir" / "spaced.toml", "ii-2021",
               {{"name = \"ii-2021\"", "name = \"spaced\""}});
  WriteVariant(Scratch() / "century.toml", "timelock",
               {{"name = \"timelock\"", "name = \"century\""},
                {"delay_menu = [\"1w\", \"1mo\", \"1y\"]", "delay_menu = [\"100y\"]"},
                {"default_delay = \"1w\"", "default_delay = \"100y\""}});
  for (const char* variant : {"'my dir/spaced.toml'", "century.toml"}) {
    const std::string out = std::string("cx-") + (variant[0] == '\'' ? "spaced" : "century");
    Outcome c =
        Reclaim(std::string("check --variant ") + variant + " --traces 300 --seed 3 --out " + out);
    EXPECT_EQ(c.exit, 0) << variant << "\n" << c.out << c.err;
    int written = 0;
    for (const auto& e : fs::directory_iterator(Scratch() / out))
      written += e.path().extension() == ".scn";
    EXPECT_GT(written, 0) << variant << ": no weakness found, nothing to replay";
    Outcome r = Reclaim("run " + out);
    EXPECT_EQ(r.exit, 0) << variant << "\n" << r.out << r.err;
  }
}

TEST(CheckCli, UnknownEngineOrInvariantIsBadInput) {
  EXPECT_EQ(Reclaim("check --variant ii-2021 --traces 2 --engine quantum").exit, 2);
  Outcome o = Reclaim("check --variant ii-2021 --traces 2 --invariant NOPE");
  EXPECT_EQ(o.exit, 2);
  EXPECT_NE(o.err.find("NOPE"), std::string::npos);
}

TEST(CheckCli, JsonSurvivesAPathThatIsNotUtf8) {
  const std::string dir = "cx-\xff\xfe";
  Outcome o = Reclaim("check --variant ii-2021 --traces 30 --seed 1 --json --out '" + dir + "'");
  EXPECT_EQ(o.exit, 0) << o.err;
  EXPECT_NE(o.out.find("\"repeat\""), std::string::npos) << o.out;
}

// The catalogue as the command prints it: every id once, each with its statement and the
// built-in variants that claim it (ii-2021 claims AUTH but not DELAY).
TEST(InvariantsCli, ListsEveryIdWithItsClaimants) {
  Outcome o = Reclaim("invariants --json");
  ASSERT_EQ(o.exit, 0) << o.err;
  for (const char* id : {"\"AUTH\"", "\"DELAY-MONO\"", "\"SOCIAL-LIVENESS\"", "\"TENTATIVE\""})
    EXPECT_NE(o.out.find(std::string("\"id\": ") + id), std::string::npos) << id;
  const std::size_t auth = o.out.find("\"id\": \"AUTH\"");
  const std::size_t replay = o.out.find("\"id\": \"REPLAY\"");
  const std::size_t delay = o.out.find("\"id\": \"DELAY\"");
  const std::size_t delay_mono = o.out.find("\"id\": \"DELAY-MONO\"");
  ASSERT_LT(auth, replay);
  ASSERT_LT(delay, delay_mono);
  EXPECT_NE(o.out.substr(auth, replay - auth).find("\"ii-2021\""), std::string::npos);
  EXPECT_EQ(o.out.substr(delay, delay_mono - delay).find("\"ii-2021\""), std::string::npos);
  EXPECT_NE(o.out.find("properties/invariants/delay_mono.cc"), std::string::npos);

  Outcome text = Reclaim("invariants");
  EXPECT_EQ(text.exit, 0);
  EXPECT_EQ(text.out.rfind("AUTH  (claimed by: ii-2021 ", 0), 0u) << text.out;

  Outcome both = Reclaim("invariants --json --markdown");
  EXPECT_EQ(both.exit, 2);
  EXPECT_NE(both.err.find("excludes"), std::string::npos) << both.err;
}

// The symbolic engine's flags are checked before anything runs: a scope it cannot hold, a
// scope for an engine without one, trace counts it does not take, a run without an end.
TEST(SymbolicCli, BadScopesAndFlagsAreRefused) {
  for (const char* scope :
       {"", "devices=2", "devices=13", "pending=0", "guardians=9", "devices=4,",
        "devices=4,devices=5", "colour=3", "devices=x", "devices=+4", "devices"}) {
    Outcome o = Reclaim(std::string("check --variant timelock --engine symbolic --depth 1 "
                                    "--scope '") +
                        scope + "'");
    EXPECT_EQ(o.exit, 2) << scope << "\n" << o.out << o.err;
    EXPECT_NE(o.err.find("--scope"), std::string::npos) << scope << ": " << o.err;
    EXPECT_EQ(o.err.find(".cc:"), std::string::npos) << o.err;
  }
  Outcome random = Reclaim("check --variant timelock --traces 2 --scope devices=4");
  EXPECT_EQ(random.exit, 2);
  EXPECT_NE(random.err.find("--scope"), std::string::npos) << random.err;
  Outcome traces = Reclaim("check --variant timelock --engine symbolic --traces 5");
  EXPECT_EQ(traces.exit, 2);
  EXPECT_NE(traces.err.find("--traces"), std::string::npos) << traces.err;
  Outcome endless = Reclaim("check --variant timelock --engine symbolic --budget 0");
  EXPECT_EQ(endless.exit, 2);
  EXPECT_NE(endless.err.find("--depth"), std::string::npos) << endless.err;
  EXPECT_EQ(Reclaim("check --variant timelock --engine symbolic --depth 0").exit, 2);
}

// ii-2021: RECLAIM (a weakness it does not claim) is violated, and the counterexample the
// engine writes is one `reclaim run` replays (exit 0: the file expects the violation).
TEST(SymbolicCli, Ii2021ReclaimIsViolatedByACounterexampleThatReplays) {
  Outcome o = Reclaim(
      "check --variant ii-2021 --engine symbolic --invariant RECLAIM --depth 6 --budget 600 "
      "--seed 1 --out cx-symbolic");
  ASSERT_EQ(o.exit, 0) << o.out << o.err;
  EXPECT_NE(o.out.find("RECLAIM            unclaimed [symbolic] violated (cx-symbolic/"
                       "symbolic-ii-2021-reclaim.scn), an expected weakness"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("RECLAIM: counterexample at depth"), std::string::npos) << o.out;
  int written = 0;
  for (const auto& e : fs::directory_iterator(Scratch() / "cx-symbolic")) {
    if (e.path().extension() != ".scn") continue;
    ++written;
    EXPECT_NE(Slurp(e.path()).find("expect violates RECLAIM"), std::string::npos);
    Outcome r = Reclaim("run '" + e.path().string() + "'");
    EXPECT_EQ(r.exit, 0) << r.out << r.err;
  }
  EXPECT_EQ(written, 1);
}

// ii-protected: PROTECTED is proved (k-induction), with its scope; --json carries the
// engine's figures; the printed command repeats the verdict.
TEST(SymbolicCli, IiProtectedProvesProtectedAndTheRepeatAgrees) {
  Outcome o = Reclaim(
      "check --variant ii-protected --engine symbolic --invariant PROTECTED --depth 2 "
      "--budget 600 --seed 1 --out cx-protected");
  ASSERT_EQ(o.exit, 0) << o.out << o.err;
  const std::string line =
      "PROTECTED          claimed   [symbolic] proved (scope devices=4,pending=2,guardians=3)";
  EXPECT_NE(o.out.find(line), std::string::npos) << o.out;
  const std::string repeat = Repeat(o.out);
  EXPECT_NE(repeat.find("--engine symbolic"), std::string::npos) << repeat;
  EXPECT_NE(repeat.find("--scope devices=4,pending=2,guardians=3"), std::string::npos) << repeat;
  Outcome again = Reclaim(repeat + " --json");
  ASSERT_EQ(again.exit, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("\"label\": \"proved\""), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("\"differential_steps\""), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("\"depth_per_invariant\""), std::string::npos) << again.out;
}

// Candide's fidelity rules are not in the encoding: nothing is claimed for it. A claimed
// invariant no engine of the run decided makes the run incomplete (exit 3), never a pass.
TEST(SymbolicCli, CandideIsNotEncodedAndTheRunSaysItCheckedLess) {
  Outcome o = Reclaim(
      "check --variant candide --engine symbolic --invariant VETO --invariant SOCIAL-LIVENESS "
      "--depth 2 --budget 600 --seed 1 --out cx-candide");
  EXPECT_EQ(o.exit, 3) << o.out << o.err;
  EXPECT_NE(o.out.find("VETO               claimed   [symbolic] not encoded (the encoding does "
                       "not model the policy's social.delay_from"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.err.find("VETO: no engine of this run decided it"), std::string::npos) << o.err;
}

// --engine all: both engines' labels for each invariant, side by side.
TEST(SymbolicCli, AllRunsBothEnginesSideBySide) {
  Outcome o = Reclaim(
      "check --variant ii-protected --engine all --invariant PROTECTED --traces 20 --depth 2 "
      "--seed 1 --out cx-all");
  ASSERT_EQ(o.exit, 0) << o.out << o.err;
  EXPECT_NE(o.out.find("PROTECTED          claimed   [random]   tested on 20 traces"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("PROTECTED          claimed   [symbolic] proved"), std::string::npos)
      << o.out;
}

}  // namespace
