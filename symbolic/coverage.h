// Which policies the encoding models. The encoding (rules/*.cc) reads a fixed set of Policy
// fields; a variant that sets any other field of the variant schema (variants/variant.h) to
// anything but its default (the thread's proposal's two-factor logins and asset moves, TOTP
// and protectable recovery hardware, or a field added to the schema later) has a rule the
// relation does not mirror. For such a policy the engine claims nothing that needs the relation to
// be exact: no proof, no "holds to depth k", no differential phase; only counterexamples that
// replay on the model under the very policy are reported (they are findings whatever the encoding).
#ifndef RECLAIM_SYMBOLIC_COVERAGE_H_
#define RECLAIM_SYMBOLIC_COVERAGE_H_

#include <string>
#include <vector>

#include "model/policy.h"

namespace reclaim::sym {

// The settings of `policy` the encoding does not model, each as "table.key: value" in the
// variant schema's order; empty when the encoding mirrors every rule the policy switches on.
// The fields the encoding reads are listed once, in coverage.cc; every other schema field is
// compared with its default, so a new one is reported until the encoding learns it.
std::vector<std::string> unencoded_settings(const Policy& policy);

}  // namespace reclaim::sym

#endif  // RECLAIM_SYMBOLIC_COVERAGE_H_
