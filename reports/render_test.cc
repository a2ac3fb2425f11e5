// The renderings: the HTML page is self-contained (no script, nothing from the network),
// escapes what it prints, and holds the claims and attack matrices with one cell per variant;
// the markdown holds the same; headlines and colours follow the cell's status.
#include "reports/render.h"

#include <gtest/gtest.h>

namespace reclaim::reports {
namespace {

using json = nlohmann::ordered_json;

json report() {
  json cell = {{"invariant", "AUTH"},
               {"claimed", true},
               {"status", "violated"},
               {"headline", "violated"},
               {"headline_text", "violated (cx/a.scn)"},
               {"headline_engines", {"random"}},
               {"counterexample", "cx/a<b>.scn"},
               {"evidence",
                {{{"engine", "random"}, {"label", "violated"}, {"text", "violated"},
                  {"counterexample", "cx/a<b>.scn"}},
                 {{"engine", "exhaustive"}, {"label", "holds-to-depth"}, {"depth", 4},
                  {"text", "holds to depth 4"}}}}};
  json variant = {{"name", "v<1>"},
                  {"claims", {"AUTH"}},
                  {"claims_matrix", {cell}},
                  {"attacks",
                   {{{"scenario", "stolen"}, {"outcome", "taken-over, loses-assets"},
                     {"timeline", "timelines/v/stolen.txt"}, {"trace", "00ff"}}}},
                  {"engines", json::array()},
                  {"margins",
                   {{{"outcome", "takeover"}, {"owner", "passive"}, {"depth", 3},
                     {"smallest", nullptr}, {"summary", ""}, {"minimal_sets", json::array()}}}}};
  return {{"schema", "reclaim-report"},
          {"schema_version", 1},
          {"provenance",
           {{"seed", 1}, {"commit", "abc"}, {"tool", "reclaim"}, {"libraries", {{"z3", "4"}}},
            {"command", "reclaim audit"}, {"repeat", "reclaim audit"}, {"reproducible", true},
            {"why_not_reproducible", ""}}},
          {"settings",
           {{"checks", {"random"}}, {"random_traces", 20}, {"symbolic_depth", 1},
            {"exhaustive_depth", 2}, {"margin_depth", 2}, {"budget_seconds", 0}}},
          {"invariants", {{{"id", "AUTH"}, {"statement", "only <signed> requests"}}}},
          {"variants", {variant}},
          {"summary",
           {{"claims_violated", 1}, {"expectations_unmet", 0}, {"problems", json::array()},
            {"incomplete", json::array()}, {"exit", 1}}}};
}

TEST(RenderHtml, SelfContainedEscapedAndFilled) {
  const std::string page = render_html(report());
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("http://"), std::string::npos);
  EXPECT_EQ(page.find("https://"), std::string::npos);
  EXPECT_EQ(page.find("v<1>"), std::string::npos);
  EXPECT_NE(page.find("v&lt;1&gt;"), std::string::npos);
  EXPECT_NE(page.find("id=\"claims-matrix\""), std::string::npos);
  EXPECT_NE(page.find("id=\"attack-matrix\""), std::string::npos);
  EXPECT_NE(page.find("class=\"cell violated\""), std::string::npos);
  EXPECT_NE(page.find("href=\"cx/a&lt;b&gt;.scn\""), std::string::npos);
  EXPECT_NE(page.find("class=\"cell lost\""), std::string::npos);
  EXPECT_NE(page.find("taken over, loses assets"), std::string::npos);
}

TEST(RenderMarkdown, SameFacts) {
  const std::string md = render_markdown(report());
  EXPECT_NE(md.find("## Claims matrix"), std::string::npos);
  EXPECT_NE(md.find("**VIOLATED**"), std::string::npos);
  EXPECT_NE(md.find("[taken over, loses assets](timelines/v/stolen.txt)"), std::string::npos);
  EXPECT_NE(md.find("none within depth 3"), std::string::npos);
}

TEST(Cells, HeadlineAndClassFollowTheStatus) {
  json c = report()["variants"][0]["claims_matrix"][0];
  EXPECT_EQ(cell_headline(c), "VIOLATED");
  EXPECT_EQ(cell_class(c), "violated");
  c["status"] = "weakness";
  EXPECT_EQ(cell_class(c), "weakness");
  c["status"] = "holds";
  c["headline"] = "holds-to-depth";
  EXPECT_EQ(cell_headline(c), "holds to depth 4");
  EXPECT_EQ(cell_class(c), "depth");
  c["status"] = "not-claimed";
  EXPECT_EQ(cell_class(c), "open");
  EXPECT_EQ(outcome_text("keeps-control"), "keeps control");
}

TEST(JsonDocument, InvalidUtf8NeverThrows) {
  EXPECT_NE(json_document(json{{"name", std::string("a\xff")}}).find("a\xef\xbf\xbd"),
            std::string::npos);
}

}  // namespace
}  // namespace reclaim::reports
