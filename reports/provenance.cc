// Provenance of a report (see provenance.h).
#include "reports/provenance.h"

#include <sodium.h>
#include <z3.h>

#include <array>
#include <boost/version.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <toml++/impl/version.h>


namespace reclaim::reports {

std::string source_dir() { return RECLAIM_REPORTS_SOURCE_DIR; }

namespace {

// The output of `git -C SOURCE ARGS`, or nothing when git fails or prints something that is
// not one plain line.
bool git_line(const std::string& args, std::string& out) {
  const std::string cmd = "git -C '" + source_dir() + "' " + args + " 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return false;
  std::array<char, 256> buf{};
  out.clear();
  while (std::fgets(buf.data(), static_cast<int>(buf.size()), pipe) != nullptr) out += buf.data();
  const int rc = pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return rc == 0;
}

}  // namespace

// The commit, "-dirty" when a tracked file differs from it. The audit's own output folders
// (reports/reference, reports/latest) do not count: regenerating the reference empties it
// first, and the report it writes is not an input of the report.
std::string source_commit() {
  std::string commit, changes;
  if (!git_line("rev-parse --short HEAD", commit) || commit.empty() ||
      commit.find_first_of("\n'\"") != std::string::npos)
    return "unknown";
  if (!git_line("status --porcelain --untracked-files=no -- . ':(exclude)reports/reference' "
                "':(exclude)reports/latest'",
                changes))
    return "unknown";
  return changes.empty() ? commit : commit + "-dirty";
}

nlohmann::ordered_json library_versions() {
  unsigned major = 0, minor = 0, build = 0, revision = 0;
  Z3_get_version(&major, &minor, &build, &revision);
  const std::string z3 =
      std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(build);
  const std::string boost = std::to_string(BOOST_VERSION / 100000) + "." +
                            std::to_string(BOOST_VERSION / 100 % 1000) + "." +
                            std::to_string(BOOST_VERSION % 100);
  return {{"compiler", std::string("g++ ") + __VERSION__},
          {"z3", z3},
          {"boost", boost},
          {"libsodium", sodium_version_string()},
          {"nlohmann_json", std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." +
                                std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
                                std::to_string(NLOHMANN_JSON_VERSION_PATCH)},
          {"tomlplusplus", std::to_string(TOML_LIB_MAJOR) + "." + std::to_string(TOML_LIB_MINOR) +
                               "." + std::to_string(TOML_LIB_PATCH)}};
}

}  // namespace reclaim::reports
