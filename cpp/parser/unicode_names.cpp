#include "parser/unicode_names.h"

#include <cstdint>
#include <cstring>
#include <string>

namespace dxpy::parser {
namespace {
#include "parser/unicode_names.inc"

// Hangul syllables are named by their jamo (Unicode 3.12).
constexpr const char* kLeading[] = {"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S",
                                    "SS", "", "J", "JJ", "C", "K", "T", "P", "H"};
constexpr const char* kVowel[] = {"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE",
                                  "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"};
constexpr const char* kTrailing[] = {"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG",
                                     "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S",
                                     "SS", "NG", "J", "C", "K", "T", "P", "H"};

std::optional<char32_t> hangul_syllable(std::string_view rest) {
  for (int l = 0; l < 19; ++l) {
    std::string_view lead = kLeading[l];
    if (rest.substr(0, lead.size()) != lead) continue;
    for (int v = 0; v < 21; ++v) {
      std::string_view vowel = kVowel[v];
      std::string_view after_lead = rest.substr(lead.size());
      if (after_lead.substr(0, vowel.size()) != vowel) continue;
      std::string_view tail = after_lead.substr(vowel.size());
      for (int t = 0; t < 28; ++t)
        if (tail == kTrailing[t]) return static_cast<char32_t>(0xAC00 + (l * 21 + v) * 28 + t);
    }
  }
  return std::nullopt;
}
}  // namespace

std::optional<char32_t> lookup_unicode_name(std::string_view name) {
  std::string upper(name);
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  constexpr std::string_view kHangul = "HANGUL SYLLABLE ";
  if (upper.compare(0, kHangul.size(), kHangul) == 0)
    if (auto code = hangul_syllable(std::string_view(upper).substr(kHangul.size()))) return code;
  for (std::size_t p = 0; p < sizeof(kAlgorithmicPrefixes) / sizeof(kAlgorithmicPrefixes[0]); ++p) {
    std::string_view prefix = kAlgorithmicPrefixes[p];
    if (upper.compare(0, prefix.size(), prefix) != 0) continue;
    std::string_view hex = std::string_view(upper).substr(prefix.size());
    if (hex.size() < 4 || hex.size() > 6) return std::nullopt;
    std::uint32_t code = 0;
    for (char c : hex) {
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (digit < 0) return std::nullopt;
      code = code * 16 + static_cast<std::uint32_t>(digit);
    }
    for (const auto& range : kAlgorithmicRanges)
      if (range.prefix == p && code >= range.first && code <= range.last)
        return static_cast<char32_t>(code);
    return std::nullopt;
  }
  std::size_t low = 0, high = sizeof(kNames) / sizeof(kNames[0]);
  while (low < high) {
    std::size_t mid = (low + high) / 2;
    std::string_view entry(kNameText + kNames[mid].offset, kNames[mid].length);
    int order = entry.compare(upper);
    if (order == 0) return static_cast<char32_t>(kNames[mid].code);
    if (order < 0) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return std::nullopt;
}

}  // namespace dxpy::parser
