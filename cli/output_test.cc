// Tests for the output helpers: JSON text never throws on bytes that are not UTF-8, text
// lines cannot be broken by control bytes, and an atomic write either replaces the file or
// fails naming it, leaving no temporary file behind.
#include "cli/output.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/testing.h"

namespace reclaim::cli {
namespace {

TEST(JsonText, InvalidUtf8BecomesReplacementCharacters) {
  nlohmann::ordered_json j = {{"file", std::string("bad\xff\xfe.scn")},
                              {"ok", std::string("caf\xc3\xa9")},
                              {"cut", std::string("\xe2\x82")}};
  std::string text;
  ASSERT_NO_THROW(text = json_text(j));
  const auto back = nlohmann::json::parse(text);
  EXPECT_EQ(back["file"], "bad\xef\xbf\xbd\xef\xbf\xbd.scn");
  EXPECT_EQ(back["ok"], "caf\xc3\xa9");  // valid UTF-8 is kept as it is
  EXPECT_EQ(back["cut"], "\xef\xbf\xbd");
  EXPECT_EQ(text.back(), '\n');
}

TEST(JsonText, NestedStringsAndKeysAreCoveredToo) {
  nlohmann::ordered_json j;
  j["files"] = nlohmann::ordered_json::array({{{"file", std::string("\x80")}}});
  j[std::string("k\xff")] = 1;
  EXPECT_NO_THROW(nlohmann::json::parse(json_text(j)));
}

TEST(Printable, ControlBytesAndBackslashesAreEscaped) {
  EXPECT_EQ(printable("plain/path-1.scn"), "plain/path-1.scn");
  EXPECT_EQ(printable("a\nPASS b"), "a\\x0aPASS b");
  EXPECT_EQ(printable("\x1b[2J\t\r\x7f"), "\\x1b[2J\\x09\\x0d\\x7f");
  EXPECT_EQ(printable("a\\x0a"), "a\\\\x0a");  // an escape can't be forged by a name
  EXPECT_EQ(printable("caf\xe9"), "caf\xe9");  // other bytes pass
}

class AtomicWrite : public testing::TempFolder {
 protected:
  std::string read(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  int entries() {
    int n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir_)) ++n;
    return n;
  }
};

TEST_F(AtomicWrite, CreatesAndReplaces) {
  const std::string p = path("out.txt");
  std::string error;
  ASSERT_TRUE(write_file_atomic(p, "first", &error)) << error;
  EXPECT_EQ(read(p), "first");
  ASSERT_TRUE(write_file_atomic(p, std::string("second\0x", 8), &error)) << error;
  EXPECT_EQ(read(p), std::string("second\0x", 8));
  EXPECT_EQ(entries(), 1);  // no temporary file left
}

TEST_F(AtomicWrite, FailuresNameTheTargetAndLeaveNothingBehind) {
  write("keep.txt", "old");
  folder("a-folder");
  struct Case {
    std::string path;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"", ": no file name"},
      {path("a-folder"), ": is a folder"},
      {path("a-folder") + "/", ": names a folder, not a file"},
      {path("no/such/folder/x.txt"), ": cannot create a file in its folder: No such file"},
      {path("keep.txt") + "/x.txt", ": cannot create a file in its folder: Not a directory"},
  };
  for (const Case& c : cases) {
    std::string error;
    EXPECT_FALSE(write_file_atomic(c.path, "new", &error)) << c.path;
    EXPECT_EQ(error.rfind(c.path + c.reason, 0), 0u) << error;
    EXPECT_EQ(error.find(".tmp"), std::string::npos) << error;
    EXPECT_EQ(error.find("XXXXXX"), std::string::npos) << error;
  }
  EXPECT_EQ(read(path("keep.txt")), "old");
  EXPECT_EQ(entries(), 2);  // keep.txt and a-folder: no temporary file left
}

TEST_F(AtomicWrite, AnUnwritableFolderIsAnError) {
  folder("ro");
  ASSERT_EQ(chmod(path("ro").c_str(), 0555), 0);
  const std::string target = path("ro/x.txt");
  EXPECT_TRUE(testing::as_unprivileged([&] {
    std::string error;
    const bool ok = !write_file_atomic(target, "x", &error) &&
                    error == target + ": cannot create a file in its folder: Permission denied";
    if (!ok) std::cerr << error << "\n";
    return ok;
  }));
  EXPECT_FALSE(std::filesystem::exists(target));
}

}  // namespace
}  // namespace reclaim::cli
