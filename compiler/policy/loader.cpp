// Loads the rule packs (JSON) and the project's overrides into the compiled model.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "compiler/base/json_duplicates.hpp"
#include "compiler/policy/locale_data.hpp"
#include "compiler/policy/model.hpp"
#include "compiler/policy/pattern.hpp"

namespace replyc::policy {

const std::vector<std::string_view>& known_rule_ids() {
  // amazon-policy.md section 1, in its order.
  static const std::vector<std::string_view> ids = {
      "review-positive-request",
      "review-gating",
      "review-diversion",
      "review-incentive",
      "review-change-request",
      "feedback-removal-request",
      "review-request-duplicate",
      "review-request-neutral",
      "off-platform-contact",
      "off-platform-transaction",
      "contact-info-email",
      "contact-info-phone",
      "external-link",
      "opt-out-link",
      "logo-or-signature-link",
      "marketing-promotion",
      "proactive-purpose-not-permitted",
      "contact-reason-mismatch",
      "cancellation-request",
      "important-tag-misuse",
      "order-id-missing",
      "proactive-timing",
      "emoji",
      "decorative-symbols",
      "html-or-rich-formatting",
      "excessive-line-breaks",
      "spelling-grammar",
      "language-mismatch",
      "message-length",
      "attachment-policy",
      "personal-data-request",
      "inappropriate-tone",
      "obfuscation",
  };
  return ids;
}

namespace {

// The statistical model among the embedded locale files (compiler/policy/classifier.hpp).
constexpr const char* kClassifierFile = "classifier/weights.txt";

using nlohmann::json;

constexpr std::string_view kDetectors[] = {"email",       "phone",       "link",     "emoji",
                                           "decorative",  "length",      "order-id", "language",
                                           "line-breaks", "obfuscation", "markup"};

std::optional<Severity> parse_severity_name(std::string_view text) {
  if (text == "error") {
    return Severity::Error;
  }
  if (text == "warning") {
    return Severity::Warning;
  }
  if (text == "note" || text == "info") {
    return Severity::Note;
  }
  return std::nullopt;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

std::u32string to_u32(std::string_view text) {
  std::u32string out;
  for (std::size_t pos = 0; pos < text.size();) {
    out.push_back(next_code_point(text, pos));
  }
  return out;
}

struct PackDoc {
  std::string where;  // "locales/de/policy.json"
  std::string tag;    // "de"; "common" for the common pack
  json doc;
};

class Loader {
 public:
  explicit Loader(Engine::Impl& impl) : impl_(impl) {}

  std::vector<LoadError> errors;

  void error(std::string where, std::string message) {
    errors.push_back({std::move(where), std::move(message)});
  }

  bool parse(const std::vector<PackSource>& packs) {
    for (const PackSource& source : packs) {
      const std::string where = "locales/" + source.name;
      if (source.name == kClassifierFile) {
        parse_classifier(where, source.text);
        continue;
      }
      const auto slash = source.name.find('/');
      if (slash == std::string::npos || source.name.substr(slash + 1) != "policy.json") {
        continue;  // not a policy pack
      }
      PackDoc pack;
      pack.where = where;
      pack.tag = source.name.substr(0, slash);
      seen_common_ = seen_common_ || pack.tag == "common";
      try {
        pack.doc = json::parse(source.text.begin(), source.text.end());
      } catch (const json::exception& e) {  // parse errors, numbers out of range
        error(where, fmt::format("invalid JSON: {}", e.what()));
        continue;
      }
      if (!pack.doc.is_object()) {
        error(where, "a pack must be a JSON object");
        continue;
      }
      if (const auto twice = find_duplicate_key(source.text)) {
        error(twice->path.empty() ? where : where + ": " + twice->path,
              fmt::format("\"{}\" is written twice; the second would silently replace the first",
                          twice->key));
        continue;
      }
      if (pack.tag == "common") {
        common_ = std::move(pack);
      } else {
        locale_packs_.push_back(std::move(pack));
      }
    }
    if (!seen_common_) {
      error("locales/common/policy.json", "the common pack is missing");
    }
    return errors.empty();
  }

  void parse_classifier(const std::string& where, std::string_view text) {
    auto parsed = classifier::Model::parse(text);
    if (auto* message = std::get_if<std::string>(&parsed)) {
      error(where, *message);
      return;
    }
    impl_.classifier =
        std::make_shared<const classifier::Model>(std::get<classifier::Model>(std::move(parsed)));
  }

  // Every rule the model names must be a rule of the catalogue.
  void check_classifier_rules() {
    if (impl_.classifier == nullptr) {
      return;
    }
    for (const std::string& id : impl_.classifier->rules()) {
      if (impl_.rule(id) == UINT32_MAX) {
        error(std::string("locales/") + kClassifierFile, fmt::format("unknown rule id \"{}\"", id));
      }
    }
  }

  void load_catalogue() {
    const json* rules = member(common_.doc, "catalogue");
    if (rules == nullptr || !rules->is_array()) {
      error(common_.where, "\"catalogue\" must be an array");
      return;
    }
    const auto& known = known_rule_ids();
    std::vector<std::vector<std::string>> suppressed(rules->size());
    std::vector<std::vector<std::pair<std::string, std::string>>> implied(rules->size());
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const json& r = (*rules)[i];
      const std::string where = fmt::format("{}: catalogue[{}]", common_.where, i);
      if (!r.is_object() || !r.contains("id") || !r["id"].is_string()) {
        error(where, "a rule needs a string \"id\"");
        continue;
      }
      RuleDef def;
      RuleInfo info;
      def.id = r["id"].get<std::string>();
      if (std::find(known.begin(), known.end(), def.id) == known.end()) {
        error(where, fmt::format("unknown rule id \"{}\"", def.id));
        continue;
      }
      if (impl_.rule_index.count(def.id) != 0) {
        error(where, fmt::format("rule \"{}\" is defined twice", def.id));
        continue;
      }
      const std::string sev = r.value("severity", "");
      const auto severity = parse_severity_name(sev);
      if (!severity) {
        error(where + ".severity", fmt::format("invalid severity \"{}\"", sev));
        continue;
      }
      def.severity = *severity;
      const std::string applies = r.value("applies", "all");
      if (applies == "all") {
        def.applies = Applies::All;
      } else if (applies == "reply") {
        def.applies = Applies::Reply;
      } else if (applies == "proactive") {
        def.applies = Applies::Proactive;
      } else {
        error(where + ".applies", fmt::format("invalid value \"{}\"", applies));
      }
      def.detector = r.value("detector", "");
      if (!def.detector.empty() && std::find(std::begin(kDetectors), std::end(kDetectors),
                                             def.detector) == std::end(kDetectors)) {
        error(where + ".detector", fmt::format("unknown detector \"{}\"", def.detector));
      }
      if (!two_languages(r, "message", where, def.message_en, def.message_zh) ||
          !two_languages(r, "summary", where, info.summary_en, info.summary_zh)) {
        continue;
      }
      if (r.contains("suppressed_by")) {
        for (const json& s : r["suppressed_by"]) {
          suppressed[i].push_back(s.is_string() ? s.get<std::string>() : std::string());
        }
      }
      if (r.contains("implied_by")) {
        read_implications(r["implied_by"], where, implied[i]);
      }
      if (r.contains("quoted_in_context")) {
        const json& name = r["quoted_in_context"];
        if (!name.is_string() || !is_context_set(name.get<std::string>())) {
          error(where + ".quoted_in_context", "must name a context set");
        } else {
          def.quoted_in_context = name.get<std::string>();
        }
      }
      info.id = def.id;
      info.severity = def.severity;
      info.applies = applies;
      impl_.rule_index.emplace(def.id, static_cast<std::uint32_t>(impl_.rules.size()));
      impl_.rules.push_back(std::move(def));
      impl_.infos.push_back(std::move(info));
      rule_json_index_.push_back(i);
    }
    for (std::size_t k = 0; k < impl_.rules.size(); ++k) {
      for (const std::string& id : suppressed[rule_json_index_[k]]) {
        const auto it = impl_.rule_index.find(id);
        if (it == impl_.rule_index.end()) {
          error(fmt::format("{}: catalogue[{}].suppressed_by", common_.where, rule_json_index_[k]),
                fmt::format("unknown rule id \"{}\"", id));
          continue;
        }
        impl_.rules[k].suppressed_by.push_back(it->second);
      }
      for (const auto& [id, context] : implied[rule_json_index_[k]]) {
        const auto it = impl_.rule_index.find(id);
        if (it == impl_.rule_index.end()) {
          error(fmt::format("{}: catalogue[{}].implied_by", common_.where, rule_json_index_[k]),
                fmt::format("unknown rule id \"{}\"", id));
          continue;
        }
        impl_.rules[k].implied_by.push_back({it->second, context});
      }
    }
  }

  static bool is_context_set(std::string_view name) {
    return std::find_if(std::begin(kContextSets), std::end(kContextSets),
                        [&](const char* c) { return name == c; }) != std::end(kContextSets);
  }

  // "implied_by": [{"rule": "off-platform-transaction", "context": "PRICE_CUT"}]; the context
  // must be one of the sets the engine builds for every pack (kContextSets). Without a context
  // the other rule's finding always brings this one ("attachment-policy": a marketing attachment
  // is marketing).
  void read_implications(const json& list, const std::string& where,
                         std::vector<std::pair<std::string, std::string>>& out) {
    bool ok = list.is_array();
    if (ok) {
      for (const json& item : list) {
        const json* rule = item.is_object() ? member(item, "rule") : nullptr;
        const json* context = item.is_object() ? member(item, "context") : nullptr;
        if (rule == nullptr || !rule->is_string() ||
            (context != nullptr && !context->is_string())) {
          ok = false;
          break;
        }
        const std::string name = context != nullptr ? context->get<std::string>() : "";
        if (context != nullptr && !is_context_set(name)) {
          error(where + ".implied_by", fmt::format("unknown context set \"{}\"", name));
          return;
        }
        out.emplace_back(rule->get<std::string>(), name);
      }
    }
    if (!ok) {
      error(where + ".implied_by",
            "must be an array of {\"rule\": id} or {\"rule\": id, \"context\": set}");
    }
  }

  void load_detectors() {
    const json* d = member(common_.doc, "detectors");
    if (d == nullptr || !d->is_object()) {
      error(common_.where, "\"detectors\" must be an object");
      return;
    }
    DetectorConfig& cfg = impl_.detectors;
    auto strings = [&](const char* key) {
      std::vector<std::string> out;
      if (!d->contains(key)) {
        return out;
      }
      const json& list = (*d)[key];
      if (!list.is_array()) {
        error(fmt::format("{}: detectors.{}", common_.where, key), "must be an array of strings");
        return out;
      }
      for (const json& item : list) {
        if (item.is_string()) {
          out.push_back(normalize_plain(item.get<std::string>()));
        }
      }
      return out;
    };
    for (std::string& s : strings("tlds")) {
      cfg.tlds.insert(std::move(s));
    }
    for (std::string& s : strings("spelled_tlds")) {
      cfg.spelled_tlds.insert(std::move(s));
    }
    for (std::string& s : strings("spelled_second_levels")) {
      cfg.spelled_second_levels.insert(std::move(s));
    }
    for (std::string& s : strings("spelled_country_tlds")) {
      cfg.spelled_country_tlds.insert(std::move(s));
    }
    for (std::string& s : strings("mailbox_names")) {
      cfg.mailbox_names.insert(std::move(s));
    }
    for (std::string& s : strings("shorteners")) {
      cfg.shorteners.insert(std::move(s));
    }
    cfg.deep_links = strings("deep_links");
    cfg.amazon_hosts = strings("amazon_hosts");
    emoticons_ = strings("emoticons");
    cfg.order_id_placeholders = strings("order_id_placeholders");
    cfg.decorative = to_u32(d->value("decorative", ""));
    cfg.simplified_han = to_u32(d->value("simplified_han", ""));
    cfg.max_chars = d->value("max_chars", 2000u);
    cfg.max_line_breaks = d->value("max_consecutive_line_breaks", 2u);
  }

  void load_languages() {
    for (const PackDoc& pack : locale_packs_) {
      const json* lang = member(pack.doc, "language");
      if (lang == nullptr || !lang->is_object()) {
        error(pack.where, "\"language\" must be an object");
        continue;
      }
      if (pack.doc.value("locale", "") != pack.tag) {
        error(pack.where + ": locale", fmt::format("must be \"{}\"", pack.tag));
      }
      const auto bit = static_cast<std::uint32_t>(impl_.languages.size());
      impl_.languages.push_back(pack.tag);
      if (lang->contains("stopwords") && (*lang)["stopwords"].is_array()) {
        for (const json& w : (*lang)["stopwords"]) {
          if (w.is_string()) {
            impl_.stopwords[normalize_plain(w.get<std::string>())] |= 1u << bit;
          }
        }
      }
    }
  }

  // Makes a slot per locale pack and the fallback and compiles them, or (OnFirstUse) only the
  // fallback and the locales the project adds phrases to: their errors are the project's, so
  // they are reported now; a built-in pack's own patterns are tested to compile.
  void build_locales(const nlohmann::json* project, LocaleCompile when) {
    if (project != nullptr) {
      project_copy_ = *project;  // kept for the locales compiled later
      project_ = &project_copy_;
    }
    for (const PackDoc& pack : locale_packs_) {
      impl_.locales.try_emplace(pack.tag);
    }
    impl_.locales.try_emplace("");
    for (auto& [tag, slot] : impl_.locales) {
      if (when == LocaleCompile::AtLoad || tag.empty() || project_adds_phrases(tag)) {
        slot.model = build_locale(find_pack(tag));
        std::call_once(slot.once, [] {});
      }
    }
  }

  // For a slot that build_locales() left empty.
  std::unique_ptr<LocaleModel> build_later(const std::string& tag) {
    const std::size_t known_errors = errors.size();
    auto model = build_locale(find_pack(tag));
    if (errors.size() != known_errors) {  // only a pack that was never loaded by the tests
      throw std::logic_error(fmt::format("policy pack {}: {}", errors[known_errors].where,
                                         errors[known_errors].message));
    }
    return model;
  }

  void load_examples() {
    auto add = [&](const PackDoc& pack, const json& entry, std::uint32_t rule) {
      for (const char* key : {"flag", "keep"}) {
        if (!entry.contains(key)) {
          continue;
        }
        const json& list = entry[key];
        if (!list.is_array()) {
          error(pack.where, fmt::format("\"{}\" must be an array", key));
          continue;
        }
        for (const json& item : list) {
          RuleExample ex;
          ex.flag = std::string_view(key) == "flag";
          ex.locale = pack.tag == "common" ? "en" : pack.tag;
          if (item.is_string()) {
            ex.text = item.get<std::string>();
          } else if (item.is_object() && item.contains("text")) {
            ex.text = item.value("text", "");
            ex.locale = item.value("locale", ex.locale);
          } else {
            continue;
          }
          RuleInfo& info = impl_.infos[rule];
          if (ex.locale == "en") {
            (ex.flag ? info.flag_examples : info.keep_examples).push_back(ex.text);
          }
          info.examples.push_back(std::move(ex));
        }
      }
    };
    std::vector<const PackDoc*> all;
    all.push_back(&common_);
    for (const PackDoc& p : locale_packs_) {
      all.push_back(&p);
    }
    for (const PackDoc* pack : all) {
      const json* rules = pack->doc.contains("rules") ? &pack->doc["rules"] : nullptr;
      if (rules == nullptr || !rules->is_array()) {
        continue;
      }
      for (const json& entry : *rules) {
        if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string()) {
          continue;
        }
        const std::uint32_t rule = impl_.rule(entry["id"].get<std::string>());
        if (rule != UINT32_MAX) {
          add(*pack, entry, rule);
        }
      }
    }
  }

  void apply_project_rules(const nlohmann::json* project) {
    if (project == nullptr || project->is_null()) {
      return;
    }
    if (!project->is_object()) {
      error("replyc.json: policy", "must be an object");
      return;
    }
    for (const auto& [key, value] : project->items()) {
      if (key != "rules" && key != "allow" && key != "phrases" && key != "classifier") {
        error("replyc.json: policy." + key,
              "unknown key (expected \"rules\", \"allow\", \"phrases\" or \"classifier\")");
      }
    }
    if (project->contains("classifier")) {
      const json& on = (*project)["classifier"];
      if (!on.is_boolean()) {
        error("replyc.json: policy.classifier", "must be true or false");
      } else if (!on.get<bool>()) {
        impl_.classifier.reset();
      }
    }
    if (project->contains("rules")) {
      const json& rules = (*project)["rules"];
      if (!rules.is_object()) {
        error("replyc.json: policy.rules", "must be an object of rule id -> setting");
      } else {
        for (const auto& [id, value] : rules.items()) {
          const std::string where = "replyc.json: policy.rules." + id;
          const std::uint32_t rule = impl_.rule(id);
          if (rule == UINT32_MAX) {
            error(where, fmt::format("unknown rule id \"{}\"", id));
            continue;
          }
          const std::string setting = value.is_string() ? value.get<std::string>() : "";
          if (setting == "off") {
            impl_.rules[rule].enabled = false;
            impl_.infos[rule].enabled = false;
          } else if (const auto sev = parse_severity_name(setting)) {
            impl_.rules[rule].severity = *sev;
            impl_.rules[rule].severity_overridden = true;
            impl_.infos[rule].severity = *sev;
          } else {
            error(where, "must be \"off\", \"error\", \"warning\" or \"note\"");
          }
        }
      }
    }
    if (project->contains("allow")) {
      const json& allow = (*project)["allow"];
      if (!allow.is_array()) {
        error("replyc.json: policy.allow", "must be an array of strings");
      } else {
        for (std::size_t i = 0; i < allow.size(); ++i) {
          const std::string term =
              allow[i].is_string() ? normalize_plain(allow[i].get<std::string>()) : std::string();
          if (term.empty()) {
            error(fmt::format("replyc.json: policy.allow[{}]", i), "must be a non-empty string");
            continue;
          }
          impl_.allow.push_back(term);
          std::string digits;
          for (char c : term) {
            if (c >= '0' && c <= '9') {
              digits.push_back(c);
            }
          }
          if (digits.size() >= 5) {
            impl_.allow_digits.push_back(digits);
          }
        }
      }
    }
    if (project->contains("phrases") && !(*project)["phrases"].is_object()) {
      error("replyc.json: policy.phrases", "must be an object of locale -> array of phrases");
    }
  }

 private:
  static const json* member(const json& doc, const char* key) {
    if (!doc.contains(key)) {
      return nullptr;
    }
    return &doc[key];
  }

  bool two_languages(const json& r, const char* key, const std::string& where, std::string& en,
                     std::string& zh) {
    if (!r.contains(key) || !r[key].is_object()) {
      error(where, fmt::format("missing \"{}\" (an object with \"en\" and \"zh\")", key));
      return false;
    }
    const json& m = r[key];
    en = m.value("en", "");
    zh = m.value("zh", "");
    if (en.empty() || zh.empty()) {
      error(where + "." + key, "needs both \"en\" and \"zh\" texts");
      return false;
    }
    return true;
  }

  // ---- One locale model ------------------------------------------------------------------

  struct Context {
    LocaleModel* model = nullptr;
    const PackDoc* pack = nullptr;  // nullptr for the fallback model
    std::map<std::string, std::vector<Expansion>, std::less<>> lexicon_cache;
    std::set<std::string, std::less<>> in_progress;
    std::unordered_map<std::string, std::uint32_t> phrase_sets;
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> set_atoms;  // set -> its atoms
  };

  const json* lexicon_entry(const PackDoc* pack, std::string_view name) {
    if (pack == nullptr || !pack->doc.contains("lexicon")) {
      return nullptr;
    }
    const json& lex = pack->doc["lexicon"];
    const auto it = lex.find(std::string(name));
    return it == lex.end() ? nullptr : &*it;
  }

  const std::vector<Expansion>* resolve(Context& ctx, std::string_view name, std::string& err) {
    if (const auto it = ctx.lexicon_cache.find(name); it != ctx.lexicon_cache.end()) {
      return &it->second;
    }
    if (ctx.in_progress.count(name) != 0) {
      err = fmt::format("lexicon entry @{} refers to itself", name);
      return nullptr;
    }
    const json* own = lexicon_entry(ctx.pack, name);
    const json* shared = lexicon_entry(&common_, name);
    if (own == nullptr && shared == nullptr) {
      err = fmt::format("unknown lexicon entry @{}", name);
      return nullptr;
    }
    ctx.in_progress.emplace(name);
    std::vector<Expansion> all;
    for (const json* list : {own, shared}) {
      if (list == nullptr) {
        continue;
      }
      if (!list->is_array()) {
        err = fmt::format("lexicon entry @{} must be an array of phrases", name);
        ctx.in_progress.erase(std::string(name));
        return nullptr;
      }
      for (const json& item : *list) {
        if (!item.is_string()) {
          err = fmt::format("lexicon entry @{} holds a non-string", name);
          ctx.in_progress.erase(std::string(name));
          return nullptr;
        }
        std::vector<Expansion> part;
        const RefResolver resolver = [&](std::string_view n, std::string& e) {
          return resolve(ctx, n, e);
        };
        if (!expand_phrase(item.get<std::string>(), resolver, part, err)) {
          err = fmt::format("in @{} \"{}\": {}", name, item.get<std::string>(), err);
          ctx.in_progress.erase(std::string(name));
          return nullptr;
        }
        all.insert(all.end(), part.begin(), part.end());
      }
    }
    ctx.in_progress.erase(std::string(name));
    return &ctx.lexicon_cache.emplace(std::string(name), std::move(all)).first->second;
  }

  // "(con l'|all') annullamento" expands to "con l' annullamento"; the text writes the elision
  // glued ("con l'annullamento"), so the space after an elided article, preposition or pronoun
  // goes. Only those: "un po' di" and "di' la tua" keep their space.
  static std::string join_elisions(std::string text) {
    static const std::set<std::string, std::less<>> kElided = {
        "l",       "d",      "j",      "m",     "t",      "s",      "c",      "n",    "v",
        "qu",      "lorsqu", "puisqu", "jusqu", "quoiqu", "presqu", "quelqu", "un",   "dell",
        "all",     "dall",   "nell",   "sull",  "coll",   "quest",  "quell",  "anch", "nessun",
        "qualcun", "bell",   "sant",   "buon",  "tutt",   "com",    "dov",    "cos"};
    std::string out;
    out.reserve(text.size());
    std::size_t word_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == ' ' && i >= 2 && text[i - 1] == '\'' &&
          kElided.count(std::string_view(out).substr(word_start, out.size() - 1 - word_start)) !=
              0) {
        continue;
      }
      out.push_back(c);
      if (!is_word_byte(static_cast<unsigned char>(c)) && c != '\'') {
        word_start = out.size();
      }
    }
    return out;
  }

  static void hyphen_variants(const std::string& text, std::vector<std::string>& out) {
    out.assign(1, std::string());
    int hyphens = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      const bool joins = c == '-' && i > 0 && i + 1 < text.size() &&
                         is_word_byte(static_cast<unsigned char>(text[i - 1])) &&
                         is_word_byte(static_cast<unsigned char>(text[i + 1]));
      if (joins && ++hyphens <= 3) {
        std::vector<std::string> next;
        for (const std::string& prefix : out) {
          next.push_back(prefix + '-');
          next.push_back(prefix + ' ');
          next.push_back(prefix);
        }
        out = std::move(next);
      } else {
        for (std::string& prefix : out) {
          prefix.push_back(c);
        }
      }
    }
  }

  // Replaces each accent-exact word (kExactOpen form kExactClose) by its folded text and records
  // where it stands.
  static std::string take_exact_words(const std::string& marked, std::vector<ExactWord>& exact) {
    std::string text;
    std::size_t pos = 0;
    while (pos < marked.size()) {
      const std::size_t open = marked.find(kExactOpen, pos);
      if (open == std::string::npos) {
        break;
      }
      const std::size_t from = open + kExactOpen.size();
      const std::size_t close = marked.find(kExactClose, from);
      if (close == std::string::npos) {
        break;  // a private-use character typed into a phrase: plain text
      }
      text.append(marked, pos, open - pos);
      ExactWord word;
      word.form = marked.substr(from, close - from);
      const std::string folded = normalize_fragment(word.form);
      word.offset = static_cast<std::uint32_t>(text.size());
      word.length = static_cast<std::uint32_t>(folded.size());
      text += folded;
      exact.push_back(std::move(word));
      pos = close + kExactClose.size();
    }
    text.append(marked, pos);
    return text;
  }

  // Two kana ("いい", "よい") also end and begin longer words ("お使い|いただく").
  static bool is_short_kana_word(const std::string& text) {
    std::size_t pos = 0;
    int count = 0;
    while (pos < text.size()) {
      const char32_t c = next_code_point(text, pos);
      if (c < 0x3041 || c > 0x30FF) {
        return false;
      }
      ++count;
    }
    return count == 2;
  }

  static std::uint32_t atom_id(LocaleModel& m, const std::string& marked, bool wild_left,
                               bool wild_right, bool boundaries) {
    AtomDef atom;
    const std::string text = take_exact_words(marked, atom.exact);
    std::size_t pos = 0;
    const char32_t first = next_code_point(text, pos);
    const char32_t last = prev_code_point(text, text.size());
    atom.text = text;
    atom.wild_left = wild_left;
    atom.wild_right = wild_right;
    atom.check_left = boundaries && !wild_left && is_alnum_cp(first) && !is_cjk(first);
    atom.check_right = boundaries && !wild_right && is_alnum_cp(last) && !is_cjk(last);
    atom.short_kana = boundaries && !wild_left && !wild_right && is_short_kana_word(text);
    std::string key = marked;
    key.push_back('\x01');
    key.push_back(static_cast<char>('0' + (atom.check_left ? 1 : 0) + (atom.check_right ? 2 : 0) +
                                    (wild_left ? 4 : 0) + (wild_right ? 8 : 0) +
                                    (atom.short_kana ? 16 : 0)));
    const auto [it, inserted] = m.atom_ids.emplace(key, static_cast<std::uint32_t>(m.atoms.size()));
    if (inserted) {
      m.atoms.push_back(std::move(atom));
      m.atom_sets.emplace_back();
    }
    return it->second;
  }

  static std::uint32_t set_id(LocaleModel& m, std::vector<std::uint32_t> atoms) {
    std::sort(atoms.begin(), atoms.end());
    atoms.erase(std::unique(atoms.begin(), atoms.end()), atoms.end());
    const auto [it, inserted] = m.set_ids.emplace(atoms, m.set_count);
    if (inserted) {
      for (std::uint32_t a : atoms) {
        m.atom_sets[a].push_back(m.set_count);
      }
      ++m.set_count;
    }
    return it->second;
  }

  // Compiles one phrase into a term set; UINT32_MAX with `err` on failure.
  // The alternatives of a phrase that is one bracketed alternation, "(a|@B|c d)"; empty when
  // the phrase is anything else.
  static std::vector<std::string> top_alternatives(const std::string& phrase) {
    std::vector<std::string> out;
    if (phrase.size() < 3 || phrase.front() != '(' || phrase.back() != ')') {
      return out;
    }
    int depth = 0;
    std::string current;
    for (std::size_t i = 1; i + 1 < phrase.size(); ++i) {
      const char c = phrase[i];
      if (c == '\\' && i + 2 < phrase.size()) {
        current.push_back(c);
        current.push_back(phrase[++i]);
        continue;
      }
      if (c == '(' || c == '[') {
        ++depth;
      } else if (c == ')' || c == ']') {
        if (--depth < 0) {
          return {};  // "(a)(b)": the first bracket closes before the end
        }
      } else if (c == '|' && depth == 0) {
        out.push_back(std::move(current));
        current.clear();
        continue;
      }
      current.push_back(c);
    }
    out.push_back(std::move(current));
    for (const std::string& alt : out) {
      if (alt.empty() || alt.front() == '*' || alt.back() == '*' || depth != 0) {
        return {};
      }
    }
    return out.size() > 1 ? out : std::vector<std::string>{};
  }

  std::uint32_t compile_phrase(Context& ctx, const std::string& phrase, std::string& err) {
    if (const auto it = ctx.phrase_sets.find(phrase); it != ctx.phrase_sets.end()) {
      return it->second;
    }
    // "(@ASK|@REQ|@REQ_WISH)": the union of its alternatives, each compiled (and cached) once;
    // the big lexicons are shared by hundreds of such phrases.
    if (const auto alternatives = top_alternatives(phrase); !alternatives.empty()) {
      std::vector<std::uint32_t> atoms;
      std::string alt_err;
      bool ok = true;
      for (const std::string& alt : alternatives) {
        const std::uint32_t alt_set = compile_phrase(ctx, alt, alt_err);
        if (alt_set == UINT32_MAX) {
          ok = false;
          break;
        }
        const auto& alt_atoms = ctx.set_atoms[alt_set];
        atoms.insert(atoms.end(), alt_atoms.begin(), alt_atoms.end());
      }
      if (ok) {
        const std::uint32_t id = set_id(*ctx.model, atoms);
        remember(ctx, phrase, id, std::move(atoms));
        return id;
      }
    }
    std::vector<Expansion> expansions;
    const RefResolver resolver = [&](std::string_view n, std::string& e) {
      return resolve(ctx, n, e);
    };
    if (!expand_phrase(phrase, resolver, expansions, err)) {
      return UINT32_MAX;
    }
    std::vector<std::uint32_t> atoms;
    std::vector<std::string> variants;
    for (const Expansion& e : expansions) {
      const std::string text = join_elisions(collapse_spaces(e.text));
      if (text.empty()) {
        if (expansions.size() == 1 || e.wild_left || e.wild_right) {
          err = fmt::format("phrase \"{}\" can never match (nothing left after normalisation)",
                            phrase);
          return UINT32_MAX;
        }
        // Would silently drop the "nothing" case; the link around it can never be skipped.
        err = fmt::format(
            "phrase \"{}\" is only optional parts, so it may match nothing: put the optional part "
            "into a neighbouring phrase (\"notez [le] produit\", not \"notez ..0 [le] ..0 "
            "produit\")",
            phrase);
        return UINT32_MAX;
      }
      hyphen_variants(text, variants);
      for (const std::string& v : variants) {
        atoms.push_back(atom_id(*ctx.model, v, e.wild_left, e.wild_right, true));
      }
    }
    if (atoms.empty()) {
      err = fmt::format("phrase \"{}\" can never match", phrase);
      return UINT32_MAX;
    }
    const std::uint32_t id = set_id(*ctx.model, atoms);
    remember(ctx, phrase, id, std::move(atoms));
    return id;
  }

  static void remember(Context& ctx, const std::string& phrase, std::uint32_t set,
                       std::vector<std::uint32_t> atoms) {
    ctx.phrase_sets.emplace(phrase, set);
    if (ctx.set_atoms.count(set) == 0) {
      ctx.set_atoms.emplace(set, std::move(atoms));
    }
  }

  // Expands @@NAME macros (pattern fragments from the pack's "macros", then the common pack's).
  bool expand_macros(const Context& ctx, const std::string& text, std::string& out,
                     std::string& err) {
    out.clear();
    for (std::size_t i = 0; i < text.size();) {
      if (text.compare(i, 2, "@@") != 0) {
        out.push_back(text[i++]);
        continue;
      }
      std::size_t end = i + 2;
      while (end < text.size() && ((text[end] >= 'A' && text[end] <= 'Z') ||
                                   (text[end] >= '0' && text[end] <= '9') || text[end] == '_')) {
        ++end;
      }
      const std::string name = text.substr(i + 2, end - i - 2);
      const json* macro = nullptr;
      for (const PackDoc* pack : {ctx.pack, static_cast<const PackDoc*>(&common_)}) {
        if (macro == nullptr && pack != nullptr && pack->doc.contains("macros") &&
            pack->doc["macros"].contains(name) && pack->doc["macros"][name].is_string()) {
          macro = &pack->doc["macros"][name];
        }
      }
      if (macro == nullptr) {
        err = fmt::format("unknown macro @@{}", name);
        return false;
      }
      out += macro->get<std::string>();
      i = end;
    }
    return true;
  }

  // Expands the macros, then the "{A | B}" choices (a macro may hold choices), and adds one
  // pattern per combination to the locale; nothing is added when any of them fails.
  bool compile_patterns(Context& ctx, const std::string& source, const PatternDef& def,
                        std::string& err) {
    std::string text;
    if (!expand_macros(ctx, source, text, err)) {
      return false;
    }
    std::vector<std::string> variants;
    if (!expand_choices(text, variants, err)) {
      return false;
    }
    std::vector<PatternDef> compiled;
    for (const std::string& variant : variants) {
      PatternDef pattern = def;
      if (!compile_expanded(ctx, variant, pattern, err)) {
        return false;
      }
      compiled.push_back(std::move(pattern));
    }
    for (PatternDef& pattern : compiled) {
      ctx.model->patterns.push_back(std::move(pattern));
    }
    return true;
  }

  bool compile_expanded(Context& ctx, const std::string& text, PatternDef& def, std::string& err) {
    ParsedPattern parsed;
    if (!parse_pattern(text, parsed, err)) {
      return false;
    }
    auto chains = [&](const std::vector<ParsedChain>& in, std::vector<Chain>& out) {
      for (const ParsedChain& pc : in) {
        Chain chain;
        chain.gaps = pc.gaps;
        for (const std::string& phrase : pc.phrases) {
          const std::uint32_t set = compile_phrase(ctx, phrase, err);
          if (set == UINT32_MAX) {
            return false;
          }
          chain.sets.push_back(set);
        }
        out.push_back(std::move(chain));
      }
      return true;
    };
    return chains(parsed.all, def.all) && chains(parsed.none, def.none);
  }

  void add_pattern_entries(Context& ctx, const PackDoc& pack, bool common) {
    const json& doc = pack.doc;
    if (!doc.contains("rules")) {
      return;
    }
    const json& rules = doc["rules"];
    if (!rules.is_array()) {
      if (!common || ctx.model->tag.empty()) {
        error(pack.where, "\"rules\" must be an array");
      }
      return;
    }
    const bool report = ctx.model->tag == pack.tag || (common && ctx.model->tag.empty());
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const json& entry = rules[i];
      const std::string where = fmt::format("{}: rules[{}]", pack.where, i);
      if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string()) {
        if (report) {
          error(where, "a rule entry needs a string \"id\"");
        }
        continue;
      }
      const std::string id = entry["id"].get<std::string>();
      const std::uint32_t rule = impl_.rule(id);
      if (rule == UINT32_MAX) {
        if (report) {
          const auto& known = known_rule_ids();
          error(where, std::find(known.begin(), known.end(), id) == known.end()
                           ? fmt::format("unknown rule id \"{}\"", id)
                           : fmt::format("rule \"{}\" is not in the catalogue", id));
        }
        continue;
      }
      if (report) {
        for (const char* key : {"severity", "summary", "applies", "detector", "message"}) {
          if (entry.contains(key)) {
            error(where + "." + key, "is set in the catalogue of common/policy.json only");
          }
        }
      }
      if (entry.contains("rewrite") && entry["rewrite"].is_string() &&
          (!common || ctx.model->rewrites[rule].empty())) {
        ctx.model->rewrites[rule] = entry["rewrite"].get<std::string>();
      }
      if (!entry.contains("patterns")) {
        continue;
      }
      const json& patterns = entry["patterns"];
      if (!patterns.is_array()) {
        if (report) {
          error(where + ".patterns", "must be an array");
        }
        continue;
      }
      // Guards: negated operands every pattern of the rule gets ("!@@SELLER_NOTICE"), so that
      // one exclusion is written once instead of in each pattern.
      std::string guards;
      if (entry.contains("guards")) {
        const json& list = entry["guards"];
        bool ok = list.is_array();
        for (std::size_t g = 0; ok && g < list.size(); ++g) {
          // One negated operand each: "!a & !b" would silently load as two.
          ok = list[g].is_string() && list[g].get<std::string>().starts_with("!") &&
               list[g].get<std::string>().find(" & ") == std::string::npos;
          if (ok) {
            guards += " & " + list[g].get<std::string>();
          }
        }
        if (!ok) {
          if (report) {
            error(where + ".guards", "must be an array of single negated operands (\"!...\")");
          }
          continue;
        }
      }
      for (std::size_t j = 0; j < patterns.size(); ++j) {
        const std::string pwhere = fmt::format("{}.patterns[{}]", where, j);
        PatternDef def;
        def.rule = rule;
        def.where = pwhere;
        std::string text;
        const json& p = patterns[j];
        if (p.is_string()) {
          text = p.get<std::string>();
        } else if (p.is_object() && p.contains("p") && p["p"].is_string()) {
          text = p["p"].get<std::string>();
          if (p.contains("severity")) {
            const auto sev = parse_severity_name(p.value("severity", ""));
            if (!sev) {
              if (report) {
                error(pwhere + ".severity", "invalid severity");
              }
              continue;
            }
            def.severity = sev;
          }
          if (p.contains("message")) {
            const json& m = p["message"];
            def.message_en = m.is_object() ? m.value("en", "") : "";
            def.message_zh = m.is_object() ? m.value("zh", "") : "";
            if (def.message_en.empty() || def.message_zh.empty()) {
              if (report) {
                error(pwhere + ".message", "needs both \"en\" and \"zh\" texts");
              }
              continue;
            }
          }
          def.rewrite = p.value("rewrite", "");
          const std::string scope = p.value("scope", "sentence");
          if (scope == "next") {
            def.sentences = 2;
          } else if (scope == "previous") {
            def.spans_previous = true;
          } else if (scope != "sentence") {
            if (report) {
              error(pwhere + ".scope", "must be \"sentence\", \"next\" or \"previous\"");
            }
            continue;
          }
          const std::string negation_scope = p.value("negation_scope", "sentence");
          if (negation_scope == "previous") {
            def.negations_see_previous = true;
          } else if (negation_scope != "sentence") {
            if (report) {
              error(pwhere + ".negation_scope", "must be \"sentence\" or \"previous\"");
            }
            continue;
          }
        } else {
          if (report) {
            error(pwhere, "a pattern is a string or an object with \"p\"");
          }
          continue;
        }
        std::string err;
        if (!compile_patterns(ctx, text + guards, def, err) && report) {
          error(pwhere, err);
        }
      }
    }
  }

  void add_project_phrases(Context& ctx) {
    if (project_ == nullptr || !project_->is_object() || !project_->contains("phrases") ||
        !(*project_)["phrases"].is_object()) {
      return;
    }
    for (const auto& [locale, list] : (*project_)["phrases"].items()) {
      const std::string tag = lower_ascii(locale);
      const bool has_pack =
          std::find(impl_.languages.begin(), impl_.languages.end(), tag) != impl_.languages.end();
      const bool fallback = ctx.model->tag.empty();
      const std::string base = "replyc.json: policy.phrases." + locale;
      bool report = false;
      if (tag == "*") {
        report = fallback;
      } else if (has_pack) {
        if (tag != ctx.model->tag) {
          continue;
        }
        report = true;
      } else {
        if (fallback) {
          error(base, fmt::format("no policy pack for locale \"{}\"", locale));
        }
        continue;
      }
      if (!list.is_array()) {
        if (report) {
          error(base, "must be an array");
        }
        continue;
      }
      for (std::size_t i = 0; i < list.size(); ++i) {
        const json& item = list[i];
        const std::string where = fmt::format("{}[{}]", base, i);
        if (!item.is_object() || !item.contains("rule") || !item.contains("pattern") ||
            !item["rule"].is_string() || !item["pattern"].is_string()) {
          if (report) {
            error(where, "needs string \"rule\" and \"pattern\"");
          }
          continue;
        }
        const std::string id = item["rule"].get<std::string>();
        const std::uint32_t rule = impl_.rule(id);
        if (rule == UINT32_MAX) {
          if (report) {
            error(where + ".rule", fmt::format("unknown rule id \"{}\"", id));
          }
          continue;
        }
        PatternDef def;
        def.rule = rule;
        def.where = where;
        if (item.contains("message")) {
          const json& m = item["message"];
          if (m.is_string()) {
            def.message_en = def.message_zh = m.get<std::string>();
          } else if (m.is_object()) {
            def.message_en = m.value("en", "");
            def.message_zh = m.value("zh", def.message_en);
          }
        }
        if (item.contains("severity")) {
          def.severity = parse_severity_name(item.value("severity", ""));
          if (!def.severity && report) {
            error(where + ".severity", "invalid severity");
          }
        }
        std::string err;
        if (!compile_patterns(ctx, item["pattern"].get<std::string>(), def, err) && report) {
          error(where + ".pattern", err);
        }
      }
    }
  }

  std::unique_ptr<LocaleModel> build_locale(const PackDoc* pack) {
    auto model = std::make_unique<LocaleModel>();
    model->tag = pack != nullptr ? pack->tag : std::string();
    if (pack != nullptr) {
      const std::string script = pack->doc.contains("language") && pack->doc["language"].is_object()
                                     ? pack->doc["language"].value("script", "latin")
                                     : "latin";
      model->cjk = script == "japanese";
      model->latin = script == "latin";
    }
    model->rewrites.assign(impl_.rules.size(), std::string());
    Context ctx;
    ctx.model = model.get();
    ctx.pack = pack;

    add_pattern_entries(ctx, common_, true);
    if (pack != nullptr) {
      add_pattern_entries(ctx, *pack, false);
    }
    add_project_phrases(ctx);

    // Context sets for the detectors.
    for (std::size_t k = 0; k < std::size(kContextSets); ++k) {
      const char* name = kContextSets[k];
      model->context_sets[k] = UINT32_MAX;
      std::vector<std::uint32_t> atoms;
      if (std::string_view(name) == "EMOTICON") {
        for (const std::string& e : emoticons_) {
          if (!e.empty()) {
            atoms.push_back(atom_id(*model, e, false, false, false));
          }
        }
      } else if (std::string_view(name) == "ALLOW") {
        for (const std::string& a : impl_.allow) {
          atoms.push_back(atom_id(*model, a, false, false, true));
        }
        // A pack's fixed expressions work like allowed terms: "s'il vous plaît" holds "vous
        // plaît" (if you like it), which must not count on its own there.
        if (lexicon_entry(pack, "FIXED") != nullptr ||
            lexicon_entry(&common_, "FIXED") != nullptr) {
          std::string err;
          const std::uint32_t fixed = compile_phrase(ctx, "@FIXED", err);
          if (fixed == UINT32_MAX) {
            error(pack != nullptr ? pack->where : common_.where,
                  fmt::format("lexicon @FIXED: {}", err));
          } else {
            const auto& fixed_atoms = ctx.set_atoms[fixed];
            atoms.insert(atoms.end(), fixed_atoms.begin(), fixed_atoms.end());
          }
        }
      } else {
        std::string err;
        if (lexicon_entry(pack, name) == nullptr && lexicon_entry(&common_, name) == nullptr) {
          continue;
        }
        const std::uint32_t set = compile_phrase(ctx, std::string("@") + name, err);
        if (set == UINT32_MAX) {
          error(pack != nullptr ? pack->where : common_.where,
                fmt::format("lexicon @{}: {}", name, err));
          continue;
        }
        model->context_sets[k] = set;
        continue;
      }
      if (!atoms.empty()) {
        model->context_sets[k] = set_id(*model, std::move(atoms));
      }
    }

    model->anchored.assign(model->set_count, {});
    for (std::uint32_t p = 0; p < model->patterns.size(); ++p) {
      const PatternDef& def = model->patterns[p];
      model->anchored[def.all.front().sets.front()].push_back(p);
    }
    return model;
  }

  const PackDoc* find_pack(std::string_view tag) const {
    for (const PackDoc& pack : locale_packs_) {
      if (pack.tag == tag) {
        return &pack;
      }
    }
    return nullptr;
  }

  bool project_adds_phrases(const std::string& tag) const {
    if (project_ == nullptr || !project_->is_object() || !project_->contains("phrases") ||
        !(*project_)["phrases"].is_object()) {
      return false;
    }
    // "*" phrases need no eager locale: their errors are reported by the fallback model alone.
    for (const auto& [locale, list] : (*project_)["phrases"].items()) {
      if (lower_ascii(locale) == tag) {
        return true;
      }
    }
    return false;
  }

  Engine::Impl& impl_;
  json project_copy_;
  PackDoc common_;
  bool seen_common_ = false;
  std::vector<PackDoc> locale_packs_;
  std::vector<std::size_t> rule_json_index_;
  std::vector<std::string> emoticons_;
  const nlohmann::json* project_ = nullptr;
};

}  // namespace

const Automaton& LocaleModel::ready() const {
  std::call_once(once, [this] {
    for (std::uint32_t a = 0; a < atoms.size(); ++a) {
      automaton.add(atoms[a].text, a);
    }
    automaton.build();
  });
  return automaton;
}

const LocaleModel& Engine::Impl::locale_for(std::string_view tag) const {
  std::string language;
  for (char c : tag) {
    if (c == '-' || c == '_') {
      break;
    }
    language.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return model(locales.count(language) != 0 ? language : std::string());
}

const LocaleModel& Engine::Impl::model(const std::string& tag) const {
  const LocaleSlot& slot = locales.at(tag);
  std::call_once(slot.once, [&] {
    const std::lock_guard<std::mutex> lock(compile_mutex);  // the loader is not reentrant
    slot.model = compile_locale(tag);
  });
  return *slot.model;
}

std::variant<Engine, std::vector<LoadError>> Engine::load_packs(
    const std::vector<PackSource>& packs, const nlohmann::json* project_policy,
    LocaleCompile when) {
  try {
    return load_checked(packs, project_policy, when);
  } catch (const nlohmann::json::exception& e) {
    // A value of the wrong type somewhere the loader did not check field by field.
    return std::vector<LoadError>{{"policy packs or replyc.json policy", e.what()}};
  }
}

std::variant<Engine, std::vector<LoadError>> Engine::load_checked(
    const std::vector<PackSource>& packs, const nlohmann::json* project_policy,
    LocaleCompile when) {
  auto impl = std::make_shared<Impl>();
  auto loader = std::make_shared<Loader>(*impl);
  if (!loader->parse(packs)) {
    return std::move(loader->errors);
  }
  loader->load_catalogue();
  loader->check_classifier_rules();
  loader->load_detectors();
  loader->load_languages();
  loader->apply_project_rules(project_policy);
  if (!loader->errors.empty()) {
    return std::move(loader->errors);
  }
  loader->build_locales(project_policy, when);
  loader->load_examples();
  if (!loader->errors.empty()) {
    return std::move(loader->errors);
  }
  if (when == LocaleCompile::OnFirstUse) {
    // The loader keeps the parsed packs for the slots still empty; the engine owns it.
    impl->compile_locale = [loader](const std::string& tag) { return loader->build_later(tag); };
  }
  return Engine(std::shared_ptr<const Impl>(std::move(impl)));
}

std::vector<PackSource> Engine::builtin_packs() {
  std::vector<PackSource> packs;
  for (const EmbeddedFile& file : replyc::generated::locale_files()) {
    packs.push_back({std::string(file.name), file.bytes});
  }
  return packs;
}

std::variant<Engine, std::vector<LoadError>> Engine::load(const nlohmann::json* project_policy) {
  return load_packs(builtin_packs(), project_policy, LocaleCompile::OnFirstUse);
}

}  // namespace replyc::policy
