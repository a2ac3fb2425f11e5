// The engines behind one interface (see engine.h).
#include "engines/engine.h"

namespace reclaim {

std::vector<std::string> engine_choices() { return {"random", "symbolic", "exhaustive", "all"}; }

std::string engine_help() {
  return "random (RapidCheck: random adversarial traces, shrunk counterexamples), symbolic "
         "(Z3: bounded model checking to a depth and k-induction proofs within a scope, after a "
         "differential phase against the model), exhaustive (every path of the concrete model "
         "from the standard identity to --depth, default 4; shortest counterexamples) or all "
         "(random, symbolic and exhaustive, side by side per invariant, one after the other, "
         "each with the --budget; --depth there is the random traces' length and the symbolic "
         "BMC depth, the exhaustive one to depth 4)";
}

std::vector<std::string> engines_of(const std::string& choice) {
  if (choice == "all") return {"random", "symbolic", "exhaustive"};
  return {choice};
}

EngineResult run_engine(const std::string& engine, const EngineRequest& request) {
  if (engine == "random") return check_random(request);
  if (engine == "symbolic") return check_symbolic(request);
  if (engine == "exhaustive") return check_exhaustive(request);
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
