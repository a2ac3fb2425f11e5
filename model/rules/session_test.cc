// Tests of the session rules (rules/session.cc, R-SES-1..5): a login by a device creates a
// delegation that lives 30 min by default and at most 30 days; an expired delegation signs
// nothing; what a live one may do is policy (session_manages_devices, R-DEV-1); an app
// delegation (app-login) lives its own TTLs and moves assets only. Expired sessions are
// exercised with raw apply(), since the world refuses to sign with one.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "model/codec.h"
#include "model/crypto.h"
#include "model/policy.h"
#include "model/state.h"
#include "model/step.h"
#include "model/testing.h"
#include "sim/testing.h"
#include "sim/world.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

// II's flat authority (a session manages devices) with the one kind of session the proposals
// keep: 30 minutes by default, at most 30 days.
Policy FlatSessions() { return one_session_kind(Policy{}); }

Args Ttl(Duration d) { return Delay(d); }

// Alice with a laptop that logs in.
class SessionBed : public Bed {
 public:
  explicit SessionBed(Policy policy) : Bed(std::move(policy)) {
    laptop = Dev("laptop", DeviceKind::kPasskey, Purpose::kAuth);
  }
  std::string Login(Duration ttl) { return Do(alice, Op::kLogin, Ttl(ttl), By({laptop})); }
  Args AddPhone(const std::string& name) { return Add(Fresh(name)); }
  // A request signed by session `s` with its real key, outside the world (raw apply).
  Request SessionSigned(Op op, Args args, uint32_t session, Time time, uint64_t nonce) const {
    Request r;
    r.identity = id;
    r.op = op;
    r.args = args;
    r.nonce = nonce;
    r.time = time;
    const Encoded enc = encode(r);
    const KeyPair& kp = cached_keypair(world.seed(), session_secret(id, session));
    r.signers.push_back(
        {SignerKind::kSession, session, sign(world.policy().crypto, kp, enc.view())});
    return r;
  }
};

// --- R-SES-1 ----------------------------------------------------------------------------------

TEST(SessionRules, LoginNeedsADeviceSignature) {
  SessionBed b(FlatSessions());
  b.world.begin();
  EXPECT_EQ(b.Do(b.mallory, Op::kLogin, Ttl(0), SignWith{}), "rejected unauthorized R-SES-1");
  ASSERT_EQ(b.Login(0), "accepted none R-SES-2");
  // A session cannot mint another.
  EXPECT_EQ(b.Do(b.alice, Op::kLogin, Ttl(0), BySession()), "rejected unauthorized R-SES-1");
  EXPECT_EQ(b.I().sessions.size(), 1u);
}

// --- R-SES-2 ----------------------------------------------------------------------------------

TEST(SessionRules, DefaultTtlIsThirtyMinutes) {
  SessionBed b(FlatSessions());
  b.world.begin();
  b.world.advance_to(kHour);
  EXPECT_EQ(b.Login(0), "accepted none R-SES-2");
  ASSERT_EQ(b.I().sessions.size(), 1u);
  EXPECT_EQ(b.I().sessions[0].id, 1u);
  EXPECT_EQ(b.I().sessions[0].expires_at, kHour + 30 * kMinute);
  EXPECT_EQ(b.I().sessions[0].key, b.world.session_key(b.id, 1));
}

TEST(SessionRules, RequestedTtlIsCappedAtThirtyDays) {
  SessionBed b(FlatSessions());
  b.world.begin();
  EXPECT_EQ(b.Login(2 * kHour), "accepted none R-SES-2");
  EXPECT_EQ(b.I().sessions[0].expires_at, 2 * kHour);
  EXPECT_EQ(b.Login(30 * kDay), "accepted none R-SES-2");
  EXPECT_EQ(b.I().sessions[1].expires_at, 30 * kDay);
  EXPECT_EQ(b.Login(60 * kDay), "accepted none R-SES-2");
  EXPECT_EQ(b.I().sessions[2].expires_at, 30 * kDay);
  EXPECT_EQ(b.Login(-1), "rejected malformed R-SES-2");
}

TEST(SessionRules, AtMostFourSessionsTheOldestIsDropped) {
  SessionBed b(FlatSessions());
  b.world.begin();
  for (int i = 0; i < 5; ++i) ASSERT_EQ(b.Login(0), "accepted none R-SES-2") << i;
  ASSERT_EQ(b.I().sessions.size(), kMaxSessions);
  EXPECT_EQ(b.I().sessions[0].id, 2u);
  EXPECT_EQ(b.I().sessions[3].id, 5u);
  EXPECT_EQ(b.I().next_session, 6u);
}

// --- R-SES-3 ----------------------------------------------------------------------------------

TEST(SessionRules, ExpiredSessionCannotSign) {
  SessionBed b(FlatSessions());
  b.world.begin();
  ASSERT_EQ(b.Login(0), "accepted none R-SES-2");
  const Policy& p = b.world.policy();
  const State s = b.world.state();  // session 1 lives until 1800 s (no tick has run)
  const Args add = b.AddPhone("phone");
  const Outcome live = apply(p, s, b.SessionSigned(Op::kAddDevice, add, 1, 30 * kMinute - 1, 1000),
                             30 * kMinute - 1);
  EXPECT_EQ(Describe(live.verdict, live.reject, live.rule), "accepted none R-DEV-11");
  const Outcome dead =
      apply(p, s, b.SessionSigned(Op::kAddDevice, add, 1, 30 * kMinute, 1001), 30 * kMinute);
  EXPECT_EQ(Describe(dead.verdict, dead.reject, dead.rule), "rejected unauthorized R-REQ-4");
  EXPECT_EQ(dead.state, s);
  // Through the world too: the holder still signs with it, and the model refuses it.
  b.world.advance_to(30 * kMinute);
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, b.AddPhone("phone2"), BySession()),
            "rejected unauthorized R-REQ-4");
}

TEST(SessionRules, TickDropsExpiredSessions) {
  SessionBed b(FlatSessions());
  b.world.begin();
  ASSERT_EQ(b.Login(0), "accepted none R-SES-2");
  const Policy& p = b.world.policy();
  const State s = b.world.state();
  EXPECT_EQ(next_due(p, s, 0), 30 * kMinute);
  EXPECT_EQ(tick(p, s, 30 * kMinute - 1).events.size(), 0u);
  const TickResult t = tick(p, s, 30 * kMinute);
  ASSERT_EQ(t.events.size(), 1u);
  EXPECT_EQ(t.events[0].event, TickEvent::kSessionExpired);
  EXPECT_EQ(t.events[0].rule, "R-SES-3");
  EXPECT_TRUE(t.state.identity(b.id)->sessions.empty());
}

// --- what a session may do ---------------------------------------------------------------------

TEST(SessionRules, SessionManagesDevicesOnlyWhenThePolicySays) {
  SessionBed ii(FlatSessions());  // II: a live delegation may do whatever a device may
  ii.world.begin();
  ASSERT_EQ(ii.Login(0), "accepted none R-SES-2");
  EXPECT_EQ(ii.Do(ii.alice, Op::kAddDevice, ii.AddPhone("phone"), BySession()),
            "accepted none R-DEV-11");
  Args rm;
  rm.device = ii.laptop;
  EXPECT_EQ(ii.Do(ii.alice, Op::kRemoveDevice, rm, BySession()), "accepted none R-DEV-11");

  Policy p = FlatSessions();
  p.session_manages_devices = false;
  SessionBed locked(p);
  locked.world.begin();
  ASSERT_EQ(locked.Login(0), "accepted none R-SES-2");
  EXPECT_EQ(locked.Do(locked.alice, Op::kAddDevice, locked.AddPhone("phone"), BySession()),
            "rejected unauthorized R-DEV-1");
  rm.device = locked.laptop;
  EXPECT_EQ(locked.Do(locked.alice, Op::kRemoveDevice, rm, BySession()),
            "rejected unauthorized R-DEV-1");
}

TEST(SessionRules, HijackedSessionActsUntilItExpires) {
  SessionBed b(FlatSessions());
  b.world.begin();
  ASSERT_EQ(b.Login(0), "accepted none R-SES-2");
  ASSERT_TRUE(b.world.event(EventKind::kHijack, b.mallory, b.id, kNone).ok());
  b.world.advance_to(10 * kMinute);
  EXPECT_EQ(b.Do(b.mallory, Op::kAddDevice, b.AddPhone("evil"), BySession()),
            "accepted none R-DEV-11");
  EXPECT_TRUE(b.world.holds(b.mallory, b.world.find_device("alice/evil")));
  b.world.advance_to(30 * kMinute);
  EXPECT_EQ(b.Do(b.mallory, Op::kAddDevice, b.AddPhone("evil2"), BySession()),
            "rejected unauthorized R-REQ-4");
  // Someone who never held a delegation cannot even try: an input error, not an outcome.
  const ActorId eve = b.world.actor("eve");
  EXPECT_EQ(b.Do(eve, Op::kAddDevice, b.AddPhone("evil3"), BySession()),
            "error: eve holds no live session of alice");
}

// --- R-SES-4, R-SES-5: app delegations ------------------------------------------------------

// II as of 2021: a 10 minute front-end session with device power, app delegations capped at 8 d.
Policy IIApps() { return ii2021(); }

TEST(SessionRules, AppLoginExistsOnlyWhereThePolicyHasAppDelegations) {
  SessionBed b(FlatSessions());
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kAppLogin, Ttl(0), By({b.laptop})), "rejected disabled R-SES-4");
  EXPECT_TRUE(b.I().sessions.empty());
}

TEST(SessionRules, AppDelegationLivesItsOwnTtls) {
  SessionBed b(IIApps());
  b.world.begin();
  EXPECT_EQ(b.Do(b.alice, Op::kAppLogin, Ttl(0), By({b.laptop})), "accepted none R-SES-4");
  EXPECT_EQ(b.Do(b.alice, Op::kAppLogin, Ttl(30 * kDay), By({b.laptop})), "accepted none R-SES-4");
  EXPECT_EQ(b.Do(b.alice, Op::kAppLogin, Ttl(-1), By({b.laptop})), "rejected malformed R-SES-4");
  EXPECT_EQ(b.Login(kHour), "accepted none R-SES-2");
  ASSERT_EQ(b.I().sessions.size(), 3u);
  EXPECT_TRUE(b.I().sessions[0].app);
  EXPECT_EQ(b.I().sessions[0].expires_at, 30 * kMinute);  // app_default_ttl
  EXPECT_EQ(b.I().sessions[1].expires_at, 8 * kDay);      // capped at app_max_ttl
  EXPECT_FALSE(b.I().sessions[2].app);
  EXPECT_EQ(b.I().sessions[2].expires_at, 10 * kMinute);  // the front end's own cap
  EXPECT_EQ(b.I().sessions[1].key, b.world.session_key(b.id, 2));
}

// Where II has tentative registration (since 2022), an app delegation cannot open it.
TEST(SessionRules, AppDelegationOpensNoRegistration) {
  SessionBed b(ii_protected());
  b.world.begin();
  ASSERT_EQ(b.Do(b.alice, Op::kAppLogin, Ttl(kDay), By({b.laptop})), "accepted none R-SES-4");
  EXPECT_EQ(b.Do(b.alice, Op::kEnterRegistration, Args{}, ByAppSession()),
            "rejected unauthorized R-REG-1");
  EXPECT_EQ(b.Do(b.alice, Op::kEnterRegistration, Args{}, By({b.laptop})), "accepted none R-REG-1");
}

TEST(SessionRules, AppDelegationMovesAssetsAndNothingElse) {
  SessionBed b(IIApps());
  const uint32_t neuron = b.world.asset_id("neuron");
  ASSERT_TRUE(b.world.add_asset(b.id, neuron, 500, 0).ok());
  b.world.begin();
  ASSERT_EQ(b.Do(b.alice, Op::kAppLogin, Ttl(kDay), By({b.laptop})), "accepted none R-SES-4");
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, Move(neuron, 100, b.alice), ByAppSession()),
            "accepted none R-AST-5");
  EXPECT_EQ(b.I().asset(neuron)->amount, 400);
  EXPECT_EQ(b.Do(b.alice, Op::kAddDevice, b.AddPhone("phone"), ByAppSession()),
            "rejected unauthorized R-DEV-1");
  EXPECT_EQ(b.Do(b.alice, Op::kRemoveDevice, On(b.laptop), ByAppSession()),
            "rejected unauthorized R-DEV-1");
  // It mints no session of either kind.
  EXPECT_EQ(b.Do(b.alice, Op::kLogin, Ttl(0), ByAppSession()), "rejected unauthorized R-SES-1");
  EXPECT_EQ(b.Do(b.alice, Op::kAppLogin, Ttl(0), ByAppSession()), "rejected unauthorized R-SES-4");
  // The front end's own session does not sign as an app delegation, nor the reverse: each kind
  // is a different key the world hands out.
  EXPECT_EQ(b.Do(b.alice, Op::kTransfer, Move(neuron, 100, b.alice), BySession()),
            "error: alice holds no live session of alice");
}

TEST(SessionRules, FrontEndSessionMintsAppDelegationsWhereItManagesDevices) {
  SessionBed ii(IIApps());
  ii.world.begin();
  ASSERT_EQ(ii.Login(0), "accepted none R-SES-2");
  EXPECT_EQ(ii.Do(ii.alice, Op::kAppLogin, Ttl(0), BySession()), "accepted none R-SES-4");

  Policy p = IIApps();
  p.session_manages_devices = false;
  SessionBed locked(p);
  locked.world.begin();
  ASSERT_EQ(locked.Login(0), "accepted none R-SES-2");
  EXPECT_EQ(locked.Do(locked.alice, Op::kAppLogin, Ttl(0), BySession()),
            "rejected unauthorized R-SES-4");
}

}  // namespace
}  // namespace reclaim
