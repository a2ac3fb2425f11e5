// Tests for the .scn writer: the canonical text of the stolen-yubikey example, times in the
// largest exact unit, and recorded World runs turned back into scenarios whose text names
// the same setup, events and requests (and parses back to the same Scenario).
#include "trace/write.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "trace/parse.h"
#include "trace/testing.h"
#include "variants/variant.h"

namespace reclaim {
namespace {

constexpr std::string_view kStolenYubikeyCanonical = R"(scenario stolen-yubikey
about "A thief takes Alice's YubiKey and tries to lock her out."
variants ii-2021 ii-protected timelock timelock-2fa social

identity alice
device alice/laptop passkey auth
device alice/yubikey security-key auth
device alice/phrase seed-phrase recovery protected
guardian alice/bob weight 1
asset alice/neuron 500 locked-until 6mo
setting alice removal-delay 1w

alice reacts within 1d
at 0 mallory steals alice/yubikey
at 1h mallory: remove-device alice/phrase by alice/yubikey
expect[ii-2021] accepted
expect[timelock,timelock-2fa,social] pending
at +1h mallory: add-device alice/evil security-key auth by alice/yubikey
at 8d
expect[ii-2021] locked-out alice
expect[timelock,social] control alice alice
expect[timelock,social] absent alice/evil
)";

Scenario parse_or_die(std::string_view text) {
  auto r = parse_scenario(text, "t.scn");
  if (!r.ok()) {
    ADD_FAILURE() << r.error().str() << "\n" << text;
    return Scenario{};
  }
  return *r;
}

bool has_line(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

// ----------------------------------------------------------------------------- canonical text

TEST(Write, StolenYubikeyExampleCanonicalText) {
  const Scenario s = parse_or_die(kStolenYubikeyExample);
  EXPECT_EQ(write_scenario(s), kStolenYubikeyCanonical);
  EXPECT_TRUE(same_scenario(s, parse_or_die(kStolenYubikeyCanonical)));
}

TEST(Write, TimesUseTheLargestExactUnit) {
  struct Case {
    Duration value;
    bool relative;
    std::string text;
  };
  const std::vector<Case> cases = {
      {0, false, "at 0"},           {90, false, "at 90s"},
      {kMinute, false, "at 1m"},    {36 * kHour, false, "at 36h"},
      {2 * kDay, false, "at 2d"},   {2 * kWeek, false, "at 2w"},
      {30 * kDay, false, "at 1mo"}, {360 * kDay, false, "at 12mo"},
      {kYear, false, "at 1y"},      {kYear + kDay, false, "at 366d"},
      {7 * kDay, true, "at +1w"},   {kMonth + 1, true, "at +2592001s"},
  };
  for (const Case& c : cases) {
    Statement st;
    st.kind = StmtKind::kAdvance;
    st.has_at = true;
    st.relative = c.relative;
    st.at_value = c.value;
    st.time = c.value;
    EXPECT_EQ(write_statement(st), c.text);
    const Scenario back = parse_or_die("identity a\n" + c.text + "\n");
    ASSERT_EQ(back.statements.size(), 2u);
    EXPECT_EQ(back.statements[1].at_value, c.value) << c.text;
    EXPECT_EQ(back.statements[1].relative, c.relative) << c.text;
  }
}

TEST(Write, OneLineTurnsControlBytesIntoSpaces) {
  EXPECT_EQ(one_line("found by random\nPASS x\r\t\x7f\x01"
                     "end"),
            "found by random PASS x    end");
  EXPECT_EQ(one_line("caf\xe9 \"q\" \\"), "caf\xe9 \"q\" \\");  // other bytes pass
  // What it gives is one line the writer keeps: the about header parses back unchanged.
  Scenario s;
  s.name = "x";
  s.about = one_line("two\nlines");
  Result<Scenario> back = parse_scenario(write_scenario(s), "x.scn");
  ASSERT_TRUE(back.ok()) << back.error().str();
  EXPECT_EQ(back->about, "two lines");
}

TEST(Write, EmptyScenarioIsEmptyText) {
  EXPECT_EQ(write_scenario(Scenario{}), "");
  Scenario s;
  s.name = "n";
  EXPECT_EQ(write_scenario(s), "scenario n\n");
}

// ----------------------------------------------------------------------------- runs

Variant variant_or_die(const std::string& name) {
  auto v = load_variant(name);
  if (!v.ok()) {
    ADD_FAILURE() << v.error().str();
    return Variant{};
  }
  return *v;
}

// The design's attack, driven by hand on the timelock variant: a thief with the YubiKey
// asks to remove the phrase, replays the request, adds its own key, and the reactive owner
// answers (those answers must not be written: replay re-creates them).
TEST(FromRun, TimelockAttackBecomesItsScenario) {
  World w(variant_or_die("timelock").policy, 7);
  const ActorId alice = w.actor("alice");
  const ActorId mallory = w.actor("mallory");
  const IdentityId id = w.add_identity("alice", alice);
  ASSERT_TRUE(
      w.add_device(id, "alice/laptop", DeviceKind::kPasskey, Purpose::kAuth, false, {}).ok());
  auto yubikey =
      w.add_device(id, "alice/yubikey", DeviceKind::kSecurityKey, Purpose::kAuth, false, {});
  auto phrase =
      w.add_device(id, "alice/phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery, true, {});
  ASSERT_TRUE(yubikey.ok() && phrase.ok());
  ASSERT_TRUE(w.add_asset(id, w.asset_id("alice/neuron"), 500, 180 * kDay).ok());
  w.set_removal_delay(id, kMonth);  // the variant's default is a week: written as a setting
  w.begin();

  ASSERT_TRUE(w.event(EventKind::kReacts, alice, id, kNone, kDay).ok());
  ASSERT_TRUE(w.event(EventKind::kSteal, mallory, id, *yubikey).ok());
  w.advance_to(kHour);
  Args remove;
  remove.device = *phrase;
  auto sent = w.submit(mallory, id, Op::kRemoveDevice, remove, SignWith{{*yubikey}, false, false});
  ASSERT_TRUE(sent.ok()) << sent.error().str();
  const Request first = (*sent)->request;
  w.replay(mallory, first);
  w.advance_to(2 * kHour);
  Args add;
  add.device2 = w.device_id("alice/evil");
  add.kind = DeviceKind::kSecurityKey;
  add.purpose = Purpose::kAuth;
  ASSERT_TRUE(w.submit(mallory, id, Op::kAddDevice, add, SignWith{{*yubikey}, false, false}).ok());
  w.advance_to(40 * kDay);

  bool reacted = false;
  for (const Step& s : w.steps()) reacted |= s.reactive;
  ASSERT_TRUE(reacted) << "the reactive owner should have answered; the test needs it";

  const Scenario sc = scenario_from_run(w, "timelock-attack", {"timelock"});
  const std::string text = write_scenario(sc);
  SCOPED_TRACE(text);
  for (const char* line : {
           "scenario timelock-attack",
           "variants timelock",
           "identity alice",
           "device alice/laptop passkey auth",
           "device alice/yubikey security-key auth",
           "device alice/phrase seed-phrase recovery protected",
           "asset alice/neuron 500 locked-until 6mo",
           "setting alice removal-delay 1mo",
           "at 0 alice reacts within 1d",
           "at 0 mallory steals alice/yubikey",
           "at 1h mallory: remove-device alice/phrase by alice/yubikey",
           "at 1h mallory: replay 1",
           "at 2h mallory: add-device alice/evil security-key auth by alice/yubikey",
           "at 40d",
       })
    EXPECT_TRUE(has_line(text, line)) << line;
  EXPECT_EQ(text.find("alice: "), std::string::npos) << "reactive requests are not written";
  EXPECT_EQ(text.find("guardian-threshold"), std::string::npos) << "defaults are not written";

  const Scenario back = parse_or_die(text);
  EXPECT_TRUE(same_scenario(sc, back));
  EXPECT_EQ(write_scenario(back), text);
}

// A crafted replay names the request lines it was built from (`replay K CRAFT [J]`), also when
// the line it names was itself written as a replay; the text parses back to the same scenario.
TEST(FromRun, CraftedReplaysNameTheLinesTheyWereBuiltFrom) {
  World w(variant_or_die("timelock-2fa").policy, 7);
  const ActorId alice = w.actor("alice");
  const ActorId mallory = w.actor("mallory");
  const IdentityId id = w.add_identity("alice", alice);
  auto laptop = w.add_device(id, "alice/laptop", DeviceKind::kPasskey, Purpose::kAuth, false, {});
  auto phrase =
      w.add_device(id, "alice/phrase", DeviceKind::kSeedPhrase, Purpose::kRecovery, false, {});
  ASSERT_TRUE(laptop.ok() && phrase.ok());
  w.begin();
  Args login;
  login.key = w.session_key(id, 1);
  auto first = w.submit(alice, id, Op::kLogin, login, SignWith{{*laptop}, false, false});
  ASSERT_TRUE(first.ok());
  const std::size_t one = static_cast<std::size_t>(*first - w.steps().data());
  Args remove;
  remove.device = *phrase;
  auto second =
      w.submit(alice, id, Op::kRemoveDevice, remove, SignWith{{*phrase}, false, false});
  ASSERT_TRUE(second.ok());
  const std::size_t two = static_cast<std::size_t>(*second - w.steps().data());
  EXPECT_EQ(w.replay_crafted(mallory, one, Craft::kReordered, 0).craft, Craft::kReordered);
  w.replay_crafted(mallory, two, Craft::kDoubled, 0);
  const Step& lifted = w.replay_crafted(mallory, two, Craft::kLifted, one);
  EXPECT_EQ(lifted.request.signers.size(), 2u);
  EXPECT_EQ(lifted.reject, Reject::kBadSignature);  // the laptop signed the login's bytes

  const Scenario sc = scenario_from_run(w, "crafted", {"timelock-2fa"});
  const std::string text = write_scenario(sc);
  SCOPED_TRACE(text);
  for (const char* line : {"at 0 mallory: replay 1 reordered", "at 0 mallory: replay 2 doubled",
                           "at 0 mallory: replay 2 with-signatures-of 1"})
    EXPECT_TRUE(has_line(text, line)) << line;
  const Scenario back = parse_or_die(text);
  EXPECT_TRUE(same_scenario(sc, back));
  EXPECT_EQ(write_scenario(back), text);
}

// Sessions, hijacking, tentative registration, guardians, recovery for another actor,
// transfers and every signer form.
TEST(FromRun, EverySignerFormAndNameBearingArgument) {
  Policy p;  // ii-2021 defaults
  p.guardians = true;
  p.following = true;
  World w(p, 11);
  const ActorId alice = w.actor("alice");
  const ActorId mallory = w.actor("mallory");
  const ActorId bob = w.actor("bob");
  const ActorId carol = w.actor("carol");
  const IdentityId id = w.add_identity("alice", alice);
  auto laptop = w.add_device(id, "alice/laptop", DeviceKind::kPasskey, Purpose::kAuth, false, {});
  auto shared = w.add_device(id, "alice/shared", DeviceKind::kHardwareWallet, Purpose::kRecovery,
                             false, {alice, carol});
  ASSERT_TRUE(laptop.ok() && shared.ok());
  ASSERT_TRUE(w.add_guardian(id, bob, 2).ok());
  ASSERT_TRUE(w.add_guardian(id, carol, 1).ok());
  ASSERT_TRUE(w.add_asset(id, w.asset_id("alice/coin"), 9, 0).ok());
  w.set_guardian_threshold(id, 3);
  w.begin();

  const SignWith by_laptop{{*laptop}, false, false};
  auto submit = [&](ActorId a, Op op, const Args& args, const SignWith& with,
                    ActorId receiver = kNone) {
    auto r = w.submit(a, id, op, args, with, receiver);
    EXPECT_TRUE(r.ok()) << op_name(op) << ": " << (r.ok() ? "" : r.error().str());
  };

  Args login;
  login.duration = 2 * kHour;
  submit(alice, Op::kLogin, login, by_laptop);
  ASSERT_TRUE(w.event(EventKind::kHijack, mallory, id, kNone).ok());
  w.advance_to(kMinute);
  Args transfer;
  transfer.asset = w.asset_id("alice/coin");
  transfer.amount = 4;
  transfer.actor = mallory;
  submit(mallory, Op::kTransfer, transfer, SignWith{{}, true, false});
  Args app;
  app.duration = kDay;
  submit(alice, Op::kAppLogin, app, by_laptop);
  SignWith by_app;
  by_app.app_session = true;
  transfer.amount = 1;
  submit(alice, Op::kTransfer, transfer, by_app);

  submit(alice, Op::kEnterRegistration, Args{}, by_laptop);
  Args tentative;
  tentative.device2 = w.device_id("alice/tent");
  tentative.kind = DeviceKind::kPasskey;
  tentative.purpose = Purpose::kAuth;
  submit(mallory, Op::kAddTentative, tentative, SignWith{});
  Args wrong, right;
  right.code = w.state().identity(id)->registration.code;
  wrong.code = (right.code + 1) % 1000000;
  submit(alice, Op::kVerifyTentative, wrong, by_laptop);
  submit(alice, Op::kVerifyTentative, right, by_laptop);

  Args follow;
  follow.actor = carol;
  follow.actor2 = bob;
  submit(carol, Op::kFollow, follow, SignWith{{}, false, true});
  Args recover;
  recover.device2 = w.device_id("alice/fresh");
  recover.kind = DeviceKind::kSeedPhrase;
  submit(bob, Op::kStartRecovery, recover, SignWith{{}, false, true}, alice);
  Args guardian;
  guardian.actor = w.actor("dave");
  guardian.weight = 3;
  submit(alice, Op::kAddGuardian, guardian, SignWith{{*laptop, *shared}, false, false});
  Args cancel;  // cancel all
  submit(alice, Op::kCancel, cancel, by_laptop);
  w.advance_to(3 * kHour);

  const Scenario sc = scenario_from_run(w, "every-form", {});
  const std::string text = write_scenario(sc);
  SCOPED_TRACE(text);
  for (const char* line : {
           "scenario every-form",
           "device alice/laptop passkey auth",
           "device alice/shared hardware-wallet recovery held-by alice,carol",
           "guardian alice/bob weight 2",
           "guardian alice/carol weight 1",
           "asset alice/coin 9",
           "setting alice guardian-threshold 3",
           "at 0 alice: login alice ttl 2h by alice/laptop",
           "at 0 mallory hijacks alice",
           "at 1m mallory: transfer alice/coin 4 to mallory by session",
           "at 1m alice: app-login alice ttl 1d by alice/laptop",
           "at 1m alice: transfer alice/coin 1 to mallory by app-session",
           "at 1m alice: enter-registration alice by alice/laptop",
           "at 1m mallory: add-tentative alice/tent passkey auth unsigned",
           "at 1m alice: verify-tentative alice wrong by alice/laptop",
           "at 1m alice: verify-tentative alice right by alice/laptop",
           "at 1m carol: follow alice/carol alice/bob by guardian",
           "at 1m bob: start-recovery alice/fresh seed-phrase for alice by guardian",
           "at 1m alice: add-guardian alice/dave weight 3 by alice/laptop+alice/shared",
           "at 1m alice: cancel alice all by alice/laptop",
           "at 3h",
       })
    EXPECT_TRUE(has_line(text, line)) << line;
  EXPECT_EQ(text.find("variants"), std::string::npos);

  const Scenario back = parse_or_die(text);
  EXPECT_TRUE(same_scenario(sc, back));
}

TEST(FromRun, NoStepsIsSetupOnlyAndAFinalAdvance) {
  World w(Policy{}, 1);
  const IdentityId id = w.add_identity("alice", w.actor("alice"));
  ASSERT_TRUE(w.add_device(id, "alice/k", DeviceKind::kPasskey, Purpose::kAuth, false, {}).ok());
  w.begin();
  EXPECT_EQ(write_scenario(scenario_from_run(w, "quiet", {})),
            "scenario quiet\n\nidentity alice\ndevice alice/k passkey auth\n");
  w.advance_to(kWeek);
  EXPECT_EQ(write_scenario(scenario_from_run(w, "quiet", {})),
            "scenario quiet\n\nidentity alice\ndevice alice/k passkey auth\n\nat 1w\n");
}

// A run under lowered limits says so in a bounds line before its setup, so that its replay
// runs under the same limits.
TEST(FromRun, LoweredLimitsAreWrittenAsABoundsLine) {
  Policy p;
  p.limits = kSmallLimits;
  World w(p, 1);
  const IdentityId id = w.add_identity("alice", w.actor("alice"));
  ASSERT_TRUE(w.add_device(id, "alice/k", DeviceKind::kPasskey, Purpose::kAuth, false, {}).ok());
  w.begin();
  EXPECT_EQ(write_scenario(scenario_from_run(w, "small", {})),
            "scenario small\n\nbounds seen 4 notifications 4 pending 2 sessions 2\n"
            "identity alice\ndevice alice/k passkey auth\n");
}

// A run whose actors the written lines would name in another order (or name where the
// language needs them known) declares them up front, so the replay gives the same ids.
TEST(FromRun, ActorsTheLinesWouldReorderAreDeclared) {
  Policy p;
  p.guardians = true;
  p.following = true;
  World w(p, 1);
  const ActorId alice = w.actor("alice");
  const IdentityId id = w.add_identity("alice", alice);
  const ActorId mallory = w.actor("mallory");  // made before bob, named after him below
  w.actor("bob");
  ASSERT_TRUE(w.add_device(id, "alice/k", DeviceKind::kPasskey, Purpose::kAuth, false, {}).ok());
  w.begin();
  Args follow;
  follow.actor = alice;
  follow.actor2 = w.find_actor("bob");
  ASSERT_TRUE(w.submit(alice, id, Op::kFollow, follow, SignWith{{1}}).ok());
  ASSERT_TRUE(w.event(EventKind::kCollude, mallory, kNone, kNone).ok());
  const std::string text = write_scenario(scenario_from_run(w, "order", {}));
  EXPECT_NE(text.find("identity alice\nactor mallory\nactor bob\ndevice"), std::string::npos)
      << text;
  Result<Scenario> back = parse_scenario(text, "order.scn");
  ASSERT_TRUE(back.ok()) << back.error().str() << "\n" << text;
  // In run order and used nowhere first: no declarations.
  World v(Policy{}, 1);
  const IdentityId vid = v.add_identity("alice", v.actor("alice"));
  ASSERT_TRUE(v.add_device(vid, "alice/k", DeviceKind::kPasskey, Purpose::kAuth, false, {}).ok());
  v.begin();
  ASSERT_TRUE(v.event(EventKind::kCopy, v.actor("mallory"), vid, 1).ok());
  EXPECT_EQ(write_scenario(scenario_from_run(v, "plain", {})).find("actor "), std::string::npos);
}

}  // namespace
}  // namespace reclaim
