// Comparing two variants of one audit (see compare.h).
#include "reports/compare.h"

#include "reports/attacks.h"
#include "reports/render.h"
#include "reports/report_json.h"

namespace reclaim::reports {
namespace {

using json = nlohmann::ordered_json;

// The evidence line of a cell: its headline and the engines that gave it.
std::string evidence(const json& cell) {
  std::string engines;
  for (const json& e : cell["headline_engines"]) engines += (engines.empty() ? "" : ", ") + e.get<std::string>();
  return str(cell, "headline_text") + " [" + engines + "]";
}

bool held(const json& cell) { return str(cell, "status") == "holds"; }

// How strong a held claim's headline evidence is: a proof, then a bound reached, then
// traces tested; 0 for anything else.
int strength(const json& cell) {
  const std::string h = str(cell, "headline");
  return h == "proved" ? 3 : h == "holds-to-depth" ? 2 : h == "tested" ? 1 : 0;
}

}  // namespace

Comparison compare_variants(const json& base, const json& candidate) {
  Comparison out;
  std::string b = str(base, "name"), c = str(candidate, "name");
  if (b == c) {  // two versions of one variant: told apart by their sources
    b += " (" + str(base, "source") + ")";
    c += " (" + str(candidate, "source") + ")";
  }
  json claims = json::array(), attacks = json::array(), margins = json::array();
  std::string text = "compare " + b + " -> " + c + "\n";

  // Claims.
  std::string claims_text;
  if (base.contains("claims_matrix") && candidate.contains("claims_matrix")) {
    for (const json& bc : base["claims_matrix"]) {
      const std::string id = str(bc, "invariant");
      const json* cc = find_by(candidate["claims_matrix"], "invariant", id);
      if (cc == nullptr) continue;
      std::string change;
      bool breaks = false;
      if (held(bc) && cell_violated(*cc)) {
        change = "newly breaks";
        breaks = true;
      } else if (held(*cc) && !held(bc)) {
        change = "newly holds";
      } else if (!cell_violated(bc) && cell_violated(*cc)) {
        change = "newly a weakness";
      } else if (cell_violated(bc) && !cell_violated(*cc)) {
        change = "no longer violated";
      } else if (held(bc) && !(*cc)["claimed"].get<bool>()) {
        change = "claim dropped";
      } else if (held(bc) && held(*cc) && strength(*cc) != strength(bc)) {
        // Still holds, on other evidence: a proof that became a tested-only verdict is news.
        change = strength(*cc) < strength(bc) ? "weaker evidence" : "stronger evidence";
      }
      if (change.empty()) continue;
      out.breaks += breaks;
      json entry = {{"invariant", id},
                    {"change", change},
                    {"breaks", breaks},
                    {"base", {{"status", str(bc, "status")}, {"evidence", evidence(bc)}}},
                    {"candidate", {{"status", str(*cc, "status")}, {"evidence", evidence(*cc)}}}};
      if (cc->contains("counterexample")) entry["counterexample"] = str(*cc, "counterexample");
      if (bc.contains("counterexample")) entry["base_counterexample"] = str(bc, "counterexample");
      claims.push_back(entry);
      claims_text += "  " + std::string(breaks ? "BREAKS " : "") + id + ": " + change + "\n    " + b +
                     ": " + str(bc, "status") + ", " + evidence(bc) + "\n    " + c + ": " +
                     str(*cc, "status") + ", " + evidence(*cc) + "\n";
    }
  }
  text += "\nclaims (" + std::to_string(claims.size()) + " changed)\n" +
          (claims_text.empty() ? "  no change\n" : claims_text);

  // Attack outcomes.
  std::string attacks_text;
  if (base.contains("attacks") && candidate.contains("attacks"))
    for (const json& ba : base["attacks"]) {
      const std::string s = str(ba, "scenario");
      const json* ca = find_by(candidate["attacks"], "scenario", s);
      if (ca == nullptr || str(ba, "outcome") == str(*ca, "outcome")) continue;
      const int before = outcome_severity(str(ba, "outcome")),
                after = outcome_severity(str(*ca, "outcome"));
      const std::string change = before < 0 || after < 0 ? "changed"
                                 : after > before         ? "worse"
                                 : after < before         ? "better"
                                                          : "changed";
      const bool breaks = change == "worse" && before == 0;
      out.breaks += breaks;
      attacks.push_back({{"scenario", s},
                         {"change", change},
                         {"breaks", breaks},
                         {"base", {{"outcome", str(ba, "outcome")}, {"timeline", str(ba, "timeline")}}},
                         {"candidate", {{"outcome", str(*ca, "outcome")}, {"timeline", str(*ca, "timeline")}}}});
      auto evidence = [&](const json& a, const std::string& who) {
        return "\n    " + who + ": " +
               (a.contains("timeline") ? str(a, "timeline") : "not applicable: " + str(a, "why"));
      };
      attacks_text += "  " + std::string(breaks ? "BREAKS " : "") + s + ": " + change + ": " +
                      outcome_text(str(ba, "outcome")) + " -> " + outcome_text(str(*ca, "outcome")) +
                      evidence(ba, b) + evidence(*ca, c) + "\n";
    }
  text += "\nattack outcomes (" + std::to_string(attacks.size()) + " changed)\n" +
          (attacks_text.empty() ? "  no change\n" : attacks_text);

  // Margins.
  std::string margins_text;
  if (base.contains("margins") && candidate.contains("margins"))
    for (const json& bm : base["margins"]) {
      const json* cm = nullptr;
      for (const json& m : candidate["margins"])
        if (str(m, "outcome") == str(bm, "outcome") && str(m, "owner") == str(bm, "owner")) cm = &m;
      if (cm == nullptr) continue;
      const json& x = bm["smallest"];
      const json& y = (*cm)["smallest"];
      if (x == y && str(bm, "summary") == str(*cm, "summary")) continue;
      // none within the depth is the best margin
      const long before = x.is_null() ? 1000000 : x.get<long>();
      const long after = y.is_null() ? 1000000 : y.get<long>();
      const std::string change = after > before ? "wider" : after < before ? "narrower" : "different sets";
      auto show = [](const json& m) {
        return m["smallest"].is_null() ? "none within depth " + str(m, "depth")
                                       : str(m, "smallest") + " (" + str(m, "summary") + ")";
      };
      margins.push_back({{"outcome", str(bm, "outcome")},
                         {"owner", str(bm, "owner")},
                         {"change", change},
                         {"base", {{"smallest", x}, {"summary", str(bm, "summary")}}},
                         {"candidate", {{"smallest", y}, {"summary", str(*cm, "summary")}}}});
      margins_text += "  " + str(bm, "outcome") + " (" + str(bm, "owner") + " owner): " + change +
                      "\n    " + b + ": " + show(bm) + "\n    " + c + ": " + show(*cm) + "\n";
    }
  text += "\nmargins (" + std::to_string(margins.size()) + " changed)\n" +
          (margins_text.empty() ? "  no change\n" : margins_text);

  text += "\n" + (out.breaks == 0 ? c + " breaks nothing " + b + " held"
                                  : c + " breaks " + std::to_string(out.breaks) + " thing(s) " + b +
                                        " held") +
          "\n";
  out.text = text;
  out.json = {{"base", b},       {"candidate", c},       {"claims", claims},
              {"attacks", attacks}, {"margins", margins}, {"breaks", out.breaks}};
  return out;
}

}  // namespace reclaim::reports
