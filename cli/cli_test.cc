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
#include <nlohmann/json.hpp>
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

// The exhaustive engine behind check: every claim holds to the depth asked, with its scope;
// an unclaimed weakness comes with a counterexample that `reclaim run` replays; the depth
// repeats the run exactly; --budget 0 is no problem for it (its depth bounds it).
TEST(CheckCli, TheExhaustiveEngineChecksEveryPathToTheDepth) {
  Outcome o =
      Reclaim("check --variant ii-2021 --engine exhaustive --depth 2 --budget 0 --out cx-x");
  ASSERT_EQ(o.exit, 0) << o.err << o.out;
  EXPECT_NE(o.out.find("holds to depth 2"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("[exhaustive]"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("exhaustive search: exhaustive to depth 2"), std::string::npos) << o.out;
  // ii-2021 has no notifications: NOTIFY, unclaimed, is violated, and the file replays.
  const fs::path cx = Scratch() / "cx-x" / "exhaustive-ii-2021-notify.scn";
  ASSERT_TRUE(fs::exists(cx)) << o.out;
  EXPECT_NE(Slurp(cx).find("expect violates NOTIFY"), std::string::npos);
  Outcome run = Reclaim("run '" + cx.string() + "'");
  EXPECT_EQ(run.exit, 0) << run.out << run.err;
  Outcome again = Reclaim(Repeat(o.out));
  EXPECT_EQ(again.exit, 0) << again.err;
  auto verdicts = [](const std::string& out) {
    std::string v;
    for (std::size_t at = 0; (at = out.find("[exhaustive]", at)) != std::string::npos; ++at)
      v += out.substr(at, out.find('\n', at) - at) + "\n";
    return v;
  };
  EXPECT_FALSE(verdicts(o.out).empty());
  EXPECT_EQ(verdicts(again.out), verdicts(o.out));
}

// Every .scn file directly in `dir`.
std::vector<fs::path> ScnFiles(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".scn") out.push_back(e.path());
  return out;
}

// Files in `dir` that are neither a .scn nor a .scn.broken: an atomic writer's leftovers.
std::vector<std::string> Leftovers(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() != ".scn" && name.find(".scn.broken") == std::string::npos)
      out.push_back(name);
  }
  return out;
}

// A variant that claims what its rules do not give is caught by the exhaustive engine:
// timelock lets a protected phrase leave through the delay, so a timelock that claims
// PROTECTED is VIOLATED (exit 1) within 3 actions (no time bound: the depth, not the machine,
// decides it); the shortest counterexample replays with
// `reclaim run`, and a file edited to expect another invariant does not (the replay checks).
TEST(CheckCli, TheExhaustiveEngineCatchesAFalseClaimWithAReplayableCounterexample) {
  WriteVariant(Scratch() / "boastful.toml", "timelock",
               {{"name = \"timelock\"", "name = \"boastful\""},
                {"claims = [\"AUTH\",", "claims = [\"PROTECTED\", \"AUTH\","}});
  Outcome o = Reclaim(
      "check --variant boastful.toml --engine exhaustive --depth 3 --budget 0 --claims-only "
      "--out cx-b");
  ASSERT_EQ(o.exit, 1) << o.out << o.err;
  EXPECT_NE(o.out.find("PROTECTED          claimed   [exhaustive] VIOLATED"), std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("AUTH               claimed   [exhaustive] holds to depth 3"),
            std::string::npos)
      << o.out;
  const std::vector<fs::path> files = ScnFiles(Scratch() / "cx-b");
  ASSERT_EQ(files.size(), 1u) << o.out;
  EXPECT_TRUE(Leftovers(Scratch() / "cx-b").empty());
  Outcome run = Reclaim("run '" + files[0].string() + "'");
  EXPECT_EQ(run.exit, 0) << run.out << run.err;
  std::string text = Slurp(files[0]);
  const std::size_t at = text.rfind("expect violates PROTECTED");
  ASSERT_NE(at, std::string::npos) << text;
  text.replace(at, std::string("expect violates PROTECTED").size(), "expect violates AUTH");
  std::ofstream(Scratch() / "cx-b-edited.scn") << text;
  EXPECT_EQ(Reclaim("run cx-b-edited.scn").exit, 1);
}

// Exhaustive check flags: a depth out of range, a budget that is not a number of seconds and
// an output folder that cannot be written are bad input (exit 2, the flag named), before
// anything is explored.
TEST(CheckCli, TheExhaustiveEngineRefusesBadFlags) {
  std::ofstream(Scratch() / "a-file") << "x";
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"--depth 0", "--depth"},          {"--depth 1001", "--depth"}, {"--depth two", "--depth"},
      {"--budget nan", "--budget"},      {"--budget -1", "--budget"}, {"--out a-file/cx", "--out"},
      {"--engine exhausted", "--engine"}};
  for (const auto& [flags, named] : bad) {
    Outcome o = Reclaim("check --variant ii-2021 --engine exhaustive " + flags);
    EXPECT_EQ(o.exit, 2) << flags << "\n" << o.out << o.err;
    EXPECT_NE(o.err.find(named), std::string::npos) << flags << "\n" << o.err;
    EXPECT_EQ(o.out.find("[exhaustive]"), std::string::npos) << flags << ": it ran";
  }
}

// --json: one valid document with the exhaustive engine's verdicts (label, depth, scope) and
// figures; a weakness's counterexample path and its text.
TEST(CheckCli, TheExhaustiveEngineAsJson) {
  Outcome o = Reclaim(
      "check --variant ii-2021 --engine exhaustive --depth 2 --budget 0 --json --out cx-j");
  ASSERT_EQ(o.exit, 0) << o.err;
  const nlohmann::json j = nlohmann::json::parse(o.out);
  ASSERT_EQ(j["engines"].size(), 1u);
  const nlohmann::json& e = j["engines"][0];
  EXPECT_EQ(e["engine"], "exhaustive");
  EXPECT_EQ(e["figures"]["depth"], 2);
  EXPECT_EQ(e["figures"]["complete"].is_boolean(), true);
  EXPECT_GT(e["figures"]["states"].get<long>(), 0);
  int held = 0, violated = 0;
  for (const nlohmann::json& v : e["verdicts"]) {
    if (v["label"] == "violated") {
      ++violated;
      EXPECT_TRUE(fs::exists(Scratch() / v["counterexample"].get<std::string>())) << v.dump();
      EXPECT_NE(
          v["scenario"].get<std::string>().find("expect violates " + v["id"].get<std::string>()),
          std::string::npos);
    } else {
      ++held;
      EXPECT_EQ(v["depth"], 2) << v.dump();
      EXPECT_NE(v["scope"].get<std::string>().find("standard identity"), std::string::npos);
    }
  }
  EXPECT_GT(held, 0);
  EXPECT_GT(violated, 0);
  EXPECT_EQ(j["exit"], 0);
}

// --engine all runs the three engines, the exhaustive one to its own depth (4): --depth
// there is the random traces' length and the symbolic BMC depth, and the exhaustive verdict
// says how deep it went. AUTH is not encoded symbolically; the other two decide it.
TEST(CheckCli, AllEnginesIncludeTheExhaustiveOneToItsOwnDepth) {
  Outcome o = Reclaim(
      "check --variant ii-2021 --engine all --depth 7 --traces 30 --seed 2 --invariant AUTH "
      "--invariant ASSET --out cx-all");
  ASSERT_EQ(o.exit, 0) << o.out << o.err;
  EXPECT_NE(o.out.find("AUTH               claimed   [random]   tested on 30 traces"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("AUTH               claimed   [symbolic] not encoded"), std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("AUTH               claimed   [exhaustive] holds to depth 4 ("),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("ASSET              claimed   [exhaustive] holds to depth 4 ("),
            std::string::npos)
      << o.out;
  EXPECT_EQ(o.out.find("[exhaustive] holds to depth 7"), std::string::npos) << o.out;
  Outcome help = Reclaim("check --help");
  EXPECT_EQ(help.exit, 0);
  EXPECT_NE(help.out.find("random, symbolic and exhaustive"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("the exhaustive one to depth 4"), std::string::npos) << help.out;
}

// --traces bounds the random engine alone, and --scope the symbolic one: an engine choice
// without that engine refuses them (exit 2) before anything runs.
TEST(CheckCli, BoundsOfAnEngineNotRunAreRefused) {
  Outcome traces = Reclaim("check --variant ii-2021 --engine exhaustive --traces 5");
  EXPECT_EQ(traces.exit, 2) << traces.out << traces.err;
  EXPECT_NE(traces.err.find("--traces bounds the random engine"), std::string::npos) << traces.err;
  Outcome scope = Reclaim("check --variant ii-2021 --engine exhaustive --scope devices=3");
  EXPECT_EQ(scope.exit, 2) << scope.out << scope.err;
  EXPECT_NE(scope.err.find("--scope bounds the symbolic engine"), std::string::npos) << scope.err;
  EXPECT_EQ(scope.out.find("[exhaustive]"), std::string::npos) << scope.out;
}

// A time budget that cuts the search short: the labels say the depth reached, the run is
// incomplete (exit 3), and the repeat command keeps the budget rather than claim it repeats
// a deeper search exactly.
TEST(CheckCli, AnExhaustiveSearchCutByTheBudgetSaysHowDeepItWent) {
  Outcome o = Reclaim(
      "check --variant timelock --engine exhaustive --depth 12 --budget 0.5 "
      "--claims-only --out cx-cut");
  ASSERT_EQ(o.exit, 3) << o.out << o.err;
  EXPECT_EQ(o.out.find("holds to depth 12"), std::string::npos) << o.out;
  EXPECT_NE(o.err.find("the time budget stopped the search at depth"), std::string::npos) << o.err;
  EXPECT_NE(Repeat(o.out).find("--budget 0.5"), std::string::npos) << o.out;
}

TEST(GraphCli, MarginsAsJson) {
  Outcome o = Reclaim("graph --variant ii-protected --owner passive --depth 2 --json --out att");
  ASSERT_EQ(o.exit, 0) << o.err;
  const nlohmann::json j = nlohmann::json::parse(o.out);
  EXPECT_EQ(j["variant"], "ii-protected");
  EXPECT_EQ(j["depth"], 2);
  bool takeover = false;
  for (const nlohmann::json& m : j["margins"]) {
    EXPECT_EQ(m["owner"], "passive");
    if (m["outcome"] != "takeover") continue;
    takeover = true;
    EXPECT_EQ(m["summary"], "takeover needs phrase") << m.dump();
    ASSERT_EQ(m["minimal_sets"].size(), 1u);
    const nlohmann::json& set = m["minimal_sets"][0];
    EXPECT_EQ(set["label"], "minimal within depth 2");
    EXPECT_EQ(set["replayed"], true);
    EXPECT_EQ(set["path"], "att/attack-ii-protected-takeover-passive-phrase.scn");
  }
  EXPECT_TRUE(takeover) << o.out;
  EXPECT_TRUE(fs::exists(Scratch() / "att" / "attack-ii-protected-takeover-passive-phrase.scn"));
  // A budget too small to explore anything leaves the margins unchecked: exit 3.
  EXPECT_EQ(Reclaim("graph --variant timelock --depth 4 --max-states 5 --out att2").exit, 3);
}

// Every attack `reclaim graph` writes replays with `reclaim run`, and the folder holds only
// finished files; a takeover edited to leave out its compromise no longer replays.
TEST(GraphCli, EveryAttackWrittenReplays) {
  Outcome o = Reclaim(
      "graph --variant ii-2021 --owner passive --depth 2 --out att-r "
      "--dot att-r/graphs.dot");
  ASSERT_EQ(o.exit, 0) << o.out << o.err;
  EXPECT_NE(o.out.find("takeover needs laptop, or yubikey, or phrase"), std::string::npos) << o.out;
  const std::vector<fs::path> files = ScnFiles(Scratch() / "att-r");
  ASSERT_GE(files.size(), 3u) << o.out;
  for (const std::string& name : Leftovers(Scratch() / "att-r"))
    EXPECT_EQ(name.substr(0, 6), "graphs") << "left behind: " << name;
  Outcome run = Reclaim("run att-r");
  EXPECT_EQ(run.exit, 0) << run.out << run.err;
  const std::string dot = Slurp(Scratch() / "att-r" / "graphs.dot");
  EXPECT_EQ(dot.substr(0, 7), "digraph") << dot.substr(0, 40);
  EXPECT_EQ(dot.substr(dot.size() - 2), "}\n");
  // Teeth: without its compromise a takeover does not replay.
  for (const fs::path& f : files) {
    if (f.filename().string().find("takeover") == std::string::npos) continue;
    std::string text = Slurp(f);
    const std::size_t steal = text.find("\nmallory steals ");
    ASSERT_NE(steal, std::string::npos) << text;
    text.erase(steal, text.find('\n', steal + 1) - steal);
    std::ofstream(Scratch() / "att-short.scn") << text;
    // The attacker now signs with a device it never stole: the replay refuses the line.
    Outcome r = Reclaim("run att-short.scn");
    EXPECT_EQ(r.exit, 2) << text << r.out << r.err;
    EXPECT_NE(r.err.find("att-short.scn:"), std::string::npos) << r.err;
    break;
  }
  // Teeth: a takeover one action short, whose attacker already holds enough while the owner
  // still does, fails `reclaim run`: the file states the owner's loss too.
  int cut = 0;
  for (const fs::path& f : files) {
    if (f.filename().string().find("takeover") == std::string::npos) continue;
    std::string text = Slurp(f);
    EXPECT_NE(text.find("\nexpect no-control alice alice\n"), std::string::npos) << text;
    const std::size_t expect = text.find("\nexpect ");
    ASSERT_NE(expect, std::string::npos) << text;
    const std::size_t last = text.rfind('\n', expect - 1);
    text.erase(last, expect - last);
    std::ofstream(Scratch() / "att-cut.scn") << text;
    Outcome r = Reclaim("run att-cut.scn");
    EXPECT_EQ(r.exit, 1) << text << r.out << r.err;
    EXPECT_NE(r.err.find("no-control alice alice"), std::string::npos) << r.err;
    ++cut;
  }
  EXPECT_EQ(cut, 3) << o.out;
}

// An identity file may describe only the starting world: `reclaim graph` explores a file
// with setup lines and no step, which `reclaim run` refuses as checking nothing.
TEST(GraphCli, IdentityMayBeASetupOnlyFile) {
  std::ofstream(Scratch() / "two-keys.scn") << "scenario two-keys\nidentity alice\n"
                                               "device alice/laptop passkey auth\n"
                                               "device alice/key security-key auth\n";
  Outcome o = Reclaim(
      "graph --variant ii-2021 --owner passive --depth 2 --outcome takeover "
      "--identity two-keys.scn --out att-two");
  ASSERT_EQ(o.exit, 0) << o.out << o.err;
  EXPECT_NE(o.out.find("takeover needs laptop, or key"), std::string::npos) << o.out;
  EXPECT_EQ(Reclaim("run att-two").exit, 0);
  Outcome run = Reclaim("run two-keys.scn");
  EXPECT_EQ(run.exit, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("checks nothing"), std::string::npos) << run.err;
}

// Bad input is refused with exit 2 and a message naming the flag, before any exploration.
TEST(GraphCli, BadFlagsAreRefused) {
  std::ofstream(Scratch() / "a-file") << "x";
  fs::create_directories(Scratch() / "a-folder");
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"--depth 0", "--depth"},
      {"--depth 1001", "--depth"},
      {"--depth deep", "--depth"},
      {"--max-states 0", "--max-states"},
      {"--budget nan", "--budget"},
      {"--budget -2", "--budget"},
      {"--rho soon", "--rho"},
      {"--owner nobody", "--owner"},
      {"--outcome world-peace", "--outcome"},
      {"--identity no-such.scn", "--identity"},
      {"--out a-file/att", "--out"},
      {"--dot a-folder", "--dot"},
      {"--dot a-file/g.dot", "--dot"},
      {"--frobnicate", "--frobnicate"}};
  for (const auto& [flags, named] : bad) {
    Outcome o = Reclaim("graph --variant ii-2021 " + flags);
    EXPECT_EQ(o.exit, 2) << flags << "\n" << o.out << o.err;
    EXPECT_NE(o.err.find(named), std::string::npos) << flags << "\n" << o.err;
    EXPECT_EQ(o.out.find("takeover"), std::string::npos) << flags << ": it explored";
  }
  // Identities the search cannot take: a file that checks nothing, and too many credentials
  // to try every set of (13 devices: 8,192 sets).
  std::ofstream(Scratch() / "no-identity.scn") << "scenario nothing\n";
  std::string many = "scenario many\nvariants timelock\nidentity alice\n";
  for (int i = 1; i <= 13; ++i) many += "device alice/d" + std::to_string(i) + " passkey auth\n";
  std::ofstream(Scratch() / "many-devices.scn") << many << "\nmallory steals alice/d1\n";
  for (const char* file : {"no-identity.scn", "many-devices.scn"}) {
    Outcome o = Reclaim(std::string("graph --variant timelock --depth 1 --identity ") + file);
    EXPECT_EQ(o.exit, 2) << file << "\n" << o.out << o.err;
    EXPECT_NE(o.err.find(file), std::string::npos) << o.err;
  }
  EXPECT_NE(Reclaim("graph --variant timelock --depth 1 --identity many-devices.scn")
                .err.find("too many credentials"),
            std::string::npos);
  Outcome v = Reclaim("graph --variant no-such-variant");
  EXPECT_EQ(v.exit, 2);
  EXPECT_NE(v.err.find("no-such-variant"), std::string::npos) << v.err;
  EXPECT_EQ(Reclaim("graph --depth 2").exit, 2);  // --variant is required
}

TEST(GraphCli, HelpNamesEveryFlagAndTheExitCodes) {
  Outcome o = Reclaim("graph --help");
  ASSERT_EQ(o.exit, 0) << o.err;
  for (const char* flag : {"--variant", "--identity", "--owner", "--depth", "--rho", "--outcome",
                           "--max-states", "--budget", "--out", "--dot", "--json"})
    EXPECT_NE(o.out.find(flag), std::string::npos) << flag << "\n" << o.out;
  EXPECT_NE(o.out.find("2: bad input"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("credential sets that reach it"), std::string::npos) << o.out;
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

// Argent is encoded whole, but VETO's second clause is not: a claimed invariant no engine of
// the run decided makes the run incomplete (exit 3), never a pass.
TEST(SymbolicCli, ArgentsVetoIsPartlyEncodedAndTheRunSaysItCheckedLess) {
  Outcome o = Reclaim(
      "check --variant argent --engine symbolic --invariant VETO --invariant SOCIAL-LIVENESS "
      "--depth 2 --budget 600 --seed 1 --out cx-argent");
  EXPECT_EQ(o.exit, 3) << o.out << o.err;
  EXPECT_NE(o.out.find("VETO               claimed   [symbolic] not encoded (only its first "
                       "clause is encoded"),
            std::string::npos)
      << o.out;
  EXPECT_EQ(o.out.find("the encoding does not model"), std::string::npos) << o.out;
  EXPECT_NE(o.err.find("VETO: no engine of this run decided it"), std::string::npos) << o.err;
}

// --engine all: every engine's label for each invariant, side by side.
TEST(SymbolicCli, AllRunsEveryEngineSideBySide) {
  Outcome o = Reclaim(
      "check --variant ii-protected --engine all --invariant PROTECTED --traces 20 --depth 2 "
      "--seed 1 --out cx-all-protected");
  ASSERT_EQ(o.exit, 0) << o.out << o.err;
  EXPECT_NE(o.out.find("PROTECTED          claimed   [random]   tested on 20 traces"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("PROTECTED          claimed   [symbolic] proved"), std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("PROTECTED          claimed   [exhaustive] holds to depth 4"),
            std::string::npos)
      << o.out;
}

// Beside the other engines the symbolic engine's depth is its own: --symbolic-depth sets it
// alone, a run that set none repeats with the depth it reached, and the repeat gives the same
// symbolic label. The flag is refused where the symbolic engine does not run.
TEST(SymbolicCli, AllRepeatsTheSymbolicDepthItReached) {
  Outcome o = Reclaim(
      "check --variant ii-2021 --engine all --invariant RECLAIM --traces 10 --budget 600 "
      "--seed 1 --out cx-all-reclaim");
  ASSERT_EQ(o.exit, 0) << o.out << o.err;
  const std::string symbolic = "RECLAIM            unclaimed [symbolic] violated";
  EXPECT_NE(o.out.find(symbolic), std::string::npos) << o.out;
  const std::string repeat = Repeat(o.out);
  const std::size_t at = repeat.find(" --symbolic-depth ");
  ASSERT_NE(at, std::string::npos) << repeat;
  EXPECT_EQ(repeat.find(" --budget 600"), std::string::npos) << repeat;
  Outcome again = Reclaim(repeat);
  ASSERT_EQ(again.exit, 0) << again.out << again.err;
  EXPECT_NE(again.out.find(symbolic), std::string::npos) << again.out;
  EXPECT_EQ(Repeat(again.out), repeat);

  Outcome shallow = Reclaim(
      "check --variant ii-protected --engine all --invariant PROTECTED --traces 5 "
      "--symbolic-depth 1 --seed 1 --out cx-all-shallow");
  ASSERT_EQ(shallow.exit, 0) << shallow.out << shallow.err;
  EXPECT_NE(Repeat(shallow.out).find(" --symbolic-depth 1 "), std::string::npos) << shallow.out;
  EXPECT_NE(shallow.out.find("PROTECTED          claimed   [exhaustive] holds to depth 4"),
            std::string::npos)
      << shallow.out;

  for (const char* line : {"check --variant timelock --traces 2 --symbolic-depth 2",
                           "check --variant timelock --engine exhaustive --symbolic-depth 2",
                           "check --variant timelock --engine symbolic --symbolic-depth 0",
                           "check --variant timelock --engine all --symbolic-depth 1001"}) {
    Outcome refused = Reclaim(line);
    EXPECT_EQ(refused.exit, 2) << line << "\n" << refused.out << refused.err;
    EXPECT_NE(refused.err.find("--symbolic-depth"), std::string::npos) << refused.err;
  }
}

}  // namespace
