// Writing a file the tool produces (a counterexample, a report): atomically, so that a
// reader never sees half a file and an interrupted run never leaves one. The text goes to a
// fresh temporary file beside the target, which is flushed and then renamed over it.
#ifndef RECLAIM_TRACE_WRITE_FILE_H_
#define RECLAIM_TRACE_WRITE_FILE_H_

#include <string>

#include "model/result.h"

namespace reclaim {

// Writes `text` to `path`. An Error (naming `path`, never the temporary file, and the
// system's reason) when the folder does not exist or is not writable, `path` is a folder,
// or the disk is full; nothing is left behind then.
Result<bool> write_file_atomic(const std::string& path, const std::string& text);

// Makes `dir` (and its parents) a folder the tool can write files into: an Error when it
// is empty, names a file, or cannot be created or written.
Result<bool> prepare_output_folder(const std::string& dir);

}  // namespace reclaim

#endif  // RECLAIM_TRACE_WRITE_FILE_H_
