// Tests for finding a run's scenario files: every entry that cannot be used is an error that
// names it (an unreadable folder, a FIFO or dangling link named *.scn, a link loop, an empty
// folder), the search goes on past it, and nothing throws.
#include "cli/scenario_files.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli/testing.h"

namespace reclaim::cli {
namespace {

using testing::TempFolder;

bool has_error(const ScenarioFiles& f, const std::string& text) {
  return std::any_of(f.errors.begin(), f.errors.end(),
                     [&](const std::string& e) { return e == text; });
}

std::string all_errors(const ScenarioFiles& f) {
  std::string out;
  for (const auto& e : f.errors) out += e + "\n";
  return out;
}

class ScenarioFilesTest : public TempFolder {};

TEST_F(ScenarioFilesTest, AFolderGivesItsScnFilesSortedAndNothingElse) {
  write("lib/b.scn", "x");
  write("lib/a.scn", "x");
  write("lib/sub/c.scn", "x");
  write("lib/notes.txt", "x");
  write("lib/scn", "x");
  const ScenarioFiles f = find_scenario_files({path("lib")});
  EXPECT_TRUE(f.errors.empty()) << all_errors(f);
  EXPECT_EQ(f.files, (std::vector<std::string>{path("lib/a.scn"), path("lib/b.scn"),
                                               path("lib/sub/c.scn")}));
}

TEST_F(ScenarioFilesTest, GivenFilesKeepTheirOrderWhateverTheirName) {
  const std::string b = write("b.txt", "x"), a = write("a.scn", "x");
  const ScenarioFiles f = find_scenario_files({b, a});
  EXPECT_TRUE(f.errors.empty()) << all_errors(f);
  EXPECT_EQ(f.files, (std::vector<std::string>{b, a}));
}

TEST_F(ScenarioFilesTest, AnEmptyFolderIsAnErrorNotASilentSuccess) {
  folder("empty");
  write("only-text/readme.txt", "x");
  const ScenarioFiles f = find_scenario_files({path("empty"), path("only-text")});
  EXPECT_TRUE(f.files.empty());
  EXPECT_TRUE(has_error(f, path("empty") + ": no .scn file in this folder")) << all_errors(f);
  EXPECT_TRUE(has_error(f, path("only-text") + ": no .scn file in this folder")) << all_errors(f);
}

TEST_F(ScenarioFilesTest, AFifoOrDanglingLinkNamedScnIsAnErrorAndTheRestIsFound) {
  write("lib/a.scn", "x");
  fifo("lib/pipe.scn");
  link("lib/gone.scn", "nowhere.scn");
  write("lib/z.scn", "x");
  const ScenarioFiles f = find_scenario_files({path("lib")});
  EXPECT_EQ(f.files, (std::vector<std::string>{path("lib/a.scn"), path("lib/z.scn")}));
  ASSERT_EQ(f.errors.size(), 2u) << all_errors(f);
  EXPECT_TRUE(has_error(f, path("lib/pipe.scn") + ": a FIFO, not a scenario file"));
  EXPECT_TRUE(has_error(
      f, path("lib/gone.scn") + ": a dangling symbolic link (its target does not exist)"));
}

TEST_F(ScenarioFilesTest, LinkLoopsInsideAFolderNeitherThrowNorLoop) {
  write("lib/a.scn", "x");
  link("lib/self", "self");          // a loop not named *.scn: not a scenario, ignored
  link("lib/loop.scn", "loop.scn");  // a loop named *.scn: an error
  link("lib/sub/up", "..");          // a link to a folder: not followed, so no cycle
  link("lib/good.scn", "a.scn");     // a link to a file: followed
  const ScenarioFiles f = find_scenario_files({path("lib")});
  EXPECT_EQ(f.files, (std::vector<std::string>{path("lib/a.scn"), path("lib/good.scn")}));
  ASSERT_EQ(f.errors.size(), 1u) << all_errors(f);
  EXPECT_EQ(f.errors[0],
            path("lib/loop.scn") + ": a symbolic link loop (too many levels of symbolic links)");
}

TEST_F(ScenarioFilesTest, AGivenPathIsNamedForWhatItIs) {
  link("loop1", "loop2");
  link("loop2", "loop1");
  link("dangling", "nothing-here");
  fifo("pipe");
  const ScenarioFiles f =
      find_scenario_files({path("loop1"), path("dangling"), path("missing"), path("pipe")});
  EXPECT_TRUE(f.files.empty());
  EXPECT_EQ(f.errors, (std::vector<std::string>{
                          path("loop1") + ": a symbolic link loop (too many levels of symbolic "
                                          "links)",
                          path("dangling") + ": a dangling symbolic link (its target does not "
                                             "exist)",
                          path("missing") + ": no such file or folder",
                          path("pipe") + ": a FIFO, not a scenario file",
                      }));
}

TEST_F(ScenarioFilesTest, AnUnreadableSubfolderIsAnErrorAndTheWalkGoesOn) {
  write("lib/a/one.scn", "x");
  write("lib/m/hidden.scn", "x");
  write("lib/z/two.scn", "x");
  ASSERT_EQ(chmod(path("lib/m").c_str(), 0), 0);
  const std::string lib = path("lib");
  const std::string m = path("lib/m");
  const std::vector<std::string> want = {path("lib/a/one.scn"), path("lib/z/two.scn")};
  EXPECT_TRUE(testing::as_unprivileged([&] {
    const ScenarioFiles f = find_scenario_files({lib});
    const bool ok = f.files == want && f.errors.size() == 1 &&
                    f.errors[0] == m + ": cannot read folder: Permission denied";
    if (!ok) std::cerr << "files: " << f.files.size() << "\n" << all_errors(f);
    return ok;
  }));
}

TEST_F(ScenarioFilesTest, AnUnreadableGivenFolderIsOneErrorNotTwo) {
  write("lib/a.scn", "x");
  ASSERT_EQ(chmod(path("lib").c_str(), 0), 0);
  const std::string lib = path("lib");
  EXPECT_TRUE(testing::as_unprivileged([&] {
    const ScenarioFiles f = find_scenario_files({lib});
    const bool ok = f.files.empty() && f.errors.size() == 1 &&
                    f.errors[0] == lib + ": cannot read folder: Permission denied";
    if (!ok) std::cerr << all_errors(f);
    return ok;
  }));
}

TEST_F(ScenarioFilesTest, NestingIsBounded) {
  std::string rel = "deep";
  for (int i = 0; i <= kMaxFolderDepth; ++i) rel += "/d";
  write(rel + "/x.scn", "x");
  write("deep/top.scn", "x");
  const ScenarioFiles f = find_scenario_files({path("deep")});
  EXPECT_EQ(f.files, std::vector<std::string>{path("deep/top.scn")});
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_NE(f.errors[0].find("folders nested deeper than 64 levels are not searched"),
            std::string::npos)
      << f.errors[0];
}

TEST_F(ScenarioFilesTest, NamesThatAreNotUtf8AreFound) {
  const std::string name = "caf\xe9\xff.scn";
  write("lib/" + name, "x");
  const ScenarioFiles f = find_scenario_files({path("lib")});
  EXPECT_TRUE(f.errors.empty()) << all_errors(f);
  EXPECT_EQ(f.files, std::vector<std::string>{path("lib/" + name)});
}

}  // namespace
}  // namespace reclaim::cli
