// What engines that branch a run rely on (Checker::clone/assign/digest, Monitor copies and
// digests, World::forget_steps): a branched monitor judges like the original; a digest sees
// what a checker remembers and nothing else (step indexes by their order, not their value);
// at_end judges without changing anything; a world that forgets the steps its monitor read
// is judged at the same step indexes as the whole run.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "properties/invariant.h"
#include "properties/invariants/util.h"
#include "properties/monitor.h"
#include "properties/test_support.h"

namespace reclaim {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

// alice's laptop, YubiKey and protected phrase; bob, carol and dave as guardians where asked;
// 500 of alice/neuron where asked.
struct Options {
  bool guardians = false;
  bool asset = false;
  bool phrase_protected = true;
};
std::unique_ptr<Bed> alice(Policy p, Options o = {}) {
  auto b = std::make_unique<Bed>(std::move(p));
  b->Three(o.phrase_protected);
  if (o.guardians) b->Guardians();
  if (o.asset) b->Asset(500, 0);
  b->world.begin();
  return b;
}

// A run that leaves something in most checkers' memory: a reactive owner, a stolen YubiKey,
// a pending removal of the phrase, a recovery started by a colluding guardian.
void busy_run(Bed& a) {
  a.Event(EventKind::kReacts, a.alice, kNone, kDay);
  a.Event(EventKind::kSteal, a.mallory, a.yubikey);
  a.Submit(a.mallory, Op::kRemoveDevice, On(a.phrase), By({a.yubikey}));
  a.Event(EventKind::kCollude, a.bob);
  a.Submit(a.bob, Op::kStartRecovery, Add(a.Fresh("evil")), AsGuardian(), a.mallory);
  a.world.advance_to(2 * kDay);
}

TEST(Digest, BuilderRanksIndexesAndKeepsTheRestExact) {
  auto digest = [](std::vector<std::size_t> indexes, uint64_t word) {
    inv::DigestBuilder b;
    b.add(word);
    for (std::size_t i : indexes) b.index(i);
    return b.done();
  };
  // Same order, other values: equal. Other order, or an index tied with another: different.
  EXPECT_EQ(digest({3, 7, 5}, 1), digest({10, 40, 20}, 1));
  EXPECT_NE(digest({3, 7, 5}, 1), digest({3, 5, 7}, 1));
  EXPECT_NE(digest({3, 7, 7}, 1), digest({3, 7, 8}, 1));
  EXPECT_NE(digest({3, 7, 5}, 1), digest({3, 7, 5}, 2));
  // kNoIndex stands apart from every rank.
  EXPECT_NE(digest({0, inv::kNoIndex}, 1), digest({0, 1}, 1));
  EXPECT_EQ(digest({4, inv::kNoIndex}, 1), digest({9, inv::kNoIndex}, 1));
}

TEST(Digest, DigestSetIgnoresInsertionOrder) {
  inv::DigestSet a, b;
  for (Digest d : {5ull, 0ull, 1234567ull}) a.insert(d);
  for (Digest d : {1234567ull, 5ull, 0ull, 5ull}) b.insert(d);
  EXPECT_EQ(a.digest(), b.digest());
  inv::DigestSet c;
  for (Digest d = 1; d <= 1000; ++d) c.insert(d);  // grows several times
  inv::DigestSet e;
  for (Digest d = 1000; d >= 1; --d) e.insert(d);
  EXPECT_EQ(c.digest(), e.digest());
  e.insert(1001);
  EXPECT_NE(c.digest(), e.digest());
}

TEST(Digest, EveryCheckerClonesWithItsStateAndDigest) {
  auto bed = alice(social(), {.guardians = true, .asset = true});
  Bed& a = *bed;
  busy_run(a);
  for (const std::string& id : all_ids()) {
    std::unique_ptr<Checker> c = make_checker(id);
    ASSERT_NE(c, nullptr);
    const uint64_t fresh = c->digest();
    EXPECT_EQ(fresh, make_checker(id)->digest()) << id;
    for (std::size_t i = 0; i < a.world.steps().size(); ++i)
      (void)c->on_step(a.world, a.world.steps()[i], i);
    std::unique_ptr<Checker> copy = c->clone();
    EXPECT_EQ(copy->id(), c->id());
    EXPECT_EQ(copy->digest(), c->digest()) << id;
    std::unique_ptr<Checker> assigned = make_checker(id);
    assigned->assign(*c);
    EXPECT_EQ(assigned->digest(), c->digest()) << id;
  }
}

TEST(Digest, CheckersWithMemoryDigestWhatTheyRemember) {
  // After the busy run, every checker that keeps history has something to remember.
  auto bed = alice(social(), {.guardians = true, .asset = true});
  Bed& a = *bed;
  busy_run(a);
  for (const char* id : {"RECLAIM", "EVICT", "DELAY", "NOTIFY", "VETO", "REPLAY"}) {
    std::unique_ptr<Checker> c = make_checker(id);
    const uint64_t fresh = c->digest();
    for (std::size_t i = 0; i < a.world.steps().size(); ++i)
      (void)c->on_step(a.world, a.world.steps()[i], i);
    EXPECT_NE(c->digest(), fresh) << id << " forgot the run";
  }
  // Checkers that remember nothing say so.
  for (const char* id : {"AUTH", "TWO-FACTOR", "BOUNDS", "GUARDIAN-MINORITY"})
    EXPECT_EQ(make_checker(id)->digest(), 0u) << id;
}

TEST(Digest, StepIndexesEnterByOrderOnly) {
  // The same history, one run with an extra step that changes nothing a checker keeps (a
  // copy of a device the attacker already holds; events use no nonce, so every later request
  // is the very same request): equal digests, although every later index is shifted.
  auto run = [](bool extra) {
    auto a = alice(timelock(), {.asset = true});
    a->Event(EventKind::kReacts, a->alice, kNone, kDay);
    a->Event(EventKind::kCopy, a->mallory, a->yubikey);
    if (extra) a->Event(EventKind::kCopy, a->mallory, a->yubikey);
    a->Submit(a->mallory, Op::kRemoveDevice, On(a->phrase), By({a->yubikey}));
    a->world.advance_to(kHour);
    return a;
  };
  auto plain = run(false), shifted = run(true);
  ASSERT_EQ(shifted->world.steps().size(), plain->world.steps().size() + 1);
  Monitor m1 = Monitor::all(), m2 = Monitor::all();
  m1.catch_up(plain->world);
  m2.catch_up(shifted->world);
  EXPECT_EQ(m1.digest(), m2.digest());
  EXPECT_EQ(plain->world.future_hash(), shifted->world.future_hash());
  // A different history is a different digest: the reaction registered after the theft.
  auto late = alice(timelock(), {.asset = true});
  late->Event(EventKind::kCopy, late->mallory, late->yubikey);
  late->Event(EventKind::kReacts, late->alice, kNone, kDay);
  late->Submit(late->mallory, Op::kRemoveDevice, On(late->phrase), By({late->yubikey}));
  late->world.advance_to(kHour);
  Monitor m3 = Monitor::all();
  m3.catch_up(late->world);
  EXPECT_NE(m1.digest(), m3.digest());
}

TEST(Digest, ABranchedMonitorJudgesLikeTheOriginal) {
  // Branch after the theft; the branch and a monitor fed the whole run from the start agree
  // on every violation, at the same step indexes.
  auto bed = alice(timelock(), {.phrase_protected = false});
  Bed& a = *bed;
  a.Event(EventKind::kReacts, a.alice, kNone, kDay);
  a.Event(EventKind::kSteal, a.mallory, a.yubikey);
  Monitor original = Monitor::all();
  original.catch_up(a.world);
  Monitor branch = original;  // deep copy
  Monitor assigned = Monitor::all();
  assigned = original;  // same ids: checkers reused
  EXPECT_EQ(branch.digest(), original.digest());
  EXPECT_EQ(assigned.digest(), original.digest());
  a.Submit(a.mallory, Op::kRemoveDevice, On(a.laptop), By({a.yubikey}));
  a.world.advance_to(10 * kDay);
  branch.finish(a.world);
  assigned.finish(a.world);
  Monitor whole = Monitor::all();
  whole.finish(a.world);
  for (std::size_t i = 0; i < whole.slots().size(); ++i) {
    const auto& w = whole.slots()[i];
    for (const Monitor* m : {&branch, &assigned}) {
      const auto& s = m->slots()[i];
      ASSERT_EQ(s.violation.has_value(), w.violation.has_value()) << w.id;
      if (w.violation) {
        EXPECT_EQ(s.violation->step, w.violation->step) << w.id;
      }
    }
  }
  // The original, not fed since the branch, is untouched by it.
  EXPECT_EQ(original.steps_checked(), 2u);
}

TEST(Digest, EndViolationsJudgeWithoutFinishing) {
  // EVICT judged at the end: mallory removed the laptop and still holds the YubiKey, but
  // the removal was never notified (a test-only mutant), so the reactive owner never learned.
  Policy broken = timelock();
  broken.mutant = Mutant::kRemovalUnnotified;
  auto bed = alice(broken);
  Bed& a = *bed;
  a.Event(EventKind::kReacts, a.alice, kNone, kDay);
  a.Event(EventKind::kSteal, a.mallory, a.yubikey);
  a.world.advance_to(kHour);
  a.Submit(a.mallory, Op::kRemoveDevice, On(a.laptop), By({a.yubikey}));
  a.world.advance_to(10 * kDay);
  Monitor m({"EVICT", "AUTH"});
  m.catch_up(a.world);
  const uint64_t before = m.digest();
  const std::vector<Violation> first = m.end_violations(a.world);
  const std::vector<Violation> again = m.end_violations(a.world);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].invariant, "EVICT");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].message, first[0].message);
  EXPECT_EQ(m.digest(), before);
  EXPECT_FALSE(m.finished());
  const Violation* v = m.finish(a.world);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->message, first[0].message);
  EXPECT_EQ(v->step, a.world.step_count());
}

TEST(Digest, AForgetfulWorldIsJudgedAtTheWholeRunsIndexes) {
  // Feed and forget after every action; the violations come at the indexes a monitor of the
  // whole run reports.
  auto drive = [](Bed& a, Monitor& m, bool forget) {
    auto fed = [&] {
      m.catch_up(a.world);
      if (forget) a.world.forget_steps();
    };
    a.Event(EventKind::kCopy, a.mallory, a.yubikey);
    fed();
    a.Submit(a.mallory, Op::kRemoveDevice, On(a.laptop), By({a.yubikey}));
    fed();
    a.Submit(a.mallory, Op::kAddDevice, Add(a.Fresh("evil"), DeviceKind::kPasskey, Purpose::kAuth),
             By({a.yubikey}));
    fed();
    a.world.advance_to(kWeek);
    fed();
  };
  Policy broken = timelock();
  broken.mutant = Mutant::kRemovalUnnotified;
  auto whole = alice(broken), forget = alice(broken);
  Bed& whole_run = *whole;
  Bed& forgetful = *forget;
  Monitor m1 = Monitor::all(), m2 = Monitor::all();
  drive(whole_run, m1, false);
  drive(forgetful, m2, true);
  EXPECT_EQ(forgetful.world.steps().size(), 0u);
  EXPECT_EQ(forgetful.world.step_count(), whole_run.world.steps().size());
  EXPECT_EQ(forgetful.world.future_hash(), whole_run.world.future_hash());
  m1.finish(whole_run.world);
  m2.finish(forgetful.world);
  ASSERT_NE(m1.find("NOTIFY")->violation, std::nullopt);
  for (std::size_t i = 0; i < m1.slots().size(); ++i) {
    const auto& a = m1.slots()[i];
    const auto& b = m2.slots()[i];
    ASSERT_EQ(a.violation.has_value(), b.violation.has_value()) << a.id;
    if (a.violation) {
      EXPECT_EQ(a.violation->step, b.violation->step) << a.id;
      EXPECT_EQ(a.violation->message, b.violation->message) << a.id;
    }
  }
  EXPECT_EQ(m1.digest(), m2.digest());
}

}  // namespace
}  // namespace reclaim
