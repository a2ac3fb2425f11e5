// The `reclaim` command: one file per subcommand (variants, invariants, run, check), each
// registering itself on the CLI11 app and leaving a handler that returns the exit code.
// Exit codes, the same for every subcommand:
//   0  everything checked holds / every expectation met
//   1  something was checked and failed (an unmet expectation, a violated claim), or an
//      engine failed (a counterexample that does not replay)
//   2  bad input: unknown option, bad value, missing or malformed file (file:line:col on
//      stderr)
//   3  incomplete: the run checked less than it was asked to, or nothing; no verdict
#ifndef RECLAIM_CLI_COMMAND_H_
#define RECLAIM_CLI_COMMAND_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace reclaim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitIncomplete = 3;

using Handler = std::function<int()>;

void add_variants_command(CLI::App& app, Handler& handler);
void add_run_command(CLI::App& app, Handler& handler);
void add_check_command(CLI::App& app, Handler& handler);
void add_invariants_command(CLI::App& app, Handler& handler);

// True when stderr is a terminal: progress lines go there only then.
bool progress_enabled();
// JSON text for stdout: 2-space indented; bytes that are not UTF-8 (a file name can hold
// any) are replaced, never a reason to abort.
std::string json_text(const nlohmann::ordered_json& j);
// `s` as one shell word (single-quoted when it holds anything but [A-Za-z0-9_./=,+:-]).
std::string shell_quote(const std::string& s);

}  // namespace reclaim::cli

#endif  // RECLAIM_CLI_COMMAND_H_
