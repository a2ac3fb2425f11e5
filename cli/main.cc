// reclaim: replay attack scenarios, list variants and check their claims.
// Each subcommand lives in its own file (cli/*_cmd.cc); see command.h for exit codes.
#include <cstdio>
#include <fstream>
#include <unistd.h>

#include "cli/command.h"

namespace reclaim::cli {

bool progress_enabled() { return isatty(fileno(stderr)) != 0; }

bool write_file_atomic(const std::string& path, const std::string& text, std::string* error) {
  const std::string tmp = path + ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      if (error) *error = "cannot write " + tmp;
      return false;
    }
    out << text;
    out.flush();
    if (!out) {
      if (error) *error = "cannot write " + tmp;
      std::remove(tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    if (error) *error = "cannot rename " + tmp + " to " + path;
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace reclaim::cli

int main(int argc, char** argv) {
  using namespace reclaim::cli;
  CLI::App app{
      "reclaim: a formal simulation and fuzzing harness for identity-and-recovery protocols.\n"
      "Exit codes: 0 all held/met, 1 something failed, 2 bad input."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "reclaim 0.1");
  Handler handler;
  add_variants_command(app, handler);
  add_run_command(app, handler);
  add_check_command(app, handler);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitBadInput;
  }
  return handler ? handler() : kExitBadInput;
}
