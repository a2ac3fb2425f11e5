// The engines behind one interface (see engine.h).
#include "engines/engine.h"

namespace reclaim {

std::vector<std::string> engine_choices() { return {"random", "symbolic", "all"}; }

std::string engine_help() {
  return "random (RapidCheck: random adversarial traces, shrunk counterexamples), symbolic "
         "(Z3: bounded model checking to a depth and k-induction proofs within a scope, after a "
         "differential phase against the model) or all (every engine, side by side per "
         "invariant)";
}

std::vector<std::string> engines_of(const std::string& choice) {
  if (choice == "all") return {"random", "symbolic"};
  return {choice};
}

EngineResult run_engine(const std::string& engine, const EngineRequest& request) {
  if (engine == "random") return check_random(request);
  if (engine == "symbolic") return check_symbolic(request);
  EngineResult r;
  r.engine = engine;
  r.problems.push_back("no such engine");
  return r;
}

nlohmann::ordered_json verdict_json(const ClaimVerdict& v) {
  nlohmann::ordered_json j = {{"id", v.invariant},
                              {"claimed", v.claimed},
                              {"engine", v.engine},
                              {"label", std::string(label_name(v.label))},
                              {"text", label_text(v)}};
  if (v.depth > 0) j["depth"] = v.depth;
  if (!v.scope.empty()) j["scope"] = v.scope;
  if (v.traces > 0) j["traces"] = v.traces;
  if (v.steps > 0) j["steps"] = v.steps;
  if (v.states > 0) j["states"] = v.states;
  if (!v.why.empty()) j["why"] = v.why;
  if (v.violated()) {
    j["counterexample"] = v.counterexample_path;
    j["message"] = v.message;
    j["seconds_to_find"] = v.seconds_to_find;
    j["scenario"] = v.scn_text;
  }
  return j;
}

}  // namespace reclaim
