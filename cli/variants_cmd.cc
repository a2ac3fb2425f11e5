// `reclaim variants [--json]`: the built-in variants, their one-line description, the upstream
// release or date each follows (as_of) and the invariants each claims.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/output.h"
#include "variants/variant.h"

namespace reclaim::cli {

void add_variants_command(CLI::App& app, Handler& handler) {
  auto* cmd = app.add_subcommand("variants", "List the built-in variants and their claims.");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Machine-readable output");
  cmd->callback([&handler, json]() {
    handler = [json]() {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      int rc = kExitOk;
      for (const std::string& name : builtin_variant_names()) {
        Result<Variant> v = load_variant(name);
        if (!v) {
          std::cerr << printable(v.error().str()) << "\n";
          rc = kExitBadInput;
          continue;
        }
        if (*json) {
          out.push_back(
              {{"name", v->name},
               {"about", v->about},
               {"as_of", v->as_of},
               {"path", v->path},
               {"claims", v->claims}});
        } else {
          std::cout << v->name << "\n  " << v->about << "\n";
          if (!v->as_of.empty()) std::cout << "  as of: " << v->as_of << "\n";
          std::cout << "  claims:";
          for (const std::string& c : v->claims) std::cout << " " << c;
          std::cout << "\n";
        }
      }
      if (*json) std::cout << json_text(out);
      return rc;
    };
  });
}

}  // namespace reclaim::cli
