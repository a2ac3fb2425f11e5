// The .scn files a `reclaim run` is asked to replay: the files it is given, and every *.scn
// file in the folders it is given, searched recursively. Nothing is skipped without a word:
// whatever stops a file or folder from being read is an error naming it, and the search goes
// on with the rest, so that one bad entry neither hides the others nor passes unnoticed.
#ifndef RECLAIM_CLI_SCENARIO_FILES_H_
#define RECLAIM_CLI_SCENARIO_FILES_H_

#include <cstddef>
#include <string>
#include <vector>

namespace reclaim::cli {

inline constexpr std::size_t kMaxScenarioFiles = 100000;  // per run
inline constexpr int kMaxFolderDepth = 64;                // folders below a given folder

struct ScenarioFiles {
  std::vector<std::string> files;   // to replay: the given paths in order, each folder's
                                    // files sorted by path (never file system order)
  std::vector<std::string> errors;  // "PATH: reason", one per entry that could not be used
};

// Finds the files. Rules, each violation an error naming the path:
//   - a given path must exist (a dangling symbolic link and a symbolic link loop are named
//     as such) and be a regular file or a folder;
//   - a given folder must hold at least one .scn file (an empty folder checks nothing);
//   - every folder below it must be readable (the rest of the tree is still searched);
//   - an entry named *.scn must be, or link to, a regular file (not a FIFO, socket, device,
//     dangling link or link loop); an entry not named *.scn is ignored;
//   - symbolic links to folders are not followed (so the search always ends), nesting stops
//     at kMaxFolderDepth and the count at kMaxScenarioFiles.
// Never throws (std::bad_alloc aside).
ScenarioFiles find_scenario_files(const std::vector<std::string>& paths);

}  // namespace reclaim::cli

#endif  // RECLAIM_CLI_SCENARIO_FILES_H_
