// The `reclaim` command line (see command.h): the subcommands, parsing, and the checks every
// run ends with (its output was written).
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "cli/output.h"

namespace reclaim::cli {
namespace {

bool progress_allowed = true;

}  // namespace

bool progress_enabled() { return progress_allowed && isatty(fileno(stderr)) != 0; }

void disable_progress() { progress_allowed = false; }

int run_reclaim(int argc, const char* const* argv) {
  CLI::App app{
      "reclaim: a formal simulation and fuzzing harness for identity-and-recovery protocols.\n"
      "Exit codes: 0 all held/met, 1 something failed, 2 bad input or nothing to check,\n"
      "3 a search cut short before it checked what it was asked."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "reclaim 0.1");
  Handler handler;
  add_variants_command(app, handler);
  add_run_command(app, handler);
  add_check_command(app, handler);
  add_invariants_command(app, handler);
  add_graph_command(app, handler);
  std::string command_line = "reclaim";
  for (int i = 1; i < argc; ++i) command_line += " " + shell_quote(argv[i]);
  add_audit_command(app, handler, command_line);
  add_compare_command(app, handler, command_line);
  int rc = kExitBadInput;
  try {
    app.parse(argc, argv);
    rc = handler ? handler() : kExitBadInput;
  } catch (const CLI::ParseError& e) {
    rc = app.exit(e) == 0 ? kExitOk : kExitBadInput;  // --help and --version exit 0
  }
  // A report that did not reach its reader is no report: a full disk or a closed pipe on
  // stdout fails the run, whatever it found.
  std::cout.flush();
  if (!std::cout) {
    std::cout.clear();
    std::cerr << "reclaim: cannot write the report to standard output\n";
    rc = kExitBadInput;
  }
  return rc;
}

}  // namespace reclaim::cli
