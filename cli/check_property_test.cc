// `reclaim check` under hostile command lines: random mixes of good and bad values for every
// flag (budgets that overflow, seeds out of range, depths, trace counts, output paths that
// are files, empty or not UTF-8, unknown variants, engines, invariants and bounds). Whatever
// the line, the command never throws or aborts, exits 0, 1, 2 or 3, its JSON parses and
// states the exit it gave, and a run that exits 0 checked something and says how to repeat
// it: the printed command is one `check` takes, and it passes again with the same repeat.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/testing.h"

namespace reclaim::cli {
namespace {

namespace fs = std::filesystem;

// Splits a command line as a POSIX shell would for the quoting shell_quote writes: words
// separated by spaces, '...' quoted, and '\'' for a quote inside a quoted word.
std::vector<std::string> shell_words(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false, quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '\'')
        quoted = false;
      else
        word += c;
    } else if (c == '\'') {
      quoted = in_word = true;
    } else if (c == '\\' && i + 1 < line.size()) {
      word += line[++i];
      in_word = true;
    } else if (c == ' ') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

std::string repeat_line(const std::string& out) {
  const std::size_t at = out.rfind("\nrepeat: reclaim ");
  if (at == std::string::npos) return "";
  const std::size_t start = at + std::string("\nrepeat: reclaim ").size();
  return out.substr(start, out.find('\n', start) - start);
}

RC_GTEST_PROP(CheckCommandLine, NeverAbortsAndNeverPassesWithoutACheck, ()) {
  static int cases = 0;
  const fs::path root =
      fs::temp_directory_path() /
      ("reclaim-check-prop-" + std::to_string(getpid()) + "-" + std::to_string(++cases));
  fs::remove_all(root);
  fs::create_directories(root);
  std::ofstream(root / "a-file") << "x";

  std::vector<std::string> args = {"check"};
  auto maybe = [](int percent) { return *rc::gen::inRange(0, 100) < percent; };
  // Mostly a good value, sometimes a hostile one, so that good runs come up too.
  auto pick = [&](std::vector<std::string> good, std::vector<std::string> bad) {
    return maybe(85) ? *rc::gen::elementOf(good) : *rc::gen::elementOf(bad);
  };
  if (maybe(95)) {
    args.push_back("--variant");
    args.push_back(
        pick({"ii-2021", "timelock", "candide", "vault"}, {"no-such", "", "\xff", "../nope.toml"}));
  }
  // Runs stay short: a trace count is almost always given, and small.
  const bool traces = maybe(90);
  if (traces) {
    args.push_back("--traces");
    args.push_back(pick({"1", "3", "2,1"}, {"5,0", "0", "-1", "x", "1000000001", "", "3,"}));
  }
  if (maybe(50) || !traces) {
    args.push_back("--budget");
    args.push_back(
        pick({"0", "1e-9", traces ? "5" : "0.01"}, {"1e12", "inf", "nan", "-1", "", "0x10", "1s"}));
  }
  if (maybe(50)) {
    args.push_back("--seed");
    args.push_back(
        pick({"0", "7", "18446744073709551615"}, {"18446744073709551616", "-1", "", "1.0"}));
  }
  if (maybe(30)) {
    args.push_back("--depth");
    args.push_back(pick({"1", "3"}, {"0", "1001", "-2", "abc"}));
  }
  args.push_back("--out");
  args.push_back(pick({(root / "cx").string(), (root / "\xfe\xff").string()},
                      {(root / "a-file").string(), "", (root / "a-file" / "below").string()}));
  if (maybe(20)) {
    // The random engine only: a symbolic run (alone or in `all`) takes seconds, too long for
    // hundreds of command lines; its flags are pinned case by case (cli_test.cc, SymbolicCli).
    args.push_back("--engine");
    args.push_back(pick({"random"}, {"quantum", "", "RANDOM", "Symbolic"}));
  }
  if (maybe(20)) {
    args.push_back("--invariant");
    args.push_back(pick({"RECLAIM", "AUTH"}, {"NOPE", "", "reclaim"}));
  }
  if (maybe(30)) args.push_back("--claims-only");
  if (maybe(20)) args.push_back("--first-violation");
  if (maybe(20)) {
    args.push_back("--bounds");
    args.push_back(pick({"small", "full"}, {"", "tiny", "FULL"}));
  }
  const bool json = maybe(50);
  if (json) args.push_back("--json");
  if (maybe(5)) args.push_back(*rc::gen::element<std::string>("--nope", "extra", "-x"));

  const testing::CliResult r = testing::run_cli(args);
  // A passing text run's repeat command runs again, before the scratch folder goes.
  testing::CliResult again;
  const std::string repeat = repeat_line(r.out);
  if (r.rc == 0 && !json && !repeat.empty()) again = testing::run_cli(shell_words(repeat));
  fs::remove_all(root);
  RC_ASSERT(r.rc >= 0 && r.rc <= 3);
  RC_TAG("exit " + std::to_string(r.rc));
  if (json && !r.out.empty() && r.out.front() == '{') {
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(r.out);
    } catch (const std::exception& e) {
      RC_FAIL(std::string("check --json wrote invalid JSON: ") + e.what());
    }
    RC_ASSERT(j["exit"] == r.rc);
    if (r.rc == 0) RC_ASSERT(!j["repeat"].get<std::string>().empty());
  }
  if (r.rc == 2) RC_ASSERT(!r.err.empty());  // bad input always says why
  if (r.rc != 0) return;
  if (!json) {
    RC_ASSERT(r.out.find("\nrepeat: reclaim check ") != std::string::npos);
    // Something was checked: a label that says how far, or a violation (an unclaimed
    // invariant's, an expected weakness, passes too).
    RC_ASSERT(r.out.find("tested on ") != std::string::npos ||
              r.out.find(" violated (") != std::string::npos);
    RC_ASSERT(again.rc == 0);
    RC_ASSERT(repeat_line(again.out) == repeat);
  }
}

}  // namespace
}  // namespace reclaim::cli
