// The exhaustive engine (see explore.h).
#include "graph/explore.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "model/codec.h"
#include "model/crypto.h"
#include "model/step.h"
#include "properties/monitor.h"
#include "trace/write.h"

namespace reclaim::graph {
namespace {

using Clock = std::chrono::steady_clock;

// Fresh device names at most: a World names at most kMaxWorldDevices devices in a run.
constexpr std::size_t kMaxFreshNames = 32;

// The states seen: open addressing over 64-bit keys (0 marks a free slot; a key of 0 is
// stored as 1), with the depth each was reached at. 9 bytes a slot, at most half full.
class StateTable {
 public:
  StateTable() { reset(); }
  void reset() {
    if (keys_.size() == 1024 && size_ == 0) return;
    keys_.assign(1024, 0);
    depth_.assign(1024, 0);
    size_ = 0;
  }
  // True when `key` is new, or was reached before only at a greater depth (then its depth
  // becomes `depth`): the state must be expanded from here.
  bool visit(uint64_t key, int depth) {
    if (key == 0) key = 1;
    if ((size_ + 1) * 2 > keys_.size()) grow();
    const std::size_t mask = keys_.size() - 1;
    for (std::size_t i = mix_word(0, key) & mask;; i = (i + 1) & mask) {
      if (keys_[i] == key) {
        if (depth_[i] <= depth) return false;
        depth_[i] = static_cast<uint8_t>(depth);
        return true;
      }
      if (keys_[i] == 0) {
        keys_[i] = key;
        depth_[i] = static_cast<uint8_t>(depth);
        ++size_;
        return true;
      }
    }
  }
  long size() const { return static_cast<long>(size_); }
  std::size_t bytes() const { return keys_.size() * (sizeof(uint64_t) + sizeof(uint8_t)); }

 private:
  void grow() {
    std::vector<uint64_t> keys(keys_.size() * 2, 0);
    std::vector<uint8_t> depth(keys.size(), 0);
    const std::size_t mask = keys.size() - 1;
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      if (keys_[k] == 0) continue;
      std::size_t i = mix_word(0, keys_[k]) & mask;
      while (keys[i] != 0) i = (i + 1) & mask;
      keys[i] = keys_[k];
      depth[i] = depth_[k];
    }
    keys_.swap(keys);
    depth_.swap(depth);
  }
  std::vector<uint64_t> keys_;
  std::vector<uint8_t> depth_;
  std::size_t size_ = 0;
};

// One live state of the path being explored.
struct Frame {
  World world;
  Interpreter interpreter;
  Monitor monitor;
  std::vector<ReplayLine> replay;  // effective request lines of the path, fresh ones only
  std::vector<Statement> menu;     // filled when the state is expanded
  std::size_t next = 0;            // the next menu entry to try
  std::size_t via = 0;             // the parent's menu entry that led here (not at a root)

  // Copies everything but the menu (which the state builds when expanded).
  void assign(const Frame& parent) {
    world = parent.world;
    interpreter = parent.interpreter;
    monitor = parent.monitor;
    replay = parent.replay;
    menu.clear();
    next = 0;
  }
};

class Explorer {
 public:
  Explorer(const Policy& policy, const IdentitySetup& setup, const Scope& scope,
           const std::vector<std::string>& invariants, const std::vector<Goal>& goals,
           const Bounds& bounds, const std::function<void(const ExploreProgress&)>& progress)
      : policy_(policy),
        setup_(setup),
        scope_(scope),
        goals_(goals),
        bounds_(bounds),
        progress_(progress),
        open_(invariants) {}

  ExploreReport run() {
    start_ = Clock::now();
    preludes_ = scope_.preludes;
    if (preludes_.empty()) preludes_.push_back({});
    menu_scope_ = scope_.menu;
    // One fresh name per action at least, so that a deep search never runs out of them,
    // within what a World can name.
    const std::size_t fresh = std::min<std::size_t>(
        kMaxFreshNames,
        std::max(scope_.fresh_names, static_cast<std::size_t>(std::max(0, bounds_.max_depth))));
    menu_scope_.fresh = fresh_device_names(setup_, fresh);
    frames_.reserve(static_cast<std::size_t>(std::max(0, bounds_.max_depth)) + 2);
    long previous = -1;
    for (int k = 0; k <= bounds_.max_depth; ++k) {
      if (!search(k)) break;  // an error, or stopped by a bound: depth k incomplete
      if (cut_short_) {       // everything was found before depth k was explored through
        report_.stopped_found_all = true;
        break;
      }
      report_.depth = k;
      report_.states = table_.size();
      report_.states_by_depth.push_back(table_.size());
      if (done()) {
        report_.stopped_found_all = true;
        break;
      }
      if (table_.size() == previous) {
        report_.complete = true;
        break;
      }
      previous = table_.size();
    }
    note_table();
    report_.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    return std::move(report_);
  }

 private:
  bool recorded(const std::string& id) const {
    return std::find(recorded_.begin(), recorded_.end(), id) != recorded_.end();
  }

  // Nothing left to look for (and something was looked for).
  bool done() const {
    if (open_.empty() && goals_.empty()) return false;
    for (const std::string& id : open_)
      if (!recorded(id)) return false;
    return report_.goals.size() == goals_.size();
  }

  // Applies `st` to `f` through the interpreter and feeds the monitor. False (with
  // last_error_) when the interpreter refuses it.
  bool apply(Frame& f, const Statement& st) {
    Result<std::size_t> own = f.interpreter.step(f.world, st);
    if (!own) {
      last_error_ = own.error().message;
      return false;
    }
    if (st.kind == StmtKind::kRequest && *own != kNoStep && *own < f.world.steps().size()) {
      const Step& s = f.world.steps()[*own];
      if (s.verdict != Verdict::kRejected) {
        ReplayLine line;
        line.number = static_cast<uint32_t>(f.interpreter.request_lines().size());
        line.time = s.request.time;
        line.digest = digest(encode(s.request).view());
        f.replay.push_back(line);
      }
    }
    if (!open_.empty()) f.monitor.catch_up(f.world);
    f.world.forget_steps();
    // Lines gone stale can never be replayed again (R-REQ-2): they leave the state.
    const Time now = f.world.now();
    std::erase_if(f.replay,
                  [now](const ReplayLine& l) { return now - l.time > kRequestFreshness; });
    return true;
  }

  uint64_t key(const Frame& f) const {
    uint64_t h = mix_word(f.world.future_hash(), f.monitor.digest());
    for (const ReplayLine& l : f.replay)
      h = mix_word(mix_word(h, l.digest), static_cast<uint64_t>(l.time));
    return h;
  }

  // The path to frames_[depth] (prelude, then the actions).
  std::vector<Statement> path(std::size_t root, int depth) const {
    std::vector<Statement> out = preludes_[root];
    for (std::size_t d = 1; d <= static_cast<std::size_t>(depth); ++d)
      out.push_back(frames_[d - 1].menu[frames_[d].via]);
    return out;
  }

  // Records the violations the monitor of frames_[depth] holds that are new, and at a state
  // (`at_state`) also the at_end verdicts and the goals reached.
  void judge(std::size_t root, int depth, bool at_state) {
    const Frame& f = frames_[static_cast<std::size_t>(depth)];
    for (const Monitor::Slot& s : f.monitor.slots())
      if (s.violation) found(s.id, root, depth, s.violation->message);
    if (!at_state) return;
    if (!open_.empty())
      for (const Violation& v : f.monitor.end_violations(f.world))
        found(v.invariant, root, depth, v.message);
    for (const Goal& g : goals_) {
      if (report_.goal(g.name) != nullptr || !g.reached(f.world)) continue;
      report_.goals.push_back({g.name, root, path(root, depth), depth, ""});
    }
  }

  void found(const std::string& id, std::size_t root, int depth, const std::string& message) {
    if (recorded(id)) return;
    report_.violations.push_back({id, root, path(root, depth), depth, message});
    recorded_.push_back(id);
  }

  // One depth-first search to depth k. False when an error or a bound stopped it.
  bool search(int k) {
    table_.reset();
    for (const std::string& id : recorded_) std::erase(open_, id);  // checked no further
    for (std::size_t r = 0; r < preludes_.size(); ++r) {
      Result<Root> root = build_root(policy_, setup_, menu_scope_.fresh);
      if (!root) {
        report_.errors.push_back(root.error().str());
        return false;
      }
      Frame f{std::move(root->world), std::move(root->interpreter), Monitor(open_), {}, {}, 0, 0};
      for (const Statement& st : preludes_[r])
        if (!apply(f, st)) {
          report_.errors.push_back("prelude " + std::to_string(r + 1) + ": " + write_line(st) +
                                   ": " + last_error_);
          return false;
        }
      if (frames_.empty()) {
        frames_.push_back(std::move(f));
      } else {
        frames_[0] = std::move(f);
      }
      judge(r, 0, true);
      if (!table_.visit(bounds_.merge ? key(frames_[0]) : ++serial_, 0)) continue;
      if (done()) {
        cut_short_ = r + 1 < preludes_.size();
        return true;
      }
      if (!dfs(r, k)) return false;
      if (cut_short_) return true;
    }
    note_table();
    return true;
  }

  void note_table() {
    if (table_.size() <= report_.peak_states) return;
    report_.peak_states = table_.size();
    report_.table_bytes = table_.bytes();
  }

  bool dfs(std::size_t root, int k) {
    int d = 0;
    if (k == 0) return true;
    frames_[0].menu = menu(frames_[0].world, menu_scope_, frames_[0].replay);
    frames_[0].next = 0;
    while (d >= 0) {
      Frame& parent = frames_[static_cast<std::size_t>(d)];
      if (parent.next >= parent.menu.size()) {
        --d;
        continue;
      }
      const std::size_t via = parent.next++;
      const Statement& st = parent.menu[via];
      if (frames_.size() <= static_cast<std::size_t>(d) + 1) frames_.push_back(parent);
      Frame& child = frames_[static_cast<std::size_t>(d) + 1];
      child.assign(parent);
      child.via = via;
      ++report_.actions;
      if (!apply(child, st)) {
        report_.errors.push_back("at depth " + std::to_string(d + 1) + ": " + write_line(st) +
                                 ": " + last_error_);
        return false;
      }
      judge(root, d + 1, false);
      if (bounds_.merge ? !table_.visit(key(child), d + 1) : !table_.visit(++serial_, d + 1))
        continue;
      ++report_.new_states;
      judge(root, d + 1, true);
      if (done()) {
        cut_short_ = true;
        return true;
      }
      if ((report_.new_states & 1023) == 0 && !within_bounds(k)) return false;
      if (d + 1 < k) {
        ++d;
        child.menu = menu(child.world, menu_scope_, child.replay);
        child.next = 0;
      }
    }
    return true;
  }

  bool within_bounds(int k) {
    const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    if (progress_ && seconds >= next_progress_) {
      next_progress_ = seconds + 0.5;
      progress_({k, table_.size(), report_.actions, seconds});
    }
    if (table_.size() > bounds_.max_states) {
      report_.stopped_by_states = true;
      return false;
    }
    if (bounds_.max_seconds > 0 && seconds > bounds_.max_seconds) {
      report_.stopped_by_time = true;
      return false;
    }
    return true;
  }

  static std::string write_line(const Statement& st) { return write_statement(st); }

  const Policy& policy_;
  const IdentitySetup& setup_;
  const Scope& scope_;
  const std::vector<Goal>& goals_;
  Bounds bounds_;
  const std::function<void(const ExploreProgress&)>& progress_;
  std::vector<std::string> open_;      // invariants the monitors check at this depth
  std::vector<std::string> recorded_;  // invariants violated so far
  MenuScope menu_scope_;
  std::vector<std::vector<Statement>> preludes_;
  std::vector<Frame> frames_;
  StateTable table_;
  ExploreReport report_;
  std::string last_error_;
  bool cut_short_ = false;  // the search stopped early: nothing was left to find
  uint64_t serial_ = 0;     // without merging: every state its own key
  Clock::time_point start_;
  double next_progress_ = 0.5;
};

}  // namespace

std::string ExploreReport::label() const {
  if (depth < 0) return "nothing explored";
  if (complete)
    return "complete (no new states), " + std::to_string(states) + " states within depth " +
           std::to_string(depth);
  return "exhaustive to depth " + std::to_string(depth) + " (" + std::to_string(states) +
         " states)";
}

const Finding* ExploreReport::violation(const std::string& id) const {
  for (const Finding& f : violations)
    if (f.what == id) return &f;
  return nullptr;
}

const Finding* ExploreReport::goal(const std::string& name) const {
  for (const Finding& f : goals)
    if (f.what == name) return &f;
  return nullptr;
}

ExploreReport explore(const Policy& policy, const IdentitySetup& setup, const Scope& scope,
                      const std::vector<std::string>& invariants, const std::vector<Goal>& goals,
                      const Bounds& bounds,
                      const std::function<void(const ExploreProgress&)>& progress) {
  return Explorer(policy, setup, scope, invariants, goals, bounds, progress).run();
}

}  // namespace reclaim::graph
