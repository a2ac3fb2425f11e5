// The `reclaim` command: one file per subcommand (variants, run, ...), each registering
// itself on the CLI11 app and leaving a handler that returns the exit code.
// Exit codes (DESIGN.md CLI contract, the same for every subcommand):
//   0  everything checked holds / every expectation met
//   1  something was checked and failed (an unmet expectation, a violated claim)
//   2  bad input: unknown option, missing or malformed file (file:line:col on stderr)
#ifndef RECLAIM_CLI_COMMAND_H_
#define RECLAIM_CLI_COMMAND_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace reclaim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitBadInput = 2;

using Handler = std::function<int()>;

void add_variants_command(CLI::App& app, Handler& handler);
void add_run_command(CLI::App& app, Handler& handler);
void add_check_command(CLI::App& app, Handler& handler);

// True when stderr is a terminal: progress lines go there only then.
bool progress_enabled();
// Writes `text` to `path` atomically (temporary file in the same folder, then rename).
bool write_file_atomic(const std::string& path, const std::string& text, std::string* error);

}  // namespace reclaim::cli

#endif  // RECLAIM_CLI_COMMAND_H_
