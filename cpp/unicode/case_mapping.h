// Unicode case mapping and whitespace on generalised UTF-8, with CPython's rules.
//
// The tables behind these functions are generated at build time from the
// building interpreter's own str.lower()/str.upper()/str.isspace()
// (generate_tables.py), so they follow the Unicode version of the Python the
// module is built for, special casing ('ß'.upper() == 'SS') included.
//
// "Generalised" UTF-8: lone surrogates U+D800..U+DFFF appear as 3-byte
// sequences, as Python's "surrogatepass" error handler writes them. Malformed
// bytes never crash: each one (bad lead, truncated or overlong sequence, above
// U+10FFFF, stray continuation) is treated as a one-byte character that maps to
// itself and is neither cased, case-ignorable nor whitespace. No function reads
// outside text[0, length).
#pragma once

#include <cstddef>
#include <cstdint>

namespace dxpy::unicode {

struct DecodedCodePoint {
  uint32_t value;   // the code point (for a malformed byte: the byte itself)
  uint32_t length;  // bytes consumed, 1..4
  bool valid;       // false for a malformed byte
};

// Decodes the character at text[0]; length >= 1 is the number of readable bytes.
// A malformed byte decodes as {byte, 1, false}.
DecodedCodePoint decode_utf8(const uint8_t* text, size_t length);

// Writes code_point (<= 0x10FFFF, surrogates included) as UTF-8; returns 1..4.
size_t encode_utf8(uint32_t code_point, uint8_t* out);

// Most bytes that lower_at/upper_at write for one character (the generated
// tables are checked against it at compile time).
inline constexpr size_t kMaxMappedBytes = 16;

// Writes the lowercase of the character starting at text[offset] to out and
// returns the number of bytes written; *consumed receives the bytes read.
// CPython's final-sigma rule is applied using the whole of text[0, length) as
// context: U+03A3 becomes U+03C2 when preceded by a cased letter and not
// followed by one (case-ignorable characters skipped both ways), exactly as
// CPython's handle_capital_sigma. offset should be a character boundary; if
// offset >= length nothing is written and *consumed is 0.
size_t lower_at(const uint8_t* text, size_t length, size_t offset, uint8_t* out,
                size_t* consumed);

// As lower_at, for str.upper() (no context rules).
size_t upper_at(const uint8_t* text, size_t length, size_t offset, uint8_t* out,
                size_t* consumed);

// Run-at-a-time forms of lower_at/upper_at, for text that is mostly non-ASCII
// (one call per character costs more than CPython's whole str.lower()).
// Maps the characters from text[offset] on, writing exactly what repeated
// lower_at/upper_at calls would (final sigma still sees the whole text), and
// stops at the end of the text or at an ASCII byte that starts 8 or more ASCII
// bytes, which a vector kernel maps faster; shorter ASCII stretches (spaces,
// punctuation between words) are mapped on the way. Returns the bytes written;
// *consumed receives the bytes read, which is 0 only when offset >= length or
// text[offset] itself starts 8 ASCII bytes (so a call at a non-ASCII byte
// always makes progress).
//
// out must have room for case_mapped_capacity(length - offset) bytes, not just
// for the output: the run stores whole words of up to 8 bytes past what it
// keeps, and that bound is what keeps them inside the buffer. offset should be
// a character boundary.
size_t lower_run(const uint8_t* text, size_t length, size_t offset, uint8_t* out,
                 size_t* consumed);
size_t upper_run(const uint8_t* text, size_t length, size_t offset, uint8_t* out,
                 size_t* consumed);

// Case-maps text stored as fixed-width code units (1, 2 or 4 bytes each:
// CPython's str storage kinds) into `out`, units of the same width with room
// for 3 * count (the longest full mapping), applying the same rules as
// lower_at/upper_at (special casing, final sigma). Returns false, with `out`
// partly written, when a mapped code point does not fit the width (e.g.
// 'ÿ'.upper() in 1-byte storage): the caller then takes the UTF-8 path.
// On success *written receives the number of units written.
bool map_fixed_width(bool lower, unsigned width, const void* in, size_t count, void* out,
                     size_t* written);

// An upper bound on the bytes lower/upper of any text of input_length bytes
// can produce (from the generated tables' largest expansion ratio).
size_t case_mapped_capacity(size_t input_length);

// Byte length of the character at text[0] if str.isspace() holds for it, else 0.
// length >= 1.
size_t whitespace_length(const uint8_t* text, size_t length);

}  // namespace dxpy::unicode
