// `reclaim compare BASE CANDIDATE [--out DIR] [--json] [--seed N] [--traces N]
// [--symbolic-depth K] [--exhaustive-depth K] [--margin-depth K] [--budget S] [--check C]...`:
// what a protocol change gains and what it breaks. BASE and CANDIDATE are variants, built-in
// names or .toml files; both go through the same audit (reports/audit.h, the same seed and
// bounds), whose report is written to DIR (default reports/compare) with the comparison
// (reports/compare.h) beside it as comparison.json and comparison.txt. It prints which claims
// newly hold or newly break, which attack outcomes change and how the margins move, each
// with its evidence (counterexample, proof depth, timeline: files of DIR). Exit 0 when the
// candidate breaks nothing the base held; 1 when it does (a claim the base held violated, an
// attack the owner survived under the base that she does not survive under the candidate),
// or an engine failed; 2 bad input; 3 nothing broke but a check did less than asked. BASE and
// CANDIDATE may be two versions of one variant file (the same name): each is told apart by
// its source.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/audit_flags.h"
#include "cli/command.h"
#include "cli/output.h"
#include "reports/audit.h"
#include "reports/compare.h"
#include "reports/render.h"
#include "trace/write_file.h"
#include "variants/variant.h"

namespace reclaim::cli {
namespace {

struct CompareArgs {
  AuditFlags flags;
  std::string base, candidate;
};

int compare_command(const CompareArgs& args, const std::string& command_line) {
  AuditFlags flags = args.flags;
  flags.variants = {args.base, args.candidate};
  reports::AuditOptions options;
  if (!make_audit_options(flags, "compare", options)) return kExitBadInput;
  options.command_line = command_line;
  AuditFlags shown = flags;
  shown.variants.clear();
  options.repeat_command =
      audit_repeat("reclaim compare", shown, options, {args.base, args.candidate});
  // An old and a new version of one variant file share a name: their evidence goes to
  // folders of their own.
  if (variant_name_of_file(args.base) == variant_name_of_file(args.candidate))
    options.folders = {variant_name_of_file(args.base) + ".base",
                       variant_name_of_file(args.candidate) + ".candidate"};
  Result<reports::Audit> audit = reports::run_audit(options);
  if (!audit) {
    std::cerr << "reclaim compare: " << printable(audit.error().str()) << "\n";
    return kExitBadInput;
  }
  const auto& variants = audit->report["variants"];
  reports::Comparison cmp = reports::compare_variants(variants[0], variants[1]);
  cmp.json["out"] = options.out_dir;
  cmp.json["problems"] = audit->problems;
  cmp.json["incomplete"] = audit->incomplete;
  cmp.json["repeat"] = options.repeat_command;
  const int rc = !audit->unwritten.empty()                     ? kExitBadInput
                 : cmp.breaks > 0 || !audit->problems.empty() ? kExitFailed
                 : !audit->incomplete.empty()                 ? kExitIncomplete
                                                              : kExitOk;
  cmp.json["exit"] = rc;
  const std::filesystem::path dir(options.out_dir);
  Result<bool> w = reports::write_audit(*audit, options.out_dir);
  if (w) w = write_file_atomic((dir / "comparison.json").string(), reports::json_document(cmp.json));
  if (w) w = write_file_atomic((dir / "comparison.txt").string(), cmp.text);
  if (!w) {
    std::cerr << "reclaim compare: " << printable(w.error().str()) << "\n";
    return kExitBadInput;
  }
  print_unwritten("compare", *audit);
  if (flags.json) {
    std::cout << json_text(cmp.json);
    return rc;
  }
  // Line by line through printable(): a variant's path can carry any byte.
  for (std::size_t at = 0; at < cmp.text.size();) {
    const std::size_t end = std::min(cmp.text.find('\n', at), cmp.text.size());
    std::cout << printable(std::string_view(cmp.text).substr(at, end - at)) << "\n";
    at = end + 1;
  }
  std::cout << "evidence (counterexamples, timelines) and the full report: "
            << printable(options.out_dir) << "/\n";
  print_run_tail("compare", *audit, options.repeat_command);
  return rc;
}

}  // namespace

void add_compare_command(CLI::App& app, Handler& handler, const std::string& command_line) {
  auto* cmd = app.add_subcommand(
      "compare",
      "What a protocol change gains and breaks: runs the audit's checks on BASE and CANDIDATE\n"
      "(built-in names or .toml files) with the same seed and bounds, and says which claims\n"
      "newly hold or break, which attack outcomes change and how the compromise margins move,\n"
      "each with its evidence (files of --out). Exit 0: the candidate breaks nothing the base\n"
      "held; 1: it does, or an engine failed; 2: bad input; 3: a check did less than asked.");
  auto args = std::make_shared<CompareArgs>();
  args->flags.out = "reports/compare";
  cmd->add_option("BASE", args->base, "The variant compared against (name or .toml)")->required();
  cmd->add_option("CANDIDATE", args->candidate, "The proposed variant (name or .toml)")
      ->required();
  add_audit_flags(*cmd, args->flags);
  cmd->add_flag("--json", args->flags.json, "Print the comparison as JSON");
  cmd->callback([&handler, args, command_line]() {
    handler = [args, command_line]() { return compare_command(*args, command_line); };
  });
}

}  // namespace reclaim::cli
