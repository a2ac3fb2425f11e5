// reclaim: replay attack scenarios, list variants and invariants, check variants' claims.
// Each subcommand lives in its own file (cli/*_cmd.cc); see command.h for exit codes.
#include <unistd.h>

#include <cstdio>

#include "cli/command.h"

namespace reclaim::cli {

bool progress_enabled() { return isatty(fileno(stderr)) != 0; }

std::string json_text(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string shell_quote(const std::string& s) {
  const bool plain = !s.empty() && s.find_first_not_of(
                                       "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                       "0123456789_./=,+:-") == std::string::npos;
  if (plain) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace reclaim::cli

int main(int argc, char** argv) {
  using namespace reclaim::cli;
  CLI::App app{
      "reclaim: a formal simulation and fuzzing harness for identity-and-recovery protocols.\n"
      "Exit codes: 0 all held/met, 1 something failed, 2 bad input, 3 incomplete (checked\n"
      "less than asked)."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "reclaim 0.1");
  Handler handler;
  add_variants_command(app, handler);
  add_run_command(app, handler);
  add_check_command(app, handler);
  add_invariants_command(app, handler);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitBadInput;
  }
  return handler ? handler() : kExitBadInput;
}
