// Output helpers (see output.h).
#include "cli/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

namespace reclaim::cli {

std::string json_text(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '\\') {
      out += "\\\\";
    } else if (u < 0x20 || u == 0x7f) {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

bool write_file_atomic(const std::string& path, std::string_view text, std::string* error) {
  auto fail = [&](const std::string& reason) {
    if (error) *error = path + ": " + reason;
    return false;
  };
  if (path.empty()) return fail("no file name");
  std::filesystem::path target(path);
  if (!target.has_filename()) return fail("names a folder, not a file");
  std::error_code ec;
  if (std::filesystem::is_directory(target, ec)) return fail("is a folder");
  const std::filesystem::path dir = target.parent_path().empty() ? "." : target.parent_path();
  std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  const int fd = mkstemp(name.data());
  if (fd < 0) return fail(std::string("cannot create a file in its folder: ") + strerror(errno));
  const std::string tmp(name.data());
  auto give_up = [&](const std::string& reason) {
    const int saved = errno;
    close(fd);
    std::remove(tmp.c_str());
    return fail(reason + ": " + strerror(saved));
  };
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return give_up("cannot write");
    done += static_cast<std::size_t>(n);
  }
  // mkstemp makes the file private; give it the mode a plain new file would have.
  const mode_t mask = umask(0);
  umask(mask);
  if (fchmod(fd, 0666 & ~mask) != 0) return give_up("cannot set permissions");
  if (fsync(fd) != 0) return give_up("cannot write");
  if (close(fd) != 0) {
    const int saved = errno;
    std::remove(tmp.c_str());
    return fail(std::string("cannot write: ") + strerror(saved));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    std::remove(tmp.c_str());
    return fail(std::string("cannot replace: ") + strerror(saved));
  }
  return true;
}

}  // namespace reclaim::cli
