// report.md and index.html from report.json (see render.h).
#include "reports/render.h"

#include <algorithm>
#include <map>
#include <set>

#include "reports/report_json.h"

namespace reclaim::reports {
namespace {

using json = nlohmann::ordered_json;

std::string html(const std::string& s) {
  std::string out;
  for (char c : s) switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  return out;
}

// A markdown table cell: no pipes, no line breaks.
std::string md(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

// "depth 4", "200 traces", ... for one engine's evidence.
std::string evidence_short(const json& e) {
  const std::string label = str(e, "label");
  if (label == "holds-to-depth") return "depth " + str(e, "depth");
  if (label == "tested") return str(e, "traces") + " traces";
  if (label == "not-encoded") return "not encoded";
  return label;
}

const json* cell_of(const json& variant, const std::string& id) {
  if (!variant.contains("claims_matrix")) return nullptr;
  for (const json& c : variant["claims_matrix"])
    if (str(c, "invariant") == id) return &c;
  return nullptr;
}

const json* attack_of(const json& variant, const std::string& scenario) {
  if (!variant.contains("attacks")) return nullptr;
  for (const json& a : variant["attacks"])
    if (str(a, "scenario") == scenario) return &a;
  return nullptr;
}

std::vector<std::string> scenario_names(const json& report) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const json& v : report["variants"])
    if (v.contains("attacks"))
      for (const json& a : v["attacks"])
        if (seen.insert(str(a, "scenario")).second) out.push_back(str(a, "scenario"));
  return out;
}

std::string outcome_class(const std::string& outcome) {
  if (outcome == "keeps-control") return "keeps";
  if (outcome == "not-applicable" || outcome == "no-identity") return "na";
  if (outcome.find("taken-over") != std::string::npos ||
      outcome.find("loses-assets") != std::string::npos)
    return "lost";
  return "locked";
}

const char* kCss = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:24px;color:#212121;max-width:1500px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:2px solid #e0e0e0;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}
p.sub{color:#616161;margin:0 0 12px}
table{border-collapse:collapse;font-size:12px;margin:6px 0 12px}
th,td{border:1px solid #d0d0d0;padding:3px 5px;vertical-align:top}
th{background:#f5f5f5;text-align:left}
th.rot{white-space:nowrap}
td.cell{min-width:92px;max-width:150px}
td .h{font-weight:600;font-size:12px;display:block}
td .e{font-size:10.5px;display:block;opacity:.9;line-height:1.25}
td a{color:inherit}
.violated{background:#c62828;color:#fff}.weakness{background:#ef6c00;color:#fff}
.proved{background:#1b5e20;color:#fff}.depth{background:#43a047;color:#fff}
.tested{background:#aed581;color:#1b1b1b}.unknown{background:#bdbdbd;color:#1b1b1b}
.not-encoded{background:#eeeeee;color:#555}.open{background:#fff;color:#757575}
.keeps{background:#43a047;color:#fff}.lost{background:#c62828;color:#fff}
.locked{background:#6a1b9a;color:#fff}.na{background:#eeeeee;color:#555}
.legend span{display:inline-block;padding:2px 8px;margin:0 6px 4px 0;border:1px solid #ccc;font-size:12px}
dl.prov{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:13px}
dl.prov dt{font-weight:600}dl.prov dd{margin:0;font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
.warn{background:#fff3e0;border:1px solid #ef6c00;padding:6px 10px;font-size:13px}
.ok{background:#e8f5e9;border:1px solid #43a047;padding:6px 10px;font-size:13px}
)";

}  // namespace

std::string json_document(const json& j) {
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string cell_headline(const json& cell) {
  const std::string status = str(cell, "status"), head = str(cell, "headline");
  if (status == "violated") return "VIOLATED";
  if (status == "weakness") return "weakness";
  if (head == "holds-to-depth") {
    for (const json& e : cell["evidence"])
      if (str(e, "label") == head) return "holds to depth " + str(e, "depth");
  }
  if (head == "tested") {
    for (const json& e : cell["evidence"])
      if (str(e, "label") == head) return "tested on " + str(e, "traces") + " traces";
  }
  if (head == "not-encoded") return "not encoded";
  if (head == "not-checked") return "not checked";
  return head;
}

std::string cell_class(const json& cell) {
  const std::string status = str(cell, "status"), head = str(cell, "headline");
  if (status == "violated") return "violated";
  if (status == "weakness") return "weakness";
  if (status == "not-claimed") return "open";
  if (head == "proved") return "proved";
  if (head == "holds-to-depth") return "depth";
  if (head == "tested") return "tested";
  if (head == "not-encoded") return "not-encoded";
  return "unknown";
}

std::string outcome_text(const std::string& outcome) {
  static const std::map<std::string, std::string> words = {
      {"keeps-control", "keeps control"}, {"taken-over", "taken over"},
      {"locked-out", "locked out"},       {"loses-assets", "loses assets"},
      {"not-applicable", "not applicable"}, {"no-identity", "no identity"}};
  std::string out, part;
  auto flush = [&] {
    if (part.empty()) return;
    auto it = words.find(part);
    out += (out.empty() ? "" : ", ") + (it == words.end() ? part : it->second);
    part.clear();
  };
  for (char c : outcome) {
    if (c == ',') flush();
    else if (c != ' ') part += c;
  }
  flush();
  return out;
}

std::string render_markdown(const json& report) {
  const json& prov = report["provenance"];
  const json& settings = report["settings"];
  const json& variants = report["variants"];
  std::string out = "# reclaim audit report\n\n";
  out += "Schema " + str(report, "schema") + " version " + str(report, "schema_version") +
         " (docs/report-schema.md). How to read it: docs/report.md.\n\n";
  out += "## Provenance\n\n";
  out += "- seed: " + str(prov, "seed") + "\n- commit: " + str(prov, "commit") + "\n- tool: " +
         str(prov, "tool") + "\n- libraries:";
  for (const auto& [k, v] : prov["libraries"].items()) out += " " + k + " " + v.get<std::string>() + ";";
  out += "\n- command: `" + str(prov, "command") + "`\n- repeat: `" + str(prov, "repeat") + "`\n";
  out += "- reproducible: " + std::string(prov["reproducible"].get<bool>() ? "yes (no time bound; the same seed gives the same report.json)" : "NO: " + str(prov, "why_not_reproducible")) + "\n";
  out += "- bounds: random " + str(settings, "random_traces") + " traces per phase, symbolic BMC depth " +
         str(settings, "symbolic_depth") + ", exhaustive depth " + str(settings, "exhaustive_depth") +
         ", margins depth " + str(settings, "margin_depth") + "; checks:";
  for (const json& c : settings["checks"]) out += " " + c.get<std::string>();
  out += "\n\n";

  const json& summary = report["summary"];
  out += "## Summary\n\n";
  out += "- claims violated: " + str(summary, "claims_violated") + "\n";
  out += "- scenario expectations unmet: " + str(summary, "expectations_unmet") + "\n";
  for (const json& p : summary["problems"]) out += "- engine problem: " + md(p.get<std::string>()) + "\n";
  for (const json& p : summary["incomplete"]) out += "- checked less than asked: " + md(p.get<std::string>()) + "\n";
  out += "- exit code: " + str(summary, "exit") + "\n\n";

  out += "## Claims matrix\n\nEach cell: the strongest evidence (violated > proved > holds to depth k > "
         "tested on n traces > unknown > not encoded), then every engine's own label. "
         "*(not claimed)* marks an invariant the variant does not claim.\n\n| invariant |";
  for (const json& v : variants) out += " " + str(v, "name") + " |";
  out += "\n|---|";
  for (std::size_t i = 0; i < variants.size(); ++i) out += "---|";
  out += "\n";
  for (const json& inv : report["invariants"]) {
    const std::string id = str(inv, "id");
    out += "| " + id + " |";
    for (const json& v : variants) {
      const json* c = cell_of(v, id);
      if (c == nullptr) {
        out += " – |";
        continue;
      }
      std::string text = cell_headline(*c);
      const std::string status = str(*c, "status");
      if (status == "violated") text = "**VIOLATED** ([counterexample](" + str(*c, "counterexample") + "))";
      else if (status == "weakness") text = "weakness ([counterexample](" + str(*c, "counterexample") + "))";
      if (!(*c)["claimed"].get<bool>() && status != "weakness") text = "*(not claimed)* " + text;
      std::string engines;
      for (const json& e : (*c)["evidence"])
        engines += (engines.empty() ? "" : ", ") + str(e, "engine") + ": " + evidence_short(e);
      out += " " + md(text) + "<br>" + md(engines) + " |";
    }
    out += "\n";
  }

  const std::vector<std::string> scenarios = scenario_names(report);
  if (!scenarios.empty()) {
    out += "\n## Attack matrix\n\nThe outcome for the scenario's identity at the end of each "
           "attack scenario replayed under each variant; each links its timeline.\n\n| scenario |";
    for (const json& v : variants) out += " " + str(v, "name") + " |";
    out += "\n|---|";
    for (std::size_t i = 0; i < variants.size(); ++i) out += "---|";
    out += "\n";
    for (const std::string& s : scenarios) {
      out += "| " + s + " |";
      for (const json& v : variants) {
        const json* a = attack_of(v, s);
        if (a == nullptr) {
          out += " – |";
          continue;
        }
        const std::string o = outcome_text(str(*a, "outcome"));
        out += " " + (a->contains("timeline") ? "[" + o + "](" + str(*a, "timeline") + ")" : md(o)) + " |";
      }
      out += "\n";
    }
  }

  out += "\n## Minimum compromise margins\n\nThe smallest set of credentials from which each "
         "outcome is reached (exhaustive search of the standard identity), for an owner who "
         "never reacts and one who reacts within a day. \"none within depth k\": no set reaches it.\n\n";
  for (const json& v : variants) {
    if (!v.contains("margins")) continue;
    out += "### " + str(v, "name") + "\n\n| outcome | owner | smallest | minimal sets |\n|---|---|---|---|\n";
    for (const json& m : v["margins"]) {
      std::string sets;
      for (const json& s : m["minimal_sets"])
        sets += (sets.empty() ? "" : "; ") +
                (s.contains("attack") ? "[" + str(s, "credentials") + "](" + str(s, "attack") + ")"
                                      : str(s, "credentials"));
      out += "| " + str(m, "outcome") + " | " + str(m, "owner") + " | " +
             (m["smallest"].is_null() ? "none within depth " + str(m, "depth") : str(m, "smallest")) +
             " | " + md(sets) + " |\n";
    }
    out += "\n";
  }

  out += "## Engine figures\n\n| variant | engine | figures | repeat |\n|---|---|---|---|\n";
  for (const json& v : variants) {
    if (v.contains("scenario_library")) {
      const json& l = v["scenario_library"];
      out += "| " + str(v, "name") + " | scenarios | " + str(l, "files") + " files, " + str(l, "passed") +
             " passed, " + str(l, "failed") + " failed, " + str(l, "expectations_met") +
             " expectations met | `reclaim run scenarios --variant " + str(v, "name") + "` |\n";
    }
    for (const json& e : v["engines"]) {
      std::string f;
      for (const auto& [k, val] : e["figures"].items())
        if (!val.is_object() && !(val.is_array() && val.size() > 6)) f += (f.empty() ? "" : ", ") + k + " " + val.dump();
      if (e["incomplete"].get<bool>()) f += "; INCOMPLETE: " + str(e, "incomplete_why");
      out += "| " + str(v, "name") + " | " + str(e, "engine") + " | " + md(f) + " | `" + str(e, "repeat") + "` |\n";
    }
    if (v.contains("margin_figures")) {
      std::string f;
      for (const auto& [k, val] : v["margin_figures"].items()) f += (f.empty() ? "" : ", ") + k + " " + val.dump();
      out += "| " + str(v, "name") + " | margins | " + f + " | `reclaim graph --variant " + str(v, "name") +
             " --depth " + str(v["margin_figures"], "depth") + "` |\n";
    }
  }
  if (report.contains("fuzz_campaign")) {
    const json& f = report["fuzz_campaign"];
    out += "\n## Fuzz campaign\n\nThe latest campaign's summary (" + str(f, "file") +
           ", fuzz/campaign; its figures are the campaign's own): " +
           (f["ok"].get<bool>() ? "no crash" : "FAILED") + ".\n\n| target | seconds | execs | exec/s | crashes |\n|---|---|---|---|---|\n";
    for (const json& t : f["targets"])
      out += "| " + str(t, "target") + " | " + str(t, "seconds") + " | " + str(t, "execs") + " | " +
             str(t, "exec_per_sec") + " | " + str(t, "crashes") + " |\n";
  }
  out += "\nWall-clock figures (seconds per engine, time to the first counterexample, "
         "traces per second, peak memory) are in measured.json: they differ from run to run, "
         "and no comparison reads them.\n";
  return out;
}

std::string render_html(const json& report) {
  const json& prov = report["provenance"];
  const json& settings = report["settings"];
  const json& variants = report["variants"];
  const json& summary = report["summary"];
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'; img-src 'self'\">"
      "<title>reclaim audit report</title><style>" +
      std::string(kCss) + "</style></head><body>\n";
  out += "<h1>reclaim audit report</h1><p class=\"sub\">" + std::to_string(variants.size()) +
         " variant(s), seed " + html(str(prov, "seed")) + ", commit " + html(str(prov, "commit")) +
         ". How to read it: docs/report.md in the repository.</p>\n";
  const int exit = summary["exit"].get<int>();
  out += std::string("<div class=\"") + (exit == 0 ? "ok" : "warn") + "\">";
  out += "claims violated: <b>" + html(str(summary, "claims_violated")) +
         "</b>; scenario expectations unmet: <b>" + html(str(summary, "expectations_unmet")) +
         "</b>; exit code " + std::to_string(exit);
  for (const json& p : summary["problems"]) out += "<br>engine problem: " + html(p.get<std::string>());
  for (const json& p : summary["incomplete"]) out += "<br>checked less than asked: " + html(p.get<std::string>());
  if (!prov["reproducible"].get<bool>()) out += "<br>NOT REPRODUCIBLE: " + html(str(prov, "why_not_reproducible"));
  out += "</div>\n";

  out += "<h2>Legend</h2><div class=\"legend\">"
         "<span class=\"violated\">VIOLATED: a claim broken</span>"
         "<span class=\"weakness\">weakness: not claimed, violated</span>"
         "<span class=\"proved\">proved</span><span class=\"depth\">holds to depth k</span>"
         "<span class=\"tested\">tested on n traces</span>"
         "<span class=\"unknown\">unknown / undecided</span>"
         "<span class=\"not-encoded\">not encoded</span>"
         "<span class=\"open\">not claimed, nothing violated it</span></div>"
         "<div class=\"legend\">attack outcomes: <span class=\"keeps\">keeps control</span>"
         "<span class=\"lost\">taken over / loses assets</span>"
         "<span class=\"locked\">locked out</span><span class=\"na\">not applicable</span></div>"
         "<p class=\"sub\">Each claims cell gives the strongest evidence first (violated &gt; proved "
         "&gt; holds to depth k &gt; tested on n traces &gt; unknown &gt; not encoded), then every "
         "engine's own label. Counterexamples and timelines are files of this folder.</p>\n";

  out += "<h2 id=\"claims\">Claims matrix</h2><table id=\"claims-matrix\"><tr><th>invariant</th>";
  for (const json& v : variants) out += "<th class=\"rot\">" + html(str(v, "name")) + "</th>";
  out += "</tr>\n";
  for (const json& inv : report["invariants"]) {
    const std::string id = str(inv, "id");
    out += "<tr><th title=\"" + html(str(inv, "statement")) + "\">" + html(id) + "</th>";
    for (const json& v : variants) {
      const json* c = cell_of(v, id);
      if (c == nullptr) {
        out += "<td class=\"cell na\">–</td>";
        continue;
      }
      const std::string cls = cell_class(*c);
      std::string head = html(cell_headline(*c));
      if (c->contains("counterexample"))
        head = "<a href=\"" + html(str(*c, "counterexample")) + "\">" + head + "</a>";
      out += "<td class=\"cell " + cls + "\" data-status=\"" + html(str(*c, "status")) + "\"><span class=\"h\">" +
             head + ((*c)["claimed"].get<bool>() ? "" : " <small>(not claimed)</small>") + "</span>";
      for (const json& e : (*c)["evidence"]) {
        std::string t = html(str(e, "engine") + ": " + evidence_short(e));
        if (e.contains("counterexample") && !str(e, "counterexample").empty())
          t = "<a href=\"" + html(str(e, "counterexample")) + "\">" + t + "</a>";
        out += "<span class=\"e\" title=\"" + html(str(e, "text")) + "\">" + t + "</span>";
      }
      out += "</td>";
    }
    out += "</tr>\n";
  }
  out += "</table>\n";

  const std::vector<std::string> scenarios = scenario_names(report);
  out += "<h2 id=\"attacks\">Attack matrix</h2><p class=\"sub\">The outcome for the "
         "scenario's identity at the end of each attack scenario, replayed under each variant; "
         "each cell links that run's timeline.</p><table id=\"attack-matrix\"><tr><th>scenario</th>";
  for (const json& v : variants) out += "<th class=\"rot\">" + html(str(v, "name")) + "</th>";
  out += "</tr>\n";
  for (const std::string& s : scenarios) {
    out += "<tr><th>" + html(s) + "</th>";
    for (const json& v : variants) {
      const json* a = attack_of(v, s);
      if (a == nullptr) {
        out += "<td class=\"cell na\">–</td>";
        continue;
      }
      const std::string o = str(*a, "outcome");
      std::string t = html(outcome_text(o));
      if (a->contains("timeline")) t = "<a href=\"" + html(str(*a, "timeline")) + "\">" + t + "</a>";
      std::string title = a->contains("why") ? str(*a, "why") : "trace " + str(*a, "trace");
      if (a->contains("in_control")) title += "; in control: " + str(*a, "in_control");
      out += "<td class=\"cell " + outcome_class(o) + "\" data-outcome=\"" + html(o) + "\" title=\"" +
             html(title) + "\"><span class=\"h\">" + t + "</span>";
      if (a->contains("expectations") && (*a)["expectations"]["unmet"].get<int>() > 0)
        out += "<span class=\"e\">" + html(str((*a)["expectations"], "unmet")) + " expectation(s) unmet</span>";
      out += "</td>";
    }
    out += "</tr>\n";
  }
  out += "</table>\n";

  out += "<h2 id=\"margins\">Minimum compromise margins</h2><p class=\"sub\">The size of the "
         "smallest credential set from which each outcome is reached (exhaustive search of the "
         "standard identity), for an owner who never reacts and one who reacts within a day; "
         "the minimal sets link their shortest attacks. A blank (–) means no set reached it "
         "within the depth.</p><table id=\"margins-table\"><tr><th>variant</th>";
  std::vector<std::pair<std::string, std::string>> columns;
  for (const json& v : variants)
    if (v.contains("margins"))
      for (const json& m : v["margins"]) {
        std::pair<std::string, std::string> col{str(m, "outcome"), str(m, "owner")};
        if (std::find(columns.begin(), columns.end(), col) == columns.end()) columns.push_back(col);
      }
  for (const auto& [o, w] : columns) out += "<th>" + html(o) + "<br><small>" + html(w) + " owner</small></th>";
  out += "</tr>\n";
  for (const json& v : variants) {
    if (!v.contains("margins")) continue;
    out += "<tr><th>" + html(str(v, "name")) + "</th>";
    for (const auto& col : columns) {
      const json* found = nullptr;
      for (const json& m : v["margins"])
        if (str(m, "outcome") == col.first && str(m, "owner") == col.second) found = &m;
      if (found == nullptr) {
        out += "<td>–</td>";
        continue;
      }
      out += "<td class=\"cell\"><span class=\"h\">" +
             ((*found)["smallest"].is_null() ? "– (depth " + str(*found, "depth") + ")"
                                             : html(str(*found, "smallest"))) +
             "</span>";
      for (const json& s : (*found)["minimal_sets"]) {
        std::string t = html(str(s, "credentials"));
        if (s.contains("attack")) t = "<a href=\"" + html(str(s, "attack")) + "\">" + t + "</a>";
        out += "<span class=\"e\">" + t + "</span>";
      }
      out += "</td>";
    }
    out += "</tr>\n";
  }
  out += "</table>\n";

  out += "<h2 id=\"figures\">Engine figures</h2><table id=\"engine-figures\"><tr><th>variant</th>"
         "<th>check</th><th>figures</th><th>repeat</th></tr>\n";
  for (const json& v : variants) {
    if (v.contains("scenario_library")) {
      const json& l = v["scenario_library"];
      out += "<tr><td>" + html(str(v, "name")) + "</td><td>scenarios</td><td>" + html(str(l, "files")) +
             " files, " + html(str(l, "passed")) + " passed, " + html(str(l, "failed")) + " failed, " +
             html(str(l, "expectations_met")) + " expectations met</td><td><code>reclaim run scenarios --variant " +
             html(str(v, "name")) + "</code></td></tr>\n";
    }
    for (const json& e : v["engines"]) {
      std::string f;
      for (const auto& [k, val] : e["figures"].items())
        if (!val.is_object() && !(val.is_array() && val.size() > 6))
          f += (f.empty() ? "" : ", ") + k + " " + val.dump();
      if (e["incomplete"].get<bool>()) f += "; INCOMPLETE: " + str(e, "incomplete_why");
      out += "<tr><td>" + html(str(v, "name")) + "</td><td>" + html(str(e, "engine")) + "</td><td>" +
             html(f) + "</td><td><code>" + html(str(e, "repeat")) + "</code></td></tr>\n";
    }
    if (v.contains("margin_figures")) {
      std::string f;
      for (const auto& [k, val] : v["margin_figures"].items()) f += (f.empty() ? "" : ", ") + k + " " + val.dump();
      out += "<tr><td>" + html(str(v, "name")) + "</td><td>margins</td><td>" + html(f) + "</td><td></td></tr>\n";
    }
  }
  out += "</table><p class=\"sub\">Wall-clock figures (seconds per engine, time to the first "
         "counterexample, traces per second, peak memory) are in measured.json; no comparison "
         "reads them.</p>\n";

  if (report.contains("fuzz_campaign")) {
    const json& f = report["fuzz_campaign"];
    out += "<h2 id=\"fuzz\">Fuzz campaign</h2><p class=\"sub\">The latest campaign's summary (" +
           html(str(f, "file")) + ", fuzz/campaign; its figures are the campaign's own): " +
           (f["ok"].get<bool>() ? std::string("no crash") : std::string("FAILED")) +
           ".</p><table id=\"fuzz-campaign\"><tr><th>target</th><th>seconds</th><th>execs</th>"
           "<th>exec/s</th><th>crashes</th></tr>\n";
    for (const json& t : f["targets"])
      out += "<tr><td>" + html(str(t, "target")) + "</td><td>" + html(str(t, "seconds")) + "</td><td>" +
             html(str(t, "execs")) + "</td><td>" + html(str(t, "exec_per_sec")) + "</td><td class=\"" +
             (str(t, "crashes") == "0" ? "keeps" : "lost") + "\">" + html(str(t, "crashes")) + "</td></tr>\n";
    out += "</table>\n";
  }
  out += "<h2 id=\"provenance\">Provenance</h2><dl class=\"prov\">";
  out += "<dt>seed</dt><dd>" + html(str(prov, "seed")) + "</dd><dt>commit</dt><dd>" + html(str(prov, "commit")) +
         "</dd><dt>tool</dt><dd>" + html(str(prov, "tool")) + "</dd>";
  for (const auto& [k, v] : prov["libraries"].items())
    out += "<dt>" + html(k) + "</dt><dd>" + html(v.get<std::string>()) + "</dd>";
  out += "<dt>bounds</dt><dd>random " + html(str(settings, "random_traces")) + " traces per phase, symbolic depth " +
         html(str(settings, "symbolic_depth")) + ", exhaustive depth " + html(str(settings, "exhaustive_depth")) +
         ", margins depth " + html(str(settings, "margin_depth")) + ", budget " +
         html(str(settings, "budget_seconds")) + " s</dd>";
  out += "<dt>command</dt><dd>" + html(str(prov, "command")) + "</dd><dt>repeat</dt><dd>" +
         html(str(prov, "repeat")) + "</dd><dt>reproducible</dt><dd>" +
         (prov["reproducible"].get<bool>() ? std::string("yes") : "no: " + html(str(prov, "why_not_reproducible"))) +
         "</dd></dl>\n</body></html>\n";
  return out;
}

}  // namespace reclaim::reports
