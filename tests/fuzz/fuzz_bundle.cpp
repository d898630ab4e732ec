// Fuzz target: the bundle reader (compiler/codegen/bundle_json.hpp) on arbitrary bytes; a bundle
// it accepts must write back to bytes that read back to the same bundle, render in every locale
// with sample values, and export in every placeholder spelling without crashing.
#include <map>
#include <string>
#include <string_view>

#include "compiler/codegen/bundle_json.hpp"
#include "compiler/codegen/export.hpp"
#include "compiler/codegen/render.hpp"
#include "compiler/sema/types.hpp"
#include "tests/fuzz/entries.hpp"

namespace replyc::fuzz {
namespace {

std::string sample_of(const std::string& type) {
  const auto* info = sema::find_type(type);
  return info ? std::string(info->sample) : "x";
}

}  // namespace

int bundle(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto read = codegen::read_bundle(text);
  if (const auto* errors = std::get_if<std::vector<codegen::BundleError>>(&read)) {
    REPLYC_FUZZ_CHECK(!errors->empty());
    for (const auto& error : *errors)
      REPLYC_FUZZ_CHECK(!error.message.empty());
    return 0;
  }
  const auto& bundle = std::get<codegen::Bundle>(read);

  // Written back, read again, written again: the same bundle and the same bytes.
  const std::string written = codegen::write_bundle(bundle);
  const auto again = codegen::read_bundle(written);
  REPLYC_FUZZ_CHECK(std::holds_alternative<codegen::Bundle>(again));
  REPLYC_FUZZ_CHECK(std::get<codegen::Bundle>(again) == bundle);
  REPLYC_FUZZ_CHECK(codegen::write_bundle(std::get<codegen::Bundle>(again)) == written);

  std::size_t budget = 64;  // renders per input: a large accepted bundle must not time out
  for (const auto& templ : bundle.templates) {
    std::map<std::string, std::string> all, required;
    for (const auto& param : templ.params) {
      all[param.name] = sample_of(param.type);
      if (param.required)
        required[param.name] = all[param.name];
    }
    for (const auto& locale : templ.locales) {
      for (const auto* given : {&all, &required}) {
        if (budget == 0)
          break;
        --budget;
        const auto rendered = codegen::render(bundle, templ.id, locale.tag, *given);
        if (const auto* out = std::get_if<codegen::Rendered>(&rendered)) {
          for (const auto& [begin, end] : out->inserted)
            REPLYC_FUZZ_CHECK(begin <= end && end <= out->text.size());
        }
      }
    }
  }
  REPLYC_FUZZ_CHECK(std::holds_alternative<std::vector<codegen::RenderError>>(
      codegen::render(bundle, "no.such.template", "en", {})));

  for (const char* spelling : {"braces", "double-braces", "brackets", "percent"}) {
    const auto placeholders = codegen::placeholder_spelling(spelling);
    REPLYC_FUZZ_CHECK(std::holds_alternative<codegen::PlaceholderSpelling>(placeholders));
    for (const auto format : {codegen::ExportFormat::Csv, codegen::ExportFormat::Json}) {
      codegen::ExportOptions options;
      options.format = format;
      options.placeholders = std::get<codegen::PlaceholderSpelling>(placeholders);
      options.skip_unexpressible = format == codegen::ExportFormat::Json;
      const auto exported = codegen::export_bundle(bundle, options);
      REPLYC_FUZZ_CHECK(exported.content.empty() || exported.errors.empty());
    }
  }
  return 0;
}

}  // namespace replyc::fuzz
