// Where a report came from: the commit of the source tree (`git describe --always --dirty`,
// or "unknown" when there is no git or no repository: never a failure), the tool's version,
// the compiler and the versions of the libraries linked into the engines (Z3, Boost,
// libsodium, nlohmann-json, toml++). Nothing here reads a clock.
#ifndef RECLAIM_REPORTS_PROVENANCE_H_
#define RECLAIM_REPORTS_PROVENANCE_H_

#include <nlohmann/json.hpp>
#include <string>

namespace reclaim::reports {

inline constexpr const char* kToolVersion = "reclaim 0.1";

// The source tree this build came from (a compile definition).
std::string source_dir();

// `git describe --always --dirty` in source_dir(), or "unknown".
std::string source_commit();

// {"compiler": ..., "z3": ..., "boost": ..., "libsodium": ..., "nlohmann_json": ...,
//  "tomlplusplus": ...}
nlohmann::ordered_json library_versions();

}  // namespace reclaim::reports

#endif  // RECLAIM_REPORTS_PROVENANCE_H_
