// BoundedVec: a fixed-capacity vector with inline storage. The model bounds every
// collection (TigerBeetle style): State copies are a memcpy of the used prefix, never an
// allocation, and "full" is an ordinary condition the rules reject on, never a crash.
#ifndef RECLAIM_MODEL_BOUNDED_VEC_H_
#define RECLAIM_MODEL_BOUNDED_VEC_H_

#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <vector>

namespace reclaim {

template <typename T, std::size_t N>
class BoundedVec {
  // Slots are never destroyed, so elements must not own resources.
  static_assert(std::is_trivially_destructible_v<T>, "BoundedVec holds plain values");

 public:
  static constexpr std::size_t kCapacity = N;

  // Copies never throw (plain values), so containers of BoundedVec-holding types (a run's
  // recorded steps) move instead of copying when they grow.
  BoundedVec() noexcept {}
  BoundedVec(const BoundedVec& other) noexcept : size_(other.size_) { copy_from(other); }
  BoundedVec& operator=(const BoundedVec& other) noexcept {
    if (this != &other) {
      size_ = other.size_;
      copy_from(other);
    }
    return *this;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  bool full() const { return size_ == N; }
  static constexpr std::size_t capacity() { return N; }

  // Contract: !full(). Callers check full() first and reject with a rule id.
  T& push_back(const T& value) {
    assert(size_ < N);
    T* slot = new (&s_.items[size_]) T(value);
    ++size_;
    return *slot;
  }
  void erase_at(std::size_t index) {
    assert(index < size_);
    for (std::size_t i = index; i + 1 < size_; ++i) s_.items[i] = s_.items[i + 1];
    --size_;
  }
  void clear() { size_ = 0; }

  T& operator[](std::size_t i) {
    assert(i < size_);
    return s_.items[i];
  }
  const T& operator[](std::size_t i) const {
    assert(i < size_);
    return s_.items[i];
  }
  T* begin() { return s_.items; }
  T* end() { return s_.items + size_; }
  const T* begin() const { return s_.items; }
  const T* end() const { return s_.items + size_; }

  template <typename Pred>
  T* find_if(Pred pred) {
    for (auto& item : *this)
      if (pred(item)) return &item;
    return nullptr;
  }
  template <typename Pred>
  const T* find_if(Pred pred) const {
    for (const auto& item : *this)
      if (pred(item)) return &item;
    return nullptr;
  }
  template <typename Pred>
  std::size_t erase_if(Pred pred) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < size_; ++i)
      if (!pred(s_.items[i])) s_.items[kept++] = s_.items[i];
    std::size_t removed = size_ - kept;
    size_ = static_cast<uint32_t>(kept);
    return removed;
  }

  friend bool operator==(const BoundedVec& a, const BoundedVec& b) {
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i)
      if (!(a.s_.items[i] == b.s_.items[i])) return false;
    return true;
  }

 private:
  void copy_from(const BoundedVec& other) noexcept {
    for (std::size_t i = 0; i < size_; ++i) new (&s_.items[i]) T(other.s_.items[i]);
  }
  // Only the first size_ slots are ever read; the rest stay uninitialized so that a
  // copy costs the used prefix only.
  union Storage {
    Storage() {}
    T items[N];
  };
  uint32_t size_ = 0;
  Storage s_;
};

// HeapBoundedVec: the same interface and bound, with the elements on the heap. For large
// elements of which few are used (a State's identities): a copy touches only the used
// elements, and the object itself stays small, so recorded runs do not carry kilobytes of
// unused capacity per step.
template <typename T, std::size_t N>
class HeapBoundedVec {
 public:
  static constexpr std::size_t kCapacity = N;

  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  bool full() const { return items_.size() == N; }
  static constexpr std::size_t capacity() { return N; }

  // Contract: !full().
  T& push_back(const T& value) {
    assert(items_.size() < N);
    items_.push_back(value);
    return items_.back();
  }
  void erase_at(std::size_t index) {
    assert(index < items_.size());
    items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(index));
  }
  void clear() { items_.clear(); }

  T& operator[](std::size_t i) {
    assert(i < items_.size());
    return items_[i];
  }
  const T& operator[](std::size_t i) const {
    assert(i < items_.size());
    return items_[i];
  }
  T* begin() { return items_.data(); }
  T* end() { return items_.data() + items_.size(); }
  const T* begin() const { return items_.data(); }
  const T* end() const { return items_.data() + items_.size(); }

  template <typename Pred>
  T* find_if(Pred pred) {
    for (auto& item : items_)
      if (pred(item)) return &item;
    return nullptr;
  }
  template <typename Pred>
  const T* find_if(Pred pred) const {
    for (const auto& item : items_)
      if (pred(item)) return &item;
    return nullptr;
  }
  template <typename Pred>
  std::size_t erase_if(Pred pred) {
    return std::erase_if(items_, pred);
  }

  friend bool operator==(const HeapBoundedVec& a, const HeapBoundedVec& b) {
    return a.items_ == b.items_;
  }

 private:
  std::vector<T> items_;
};

}  // namespace reclaim

#endif  // RECLAIM_MODEL_BOUNDED_VEC_H_
