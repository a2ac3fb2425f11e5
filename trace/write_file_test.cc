// Atomic writes: the file appears whole or not at all, and every failure names the target.
#include "trace/write_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace reclaim {
namespace {

namespace fs = std::filesystem;

fs::path Scratch(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("reclaim-write-file-" + std::to_string(getpid())) / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(WriteFile, WritesAndReplacesWholeFilesLeavingNoTemporary) {
  const fs::path dir = Scratch("ok");
  const fs::path f = dir / "a.scn";
  ASSERT_TRUE(write_file_atomic(f.string(), "one\n").ok());
  EXPECT_EQ(Read(f), "one\n");
  ASSERT_TRUE(write_file_atomic(f.string(), "two\n").ok());
  EXPECT_EQ(Read(f), "two\n");
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, 1);
}

TEST(WriteFile, FailuresNameTheTargetNotTheTemporary) {
  const fs::path dir = Scratch("bad");
  Result<bool> r = write_file_atomic((dir / "missing" / "a.scn").string(), "x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().file, (dir / "missing" / "a.scn").string());
  EXPECT_EQ(r.error().message.find(".XXXXXX"), std::string::npos);
  EXPECT_FALSE(write_file_atomic(dir.string(), "x").ok());        // a folder
  EXPECT_FALSE(write_file_atomic(dir.string() + "/", "x").ok());  // names a folder
  EXPECT_FALSE(write_file_atomic("", "x").ok());
  ASSERT_TRUE(write_file_atomic((dir / "keep.txt").string(), "old").ok());
  EXPECT_FALSE(write_file_atomic((dir / "keep.txt" / "x.txt").string(), "x").ok());
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1);  // keep.txt: no temporary file left behind
}

TEST(WriteFile, OutputFolderMustBeAWritableFolder) {
  const fs::path dir = Scratch("out");
  EXPECT_TRUE(prepare_output_folder((dir / "a" / "b").string()).ok());
  EXPECT_TRUE(fs::is_directory(dir / "a" / "b"));
  ASSERT_TRUE(write_file_atomic((dir / "file").string(), "x").ok());
  EXPECT_FALSE(prepare_output_folder((dir / "file").string()).ok());
  EXPECT_FALSE(prepare_output_folder("").ok());
  if (geteuid() != 0) {  // root writes anywhere
    fs::create_directories(dir / "ro");
    fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    EXPECT_FALSE(prepare_output_folder((dir / "ro").string()).ok());
  }
}

}  // namespace
}  // namespace reclaim
