// Test support for reports/: a fresh scratch folder per test, and the small audit options
// the tests share (every built-in variant, few traces, low depths: about a minute).
#ifndef RECLAIM_REPORTS_TEST_SUPPORT_H_
#define RECLAIM_REPORTS_TEST_SUPPORT_H_

#include <unistd.h>

#include <filesystem>
#include <string>

#include "reports/audit.h"

namespace reclaim::reports {

inline std::filesystem::path scratch_folder(const std::string& name) {
  const std::filesystem::path p = std::filesystem::temp_directory_path() /
                                  ("reclaim-reports-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

inline AuditOptions small_options(const std::string& out) {
  AuditOptions o;
  o.traces = 20;
  o.symbolic_depth = 1;
  o.exhaustive_depth = 2;
  o.margin_depth = 2;
  o.out_dir = out;
  return o;
}

}  // namespace reclaim::reports

#endif  // RECLAIM_REPORTS_TEST_SUPPORT_H_
