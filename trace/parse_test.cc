// Tests for the .scn parser: the stolen-yubikey example parses to the statements and times it
// describes, every class of bad input is reported at the line and column of the token that
// causes it, a scenario using every op and expectation survives parse -> write -> parse,
// and no input — random bytes or a mutated valid file — crashes, hangs, or parses to
// something the writer cannot reproduce.
#include "trace/parse.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "trace/testing.h"
#include "trace/write.h"

namespace reclaim {
namespace {

// Every op, every expectation, every event, every signer form, relative and absolute times.
constexpr std::string_view kRich = R"scn(scenario rich-1
about "Every op, \"quoted\" and \\ escaped	(tab)"
variants ii-2021 social vault my/variant.toml

identity alice
identity bob
device alice/laptop passkey auth
device alice/yubikey security-key auth held-by alice,carol
device alice/phrase seed-phrase recovery protected
device bob/key hardware-wallet auth
guardian alice/bob weight 2
guardian alice/carol
asset alice/neuron 500 locked-until 180d
asset alice/coin 7
setting alice removal-delay 1w
setting alice guardian-threshold 2

alice reacts within 1d
at 0 mallory steals alice/yubikey
mallory copies alice/laptop
alice loses alice/laptop
mallory hijacks alice
carol colludes
at 1h mallory: remove-device alice/phrase by alice/yubikey
expect[ii-2021] accepted
expect[social,vault] pending
expect rejected
expect rejected two-factor
at +30d mallory: add-device alice/evil security-key auth protected by alice/yubikey
alice: protect alice/phrase by alice/phrase
alice: unprotect alice/phrase by alice/phrase+alice/phrase
alice: replace-device alice/phrase alice/phrase2 seed-phrase recovery protected by alice/phrase
alice: set-removal-delay alice 1mo by alice/phrase2
alice: cancel alice all by alice/phrase2
alice: cancel alice 3 by alice/phrase2
alice: add-guardian alice/dave weight 3 by alice/phrase2
alice: add-guardian alice/erin by alice/phrase2
alice: remove-guardian alice/dave by alice/phrase2
bob: follow alice/bob alice/carol by guardian
bob: start-recovery alice/fresh passkey for alice by guardian
carol: start-recovery alice/fresh2 seed-phrase by guardian
bob: approve-recovery alice by guardian
alice: veto-recovery alice by alice/phrase2
carol: lock alice by guardian
alice: unlock alice by alice/phrase2
alice: login alice by alice/phrase2
alice: login alice ttl 2h by alice/phrase2
alice: app-login alice ttl 1d by alice/phrase2
alice: transfer alice/neuron 1 to alice by app-session
mallory: transfer alice/neuron 100 to mallory by session
mallory: withdraw alice/coin 7 to mallory by session
alice: clawback alice/coin by alice/fresh
mallory: sweep alice/coin unsigned
alice: add-contact alice to bob by alice/fresh
alice: enter-registration alice by alice/fresh
mallory: add-tentative alice/tent passkey auth unsigned
alice: verify-tentative alice right by alice/fresh
mallory: verify-tentative alice wrong by alice/tent
alice: set-guardian-threshold alice 1 by alice/fresh
mallory: replay 1
mallory: replay 1 reordered
mallory: replay 2 doubled
mallory: replay 1 with-signatures-of 3
at 1y
expect control alice alice
expect locked-out alice
expect present alice/fresh
expect absent alice/evil
expect notified alice remove-device
expect asset alice/neuron >= 400
expect asset alice/coin == 0
expect swept alice/coin >= 0
expect holds RECLAIM
expect[social] violates AUTH
expect[variant,ii-2021] holds AUTH
at +1d expect locked-out bob
expect no-control bob mallory
)scn";

std::string rich_text() { return std::string(kRich); }

Scenario parse_or_die(std::string_view text) {
  auto r = parse_scenario(text, "t.scn");
  if (!r.ok()) {
    ADD_FAILURE() << r.error().str();
    return Scenario{};
  }
  return *r;
}

// ----------------------------------------------------------------------------- the example

TEST(Parse, StolenYubikeyExample) {
  const Scenario s = parse_or_die(kStolenYubikeyExample);
  EXPECT_EQ(s.variant_locs, (std::vector<Loc>{{3, 10}, {3, 18}, {3, 31}, {3, 40}, {3, 53}}));
  EXPECT_EQ(s.name, "stolen-yubikey");
  EXPECT_EQ(s.about, "A thief takes Alice's YubiKey and tries to lock her out.");
  EXPECT_EQ(s.variants, (std::vector<std::string>{"ii-2021", "ii-protected", "timelock",
                                                  "timelock-2fa", "social"}));
  EXPECT_EQ(s.file, "t.scn");
  ASSERT_EQ(s.statements.size(), 17u);
  const auto& st = s.statements;

  EXPECT_EQ(st[0].kind, StmtKind::kIdentity);
  EXPECT_EQ(st[0].identity, "alice");
  EXPECT_EQ(st[0].loc, (Loc{5, 1}));

  EXPECT_EQ(st[1].kind, StmtKind::kDevice);
  EXPECT_EQ(st[1].device, "alice/laptop");
  EXPECT_EQ(st[1].identity, "alice");
  EXPECT_EQ(st[1].device_kind, DeviceKind::kPasskey);
  EXPECT_EQ(st[1].purpose, Purpose::kAuth);
  EXPECT_FALSE(st[1].is_protected);
  EXPECT_TRUE(st[1].holders.empty());
  EXPECT_EQ(st[2].device_kind, DeviceKind::kSecurityKey);
  EXPECT_EQ(st[3].device, "alice/phrase");
  EXPECT_EQ(st[3].device_kind, DeviceKind::kSeedPhrase);
  EXPECT_EQ(st[3].purpose, Purpose::kRecovery);
  EXPECT_TRUE(st[3].is_protected);

  EXPECT_EQ(st[4].kind, StmtKind::kGuardian);
  EXPECT_EQ(st[4].identity, "alice");
  EXPECT_EQ(st[4].actor, "bob");
  EXPECT_EQ(st[4].weight, 1u);

  EXPECT_EQ(st[5].kind, StmtKind::kAsset);
  EXPECT_EQ(st[5].device, "alice/neuron");
  EXPECT_EQ(st[5].amount, 500);
  EXPECT_EQ(st[5].locked_until, 180 * kDay);

  EXPECT_EQ(st[6].kind, StmtKind::kSetting);
  EXPECT_EQ(st[6].setting, "removal-delay");
  EXPECT_EQ(st[6].duration, kWeek);

  EXPECT_EQ(st[7].kind, StmtKind::kEvent);
  EXPECT_EQ(st[7].event, EventKind::kReacts);
  EXPECT_EQ(st[7].actor, "alice");
  EXPECT_EQ(st[7].duration, kDay);
  EXPECT_EQ(st[7].time, 0);
  EXPECT_FALSE(st[7].has_at);

  EXPECT_EQ(st[8].kind, StmtKind::kEvent);
  EXPECT_EQ(st[8].event, EventKind::kSteal);
  EXPECT_EQ(st[8].actor, "mallory");
  EXPECT_EQ(st[8].device, "alice/yubikey");
  EXPECT_TRUE(st[8].has_at);
  EXPECT_EQ(st[8].time, 0);
  EXPECT_EQ(st[8].loc, (Loc{14, 1}));

  EXPECT_EQ(st[9].kind, StmtKind::kRequest);
  EXPECT_EQ(st[9].op, Op::kRemoveDevice);
  EXPECT_EQ(st[9].actor, "mallory");
  EXPECT_EQ(st[9].identity, "alice");
  EXPECT_EQ(st[9].device, "alice/phrase");
  EXPECT_EQ(st[9].signer_mode, SignerMode::kDevices);
  EXPECT_EQ(st[9].signers, std::vector<std::string>{"alice/yubikey"});
  EXPECT_EQ(st[9].time, kHour);
  EXPECT_EQ(st[9].at_value, kHour);
  EXPECT_FALSE(st[9].relative);

  EXPECT_EQ(st[10].kind, StmtKind::kExpect);
  EXPECT_EQ(st[10].expect, ExpectKind::kAccepted);
  EXPECT_EQ(st[10].only, std::vector<std::string>{"ii-2021"});
  EXPECT_EQ(st[10].time, kHour);
  EXPECT_EQ(st[11].expect, ExpectKind::kPending);
  EXPECT_EQ(st[11].only, (std::vector<std::string>{"timelock", "timelock-2fa", "social"}));

  EXPECT_EQ(st[12].op, Op::kAddDevice);
  EXPECT_EQ(st[12].device, "alice/evil");
  EXPECT_EQ(st[12].device_kind, DeviceKind::kSecurityKey);
  EXPECT_EQ(st[12].purpose, Purpose::kAuth);
  EXPECT_TRUE(st[12].relative);
  EXPECT_EQ(st[12].at_value, kHour);
  EXPECT_EQ(st[12].time, 2 * kHour);

  EXPECT_EQ(st[13].kind, StmtKind::kAdvance);
  EXPECT_EQ(st[13].time, 8 * kDay);

  EXPECT_EQ(st[14].expect, ExpectKind::kLockedOut);
  EXPECT_EQ(st[14].identity, "alice");
  EXPECT_EQ(st[14].time, 8 * kDay);
  EXPECT_EQ(st[15].expect, ExpectKind::kControl);
  EXPECT_EQ(st[15].identity, "alice");
  EXPECT_EQ(st[15].actor, "alice");
  EXPECT_EQ(st[16].expect, ExpectKind::kAbsent);
  EXPECT_EQ(st[16].device, "alice/evil");
  EXPECT_EQ(st[16].loc, (Loc{22, 1}));
}

TEST(Parse, NoControlNamesAnIdentityAndAnActorAndWritesBack) {
  const Scenario s = parse_or_die(
      "identity alice\ndevice alice/k passkey auth\nat 0 mallory copies alice/k\n"
      "expect no-control alice alice\nexpect[ii-2021] no-control alice mallory\n");
  ASSERT_EQ(s.statements.size(), 5u);
  EXPECT_EQ(s.statements[3].expect, ExpectKind::kNoControl);
  EXPECT_EQ(s.statements[3].identity, "alice");
  EXPECT_EQ(s.statements[3].actor, "alice");
  EXPECT_EQ(s.statements[4].expect, ExpectKind::kNoControl);
  EXPECT_EQ(s.statements[4].actor, "mallory");
  EXPECT_EQ(write_statement(s.statements[3]), "expect no-control alice alice");
  const Scenario back = parse_or_die(write_scenario(s));
  EXPECT_TRUE(same_scenario(s, back));
}

TEST(Parse, EmptyAndCommentOnlyInputsAreEmptyScenarios) {
  for (std::string_view text : {"", "\n\n", "# nothing\n   # still nothing\n\t\n", "\r\n"}) {
    const Scenario s = parse_or_die(text);
    EXPECT_TRUE(s.statements.empty());
    EXPECT_TRUE(s.name.empty());
  }
}

TEST(Parse, CrlfAndTabsAndTrailingComments) {
  const Scenario s = parse_or_die(
      "identity alice\r\n\tdevice\talice/k passkey auth # the key\r\nat 2h#late\r\n"
      "alice: lock alice by alice/k#signed\r\n");
  ASSERT_EQ(s.statements.size(), 4u);
  EXPECT_EQ(s.statements[1].loc, (Loc{2, 2}));
  EXPECT_EQ(s.statements[2].time, 2 * kHour);
  EXPECT_EQ(s.statements[3].time, 2 * kHour);
  EXPECT_EQ(s.statements[3].signers, std::vector<std::string>{"alice/k"});
}

TEST(Parse, HoldingsFollowEventsAndNewDevices) {
  // Each line is valid only because of the holdings the lines before it leave.
  const Scenario s = parse_or_die(
      "identity alice\n"
      "device alice/k passkey auth held-by bob\n"
      "at 0 bob: add-device alice/n passkey auth by alice/k\n"  // bob holds k (held-by)
      "bob: lock alice by alice/n\n"                            // n went to bob
      "mallory copies alice/n\n"
      "mallory: lock alice by alice/n\n"
      "bob loses alice/n\n"
      "mallory steals alice/k\n"
      "mallory: lock alice by alice/k+alice/n\n"
      "mallory: start-recovery alice/r passkey for carol unsigned\n"
      "carol: lock alice by alice/r\n"
      "mallory: replace-device alice/k alice/k2 passkey auth by alice/k\n"
      "mallory: lock alice by alice/k2\n"
      "mallory: add-tentative alice/t passkey auth unsigned\n"
      "mallory: lock alice by alice/t\n"
      "mallory: replay 2\n"
      "expect accepted\n");
  ASSERT_EQ(s.statements.size(), 17u);
  EXPECT_EQ(s.statements[15].kind, StmtKind::kReplay);
  EXPECT_EQ(s.statements[15].number, 2u);
  // ...and the same lines fail once a holding is gone.
  for (std::string_view bad : {
           "identity alice\ndevice alice/k passkey auth held-by bob\nalice: lock alice by alice/k",
           "identity alice\ndevice alice/k passkey auth\nbob steals alice/k\n"
           "alice: lock alice by alice/k",
           "identity alice\ndevice alice/k passkey auth\nalice loses alice/k\n"
           "alice: lock alice by alice/k",
           "identity alice\ndevice alice/k passkey auth\n"
           "alice: start-recovery alice/r passkey for carol by alice/k\n"
           "alice: lock alice by alice/r",
       }) {
    auto r = parse_scenario(bad, "t.scn");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().message.find("does not hold"), std::string::npos) << r.error().str();
  }
}

TEST(Parse, GuardiansCoSignBesideDevicesUnderTheCoSigningRule) {
  // A `by` part naming no device is a guardian of the request's identity signing with its own
  // key; who obtains that signature follows the co-signing rule (sim/world.h).
  const std::string setup =
      "identity alice\n"
      "device alice/phone passkey auth\n"
      "guardian alice/g1\n"
      "guardian alice/g2\n"
      "asset alice/eth 100\n";
  const Scenario s = parse_or_die(
      setup +
      "at 0 alice: transfer alice/eth 5 to bob by alice/phone+alice/g1+alice/g2\n"  // owner
      "alice: transfer alice/eth 5 to bob by alice/g2+alice/phone\n"  // any order
      "g1: transfer alice/eth 5 to bob by alice/g1\n"                 // itself
      "alice: add-guardian alice/g3 by alice/phone+alice/g1\n"
      "alice: transfer alice/eth 5 to bob by alice/phone+alice/g3\n"  // added above
      "mallory steals alice/phone\n"
      "g2 colludes\n"
      "mallory: transfer alice/eth 5 to mallory by alice/phone+alice/g2\n"
      "mallory: transfer alice/eth 5 to mallory by alice/phone+alice/mallory\n");  // own key
  ASSERT_EQ(s.statements.size(), 14u);
  const Statement& first = s.statements[5];
  EXPECT_EQ(first.signer_mode, SignerMode::kDevices);
  EXPECT_EQ(first.signers, std::vector<std::string>{"alice/phone"});
  EXPECT_EQ(first.cosigners, (std::vector<std::string>{"alice/g1", "alice/g2"}));
  // Devices sign first whatever the order written, so the writer puts them first.
  EXPECT_EQ(s.statements[6].cosigners, std::vector<std::string>{"alice/g2"});
  EXPECT_EQ(write_statement(s.statements[6]),
            "alice: transfer alice/eth 5 to bob by alice/phone+alice/g2");
  EXPECT_TRUE(s.statements[7].signers.empty());
  EXPECT_EQ(s.statements[7].cosigners, std::vector<std::string>{"alice/g1"});
  EXPECT_EQ(s.statements[9].cosigners, std::vector<std::string>{"alice/g3"});
  EXPECT_EQ(s.statements[12].cosigners, std::vector<std::string>{"alice/g2"});
  EXPECT_EQ(s.statements[13].cosigners, std::vector<std::string>{"alice/mallory"});
  auto again = parse_scenario(write_scenario(s), "again.scn");
  ASSERT_TRUE(again.ok()) << again.error().str();
  EXPECT_TRUE(same_scenario(s, *again));

  // What the rule refuses, each at the part's column.
  struct Refused {
    std::string lines;
    int col;
    std::string message;
  };
  const std::vector<Refused> refused = {
      {"at 0 mallory steals alice/phone\n"
       "mallory: transfer alice/eth 5 to mallory by alice/phone+alice/g1",
       57, "'alice/g1' does not co-sign for 'mallory' (an honest guardian co-signs only the "
           "owner's requests)"},
      {"at 0 g1 colludes\nalice: transfer alice/eth 5 to bob by alice/phone+alice/g1", 51,
       "'alice/g1' does not co-sign for 'alice' (a colluding guardian acts for the attacker, "
       "not the owner)"},
      {"at 0 g2: transfer alice/eth 5 to bob by alice/g1", 41,
       "'alice/g1' does not co-sign for 'g2'"},
      {"at 0 alice: transfer alice/eth 5 to bob by alice/phone+alice/carol", 56,
       "unknown device or guardian 'alice/carol'"},
      {"identity bob\nguardian bob/g1\n"
       "at 0 alice: transfer alice/eth 5 to bob by alice/phone+bob/g1",
       56, "'bob/g1' co-signs for identity 'bob', not 'alice'"},
      {"at 0 alice: transfer alice/eth 5 to bob by "
       "alice/phone+alice/g1+alice/g2+alice/phone+alice/g1",
       86, "too many signers"},
  };
  for (const Refused& r : refused) {
    SCOPED_TRACE(r.lines);
    auto bad = parse_scenario(setup + r.lines, "bad.scn");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().line, 5 + static_cast<int>(std::count(r.lines.begin(), r.lines.end(), '\n')) + 1)
        << bad.error().str();
    EXPECT_EQ(bad.error().col, r.col) << bad.error().str();
    EXPECT_NE(bad.error().message.find(r.message), std::string::npos) << bad.error().str();
  }
}

// ----------------------------------------------------------------------------- bad input

struct BadCase {
  std::string text;
  int line;
  int col;
  std::string message;  // a substring of the error message
};

// Three setup lines most cases build on.
const std::string kBase =
    "identity alice\ndevice alice/key passkey auth\ndevice alice/phrase seed-phrase recovery "
    "protected\n";

std::vector<BadCase> bad_cases() {
  std::string many_tokens = "identity";
  for (int i = 0; i < 70; ++i) many_tokens += " a";
  std::string many_actors = "identity alice\ndevice alice/x passkey auth held-by ";
  for (int i = 1; i <= 16; ++i) many_actors += (i > 1 ? "," : "") + ("a" + std::to_string(i));
  return {
      // unknown words
      {kBase + "devise alice/x passkey auth", 4, 1, "unknown keyword"},
      {kBase + "alice stole alice/key", 4, 7, "unknown event"},
      {kBase + "alice: remove alice/key by alice/key", 4, 8, "unknown op"},
      {"identity alice\ndevice alice/x yubikey auth", 2, 16, "unknown kind"},
      {"identity alice\ndevice alice/x passkey backup", 2, 24, "unknown purpose"},
      {kBase + "alice: lock alice by alice/key\nexpect rejected nope", 5, 17,
       "unknown reject code"},
      {kBase + "at 0\nexpect holds AUTHZ", 5, 14, "unknown invariant"},
      {kBase + "at 0\nexpect maybe", 5, 8, "unknown expectation"},
      {"identity alice\nsetting alice delay 1w", 2, 15, "unknown setting"},
      {"identity alice\nat 0\nexpect notified alice stealing", 3, 23, "unknown op"},
      // variants
      {"variants ii-2021 ii-2022", 1, 18, "unknown variant"},
      {"variants social social", 1, 17, "named twice"},
      {"variants a/mine.toml b/mine.toml", 1, 22, "has the same name as 'a/mine.toml'"},
      {"variants timelock x/timelock.toml", 1, 19, "has the same name as 'timelock'"},
      {kBase + "at 0\nexpect[ii-2021,nope] holds AUTH", 5, 16, "unknown variant"},
      {"variants ii-2021\nidentity alice\nat 0\nexpect[social] holds AUTH", 4, 8,
       "not among the scenario's variants"},
      {kBase + "at 0\nexpect[] holds AUTH", 5, 1, "empty variant list"},
      // unknown names
      {kBase + "mallory steals alice/yubikey", 4, 16, "unknown device"},
      {kBase + "alice: lock alice by alice/nope", 4, 22, "unknown device"},
      {kBase + "alice: remove-device alice/new by alice/key", 4, 22, "unknown device"},
      {kBase + "at 0\nexpect present alice/gone", 5, 16, "unknown device"},
      {kBase + "device bob/x passkey auth", 4, 8, "unknown identity"},
      {kBase + "mallory hijacks bob", 4, 17, "unknown identity"},
      {kBase + "at 0\nexpect control alice mallory", 5, 22, "unknown actor"},
      {kBase + "at 0\nexpect no-control alice mallory", 5, 25, "unknown actor"},
      {kBase + "at 0\nexpect no-control alice", 5, 24, "actor"},
      {kBase + "alice: remove-guardian alice/carol by alice/key", 4, 30, "unknown actor"},
      {"identity alice\nat 0\nexpect asset alice/m == 5", 3, 14, "unknown asset"},
      // time
      {kBase + "at 5x", 4, 4, "bad time"},
      {kBase + "at -1h", 4, 4, "bad time"},
      {kBase + "at 99999999999999y", 4, 4, "bad time"},
      {kBase + "at 2h\nat 1h", 5, 4, "before the current time"},
      {kBase + "at 100y\nat +1s", 5, 4, "beyond"},
      {kBase + "at", 4, 3, "missing time"},
      {kBase + "at 1h at 2h", 4, 7, "at most one at"},
      {kBase + "alice reacts within forever", 4, 21, "bad duration"},
      {kBase + "alice reacts within 0", 4, 21, "must be positive"},
      // holdings
      {kBase + "mallory: remove-device alice/phrase by alice/key", 4, 40, "does not hold"},
      {kBase + "mallory steals alice/key\nalice: lock alice by alice/key", 5, 22, "does not hold"},
      {kBase + "alice: lock alice by alice/key+alice/phrase+alice/x", 4, 45, "unknown device"},
      // expectation order
      {kBase + "expect locked-out alice", 4, 1, "before the first step"},
      {kBase + "at 0\nexpect accepted", 5, 8, "before any request"},
      {kBase + "alice: replay 1", 4, 15, "names no earlier request"},
      // duplicates
      {"identity alice\nidentity alice", 2, 10, "duplicate identity"},
      {kBase + "device alice/key passkey auth", 4, 8, "duplicate device"},
      {"scenario a\nscenario b", 2, 1, "duplicate scenario"},
      {"about \"a\"\nabout \"b\"", 2, 1, "duplicate about"},
      {"identity alice\nsetting alice removal-delay 1w\nsetting alice removal-delay 1d", 3, 15,
       "duplicate setting"},
      {"identity alice\nguardian alice/bob\nguardian alice/bob weight 2", 3, 10,
       "duplicate guardian"},
      {"identity alice\nasset alice/n 1\nasset alice/n 2", 3, 7, "duplicate asset"},
      // setup after the first step
      {kBase + "at 0\ndevice alice/x passkey auth", 5, 1, "after the first step"},
      {kBase + "at 0 identity bob", 4, 6, "after the first step"},
      {kBase + "alice colludes\nvariants social", 5, 1, "after the first step"},
      // malformed lines
      {kBase + "alice: lock alice", 4, 18, "missing signers"},
      {kBase + "alice: lock alice with alice/key", 4, 19, "expected signers"},
      {kBase + "alice: lock alice by alice/key extra", 4, 32, "unexpected 'extra'"},
      {"identity alice\ndevice alice/x passkey", 2, 23, "missing device purpose"},
      {kBase + "alice: cancel alice 0 by alice/key", 4, 21, "bad number"},
      {"identity alice\nguardian alice/bob weight 0", 2, 27, "bad number"},
      {"identity alice\nasset alice/n -5", 2, 15, "bad number"},
      {kBase + "at 0 alice: lock alice by alice/key\nalice: replay 1 sideways", 5, 17,
       "expected reordered, doubled or with-signatures-of"},
      {kBase + "at 0 alice: lock alice by alice/key\nalice: replay 1 with-signatures-of 2", 5, 36,
       "names no earlier request line"},
      {kBase + "at 0 alice: lock alice by alice/key\nalice: replay 1 doubled twice", 5, 25,
       "unexpected 'twice'"},
      {"bounds", 1, 7, "missing a bound"},
      {"bounds seen 0", 1, 13, "bad number"},
      {"bounds seen 33", 1, 13, "bad number"},
      {"bounds sessions 5", 1, 17, "bad number"},
      {"bounds seen 4 seen 5", 1, 15, "duplicate bound"},
      {"bounds digests 4", 1, 8, "unknown bound"},
      {"bounds pending", 1, 15, "missing a number"},
      {"bounds seen 4\nbounds pending 2", 2, 1, "duplicate bounds line"},
      {kBase + "at 0\nbounds seen 4", 5, 1, "after the first step"},
      {"identity alice\nasset alice/n 5\nat 0\nexpect asset alice/n =~ 5", 4, 22, "bad comparison"},
      {kBase + "alice reacts 1d", 4, 14, "expected within"},
      {kBase + "alice: verify-tentative alice maybe by alice/key", 4, 31,
       "expected right or wrong"},
      {kBase + "alice: transfer alice/n 5 from bob by alice/key", 4, 27, "expected to"},
      {"identity alice\nidentity bob\ndevice alice/k passkey auth\n"
       "alice: replace-device alice/k bob/n passkey auth by alice/k",
       4, 31, "is not a device of identity"},
      {kBase + "alice: lock alice by alice/key+alice/key+alice/key+alice/key+alice/key", 4, 62,
       "too many signers"},
      {"identity al!ce", 1, 10, "bad identity name"},
      {"identity alice\ndevice alice passkey auth", 2, 8, "expected ID/NAME"},
      {"identity alice\ndevice alice/ passkey auth", 2, 14, "bad device name"},
      {kBase + "device: lock alice by alice/key", 4, 1, "may not be named"},
      {"identity \"alice\"", 1, 10, "quoted string"},
      {"about abc", 1, 7, "about needs a quoted string"},
      {"about \"abc", 1, 7, "unterminated string"},
      {"about \"a\\nb\"", 1, 9, "bad escape"},
      {"about \"a\x01"
       "b\"",
       1, 9, "control character"},
      {"about \"a\"b", 1, 10, "expected a space"},
      {"identity alice\ralice colludes", 1, 15, "carriage return inside a line"},
      {"identity alice\n# a comment\rat 0 alice colludes\n", 2, 12, "carriage return"},
      {"identity alice\r\r\n", 1, 15, "carriage return"},
      {"identity " + std::string(5000, 'a'), 1, 4097, "longer than 4096"},
      {"identity " + std::string(65, 'a'), 1, 10, "bad identity name"},
      // bounds of the world
      {many_tokens, 1, 136, "too many tokens"},
      {many_actors, 2, 88, "too many actors"},
      {"identity a\nidentity b\nidentity c\nidentity d\nidentity e", 5, 10, "too many identities"},
      // actor declarations
      {"identity alice\nactor", 2, 6, "missing actor name"},
      {"identity alice\nactor alice", 2, 7, "duplicate actor"},
      {"identity alice\nactor bob\nactor bob", 3, 7, "duplicate actor"},
      {"identity alice\nactor b/c", 2, 7, "bad actor name"},
      {"identity alice\nactor bob carol", 2, 11, "unexpected"},
      {"identity alice\nat 0 alice colludes\nactor bob", 3, 1, "after the first step"},
  };
}

// A variant path with a space is a quoted string on the `variants` line, and written back so.
TEST(Parse, AQuotedVariantPathMayHoldSpaces) {
  const Scenario s = parse_or_die("scenario q\nvariants timelock \"my dir/v.toml\"\n"
                                  "identity alice\nat 0 alice colludes\n");
  EXPECT_EQ(s.variants, (std::vector<std::string>{"timelock", "my dir/v.toml"}));
  EXPECT_EQ(write_scenario(s).find("variants timelock \"my dir/v.toml\"\n"), 11u);
  EXPECT_FALSE(parse_scenario("variants \"timelock\"\n", "t.scn").ok());  // a name is a word
  EXPECT_FALSE(parse_scenario("scenario \"q\"\n", "t.scn").ok());
}

// `actor NAME` makes an actor known before any step names it: follow and remove-guardian
// need their guardians known.
TEST(Parse, ActorLinesDeclareActors) {
  const Scenario s = parse_or_die(
      "identity alice\n"
      "actor mallory\n"
      "actor bob\n"
      "device alice/k passkey auth\n"
      "at 0 alice: follow alice/mallory alice/bob by alice/k\n");
  ASSERT_EQ(s.statements.size(), 5u);
  EXPECT_EQ(s.statements[1].kind, StmtKind::kActor);
  EXPECT_EQ(s.statements[1].actor, "mallory");
  EXPECT_FALSE(parse_scenario("identity alice\ndevice alice/k passkey auth\n"
                              "at 0 alice: follow alice/alice alice/bob by alice/k\n",
                              "t.scn")
                   .ok());
}

TEST(Parse, EveryBadInputIsReportedAtItsToken) {
  const std::vector<BadCase> cases = bad_cases();
  EXPECT_GE(cases.size(), 30u);
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.text);
    auto r = parse_scenario(c.text, "bad.scn");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().file, "bad.scn");
    EXPECT_EQ(r.error().line, c.line) << r.error().str();
    EXPECT_EQ(r.error().col, c.col) << r.error().str();
    EXPECT_NE(r.error().message.find(c.message), std::string::npos) << r.error().str();
    // str() is "file:line:col: message".
    EXPECT_EQ(r.error().str().rfind(
                  "bad.scn:" + std::to_string(c.line) + ":" + std::to_string(c.col) + ": ", 0),
              0u);
  }
}

TEST(Parse, StatementCountIsBounded) {
  std::string text = "identity alice\nat 0\n";
  for (std::size_t i = 0; i < kMaxScenarioStatements; ++i) text += "alice colludes\n";
  auto r = parse_scenario(text, "big.scn");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, static_cast<int>(kMaxScenarioStatements) + 1);
  EXPECT_NE(r.error().message.find("more than 100000 statements"), std::string::npos);
}

// A bounds line sets the named limits and leaves the others at their capacity; written back
// it names all four, and parses to the same limits.
TEST(Parse, BoundsLineSetsTheRunsLimits) {
  const Scenario s = parse_or_die("bounds pending 2 seen 4\nidentity alice\nat 0\n");
  ASSERT_EQ(s.statements.size(), 3u);
  ASSERT_EQ(s.statements[0].kind, StmtKind::kBounds);
  const Limits& l = s.statements[0].limits;
  EXPECT_EQ(l.seen, 4u);
  EXPECT_EQ(l.pending, 2u);
  EXPECT_EQ(l.notifications, kMaxNotifications);
  EXPECT_EQ(l.sessions, kMaxSessions);
  const std::string text = write_scenario(s);
  EXPECT_NE(text.find("bounds seen 4 notifications 16 pending 2 sessions 4\n"), std::string::npos)
      << text;
  EXPECT_TRUE(same_scenario(s, parse_or_die(text)));
}

TEST(Parse, TimeUnitsAndRelativeTimes) {
  const Scenario t = parse_or_die(
      "identity a\nat 90s\nat 15m\nat 2h\nat 3d\nat 1w\nat 1mo\nat 1y\nat +0\nat +1mo\n"
      "at 0400d\n");
  const std::vector<Time> want = {90,     15 * kMinute, 2 * kHour, 3 * kDay,       kWeek,
                                  kMonth, kYear,        kYear,     kYear + kMonth, 400 * kDay};
  ASSERT_EQ(t.statements.size(), want.size() + 1);
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(t.statements[i + 1].time, want[i]) << i;
}

// ----------------------------------------------------------------------------- round trip

TEST(RoundTrip, RichScenarioSurvivesParseWriteParse) {
  const Scenario a = parse_or_die(rich_text());
  ASSERT_GT(a.statements.size(), 50u);
  // Every op, expectation kind and event appears.
  std::vector<bool> ops(kOpCount + 1), expects(static_cast<int>(ExpectKind::kSwept) + 1),
      events(6), modes(5);
  for (const Statement& st : a.statements) {
    if (st.kind == StmtKind::kRequest) {
      ops[static_cast<int>(st.op)] = true;
      modes[static_cast<int>(st.signer_mode)] = true;
    }
    if (st.kind == StmtKind::kExpect) expects[static_cast<int>(st.expect)] = true;
    if (st.kind == StmtKind::kEvent) events[static_cast<int>(st.event)] = true;
  }
  for (int i = 1; i <= kOpCount; ++i) EXPECT_TRUE(ops[i]) << op_name(static_cast<Op>(i));
  for (std::size_t i = 0; i < expects.size(); ++i) EXPECT_TRUE(expects[i]) << i;
  for (std::size_t i = 0; i < events.size(); ++i) EXPECT_TRUE(events[i]) << i;
  for (std::size_t i = 0; i < modes.size(); ++i) EXPECT_TRUE(modes[i]) << i;
  EXPECT_EQ(a.about, "Every op, \"quoted\" and \\ escaped\t(tab)");

  const std::string text = write_scenario(a);
  const Scenario b = parse_or_die(text);
  EXPECT_TRUE(same_scenario(a, b)) << text;
  EXPECT_EQ(write_scenario(b), text);  // the canonical text is a fixed point
  // 30 days are written as a month; relative times stay relative.
  EXPECT_NE(text.find("\nat +1mo mallory: add-device alice/evil security-key auth protected by "
                      "alice/yubikey\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\nat +1d expect locked-out bob\n"), std::string::npos) << text;
  EXPECT_EQ(b.statements.back().time, kYear + kDay);
}

TEST(RoundTrip, SameScenarioIgnoresLocationsOnly) {
  const Scenario a = parse_or_die(kStolenYubikeyExample);
  Scenario b = a;
  b.statements[3].loc = Loc{99, 9};
  b.file = "elsewhere.scn";
  EXPECT_TRUE(same_scenario(a, b));
  b.statements[3].is_protected = false;
  EXPECT_FALSE(same_scenario(a, b));
  b = a;
  b.statements[9].time += 1;
  EXPECT_FALSE(same_scenario(a, b));
}

// Any accepted input parses back from its canonical text to the same scenario.
void check_round_trip(const std::string& text) {
  auto r = parse_scenario(text, "fuzz.scn");
  RC_TAG(r.ok() ? "accepted" : "rejected");
  if (!r.ok()) {
    RC_ASSERT(r.error().line >= 1);
    RC_ASSERT(r.error().col >= 1);
    RC_ASSERT(!r.error().message.empty());
    return;
  }
  const std::string written = write_scenario(*r);
  auto back = parse_scenario(written, "fuzz.scn");
  RC_ASSERT(back.ok());
  RC_ASSERT(same_scenario(*r, *back));
}

RC_GTEST_PROP(Robustness, RandomBytesNeverCrash, ()) {
  const std::string text =
      *rc::gen::oneOf(rc::gen::string<std::string>(),
                      rc::gen::container<std::string>(rc::gen::element<char>(
                          ' ', '\t', '\n', '\r', '#', '"', '\\', '/', ':', '+', ',', '[', ']', 'a',
                          'l', 'i', 'c', 'e', '0', '1', 'h', 'd', 'm', 'o', 'y', '\0', '\xff')));
  check_round_trip(text);
}

// Splits into lines keeping nothing of the separators.
std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t b = 0;
  for (;;) {
    const std::size_t nl = s.find('\n', b);
    out.push_back(s.substr(b, nl == std::string::npos ? std::string::npos : nl - b));
    if (nl == std::string::npos) break;
    b = nl + 1;
  }
  return out;
}

RC_GTEST_PROP(Robustness, MutatedValidFilesNeverCrashAndRoundTrip, ()) {
  const std::string base = *rc::gen::element(std::string(kStolenYubikeyExample), rich_text());
  std::vector<std::string> lines = lines_of(base);
  const int mutations = *rc::gen::inRange(1, 6);
  const std::vector<std::string> words = {"at",
                                          "+1h",
                                          "expect",
                                          "accepted",
                                          "mallory:",
                                          "alice",
                                          "alice/phrase",
                                          "by",
                                          "unsigned",
                                          "steals",
                                          "0",
                                          "1mo",
                                          "replay",
                                          "1",
                                          "held-by",
                                          "protected",
                                          "#",
                                          "\"",
                                          "expect[social]",
                                          "control",
                                          "for"};
  for (int m = 0; m < mutations; ++m) {
    const std::size_t i = *rc::gen::inRange<std::size_t>(0, lines.size());
    std::string& l = lines[i];
    switch (*rc::gen::inRange(0, 7)) {
      case 0:  // drop a line
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
        if (lines.empty()) lines.push_back("");
        break;
      case 1:  // duplicate a line elsewhere
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(
                                         *rc::gen::inRange<std::size_t>(0, lines.size() + 1)),
                     std::string(l));
        break;
      case 2: {  // swap two lines
        const std::size_t j = *rc::gen::inRange<std::size_t>(0, lines.size());
        std::swap(lines[i], lines[j]);
        break;
      }
      case 3:  // overwrite a byte
        if (!l.empty())
          l[*rc::gen::inRange<std::size_t>(0, l.size())] = *rc::gen::arbitrary<char>();
        break;
      case 4:  // delete a range
        if (!l.empty()) {
          const std::size_t b = *rc::gen::inRange<std::size_t>(0, l.size());
          l.erase(b, *rc::gen::inRange<std::size_t>(0, l.size() - b + 1));
        }
        break;
      case 5:  // insert a word of the language
        l.insert(*rc::gen::inRange<std::size_t>(0, l.size() + 1),
                 " " + *rc::gen::elementOf(words) + " ");
        break;
      default:  // replace a token by another word
        if (const std::size_t sp = l.find(' '); sp != std::string::npos)
          l = *rc::gen::elementOf(words) + l.substr(sp);
        break;
    }
  }
  std::string text;
  for (const std::string& l : lines) text += l + "\n";
  check_round_trip(text);
}

// ----------------------------------------------------------------------------- files

class LoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("reclaim_trace_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(LoadTest, ReadsAFileAndNamesItInErrors) {
  const std::string good = write("good.scn", std::string(kStolenYubikeyExample));
  auto s = load_scenario(good);
  ASSERT_TRUE(s.ok()) << s.error().str();
  EXPECT_EQ(s->file, good);
  EXPECT_EQ(s->statements.size(), 17u);

  const std::string bad = write("bad.scn", "identity alice\nidentity alice\n");
  auto e = load_scenario(bad);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().str(), bad + ":2:10: duplicate identity 'alice'");
}

TEST_F(LoadTest, MissingDirectoryAndOversizedFilesAreErrors) {
  const std::string missing = (dir_ / "missing.scn").string();
  auto m = load_scenario(missing);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().file, missing);

  auto d = load_scenario(dir_.string());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().file, dir_.string());

  const std::string head = "scenario big\nidentity a\nat 0 a colludes\n";
  std::string big = head + std::string(kMaxScenarioFile + 1 - head.size(), '#');
  for (std::size_t i = head.size() + 63; i < big.size(); i += 64) big[i] = '\n';  // short lines
  const std::string path = write("big.scn", big);
  auto b = load_scenario(path);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().file, path);
  EXPECT_NE(b.error().message.find("larger than"), std::string::npos);

  // Exactly at the limit is fine.
  big.pop_back();
  auto ok = load_scenario(write("limit.scn", big));
  EXPECT_TRUE(ok.ok()) << ok.error().str();
}

// Text may be a fragment; a file must be a whole scenario that checks something. An empty or
// comment-only file once ran as an unnamed scenario under every built-in and "passed".
TEST_F(LoadTest, AFileThatChecksNothingIsAnError) {
  for (const std::string text :
       {"", "\n\n", "# only a comment\n", "\r\n", "identity alice\nat 0 alice colludes\n"}) {
    const std::string path = write("unnamed.scn", text);
    auto r = load_scenario(path);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().str(),
              path + ":1:1: no scenario line (a scenario file begins with `scenario NAME`)");
  }
  for (const std::string text :
       {"scenario idle\n", "scenario idle\n# nothing\nidentity alice\n",
        "scenario idle\nidentity alice\ndevice alice/k passkey auth\nat 1y\n"}) {
    const std::string path = write("idle.scn", text);
    auto r = load_scenario(path);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().str(), path +
                                   ":1:1: scenario idle checks nothing: it has no event, "
                                   "request, replay or expectation");
  }
  for (const std::string text : {"scenario a\nidentity alice\nalice colludes\n",
                                 "scenario b\nidentity alice\nat 0\nexpect locked-out alice\n"})
    EXPECT_TRUE(load_scenario(write("ok.scn", text)).ok()) << text;
}

// A file with CR-only line endings whose first line is a comment was one long comment: an
// empty scenario. Every CR but the one before LF is now an error where it stands.
TEST_F(LoadTest, CarriageReturnsOnlyEndLinesBeforeALineFeed) {
  const std::string path =
      write("mac.scn", "# old\rscenario x\ridentity alice\rat 0 alice colludes\r");
  auto r = load_scenario(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().str(),
            path + ":1:6: carriage return inside a line (lines must end in LF or CRLF)");
  auto crlf = load_scenario(
      write("dos.scn", "# new\r\nscenario x\r\nidentity alice\r\nat 0 alice colludes\r\n"));
  EXPECT_TRUE(crlf.ok()) << crlf.error().str();
}

}  // namespace
}  // namespace reclaim
