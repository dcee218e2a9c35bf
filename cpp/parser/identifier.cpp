#include "parser/identifier.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

namespace dxpy::parser {
namespace detail {

struct CodeRange {
  char32_t first;
  char32_t last;
};

#include "identifier_tables.inc"

}  // namespace detail

namespace {

template <std::size_t N>
bool in_ranges(const detail::CodeRange (&table)[N], char32_t code_point) {
  auto it = std::upper_bound(std::begin(table), std::end(table), code_point,
                             [](char32_t value, const detail::CodeRange& range) { return value < range.first; });
  return it != std::begin(table) && code_point <= (it - 1)->last;
}

bool ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

}  // namespace

bool is_identifier_start(char32_t c) {
  if (c < 0x80) return ascii_letter(c);
  return in_ranges(detail::kIdentifierStart, c);
}

bool is_identifier_continue(char32_t c) {
  if (c < 0x80) return ascii_letter(c) || (c >= '0' && c <= '9');
  return in_ranges(detail::kIdentifierContinue, c);
}

bool is_printable(char32_t c) {
  if (c < 0x80) return c >= 0x20 && c < 0x7F;
  return in_ranges(detail::kPrintable, c);
}

Keyword keyword_of(std::string_view name) {
  // Sorted by spelling for a binary search; the grammar's keywords of 3.11
  // (Grammar/python.gram's hard keywords, and its soft keywords).
  static constexpr std::array<std::pair<std::string_view, Keyword>, 38> kKeywords{{
      {"False", Keyword::kFalse},       {"None", Keyword::kNoneKeyword}, {"True", Keyword::kTrue},
      {"_", Keyword::kSoftUnderscore},  {"and", Keyword::kAnd},          {"as", Keyword::kAs},
      {"assert", Keyword::kAssert},     {"async", Keyword::kAsync},      {"await", Keyword::kAwait},
      {"break", Keyword::kBreak},       {"case", Keyword::kSoftCase},    {"class", Keyword::kClass},
      {"continue", Keyword::kContinue}, {"def", Keyword::kDef},          {"del", Keyword::kDel},
      {"elif", Keyword::kElif},         {"else", Keyword::kElse},        {"except", Keyword::kExcept},
      {"finally", Keyword::kFinally},   {"for", Keyword::kFor},          {"from", Keyword::kFrom},
      {"global", Keyword::kGlobal},     {"if", Keyword::kIf},            {"import", Keyword::kImport},
      {"in", Keyword::kIn},             {"is", Keyword::kIs},            {"lambda", Keyword::kLambda},
      {"match", Keyword::kSoftMatch},   {"nonlocal", Keyword::kNonlocal}, {"not", Keyword::kNot},
      {"or", Keyword::kOr},             {"pass", Keyword::kPass},        {"raise", Keyword::kRaise},
      {"return", Keyword::kReturn},     {"try", Keyword::kTry},          {"while", Keyword::kWhile},
      {"with", Keyword::kWith},         {"yield", Keyword::kYield},
  }};
  if (name.size() < 1 || name.size() > 8) return Keyword::kNone;
  auto it = std::lower_bound(kKeywords.begin(), kKeywords.end(), name,
                             [](const auto& entry, std::string_view value) { return entry.first < value; });
  return it != kKeywords.end() && it->first == name ? it->second : Keyword::kNone;
}

}  // namespace dxpy::parser
