// Tests for the output helpers: JSON text never throws on bytes that are not UTF-8, text
// lines cannot be broken by control bytes, and a repeat command line quotes what a shell
// would split. (Atomic writes: trace/write_file_test.cc.)
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

TEST(ShellQuote, PlainWordsStayAndTheRestIsQuoted) {
  EXPECT_EQ(shell_quote("variants/timelock.toml"), "variants/timelock.toml");
  EXPECT_EQ(shell_quote("my dir/v.toml"), "'my dir/v.toml'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote(""), "''");
  EXPECT_EQ(shell_quote("$(rm -rf x)"), "'$(rm -rf x)'");
}

TEST(Printable, ControlBytesAndBackslashesAreEscaped) {
  EXPECT_EQ(printable("plain/path-1.scn"), "plain/path-1.scn");
  EXPECT_EQ(printable("a\nPASS b"), "a\\x0aPASS b");
  EXPECT_EQ(printable("\x1b[2J\t\r\x7f"), "\\x1b[2J\\x09\\x0d\\x7f");
  EXPECT_EQ(printable("a\\x0a"), "a\\\\x0a");  // an escape can't be forged by a name
  EXPECT_EQ(printable("caf\xe9"), "caf\xe9");  // other bytes pass
}

}  // namespace
}  // namespace reclaim::cli
