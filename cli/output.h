// What the subcommands write, made safe for any input: file names and other text that may
// hold control bytes or invalid UTF-8 (a file name is any bytes but '/' and NUL) never
// abort a report, never break a JSON document and never forge lines of a text report. Files
// are written by trace/write_file.h.
#ifndef RECLAIM_CLI_OUTPUT_H_
#define RECLAIM_CLI_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace reclaim::cli {

// `j` as indented JSON text ending in a newline. Every JSON report goes through here: a
// string that is not valid UTF-8 has each invalid byte replaced by U+FFFD (nlohmann::json
// would otherwise throw), so that any file name can appear in a report. Never throws on
// content.
std::string json_text(const nlohmann::ordered_json& j);

// `text` for a line of a text report: control bytes (below 0x20, and 0x7f) are written as
// \xNN and a backslash as \\, so that a file name cannot end the line it is printed on or
// send terminal escapes. Other bytes pass unchanged.
std::string printable(std::string_view text);

// `s` as one shell word: as it is when it holds only [A-Za-z0-9_./=,+:-], else single-quoted
// (for the command lines a run prints so that it can be repeated).
std::string shell_quote(const std::string& s);

}  // namespace reclaim::cli

#endif  // RECLAIM_CLI_OUTPUT_H_
