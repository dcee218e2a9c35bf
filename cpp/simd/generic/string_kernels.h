// The string kernels, written once against a vector layer.
//
// Included by each engine's string_kernels.cpp after its vector.h, inside that
// engine's namespace, so this code is compiled once per instruction set with
// that set's flags. Everything here has internal linkage except the kernel
// table: no inline function compiled with AVX flags can be picked by the
// linker for another translation unit.
//
// The vector layer provides Bytes (kWidth lanes, kBitsPerLane bits per lane
// in a bit mask) and Lanes (per-lane booleans whose bits() has lane k at bit
// k * kBitsPerLane, and no other bits set).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "simd/string_kernels.h"

namespace dxpy::simd::DXPY_ISA_NAMESPACE {
namespace {

constexpr size_t kWidth = Bytes::kWidth;

// Bits of the lanes [0, lanes) of a mask.
constexpr uint64_t lanes_below(size_t lanes) {
  const size_t bit_count = lanes * Bytes::kBitsPerLane;
  return bit_count >= 64 ? ~0ULL : (1ULL << bit_count) - 1;
}
inline size_t first_lane(uint64_t bits) {
  return static_cast<size_t>(std::countr_zero(bits)) / Bytes::kBitsPerLane;
}
inline size_t lane_count(uint64_t bits) { return static_cast<size_t>(std::popcount(bits)); }

// Loads `lanes` bytes: a whole vector, or a zero-padded partial one.
inline Bytes load_block(const uint8_t* p, size_t lanes) {
  return lanes == kWidth ? Bytes::load(p) : Bytes::load_partial(p, lanes);
}

// One byte: the C library's memchr. glibc's is hand-written for each ISA
// (aligned loads, four vectors a step, page-aware tails) and ran at 95 GB/s on
// 1 MiB here, where this layer's best loop (four vectors a step, one mask
// extraction) reached 75-85 (AVX2, AVX-512 on Zen 4): calling it keeps the most
// common needle at least as fast as CPython's bytes.find, which calls it too.
int64_t find_byte(const uint8_t* haystack, size_t length, uint8_t byte) {
  const void* found = std::memchr(haystack, byte, length);
  return found == nullptr ? -1 : static_cast<const uint8_t*>(found) - haystack;
}

// Candidates are filtered on three needle bytes (first, middle, last) a
// vector of start positions at a time; survivors are verified with memcmp.
// on_match(position) returns the first start position still wanted (so count
// can skip past a match) or SIZE_MAX to stop.
struct NeedleFilter {
  size_t middle, last;
  Bytes first_byte, middle_byte, last_byte;

  NeedleFilter(const uint8_t* needle, size_t needle_length)
      : middle(needle_length / 2),
        last(needle_length - 1),
        first_byte(Bytes::splat(needle[0])),
        middle_byte(Bytes::splat(needle[needle_length / 2])),
        last_byte(Bytes::splat(needle[needle_length - 1])) {}

  // Candidate lanes for the kWidth start positions from i.
  Lanes candidate_lanes(const uint8_t* haystack, size_t i) const {
    return (Bytes::load(haystack + i) == first_byte) &
           (Bytes::load(haystack + i + middle) == middle_byte) &
           (Bytes::load(haystack + i + last) == last_byte);
  }

  // Candidate bits for the start positions [i, i + lanes).
  uint64_t candidates(const uint8_t* haystack, size_t i, size_t lanes) const {
    if (lanes == kWidth) {
      return ((Bytes::load(haystack + i) == first_byte) &
              (Bytes::load(haystack + i + middle) == middle_byte) &
              (Bytes::load(haystack + i + last) == last_byte))
          .bits();
    }
    return ((Bytes::load_partial(haystack + i, lanes) == first_byte) &
            (Bytes::load_partial(haystack + i + middle, lanes) == middle_byte) &
            (Bytes::load_partial(haystack + i + last, lanes) == last_byte))
               .bits() &
           lanes_below(lanes);
  }
};

template <typename OnMatch>
void scan_needle(const uint8_t* haystack, size_t haystack_length, const uint8_t* needle,
                 size_t needle_length, OnMatch on_match) {
  const size_t starts = haystack_length - needle_length + 1;  // valid start positions
  const NeedleFilter filter(needle, needle_length);
  size_t wanted_from = 0;  // the first start position not yet ruled out
  // Verifies the candidates of the block at i; false once on_match stops.
  auto verify = [&](size_t i, uint64_t bits) {
    while (bits != 0) {
      const size_t position = i + first_lane(bits);
      bits &= bits - 1;
      if (position < wanted_from) continue;
      if (std::memcmp(haystack + position, needle, needle_length) == 0) {
        wanted_from = on_match(position);
        if (wanted_from == SIZE_MAX) return false;
      }
    }
    return true;
  };
  // Every load covers start positions [i, i + lanes) shifted by a needle
  // offset, so the furthest byte read is haystack[starts - 1 + last].
  size_t i = 0;
  while (i < starts) {
    if (i < wanted_from) i = wanted_from;  // skip what a long match covered
    if (i + 4 * kWidth <= starts) {
      // Four vectors per step, with one mask extraction for the common "no
      // candidate"; the lanes are only turned into bits when one is set.
      const Lanes a = filter.candidate_lanes(haystack, i);
      const Lanes b = filter.candidate_lanes(haystack, i + kWidth);
      const Lanes c = filter.candidate_lanes(haystack, i + 2 * kWidth);
      const Lanes d = filter.candidate_lanes(haystack, i + 3 * kWidth);
      if (((a | b) | (c | d)).bits() != 0 &&
          (!verify(i, a.bits()) || !verify(i + kWidth, b.bits()) ||
           !verify(i + 2 * kWidth, c.bits()) || !verify(i + 3 * kWidth, d.bits()))) {
        return;
      }
      i += 4 * kWidth;
    } else if (i < starts) {
      const size_t lanes = starts - i < kWidth ? starts - i : kWidth;
      if (!verify(i, filter.candidates(haystack, i, lanes))) return;
      i += lanes;
    }
  }
}

int64_t find(const uint8_t* haystack, size_t haystack_length, const uint8_t* needle,
             size_t needle_length) {
  if (needle_length == 0) return 0;
  if (needle_length > haystack_length) return -1;
  if (needle_length == 1) return find_byte(haystack, haystack_length, needle[0]);
  int64_t found = -1;
  scan_needle(haystack, haystack_length, needle, needle_length, [&](size_t position) {
    found = static_cast<int64_t>(position);
    return SIZE_MAX;
  });
  return found;
}

size_t count(const uint8_t* haystack, size_t haystack_length, const uint8_t* needle,
             size_t needle_length, size_t limit) {
  if (needle_length == 0 || limit == 0 || needle_length > haystack_length) return 0;
  size_t total = 0;
  if (needle_length == 1) {
    const Bytes wanted = Bytes::splat(needle[0]);
    for (size_t i = 0; i < haystack_length; i += kWidth) {
      const size_t lanes = haystack_length - i < kWidth ? haystack_length - i : kWidth;
      total += lane_count((load_block(haystack + i, lanes) == wanted).bits() & lanes_below(lanes));
      if (total >= limit) return limit;
    }
    return total;
  }
  // Non-overlapping: after a match at p the next may start at p + length.
  scan_needle(haystack, haystack_length, needle, needle_length, [&](size_t position) {
    return ++total == limit ? SIZE_MAX : position + needle_length;
  });
  return total;
}

bool equal(const uint8_t* a, const uint8_t* b, size_t length) {
  size_t i = 0;
  // Four vectors per test: equal inputs (the expensive case) are read at the
  // speed of the loads, not of the mask extraction.
  for (; i + 4 * kWidth <= length; i += 4 * kWidth) {
    const Lanes same = (Bytes::load(a + i) == Bytes::load(b + i)) &
                       (Bytes::load(a + i + kWidth) == Bytes::load(b + i + kWidth)) &
                       (Bytes::load(a + i + 2 * kWidth) == Bytes::load(b + i + 2 * kWidth)) &
                       (Bytes::load(a + i + 3 * kWidth) == Bytes::load(b + i + 3 * kWidth));
    if ((~same).bits() != 0) return false;
  }
  for (; i < length; i += kWidth) {
    const size_t lanes = length - i < kWidth ? length - i : kWidth;
    const Lanes same = load_block(a + i, lanes) == load_block(b + i, lanes);
    if (((~same).bits() & lanes_below(lanes)) != 0) return false;
  }
  return true;
}

size_t count_code_points(const uint8_t* text, size_t length) {
  size_t continuation_bytes = 0;
  for (size_t i = 0; i < length; i += kWidth) {
    const size_t lanes = length - i < kWidth ? length - i : kWidth;
    continuation_bytes +=
        lane_count(load_block(text + i, lanes).in_range(0x80, 0xBF).bits() & lanes_below(lanes));
  }
  return length - continuation_bytes;
}

size_t ascii_prefix(const uint8_t* text, size_t length) {
  for (size_t i = 0; i < length; i += kWidth) {
    const size_t lanes = length - i < kWidth ? length - i : kWidth;
    const uint64_t bits = load_block(text + i, lanes).high_bit().bits() & lanes_below(lanes);
    if (bits != 0) return i + first_lane(bits);
  }
  return length;
}

template <uint8_t kFrom, uint8_t kTo>
void ascii_flip_case(const uint8_t* source, uint8_t* destination, size_t length) {
  size_t i = 0;
  for (; i + kWidth <= length; i += kWidth) {
    const Bytes block = Bytes::load(source + i);
    block.xor_where(block.in_range(kFrom, kTo), 0x20).store(destination + i);
  }
  if (i < length) {
    const Bytes block = Bytes::load_partial(source + i, length - i);
    block.xor_where(block.in_range(kFrom, kTo), 0x20).store_partial(destination + i, length - i);
  }
}

void ascii_lower(const uint8_t* source, uint8_t* destination, size_t length) {
  ascii_flip_case<'A', 'Z'>(source, destination, length);
}
void ascii_upper(const uint8_t* source, uint8_t* destination, size_t length) {
  ascii_flip_case<'a', 'z'>(source, destination, length);
}

// ASCII whitespace lanes: \t \n \v \f \r and space, plus \x1c..\x1f for str.
inline Lanes ascii_whitespace(Bytes block, Whitespace kind) {
  Lanes lanes = (block == Bytes::splat(' ')) | block.in_range('\t', '\r');
  if (kind == Whitespace::kUnicode) lanes = lanes | block.in_range(0x1C, 0x1F);
  return lanes;
}

// Lead bytes of every multi-byte whitespace character (U+0085 and U+00A0
// start with 0xC2; U+1680, U+2000..U+205F and U+3000 with 0xE1..0xE3).
inline Lanes whitespace_lead_bytes(Bytes block) {
  return (block == Bytes::splat(0xC2)) | block.in_range(0xE1, 0xE3);
}

// One bit per byte, 64 bytes per word, from a per-vector classifier.
template <typename Classify>
void bitmap(const uint8_t* text, size_t length, uint64_t* words, Classify classify) {
  for (size_t i = 0; i < length; i += 64) {
    uint64_t word = 0;
    for (size_t j = 0; j < 64 && i + j < length; j += kWidth) {
      const size_t lanes = length - i - j < kWidth ? length - i - j : kWidth;
      const uint64_t lane_bits = classify(load_block(text + i + j, lanes)).lane_bits();
      const uint64_t kept = lanes >= 64 ? lane_bits : lane_bits & ((1ULL << lanes) - 1);
      word |= kept << j;
    }
    words[i / 64] = word;
  }
}

void whitespace_bitmap(const uint8_t* text, size_t length, Whitespace kind, uint64_t* words) {
  if (kind == Whitespace::kBytes) {
    bitmap(text, length, words, [](Bytes block) { return ascii_whitespace(block, Whitespace::kBytes); });
  } else {
    bitmap(text, length, words, [](Bytes block) {
      return ascii_whitespace(block, Whitespace::kUnicode) | whitespace_lead_bytes(block);
    });
  }
}

void byte_bitmap(const uint8_t* text, size_t length, uint8_t byte, uint64_t* words) {
  const Bytes wanted = Bytes::splat(byte);
  bitmap(text, length, words, [wanted](Bytes block) { return block == wanted; });
}

}  // namespace

// Constant-initialised: loading the module runs no instruction of this engine.
extern const StringKernels kStringKernels;
const StringKernels kStringKernels = {
    find,          count,         equal,           count_code_points, ascii_prefix,
    ascii_lower,   ascii_upper,   whitespace_bitmap, byte_bitmap,
};

}  // namespace dxpy::simd::DXPY_ISA_NAMESPACE
