// fuzz_make_seeds: the seed converter. Turns the scenario library into the committed seed
// corpora, so seeds are derived from attacks people wrote rather than hand-made bytes:
//   corpus/protocol/SCENARIO.VARIANT   each scenario's steps mapped to fuzz actions
//   corpus/differential/...            the same inputs (both targets share the format)
//   corpus/scenario_parser/NAME.scn    every .scn file as it is
//   corpus/variant_parser/NAME.toml    every variant file as it is
//   corpus/request_codec/OP.N          canonical encodings of requests the scenarios send
//   corpus/canary/seed                 one harmless input
// Usage: fuzz_make_seeds --out DIR --scenarios DIR --variants DIR
//
// Mapping a scenario onto the standard setup (fuzz/util/driver.h) is best effort, "where
// expressible": devices map by name, else by kind and purpose, else are dropped; alice stays
// alice, guardians become bob, carol, dave in order, every other actor becomes mallory;
// statements about other identities, unmapped devices or anything past kMaxActions are
// left out; clock moves become advance actions that sum to the same times. The converter
// runs the driver as it goes, so every index it writes names what the scenario meant.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "fuzz/util/driver.h"
#include "fuzz/util/harness.h"
#include "fuzz/util/protocol_input.h"
#include "model/codec.h"
#include "scenarios/runner.h"
#include "trace/parse.h"
#include "variants/variant.h"

namespace fs = std::filesystem;
using namespace reclaim;
using namespace reclaim::fuzz;

namespace {

void write_file(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<fs::path> files_with(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

template <typename T, std::size_t N>
uint8_t nearest_index(const std::array<T, N>& table, T value) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < N; ++i) {
    const auto d = [&](std::size_t k) { return table[k] > value ? table[k] - value : value - table[k]; };
    if (d(i) < d(best)) best = i;
  }
  return static_cast<uint8_t>(best);
}

uint8_t kind_purpose_bits(DeviceKind k, Purpose p, bool prot) {
  const int kind = k == DeviceKind::kTotp ? 16 : static_cast<int>(k);  // bit 4: totp
  return static_cast<uint8_t>(kind | (p == Purpose::kRecovery ? 4 : 0) | (prot ? 8 : 0));
}

class Converter {
 public:
  Converter(const Scenario& sc, const Variant& v, uint8_t variant_index)
      : sc_(sc), v_(v) {
    input_.header.variant = variant_index;
    plan_setup();
    driver_ = std::make_unique<Driver>(v_.policy, input_.header, false);
    map_standard_devices();
  }

  std::optional<Input> convert() {
    for (const Statement& st : sc_.statements) {
      if (full()) break;
      if (is_setup(st) || st.kind == StmtKind::kExpect) continue;
      move_clock(st.time);
      switch (st.kind) {
        case StmtKind::kEvent: event(st); break;
        case StmtKind::kRequest: request(st); break;
        case StmtKind::kReplay: replay(st); break;
        default: break;
      }
    }
    if (input_.actions.empty()) return std::nullopt;
    return input_;
  }

 private:
  static bool is_setup(const Statement& st) {
    return st.kind == StmtKind::kIdentity || st.kind == StmtKind::kDevice ||
           st.kind == StmtKind::kGuardian || st.kind == StmtKind::kAsset ||
           st.kind == StmtKind::kSetting;
  }
  bool full() const { return input_.actions.size() >= kMaxActions; }

  void plan_setup() {
    Header& h = input_.header;
    Duration delay = v_.policy.default_removal_delay;
    std::size_t guardians = 0;
    for (const Statement& st : sc_.statements) {
      if (!is_setup(st)) continue;
      if (st.kind == StmtKind::kDevice && st.identity == "alice") {
        if (st.device_kind == DeviceKind::kHardwareWallet) h.flags |= kFlagTrezor;
        if (st.device_kind == DeviceKind::kSeedPhrase && !st.is_protected)
          h.flags |= kFlagPhraseUnprotected;
        declared_.push_back(st);
      }
      if (st.kind == StmtKind::kAsset && st.locked_until > 0) h.flags |= kFlagAssetLocked;
      if (st.kind == StmtKind::kGuardian && st.identity == "alice") {
        if (guardians == 0 && st.weight >= 2) h.flags |= kFlagHeavyGuardian;
        if (guardians < 3 && !actor_map_.count(st.actor))
          actor_map_[st.actor] = static_cast<uint8_t>(2 + guardians);
        ++guardians;
      }
      if (st.kind == StmtKind::kSetting && st.identity == "alice") {
        if (st.setting == "removal-delay") delay = st.duration;
        if (st.setting == "guardian-threshold" && st.number >= 1 && st.number <= 3)
          h.threshold = static_cast<uint8_t>(st.number);
      }
    }
    const std::vector<Duration> choices = removal_delay_choices(v_.policy);
    for (std::size_t i = 0; i < choices.size(); ++i)
      if (choices[i] == delay) h.delay = static_cast<uint8_t>(i);
    // A reaction declared at time 0 before anything else becomes the header's.
    for (const Statement& st : sc_.statements) {
      if (is_setup(st) || st.kind == StmtKind::kExpect) continue;
      if (st.kind == StmtKind::kEvent && st.event == EventKind::kReacts && st.time == 0 &&
          st.actor == "alice") {
        for (std::size_t i = 0; i < kReactionTable.size(); ++i)
          if (kReactionTable[i] == st.duration) {
            h.flags |= kFlagReactive | static_cast<uint8_t>(i << kFlagReactionShift);
            header_reaction_ = &st;
          }
      }
      break;
    }
  }

  void map_standard_devices() {
    World& w = driver_->world();
    std::set<DeviceId> used;
    auto take = [&](const Statement& st, DeviceId d) {
      device_map_[st.device] = d;
      used.insert(d);
    };
    for (const Statement& st : declared_)
      if (DeviceId d = w.find_device(st.device); d != kNone) take(st, d);
    for (int pass = 0; pass < 2; ++pass)
      for (const Statement& st : declared_) {
        if (device_map_.count(st.device)) continue;
        const Identity* id = w.state().identity(driver_->alice());
        for (const Device& d : id->devices)
          if (!used.count(d.id) && d.purpose == st.purpose &&
              (pass == 1 || d.kind == st.device_kind)) {
            take(st, d.id);
            break;
          }
      }
    // Devices held by others from the start: a steal (owner excluded) or copies.
    for (const Statement& st : declared_) {
      if (st.holders.empty() || !device_map_.count(st.device)) continue;
      const bool owner_holds =
          std::find(st.holders.begin(), st.holders.end(), "alice") != st.holders.end();
      bool first = true;
      for (const std::string& h : st.holders) {
        if (h == "alice") continue;
        const Opcode op = first && !owner_holds ? Opcode::kSteal : Opcode::kCopy;
        first = false;
        device_event(op, actor_index(h), device_map_[st.device]);
      }
    }
  }

  uint8_t actor_index(const std::string& name) {
    if (auto it = actor_map_.find(name); it != actor_map_.end()) return it->second;
    for (std::size_t i = 0; i < kActorNames.size(); ++i)
      if (kActorNames[i] == name) return static_cast<uint8_t>(i);
    return 1;  // every other actor plays the attacker
  }

  std::optional<DeviceId> mapped(const std::string& name) const {
    auto it = device_map_.find(name);
    if (it == device_map_.end()) return std::nullopt;
    return it->second;
  }

  bool emit(const Action& a) {
    if (full()) return false;
    input_.actions.push_back(a);
    driver_->apply(a);
    return true;
  }

  void move_clock(Time t) {
    // One table entry when the gap is one; else whole minutes in one action (advance mode
    // 3) and the remaining seconds from the table (it holds 1s, 10s and 59s).
    const Duration gap = t - driver_->world().now();
    if (gap <= 0) return;
    for (std::size_t i = 0; i < kDurations.size(); ++i)
      if (kDurations[i] == gap) {
        emit({static_cast<uint8_t>(Opcode::kAdvance), 0, 0, static_cast<uint8_t>(i), 0});
        return;
      }
    const Duration minutes = std::min<Duration>(gap / kMinute, (Duration{1} << 22) - 1);
    if (minutes > 0)
      emit({static_cast<uint8_t>(Opcode::kAdvance), 0, static_cast<uint8_t>(minutes & 0xff),
            static_cast<uint8_t>((minutes >> 8) & 0xff),
            static_cast<uint8_t>(3 | ((minutes >> 16) << 2))});
    for (int guard = 0; guard < 16 && driver_->world().now() < t && !full(); ++guard) {
      const Duration rest = t - driver_->world().now();
      std::size_t best = 0;  // 1s
      for (std::size_t i = 0; i < kDurations.size(); ++i)
        if (kDurations[i] > 0 && kDurations[i] <= rest && kDurations[i] > kDurations[best])
          best = i;
      emit({static_cast<uint8_t>(Opcode::kAdvance), 0, 0, static_cast<uint8_t>(best), 0});
    }
  }

  static std::optional<uint8_t> index_of(const std::vector<DeviceId>& c, DeviceId d) {
    for (std::size_t i = 0; i < c.size() && i < 256; ++i)
      if (c[i] == d) return static_cast<uint8_t>(i);
    return std::nullopt;
  }

  void device_event(Opcode op, uint8_t who, DeviceId d) {
    const std::vector<DeviceId> c =
        op == Opcode::kLose ? driver_->held(driver_->actor(who)) : driver_->device_candidates();
    if (auto i = index_of(c, d)) emit({static_cast<uint8_t>(op), who, 0, *i, 0});
  }

  void event(const Statement& st) {
    const uint8_t who = actor_index(st.actor);
    switch (st.event) {
      case EventKind::kSteal:
      case EventKind::kCopy:
      case EventKind::kLose:
        if (auto d = mapped(st.device))
          device_event(st.event == EventKind::kSteal  ? Opcode::kSteal
                       : st.event == EventKind::kCopy ? Opcode::kCopy
                                                      : Opcode::kLose,
                       who, *d);
        break;
      case EventKind::kHijack:
        if (st.identity == "alice") emit({static_cast<uint8_t>(Opcode::kHijack), who, 0, 0, 0});
        break;
      case EventKind::kCollude:
        emit({static_cast<uint8_t>(Opcode::kCollude), who, 0, 0, 0});
        break;
      case EventKind::kReacts:
        if (&st == header_reaction_ || st.actor != "alice") break;
        emit({static_cast<uint8_t>(Opcode::kReacts), 0, 0,
              nearest_index(kDurations, st.duration), 0});
        break;
    }
  }

  void request(const Statement& st) {
    const std::size_t line = request_lines_++;
    if (st.identity != "alice") return;
    const uint8_t who = actor_index(st.actor);
    Action a;
    a.op = static_cast<uint8_t>(static_cast<int>(Opcode::kFirstRequest) +
                                static_cast<int>(st.op) - 1);
    uint8_t mode = kSignNone;
    switch (st.signer_mode) {
      case SignerMode::kDevices: {
        mode = kSignDevices;
        const std::vector<DeviceId> held = driver_->held(driver_->actor(who));
        for (const std::string& s : st.signers) {
          auto d = mapped(s);
          if (!d) return;
          auto i = index_of(held, *d);
          if (!i || *i >= 8) return;
          a.mask |= static_cast<uint8_t>(1u << *i);
        }
        // Guardians co-signing: the driver adds those the actor can obtain, up to the quorum
        // or one short of it (kWhoCosign); which ones is not carried.
        if (!st.cosigners.empty()) {
          a.who |= kWhoCosign;
          const Identity* id = driver_->world().state().identity(driver_->alice());
          const std::size_t quorum = id != nullptr ? (id->guardians.size() + 1) / 2 : 0;
          if (st.cosigners.size() < quorum) a.who |= kWhoCosignShort;
        }
        break;
      }
      case SignerMode::kSession: mode = kSignSession; break;
      case SignerMode::kAppSession:
        mode = kSignSession;
        a.mask = kMaskAppSession;
        break;
      case SignerMode::kGuardian: mode = kSignGuardian; break;
      case SignerMode::kUnsigned: mode = kSignNone; break;
    }
    a.who = static_cast<uint8_t>(a.who | who | (mode << 3));
    auto device_arg = [&](const std::string& name) -> std::optional<uint8_t> {
      auto d = mapped(name);
      if (!d) return std::nullopt;
      return index_of(driver_->device_candidates(), *d);
    };
    std::string created;  // the scenario's name for the device this request creates
    switch (st.op) {
      case Op::kAddDevice:
        a.a = kind_purpose_bits(st.device_kind, st.purpose, st.is_protected);
        created = st.device;
        break;
      case Op::kRemoveDevice:
      case Op::kProtect:
      case Op::kUnprotect: {
        auto i = device_arg(st.device);
        if (!i) return;
        a.a = *i;
        break;
      }
      case Op::kReplaceDevice: {
        auto i = device_arg(st.device);
        if (!i) return;
        a.a = *i;
        a.b = kind_purpose_bits(st.device_kind, st.purpose, st.is_protected);
        created = st.device2;
        break;
      }
      case Op::kSetRemovalDelay: {
        const auto& menu = v_.policy.delay_menu;
        std::optional<uint8_t> in_menu;
        for (std::size_t i = 0; i < menu.size(); ++i)
          if (menu[i] == st.duration) in_menu = static_cast<uint8_t>(i);
        const uint8_t k = nearest_index(kDurations, st.duration);
        if (in_menu) {
          a.a = *in_menu;
        } else if (menu.empty()) {
          a.a = k;
        } else {
          a.a = static_cast<uint8_t>(128 + (k + kDurations.size() - 128 % kDurations.size()) %
                                               kDurations.size());
        }
        break;
      }
      case Op::kCancel: {
        const Identity* id = driver_->world().state().identity(driver_->alice());
        a.a = 0;
        if (st.number != 0) {
          a.a = static_cast<uint8_t>(0x80 | ((st.number - 1) & 15));
          for (std::size_t k = 0; k < id->pending.size() && k < 120; ++k)
            if (id->pending[k].number == st.number) a.a = static_cast<uint8_t>(k + 1);
        }
        break;
      }
      case Op::kAddGuardian:
        a.a = actor_index(st.guardian);
        a.b = static_cast<uint8_t>(st.weight == 0 ? 0 : (st.weight - 1) % 4);
        break;
      case Op::kRemoveGuardian:
        a.a = actor_index(st.guardian);
        break;
      case Op::kFollow:
        a.a = actor_index(st.guardian);
        a.b = actor_index(st.actor2);
        break;
      case Op::kStartRecovery:
        a.a = static_cast<uint8_t>(st.device_kind);
        a.b = st.actor2.empty() ? who : actor_index(st.actor2);
        created = st.device2;
        break;
      case Op::kLogin:
        a.a = st.duration == 0
                  ? 0
                  : static_cast<uint8_t>((nearest_index(kDurations, st.duration) << 1) | 1);
        break;
      case Op::kTransfer:
      case Op::kWithdraw:
        a.a = nearest_index(kAmounts, st.amount);
        a.b = actor_index(st.actor2);
        break;
      case Op::kAddTentative:
        a.a = kind_purpose_bits(st.device_kind, st.purpose, false);
        created = st.device2;
        break;
      case Op::kVerifyTentative:
        a.a = st.code_right ? 0 : 1;
        break;
      case Op::kSetGuardianThreshold:
        a.a = static_cast<uint8_t>(st.number % 6);
        break;
      case Op::kAppLogin:  // filled by role: the ttl from b (driver.cc)
        a.b = nearest_index(kDurations, st.duration);
        break;
      default:
        break;
    }
    const std::size_t candidates = driver_->replayable().size();
    if (!emit(a)) return;
    if (!created.empty() && driver_->last_new_device() != kNone)
      device_map_[created] = driver_->last_new_device();
    if (driver_->replayable().size() > candidates) line_to_candidate_[line] = candidates;
  }

  void replay(const Statement& st) {
    auto it = line_to_candidate_.find(st.number - 1);
    if (it == line_to_candidate_.end() || it->second > 255) return;
    uint8_t donor = 0;
    if (st.craft == Craft::kLifted) {
      auto d = line_to_candidate_.find(st.number2 - 1);
      if (d == line_to_candidate_.end() || d->second > 255) return;
      donor = static_cast<uint8_t>(d->second);
    }
    emit({static_cast<uint8_t>(Opcode::kReplay), actor_index(st.actor), donor,
          static_cast<uint8_t>(it->second), static_cast<uint8_t>(st.craft)});
  }

  const Scenario& sc_;
  const Variant& v_;
  Input input_;
  std::unique_ptr<Driver> driver_;
  std::vector<Statement> declared_;
  std::map<std::string, uint8_t> actor_map_;
  std::map<std::string, DeviceId> device_map_;
  const Statement* header_reaction_ = nullptr;
  std::size_t request_lines_ = 0;
  std::map<std::size_t, std::size_t> line_to_candidate_;
};

int usage() {
  std::fprintf(stderr, "usage: fuzz_make_seeds --out DIR --scenarios DIR --variants DIR\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path out, scenarios, variants;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--out") out = argv[i + 1];
    else if (k == "--scenarios") scenarios = argv[i + 1];
    else if (k == "--variants") variants = argv[i + 1];
    else return usage();
  }
  if (out.empty() || scenarios.empty() || variants.empty()) return usage();

  const std::vector<std::string> builtins = builtin_variant_names();
  std::map<std::string, Variant> loaded;
  for (const std::string& name : builtins) {
    auto v = load_variant(name);
    if (!v) {
      std::fprintf(stderr, "%s\n", v.error().str().c_str());
      return 1;
    }
    loaded[name] = *v;
    loaded[name].policy.limits = fuzz_limits();  // as fuzz_protocol will run the seed
  }

  std::size_t protocol = 0, codec = 0, scn = 0, toml = 0;
  std::map<int, int> per_op;
  for (const fs::path& p : files_with(scenarios, ".scn")) {
    const std::string text = read_file(p);
    write_file(out / "scenario_parser" / p.filename(), text);
    ++scn;
    auto sc = parse_scenario(text, p.string());
    if (!sc) {
      std::fprintf(stderr, "skipped %s\n", sc.error().str().c_str());
      continue;
    }
    std::vector<std::string> names = sc->variants.empty() ? builtins : sc->variants;
    for (const std::string& name : names) {
      auto it = std::find(builtins.begin(), builtins.end(), name);
      if (it == builtins.end()) continue;  // a researcher's file: not a header byte
      Converter conv(*sc, loaded[name], static_cast<uint8_t>(it - builtins.begin()));
      if (auto input = conv.convert()) {
        const std::vector<uint8_t> bytes = encode_input(*input);
        const std::string s(bytes.begin(), bytes.end());
        const std::string file = p.stem().string() + "." + name;
        write_file(out / "protocol" / file, s);
        write_file(out / "differential" / file, s);
        ++protocol;
      }
    }
    // Canonical encodings of the requests this scenario sends (at most 3 per op overall).
    RunOptions opts;
    auto runs = run_scenario(*sc, opts);
    if (!runs) continue;
    for (const VariantRun& r : *runs)
      for (const Step& s : r.world->steps()) {
        if (s.kind != Step::Kind::kRequest) continue;
        const int op = static_cast<int>(s.request.op);
        if (per_op[op] >= 3) continue;
        const Encoded e = encode(s.request);
        write_file(out / "request_codec" /
                       (std::string(op_name(s.request.op)) + "." + std::to_string(per_op[op]++)),
                   std::string(e.bytes.begin(), e.bytes.begin() + static_cast<long>(e.size)));
        ++codec;
      }
  }
  for (const fs::path& p : files_with(variants, ".toml")) {
    write_file(out / "variant_parser" / p.filename(), read_file(p));
    ++toml;
  }
  write_file(out / "canary" / "seed", "reclaim");
  std::printf("fuzz_make_seeds: %zu protocol seeds, %zu codec seeds, %zu scenarios, %zu variants\n",
              protocol, codec, scn, toml);
  return 0;
}
