#include "lsp/language/features.hpp"

namespace replyc::lsp::language {

using nlohmann::json;

std::string_view tr(UiLanguage language, std::string_view english, std::string_view chinese) {
  return language == UiLanguage::Chinese ? chinese : english;
}

json location_json(const Project& project, FileId file, ByteRange range,
                   PositionEncoding encoding) {
  const std::string uri = project.uri_of(file);
  if (uri.empty())
    return nullptr;
  return {{"uri", uri},
          {"range", range_json(project.compilation->sources().file(file), range, encoding)}};
}

}  // namespace replyc::lsp::language
