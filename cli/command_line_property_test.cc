// A property test of the whole command line: random argument lists (subcommands, flags with
// good and hostile values, paths that exist or not) over random folders of scenario files
// (passing, failing, empty, comment-only, CR-only, malformed, naming a missing or misnamed
// variant file, FIFOs, dangling links and link loops named *.scn, links to folders, names
// that are not UTF-8 or hold control bytes), run in process. It must hold that:
//   - nothing throws or aborts, and the exit code is 0, 1 or 2;
//   - a --json report, whenever `run` writes one, is valid JSON whose "exit" is the exit code;
//   - exit 0 means something was checked (at least one variant run), nothing was reported on
//     stderr, and no entry the run was given is one that cannot be used (each such entry,
//     reachable from a given path, forces exit 2: a run never passes with less than asked).
// An unreadable folder is left out here when running as root (root reads everything); the
// run command tests cover it without root's privileges.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <sys/stat.h>
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

enum class Kind {
  kPassing,       // passes under timelock and social
  kFailing,       // an unmet expectation under timelock
  kEmpty,         // checks nothing
  kCommentOnly,   // checks nothing
  kCrOnly,        // lone CRs
  kMalformed,     // a parse error
  kMissingToml,   // lists nothere.toml
  kMisnamedToml,  // lists liar.toml, which declares another name
  kOwnToml,       // lists mine.toml (name "mine"), expectation met
  kFifo,          // a FIFO named *.scn
  kDangling,      // a dangling link named *.scn
  kLoop,          // a link loop named *.scn
  kLinkToFile,    // a link named *.scn to a passing file
  kLinkToFolder,  // a link (any name) to the subfolder: never followed inside a folder
  kText,          // a file not named *.scn: ignored inside a folder
  kUnreadable,    // a folder without permissions (only when not root)
  kCount
};

struct Entry {
  Kind kind;
  std::string name;  // file name within its folder
  bool in_sub;       // in sub/ rather than the top folder
};

std::string body(Kind k) {
  switch (k) {
    case Kind::kPassing:
    case Kind::kLinkToFile:
      return testing::passing_scenario();
    case Kind::kFailing:
      return testing::failing_scenario();
    case Kind::kEmpty:
      return "";
    case Kind::kCommentOnly:
      return "# nothing here\n\n";
    case Kind::kCrOnly:
      return "# old\rscenario x\ridentity alice\rat 0 alice colludes\r";
    case Kind::kMalformed:
      return "scenario m\nidentity alice\nat 0 alice stole alice/x\n";
    case Kind::kMissingToml:
      return "scenario missing\nvariants nothere.toml\nidentity alice\nat 0 alice colludes\n";
    case Kind::kMisnamedToml:
      return "scenario misnamed\nvariants liar.toml\nidentity alice\nat 0 alice colludes\n";
    case Kind::kOwnToml:
      return "scenario own\nvariants mine.toml\nidentity alice\ndevice alice/k passkey auth\n"
             "at 1h alice: login alice by alice/k\nexpect[mine] accepted\n";
    default:
      return "x";
  }
}

// The kinds a run fails on with exit 2 when it reaches them, given the --variant names
// (a listed variant file is only loaded when no name filter leaves it out).
bool unusable(Kind k, bool inside_folder, const std::vector<std::string>& variant_names,
              bool filtered) {
  switch (k) {
    case Kind::kEmpty:
    case Kind::kCommentOnly:
    case Kind::kCrOnly:
    case Kind::kMalformed:
    case Kind::kFifo:
    case Kind::kDangling:
    case Kind::kLoop:
    case Kind::kUnreadable:
      return true;
    case Kind::kText:
      return !inside_folder;  // given directly, it is read as a scenario
    case Kind::kMissingToml:
    case Kind::kMisnamedToml: {
      if (!filtered) return true;
      const std::string want = k == Kind::kMissingToml ? "nothere" : "liar";
      for (const std::string& v : variant_names)
        if (v == want) return true;
      return false;
    }
    default:
      return false;
  }
}

// A folder tree for one case, removed when the case ends (however it ends).
struct Tree {
  fs::path root;
  std::vector<Entry> entries;
  explicit Tree(int n) {
    root = fs::path(::testing::TempDir()) /
           ("reclaim-cli-prop-" + std::to_string(getpid()) + "-" + std::to_string(n));
    clear();
    fs::create_directories(root / "sub");
    std::ofstream(root / "sub" / "base.scn") << testing::passing_scenario("base");
    std::ofstream(root / "mine.toml") << "name = \"mine\"\n";
    std::ofstream(root / "liar.toml") << "name = \"other\"\n";
    std::ofstream(root / "sub" / "mine.toml") << "name = \"mine\"\n";
    std::ofstream(root / "sub" / "liar.toml") << "name = \"other\"\n";
  }
  ~Tree() { clear(); }
  void clear() {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_directory(ec) && !it->is_symlink(ec)) chmod(it->path().c_str(), 0755);
    fs::remove_all(root, ec);
  }
  fs::path where(const Entry& e) const { return (e.in_sub ? root / "sub" : root) / e.name; }
  void make(const Entry& e) {
    const fs::path p = where(e);
    std::error_code ec;
    switch (e.kind) {
      case Kind::kFifo:
        mkfifo(p.c_str(), 0644);
        break;
      case Kind::kDangling:
        fs::create_symlink("no-such-target", p, ec);
        break;
      case Kind::kLoop:
        fs::create_symlink(p.filename(), p, ec);
        break;
      case Kind::kLinkToFile:
        std::ofstream(p.string() + ".target") << body(e.kind);
        fs::create_symlink(p.filename().string() + ".target", p, ec);
        break;
      case Kind::kLinkToFolder:
        fs::create_symlink(root / "sub", p, ec);
        break;
      case Kind::kUnreadable:
        fs::create_directories(p);
        std::ofstream(p / "inner.scn") << body(Kind::kPassing);
        chmod(p.c_str(), 0);
        break;
      default:
        std::ofstream(p, std::ios::binary) << body(e.kind);
    }
  }
};

std::string file_name(Kind k, int i) {
  const std::string stem = *rc::gen::element<std::string>("f", "caf\xe9", "\xff\xfe", "new\nline",
                                                          "tab\tand space", "-dash", "esc\x1b[31m");
  const std::string ext = k == Kind::kText ? ".txt" : k == Kind::kLinkToFolder ? "" : ".scn";
  return stem + std::to_string(i) + ext;
}

RC_GTEST_PROP(CommandLine, NeverAbortsAndNeverPassesWithLessThanAsked, ()) {
  static int cases = 0;
  const bool root_user = geteuid() == 0;
  Tree tree(++cases);
  // Few entries, half of them usable, so that a single unusable one among good ones (the
  // case a silent skip would pass) comes up often.
  const int n_entries = *rc::gen::element(0, 1, 1, 2, 2, 3, 5);
  for (int i = 0; i < n_entries; ++i) {
    Kind k = *rc::gen::arbitrary<bool>()
                 ? *rc::gen::element(Kind::kPassing, Kind::kOwnToml, Kind::kLinkToFile,
                                     Kind::kLinkToFolder, Kind::kText)
                 : static_cast<Kind>(*rc::gen::inRange(0, static_cast<int>(Kind::kCount)));
    if (k == Kind::kUnreadable && root_user) k = Kind::kPassing;
    Entry e{k, file_name(k, i), *rc::gen::arbitrary<bool>()};
    tree.make(e);
    tree.entries.push_back(e);
  }

  // Arguments: a subcommand, then a shuffle of paths and flags, good and hostile.
  std::vector<std::string> args;
  const int sub = *rc::gen::inRange(0, 10);
  args.push_back(sub < 8 ? "run" : sub == 8 ? "variants" : "nonsense");
  struct Given {
    bool top = false, sub = false;
    std::vector<std::size_t> entries;
    bool missing = false;
  } given;
  std::vector<std::string> variant_names;
  bool variant_flag = false, json = false;
  // Mostly a path first (so that runs happen), then up to six more paths or flags.
  const int n_args = *rc::gen::element(0, 0, 1, 1, 2, 3, 6);
  for (int i = -1; i < n_args; ++i) {
    const int pick = i < 0 ? *rc::gen::element(0, 0, 1, 2, 3, 12) : *rc::gen::inRange(0, 13);
    switch (pick) {
      case 0:
        args.push_back(tree.root.string());
        given.top = true;
        break;
      case 1:
        args.push_back((tree.root / "sub").string());
        given.sub = true;
        break;
      case 2:
      case 3:
        if (!tree.entries.empty()) {
          const std::size_t k = *rc::gen::inRange<std::size_t>(0, tree.entries.size());
          args.push_back(tree.where(tree.entries[k]).string());
          given.entries.push_back(k);
        }
        break;
      case 4:
        args.push_back(
            *rc::gen::element<std::string>((tree.root / "missing.scn").string(), "", "-", "--"));
        given.missing |= args.back() != "--";  // "--" only ends the options
        break;
      case 5:
        args.push_back("--json");
        json = true;
        break;
      case 6:
        args.push_back(*rc::gen::element<std::string>("--timeline", "--crypto", "--nope", "-x"));
        break;
      case 7:
        args.push_back("--crypto");
        args.push_back(*rc::gen::element<std::string>("ideal", "real", "rsa", ""));
        break;
      case 8:
        args.push_back(*rc::gen::element<std::string>("--seed", "--seed="));
        args.push_back(*rc::gen::element<std::string>(
            "0", "7", "18446744073709551615", "18446744073709551616", "-1", "0x1", "", "1e9"));
        if (args.back().empty() && args[args.size() - 2] == "--seed=") args.pop_back();
        break;
      case 9:
      case 10: {
        const std::string v = *rc::gen::element<std::string>(
            "timelock", "social", "argent", "mine", "liar", "nothere", "no-such", "\xff",
            (tree.root / "mine.toml").string(), (tree.root / "liar.toml").string(),
            (tree.root / "absent.toml").string());
        args.push_back("--variant");
        args.push_back(v);
        variant_flag = true;
        if (v.find('/') == std::string::npos) variant_names.push_back(v);
        break;
      }
      case 11:
        break;  // fewer arguments
      default:
        args.push_back(*rc::gen::string<std::string>());
        given.missing = true;  // most likely no such file
    }
  }
  RC_TAG(args[0]);

  const testing::CliResult r = testing::run_cli(args);
  RC_ASSERT(r.rc == 0 || r.rc == 1 || r.rc == 2);

  if (args[0] == "run" && json && !r.out.empty() && r.out.front() == '{') {
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(r.out);
    } catch (const std::exception& e) {
      RC_FAIL(std::string("run --json wrote invalid JSON: ") + e.what());
    }
    RC_ASSERT(j["exit"] == r.rc);
  }
  RC_TAG("exit " + std::to_string(r.rc));
  if (r.rc != 0) return;
  RC_ASSERT(r.err.empty());
  if (args[0] != "run") return;
  RC_ASSERT(!given.missing);
  // Something was checked.
  if (json) {
    const auto j = nlohmann::json::parse(r.out);
    RC_ASSERT(j["checked"]["variant_runs"] > 0);
    RC_ASSERT(j["failed"] == 0);
  } else {
    RC_ASSERT(r.out.find(" passed, 0 failed: checked ") != std::string::npos);
    RC_ASSERT(r.out.find("\n0 passed") == std::string::npos);
  }
  // Nothing the run was given is unusable.
  const bool filtered = variant_flag;
  for (std::size_t k = 0; k < tree.entries.size(); ++k) {
    const Entry& e = tree.entries[k];
    const bool reached_in_folder = given.top || (given.sub && e.in_sub);
    const bool reached_directly =
        std::find(given.entries.begin(), given.entries.end(), k) != given.entries.end();
    if (reached_in_folder && e.kind != Kind::kLinkToFolder)
      RC_ASSERT(!unusable(e.kind, true, variant_names, filtered));
    if (reached_directly) RC_ASSERT(!unusable(e.kind, false, variant_names, filtered));
  }
}

}  // namespace
}  // namespace reclaim::cli
