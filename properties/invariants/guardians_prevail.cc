// GUARDIANS-PREVAIL: honest guardians give an owner who lost every device control back, whatever
// a thief holding her devices does.
//
// Precisely: SOCIAL-LIVENESS (social_liveness.cc) with one waiver fewer. The same obligation
// arises at an accepted start-recovery on identity I for its owner O, signed by honest
// guardians only, while O holds no registered device of I; it is armed when honest approvers
// reach quorum, discharged when O is in control of I, and judged at the end of the run against
// the same deadline. It is waived only when a guardian of I colludes under a majority veto, O
// herself vetoes, or O no longer holds the recovery's new device. Another actor holding a
// registered device of I that may veto waives nothing: if that thief cancels the recovery,
// strips the guardians or otherwise stops it, the obligation is violated.
//
// It states what a design that lets a device veto recoveries gives up: Candide, where the owner
// key cancels any recovery and changes guardians at once, and Argent with one guardian, where
// the owner's signature alone meets the cancel majority, violate it; so does a recovery-device
// veto (the social variant) once that device is stolen. No built-in variant claims it.
#include "properties/invariants/util.h"

namespace reclaim::inv {
namespace {

constexpr std::string_view kId = "GUARDIANS-PREVAIL";
constexpr std::string_view kStatement =
    "If honest (non-colluding) guardians alone start a recovery of identity I for its owner O "
    "while O holds no registered device of I, and that recovery reaches quorum among honest "
    "approvers, then O is in control of I by the same deadline as SOCIAL-LIVENESS, unless "
    "meanwhile a guardian colluded under a majority veto, O vetoed, or O lost the recovery's "
    "new device. A thief holding devices of I with the veto right is no excuse: whatever the "
    "thief does with them (cancel the recovery, remove the guardians), the guardians prevail.";

}  // namespace

Entry guardians_prevail_entry() {
  return {kId, kStatement,
          []() { return recovery_obligation_checker(kId, /*thief_veto_waives=*/false); }};
}

}  // namespace reclaim::inv
