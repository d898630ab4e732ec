// Every flag example of every pack fires its rule; no keep example fires an error-level rule.
#include "tests/policy/helpers.hpp"

using namespace policy_test;

TEST_CASE("pack examples: flag examples fire and keep examples stay clean", "[policy][examples]") {
  const auto errors = engine().self_test();
  for (const auto& e : errors) {
    UNSCOPED_INFO(e.where << ": " << e.message);
  }
  CHECK(errors.empty());
}

TEST_CASE("pack examples: every rule has examples", "[policy][examples]") {
  for (const auto& rule : engine().rules()) {
    INFO(rule.id);
    const bool has_flag = std::any_of(rule.examples.begin(), rule.examples.end(),
                                      [](const auto& e) { return e.flag; });
    if (rule.id != "message-length") {
      CHECK(has_flag);
    }
  }
}

TEST_CASE("pack examples: every language pack has flag and keep examples", "[policy][examples]") {
  for (const std::string& locale : engine().locales()) {
    int flag = 0;
    int keep = 0;
    for (const auto& rule : engine().rules()) {
      for (const auto& e : rule.examples) {
        if (e.locale == locale) {
          (e.flag ? flag : keep) += 1;
        }
      }
    }
    INFO(locale);
    CHECK(flag >= 20);
    CHECK(keep >= 15);
  }
}
