// Tests for the runner's variant loading: a variant file a scenario lists is found beside
// the scenario, must carry its file's name (so that its expect[NAME] lines are judged), and
// any failure to load it is reported at the scenario's `variants` line.
#include "scenarios/runner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "trace/parse.h"

namespace reclaim {
namespace {

class RunnerVariants : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::path(testing::TempDir()) / ("reclaim-runner-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  Result<std::vector<VariantRun>> run(const std::string& scn_file) {
    Result<Scenario> sc = load_scenario(scn_file);
    if (!sc) return sc.error();
    return run_scenario(*sc, RunOptions{});
  }
  std::filesystem::path dir_;
};

// A login accepted under any variant; the expectation for `mine` says otherwise.
constexpr std::string_view kFalseExpectation =
    "scenario mine-expect\n"
    "variants mine.toml\n"
    "identity alice\n"
    "device alice/k passkey auth\n"
    "at 1h alice: login alice by alice/k\n"
    "expect[mine] rejected\n";

TEST_F(RunnerVariants, ExpectationsForAListedFileAreJudged) {
  write("mine.toml", "name = \"mine\"\n");
  auto runs = run(write("s.scn", std::string(kFalseExpectation)));
  ASSERT_TRUE(runs.ok()) << runs.error().str();
  ASSERT_EQ(runs->size(), 1u);
  const VariantRun& r = runs->front();
  EXPECT_EQ(r.variant, "mine");
  ASSERT_EQ(r.expectations.size(), 1u);    // the expect[mine] line applied ...
  EXPECT_FALSE(r.expectations[0].passed);  // ... and its false claim fails the run
  EXPECT_FALSE(r.passed());
}

TEST_F(RunnerVariants, AFileDeclaringAnotherNameIsRejectedNotIgnored) {
  write("mine.toml", "name = \"other\"\n");
  auto runs = run(write("s.scn", std::string(kFalseExpectation)));
  ASSERT_FALSE(runs.ok());
  EXPECT_NE(runs.error().str().find("'name' is \"other\" but the file is named \"mine.toml\""),
            std::string::npos)
      << runs.error().str();
}

TEST_F(RunnerVariants, AMissingFileIsReportedAtTheVariantsLine) {
  const std::string scn = write("s.scn",
                                "scenario s\nvariants timelock nothere.toml\n"
                                "identity alice\nat 0 alice colludes\n");
  auto runs = run(scn);
  ASSERT_FALSE(runs.ok());
  EXPECT_EQ(runs.error().file, scn);
  EXPECT_EQ(runs.error().line, 2);
  EXPECT_EQ(runs.error().col, 19);
  EXPECT_NE(runs.error().message.find(
                "variant \"nothere.toml\": " + (dir_ / "nothere.toml").string() + ": cannot read"),
            std::string::npos)
      << runs.error().str();
}

TEST_F(RunnerVariants, AnInvalidFileIsReportedAtBothPlaces) {
  write("mine.toml", "name = \"mine\"\n[devices]\nmax_devices = 0\n");
  auto runs = run(write("s.scn", std::string(kFalseExpectation)));
  ASSERT_FALSE(runs.ok());
  const std::string want = (dir_ / "s.scn").string() +
                           ":2:10: variant \"mine.toml\": " + (dir_ / "mine.toml").string() +
                           ":3:15: ";
  EXPECT_EQ(runs.error().str().rfind(want, 0), 0u) << runs.error().str();
}

// The file is the one beside the scenario, whatever the working folder holds.
TEST_F(RunnerVariants, AListedFileIsReadFromTheScenariosFolder) {
  write("mine.toml", "name = \"mine\"\n");
  const std::string scn = write("s.scn", std::string(kFalseExpectation));
  const std::filesystem::path elsewhere = dir_ / "cwd";
  std::filesystem::create_directories(elsewhere);
  std::ofstream(elsewhere / "mine.toml") << "name = \"decoy\"\n";
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(elsewhere);
  auto runs = run(scn);
  std::filesystem::current_path(before);
  ASSERT_TRUE(runs.ok()) << runs.error().str();
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ(runs->front().variant, "mine");
}

TEST_F(RunnerVariants, ANameOptionPicksAListedFileByItsName) {
  write("mine.toml", "name = \"mine\"\n");
  Result<Scenario> sc = load_scenario(write("s.scn", std::string(kFalseExpectation)));
  ASSERT_TRUE(sc.ok()) << sc.error().str();
  RunOptions options;
  options.variants = {"mine"};
  auto runs = run_scenario(*sc, options);
  ASSERT_TRUE(runs.ok()) << runs.error().str();
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ(runs->front().variant, "mine");
  options.variants = {"timelock"};  // not listed: nothing to run
  runs = run_scenario(*sc, options);
  ASSERT_TRUE(runs.ok()) << runs.error().str();
  EXPECT_TRUE(runs->empty());
}

// `expect no-control` is met exactly where `expect control` is not: a copy of the only
// device gives the attacker control without taking it from the owner; her loss of it does.
TEST(RunnerExpectations, NoControlIsTheNegationOfControl) {
  Result<Scenario> sc = parse_scenario(
      "identity alice\n"
      "device alice/k passkey auth\n"
      "at 1h mallory copies alice/k\n"
      "expect control alice mallory\n"   // met
      "expect no-control alice alice\n"  // not met: she still holds k
      "alice loses alice/k\n"
      "expect no-control alice alice\n"  // met
      "expect no-control alice mallory\n",  // not met
      "t.scn");
  ASSERT_TRUE(sc.ok()) << sc.error().str();
  RunOptions options;
  options.variants = {"ii-2021"};
  Result<std::vector<VariantRun>> runs = run_scenario(*sc, options);
  ASSERT_TRUE(runs.ok()) << runs.error().str();
  ASSERT_EQ(runs->size(), 1u);
  const std::vector<ExpectResult>& e = (*runs)[0].expectations;
  ASSERT_EQ(e.size(), 4u);
  EXPECT_TRUE(e[0].passed);
  EXPECT_FALSE(e[1].passed);
  EXPECT_EQ(e[1].detail, "alice is in control");
  EXPECT_EQ(e[1].text, "expect no-control alice alice");
  EXPECT_TRUE(e[2].passed);
  EXPECT_FALSE(e[3].passed);
  EXPECT_FALSE((*runs)[0].passed());
}

}  // namespace
}  // namespace reclaim
