// The state's bounded memories at the run's limits (Policy::limits): remembered digests
// (R-REQ-5), the notification ring, the pending queue (R-TL-7) and live sessions (R-SES-2).
// Engines lower the limits so that short traces reach them; these tests show that the rules
// behave at a lowered bound exactly as at the full capacity: each case runs once per limit,
// from 1 to the capacity, and states its expectations in terms of the limit alone.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/codec.h"
#include "model/crypto.h"
#include "model/policy.h"
#include "model/testing.h"
#include "sim/testing.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

// Which limit a case lowers, and to what.
struct Bound {
  const char* name;
  uint32_t Limits::*field;
  uint32_t value;
};

void PrintTo(const Bound& b, std::ostream* os) { *os << b.name << "=" << b.value; }

// timelock: notifications, and a timelock with a delay menu; ii-2021: sessions manage devices.
Policy WithLimit(const Bound& b, Policy p = timelock()) {
  p.limits.*(b.field) = b.value;
  return p;
}

SignWith By(DeviceId d) { return {{d}, false, false}; }

Args LoginArgs(const World& w, IdentityId id, uint32_t n) {
  Args a;
  a.key = w.session_key(id, n);
  return a;
}

class SeenBound : public testing::TestWithParam<Bound> {};

// R-REQ-5 at the bound: the limit-th accepted request fills the memory; each later one evicts
// the oldest digest and raises the nonce floor to its nonce; every evicted request stays
// unreplayable (R-REQ-3) and so does every remembered one.
TEST_P(SeenBound, EvictingTheOldestRaisesTheFloorAndKeepsItUnreplayable) {
  const uint32_t limit = GetParam().value;
  Bed t(WithLimit(GetParam()), kStandard);
  std::vector<Request> sent;
  std::vector<uint64_t> floors;
  for (uint32_t n = 1; n <= limit + 2; ++n) {
    const std::size_t k = t.Submit(t.alice, Op::kLogin, LoginArgs(t.world, t.id, n), By(t.laptop));
    ASSERT_EQ(Describe(t.world.steps()[k]), "accepted none R-SES-2") << n;
    sent.push_back(t.world.steps()[k].request);
    floors.push_back(t.I().nonce_floor);
  }
  EXPECT_EQ(t.I().seen.size(), limit);
  for (uint32_t n = 1; n <= limit; ++n) EXPECT_EQ(floors[n - 1], 0u) << n;
  EXPECT_EQ(floors[limit], sent[0].nonce);
  EXPECT_EQ(floors[limit + 1], sent[1].nonce);
  for (const Request& r : sent)
    EXPECT_EQ(Describe(t.world.replay(t.mallory, r)), "rejected replay R-REQ-3");
}

class NotificationBound : public testing::TestWithParam<Bound> {};

// The ring at the bound: it keeps the newest `limit` notifications with increasing seqs up to
// notification_count, and the owner's inbox (the world's memory of what she saw) still has
// every one of them.
TEST_P(NotificationBound, TheRingKeepsTheNewestAndTheOwnerSawEveryOne) {
  const uint32_t limit = GetParam().value;
  Bed t(WithLimit(GetParam()), kStandard);
  const uint32_t logins = limit + 3;
  for (uint32_t n = 1; n <= logins; ++n)
    ASSERT_EQ(t.Do(t.alice, Op::kLogin, LoginArgs(t.world, t.id, n), By(t.laptop)),
              "accepted none R-SES-2");
  const Identity& id = t.I();
  EXPECT_EQ(id.notification_count, logins);
  ASSERT_EQ(id.notifications.size(), limit);
  for (uint32_t i = 0; i < limit; ++i) EXPECT_EQ(id.notifications[i].seq, logins - limit + 1 + i);
  EXPECT_EQ(t.world.inbox().size(), logins);
}

class PendingBound : public testing::TestWithParam<Bound> {};

// R-TL-7 at the bound: `limit` changes wait; the next one is refused for the full queue and
// changes nothing; once one is cancelled, a new one waits again.
TEST_P(PendingBound, AFullQueueRefusesTheNextChangeUntilOneLeaves) {
  const uint32_t limit = GetParam().value;
  Bed t(WithLimit(GetParam()), kStandard);
  Args lower;
  lower.duration = 0;  // turning the timelock off is a decrease: pending for the delay
  for (uint32_t n = 1; n <= limit; ++n)
    ASSERT_EQ(t.Do(t.alice, Op::kSetRemovalDelay, lower, By(t.laptop)), "pending none R-TL-3") << n;
  const State before = t.world.state();
  EXPECT_EQ(t.Do(t.alice, Op::kSetRemovalDelay, lower, By(t.laptop)), "rejected limit R-TL-7");
  EXPECT_EQ(t.world.state(), before);
  Args cancel;
  cancel.number = t.I().pending[0].number;
  ASSERT_EQ(t.Do(t.alice, Op::kCancel, cancel, By(t.phrase)), "accepted none R-TL-8");
  EXPECT_EQ(t.I().pending.size(), limit - 1);
  EXPECT_EQ(t.Do(t.alice, Op::kSetRemovalDelay, lower, By(t.laptop)), "pending none R-TL-3");
  EXPECT_EQ(t.I().pending.size(), limit);
}

class SessionBound : public testing::TestWithParam<Bound> {};

// R-SES-2 at the bound: a login beyond the limit drops the oldest session; the dropped one
// signs nothing any more (R-REQ-4), the newest still does.
TEST_P(SessionBound, ALoginBeyondTheLimitDropsTheOldest) {
  const uint32_t limit = GetParam().value;
  Bed t(WithLimit(GetParam(), ii_protected()), kStandard);  // II with registration
  for (uint32_t n = 1; n <= limit + 1; ++n)
    ASSERT_EQ(t.Do(t.alice, Op::kLogin, LoginArgs(t.world, t.id, n), By(t.laptop)),
              "accepted none R-SES-2");
  const Identity& id = t.I();
  ASSERT_EQ(id.sessions.size(), limit);
  EXPECT_EQ(id.sessions[0].id, 2u);
  EXPECT_EQ(id.sessions[limit - 1].id, limit + 1);
  // The newest session signs (the world signs with the newest one alice holds).
  const std::size_t k = t.Submit(t.alice, Op::kEnterRegistration, Args{}, {{}, true, false});
  EXPECT_EQ(Describe(t.world.steps()[k]), "accepted none R-REG-1");
  // The dropped session 1 signs nothing: the same request anew, signed with its key.
  Request old = t.world.steps()[k].request;
  old.nonce += 1000;
  old.signers[0].id = 1;
  old.signers[0].sig =
      sign(t.world.policy().crypto, cached_keypair(t.world.seed(), session_secret(t.id, 1)),
           encode(old).view());
  EXPECT_EQ(Describe(t.world.replay(t.mallory, old)), "rejected unauthorized R-REQ-4");
}

// Every limit from 1 to its capacity (small ones densely: that is where engines run).
std::vector<Bound> Values(const char* name, uint32_t Limits::*field, uint32_t capacity) {
  std::vector<Bound> out;
  for (uint32_t v = 1; v <= capacity; v = v < 4 ? v + 1 : v * 2) out.push_back({name, field, v});
  if (out.back().value != capacity) out.push_back({name, field, capacity});
  return out;
}

std::string Name(const testing::TestParamInfo<Bound>& info) {
  return "limit" + std::to_string(info.param.value);
}

INSTANTIATE_TEST_SUITE_P(Limits, SeenBound,
                         testing::ValuesIn(Values("seen", &Limits::seen, kMaxSeen)), Name);
INSTANTIATE_TEST_SUITE_P(Limits, NotificationBound,
                         testing::ValuesIn(Values("notifications", &Limits::notifications,
                                                  kMaxNotifications)),
                         Name);
INSTANTIATE_TEST_SUITE_P(Limits, PendingBound,
                         testing::ValuesIn(Values("pending", &Limits::pending, kMaxPending)), Name);
INSTANTIATE_TEST_SUITE_P(Limits, SessionBound,
                         testing::ValuesIn(Values("sessions", &Limits::sessions, kMaxSessions)),
                         Name);

TEST(Limits, SmallLimitsAreValidAndBelowTheFullOnes) {
  EXPECT_TRUE(limits_valid(kSmallLimits));
  EXPECT_TRUE(limits_valid(kFullLimits));
  EXPECT_LT(kSmallLimits.seen, kFullLimits.seen);
  EXPECT_LT(kSmallLimits.pending, kFullLimits.pending);
  Limits zero = kSmallLimits;
  zero.pending = 0;
  EXPECT_FALSE(limits_valid(zero));
  Limits over = kFullLimits;
  over.seen = kMaxSeen + 1;
  EXPECT_FALSE(limits_valid(over));
}

}  // namespace
}  // namespace reclaim
