#include "compiler/sema/marketplaces.hpp"

namespace replyc::sema {
namespace {

const std::vector<Marketplace>& table() {
  static const std::vector<Marketplace> marketplaces = {
      {"US", {"en"}}, {"CA", {"en", "fr"}}, {"MX", {"es"}},       {"BR", {"pt"}},
      {"UK", {"en"}}, {"IE", {"en"}},       {"DE", {"de"}},       {"FR", {"fr"}},
      {"IT", {"it"}}, {"ES", {"es"}},       {"NL", {"nl"}},       {"SE", {"sv"}},
      {"PL", {"pl"}}, {"BE", {"fr", "nl"}}, {"TR", {"tr"}},       {"AE", {"ar", "en"}},
      {"SA", {"ar"}}, {"EG", {"ar"}},       {"IN", {"en", "hi"}}, {"JP", {"ja"}},
      {"AU", {"en"}}, {"SG", {"en"}},
  };
  return marketplaces;
}

}  // namespace

std::span<const Marketplace> all_marketplaces() {
  return table();
}

const Marketplace* find_marketplace(std::string_view code) {
  for (const auto& marketplace : table()) {
    if (marketplace.code == code)
      return &marketplace;
  }
  return nullptr;
}

std::vector<std::string> marketplace_codes() {
  std::vector<std::string> codes;
  for (const auto& marketplace : table())
    codes.emplace_back(marketplace.code);
  return codes;
}

}  // namespace replyc::sema
