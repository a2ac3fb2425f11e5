// Finding the .scn files of a run (see scenario_files.h). std::filesystem is used only through
// its error_code overloads: its throwing ones once let a symbolic link loop abort the program.
#include "cli/scenario_files.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <system_error>
#include <utility>

namespace reclaim::cli {
namespace {

namespace fs = std::filesystem;

std::string kind_name(fs::file_type t) {
  switch (t) {
    case fs::file_type::directory:
      return "a folder";
    case fs::file_type::fifo:
      return "a FIFO";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::character:
      return "a character device";
    default:
      return "not a regular file";
  }
}

// Why `p` cannot be followed to a file, given that status(p) failed with `ec`.
std::string unreachable(const fs::path& p, const std::error_code& ec) {
  std::error_code lec;
  const fs::file_status link = fs::symlink_status(p, lec);
  if (!lec && fs::is_symlink(link)) {
    if (ec == std::errc::too_many_symbolic_link_levels)
      return "a symbolic link loop (too many levels of symbolic links)";
    if (ec == std::errc::no_such_file_or_directory)
      return "a dangling symbolic link (its target does not exist)";
    return "a symbolic link that cannot be followed: " + ec.message();
  }
  if (ec == std::errc::no_such_file_or_directory) return "no such file or folder";
  return ec.message();
}

class Finder {
 public:
  void given(const std::string& p) {
    if (truncated_) return;
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      if (!ec) ec = std::make_error_code(std::errc::no_such_file_or_directory);
      error(p, unreachable(p, ec));
    } else if (fs::is_directory(st)) {
      folder(p);
    } else if (fs::is_regular_file(st)) {
      add(p);
    } else {
      error(p, kind_name(st.type()) + ", not a scenario file");
    }
  }

  ScenarioFiles finish() {
    if (truncated_)
      out_.errors.push_back("more than " + std::to_string(kMaxScenarioFiles) +
                            " scenario files: the rest were not searched");
    return std::move(out_);
  }

 private:
  void error(const std::string& p, const std::string& why) {
    out_.errors.push_back(p + ": " + why);
  }

  // False once the count would pass kMaxScenarioFiles.
  bool add(std::string p) {
    if (out_.files.size() >= kMaxScenarioFiles) {
      truncated_ = true;
      return false;
    }
    out_.files.push_back(std::move(p));
    return true;
  }

  // One entry of a folder: a folder to search later, a file found, an error or nothing.
  void entry(const fs::directory_entry& de, int depth, std::vector<std::pair<fs::path, int>>& todo,
             std::vector<std::string>& found) {
    const fs::path& e = de.path();
    std::error_code ec;
    const fs::file_status link = de.symlink_status(ec);
    if (ec) return error(e.string(), ec.message());
    if (fs::is_directory(link)) {
      if (depth >= kMaxFolderDepth)
        return error(e.string(), "folders nested deeper than " + std::to_string(kMaxFolderDepth) +
                                     " levels are not searched");
      todo.emplace_back(e, depth + 1);
      return;
    }
    if (e.extension() != ".scn") return;
    fs::file_status st = link;
    if (fs::is_symlink(link)) {
      st = fs::status(e, ec);
      if (ec) return error(e.string(), unreachable(e, ec));
    }
    if (!fs::is_regular_file(st))
      return error(e.string(), kind_name(st.type()) + ", not a scenario file");
    found.push_back(e.string());
  }

  // Every .scn file under `root`, sorted; an explicit stack rather than recursion.
  void folder(const std::string& root) {
    const std::size_t errors_before = out_.errors.size();
    std::vector<std::string> found;
    std::vector<std::pair<fs::path, int>> todo = {{fs::path(root), 0}};
    while (!todo.empty() && found.size() <= kMaxScenarioFiles) {
      const auto [dir, depth] = std::move(todo.back());
      todo.pop_back();
      std::error_code ec;
      fs::directory_iterator it(dir, ec);
      while (!ec && it != fs::directory_iterator() && found.size() <= kMaxScenarioFiles) {
        entry(*it, depth, todo, found);
        it.increment(ec);
      }
      if (ec) error(dir.string(), "cannot read folder: " + ec.message());
    }
    std::sort(found.begin(), found.end());
    for (std::string& f : found)
      if (!add(std::move(f))) break;
    if (found.empty() && out_.errors.size() == errors_before)
      error(root, "no .scn file in this folder");
  }

  ScenarioFiles out_;
  bool truncated_ = false;
};

}  // namespace

ScenarioFiles find_scenario_files(const std::vector<std::string>& paths) {
  Finder f;
  for (const std::string& p : paths) f.given(p);
  return f.finish();
}

}  // namespace reclaim::cli
