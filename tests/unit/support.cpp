#include "tests/unit/support.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "compiler/driver/policy_pass.hpp"

namespace replyc::test {

std::vector<std::string> Compiled::codes() const {
  std::vector<std::string> out;
  for (const auto& d : diagnostics())
    out.emplace_back(info(d.code).id);
  return out;
}

bool Compiled::has(Code code) const {
  for (const auto& d : diagnostics()) {
    if (d.code == code)
      return true;
  }
  return false;
}

Compiled compile(const std::string& text, std::map<std::string, std::string> others,
                 bool with_policy) {
  Compiled result;
  result.files = std::make_unique<MemoryFileSystem>();
  result.files->add("main.reply", text);
  for (auto& [name, body] : others)
    result.files->add(name, std::move(body));
  CompileOptions options;
  options.root = "/project";
  options.display_base = "/project";
  options.today = "2026-11-27";
  options.files = result.files.get();
  if (with_policy)
    enable_policy(options, load_policy(nlohmann::json()).engine);
  result.compilation = std::make_unique<Compilation>(options);
  result.compilation->add_input("/project/main.reply");
  result.compilation->run();
  return result;
}

std::string template_with_solution(const std::string& solution, const std::string& params) {
  return "template test.sample\n"
         "  title: Sample\n"
         "  scenario: general\n"
         "  marketplaces: US\n"
         "  params:\n"
         "    order_id: order_id required\n" +
         params +
         "\n[en]\n"
         "greeting   = Hello,\n"
         "confirm    = Thank you for your message about order {order_id}.\n"
         "solution   = " +
         solution +
         "\n"
         "next_steps = Simply reply to this message if you need anything else.\n"
         "closing    = Kind regards\n";
}

CommandResult run_replyc(const std::string& arguments) {
  CommandResult result;
  const std::string command = std::string(REPLYC_BINARY) + " " + arguments + " 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr)
    return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace replyc::test
