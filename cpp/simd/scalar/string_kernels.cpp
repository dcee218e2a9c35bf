// The scalar engine: plain loops, one byte at a time. It is the reference the
// vector engines are held to, so it favours the obviously correct over the
// clever; the standard library's memchr/memcmp are the only shortcuts.
#include <cstring>

#include "simd/scalar/string_kernels.h"

namespace dxpy::simd::scalar {
namespace {

int64_t find(const uint8_t* haystack, size_t haystack_length, const uint8_t* needle,
             size_t needle_length) {
  if (needle_length == 0) return 0;
  if (needle_length > haystack_length) return -1;
  for (size_t i = 0; i + needle_length <= haystack_length; ++i) {
    if (haystack[i] == needle[0] && std::memcmp(haystack + i, needle, needle_length) == 0) {
      return static_cast<int64_t>(i);
    }
  }
  return -1;
}

size_t count(const uint8_t* haystack, size_t haystack_length, const uint8_t* needle,
             size_t needle_length, size_t limit) {
  if (needle_length == 0) return 0;
  size_t total = 0;
  size_t i = 0;
  while (total < limit && i + needle_length <= haystack_length) {
    if (std::memcmp(haystack + i, needle, needle_length) == 0) {
      ++total;
      i += needle_length;
    } else {
      ++i;
    }
  }
  return total;
}

bool equal(const uint8_t* a, const uint8_t* b, size_t length) {
  for (size_t i = 0; i < length; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

bool is_continuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

size_t count_code_points(const uint8_t* text, size_t length) {
  size_t total = 0;
  for (size_t i = 0; i < length; ++i) total += is_continuation(text[i]) ? 0 : 1;
  return total;
}

size_t ascii_prefix(const uint8_t* text, size_t length) {
  size_t i = 0;
  while (i < length && text[i] < 0x80) ++i;
  return i;
}

void ascii_lower(const uint8_t* source, uint8_t* destination, size_t length) {
  for (size_t i = 0; i < length; ++i) {
    const uint8_t byte = source[i];
    destination[i] = (byte >= 'A' && byte <= 'Z') ? static_cast<uint8_t>(byte + 32) : byte;
  }
}

void ascii_upper(const uint8_t* source, uint8_t* destination, size_t length) {
  for (size_t i = 0; i < length; ++i) {
    const uint8_t byte = source[i];
    destination[i] = (byte >= 'a' && byte <= 'z') ? static_cast<uint8_t>(byte - 32) : byte;
  }
}

bool is_ascii_whitespace(uint8_t byte, Whitespace kind) {
  if (byte == ' ' || (byte >= '\t' && byte <= '\r')) return true;
  return kind == Whitespace::kUnicode && byte >= 0x1C && byte <= 0x1F;
}

// Lead bytes of the multi-byte whitespace characters (U+0085, U+00A0: 0xC2;
// U+1680, U+2000..U+205F, U+3000: 0xE1..0xE3).
bool is_whitespace_lead(uint8_t byte) { return byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3); }

void whitespace_bitmap(const uint8_t* text, size_t length, Whitespace kind, uint64_t* bitmap) {
  for (size_t word = 0; word * 64 < length; ++word) bitmap[word] = 0;
  for (size_t i = 0; i < length; ++i) {
    const bool candidate = is_ascii_whitespace(text[i], kind) ||
                           (kind == Whitespace::kUnicode && is_whitespace_lead(text[i]));
    if (candidate) bitmap[i / 64] |= 1ULL << (i % 64);
  }
}

void byte_bitmap(const uint8_t* text, size_t length, uint8_t byte, uint64_t* bitmap) {
  for (size_t word = 0; word * 64 < length; ++word) bitmap[word] = 0;
  for (size_t i = 0; i < length; ++i) {
    if (text[i] == byte) bitmap[i / 64] |= 1ULL << (i % 64);
  }
}

}  // namespace

const StringKernels kStringKernels = {
    find,          count,         equal,           count_code_points, ascii_prefix,
    ascii_lower,   ascii_upper,   whitespace_bitmap, byte_bitmap,
};

}  // namespace dxpy::simd::scalar
