// The byte-level primitives every string engine provides.
//
// Each engine (scalar, avx2, avx512, neon, and the SIMDe-emulated builds) fills
// one StringKernels table from its own translation unit, compiled with that
// instruction set's flags. Everything above this table (cpp/strings/) is
// written once and calls through it, so the only code that differs between
// engines is what differs between instruction sets.
//
// Contract shared by every kernel:
//  * Inputs are (pointer, length) pairs; a kernel never reads or writes outside
//    them, whatever the alignment of the pointers. A null pointer is allowed when
//    the length is zero.
//  * Text is raw bytes. Kernels that know about UTF-8 accept "generalised"
//    UTF-8 (lone surrogates encoded as 3-byte sequences, as Python's
//    surrogatepass produces) and never crash on malformed bytes.
//  * Kernels do not allocate, throw or call back into the runtime, except
//    through the dxpy::unicode functions named below.
#pragma once

#include <cstddef>
#include <cstdint>

namespace dxpy::simd {

// Which bytes count as whitespace for split() without a separator.
enum class Whitespace : uint8_t {
  kBytes,    // bytes.split(): ASCII \t \n \v \f \r and space
  kUnicode,  // str.split() on UTF-8: every code point for which str.isspace()
};

struct StringKernels {
  // Offset of the first occurrence of needle in haystack, or -1.
  // An empty needle is found at 0.
  int64_t (*find)(const uint8_t* haystack, size_t haystack_length,
                  const uint8_t* needle, size_t needle_length);

  // Non-overlapping occurrences of a non-empty needle, scanning left to right,
  // stopping once `limit` have been counted.
  size_t (*count)(const uint8_t* haystack, size_t haystack_length,
                  const uint8_t* needle, size_t needle_length, size_t limit);

  bool (*equal)(const uint8_t* a, const uint8_t* b, size_t length);

  // Number of UTF-8 code points: bytes that are not continuation bytes
  // (0x80..0xBF). Turns a byte offset into a str index.
  size_t (*count_code_points)(const uint8_t* text, size_t length);

  // Length of the leading run of ASCII bytes (< 0x80).
  size_t (*ascii_prefix)(const uint8_t* text, size_t length);

  // ASCII case mapping, byte for byte: only A-Z / a-z change, every other byte
  // (non-ASCII included) is copied. source == destination is allowed.
  void (*ascii_lower)(const uint8_t* source, uint8_t* destination, size_t length);
  void (*ascii_upper)(const uint8_t* source, uint8_t* destination, size_t length);

  // Bitmaps, one bit per byte (byte i -> bit i % 64 of word i / 64), for
  // ceil(length / 64) words; bits past `length` are zero. whitespace_bitmap
  // marks whitespace candidates: ASCII whitespace of the kind and, for
  // kUnicode, the lead bytes of every multi-byte whitespace character (0xC2,
  // 0xE1..0xE3), which the caller confirms with unicode::whitespace_length.
  // byte_bitmap marks bytes equal to `byte`.
  void (*whitespace_bitmap)(const uint8_t* text, size_t length, Whitespace kind,
                            uint64_t* bitmap);
  void (*byte_bitmap)(const uint8_t* text, size_t length, uint8_t byte, uint64_t* bitmap);
};

}  // namespace dxpy::simd
