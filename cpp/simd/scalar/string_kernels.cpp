// The scalar engine: portable C++ with no vector instructions of its own. It
// is the default wherever no SIMD engine is native (s390x, ppc64le, riscv64),
// so it must beat CPython's own methods there, and it is the reference the
// vector engines are held to, so every kernel keeps the contract exactly.
//
// Speed comes from two portable tools: the C library (memchr finds one byte,
// memcmp compares; both are tuned per platform) and SWAR, "SIMD within a
// register": eight bytes in a uint64_t, with exact per-byte tests built from
// adds and masks that never carry from one byte into the next. Words are read
// with memcpy (no alignment assumed, never past the input) and put in
// little-endian order where a byte's position matters, so the same code runs
// on big-endian s390x.
#include <bit>
#include <cstring>

// memmem is POSIX 2024 and in every C library dxpy is built with on Linux and
// the BSDs; elsewhere the SWAR filter serves every needle length.
#if defined(__GLIBC__) || defined(__APPLE__) || defined(__FreeBSD__) || defined(__NetBSD__) || \
    defined(__OpenBSD__) || defined(__linux__)
#define DXPY_HAVE_MEMMEM 1
#endif

#include "simd/scalar/string_kernels.h"

namespace dxpy::simd::scalar {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHigh = 0x8080808080808080ULL;  // bit 7 of every byte
constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;

constexpr uint64_t splat(uint8_t byte) { return kOnes * byte; }

// The 8 bytes at p; byte k of the input is byte k (bits 8k..8k+7) of the word.
inline uint64_t load_le(const uint8_t* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  return word;
}

// Bit 7 set in exactly the bytes of x that are zero (no false positives: the
// add sees only 7-bit values, so nothing carries between bytes).
inline uint64_t zero_bytes(uint64_t x) { return ~(((x & kLow7) + kLow7) | x | kLow7); }

// Bit 7 set in the bytes b of w with b < 0x80 and lo <= b <= hi (hi < 0x80).
inline uint64_t ascii_in_range(uint64_t w, uint8_t lo, uint8_t hi) {
  const uint64_t x = w & kLow7;
  const uint64_t at_least_lo = x + splat(static_cast<uint8_t>(0x80 - lo));
  const uint64_t above_hi = x + splat(static_cast<uint8_t>(0x7F - hi));
  return at_least_lo & ~above_hi & ~w & kHigh;
}

// A mask with bit 7 per byte (little-endian word) to one bit per byte: byte k
// -> bit k. The multiply moves each byte's bit to its own place in the top
// byte; the partial products occupy distinct bits, so nothing carries.
inline uint64_t byte_bits(uint64_t mask) {
  return ((mask >> 7) * 0x0102040810204080ULL) >> 56;
}

inline size_t first_byte(uint64_t mask) { return static_cast<size_t>(std::countr_zero(mask)) / 8; }

// Adds the bytes of a word whose bytes are each 0 or 1 (at most 8 per byte
// position summed over 255 words fit in a byte: callers flush every 255).
inline size_t sum_bytes(uint64_t counts) {
  // Pairwise to 16-bit lanes first: a byte lane may hold up to 255.
  const uint64_t pairs = (counts & 0x00FF00FF00FF00FFULL) + ((counts >> 8) & 0x00FF00FF00FF00FFULL);
  return static_cast<size_t>((pairs * 0x0001000100010001ULL) >> 48);
}

int64_t find_byte(const uint8_t* haystack, size_t length, uint8_t byte) {
  const void* found = std::memchr(haystack, byte, length);
  return found == nullptr ? -1 : static_cast<const uint8_t*>(found) - haystack;
}

// Needles of 2+ bytes: candidate starts are those whose first, middle and last
// bytes match, eight starts per step; each is verified with memcmp.
int64_t find_needle(const uint8_t* haystack, size_t haystack_length, const uint8_t* needle,
                    size_t needle_length) {
  const size_t starts = haystack_length - needle_length + 1;
  const size_t middle = needle_length / 2;
  const size_t last = needle_length - 1;
  const uint64_t first_byte_word = splat(needle[0]);
  const uint64_t middle_byte_word = splat(needle[middle]);
  const uint64_t last_byte_word = splat(needle[last]);
  size_t i = 0;
  // The word at i + last covers starts [i, i + 8): its last byte is
  // haystack[i + 7 + last] <= haystack[starts - 1 + last], the input's last.
  for (; i + 8 <= starts; i += 8) {
    uint64_t candidates = zero_bytes(load_le(haystack + i) ^ first_byte_word) &
                          zero_bytes(load_le(haystack + i + last) ^ last_byte_word);
    if (candidates == 0) continue;
    candidates &= zero_bytes(load_le(haystack + i + middle) ^ middle_byte_word);
    while (candidates != 0) {
      const size_t position = i + first_byte(candidates);
      if (std::memcmp(haystack + position, needle, needle_length) == 0) {
        return static_cast<int64_t>(position);
      }
      candidates &= candidates - 1;
    }
  }
  for (; i < starts; ++i) {
    if (haystack[i] == needle[0] && std::memcmp(haystack + i, needle, needle_length) == 0) {
      return static_cast<int64_t>(i);
    }
  }
  return -1;
}

// From 8 bytes the C library's memmem (glibc: two-way with a skip table over
// byte pairs, several times the SWAR filter's speed on an absent needle, and
// CPython's) wins; below, its skips are too short and the SWAR filter wins.
constexpr size_t kMemmemFrom = 8;

int64_t find_long_needle(const uint8_t* haystack, size_t haystack_length, const uint8_t* needle,
                         size_t needle_length) {
#if defined(DXPY_HAVE_MEMMEM)
  const void* found = memmem(haystack, haystack_length, needle, needle_length);
  return found == nullptr ? -1 : static_cast<const uint8_t*>(found) - haystack;
#else
  return find_needle(haystack, haystack_length, needle, needle_length);
#endif
}

// A needle of 2+ bytes that fits in the haystack.
int64_t find_multibyte(const uint8_t* haystack, size_t haystack_length, const uint8_t* needle,
                       size_t needle_length) {
  return needle_length >= kMemmemFrom
             ? find_long_needle(haystack, haystack_length, needle, needle_length)
             : find_needle(haystack, haystack_length, needle, needle_length);
}

int64_t find(const uint8_t* haystack, size_t haystack_length, const uint8_t* needle,
             size_t needle_length) {
  if (needle_length == 0) return 0;
  if (needle_length > haystack_length) return -1;
  if (needle_length == 1) return find_byte(haystack, haystack_length, needle[0]);
  return find_multibyte(haystack, haystack_length, needle, needle_length);
}

// Occurrences of one byte, at most `limit`: eight bytes per step, the match
// flags summed in byte lanes and flushed before a lane could overflow.
size_t count_byte(const uint8_t* haystack, size_t length, uint8_t byte, size_t limit) {
  const uint64_t wanted = splat(byte);
  size_t total = 0;
  size_t i = 0;
  while (i + 8 <= length) {
    uint64_t lanes = 0;
    const size_t end = length - i >= 255 * 8 ? i + 255 * 8 : i + (length - i) / 8 * 8;
    for (; i < end; i += 8) lanes += zero_bytes(load_le(haystack + i) ^ wanted) >> 7;
    total += sum_bytes(lanes);
    if (total >= limit) return limit;
  }
  for (; i < length; ++i) total += haystack[i] == byte ? 1 : 0;
  return total < limit ? total : limit;
}

size_t count(const uint8_t* haystack, size_t haystack_length, const uint8_t* needle,
             size_t needle_length, size_t limit) {
  if (needle_length == 0 || limit == 0 || needle_length > haystack_length) return 0;
  if (needle_length == 1) return count_byte(haystack, haystack_length, needle[0], limit);
  // Non-overlapping: after a match at p the next may start at p + length.
  size_t total = 0;
  size_t from = 0;
  while (total < limit && haystack_length - from >= needle_length) {
    const int64_t found =
        find_multibyte(haystack + from, haystack_length - from, needle, needle_length);
    if (found < 0) break;
    ++total;
    from += static_cast<size_t>(found) + needle_length;
  }
  return total;
}

bool equal(const uint8_t* a, const uint8_t* b, size_t length) {
  return length == 0 || std::memcmp(a, b, length) == 0;
}

size_t count_code_points(const uint8_t* text, size_t length) {
  // A continuation byte is 10xxxxxx: bit 7 set and bit 6 clear.
  size_t continuation_bytes = 0;
  size_t i = 0;
  while (i + 8 <= length) {
    uint64_t lanes = 0;
    const size_t end = length - i >= 255 * 8 ? i + 255 * 8 : i + (length - i) / 8 * 8;
    for (; i < end; i += 8) {
      uint64_t word;
      std::memcpy(&word, text + i, 8);  // byte order does not matter for a count
      lanes += (word & ~(word << 1) & kHigh) >> 7;
    }
    continuation_bytes += sum_bytes(lanes);
  }
  for (; i < length; ++i) continuation_bytes += (text[i] & 0xC0) == 0x80 ? 1 : 0;
  return length - continuation_bytes;
}

size_t ascii_prefix(const uint8_t* text, size_t length) {
  size_t i = 0;
  for (; i + 8 <= length; i += 8) {
    const uint64_t high = load_le(text + i) & kHigh;
    if (high != 0) return i + first_byte(high);
  }
  while (i < length && text[i] < 0x80) ++i;
  return i;
}

// Flips bit 5 (0x20) of the ASCII bytes in [kFrom, kTo], eight bytes a step.
// Byte order does not matter: every byte is mapped on its own.
template <uint8_t kFrom, uint8_t kTo>
void ascii_flip_case(const uint8_t* source, uint8_t* destination, size_t length) {
  size_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t word;
    std::memcpy(&word, source + i, 8);
    word ^= ascii_in_range(word, kFrom, kTo) >> 2;  // 0x80 >> 2 == 0x20
    std::memcpy(destination + i, &word, 8);
  }
  for (; i < length; ++i) {
    const uint8_t byte = source[i];
    destination[i] = (byte >= kFrom && byte <= kTo) ? static_cast<uint8_t>(byte ^ 0x20) : byte;
  }
}

void ascii_lower(const uint8_t* source, uint8_t* destination, size_t length) {
  ascii_flip_case<'A', 'Z'>(source, destination, length);
}

void ascii_upper(const uint8_t* source, uint8_t* destination, size_t length) {
  ascii_flip_case<'a', 'z'>(source, destination, length);
}

bool is_ascii_whitespace(uint8_t byte, Whitespace kind) {
  if (byte == ' ' || (byte >= '\t' && byte <= '\r')) return true;
  return kind == Whitespace::kUnicode && byte >= 0x1C && byte <= 0x1F;
}

// Lead bytes of the multi-byte whitespace characters (U+0085, U+00A0: 0xC2;
// U+1680, U+2000..U+205F, U+3000: 0xE1..0xE3).
bool is_whitespace_lead(uint8_t byte) { return byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3); }

bool is_whitespace_candidate(uint8_t byte, Whitespace kind) {
  return is_ascii_whitespace(byte, kind) ||
         (kind == Whitespace::kUnicode && is_whitespace_lead(byte));
}

// The candidate mask of one little-endian word (bit 7 per byte).
inline uint64_t whitespace_word(uint64_t w, Whitespace kind) {
  uint64_t mask = zero_bytes(w ^ splat(' ')) | ascii_in_range(w, '\t', '\r');
  if (kind == Whitespace::kUnicode) {
    // 0xE1..0xE3 with bit 7 flipped are the ASCII 0x61..0x63.
    mask |= ascii_in_range(w, 0x1C, 0x1F) | zero_bytes(w ^ splat(0xC2)) |
            ascii_in_range(w ^ kHigh, 0x61, 0x63);
  }
  return mask;
}

// One bit per byte, 64 bytes per bitmap word, from a per-word classifier
// (whole words) and a per-byte one (the tail).
template <typename ClassifyWord, typename ClassifyByte>
void bitmap(const uint8_t* text, size_t length, uint64_t* words, ClassifyWord classify_word,
            ClassifyByte classify_byte) {
  for (size_t i = 0; i < length; i += 64) {
    uint64_t word = 0;
    size_t j = 0;
    for (; j + 8 <= 64 && i + j + 8 <= length; j += 8) {
      word |= byte_bits(classify_word(load_le(text + i + j))) << j;
    }
    for (; j < 64 && i + j < length; ++j) {
      word |= static_cast<uint64_t>(classify_byte(text[i + j])) << j;
    }
    words[i / 64] = word;
  }
}

void whitespace_bitmap(const uint8_t* text, size_t length, Whitespace kind, uint64_t* words) {
  bitmap(
      text, length, words, [kind](uint64_t w) { return whitespace_word(w, kind); },
      [kind](uint8_t byte) { return is_whitespace_candidate(byte, kind); });
}

void byte_bitmap(const uint8_t* text, size_t length, uint8_t byte, uint64_t* words) {
  const uint64_t wanted = splat(byte);
  bitmap(
      text, length, words, [wanted](uint64_t w) { return zero_bytes(w ^ wanted); },
      [byte](uint8_t other) { return other == byte; });
}

}  // namespace

const StringKernels kStringKernels = {
    find,          count,         equal,           count_code_points, ascii_prefix,
    ascii_lower,   ascii_upper,   whitespace_bitmap, byte_bitmap,
};

}  // namespace dxpy::simd::scalar
