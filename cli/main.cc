// reclaim: replay attack scenarios, list variants and check their claims. The command line
// is handled by run_reclaim (cli/app.cc); this file only guarantees that nothing escapes it.
#include <exception>
#include <iostream>

#include "cli/command.h"

int main(int argc, char** argv) {
  // run_reclaim reports every input problem itself; an exception here is a defect of
  // reclaim, reported as such and never as an abort or a success.
  try {
    return reclaim::cli::run_reclaim(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "reclaim: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "reclaim: internal error\n";
  }
  return reclaim::cli::kExitBadInput;
}
