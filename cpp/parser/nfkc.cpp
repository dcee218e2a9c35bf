// NFKC normalisation of identifiers (UAX #15: full compatibility
// decomposition, canonical ordering, canonical composition), from tables
// generated at build time by generate_nfkc_tables.py. Only identifiers are
// normalised, so the decomposition table covers identifier characters only.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "parser/identifier.h"
#include "parser/utf8_text.h"

namespace dxpy::parser {
namespace nfkc_detail {

struct CodeRange {
  char32_t first;
  char32_t last;
};
struct Decomposition {
  char32_t code;
  std::uint16_t offset;  // into kDecompositionPool
  std::uint8_t length;
};
struct CombiningClass {
  char32_t code;
  std::uint8_t ccc;
};
struct Composite {
  char32_t first;
  char32_t second;
  char32_t composite;
};

#include "nfkc_tables.inc"

}  // namespace nfkc_detail

namespace {

using namespace nfkc_detail;

// Hangul syllables decompose and compose by arithmetic (Unicode 3.12).
constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr char32_t kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount,
                   kSCount = kLCount * kNCount;

bool unstable(char32_t c) {
  auto it = std::upper_bound(std::begin(kNfkcUnstable), std::end(kNfkcUnstable), c,
                             [](char32_t value, const CodeRange& range) { return value < range.first; });
  return it != std::begin(kNfkcUnstable) && c <= (it - 1)->last;
}

std::uint8_t combining_class(char32_t c) {
  auto it = std::lower_bound(std::begin(kCombiningClasses), std::end(kCombiningClasses), c,
                             [](const CombiningClass& entry, char32_t value) { return entry.code < value; });
  return it != std::end(kCombiningClasses) && it->code == c ? it->ccc : 0;
}

void decompose(char32_t c, std::vector<char32_t>& out) {
  if (c >= kSBase && c < kSBase + kSCount) {
    char32_t index = c - kSBase;
    out.push_back(kLBase + index / kNCount);
    out.push_back(kVBase + (index % kNCount) / kTCount);
    if (index % kTCount) out.push_back(kTBase + index % kTCount);
    return;
  }
  auto it = std::lower_bound(std::begin(kDecompositions), std::end(kDecompositions), c,
                             [](const Decomposition& entry, char32_t value) { return entry.code < value; });
  if (it != std::end(kDecompositions) && it->code == c) {
    out.insert(out.end(), kDecompositionPool + it->offset, kDecompositionPool + it->offset + it->length);
  } else {
    out.push_back(c);
  }
}

// The primary composite of (first, second), or 0.
char32_t compose(char32_t first, char32_t second) {
  if (first >= kLBase && first < kLBase + kLCount && second >= kVBase && second < kVBase + kVCount) {
    return kSBase + ((first - kLBase) * kVCount + (second - kVBase)) * kTCount;
  }
  if (first >= kSBase && first < kSBase + kSCount && (first - kSBase) % kTCount == 0 && second > kTBase &&
      second < kTBase + kTCount) {
    return first + (second - kTBase);
  }
  auto it = std::lower_bound(std::begin(kComposites), std::end(kComposites), std::pair{first, second},
                             [](const Composite& entry, std::pair<char32_t, char32_t> value) {
                               return entry.first != value.first ? entry.first < value.first
                                                                 : entry.second < value.second;
                             });
  return it != std::end(kComposites) && it->first == first && it->second == second ? it->composite : 0;
}

}  // namespace

bool identifier_needs_normalization(std::string_view name) {
  std::size_t i = 0;
  while (i < name.size()) {
    if (static_cast<unsigned char>(name[i]) < 0x80) {
      ++i;
      continue;
    }
    Utf8Step step = decode_utf8_step(name.substr(i));
    if (!step.length) return false;  // not UTF-8: not an identifier, left alone
    if (unstable(step.code_point)) return true;
    i += step.length;
  }
  return false;
}

std::string normalize_identifier(std::string_view name) {
  if (!identifier_needs_normalization(name)) return std::string(name);
  std::vector<char32_t> points;
  points.reserve(name.size());
  for (std::size_t i = 0; i < name.size();) {
    Utf8Step step = decode_utf8_step(name.substr(i));
    decompose(step.code_point, points);
    i += step.length;
  }
  // Canonical ordering: a stable sort of each run of non-starters by class.
  for (std::size_t i = 1; i < points.size(); ++i) {
    std::uint8_t ccc = combining_class(points[i]);
    if (ccc == 0) continue;
    for (std::size_t j = i; j > 0; --j) {
      std::uint8_t before = combining_class(points[j - 1]);
      if (before <= ccc) break;
      std::swap(points[j - 1], points[j]);
    }
  }
  // Canonical composition: each character joins the last starter unless a
  // character between them blocks it (class 0, or a class not below its own).
  std::vector<char32_t> composed;
  composed.reserve(points.size());
  std::size_t starter = SIZE_MAX;
  for (char32_t c : points) {
    std::uint8_t ccc = combining_class(c);
    if (starter != SIZE_MAX) {
      bool adjacent = composed.size() - 1 == starter;
      std::uint8_t last = combining_class(composed.back());
      if (adjacent || (last != 0 && last < ccc)) {
        if (char32_t composite = compose(composed[starter], c)) {
          composed[starter] = composite;
          continue;
        }
      }
    }
    if (ccc == 0) starter = composed.size();
    composed.push_back(c);
  }
  std::string out;
  out.reserve(name.size());
  for (char32_t c : composed) append_utf8(out, c);
  return out;
}

}  // namespace dxpy::parser
