// Detectors that are code rather than phrases: contact details, links, symbols, layout, length,
// order id and language. They read the normalised text and the phrase hits of the context
// lexicon entries (PHONE_CONTEXT, TRACKING_CONTEXT, ...) of the locale.
#include <unicode/uchar.h>

#include <algorithm>
#include <bit>

#include "compiler/policy/scan.hpp"

namespace replyc::policy {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_alnum(char c) {
  return is_digit(c) || is_lower(c);
}
bool is_host_char(char c) {
  return is_alnum(c) || c == '-';
}

char at(std::string_view t, std::size_t i) {
  return i < t.size() ? t[i] : '\0';
}
char before(std::string_view t, std::size_t i) {
  return i > 0 && i <= t.size() ? t[i - 1] : '\0';
}

// Reads dot-separated host labels from `pos`; returns the end, or pos when there are none.
std::size_t read_host(std::string_view t, std::size_t pos, std::vector<std::string_view>& labels) {
  labels.clear();
  std::size_t i = pos;
  while (true) {
    const std::size_t start = i;
    while (i < t.size() && is_host_char(t[i])) {
      ++i;
    }
    if (i == start) {
      // An empty label: undo the dot that led here.
      return labels.empty() ? pos : start - 1;
    }
    labels.push_back(t.substr(start, i - start));
    if (at(t, i) == '.' && is_host_char(at(t, i + 1))) {
      ++i;
      continue;
    }
    return i;
  }
}

std::uint32_t u32(std::size_t v) {
  return static_cast<std::uint32_t>(v);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Email addresses: name@domain.tld (any @ after NFKC, so also the full-width one), and spelled
// out: "name at brand dot com", "name(at)brand.com", "nombre arroba marca punto com".

void detect_email(ScanState& s) {
  const std::string_view t = s.text();
  const std::uint32_t rule = s.impl->rule("contact-info-email");
  const auto& tlds = s.impl->detectors.tlds;
  std::vector<std::string_view> labels;
  for (std::size_t p = 0; p < t.size(); ++p) {
    if (t[p] != '@') {
      continue;
    }
    std::size_t b = p;
    while (b > 0 && (is_alnum(t[b - 1]) || t[b - 1] == '.' || t[b - 1] == '_' || t[b - 1] == '-' ||
                     t[b - 1] == '+' || t[b - 1] == '%')) {
      --b;
    }
    while (b < p && !is_alnum(t[b])) {
      ++b;
    }
    if (b == p) {
      continue;
    }
    const std::size_t e = read_host(t, p + 1, labels);
    if (labels.size() < 2) {
      continue;
    }
    const std::string_view tld = labels.back();
    if (tld.size() < 2 || std::any_of(tld.begin(), tld.end(), is_digit)) {
      continue;
    }
    // ＠ and friends; a Japanese keyboard types the full-width ＠, so there it is no disguise.
    const bool odd_at = s.norm.src_end[p] - s.norm.src_begin[p] != 1 && !s.cjk_locale;
    s.add(rule, u32(b), u32(e), std::nullopt, odd_at);
    s.email_spans.emplace_back(u32(b), u32(e));
  }

  // Spelled-out forms.
  const auto at_hits = named_hits(s, "EMAIL_AT");
  if (at_hits.empty()) {
    return;
  }
  const auto dot_hits = named_hits(s, "EMAIL_DOT");
  // A spelled name may also be joined by a spelled underscore or hyphen ("ventas guion bajo es").
  auto local_joins = dot_hits;
  const auto joiner_hits = named_hits(s, "EMAIL_JOINER");
  local_joins.insert(local_joins.end(), joiner_hits.begin(), joiner_hits.end());
  auto dot_at = [&](std::size_t pos) -> std::size_t {
    for (const auto& [b, e] : dot_hits) {
      if (b == pos) {
        return e;
      }
    }
    return 0;
  };
  for (const auto& [ab, ae] : at_hits) {
    // Local part right before (one space allowed).
    std::size_t lb = ab;
    if (before(t, lb) == ' ') {
      --lb;
    }
    const std::size_t local_end = lb;
    while (lb > 0 &&
           (is_alnum(t[lb - 1]) || t[lb - 1] == '.' || t[lb - 1] == '_' || t[lb - 1] == '-')) {
      --lb;
    }
    if (lb == local_end || !is_alnum(t[lb])) {
      continue;
    }
    // "jane dot doe at ...": spelled dots, underscores and hyphens inside the local part too.
    bool spelled_local = false;
    for (bool more = true; more;) {
      more = false;
      std::size_t q = lb;
      if (before(t, q) == ' ') {
        --q;
      }
      for (const auto& [db, de] : local_joins) {
        if (de == q && db > 0) {
          std::size_t r = db;
          if (before(t, r) == ' ') {
            --r;
          }
          std::size_t l = r;
          while (l > 0 && is_alnum(t[l - 1])) {
            --l;
          }
          if (l < r) {
            lb = l;
            more = true;
            spelled_local = true;
          }
          break;
        }
      }
    }
    // Domain: labels separated by '.' or a spelled dot.
    std::size_t i = ae;
    if (at(t, i) == ' ') {
      ++i;
    }
    std::size_t count = 0;
    std::string_view last_label;
    std::size_t end = i;
    bool spelled_dot = false;
    // "order at www.brand.com" names a website, not a mail domain.
    const bool web_host = t.substr(i, 4) == "www.";
    while (true) {
      const std::size_t start = i;
      while (i < t.size() && is_host_char(t[i])) {
        ++i;
      }
      if (i == start) {
        break;
      }
      ++count;
      last_label = t.substr(start, i - start);
      end = i;
      std::size_t j = i;
      if (at(t, j) == ' ') {
        ++j;
      }
      if (at(t, i) == '.') {
        i = i + 1;
      } else if (const std::size_t de = dot_at(j); de != 0) {
        i = de;
        spelled_dot = true;
        if (at(t, i) == ' ') {
          ++i;
        }
      } else {
        break;
      }
    }
    // The plain word "at" ("parts at brand.shop") only makes an address with a spelled dot, or
    // after a mailbox name or a local part no sentence has ("service at brand.de",
    // "jane.doe at brand.com", "team_7 at brand.com", "jane underscore doe at brand.com").
    const bool plain_at = t.substr(ab, ae - ab) == "at";
    const std::string_view local = t.substr(lb, local_end - lb);
    const bool mailbox = s.impl->detectors.mailbox_names.count(std::string(local)) != 0 ||
                         local.find_first_of("._0123456789") != std::string_view::npos ||
                         spelled_local;
    const bool path_follows = at(t, end) == '/';  // "at brand[.]com/setup" is a link's
    if (count >= 2 && tlds.count(std::string(last_label)) != 0 && !path_follows && !web_host &&
        (spelled_dot || !plain_at || mailbox)) {
      s.add(rule, u32(lb), u32(end), std::nullopt, true);
      s.email_spans.emplace_back(u32(lb), u32(end));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The alphanumeric word at `from`, after at most one space: [begin, end), empty if none.
std::pair<std::size_t, std::size_t> word_after(std::string_view t, std::size_t from) {
  const std::size_t begin = at(t, from) == ' ' ? from + 1 : from;
  std::size_t end = begin;
  while (end < t.size() && is_alnum(t[end])) {
    ++end;
  }
  return {begin, end};
}

// The end of " dot uk" when a spelled dot and a known country code follow `from`; 0 if not.
std::size_t spelled_country_end(std::string_view t, std::size_t from,
                                const std::vector<std::pair<std::uint32_t, std::uint32_t>>& dots,
                                const DetectorConfig& cfg) {
  const std::size_t dot_begin = at(t, from) == ' ' ? from + 1 : from;
  for (const auto& [db, de] : dots) {
    if (db != dot_begin) {
      continue;
    }
    const auto [cs, ce] = word_after(t, de);
    const bool word_ends = ce == t.size() || static_cast<unsigned char>(t[ce]) < 0x80;
    if (ce > cs && word_ends &&
        cfg.spelled_country_tlds.count(std::string(t.substr(cs, ce - cs)))) {
      return ce;
    }
  }
  return 0;
}

// Links: schemes, www., bare domains with a known top-level domain, spelled "brand dot com".

void detect_links(ScanState& s) {
  const std::string_view t = s.text();
  const DetectorConfig& cfg = s.impl->detectors;
  const std::uint32_t rule = s.impl->rule("external-link");
  std::vector<std::string_view> labels;

  // What a link is worth reporting as.
  enum class Verdict { Ignore, Default, Warning, Error };
  auto classify = [&](std::string_view host, bool scheme_http, bool bare,
                      std::string_view rest) -> Verdict {
    if (host.substr(0, 4) == "www.") {
      host.remove_prefix(4);
    }
    for (const std::string& deep : cfg.deep_links) {
      if (host == deep) {
        return Verdict::Error;
      }
    }
    if (cfg.shorteners.count(std::string(host)) != 0) {
      return Verdict::Error;
    }
    // Amazon's own domains: amazon.de, amazon.co.jp, smile.amazon.com, amazon.com.mx ...
    bool amazon = false;
    std::vector<std::string_view> parts;
    for (std::size_t i = 0; i <= host.size();) {
      const std::size_t dot = host.find('.', i);
      const std::size_t e = dot == std::string_view::npos ? host.size() : dot;
      parts.push_back(host.substr(i, e - i));
      i = e + 1;
    }
    for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
      for (const std::string& a : cfg.amazon_hosts) {
        if (parts[k] == a && parts.size() - k <= 3) {
          amazon = true;
        }
      }
    }
    if (amazon) {
      if (bare && rest.empty()) {
        return Verdict::Ignore;  // "your Amazon.de account": the marketplace's name
      }
      return scheme_http ? Verdict::Error : Verdict::Warning;
    }
    return scheme_http ? Verdict::Error : Verdict::Default;
  };

  std::size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    const bool word_start = i == 0 || !is_alnum(t[i - 1]);
    if (!word_start || !is_alnum(c)) {
      ++i;
      continue;
    }
    std::size_t host_begin = i;
    bool scheme = false;
    bool http = false;
    if (t.substr(i, 7) == "http://" || t.substr(i, 8) == "https://") {
      scheme = true;
      http = t.substr(i, 7) == "http://";
      host_begin = i + (http ? 7 : 8);
    }
    const std::size_t host_end = read_host(t, host_begin, labels);
    if (labels.empty()) {
      i = scheme ? host_begin : i + 1;
      continue;
    }
    const bool www = labels.front() == "www" && labels.size() >= 3;
    bool after_at = before(t, i) == '@';
    for (const auto& [b, e] : s.email_spans) {
      after_at = after_at || (i >= b && i < e);
    }
    // Path or query after the host.
    std::size_t end = host_end;
    if (at(t, end) == '/' || at(t, end) == '?' || at(t, end) == '#' || at(t, end) == ':') {
      while (end < t.size() && t[end] != ' ' && t[end] != '\n' && t[end] != '"' && t[end] != '<' &&
             t[end] != '>' && static_cast<unsigned char>(t[end]) < 0x80) {
        ++end;
      }
      while (end > host_end &&
             (t[end - 1] == '.' || t[end - 1] == ',' || t[end - 1] == ')' || t[end - 1] == ';' ||
              t[end - 1] == '!' || t[end - 1] == '?' || t[end - 1] == ':' || t[end - 1] == '\'')) {
        --end;
      }
    }
    const std::string_view host = t.substr(host_begin, host_end - host_begin);
    const std::string_view rest = t.substr(host_end, end - host_end);
    bool is_link = false;
    if (!after_at && labels.size() >= 2) {
      const std::string_view tld = labels.back();
      const bool known_tld = cfg.tlds.count(std::string(tld)) != 0;
      std::size_t longest = 0;
      for (std::size_t k = 0; k + 1 < labels.size(); ++k) {
        longest = std::max(longest, labels[k].size());
      }
      const bool has_letter = std::any_of(host.begin(), host.end(), is_lower);
      is_link = scheme || www || (known_tld && longest >= 2 && has_letter) ||
                cfg.shorteners.count(std::string(host)) != 0;
    } else if (scheme && !labels.empty()) {
      is_link = true;  // http://localhost, http://intranet/
    }
    if (is_link) {
      const Verdict verdict = classify(host, http, !scheme && !www, rest);
      if (verdict == Verdict::Default) {
        s.add(rule, u32(i), u32(end));
      } else if (verdict != Verdict::Ignore) {
        s.add(rule, u32(i), u32(end),
              verdict == Verdict::Warning ? Severity::Warning : Severity::Error);
      }
      i = end > i ? end : i + 1;
      continue;
    }
    i = host_end > i ? host_end : i + 1;
  }

  // "brand dot com", "shop punto es": a label, a spelled dot, a known top-level domain.
  const auto dot_hits = named_hits(s, "EMAIL_DOT");
  const auto at_hits = named_hits(s, "EMAIL_AT");
  for (const auto& [db, de] : dot_hits) {
    bool inside_email = false;
    for (const auto& [b, e] : s.email_spans) {
      inside_email = inside_email || (db >= b && de <= e);
    }
    if (inside_email) {
      continue;
    }
    std::size_t lb = db;
    if (before(t, lb) == ' ') {
      --lb;
    }
    const std::size_t label_end = lb;
    while (lb > 0 && is_host_char(t[lb - 1])) {
      --lb;
    }
    const auto [ts, te] = word_after(t, de);
    // "repair アット brand ドット co ドット jp": the domain of a spelled address the pack found.
    const std::size_t before_label = before(t, lb) == ' ' ? lb - 1 : lb;
    const bool after_at = std::any_of(at_hits.begin(), at_hits.end(),
                                      [&](const auto& hit) { return hit.second == before_label; });
    const std::string_view label = t.substr(lb, label_end - lb);
    // "at brand[.]com/setup" is no address but a link with a path.
    const bool path_follows = at(t, te) == '/';
    if ((after_at && !path_follows) || lb == label_end || label.size() < 3 || te == ts ||
        s.impl->stopwords.count(label) != 0 ||
        (te < t.size() && static_cast<unsigned char>(t[te]) >= 0x80)) {
      continue;
    }
    const std::string tld(t.substr(ts, te - ts));
    // A spelled dot that is also a word ("punt", "punto") before a function word of the reply's
    // language is prose: "een rood punt net onder het display" names no rood.net.
    const bool bracketed = t[db] == '(' || t[db] == '[' || t[db] == '{' || t[db] == '<';
    if (!bracketed && is_own_stopword(s, tld)) {
      continue;
    }
    // "brand dot co dot uk", "tienda punto com punto mx": a second-level label, another spelled
    // dot and a country code make the domain longer.
    const std::size_t country_end =
        cfg.spelled_second_levels.count(tld) != 0 ? spelled_country_end(t, te, dot_hits, cfg) : 0;
    // "alpin-sportwelt [punkt] de", "negozio punto it": a country code ends a domain too.
    if (country_end != 0 || cfg.spelled_tlds.count(tld) != 0 ||
        cfg.spelled_country_tlds.count(tld) != 0) {
      std::size_t end = country_end != 0 ? country_end : te;
      while (path_follows && end < t.size() && t[end] != ' ' && t[end] != '\n') {
        ++end;
      }
      while (end > te && (t[end - 1] == '.' || t[end - 1] == ',')) {
        --end;  // the sentence's full stop
      }
      s.add(rule, u32(lb), u32(end), std::nullopt, true);
    }
  }

  // "bit . ly / setup", "brand . com / parts": a dot with a space on each side between a label and
  // a top-level domain, when the two make a shortener or a path follows. Prose puts no space
  // before a full stop.
  for (std::size_t p = t.find(" . "); p != std::string_view::npos; p = t.find(" . ", p + 3)) {
    std::size_t lb = p;
    while (lb > 0 && is_host_char(t[lb - 1])) {
      --lb;
    }
    const auto [ts, te] = word_after(t, p + 2);
    if (lb == p || ts == te) {
      continue;
    }
    const std::string tld(t.substr(ts, te - ts));
    std::size_t slash = at(t, te) == ' ' ? te + 1 : te;
    const bool path = at(t, slash) == '/';
    const bool shortener = cfg.shorteners.count(std::string(t.substr(lb, p - lb)) + "." + tld) != 0;
    if (!shortener && !(path && cfg.tlds.count(tld) != 0)) {
      continue;
    }
    std::size_t end = te;
    if (path) {
      end = at(t, slash + 1) == ' ' ? slash + 2 : slash + 1;
      while (end < t.size() && t[end] != ' ' && t[end] != '\n') {
        ++end;
      }
      while (end > slash + 1 && (t[end - 1] == '.' || t[end - 1] == ',')) {
        --end;  // the sentence's full stop
      }
    }
    s.add(rule, u32(lb), u32(end), std::nullopt, true);
  }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers. Amazon order ids, dates, prices, tracking and reference numbers, model numbers
// and numbers of the project's allow list are not phone numbers.

// National numbers without a trunk zero, grouped: Spanish nine digits from 6 to 9 ("622 14 87
// 93", "91 555 12 34", "644 318 207"), Mexico's ten in 2-4-4 ("81 8123 4567"), Italian mobiles
// from 3 in 3-7 or 3-3-2-2 ("339 8765432", "347 812 60 94"; 3-3-4 is a phone shape everywhere)
// and Italian toll-free numbers
// 800/803 in 3-3-3, 3-6 or 3-2-2-2 ("800 123 456"), Polish mobiles from 4 to 8
// in 3-3-3 ("601 234 567") and landlines in 2-3-2-2 ("22 123 45 67"). Only grouped digits count:
// a bare run of digits is as often an invoice or customer number.
bool national_shape(std::string_view locale, std::string_view digits,
                    const std::vector<int>& groups) {
  const char lead = digits.empty() ? '\0' : digits.front();
  const std::string_view language =
      locale.substr(0, std::min(locale.find_first_of("-_"), locale.size()));
  if (language == "es") {
    const bool mobile_or_landline = lead >= '6' && lead <= '9';
    return (mobile_or_landline &&
            (groups == std::vector<int>{3, 3, 3} || groups == std::vector<int>{3, 2, 2, 2} ||
             groups == std::vector<int>{2, 3, 2, 2})) ||
           groups == std::vector<int>{2, 4, 4};
  }
  if (language == "it") {
    const bool toll_free = digits.starts_with("800") || digits.starts_with("803");
    return (lead == '3' &&
            (groups == std::vector<int>{3, 7} || groups == std::vector<int>{3, 3, 2, 2})) ||
           (toll_free && (groups == std::vector<int>{3, 3, 3} || groups == std::vector<int>{3, 6} ||
                          groups == std::vector<int>{3, 2, 2, 2}));
  }
  if (language == "pl") {
    return (lead >= '4' && lead <= '8' && groups == std::vector<int>{3, 3, 3}) ||
           (lead != '0' && groups == std::vector<int>{2, 3, 2, 2});
  }
  return false;
}

// Whether the word right before `start` is a code of a letter, then letters and digits ("VG1",
// "R129"): the number after it belongs to that standard or model. "24h 0800 …" is still a phone.
bool after_standard_code(std::string_view t, std::size_t start) {
  if (start < 2 || t[start - 1] != ' ') {
    return false;
  }
  std::size_t b = start - 1;
  while (b > 0 && is_alnum(t[b - 1])) {
    --b;
  }
  const std::string_view word = t.substr(b, start - 1 - b);
  return !word.empty() && is_lower(word.front()) && std::any_of(word.begin(), word.end(), is_digit);
}

void detect_phone(ScanState& s) {
  const std::string_view t = s.text();
  const std::uint32_t rule = s.impl->rule("contact-info-phone");
  std::size_t i = 0;
  std::vector<int> groups;
  std::vector<char> seps;
  while (i < t.size()) {
    const char c = t[i];
    const bool starts = is_digit(c) || ((c == '+' || c == '(') && is_digit(at(t, i + 1)));
    const char prev = before(t, i);
    if (!starts || is_alnum(prev) || prev == '.' || prev == ',' || prev == '-' || prev == '/' ||
        prev == '#') {
      ++i;
      continue;
    }
    const std::size_t start = i;
    const bool in_account =
        std::any_of(s.account_spans.begin(), s.account_spans.end(),
                    [&](const auto& span) { return span.first <= start && start < span.second; });
    if (in_account) {
      ++i;
      continue;
    }
    bool plus = false;
    bool paren = false;
    bool open = false;
    groups.assign(1, 0);
    seps.clear();
    std::size_t j = i;
    std::size_t last_digit_end = i;
    if (t[j] == '+') {
      plus = true;
      ++j;
    }
    while (j < t.size()) {
      const char d = t[j];
      if (is_digit(d)) {
        ++groups.back();
        ++j;
        last_digit_end = j;
        continue;
      }
      if (d == '(' && !open && (groups.back() == 0 || (j > 0 && t[j - 1] == ' '))) {
        open = true;
        paren = true;
        if (groups.back() != 0) {
          groups.push_back(0);
        }
        ++j;
        continue;
      }
      if (d == ')' && open && groups.back() > 0) {
        open = false;
        groups.push_back(0);
        seps.push_back(')');
        ++j;
        if (at(t, j) == ' ' || at(t, j) == '-') {
          ++j;
        }
        continue;
      }
      // A dash or slash between spaces is one separator: "085 - 303 48 71", "0711 / 98 76 54".
      if (d == ' ' && (at(t, j + 1) == '-' || at(t, j + 1) == '/') && at(t, j + 2) == ' ' &&
          is_digit(at(t, j + 3)) && groups.back() > 0) {
        groups.push_back(0);
        seps.push_back(at(t, j + 1));
        j += 3;
        continue;
      }
      if ((d == ' ' || d == '-' || d == '.' || d == '/') && groups.back() > 0 &&
          (is_digit(at(t, j + 1)) || (d == ' ' && at(t, j + 1) == '('))) {
        groups.push_back(0);
        seps.push_back(d);
        ++j;
        continue;
      }
      break;
    }
    while (!groups.empty() && groups.back() == 0) {
      groups.pop_back();
    }
    i = std::max(last_digit_end, start + 1);
    int digits = 0;
    for (int g : groups) {
      digits += g;
    }
    // Australia's six-digit "13 xx xx" numbers count after a phone word ("ring Australia Post
    // on 13 76 78").
    const bool short_australian =
        digits == 6 && groups == std::vector<int>{2, 2, 2} && t.substr(start, 2) == "13";
    if ((digits < 7 && !short_australian) || digits > 15) {
      continue;
    }
    if (after_standard_code(t, start)) {
      continue;  // "VG1 01.040 2014-12", "R129 03 1234": a standard's or a model's number
    }
    const std::size_t end = last_digit_end;
    const char next = at(t, end);
    if (is_lower(next) || (next == ',' && is_digit(at(t, end + 1)))) {
      continue;  // model number, decimal
    }
    if (next == '.' && is_digit(at(t, end + 1))) {
      continue;
    }
    // Currency or unit right before or after.
    const std::string_view after = t.substr(end, 6);
    const std::string_view before_text =
        t.substr(start >= 4 ? start - 4 : 0, start >= 4 ? 4 : start);
    auto has_any = [](std::string_view text, std::initializer_list<std::string_view> needles) {
      for (std::string_view n : needles) {
        if (text.find(n) != std::string_view::npos) {
          return true;
        }
      }
      return false;
    };
    if (has_any(before_text, {"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5", "eur", "usd"}) ||
        has_any(after.substr(0, after.size() >= 4 ? 4 : after.size()),
                {"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5", "%", "\xE5\x86\x86"}) ||
        after.substr(0, 4) == " eur" || after.substr(0, 4) == " usd" ||
        after.substr(0, 4) == " zl" || after.substr(0, 4) == " kr") {
      continue;
    }
    // Order id, dates, thousands-grouped amounts.
    if (groups == std::vector<int>{3, 7, 7}) {
      continue;
    }
    const bool same_sep = !seps.empty() && std::all_of(seps.begin(), seps.end(),
                                                       [&](char x) { return x == seps[0]; });
    if (same_sep && groups.size() == 3 && seps[0] != ' ') {
      const bool ymd = groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2;
      const bool dmy = groups[2] == 4 && groups[0] <= 2 && groups[1] <= 2;
      if (ymd || dmy) {
        continue;
      }
    }
    if (same_sep && (seps[0] == '.' || seps[0] == ',') && groups.size() >= 2 && groups[0] <= 3 &&
        std::all_of(groups.begin() + 1, groups.end(), [](int g) { return g == 3; })) {
      continue;
    }
    // Allow list, compared digit by digit: leading zeros (trunk prefixes) are ignored and a
    // country code may be present on one side only ("+49 228 4333112" = "0228 4333 112").
    std::string digit_string;
    for (std::size_t k = start; k < end; ++k) {
      if (is_digit(t[k])) {
        digit_string.push_back(t[k]);
      }
    }
    auto strip = [](std::string_view d) {
      while (!d.empty() && d.front() == '0') {
        d.remove_prefix(1);
      }
      return d;
    };
    auto ends_with = [](std::string_view a, std::string_view b) {
      return a.size() >= b.size() && a.substr(a.size() - b.size()) == b;
    };
    bool allowed = false;
    const std::string_view mine = strip(digit_string);
    for (const std::string& entry : s.impl->allow_digits) {
      const std::string_view other = strip(entry);
      const std::string_view shorter = mine.size() < other.size() ? mine : other;
      allowed = allowed || mine == other ||
                (shorter.size() >= 7 && (ends_with(mine, other) || ends_with(other, mine)));
    }
    if (allowed) {
      continue;
    }
    // Context: the nearest introducing word before the number decides.
    const std::optional<SetHit> phone_word = last_context_before(s, "PHONE_CONTEXT", u32(start));
    const std::optional<SetHit> tracking_word =
        last_context_before(s, "TRACKING_CONTEXT", u32(start));
    // A tracking word right before a generic one names the number: "waybill number 4839201563".
    const bool tracking_names_it =
        tracking_word && phone_word && tracking_word->end <= phone_word->begin &&
        t.substr(tracking_word->end, phone_word->begin - tracking_word->end)
                .find_first_not_of(" -") == std::string_view::npos;
    bool is_phone = false;
    if (phone_word && !tracking_names_it &&
        (!tracking_word || phone_word->end > tracking_word->end)) {
      is_phone = true;
    } else if (tracking_word || short_australian) {
      is_phone = false;
    } else {
      const bool leading_zero = t[start] == '0' || (t[start] == '(' && at(t, start + 1) == '0');
      const bool us_shape =
          groups == std::vector<int>{3, 3, 4} || groups == std::vector<int>{1, 3, 3, 4};
      is_phone = plus || (paren && digits >= 9) || us_shape ||
                 (leading_zero && digits >= 9 && digits <= 12) ||
                 national_shape(s.context->locale, digit_string, groups);
    }
    if (!is_phone) {
      continue;
    }
    s.add(rule, u32(start), u32(end), carrier_number_severity(s, u32(start), u32(end)));
  }
}

// ---------------------------------------------------------------------------------------------
// An email address, phone number or link in a sentence that invites the buyer to use it ("email us
// at", "schreiben Sie an", "ご連絡ください") is also off-platform contact. A carrier's or
// manufacturer's number (a phone warning) is not the seller's channel, nor is an Amazon link.
// A link in a sentence that sends the buyer to buy outside Amazon ("our own store at
// www.example.com") is an invitation to go there too.

void detect_contact_invitation(ScanState& s) {
  const std::uint32_t invite = s.locale->named("CONTACT_INVITE");
  const std::uint32_t contact = s.impl->rule("off-platform-contact");
  if (contact == UINT32_MAX) {
    return;
  }
  const std::uint32_t email = s.impl->rule("contact-info-email");
  const std::uint32_t phone = s.impl->rule("contact-info-phone");
  const std::uint32_t link = s.impl->rule("external-link");
  const std::uint32_t transaction = s.impl->rule("off-platform-transaction");
  auto sentence_has_finding = [&](std::uint32_t rule, std::uint32_t sentence) {
    return std::any_of(s.raw.begin(), s.raw.end(), [&](const RawFinding& g) {
      return g.rule == rule && g.sentence == sentence;
    });
  };
  const std::size_t detected = s.raw.size();
  for (std::size_t i = 0; i < detected; ++i) {
    const RawFinding f = s.raw[i];
    // A carrier's or manufacturer's channel is not the seller's: phones get a warning for it,
    // links are judged by the same context words.
    const bool own_channel =
        f.severity != Severity::Warning &&
        (f.rule != link || !sentence_has(s, "NUMBER_OK_CONTEXT", s.sentence_starts[f.sentence]));
    const bool channel = f.rule == email || ((f.rule == phone || f.rule == link) && own_channel);
    if (!channel) {
      continue;
    }
    bool invited = false;
    if (invite != UINT32_MAX) {
      const auto [first, last] = s.hits(f.sentence, invite);
      invited =
          first != last && !sentence_has(s, "CONTACT_INVITE_NEG", s.sentence_starts[f.sentence]);
    }
    if (invited || (f.rule == link && sentence_has_finding(transaction, f.sentence))) {
      s.add_source(contact, f.range, std::nullopt);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Emoji (by Unicode properties, on the source) and decorative symbols and emoticons.

void detect_symbols(ScanState& s) {
  const std::string_view src = s.source;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(src.data());
  const std::size_t n = src.size();
  const std::uint32_t emoji_rule = s.impl->rule("emoji");
  const std::uint32_t deco_rule = s.impl->rule("decorative-symbols");
  const std::u32string& decorative = s.impl->detectors.decorative;

  auto peek = [&](std::size_t pos, std::size_t& next) -> UChar32 {
    if (pos >= n) {
      next = pos;
      return -1;
    }
    next = pos;
    return decode_utf8(src, next);
  };
  ByteRange emoji_run{0, 0};
  ByteRange deco_run{0, 0};
  auto flush = [&](ByteRange& run, std::uint32_t rule) {
    if (run.end > run.begin) {
      s.add_source(rule, run, std::nullopt);
    }
    run = {0, 0};
  };
  auto extend = [&](ByteRange& run, std::size_t b, std::size_t e, std::uint32_t rule) {
    if (run.end > run.begin && run.end == b) {
      run.end = u32(e);
    } else {
      flush(run, rule);
      run = {u32(b), u32(e)};
    }
  };

  std::size_t i = 0;
  while (i < n) {
    if (bytes[i] < 0x80 &&
        !((bytes[i] >= '0' && bytes[i] <= '9') || bytes[i] == '#' || bytes[i] == '*')) {
      ++i;
      continue;
    }
    std::size_t next = 0;
    const UChar32 c = peek(i, next);
    if (c < 0) {
      i = next > i ? next : i + 1;
      continue;
    }
    std::size_t after = 0;
    const UChar32 d = peek(next, after);
    bool is_emoji = false;
    std::size_t end = next;
    if (c < 0x80) {
      // Keycap: digit [FE0F] U+20E3.
      std::size_t after2 = 0;
      if (d == 0x20E3) {
        is_emoji = true;
        end = after;
      } else if (d == 0xFE0F && peek(after, after2) == 0x20E3) {
        is_emoji = true;
        end = after2;
      }
    } else if (c >= 0x1F1E6 && c <= 0x1F1FF) {
      is_emoji = true;  // regional indicator (flags come in pairs)
      if (d >= 0x1F1E6 && d <= 0x1F1FF) {
        end = after;
      }
    } else if (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION)) {
      is_emoji = true;
    } else if (u_hasBinaryProperty(c, UCHAR_EMOJI) && d == 0xFE0F) {
      is_emoji = true;
      end = after;
    }
    if (is_emoji) {
      // Modifiers, variation selectors, ZWJ sequences, tags.
      while (end < n) {
        std::size_t k = 0;
        const UChar32 m = peek(end, k);
        if (m == 0xFE0F || m == 0x20E3 || (m >= 0x1F3FB && m <= 0x1F3FF) ||
            (m >= 0xE0020 && m <= 0xE007F)) {
          end = k;
        } else if (m == 0x200D) {
          std::size_t k2 = 0;
          const UChar32 m2 = peek(k, k2);
          if (m2 >= 0 && (u_hasBinaryProperty(m2, UCHAR_EMOJI) ||
                          u_hasBinaryProperty(m2, UCHAR_EXTENDED_PICTOGRAPHIC))) {
            end = k2;
          } else {
            break;
          }
        } else {
          break;
        }
      }
      extend(emoji_run, i, end, emoji_rule);
      i = end;
      continue;
    }
    if (c >= 0x80 && decorative.find(static_cast<char32_t>(c)) != std::u32string::npos) {
      extend(deco_run, i, next, deco_rule);
    }
    i = next;
  }
  flush(emoji_run, emoji_rule);
  flush(deco_run, deco_rule);

  // Emoticons and kaomoji: ":)" ";-)" "^_^" "(^^)" — not glued to a word.
  const std::string_view t = s.text();
  for (const auto& [b, e] : named_hits(s, "EMOTICON")) {
    const char first = t[b];
    if ((first == ':' || first == ';' || first == '<' || first == '=') && b > 0 &&
        is_alnum(t[b - 1])) {
      continue;
    }
    if (e < t.size() && is_alnum(t[e])) {
      continue;
    }
    s.add(deco_rule, b, e);
  }
}

// ---------------------------------------------------------------------------------------------
// More than N line breaks in a row (lines holding only spaces count as empty).

void detect_line_breaks(ScanState& s) {
  const std::string_view src = s.source;
  const std::uint32_t rule = s.impl->rule("excessive-line-breaks");
  const std::uint32_t limit = s.impl->detectors.max_line_breaks;
  std::size_t i = 0;
  while (i < src.size()) {
    if (src[i] != '\n' && src[i] != '\r') {
      ++i;
      continue;
    }
    const std::size_t run_begin = i;
    std::size_t run_end = i;
    std::uint32_t breaks = 0;
    std::size_t j = i;
    while (j < src.size()) {
      if (src[j] == '\r' && j + 1 < src.size() && src[j + 1] == '\n') {
        ++breaks;
        j += 2;
        run_end = j;
      } else if (src[j] == '\n' || src[j] == '\r') {
        ++breaks;
        ++j;
        run_end = j;
      } else if (src[j] == ' ' || src[j] == '\t') {
        ++j;
      } else {
        break;
      }
    }
    if (breaks > limit) {
      s.add_source(rule, {u32(run_begin), u32(run_end)}, std::nullopt);
    }
    i = run_end > i ? run_end : i + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Markup: Amazon's messaging form and API take plain text only, so HTML tags and entities and
// markdown images or links show up as raw code (or get the message blocked).

namespace {

// Only known tag names count, so that "a < b", "<3" or "<order id>" are not markup.
bool is_html_tag_name(std::string_view name) {
  static constexpr std::string_view kTags[] = {
      "a",      "b",      "i",          "u",      "s",     "p",     "br",    "hr",     "em",
      "h1",     "h2",     "h3",         "h4",     "h5",    "h6",    "ul",    "ol",     "li",
      "tr",     "td",     "th",         "div",    "img",   "sup",   "sub",   "big",    "font",
      "span",   "html",   "body",       "head",   "table", "style", "small", "strike", "strong",
      "center", "script", "blockquote", "iframe", "title", "mark"};
  return std::find(std::begin(kTags), std::end(kTags), name) != std::end(kTags);
}

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The end of an HTML tag starting at `pos` ('<'), or 0.
std::size_t html_tag_end(std::string_view t, std::size_t pos) {
  std::size_t i = pos + 1;
  if (at(t, i) == '/') {
    ++i;
  }
  // A tag name is letters, then letters or digits (h1); unknown names are rejected below.
  std::string name;
  while (i < t.size() && name.size() < 12 && is_alnum(lower_ascii(t[i])) &&
         !(name.empty() && is_digit(t[i]))) {
    name.push_back(lower_ascii(t[i]));
    ++i;
  }
  if (!is_html_tag_name(name)) {
    return 0;
  }
  const char next = at(t, i);
  if (next != '>' && next != ' ' && next != '/' && next != '\t') {
    return 0;
  }
  // Attributes: up to the closing '>' on the same line.
  for (std::size_t j = i; j < t.size() && j < i + 300; ++j) {
    if (t[j] == '>') {
      return j + 1;
    }
    if (t[j] == '\n' || t[j] == '<') {
      return 0;
    }
  }
  return 0;
}

// The end of an HTML entity (&nbsp; &amp; &#160; &#x2605;) starting at `pos` ('&'), or 0.
std::size_t html_entity_end(std::string_view t, std::size_t pos) {
  static constexpr std::string_view kNamed[] = {"nbsp",   "amp",   "lt",    "gt",   "quot", "apos",
                                                "hellip", "mdash", "ndash", "euro", "copy"};
  std::size_t i = pos + 1;
  if (at(t, i) == '#') {
    ++i;
    const bool hex = lower_ascii(at(t, i)) == 'x';
    i += hex ? 1 : 0;
    const std::size_t digits = i;
    while (i < t.size() && (is_digit(t[i]) || (hex && is_alnum(lower_ascii(t[i]))))) {
      ++i;
    }
    return i > digits && i - digits <= 7 && at(t, i) == ';' ? i + 1 : 0;
  }
  const std::size_t start = i;
  while (i < t.size() && is_lower(t[i])) {
    ++i;
  }
  const std::string_view name = t.substr(start, i - start);
  const bool known = std::find(std::begin(kNamed), std::end(kNamed), name) != std::end(kNamed);
  return known && at(t, i) == ';' ? i + 1 : 0;
}

// The end of a markdown image or link "![alt](target)" / "[text](http…)" at `pos` ('!' or '['),
// or 0. A plain "[text]" or "(text)" is ordinary punctuation.
std::size_t markdown_end(std::string_view t, std::size_t pos) {
  const bool image = t[pos] == '!';
  std::size_t i = pos + (image ? 1 : 0);
  if (at(t, i) != '[') {
    return 0;
  }
  // Searches are bounded so that a text full of '[' stays linear.
  const std::size_t close_in = t.substr(i, 201).find(']');
  if (close_in == std::string_view::npos || at(t, i + close_in + 1) != '(') {
    return 0;
  }
  const std::size_t close = i + close_in;
  const std::string_view text = t.substr(i, close - i);
  if (text.find('\n') != std::string_view::npos) {
    return 0;
  }
  const std::size_t end_in = t.substr(close, 401).find(')');
  if (end_in == std::string_view::npos) {
    return 0;
  }
  const std::size_t end = close + end_in;
  const std::string_view target = t.substr(close + 2, end - close - 2);
  const bool url = target.starts_with("http") || target.starts_with("www.") ||
                   target.find('/') != std::string_view::npos;
  return image || url ? end + 1 : 0;
}

}  // namespace

void detect_markup(ScanState& s) {
  const std::string_view src = s.source;
  const std::uint32_t rule = s.impl->rule("html-or-rich-formatting");
  if (rule == UINT32_MAX) {
    return;
  }
  std::size_t i = 0;
  while (i < src.size()) {
    std::size_t end = 0;
    if (src[i] == '<') {
      end = html_tag_end(src, i);
    } else if (src[i] == '&') {
      end = html_entity_end(src, i);
    } else if (src[i] == '!' || src[i] == '[') {
      end = markdown_end(src, i);
    }
    if (end > i) {
      s.add_source(rule, {u32(i), u32(end)}, std::nullopt);
      i = end;
    } else {
      ++i;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Whole-message rules: API length limit; the order id in proactive messages.

void detect_whole_message(ScanState& s) {
  if (!s.context->whole_message) {
    return;
  }
  const std::string_view src = s.source;
  const DetectorConfig& cfg = s.impl->detectors;
  {
    std::uint32_t count = 0;
    for (std::size_t i = 0; i < src.size();) {
      if (count == cfg.max_chars) {
        s.add_source(s.impl->rule("message-length"), {u32(i), u32(src.size())}, std::nullopt);
        break;
      }
      decode_utf8(src, i);
      ++count;
    }
  }
  if (s.context->kind != MessageKind::Proactive) {
    return;
  }
  const std::string_view t = s.text();
  for (const std::string& placeholder : cfg.order_id_placeholders) {
    if (!placeholder.empty() && t.find(placeholder) != std::string_view::npos) {
      return;
    }
  }
  for (std::size_t i = 0; i + 19 <= t.size(); ++i) {
    if ((i > 0 && is_digit(t[i - 1])) || !is_digit(t[i])) {
      continue;
    }
    bool ok = true;
    for (std::size_t k = 0; k < 19 && ok; ++k) {
      ok = (k == 3 || k == 11) ? t[i + k] == '-' : is_digit(t[i + k]);
    }
    if (ok && !is_digit(at(t, i + 19))) {
      return;
    }
  }
  std::size_t b = 0;
  while (b < src.size() && (src[b] == ' ' || src[b] == '\n' || src[b] == '\r' || src[b] == '\t')) {
    ++b;
  }
  std::size_t e = src.find('\n', b);
  if (e == std::string_view::npos) {
    e = src.size();
  }
  while (e > b && (src[e - 1] == '\r' || src[e - 1] == ' ')) {
    --e;
  }
  s.add_source(s.impl->rule("order-id-missing"), {u32(b), u32(e)}, std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// Language: a sentence in another language (stop-word profiles of every pack), Han or kana in a
// Latin-script locale, Chinese-only characters in a Japanese text.

namespace {

std::string_view word_text(const ScanState& s, const Word& word) {
  return s.text().substr(word.begin, word.end - word.begin);
}

bool is_single_code_point(std::string_view text) {
  std::size_t pos = 0;
  next_code_point(text, pos);
  return pos == text.size();
}

}  // namespace

void detect_language(ScanState& s) {
  const LocaleModel& loc = *s.locale;
  if (loc.tag.empty()) {
    return;
  }
  const Engine::Impl& impl = *s.impl;
  const std::uint32_t rule = impl.rule("language-mismatch");
  const std::string_view t = s.text();
  const std::size_t language_count = impl.languages.size();
  const std::size_t own = own_language(s);
  const std::u32string& simplified = impl.detectors.simplified_han;
  std::vector<double> score(language_count);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> emails = s.email_spans;
  std::sort(emails.begin(), emails.end());
  std::size_t next_email = 0;
  std::size_t w = 0;
  std::uint32_t run_begin = UINT32_MAX;
  std::uint32_t run_end = 0;
  auto flush = [&]() {
    if (run_begin != UINT32_MAX) {
      s.add(rule, run_begin, run_end);
    }
    run_begin = UINT32_MAX;
  };
  // Sentences in another pack's language; one span for neighbouring sentences of one language
  // (never across a sentence in the reply's own language).
  std::uint32_t sentence = 0;
  std::uint32_t last_foreign = UINT32_MAX;
  const auto foreign = [&](std::uint32_t begin, std::uint32_t end, std::string_view tag) {
    if (!impl.locales.contains(tag) || tag == loc.tag) {
      return;
    }
    const ByteRange source = s.norm.to_source(begin, end);
    if (!s.foreign.empty() && s.foreign.back().tag == tag && last_foreign + 1 == sentence) {
      s.foreign.back().source.end = source.end;
    } else {
      s.foreign.push_back({source, tag});
    }
    last_foreign = sentence;
  };
  for (; sentence < s.sentence_starts.size(); ++sentence) {
    const std::uint32_t sb = s.sentence_starts[sentence];
    const std::uint32_t se = s.sentence_end(sentence);
    std::fill(score.begin(), score.end(), 0.0);
    int latin_words = 0;
    int kana = 0;
    int han = 0;
    bool chinese_only = false;
    std::uint32_t cjk_begin = UINT32_MAX;
    std::uint32_t cjk_end = 0;
    std::uint32_t text_begin = UINT32_MAX;
    std::uint32_t text_end = 0;
    while (w < s.words.size() && s.words[w].begin < sb) {
      ++w;
    }
    for (std::size_t k = w; k < s.words.size() && s.words[k].begin < se; ++k) {
      const Word& word = s.words[k];
      if (!word.letters) {
        continue;
      }
      text_begin = std::min(text_begin, word.begin);
      text_end = std::max(text_end, word.end);
      const std::string_view text = t.substr(word.begin, word.end - word.begin);
      std::size_t pos = 0;
      const char32_t first = next_code_point(text, pos);
      if (is_cjk(first)) {
        for (std::size_t p = 0; p < text.size();) {
          const char32_t c = next_code_point(text, p);
          if (is_kana(c)) {
            ++kana;
          } else if (is_han(c)) {
            ++han;
            chinese_only = chinese_only || simplified.find(c) != std::u32string::npos;
          }
        }
        cjk_begin = std::min(cjk_begin, word.begin);
        cjk_end = std::max(cjk_end, word.end);
        continue;
      }
      // An address is no evidence of a language ("service(at)brand(punkt)de"). Words come in
      // text order, so one pass over the sorted addresses suffices.
      while (next_email < emails.size() && emails[next_email].second <= word.begin) {
        ++next_email;
      }
      if (next_email < emails.size() && emails[next_email].first <= word.begin &&
          word.end <= emails[next_email].second) {
        continue;
      }
      ++latin_words;
      // Letters spelled out one by one ("L E D", "w w w") are not words of any language.
      if (is_single_code_point(text) &&
          ((k > w && is_single_code_point(word_text(s, s.words[k - 1]))) ||
           (k + 1 < s.words.size() && s.words[k + 1].begin < se &&
            is_single_code_point(word_text(s, s.words[k + 1]))))) {
        continue;
      }
      const auto it = impl.stopwords.find(text);
      if (it != impl.stopwords.end()) {
        const int shared = std::popcount(it->second);
        for (std::size_t k2 = 0; k2 < language_count; ++k2) {
          if (it->second & (1u << k2)) {
            score[k2] += 1.0 / shared;
          }
        }
      }
    }
    if (text_begin == UINT32_MAX) {
      continue;
    }
    bool mismatch = false;
    std::uint32_t mb = text_begin;
    std::uint32_t me = text_end;
    // The best-scoring language other than the locale's own.
    std::size_t best_language = language_count;
    double best = 0;
    for (std::size_t k2 = 0; k2 < language_count; ++k2) {
      if (k2 != own && score[k2] > best) {
        best = score[k2];
        best_language = k2;
      }
    }
    if (loc.cjk) {
      if (chinese_only) {
        mismatch = true;
      } else if (kana == 0 && han == 0 && latin_words >= 4) {
        mismatch = best >= 2.0;
        if (mismatch) {
          foreign(text_begin, text_end, impl.languages[best_language]);
        }
      }
    } else {
      if (kana + han > 0) {
        flush();
        s.add(rule, cjk_begin, cjk_end);
        if (kana > 0 && !chinese_only) {
          foreign(cjk_begin, cjk_end, "ja");
        }
      }
      if (latin_words >= 4 && own < language_count) {
        mismatch = best >= 2.0 && best >= 2.5 * score[own] + 0.5;
        if (mismatch) {
          foreign(text_begin, text_end, impl.languages[best_language]);
        }
      }
    }
    if (mismatch) {
      if (run_begin == UINT32_MAX) {
        run_begin = mb;
      }
      run_end = me;
    } else {
      flush();
    }
  }
  flush();
}

}  // namespace replyc::policy
