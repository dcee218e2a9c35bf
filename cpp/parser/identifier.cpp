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
  // The table is sorted, so the keywords starting with one letter are
  // adjacent: a name is compared only with those (at most 6), found through
  // a table of where each first letter's run begins.
  struct Runs {
    std::uint8_t begin[129] = {};
    constexpr Runs() {
      std::size_t i = 0;
      for (int c = 0; c <= 128; ++c) {
        while (i < kKeywords.size() && static_cast<unsigned char>(kKeywords[i].first[0]) < c) ++i;
        begin[c] = static_cast<std::uint8_t>(i);
      }
    }
  };
  static constexpr Runs kRuns;
  auto first = static_cast<unsigned char>(name[0]);
  if (first >= 128) return Keyword::kNone;
  for (std::size_t i = kRuns.begin[first]; i < kRuns.begin[first + 1]; ++i) {
    if (kKeywords[i].first == name) return kKeywords[i].second;
  }
  return Keyword::kNone;
}

}  // namespace dxpy::parser
