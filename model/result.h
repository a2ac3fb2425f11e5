// Result<T>: a value or an Error with a location, for tools that read input (variant files,
// scenarios, CLI arguments). The model itself never fails this way: it returns Outcomes.
#ifndef RECLAIM_MODEL_RESULT_H_
#define RECLAIM_MODEL_RESULT_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace reclaim {

struct Error {
  std::string file;  // may be empty
  int line = 0;      // 1-based; 0 = no position
  int col = 0;       // 1-based; 0 = no column
  std::string message;

  // "file:line:col: message", leaving out what is unknown.
  std::string str() const {
    std::string out;
    if (!file.empty()) out += file + ":";
    if (line > 0) out += std::to_string(line) + ":";
    if (line > 0 && col > 0) out += std::to_string(col) + ":";
    if (!out.empty()) out += " ";
    return out + message;
  }
};

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}       // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}   // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const {
    assert(ok());
    return std::get<0>(v_);
  }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

}  // namespace reclaim

#endif  // RECLAIM_MODEL_RESULT_H_
