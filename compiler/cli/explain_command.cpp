#include <iostream>

#include "compiler/cli/commands.hpp"
#include "compiler/diag/docs.hpp"

namespace replyc::cli {

int run_explain(const CommonOptions&, const std::string& code) {
  const CodeInfo* entry = find_code(code);
  if (entry == nullptr) {
    std::cerr << "replyc: error: no diagnostic code or rule named '" << code << "'\n";
    return 2;
  }
  const auto doc = diagnostic_doc(entry->id);
  if (!doc) {
    std::cerr << "replyc: error: " << entry->id << " has no documentation\n";
    return 2;
  }
  std::cout << *doc;
  if (!doc->ends_with('\n'))
    std::cout << '\n';
  return 0;
}

}  // namespace replyc::cli
