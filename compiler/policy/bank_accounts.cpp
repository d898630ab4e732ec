// Bank account numbers (IBAN). A seller who writes an IBAN into a buyer message is taking a
// payment or a refund outside Amazon (off-platform-transaction). Its digits are no phone number,
// so detect_phone skips the spans found here.
#include <array>

#include "compiler/policy/scan.hpp"

namespace replyc::policy {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_letter(char c) {
  return c >= 'a' && c <= 'z';  // the normalised text is case-folded
}

struct IbanCountry {
  char code[3];
  std::uint8_t length;  // characters, country code and check digits included
};

// The IBAN countries of Europe and of the Middle East marketplaces, with their registered lengths.
constexpr std::array<IbanCountry, 44> kCountries{{
    {"ad", 24}, {"ae", 23}, {"at", 20}, {"ba", 20}, {"be", 16}, {"bg", 22}, {"ch", 21}, {"cy", 28},
    {"cz", 24}, {"de", 22}, {"dk", 18}, {"ee", 20}, {"es", 24}, {"fi", 18}, {"fo", 18}, {"fr", 27},
    {"gb", 22}, {"gi", 23}, {"gl", 18}, {"gr", 27}, {"hr", 21}, {"hu", 28}, {"ie", 22}, {"is", 26},
    {"it", 27}, {"li", 21}, {"lt", 20}, {"lu", 20}, {"lv", 21}, {"mc", 27}, {"me", 22}, {"mk", 19},
    {"mt", 31}, {"nl", 18}, {"no", 15}, {"pl", 28}, {"pt", 25}, {"ro", 24}, {"rs", 22}, {"sa", 24},
    {"se", 24}, {"si", 19}, {"sk", 24}, {"sm", 27},
}};

std::size_t iban_length(char a, char b) {
  for (const IbanCountry& c : kCountries) {
    if (c.code[0] == a && c.code[1] == b) {
      return c.length;
    }
  }
  return 0;
}

// ISO 13616 check: the country code and check digits move to the end, letters count as 10-35,
// and the whole number modulo 97 is 1.
bool valid_checksum(const std::string& iban) {
  const std::string rotated = iban.substr(4) + iban.substr(0, 4);
  unsigned remainder = 0;
  for (char c : rotated) {
    if (is_digit(c)) {
      remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
    } else {
      remainder = (remainder * 100 + static_cast<unsigned>(c - 'a' + 10)) % 97;
    }
  }
  return remainder == 1;
}

bool ends_at(std::string_view t, std::size_t j) {
  return j == t.size() || !(is_letter(t[j]) || is_digit(t[j]));
}

void report(ScanState& s, std::uint32_t rule, std::size_t begin, std::size_t end) {
  s.account_spans.emplace_back(static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end));
  s.add(rule, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end));
}

// Polish accounts are usually written without the country code: 26 digits, compact or grouped
// 2-4-4-4-4-4-4 ("61 1090 1014 0000 0712 1981 2874"); the check is that of "PL" + the digits.
void detect_polish_accounts(ScanState& s, std::uint32_t rule) {
  const std::string_view t = s.text();
  std::string compact;
  for (std::size_t i = 0; i + 26 <= t.size(); ++i) {
    if ((i > 0 && (is_letter(t[i - 1]) || is_digit(t[i - 1]))) || !is_digit(t[i])) {
      continue;
    }
    compact = "pl";
    std::size_t j = i;
    while (j < t.size() && compact.size() < 28) {
      if (is_digit(t[j])) {
        compact.push_back(t[j]);
        ++j;
      } else if (t[j] == ' ' && compact.size() % 4 == 0 && j + 1 < t.size() && is_digit(t[j + 1])) {
        ++j;
      } else {
        break;
      }
    }
    if (compact.size() == 28 && ends_at(t, j) && valid_checksum(compact)) {
      report(s, rule, i, j);
    }
    i = j;
  }
}

}  // namespace

void detect_bank_accounts(ScanState& s) {
  const std::string_view t = s.text();
  const std::uint32_t rule = s.impl->rule("off-platform-transaction");
  std::string compact;
  for (std::size_t i = 0; i + 15 <= t.size(); ++i) {
    const bool word_start = i == 0 || !(is_letter(t[i - 1]) || is_digit(t[i - 1]));
    if (!word_start || !is_letter(t[i]) || !is_letter(t[i + 1]) || !is_digit(t[i + 2]) ||
        !is_digit(t[i + 3])) {
      continue;
    }
    const std::size_t length = iban_length(t[i], t[i + 1]);
    if (length == 0) {
      continue;
    }
    // Written compact or in groups of four: "DE89 3704 0044 0532 0130 00".
    compact.clear();
    std::size_t j = i;
    while (j < t.size() && compact.size() < length) {
      const char c = t[j];
      if (is_letter(c) || is_digit(c)) {
        compact.push_back(c);
        ++j;
      } else if (c == ' ' && compact.size() % 4 == 0 && j + 1 < t.size() &&
                 (is_letter(t[j + 1]) || is_digit(t[j + 1]))) {
        ++j;
      } else {
        break;
      }
    }
    if (compact.size() == length && ends_at(t, j) && valid_checksum(compact)) {
      report(s, rule, i, j);
      i = j;
    }
  }
  detect_polish_accounts(s, rule);
}

}  // namespace replyc::policy
