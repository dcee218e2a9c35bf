// Unicode case mapping and whitespace on generalised UTF-8 (see case_mapping.h).
//
// Every property comes from unicode_tables.inc, generated at build time by
// generate_tables.py from the building interpreter. The only hard-coded
// Unicode knowledge here is what CPython itself hard-codes: ASCII letters map
// by +-32 (checked by the generator) and the final-sigma rule for U+03A3.
#include "unicode/case_mapping.h"

#include <cstring>

namespace dxpy::unicode {
namespace detail {
#include "unicode_tables.inc"

static_assert(kLongestMappingBytes <= kMaxMappedBytes,
              "a generated mapping is longer than kMaxMappedBytes");
static_assert(kExpansionNumerator >= kExpansionDenominator && kExpansionDenominator > 0,
              "the expansion ratio must be at least 1");
static_assert(sizeof(kStage1) / sizeof(kStage1[0]) == (0x110000u >> (kLeafShift + kMidShift)),
              "stage 1 must cover every code point");
}  // namespace detail

namespace {

using detail::CaseRecord;

constexpr uint32_t kCapitalSigma = 0x03A3;
constexpr uint32_t kSmallSigma = 0x03C3;
constexpr uint32_t kFinalSigma = 0x03C2;

inline bool is_continuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

// decode_utf8 and encode_utf8, inlined into the callers below.
inline DecodedCodePoint decode(const uint8_t* text, size_t length) {
  const uint8_t b0 = text[0];
  if (b0 < 0x80) return {b0, 1, true};
  if (b0 >= 0xC2 && b0 < 0xE0 && length >= 2 && is_continuation(text[1])) {
    return {(uint32_t{b0} & 0x1F) << 6 | (text[1] & 0x3Fu), 2, true};  // common 2-byte case
  }
  const DecodedCodePoint malformed{b0, 1, false};
  size_t need;
  uint8_t second_min = 0x80;
  uint8_t second_max = 0xBF;
  uint32_t value;
  if (b0 < 0xC2) {
    return malformed;  // stray continuation byte, or overlong C0/C1 lead
  } else if (b0 < 0xE0) {
    need = 2;
    value = b0 & 0x1F;
  } else if (b0 < 0xF0) {
    need = 3;
    value = b0 & 0x0F;
    if (b0 == 0xE0) second_min = 0xA0;  // overlong; ED A0..BF (surrogates) is allowed
  } else if (b0 < 0xF5) {
    need = 4;
    value = b0 & 0x07;
    if (b0 == 0xF0) second_min = 0x90;  // overlong
    if (b0 == 0xF4) second_max = 0x8F;  // above U+10FFFF
  } else {
    return malformed;
  }
  if (length < need) return malformed;
  if (text[1] < second_min || text[1] > second_max) return malformed;
  value = (value << 6) | (text[1] & 0x3F);
  for (size_t i = 2; i < need; ++i) {
    if (!is_continuation(text[i])) return malformed;
    value = (value << 6) | (text[i] & 0x3F);
  }
  return {value, static_cast<uint32_t>(need), true};
}

inline size_t encode(uint32_t code_point, uint8_t* out) {
  if (code_point < 0x80) {
    out[0] = static_cast<uint8_t>(code_point);
    return 1;
  }
  if (code_point < 0x800) {
    out[0] = static_cast<uint8_t>(0xC0 | (code_point >> 6));
    out[1] = static_cast<uint8_t>(0x80 | (code_point & 0x3F));
    return 2;
  }
  if (code_point < 0x10000) {
    out[0] = static_cast<uint8_t>(0xE0 | (code_point >> 12));
    out[1] = static_cast<uint8_t>(0x80 | ((code_point >> 6) & 0x3F));
    out[2] = static_cast<uint8_t>(0x80 | (code_point & 0x3F));
    return 3;
  }
  out[0] = static_cast<uint8_t>(0xF0 | ((code_point >> 18) & 0x07));
  out[1] = static_cast<uint8_t>(0x80 | ((code_point >> 12) & 0x3F));
  out[2] = static_cast<uint8_t>(0x80 | ((code_point >> 6) & 0x3F));
  out[3] = static_cast<uint8_t>(0x80 | (code_point & 0x3F));
  return 4;
}

// The record of a code point <= 0x10FFFF: three dependent, bounds-free loads.
inline const CaseRecord& record_of(uint32_t code_point) {
  constexpr uint32_t kLeafMask = (1u << detail::kLeafShift) - 1;
  constexpr uint32_t kMidMask = (1u << detail::kMidShift) - 1;
  const uint32_t mid = detail::kStage1[code_point >> (detail::kLeafShift + detail::kMidShift)];
  const uint32_t leaf =
      detail::kStage2[(mid << detail::kMidShift) | ((code_point >> detail::kLeafShift) & kMidMask)];
  return detail::kCaseRecords[detail::kStage3[(leaf << detail::kLeafShift) |
                                              (code_point & kLeafMask)]];
}

// Flag bits of a decoded character; malformed bytes have none.
inline uint32_t flags_of(const DecodedCodePoint& decoded) {
  return decoded.valid ? record_of(decoded.value).flags : 0u;
}

// Writes the mapping `field` (delta or pool reference, per `multi`) of code_point.
inline size_t write_mapping(uint32_t code_point, int32_t field, bool multi, uint8_t* out) {
  if (multi) {
    const uint32_t packed = static_cast<uint32_t>(field);
    const uint32_t count = packed & ((1u << detail::kPoolShift) - 1);
    std::memcpy(out, detail::kMultiPool + (packed >> detail::kPoolShift), count);
    return count;
  }
  return encode(static_cast<uint32_t>(static_cast<int32_t>(code_point) + field), out);
}

// The character ending just before text[end] (end > 0), decoded the way a forward scan
// from text[0] would have split it, provided `end` is a character boundary of
// that scan. Reads only text[end - 4, end), never before text[0].
inline DecodedCodePoint decode_before(const uint8_t* text, size_t end) {
  if (!is_continuation(text[end - 1])) {
    // ASCII, or a lead byte whose sequence would run past `end`: one byte.
    return decode(text + end - 1, 1);
  }
  // Look back over up to three continuation bytes for the lead byte.
  size_t back = 1;
  while (back < 4 && back < end && is_continuation(text[end - 1 - back])) ++back;
  if (back < 4 && back < end) {
    const size_t start = end - 1 - back;
    const DecodedCodePoint lead = decode(text + start, back + 1);
    if (lead.valid && lead.length == back + 1) return lead;
  }
  // A stray continuation byte is a malformed one-byte character.
  return decode(text + end - 1, 1);
}

// CPython's handle_capital_sigma (Objects/unicodeobject.c): U+03A3 at offset
// (of `sigma_length` bytes) is final when the nearest non-case-ignorable
// character before it exists and is cased, and the nearest one after it does
// not exist or is not cased.
bool is_final_sigma(const uint8_t* text, size_t length, size_t offset, size_t sigma_length) {
  uint32_t flags = 0;
  bool found = false;
  for (size_t end = offset; end > 0;) {
    const DecodedCodePoint before = decode_before(text, end);
    flags = flags_of(before);
    if (!(flags & detail::kFlagCaseIgnorable)) {
      found = true;
      break;
    }
    end -= before.length;
  }
  if (!found || !(flags & detail::kFlagCased)) return false;
  for (size_t pos = offset + sigma_length; pos < length;) {
    const DecodedCodePoint after = decode(text + pos, length - pos);
    flags = flags_of(after);
    if (!(flags & detail::kFlagCaseIgnorable)) return !(flags & detail::kFlagCased);
    pos += after.length;
  }
  return true;
}

}  // namespace

DecodedCodePoint decode_utf8(const uint8_t* text, size_t length) { return decode(text, length); }

size_t encode_utf8(uint32_t code_point, uint8_t* out) { return encode(code_point, out); }

size_t lower_at(const uint8_t* text, size_t length, size_t offset, uint8_t* out,
                size_t* consumed) {
  if (offset >= length) {
    *consumed = 0;
    return 0;
  }
  const uint8_t byte = text[offset];
  if (byte < 0x80) {
    *consumed = 1;
    out[0] = (byte >= 'A' && byte <= 'Z') ? static_cast<uint8_t>(byte | 0x20) : byte;
    return 1;
  }
  const DecodedCodePoint decoded = decode(text + offset, length - offset);
  *consumed = decoded.length;
  if (!decoded.valid) {
    out[0] = byte;
    return 1;
  }
  if (decoded.value == kCapitalSigma) {
    const bool is_final = is_final_sigma(text, length, offset, decoded.length);
    return encode(is_final ? kFinalSigma : kSmallSigma, out);
  }
  const CaseRecord& record = record_of(decoded.value);
  return write_mapping(decoded.value, record.lower, record.flags & detail::kFlagLowerMulti, out);
}

size_t upper_at(const uint8_t* text, size_t length, size_t offset, uint8_t* out,
                size_t* consumed) {
  if (offset >= length) {
    *consumed = 0;
    return 0;
  }
  const uint8_t byte = text[offset];
  if (byte < 0x80) {
    *consumed = 1;
    out[0] = (byte >= 'a' && byte <= 'z') ? static_cast<uint8_t>(byte & ~0x20) : byte;
    return 1;
  }
  const DecodedCodePoint decoded = decode(text + offset, length - offset);
  *consumed = decoded.length;
  if (!decoded.valid) {
    out[0] = byte;
    return 1;
  }
  const CaseRecord& record = record_of(decoded.value);
  return write_mapping(decoded.value, record.upper, record.flags & detail::kFlagUpperMulti, out);
}

size_t case_mapped_capacity(size_t input_length) {
  // ceil(input_length * ratio), computed without overflowing the product.
  constexpr size_t kNum = detail::kExpansionNumerator;
  constexpr size_t kDen = detail::kExpansionDenominator;
  return (input_length / kDen) * kNum + ((input_length % kDen) * kNum + kDen - 1) / kDen;
}

size_t whitespace_length(const uint8_t* text, size_t length) {
  const uint8_t byte = text[0];
  if (byte < 0x80) return (detail::kAsciiWhitespace[byte >> 6] >> (byte & 63)) & 1u;
  const DecodedCodePoint decoded = decode(text, length);
  return (flags_of(decoded) & detail::kFlagWhitespace) ? decoded.length : 0;
}

}  // namespace dxpy::unicode
