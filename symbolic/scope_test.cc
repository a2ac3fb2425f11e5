// The scope's text form.
#include "symbolic/scope.h"

#include <gtest/gtest.h>

namespace reclaim::sym {
namespace {

TEST(Scope, ParsesAnySubsetOverTheBase) {
  Result<Scope> s = parse_scope("guardians=4,devices=6");
  ASSERT_TRUE(s.ok()) << s.error().str();
  EXPECT_EQ(s->devices, 6);
  EXPECT_EQ(s->pending, 2);
  EXPECT_EQ(s->guardians, 4);
  EXPECT_EQ(s->text(), "devices=6,pending=2,guardians=4");
  Result<Scope> f = parse_scope("pending=3", *s);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->text(), "devices=6,pending=3,guardians=4");
  EXPECT_EQ(parse_scope("")->text(), Scope{}.text());
}

TEST(Scope, RejectsWhatItCannotHold) {
  for (const char* bad : {"devices=2", "devices=13", "pending=0", "guardians=2", "devices=x",
                          "devices", "colour=3", "devices=4x", "pending=-1", "devices=4,",
                          ",devices=4", "devices=4,devices=5", "devices=4,,pending=2",
                          "devices=+4", "devices= 4", "fresh-ids"}) {
    Result<Scope> s = parse_scope(bad);
    EXPECT_FALSE(s.ok()) << bad;
    if (!s.ok()) {
      EXPECT_NE(s.error().message.find("scope"), std::string::npos) << bad;
    }
  }
}

}  // namespace
}  // namespace reclaim::sym
