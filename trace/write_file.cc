// Atomic file writing (see write_file.h).
#include "trace/write_file.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

namespace reclaim {
namespace {

Error fail(const std::string& path, const std::string& why) {
  return Error{path, 0, 0, "cannot write: " + why};
}

}  // namespace

Result<bool> write_file_atomic(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  if (path.empty()) return Error{"", 0, 0, "cannot write a file with an empty name"};
  std::error_code ec;
  if (fs::is_directory(path, ec)) return fail(path, "it is a folder");
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string pattern = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = mkstemp(name.data());
  if (fd < 0) return fail(path, std::strerror(errno));
  const std::string tmp(name.data());
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return fail(path, why);
    }
    done += static_cast<std::size_t>(n);
  }
  // mkstemp makes the file private; give it the mode a plain create would (0666 & ~umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fsync(fd) != 0 || ::fchmod(fd, 0666 & ~mask) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd);
    ::unlink(tmp.c_str());
    return fail(path, why);
  }
  if (::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return fail(path, why);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return fail(path, why);
  }
  return true;
}

Result<bool> prepare_output_folder(const std::string& dir) {
  namespace fs = std::filesystem;
  if (dir.empty()) return Error{"", 0, 0, "the output folder name is empty"};
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    return Error{dir, 0, 0, "cannot use as an output folder: it is not a folder"};
  fs::create_directories(dir, ec);
  if (ec) return Error{dir, 0, 0, "cannot create the output folder: " + ec.message()};
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    return Error{dir, 0, 0, "cannot write into the output folder: " + std::string(std::strerror(errno))};
  return true;
}

}  // namespace reclaim
