// The `reclaim` command: one file per subcommand (variants, invariants, run, check), each
// registering itself on the CLI11 app and leaving a handler that returns the exit code.
// Exit codes, the same for every subcommand:
//   0  something was checked, and everything checked holds / every expectation met
//   1  something was checked and failed (an unmet expectation, a violated claim), or an
//      engine failed (a counterexample that does not replay)
//   2  bad input: unknown option, bad flag value, missing or malformed file (file:line:col
//      on stderr); or nothing could be checked (a file or folder that cannot be read, no
//      scenario to run); or the report could not be written
//   3  incomplete: a search was cut short before it checked what it was asked to (the time
//      budget ran out before the asked traces); no verdict is given
// Every run says what it checked; exit 0 is never given for a run that checked nothing.
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
void add_graph_command(CLI::App& app, Handler& handler);
// The audit report and the comparison of two variants (reports/): `command_line` is the
// command as typed, recorded in the report's provenance.
void add_audit_command(CLI::App& app, Handler& handler, const std::string& command_line);
void add_compare_command(CLI::App& app, Handler& handler, const std::string& command_line);

// Parses the command line, runs the subcommand and returns its exit code. Output goes to
// std::cout and std::cerr. Every bad input is a message and exit 2; a report that cannot be
// written to std::cout is exit 2 too. Callable more than once in a process (tests do).
int run_reclaim(int argc, const char* const* argv);

// True when stderr is a terminal and progress was not disabled: progress lines go there only
// then.
bool progress_enabled();
// For in-process callers that capture std::cerr (tests): no progress lines at all.
void disable_progress();

}  // namespace reclaim::cli

#endif  // RECLAIM_CLI_COMMAND_H_
