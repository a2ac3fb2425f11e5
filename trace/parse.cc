// The .scn parser (see parse.h for the grammar's finer points and every check;
// docs/scn-language.md for the language).
// One pass over the lines; each line is tokenized, then parsed by a small recursive-descent
// reader that keeps the names declared so far and who holds which device, so that every
// error points at the token that causes it.
#include "trace/parse.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "model/ops.h"
#include "model/request.h"
#include "model/state.h"
#include "variants/duration.h"
#include "variants/variant.h"

namespace reclaim {
namespace {

struct Token {
  std::string text;  // unescaped for the quoted string
  int col = 0;       // 1-based byte column of its first character
  bool quoted = false;
};

// Line keywords: an actor or identity named like one would make lines ambiguous.
constexpr std::array<std::string_view, 12> kKeywords = {
    "scenario", "about", "variants", "identity", "device", "guardian",
    "asset",    "setting", "actor",  "at",       "expect", "bounds"};

constexpr std::array<std::string_view, 6> kCompares = {"==", "!=", "<", "<=", ">", ">="};

constexpr std::string_view kSignerHelp =
    "by ID/DEV[+ID/DEV...], by session, by app-session, by guardian or unsigned";
constexpr std::string_view kTimeHelp = "0, 90s, 15m, 2h, 3d, 1w, 1mo, 1y or +D, at most 100y";

bool is_keyword(std::string_view s) {
  for (std::string_view k : kKeywords)
    if (s == k) return true;
  return false;
}

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool valid_name(std::string_view s) {
  if (s.empty() || s.size() > kMaxScenarioName || !is_alnum(s.front())) return false;
  for (char c : s)
    if (!is_alnum(c) && c != '_' && c != '.' && c != '-') return false;
  return true;
}

// A token as it may appear inside a message: at most 40 bytes, non-printables escaped, so
// that an error about binary input is still one readable line.
std::string shown(std::string_view s) {
  std::string out = "'";
  for (std::size_t i = 0; i < s.size() && i < 40; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (s.size() > 40) out += "...";
  return out + "'";
}

std::optional<EventKind> event_from_name(std::string_view s) {
  for (EventKind e : {EventKind::kSteal, EventKind::kCopy, EventKind::kLose, EventKind::kHijack,
                      EventKind::kCollude, EventKind::kReacts})
    if (event_name(e) == s) return e;
  return std::nullopt;
}

// The name a `variants` entry goes by: a built-in's name, or the name its file must declare
// ("dir/my-variant.toml" -> "my-variant").
std::string stem_of(std::string_view entry) { return variant_name_of_file(entry); }

bool printable_path(std::string_view s) {
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '"') return false;
  }
  return true;
}

class Parser {
 public:
  explicit Parser(std::string_view file) { sc_.file = std::string(file); }

  Result<Scenario> run(std::string_view text) {
    std::size_t start = 0;
    for (;;) {
      const std::size_t nl = text.find('\n', start);
      const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
      if (line_ == INT_MAX) return Error{sc_.file, line_, 0, "too many lines"};
      ++line_;
      if (!line(text.substr(start, end - start))) return *err_;
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
    return std::move(sc_);
  }

 private:
  // ------------------------------------------------------------------ errors and tokens

  // Records the error at (current line, col). Returns false so callers `return fail(...)`.
  bool fail(int col, std::string message) {
    err_ = Error{sc_.file, line_, col, std::move(message)};
    return false;
  }
  bool fail(const Token& t, std::string message) { return fail(t.col, std::move(message)); }

  // Where a missing token would go: one past the end of the last token.
  int end_col() const {
    if (toks_.empty()) return 1;
    const Token& t = toks_.back();
    return t.col + static_cast<int>(t.text.size()) + (t.quoted ? 2 : 0);
  }

  const Token* tok(std::size_t i) const { return i < toks_.size() ? &toks_[i] : nullptr; }
  bool is(std::size_t i, std::string_view text) const {
    return i < toks_.size() && !toks_[i].quoted && toks_[i].text == text;
  }

  // Token i must exist; `what` names it for the message.
  bool need(std::size_t i, std::string_view what) {
    if (i < toks_.size()) return true;
    return fail(end_col(), "missing " + std::string(what));
  }
  // Nothing may follow token i - 1.
  bool done(std::size_t i) {
    if (i >= toks_.size()) return true;
    return fail(toks_[i], "unexpected " + shown(toks_[i].text));
  }

  bool tokenize(std::string_view s) {
    toks_.clear();
    std::size_t p = 0;
    while (p < s.size()) {
      const char c = s[p];
      if (c == ' ' || c == '\t') {
        ++p;
        continue;
      }
      if (c == '#') break;
      if (toks_.size() >= kMaxScenarioTokens)
        return fail(static_cast<int>(p) + 1, "too many tokens on one line (at most " +
                                                 std::to_string(kMaxScenarioTokens) + ")");
      Token t;
      t.col = static_cast<int>(p) + 1;
      if (c == '"') {
        t.quoted = true;
        ++p;
        bool closed = false;
        while (p < s.size()) {
          const char d = s[p];
          if (d == '"') {
            closed = true;
            ++p;
            break;
          }
          if (d == '\\') {
            if (p + 1 < s.size() && (s[p + 1] == '"' || s[p + 1] == '\\')) {
              t.text += s[p + 1];
              p += 2;
              continue;
            }
            return fail(static_cast<int>(p) + 1, "bad escape in string (only \\\" and \\\\)");
          }
          const unsigned char u = static_cast<unsigned char>(d);
          if ((u < 0x20 && d != '\t') || u == 0x7f)
            return fail(static_cast<int>(p) + 1, "control character in string");
          t.text += d;
          ++p;
        }
        if (!closed) return fail(t.col, "unterminated string");
        if (p < s.size() && s[p] != ' ' && s[p] != '\t' && s[p] != '#')
          return fail(static_cast<int>(p) + 1, "expected a space after the string");
      } else {
        const std::size_t b = p;
        while (p < s.size() && s[p] != ' ' && s[p] != '\t' && s[p] != '#') ++p;
        t.text = std::string(s.substr(b, p - b));
      }
      toks_.push_back(std::move(t));
    }
    return true;
  }

  // ------------------------------------------------------------------ names

  // An actor name at `col`, introduced (made known) if new.
  bool introduce_actor(std::string_view name, int col) {
    if (!valid_name(name)) return fail(col, "bad actor name " + shown(name));
    if (is_keyword(name)) return fail(col, "actor may not be named " + shown(name));
    if (actors_.count(std::string(name))) return true;
    if (actors_.size() >= kMaxActors)
      return fail(col, "too many actors (at most " + std::to_string(kMaxActors) + ")");
    actors_.insert(std::string(name));
    return true;
  }
  bool known_actor(std::string_view name, int col) {
    if (!valid_name(name)) return fail(col, "bad actor name " + shown(name));
    if (!actors_.count(std::string(name))) return fail(col, "unknown actor " + shown(name));
    return true;
  }
  bool known_identity(std::string_view name, int col) {
    if (!valid_name(name)) return fail(col, "bad identity name " + shown(name));
    if (!identities_.count(std::string(name))) return fail(col, "unknown identity " + shown(name));
    return true;
  }

  // "ID/NAME" at `col` with a known ID; `what` says what NAME is for messages.
  bool ref(std::string_view text, int col, std::string_view what, std::string& id,
           std::string& name) {
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos)
      return fail(col, "bad " + std::string(what) + " " + shown(text) + " (expected ID/NAME)");
    id = std::string(text.substr(0, slash));
    name = std::string(text.substr(slash + 1));
    if (!known_identity(id, col)) return false;
    if (!valid_name(name))
      return fail(col + static_cast<int>(slash) + 1,
                  "bad " + std::string(what) + " name " + shown(name));
    return true;
  }
  bool ref(const Token& t, std::string_view what, std::string& id, std::string& name) {
    return ref(t.text, t.col, what, id, name);
  }

  // A device that must already exist (declared or created by an earlier line).
  bool known_device(std::string_view text, int col, std::string& id) {
    std::string name;
    if (!ref(text, col, "device", id, name)) return false;
    if (!devices_.count(std::string(text))) return fail(col, "unknown device " + shown(text));
    return true;
  }
  bool known_device(const Token& t, std::string& id) { return known_device(t.text, t.col, id); }

  // A device a request creates (or re-adds): it becomes known and held by `holder` once the
  // line has parsed.
  bool new_device(const Token& t, const std::string& identity, const std::string& holder) {
    std::string id, name;
    if (!ref(t, "device", id, name)) return false;
    if (!identity.empty() && id != identity)
      return fail(t, shown(t.text) + " is not a device of identity " + shown(identity));
    if (!devices_.count(t.text) && devices_.size() >= kMaxWorldDevices)
      return fail(t, "too many devices (at most " + std::to_string(kMaxWorldDevices) + ")");
    grants_.emplace_back(t.text, holder);
    return true;
  }

  // ------------------------------------------------------------------ values

  bool number(const Token& t, uint64_t min, uint64_t max, uint64_t& out) {
    const std::string& s = t.text;
    bool ok = !s.empty() && s.size() <= 19;
    uint64_t v = 0;
    for (std::size_t i = 0; ok && i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9')
        ok = false;
      else
        v = v * 10 + static_cast<uint64_t>(s[i] - '0');
    }
    if (!ok || v < min || v > max)
      return fail(t, "bad number " + shown(s) + " (" + std::to_string(min) + ".." +
                         std::to_string(max) + ")");
    out = v;
    return true;
  }
  bool number32(const Token& t, uint32_t min, uint32_t& out) {
    uint64_t v = 0;
    if (!number(t, min, kMaxScenarioNumber, v)) return false;
    out = static_cast<uint32_t>(v);
    return true;
  }
  bool amount(const Token& t, int64_t& out) {
    uint64_t v = 0;
    if (!number(t, 0, static_cast<uint64_t>(kMaxScenarioAmount), v)) return false;
    out = static_cast<int64_t>(v);
    return true;
  }
  bool duration(const Token& t, Duration& out) {
    const auto d = parse_duration(t.text);
    if (!d)
      return fail(t, "bad duration " + shown(t.text) +
                         " (0, 90s, 15m, 2h, 3d, 1w, 1mo, 1y, "
                         "at most 100y)");
    out = *d;
    return true;
  }
  bool kind(const Token& t, DeviceKind& out) {
    const auto k = kind_from_name(t.text);
    if (!k)
      return fail(t, "unknown kind " + shown(t.text) +
                         " (passkey, security-key, hardware-wallet, seed-phrase)");
    out = *k;
    return true;
  }
  bool purpose(const Token& t, Purpose& out) {
    const auto p = purpose_from_name(t.text);
    if (!p) return fail(t, "unknown purpose " + shown(t.text) + " (auth, recovery)");
    out = *p;
    return true;
  }

  // ------------------------------------------------------------------ lines

  bool line(std::string_view text) {
    if (text.size() > kMaxScenarioLine)
      return fail(static_cast<int>(kMaxScenarioLine) + 1,
                  "line longer than " + std::to_string(kMaxScenarioLine) + " bytes");
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    // A lone CR would end a line in an old Mac file, where this parser sees one long line
    // (and, if it starts with '#', one long comment that silently hides every statement).
    if (const std::size_t cr = text.find('\r'); cr != std::string_view::npos)
      return fail(static_cast<int>(cr) + 1,
                  "carriage return inside a line (lines must end in LF or CRLF)");
    if (!tokenize(text)) return false;
    if (toks_.empty()) return true;
    for (std::size_t i = 0; i < toks_.size(); ++i)
      if (toks_[i].quoted && !(i == 1 && is(0, "about")) && !(i >= 1 && is(0, "variants")))
        return fail(toks_[i], "a quoted string is allowed only after about or variants");

    Statement st;
    st.loc = Loc{line_, toks_[0].col};
    st.time = now_;
    std::size_t i = 0;
    if (is(0, "at")) {
      if (!need(1, "time after at")) return false;
      const Token& t = toks_[1];
      std::string_view s = t.text;
      st.has_at = true;
      st.relative = !s.empty() && s.front() == '+';
      if (st.relative) s.remove_prefix(1);
      const auto d = parse_duration(s);
      if (!d) return fail(t, "bad time " + shown(t.text) + " (" + std::string(kTimeHelp) + ")");
      st.at_value = *d;
      const Time when = st.relative ? now_ + *d : *d;  // both <= 100y: no overflow
      if (when > kMaxScenarioTime)
        return fail(t, "time " + shown(t.text) + " is beyond " + format_duration(kMaxScenarioTime));
      if (when < now_)
        return fail(
            t, "time " + shown(t.text) + " is before the current time " + format_duration(now_));
      now_ = when;
      st.time = when;
      stepped_ = true;
      if (toks_.size() == 2) {
        st.kind = StmtKind::kAdvance;
        return push(std::move(st));
      }
      i = 2;
    }
    return statement(st, i);
  }

  bool push(Statement st) {
    if (sc_.statements.size() >= kMaxScenarioStatements)
      return fail(st.loc.col,
                  "more than " + std::to_string(kMaxScenarioStatements) + " statements");
    sc_.statements.push_back(std::move(st));
    return true;
  }

  bool statement(Statement& st, std::size_t i) {
    const Token& k = toks_[i];
    const std::string& w = k.text;
    if (w == "at") return fail(k, "a line has at most one at");
    const bool header = w == "scenario" || w == "about" || w == "variants";
    const bool setup = w == "identity" || w == "device" || w == "guardian" || w == "asset" ||
                       w == "setting" || w == "actor" || w == "bounds";
    if (header || setup) {
      if (stepped_) return fail(k, "setup line " + shown(w) + " after the first step");
      if (w == "scenario") return scenario_line();
      if (w == "about") return about_line();
      if (w == "variants") return variants_line();
      if (w == "identity") return identity_line(st);
      if (w == "device") return device_line(st);
      if (w == "guardian") return guardian_line(st);
      if (w == "asset") return asset_line(st);
      if (w == "actor") return actor_line(st);
      if (w == "bounds") return bounds_line(st);
      return setting_line(st);
    }
    if (w == "expect" || w.starts_with("expect[")) return expect_line(st, i);
    if (w.size() > 1 && w.back() == ':') return request_line(st, i);
    if (const Token* v = tok(i + 1); v != nullptr && event_from_name(v->text))
      return event_line(st, i);
    if (tok(i + 1) != nullptr && actors_.count(w))
      return fail(toks_[i + 1], "unknown event " + shown(toks_[i + 1].text) +
                                    " (steals, copies, loses, hijacks, colludes, reacts)");
    return fail(k, "unknown keyword " + shown(w));
  }

  // ------------------------------------------------------------------ header and setup

  bool scenario_line() {
    if (!need(1, "scenario name")) return false;
    if (has_name_) return fail(toks_[0], "duplicate scenario line");
    if (!valid_name(toks_[1].text))
      return fail(toks_[1], "bad scenario name " + shown(toks_[1].text));
    if (!done(2)) return false;
    has_name_ = true;
    sc_.name = toks_[1].text;
    return true;
  }

  bool about_line() {
    if (!need(1, "quoted string after about")) return false;
    if (has_about_) return fail(toks_[0], "duplicate about line");
    if (!toks_[1].quoted) return fail(toks_[1], "about needs a quoted string");
    if (!done(2)) return false;
    has_about_ = true;
    sc_.about = toks_[1].text;
    return true;
  }

  bool variants_line() {
    if (!need(1, "variant names")) return false;
    if (has_variants_) return fail(toks_[0], "duplicate variants line");
    const std::vector<std::string> builtin = builtin_variant_names();
    std::vector<std::string> names;
    std::vector<Loc> locs;
    for (std::size_t i = 1; i < toks_.size(); ++i) {
      const Token& t = toks_[i];
      const bool known =
          !t.quoted && std::find(builtin.begin(), builtin.end(), t.text) != builtin.end();
      // A path is a word, or a quoted string when it holds spaces or quotes.
      const bool path = t.text.size() > 5 && t.text.ends_with(".toml") &&
                        (t.quoted || printable_path(t.text));
      if (!known && !path) return fail(t, "unknown variant " + shown(t.text));
      if (std::find(names.begin(), names.end(), t.text) != names.end())
        return fail(t, "variant " + shown(t.text) + " named twice");
      // expect[NAME] and the reports know a variant by its name, which for a file is its
      // stem (the file must declare that name): two entries may not share one.
      for (const std::string& n : names)
        if (stem_of(n) == stem_of(t.text))
          return fail(t, "variant " + shown(t.text) + " has the same name as " + shown(n));
      names.push_back(t.text);
      locs.push_back(Loc{line_, t.col});
    }
    has_variants_ = true;
    sc_.variants = std::move(names);
    sc_.variant_locs = std::move(locs);
    return true;
  }

  // `actor NAME`: declares an actor before any line names it (a recorded run's actors, in
  // the order the run made them, so that a replay gives them the same ids and keys).
  // bounds [seen N] [notifications N] [pending N] [sessions N]: at least one, each once, each
  // from 1 to its capacity (model/state.h); one bounds line per scenario.
  bool bounds_line(Statement& st) {
    if (has_bounds_) return fail(toks_[0], "duplicate bounds line");
    if (!need(1, "a bound (seen, notifications, pending, sessions)")) return false;
    std::set<std::string> named;
    std::size_t j = 1;
    while (j < toks_.size()) {
      const Token& k = toks_[j];
      uint32_t* field = k.text == "seen"            ? &st.limits.seen
                        : k.text == "notifications" ? &st.limits.notifications
                        : k.text == "pending"       ? &st.limits.pending
                        : k.text == "sessions"      ? &st.limits.sessions
                                                    : nullptr;
      if (field == nullptr)
        return fail(k, "unknown bound " + shown(k.text) +
                           " (seen, notifications, pending, sessions)");
      if (!named.insert(k.text).second) return fail(k, "duplicate bound " + shown(k.text));
      const uint32_t capacity = k.text == "seen"            ? kFullLimits.seen
                                : k.text == "notifications" ? kFullLimits.notifications
                                : k.text == "pending"       ? kFullLimits.pending
                                                            : kFullLimits.sessions;
      uint64_t v = 0;
      if (!need(j + 1, "a number") || !number(toks_[j + 1], 1, capacity, v)) return false;
      *field = static_cast<uint32_t>(v);
      j += 2;
    }
    has_bounds_ = true;
    st.kind = StmtKind::kBounds;
    return push(std::move(st));
  }

  bool actor_line(Statement& st) {
    if (!need(1, "actor name")) return false;
    const Token& t = toks_[1];
    if (!valid_name(t.text)) return fail(t, "bad actor name " + shown(t.text));
    if (actors_.count(t.text)) return fail(t, "duplicate actor " + shown(t.text));
    if (!done(2)) return false;
    if (!introduce_actor(t.text, t.col)) return false;
    st.kind = StmtKind::kActor;
    st.actor = t.text;
    return push(std::move(st));
  }

  bool identity_line(Statement& st) {
    if (!need(1, "identity name")) return false;
    const Token& t = toks_[1];
    if (!valid_name(t.text)) return fail(t, "bad identity name " + shown(t.text));
    if (is_keyword(t.text)) return fail(t, "identity may not be named " + shown(t.text));
    if (identities_.count(t.text)) return fail(t, "duplicate identity " + shown(t.text));
    if (identities_.size() >= kMaxIdentities)
      return fail(t, "too many identities (at most " + std::to_string(kMaxIdentities) + ")");
    if (!done(2)) return false;
    if (!introduce_actor(t.text, t.col)) return false;
    identities_.insert(t.text);
    st.kind = StmtKind::kIdentity;
    st.identity = t.text;
    st.actor = t.text;
    return push(std::move(st));
  }

  bool device_line(Statement& st) {
    if (!need(1, "device ID/DEV")) return false;
    const Token& d = toks_[1];
    std::string id, name;
    if (!ref(d, "device", id, name)) return false;
    if (devices_.count(d.text)) return fail(d, "duplicate device " + shown(d.text));
    if (devices_.size() >= kMaxWorldDevices)
      return fail(d, "too many devices (at most " + std::to_string(kMaxWorldDevices) + ")");
    if (!need(2, "device kind") || !kind(toks_[2], st.device_kind)) return false;
    if (!need(3, "device purpose") || !purpose(toks_[3], st.purpose)) return false;
    std::size_t i = 4;
    if (is(i, "protected")) {
      st.is_protected = true;
      ++i;
    }
    if (is(i, "held-by")) {
      if (!need(i + 1, "actors after held-by")) return false;
      const Token& h = toks_[i + 1];
      std::size_t b = 0;
      for (;;) {
        const std::size_t comma = h.text.find(',', b);
        const std::size_t e = comma == std::string::npos ? h.text.size() : comma;
        const std::string a = h.text.substr(b, e - b);
        const int col = h.col + static_cast<int>(b);
        if (!introduce_actor(a, col)) return false;
        if (std::find(st.holders.begin(), st.holders.end(), a) != st.holders.end())
          return fail(col, "actor " + shown(a) + " named twice");
        st.holders.push_back(a);
        if (comma == std::string::npos) break;
        b = comma + 1;
      }
      i += 2;
    }
    if (!done(i)) return false;
    st.kind = StmtKind::kDevice;
    st.identity = id;
    st.device = d.text;
    devices_.insert(d.text);
    if (st.holders.empty()) {
      holders_[d.text] = {id};  // the owner actor carries the identity's name
    } else {
      holders_[d.text] = std::set<std::string>(st.holders.begin(), st.holders.end());
    }
    return push(std::move(st));
  }

  bool guardian_line(Statement& st) {
    if (!need(1, "guardian ID/ACTOR")) return false;
    const Token& g = toks_[1];
    std::string id, actor;
    if (!ref(g, "guardian", id, actor)) return false;
    if (guardians_.count(g.text)) return fail(g, "duplicate guardian " + shown(g.text));
    if (guardian_count_[id] >= kMaxGuardians)
      return fail(g, "too many guardians of " + shown(id) + " (at most " +
                         std::to_string(kMaxGuardians) + ")");
    if (!introduce_actor(actor, g.col + static_cast<int>(id.size()) + 1)) return false;
    std::size_t i = 2;
    if (is(i, "weight")) {
      if (!need(i + 1, "weight") || !number32(toks_[i + 1], 1, st.weight)) return false;
      i += 2;
    }
    if (!done(i)) return false;
    guardians_.insert(g.text);
    ++guardian_count_[id];
    st.kind = StmtKind::kGuardian;
    st.identity = id;
    st.actor = actor;
    return push(std::move(st));
  }

  bool asset_line(Statement& st) {
    if (!need(1, "asset ID/NAME")) return false;
    const Token& a = toks_[1];
    std::string id, name;
    if (!ref(a, "asset", id, name)) return false;
    if (assets_.count(a.text)) return fail(a, "duplicate asset " + shown(a.text));
    if (asset_count_[id] >= kMaxAssets)
      return fail(
          a, "too many assets of " + shown(id) + " (at most " + std::to_string(kMaxAssets) + ")");
    if (!need(2, "amount") || !amount(toks_[2], st.amount)) return false;
    std::size_t i = 3;
    if (is(i, "locked-until")) {
      if (!need(i + 1, "time after locked-until")) return false;
      const auto d = parse_duration(toks_[i + 1].text);
      if (!d)
        return fail(toks_[i + 1], "bad time " + shown(toks_[i + 1].text) +
                                      " (0, 90s, 15m, 2h, 3d, 1w, 1mo, 1y, at most 100y)");
      st.locked_until = *d;
      i += 2;
    }
    if (!done(i)) return false;
    assets_.insert(a.text);
    ++asset_count_[id];
    st.kind = StmtKind::kAsset;
    st.identity = id;
    st.device = a.text;
    return push(std::move(st));
  }

  bool setting_line(Statement& st) {
    if (!need(1, "identity") || !known_identity(toks_[1].text, toks_[1].col)) return false;
    if (!need(2, "setting name")) return false;
    const Token& s = toks_[2];
    if (s.text != "removal-delay" && s.text != "guardian-threshold")
      return fail(s, "unknown setting " + shown(s.text) + " (removal-delay, guardian-threshold)");
    if (!settings_.insert(toks_[1].text + " " + s.text).second)
      return fail(s, "duplicate setting " + shown(s.text) + " of " + shown(toks_[1].text));
    if (!need(3, s.text == "removal-delay" ? "duration" : "threshold")) return false;
    if (s.text == "removal-delay") {
      if (!duration(toks_[3], st.duration)) return false;
    } else {
      if (!number32(toks_[3], 0, st.number)) return false;
    }
    if (!done(4)) return false;
    st.kind = StmtKind::kSetting;
    st.identity = toks_[1].text;
    st.setting = s.text;
    return push(std::move(st));
  }

  // ------------------------------------------------------------------ steps

  bool event_line(Statement& st, std::size_t i) {
    const Token& a = toks_[i];
    if (!introduce_actor(a.text, a.col)) return false;
    st.kind = StmtKind::kEvent;
    st.actor = a.text;
    st.event = *event_from_name(toks_[i + 1].text);
    std::size_t j = i + 2;
    switch (st.event) {
      case EventKind::kSteal:
      case EventKind::kCopy:
      case EventKind::kLose: {
        if (!need(j, "device ID/DEV") || !known_device(toks_[j], st.identity)) return false;
        st.device = toks_[j].text;
        ++j;
        if (!done(j)) return false;
        std::set<std::string>& h = holders_[st.device];
        if (st.event == EventKind::kSteal) h.clear();
        if (st.event == EventKind::kLose) {
          h.erase(st.actor);
        } else {
          h.insert(st.actor);
        }
        break;
      }
      case EventKind::kHijack:
        if (!need(j, "identity") || !known_identity(toks_[j].text, toks_[j].col)) return false;
        st.identity = toks_[j].text;
        if (!done(j + 1)) return false;
        break;
      case EventKind::kCollude:
        if (!done(j)) return false;
        colluding_.insert(st.actor);
        break;
      case EventKind::kReacts:
        if (!need(j, "within")) return false;
        if (!is(j, "within"))
          return fail(toks_[j], "expected within, found " + shown(toks_[j].text));
        if (!need(j + 1, "duration") || !duration(toks_[j + 1], st.duration)) return false;
        // The owner answers after the notification, never in the same instant as the
        // request: every engine (the World, the random model, the Z3 encoding) agrees.
        if (st.duration <= 0)
          return fail(toks_[j + 1], "a reaction window must be positive (at least 1s)");
        if (!done(j + 2)) return false;
        break;
    }
    stepped_ = true;
    return push(std::move(st));
  }

  bool request_line(Statement& st, std::size_t i) {
    const Token& head = toks_[i];
    const std::string actor = head.text.substr(0, head.text.size() - 1);
    if (!introduce_actor(actor, head.col)) return false;
    st.actor = actor;
    if (!need(i + 1, "op")) return false;
    const Token& o = toks_[i + 1];
    if (o.text == "replay") {
      if (!need(i + 2, "request line number")) return false;
      if (!number32(toks_[i + 2], 1, st.number)) return false;
      if (st.number > requests_)
        return fail(toks_[i + 2], "replay " + std::to_string(st.number) +
                                      " names no earlier request line (" +
                                      std::to_string(requests_) + " so far)");
      std::size_t j = i + 3;
      if (const Token* c = tok(j); c != nullptr) {
        if (c->text == "reordered") {
          st.craft = Craft::kReordered;
        } else if (c->text == "doubled") {
          st.craft = Craft::kDoubled;
        } else if (c->text == "with-signatures-of") {
          st.craft = Craft::kLifted;
          if (!need(j + 1, "request line number")) return false;
          if (!number32(toks_[j + 1], 1, st.number2)) return false;
          if (st.number2 > requests_)
            return fail(toks_[j + 1], "with-signatures-of " + std::to_string(st.number2) +
                                          " names no earlier request line (" +
                                          std::to_string(requests_) + " so far)");
          ++j;
        } else {
          return fail(*c, "expected reordered, doubled or with-signatures-of, found " +
                              shown(c->text));
        }
        ++j;
      }
      if (!done(j)) return false;
      st.kind = StmtKind::kReplay;
      stepped_ = true;
      any_request_ = true;
      return push(std::move(st));
    }
    const auto op = op_from_name(o.text);
    if (!op) return fail(o, "unknown op " + shown(o.text));
    st.kind = StmtKind::kRequest;
    st.op = *op;
    grants_.clear();
    std::size_t j = i + 2;
    if (!need(j, "arguments of " + o.text)) return false;
    if (!args(st, j)) return false;
    if (!signers(st, j)) return false;
    for (const auto& [device, holder] : grants_) {
      devices_.insert(device);
      holders_[device].insert(holder);
    }
    ++requests_;
    any_request_ = true;
    stepped_ = true;
    return push(std::move(st));
  }

  // The op's arguments from token j, role by role as the op table spells them
  // (model/ops.h); leaves j at the first signer token.
  bool args(Statement& st, std::size_t& j) {
    const OpInfo& info = op_info(st.op);
    // A device created for the `for` actor is granted once that actor is known (the end).
    const bool deferred_grant = info.has_role(ArgRole::kOptFor);
    const Token* created = nullptr;
    for (std::size_t k = 0; k < info.role_count; ++k) {
      std::string id, name;
      const ArgRole role = info.roles[k];
      switch (role) {
        case ArgRole::kAddedDevice:
          if (!need(j, "device ID/DEV") || !ref(toks_[j], "device", id, name)) return false;
          st.identity = id;
          if (!new_device(toks_[j], id, st.actor)) return false;
          st.device = toks_[j++].text;
          break;
        case ArgRole::kDevice:
          if (!need(j, "device ID/DEV") || !known_device(toks_[j], st.identity)) return false;
          st.device = toks_[j++].text;
          break;
        case ArgRole::kNewDevice:
          if (!need(j, "new device ID/DEV")) return false;
          if (st.identity.empty()) {
            if (!ref(toks_[j], "device", id, name)) return false;
            st.identity = id;
          }
          if (deferred_grant) {
            created = &toks_[j];
          } else if (!new_device(toks_[j], st.identity, st.actor)) {
            return false;
          }
          st.device2 = toks_[j++].text;
          break;
        case ArgRole::kKind:
          if (!need(j, "device kind") || !kind(toks_[j], st.device_kind)) return false;
          ++j;
          break;
        case ArgRole::kPurpose:
          if (!need(j, "device purpose") || !purpose(toks_[j], st.purpose)) return false;
          ++j;
          break;
        case ArgRole::kOptProtected:
          if (is(j, "protected")) {
            st.is_protected = true;
            ++j;
          }
          break;
        case ArgRole::kIdentity:
          if (!need(j, "identity") || !known_identity(toks_[j].text, toks_[j].col)) return false;
          st.identity = toks_[j++].text;
          break;
        case ArgRole::kDelay:
          if (!need(j, "duration") || !duration(toks_[j], st.duration)) return false;
          ++j;
          break;
        case ArgRole::kChange:
          if (!need(j, "all or a change number")) return false;
          if (!is(j, "all") && !number32(toks_[j], 1, st.number)) return false;
          ++j;
          break;
        case ArgRole::kAddedGuardian:
        case ArgRole::kGuardian: {
          if (!need(j, "guardian ID/ACTOR") || !ref(toks_[j], "guardian", id, name)) return false;
          const int col = toks_[j].col + static_cast<int>(id.size()) + 1;
          if (role == ArgRole::kAddedGuardian ? !introduce_actor(name, col) : !known_actor(name, col))
            return false;
          // An added guardian may co-sign later requests (`by ID/DEV+ID/ACTOR`); whether it is
          // a guardian by then is the protocol's to judge.
          if (role == ArgRole::kAddedGuardian) guardians_.insert(toks_[j].text);
          st.identity = id;
          st.guardian = name;
          ++j;
          break;
        }
        case ArgRole::kOptWeight:
          if (is(j, "weight")) {
            if (!need(j + 1, "weight") || !number32(toks_[j + 1], 1, st.weight)) return false;
            j += 2;
          }
          break;
        case ArgRole::kFollowee: {
          if (!need(j, "followee ID/GUARDIAN")) return false;
          const Token& f = toks_[j];
          if (!ref(f, "guardian", id, name)) return false;
          if (id != st.identity)
            return fail(f, shown(f.text) + " is not a guardian of identity " + shown(st.identity));
          if (!known_actor(name, f.col + static_cast<int>(id.size()) + 1)) return false;
          st.actor2 = name;
          ++j;
          break;
        }
        case ArgRole::kOptFor:
          if (is(j, "for")) {
            if (!need(j + 1, "actor after for")) return false;
            if (!introduce_actor(toks_[j + 1].text, toks_[j + 1].col)) return false;
            st.actor2 = toks_[j + 1].text;
            j += 2;
          }
          break;
        case ArgRole::kOptTtl:
          if (is(j, "ttl")) {
            if (!need(j + 1, "duration") || !duration(toks_[j + 1], st.duration)) return false;
            j += 2;
          }
          break;
        case ArgRole::kAsset:
          if (!need(j, "asset ID/ASSET") || !ref(toks_[j], "asset", id, name)) return false;
          st.identity = id;
          st.device = toks_[j++].text;
          break;
        case ArgRole::kAmount:
          if (!need(j, "amount") || !amount(toks_[j], st.amount)) return false;
          ++j;
          break;
        case ArgRole::kTo:
          if (!need(j, "to ACTOR")) return false;
          if (!is(j, "to")) return fail(toks_[j], "expected to, found " + shown(toks_[j].text));
          if (!need(j + 1, "actor after to")) return false;
          if (!introduce_actor(toks_[j + 1].text, toks_[j + 1].col)) return false;
          st.actor2 = toks_[j + 1].text;
          j += 2;
          break;
        case ArgRole::kCode:
          if (!need(j, "right or wrong")) return false;
          if (is(j, "right")) {
            st.code_right = true;
          } else if (is(j, "wrong")) {
            st.code_right = false;
          } else {
            return fail(toks_[j], "expected right or wrong, found " + shown(toks_[j].text));
          }
          ++j;
          break;
        case ArgRole::kThreshold:
          if (!need(j, "threshold") || !number32(toks_[j], 0, st.number)) return false;
          ++j;
          break;
      }
    }
    if (created != nullptr)
      return new_device(*created, st.identity, st.actor2.empty() ? st.actor : st.actor2);
    return true;
  }

  bool signers(Statement& st, std::size_t j) {
    if (j >= toks_.size()) return fail(end_col(), "missing signers: " + std::string(kSignerHelp));
    if (is(j, "unsigned")) {
      st.signer_mode = SignerMode::kUnsigned;
      return done(j + 1);
    }
    if (!is(j, "by"))
      return fail(toks_[j], "expected signers (" + std::string(kSignerHelp) + "), found " +
                                shown(toks_[j].text));
    if (!need(j + 1, "signers after by")) return false;
    const Token& t = toks_[j + 1];
    if (t.text == "session") {
      st.signer_mode = SignerMode::kSession;
    } else if (t.text == "app-session") {
      st.signer_mode = SignerMode::kAppSession;
    } else if (t.text == "guardian") {
      st.signer_mode = SignerMode::kGuardian;
    } else {
      st.signer_mode = SignerMode::kDevices;
      std::size_t b = 0;
      for (;;) {
        const std::size_t plus = t.text.find('+', b);
        const std::size_t e = plus == std::string::npos ? t.text.size() : plus;
        const std::string d = t.text.substr(b, e - b);
        const int col = t.col + static_cast<int>(b);
        if (st.signers.size() + st.cosigners.size() >= kMaxSigners)
          return fail(col, "too many signers (at most " + std::to_string(kMaxSigners) + ")");
        if (devices_.count(d) || d.find('/') == std::string::npos) {
          std::string id;
          if (!known_device(d, col, id)) return false;
          if (!holders_[d].count(st.actor))
            return fail(col, shown(st.actor) + " does not hold " + shown(d));
          st.signers.push_back(d);
        } else if (!cosigner(st, d, col)) {
          return false;
        }
        if (plus == std::string::npos) break;
        b = plus + 1;
      }
    }
    return done(j + 2);
  }

  // A `by` part that names no device: a guardian co-signing with its own key, `ID/ACTOR` with
  // ID the request's identity and ACTOR one of its guardians (a `guardian` line or an earlier
  // `add-guardian`) or the requester itself. Who obtains the signature is the co-signing
  // rule (sim/world.h cosign_refusal), checked here in file order as `colludes` lines say.
  bool cosigner(Statement& st, const std::string& d, int col) {
    std::string id, name;
    if (!ref(d, col, "device or guardian", id, name)) return false;
    if (!guardians_.count(d) && name != st.actor)
      return fail(col, "unknown device or guardian " + shown(d));
    if (id != st.identity)
      return fail(col, shown(d) + " co-signs for identity " + shown(id) + ", not " +
                           shown(st.identity));
    const std::string why =
        cosign_refusal(name == st.actor, st.actor == st.identity, colluding_.count(name) > 0);
    if (!why.empty())
      return fail(col, shown(d) + " does not co-sign for " + shown(st.actor) + " (" + why + ")");
    st.cosigners.push_back(d);
    return true;
  }

  // ------------------------------------------------------------------ expectations

  bool expect_line(Statement& st, std::size_t i) {
    const Token& k = toks_[i];
    if (!stepped_) return fail(k, "expectation before the first step");
    st.kind = StmtKind::kExpect;
    if (k.text != "expect" && !only(k, st.only)) return false;
    if (!need(i + 1, "expectation")) return false;
    const Token& w = toks_[i + 1];
    std::size_t j = i + 2;
    std::string id, name;
    if (w.text == "accepted" || w.text == "pending" || w.text == "rejected") {
      if (!any_request_) return fail(w, "expect " + w.text + " before any request");
      st.expect = w.text == "accepted"  ? ExpectKind::kAccepted
                  : w.text == "pending" ? ExpectKind::kPending
                                        : ExpectKind::kRejected;
      if (st.expect == ExpectKind::kRejected && j < toks_.size()) {
        const auto r = reject_from_name(toks_[j].text);
        if (!r || *r == Reject::kNone)
          return fail(toks_[j], "unknown reject code " + shown(toks_[j].text));
        st.reject = *r;
        ++j;
      }
    } else if (w.text == "control" || w.text == "no-control") {
      st.expect = w.text == "control" ? ExpectKind::kControl : ExpectKind::kNoControl;
      if (!need(j, "identity") || !known_identity(toks_[j].text, toks_[j].col)) return false;
      st.identity = toks_[j].text;
      if (!need(j + 1, "actor") || !known_actor(toks_[j + 1].text, toks_[j + 1].col)) return false;
      st.actor = toks_[j + 1].text;
      j += 2;
    } else if (w.text == "locked-out") {
      st.expect = ExpectKind::kLockedOut;
      if (!need(j, "identity") || !known_identity(toks_[j].text, toks_[j].col)) return false;
      st.identity = toks_[j].text;
      ++j;
    } else if (w.text == "present" || w.text == "absent") {
      st.expect = w.text == "present" ? ExpectKind::kPresent : ExpectKind::kAbsent;
      if (!need(j, "device ID/DEV") || !known_device(toks_[j], st.identity)) return false;
      st.device = toks_[j].text;
      ++j;
    } else if (w.text == "notified") {
      st.expect = ExpectKind::kNotified;
      if (!need(j, "identity") || !known_identity(toks_[j].text, toks_[j].col)) return false;
      st.identity = toks_[j].text;
      if (!need(j + 1, "op name")) return false;
      const auto op = op_from_name(toks_[j + 1].text);
      if (!op) return fail(toks_[j + 1], "unknown op " + shown(toks_[j + 1].text));
      st.notified_op = *op;
      j += 2;
    } else if (w.text == "asset" || w.text == "swept") {
      st.expect = w.text == "asset" ? ExpectKind::kAsset : ExpectKind::kSwept;
      if (!need(j, "asset ID/NAME") || !ref(toks_[j], "asset", id, name)) return false;
      if (!assets_.count(toks_[j].text))
        return fail(toks_[j], "unknown asset " + shown(toks_[j].text));
      st.identity = id;
      st.device = toks_[j].text;
      if (!need(j + 1, "comparison")) return false;
      const Token& c = toks_[j + 1];
      if (std::find(kCompares.begin(), kCompares.end(), c.text) == kCompares.end())
        return fail(c, "bad comparison " + shown(c.text) + " (== != < <= > >=)");
      st.compare = c.text;
      if (!need(j + 2, "amount") || !amount(toks_[j + 2], st.amount)) return false;
      j += 3;
    } else if (w.text == "holds" || w.text == "violates") {
      st.expect = w.text == "holds" ? ExpectKind::kHolds : ExpectKind::kViolates;
      if (!need(j, "invariant id")) return false;
      const auto& ids = invariant_ids();
      if (std::find(ids.begin(), ids.end(), toks_[j].text) == ids.end())
        return fail(toks_[j], "unknown invariant " + shown(toks_[j].text));
      st.invariant = toks_[j].text;
      ++j;
    } else {
      return fail(w, "unknown expectation " + shown(w.text));
    }
    if (!done(j)) return false;
    return push(std::move(st));
  }

  // expect[v1,v2]: the names must be variants this scenario runs under.
  bool only(const Token& k, std::vector<std::string>& out) {
    const std::string& s = k.text;
    if (!s.ends_with("]") || s.size() < 8)
      return fail(k, "malformed " + shown(s) + " (expected expect[v1,v2])");
    const std::vector<std::string> builtin = builtin_variant_names();
    std::vector<std::string> allowed;
    if (sc_.variants.empty()) {
      allowed = builtin;
    } else {
      for (const std::string& v : sc_.variants)
        allowed.push_back(v.ends_with(".toml") ? stem_of(v) : v);
    }
    const std::string inner = s.substr(7, s.size() - 8);
    if (inner.empty()) return fail(k, "empty variant list in " + shown(s));
    std::size_t b = 0;
    for (;;) {
      const std::size_t comma = inner.find(',', b);
      const std::size_t e = comma == std::string::npos ? inner.size() : comma;
      const std::string v = inner.substr(b, e - b);
      const int col = k.col + 7 + static_cast<int>(b);
      if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
        const bool is_builtin = std::find(builtin.begin(), builtin.end(), v) != builtin.end();
        return fail(col, is_builtin
                             ? "variant " + shown(v) + " is not among the scenario's variants"
                             : "unknown variant " + shown(v));
      }
      if (std::find(out.begin(), out.end(), v) != out.end())
        return fail(col, "variant " + shown(v) + " named twice");
      out.push_back(v);
      if (comma == std::string::npos) break;
      b = comma + 1;
    }
    return true;
  }

  Scenario sc_;
  std::optional<Error> err_;
  int line_ = 0;
  std::vector<Token> toks_;
  Time now_ = 0;
  bool stepped_ = false;      // an event, request, replay or `at` has happened
  bool has_bounds_ = false;   // a bounds line was read
  bool any_request_ = false;  // a request or replay has happened
  uint32_t requests_ = 0;     // request lines so far (what `replay K` counts)
  bool has_name_ = false, has_about_ = false, has_variants_ = false;
  std::set<std::string> identities_, actors_, devices_, assets_, guardians_, settings_;
  std::map<std::string, std::size_t> guardian_count_, asset_count_;
  std::map<std::string, std::set<std::string>> holders_;     // device -> actors holding it
  std::set<std::string> colluding_;  // actors a `colludes` line turned (co-signing rule)
  std::vector<std::pair<std::string, std::string>> grants_;  // this line's new devices
};

}  // namespace

Result<Scenario> parse_scenario(std::string_view text, std::string_view file_name) {
  return Parser(file_name).run(text);
}

Result<Scenario> load_setup(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return Error{path, 0, 0, "cannot open " + path + " (missing or not a regular file)"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path, 0, 0, "cannot open " + path};
  std::string text;
  text.resize(kMaxScenarioFile + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return Error{path, 0, 0, "cannot read " + path};
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxScenarioFile)
    return Error{path, 0, 0,
                 path + " is larger than " + std::to_string(kMaxScenarioFile) + " bytes"};
  return parse_scenario(text, path);
}

Result<Scenario> load_scenario(const std::string& path) {
  Result<Scenario> sc = load_setup(path);
  if (!sc) return sc;
  // A file is a whole scenario: it names itself, and runs something that can be checked.
  if (sc->name.empty())
    return Error{path, 1, 1, "no scenario line (a scenario file begins with `scenario NAME`)"};
  const bool checks = std::any_of(sc->statements.begin(), sc->statements.end(), [](const auto& st) {
    return st.kind == StmtKind::kEvent || st.kind == StmtKind::kRequest ||
           st.kind == StmtKind::kReplay || st.kind == StmtKind::kExpect;
  });
  if (!checks)
    return Error{path, 1, 1,
                 "scenario " + sc->name +
                     " checks nothing: it has no event, request, replay or expectation"};
  return sc;
}

}  // namespace reclaim
