// fuzz_to_scn: writes the scenario of one fuzz_protocol input, so that every regression
// input has a .scn that `reclaim run` replays. The input runs exactly as fuzz_protocol runs
// it (the campaign configuration of fuzz/util/harness.h: RECLAIM_VARIANT,
// RECLAIM_INVARIANTS), and the scenario ends with one `expect holds ID` or `expect violates
// ID` per checked invariant, as the run judged it: a fixed finding holds, an open one
// violates.
// Usage: fuzz_to_scn INPUT NAME > regressions/scenarios/protocol-NAME.scn
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/util/harness.h"
#include "fuzz/util/protocol_input.h"
#include "properties/monitor.h"
#include "scenarios/counterexample.h"
#include "trace/write.h"

int main(int argc, char** argv) {
  using namespace reclaim;
  using namespace reclaim::fuzz;
  if (argc != 3) {
    std::cerr << "usage: fuzz_to_scn INPUT NAME (RECLAIM_VARIANT, RECLAIM_INVARIANTS as for "
                 "fuzz_protocol)\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << argv[1] << ": cannot read\n";
    return 2;
  }
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
  const Input input = decode_input(
      {reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
  const CampaignVariant& cv = campaign().pick(input.header);
  // Run it to the end whatever it violates: every invariant is judged on the whole run.
  Driver driver(cv.variant.policy, input.header, cv.force_reactive);
  for (const Action& a : input.actions) driver.apply(a);
  Monitor monitor(cv.ids);
  monitor.finish(driver.world());
  Scenario sc = scenario_from_run(driver.world(), std::string("protocol-") + argv[2],
                                  {variant_reference(cv.variant)});
  sc.about = std::string("The run of fuzz_protocol's regression input ") + argv[2] + " under " +
             cv.variant.name + ", each checked invariant as it is judged now.";
  for (const Monitor::Slot& slot : monitor.slots()) {
    Statement e;
    e.kind = StmtKind::kExpect;
    e.expect = slot.violation ? ExpectKind::kViolates : ExpectKind::kHolds;
    e.invariant = slot.id;
    sc.statements.push_back(e);
  }
  std::cout << write_scenario(sc);
  return 0;
}
