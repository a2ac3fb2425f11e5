// A main() for building any fuzz target as a plain program (g++, no libFuzzer): it calls
// LLVMFuzzerInitialize when the target defines it, then LLVMFuzzerTestOneInput once per file
// of the folders or files given on the command line, in sorted order. `make test` runs every
// seed corpus and regression folder this way, so CI exercises the targets without clang.
// A target's crash or abort ends the process with that signal, exactly as under libFuzzer;
// a folder that does not exist counts as empty (a target may have no regressions yet).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

// Per file: at most this many bytes are read (libFuzzer's default -max_len is lower).
constexpr std::size_t kMaxFile = std::size_t{1} << 20;

bool run_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", p.c_str());
    return false;
  }
  std::vector<char> buf;
  char chunk[4096];
  while (buf.size() < kMaxFile && in.read(chunk, sizeof chunk).gcount() > 0)
    buf.insert(buf.end(), chunk, chunk + in.gcount());
  if (buf.size() > kMaxFile) buf.resize(kMaxFile);
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(buf.data()), buf.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.starts_with("-")) continue;  // libFuzzer flags are accepted and ignored
    std::error_code ec;
    const std::filesystem::path p(arg);
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> in_dir;
      for (const auto& e : std::filesystem::recursive_directory_iterator(p, ec))
        if (e.is_regular_file()) in_dir.push_back(e.path());
      std::sort(in_dir.begin(), in_dir.end());
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else if (std::filesystem::exists(p, ec)) {
      files.push_back(p);
    }
  }
  std::size_t ran = 0, failed = 0;
  for (const auto& f : files) {
    std::fprintf(stderr, "replay: %s\n", f.c_str());
    if (run_file(f)) {
      ++ran;
    } else {
      ++failed;
    }
  }
  std::printf("replay: %zu inputs ran, %zu unreadable\n", ran, failed);
  return failed == 0 ? 0 : 1;
}
