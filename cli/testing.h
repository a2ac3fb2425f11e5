// Test support for cli/: runs the `reclaim` command line in process with its output captured,
// builds folders of scenario files (including hostile entries: FIFOs, dangling links, link
// loops, names that are not UTF-8), and runs a check without root's privileges, so that an
// unreadable folder is unreadable even when the tests run as root.
#ifndef RECLAIM_CLI_TESTING_H_
#define RECLAIM_CLI_TESTING_H_

#include <grp.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"

namespace reclaim::cli::testing {

struct CliResult {
  int rc = -1;
  std::string out;
  std::string err;
};

// `reclaim ARGS...` in process; std::cout and std::cerr are captured and restored.
inline CliResult run_cli(const std::vector<std::string>& args) {
  disable_progress();
  std::vector<const char*> argv = {"reclaim"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
  std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
  CliResult r;
  try {
    r.rc = run_reclaim(static_cast<int>(argv.size()), argv.data());
  } catch (...) {
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    throw;
  }
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// A scenario that passes under every built-in variant it lists.
inline std::string passing_scenario(const std::string& name = "ok") {
  return "scenario " + name +
         "\n"
         "variants timelock social\n"
         "identity alice\n"
         "device alice/k passkey auth\n"
         "at 1h alice: login alice by alice/k\n"
         "expect accepted\n";
}

// A scenario with one false expectation (exit 1 material).
inline std::string failing_scenario() {
  return "scenario bad-expectation\n"
         "variants timelock\n"
         "identity alice\n"
         "device alice/k passkey auth\n"
         "at 1h alice: login alice by alice/k\n"
         "expect rejected\n";
}

// A fresh folder per test, removed afterwards (permissions restored first).
class TempFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("reclaim-cli-" + std::to_string(getpid()) + "-" + info->name());
    remove();
    std::filesystem::create_directories(dir_);
    chmod(dir_.c_str(), 0755);  // searchable by the unprivileged child of as_unprivileged
  }
  void TearDown() override { remove(); }

  std::string path(const std::string& rel) const { return (dir_ / rel).string(); }
  std::string write(const std::string& rel, const std::string& text) {
    std::filesystem::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary) << text;
    return path(rel);
  }
  std::string folder(const std::string& rel) {
    std::filesystem::create_directories(dir_ / rel);
    return path(rel);
  }
  std::string link(const std::string& rel, const std::string& target) {
    std::filesystem::create_directories((dir_ / rel).parent_path());
    std::filesystem::create_symlink(target, dir_ / rel);
    return path(rel);
  }
  std::string fifo(const std::string& rel) {
    std::filesystem::create_directories((dir_ / rel).parent_path());
    EXPECT_EQ(mkfifo((dir_ / rel).c_str(), 0644), 0);
    return path(rel);
  }

  std::filesystem::path dir_;

 private:
  void remove() {
    std::error_code ec;
    if (!std::filesystem::exists(dir_, ec)) return;
    for (auto it = std::filesystem::recursive_directory_iterator(dir_, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
      if (it->is_directory(ec) && !it->is_symlink(ec)) chmod(it->path().c_str(), 0755);
    std::filesystem::remove_all(dir_, ec);
  }
};

// Runs `check` as user nobody when this process is root (in a child process), else in this
// process; true when `check` returned true. Root reads any folder, so an unreadable folder
// can only be tested without root's privileges. `check` reports its own failures on stderr.
inline bool as_unprivileged(const std::function<bool()>& check) {
  if (geteuid() != 0) return check();
  std::cout.flush();
  std::cerr.flush();
  const pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    const bool dropped = setgroups(0, nullptr) == 0 && setgid(65534) == 0 && setuid(65534) == 0;
    _exit(dropped && check() ? 0 : 1);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace reclaim::cli::testing

#endif  // RECLAIM_CLI_TESTING_H_
