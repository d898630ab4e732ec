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

// Appends letters and digits from `i` to `out` until it holds `length` characters; one space
// may stand between groups of four ("DE89 3704 0044 …"; counted with any prefix already in
// `out`). Returns the end, or 0 unless the account ends there with exactly `length` characters.
std::size_t read_account(std::string_view t, std::size_t i, std::size_t length, bool digits_only,
                         std::string& out) {
  const auto accepted = [&](char c) { return is_digit(c) || (!digits_only && is_letter(c)); };
  std::size_t j = i;
  while (j < t.size() && out.size() < length) {
    if (accepted(t[j])) {
      out.push_back(t[j]);
      ++j;
    } else if (t[j] == ' ' && out.size() % 4 == 0 && j + 1 < t.size() && accepted(t[j + 1])) {
      ++j;
    } else {
      break;
    }
  }
  const bool ends_here = j == t.size() || !(is_letter(t[j]) || is_digit(t[j]));
  return out.size() == length && ends_here ? j : 0;
}

bool word_start(std::string_view t, std::size_t i) {
  return i == 0 || !(is_letter(t[i - 1]) || is_digit(t[i - 1]));
}

void report(ScanState& s, std::uint32_t rule, std::size_t begin, std::size_t end) {
  s.account_spans.emplace_back(static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end));
  s.add(rule, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end));
}

// Polish accounts are usually written without the country code: 26 digits, compact or grouped
// 2-4-4-4-4-4-4 ("61 1090 1014 0000 0712 1981 2874"); the check is that of "PL" + the digits.
void detect_polish_accounts(ScanState& s, std::uint32_t rule) {
  const std::string_view t = s.text();
  std::string account;
  for (std::size_t i = 0; i + 26 <= t.size(); ++i) {
    if (!word_start(t, i) || !is_digit(t[i])) {
      continue;
    }
    account = "pl";
    const std::size_t end = read_account(t, i, 28, true, account);
    if (end != 0 && valid_checksum(account)) {
      report(s, rule, i, end);
      i = end;
    }
  }
}

}  // namespace

void detect_bank_accounts(ScanState& s) {
  const std::string_view t = s.text();
  const std::uint32_t rule = s.impl->rule("off-platform-transaction");
  std::string account;
  for (std::size_t i = 0; i + 15 <= t.size(); ++i) {
    if (!word_start(t, i) || !is_letter(t[i]) || !is_letter(t[i + 1]) || !is_digit(t[i + 2]) ||
        !is_digit(t[i + 3])) {
      continue;
    }
    const std::size_t length = iban_length(t[i], t[i + 1]);
    account.clear();
    const std::size_t end = length == 0 ? 0 : read_account(t, i, length, false, account);
    // The check digits are not required: a mistyped or made-up account number in a message is
    // still money meant to move outside Amazon ("NL12 RABO 0345 6789 01"). The country's
    // registered length keeps other codes out.
    if (end != 0) {
      report(s, rule, i, end);
      i = end;
    }
  }
  detect_polish_accounts(s, rule);
}

}  // namespace replyc::policy
