// Tests of the exhaustive engine's menu (menu.h): where the policy has guardians co-sign an
// op (Argent's owner plus ceil(n/2) guardians), a device-signed request is offered both alone
// and co-signed by the guardians the attacker can obtain under the co-signing rule (colluding
// ones, never an honest one), and the two reach both sides of R-DEV-12 and R-AST-6; without
// the switches no co-signed request is offered.
#include "graph/menu.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "model/testing.h"
#include "sim/testing.h"
#include "trace/interpret.h"
#include "trace/write.h"

namespace reclaim::graph {
namespace {

using namespace fixtures;  // NOLINT: test vocabulary

struct Argent : Bed {
  explicit Argent(Policy p) : Bed(std::move(p)) {
    phone = Dev("phone", DeviceKind::kPasskey, Purpose::kAuth);
    AddGuardian(bob);
    AddGuardian(carol);
    AddGuardian(dave);
    Asset(100, 0);
    Fresh("new1");
    world.begin();
    EXPECT_TRUE(world.event(EventKind::kSteal, mallory, id, phone).ok());
    EXPECT_TRUE(world.event(EventKind::kCollude, carol, id, kNone).ok());
  }
  std::vector<Statement> Menu() const {
    MenuScope scope;
    scope.identity = "alice";
    scope.attacker = "mallory";
    scope.fresh = {"alice/new1"};
    return menu(world, scope, {});
  }
  DeviceId phone = kNone;
};

std::vector<std::string> Lines(const std::vector<Statement>& items) {
  std::vector<std::string> lines;
  for (const Statement& st : items) lines.push_back(write_statement(st));
  return lines;
}

bool Has(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

TEST(Menu, OffersRequestsCoSignedByTheGuardiansTheAttackerCanObtain) {
  Argent a(argent());
  const std::vector<Statement> items = a.Menu();
  const std::vector<std::string> lines = Lines(items);
  // n = 3: the quorum is 2, and only carol colludes, so the co-signed line carries her alone.
  const std::string cosigned_transfer =
      "mallory: transfer alice/neuron 100 to mallory by alice/phone+alice/carol";
  const std::string plain_transfer = "mallory: transfer alice/neuron 100 to mallory by alice/phone";
  EXPECT_TRUE(Has(lines, cosigned_transfer));
  EXPECT_TRUE(Has(lines, plain_transfer));
  EXPECT_TRUE(Has(lines, "mallory: add-device alice/new1 passkey auth by alice/phone+alice/carol"));
  EXPECT_TRUE(Has(lines, "mallory: replace-device alice/phone alice/new1 passkey auth by "
                         "alice/phone+alice/carol"));
  for (const std::string& l : lines) {
    EXPECT_EQ(l.find("+alice/bob"), std::string::npos) << l;  // honest: never for mallory
    EXPECT_EQ(l.find("+alice/dave"), std::string::npos) << l;
    if (l.find("login") != std::string::npos) {
      EXPECT_EQ(l.find("+alice/carol"), std::string::npos) << l;
    }
  }
  // Each one replays through the interpreter as `reclaim run` would: one short of the quorum
  // is `threshold`; once dave colludes too the co-signed transfer carries the quorum and passes.
  for (const auto& [line, want] : {std::pair{cosigned_transfer, "rejected threshold R-AST-6"},
                                   std::pair{plain_transfer, "rejected threshold R-AST-6"}}) {
    const auto it = std::find(lines.begin(), lines.end(), line);
    ASSERT_NE(it, lines.end());
    Interpreter in;
    World copy = a.world;
    Result<std::size_t> r = in.step(copy, items[static_cast<std::size_t>(it - lines.begin())]);
    ASSERT_TRUE(r.ok()) << r.error().str();
    EXPECT_EQ(Describe(copy.steps()[*r]), want) << line;
  }
  ASSERT_TRUE(a.world.event(EventKind::kCollude, a.dave, a.id, kNone).ok());
  const std::vector<Statement> more = a.Menu();
  const std::vector<std::string> more_lines = Lines(more);
  const std::string quorum =
      "mallory: transfer alice/neuron 100 to mallory by alice/phone+alice/carol+alice/dave";
  const auto it = std::find(more_lines.begin(), more_lines.end(), quorum);
  ASSERT_NE(it, more_lines.end());
  Interpreter in;
  Result<std::size_t> r = in.step(a.world, more[static_cast<std::size_t>(it - more_lines.begin())]);
  ASSERT_TRUE(r.ok()) << r.error().str();
  EXPECT_EQ(Describe(a.world.steps()[*r]), "accepted none R-AST-5");
}

TEST(Menu, OffersNoCoSignedRequestWithoutTheSwitches) {
  Argent a(argent_owner_alone());
  for (const Statement& st : a.Menu()) EXPECT_TRUE(st.cosigners.empty()) << write_statement(st);
}

}  // namespace
}  // namespace reclaim::graph
