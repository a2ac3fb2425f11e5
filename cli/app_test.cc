// Tests for the command line as a whole: help and version exit 0, unknown subcommands and
// options exit 2, and a report that cannot be written to standard output fails the run.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli/testing.h"

namespace reclaim::cli {
namespace {

using testing::CliResult;
using testing::passing_scenario;
using testing::run_cli;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class App : public testing::TempFolder {};

TEST_F(App, HelpAndVersionExitZeroAndBadUsageExitsTwo) {
  EXPECT_EQ(run_cli({"--help"}).rc, 0);
  EXPECT_EQ(run_cli({"run", "--help"}).rc, 0);
  const CliResult version = run_cli({"--version"});
  EXPECT_EQ(version.rc, 0);
  EXPECT_TRUE(contains(version.out, "reclaim")) << version.out;
  for (const std::vector<std::string>& args : {std::vector<std::string>{},
                                               {"nope"},
                                               {"run"},
                                               {"run", "--nope", "x.scn"},
                                               {"run", "--crypto", "rsa", "x.scn"},
                                               {"variants", "extra"}}) {
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.rc, 2) << (args.empty() ? "" : args[0]);
    EXPECT_FALSE(r.err.empty());
  }
}

TEST_F(App, AReportThatCannotBeWrittenFailsTheRun) {
  // A stream buffer that refuses every byte, as a full disk or closed pipe would.
  struct Refuse : std::streambuf {
    int overflow(int) override { return traits_type::eof(); }
  } refuse;
  const std::string scn = write("s.scn", passing_scenario());
  std::streambuf* old = std::cout.rdbuf(&refuse);
  std::ostringstream err;
  std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
  std::vector<const char*> argv = {"reclaim", "run", scn.c_str()};
  const int rc = run_reclaim(static_cast<int>(argv.size()), argv.data());
  std::cout.rdbuf(old);
  std::cerr.rdbuf(old_err);
  EXPECT_EQ(rc, 2);
  EXPECT_TRUE(contains(err.str(), "cannot write the report to standard output")) << err.str();
  EXPECT_TRUE(std::cout.good());  // the next run starts clean
}

}  // namespace
}  // namespace reclaim::cli
