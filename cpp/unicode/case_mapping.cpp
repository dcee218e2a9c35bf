// Unicode case mapping and whitespace on generalised UTF-8 (see case_mapping.h).
//
// Every property comes from unicode_tables.inc, generated at build time by
// generate_tables.py from the building interpreter. The only hard-coded
// Unicode knowledge here is what CPython itself hard-codes: ASCII letters map
// by +-32 (checked by the generator) and the final-sigma rule for U+03A3.
#include "unicode/case_mapping.h"

#include <bit>
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

constexpr size_t encode(uint32_t code_point, uint8_t* out) {
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

// The leaf block id of a code point <= 0x10FFFF (stages 1 and 2).
constexpr uint32_t leaf_of(uint32_t code_point) {
  constexpr uint32_t kMidMask = (1u << detail::kMidShift) - 1;
  const uint32_t mid = detail::kStage1[code_point >> (detail::kLeafShift + detail::kMidShift)];
  return detail::kStage2[(mid << detail::kMidShift) |
                         ((code_point >> detail::kLeafShift) & kMidMask)];
}

// The record of a code point <= 0x10FFFF: three dependent, bounds-free loads.
constexpr const CaseRecord& record_of(uint32_t code_point) {
  constexpr uint32_t kLeafMask = (1u << detail::kLeafShift) - 1;
  return detail::kCaseRecords[detail::kStage3[(leaf_of(code_point) << detail::kLeafShift) |
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

// ---------------------------------------------------------------------------
// One character, any kind: the reference path. lower_at/upper_at are exactly
// this; the runs below use it for everything their fast paths do not cover, so
// the two can only differ where a fast path itself is wrong.

constexpr uint8_t ascii_case(uint8_t byte, bool lower) {
  if (lower) return (byte >= 'A' && byte <= 'Z') ? static_cast<uint8_t>(byte | 0x20) : byte;
  return (byte >= 'a' && byte <= 'z') ? static_cast<uint8_t>(byte & ~0x20) : byte;
}

// Maps the character at text[offset] (offset < length).
template <bool kLower>
inline size_t map_one(const uint8_t* text, size_t length, size_t offset, uint8_t* out,
                      size_t* consumed) {
  const uint8_t byte = text[offset];
  if (byte < 0x80) {
    *consumed = 1;
    out[0] = ascii_case(byte, kLower);
    return 1;
  }
  const DecodedCodePoint decoded = decode(text + offset, length - offset);
  *consumed = decoded.length;
  if (!decoded.valid) {
    out[0] = byte;
    return 1;
  }
  if (kLower && decoded.value == kCapitalSigma) {
    const bool is_final = is_final_sigma(text, length, offset, decoded.length);
    return encode(is_final ? kFinalSigma : kSmallSigma, out);
  }
  const CaseRecord& record = record_of(decoded.value);
  return kLower ? write_mapping(decoded.value, record.lower, record.flags & detail::kFlagLowerMulti,
                                out)
                : write_mapping(decoded.value, record.upper, record.flags & detail::kFlagUpperMulti,
                                out);
}

// ---------------------------------------------------------------------------
// Run tables: derived at compile time from the generated ones (so they cannot
// disagree with record_of), shaped for the run loop's fast paths.

// Flag of a two_byte entry whose mapping is two bytes long, like its input.
constexpr uint32_t kSameLength = 1u << 31;

// Distinct 64-code-point identity masks a direction may have (about 30 for
// Unicode 14); the index into them is a byte.
constexpr size_t kMaxIdentityMasks = 64;

struct RunTables {
  // Indexed by the code point of a 2-byte sequence, ((b0 & 0x1F) << 6) | (b1 & 0x3F):
  // the mapping's UTF-8 in bits 0..23 (first byte lowest), its byte count in
  // bits 24..25 and kSameLength. 0 sends the character to the slow paths: a
  // mapping of several code points or of four UTF-8 bytes, U+03A3 when
  // lowercasing (final sigma needs context), and indexes below 0x80, which only
  // the overlong, malformed leads C0/C1 produce.
  uint32_t two_byte[0x800];
  // Which 3-byte characters b0 b1 b2 map to themselves (CJK, kana, Hangul,
  // Indic scripts, most punctuation and symbols), so that they are copied
  // without a record lookup. Two forms: whole blocks of 64 code points, bit
  // (b1 & 0x3F) of identity_blocks[b0 & 0x0F], a single load that the loops
  // over CJK text test five times a step; and each code point, bit (b2 & 0x3F)
  // of identity_masks[identity_block[(b0 & 0x0F) << 6 | (b1 & 0x3F)]], for the
  // blocks in between (fullwidth punctuation shares a block with fullwidth
  // letters). Blocks share masks (almost all are all-ones or all-zeros), which
  // keeps the second form at about 1 KB instead of 8. Blocks below U+0800,
  // reached only through the overlong (malformed) E0 80..9F, are never identity.
  uint64_t identity_blocks[16];
  uint8_t identity_block[1024];
  uint64_t identity_masks[kMaxIdentityMasks];
  size_t identity_mask_count;
};

constexpr bool maps_to_itself(const CaseRecord& record, bool lower) {
  return lower ? record.lower == 0 && !(record.flags & detail::kFlagLowerMulti)
               : record.upper == 0 && !(record.flags & detail::kFlagUpperMulti);
}

constexpr RunTables make_run_tables(bool lower) {
  RunTables tables{};
  for (uint32_t code_point = 0x80; code_point < 0x800; ++code_point) {
    const CaseRecord& record = record_of(code_point);
    const bool multi = record.flags & (lower ? detail::kFlagLowerMulti : detail::kFlagUpperMulti);
    if (multi || (lower && code_point == kCapitalSigma)) continue;
    const int32_t delta = lower ? record.lower : record.upper;
    uint8_t bytes[4] = {};
    const uint32_t count = static_cast<uint32_t>(
        encode(static_cast<uint32_t>(static_cast<int32_t>(code_point) + delta), bytes));
    if (count > 3) continue;
    tables.two_byte[code_point] = uint32_t{bytes[0]} | uint32_t{bytes[1]} << 8 |
                                  uint32_t{bytes[2]} << 16 | count << 24 |
                                  (count == 2 ? kSameLength : 0u);
  }
  // Identity bits are gathered a leaf at a time (a leaf's code points share
  // one stage-3 row), which keeps the compile-time evaluation to a few
  // thousand steps; a leaf wider than a block is read code point by code point.
  constexpr uint32_t kLeafSize = 1u << detail::kLeafShift;
  constexpr size_t kLeafCount = sizeof(detail::kStage3) / sizeof(detail::kStage3[0]) / kLeafSize;
  uint64_t leaf_identity[kLeafCount] = {};
  if constexpr (kLeafSize <= 64) {
    for (size_t leaf = 0; leaf < kLeafCount; ++leaf) {
      for (uint32_t i = 0; i < kLeafSize; ++i) {
        const CaseRecord& record = detail::kCaseRecords[detail::kStage3[leaf * kLeafSize + i]];
        if (maps_to_itself(record, lower)) leaf_identity[leaf] |= uint64_t{1} << i;
      }
    }
  }
  tables.identity_mask_count = 1;  // mask 0 is all-zeros, for the overlong blocks
  for (uint32_t block = 0x800 >> 6; block < 1024; ++block) {
    const uint32_t first = block << 6;
    uint64_t mask = 0;
    if constexpr (kLeafSize <= 64) {
      for (uint32_t i = 0; i < 64; i += kLeafSize) mask |= leaf_identity[leaf_of(first + i)] << i;
    } else {
      for (uint32_t i = 0; i < 64; ++i) {
        if (maps_to_itself(record_of(first + i), lower)) mask |= uint64_t{1} << i;
      }
    }
    size_t index = 0;
    while (index < tables.identity_mask_count && tables.identity_masks[index] != mask) ++index;
    if (index == tables.identity_mask_count) {
      // Past the array: not a constant expression, so the build fails here.
      tables.identity_masks[tables.identity_mask_count++] = mask;
    }
    tables.identity_block[block] = static_cast<uint8_t>(index);
    if (mask == ~uint64_t{0}) tables.identity_blocks[block >> 6] |= uint64_t{1} << (block & 63);
  }
  return tables;
}

constexpr RunTables kLowerRunTables = make_run_tables(true);
constexpr RunTables kUpperRunTables = make_run_tables(false);
static_assert(kLowerRunTables.identity_mask_count <= kMaxIdentityMasks &&
                  kUpperRunTables.identity_mask_count <= kMaxIdentityMasks,
              "raise kMaxIdentityMasks");

// Whether the 3-byte sequence in the low three bytes of `sequence` (first byte
// lowest; already checked to be 1110xxxx 10xxxxxx 10xxxxxx) is in a block of
// 64 code points that all map to themselves.
inline bool block_maps_to_itself(const RunTables& tables, uint64_t sequence) {
  return (tables.identity_blocks[sequence & 0x0F] >> ((sequence >> 8) & 0x3F)) & 1;
}

// Whether that sequence maps to itself (a superset of the above).
inline bool maps_to_itself(const RunTables& tables, uint64_t sequence) {
  const uint32_t block = static_cast<uint32_t>((sequence & 0x0F) << 6 | ((sequence >> 8) & 0x3F));
  return (tables.identity_masks[tables.identity_block[block]] >> ((sequence >> 16) & 0x3F)) & 1;
}

// Word access in a fixed byte order: the fast paths read a sequence's bytes
// off the low end of a word, first byte lowest.
inline uint64_t load_le64(const uint8_t* bytes) {
  uint64_t word;
  std::memcpy(&word, bytes, 8);
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  return word;
}

inline void store_le64(uint8_t* bytes, uint64_t word) {
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  std::memcpy(bytes, &word, 8);
}

inline void store_le32(uint8_t* bytes, uint32_t word) {
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap32(word);
  std::memcpy(bytes, &word, 4);
}

inline void store_le16(uint8_t* bytes, uint32_t word) {
  const uint8_t pair[2] = {static_cast<uint8_t>(word), static_cast<uint8_t>(word >> 8)};
  std::memcpy(bytes, pair, 2);
}

constexpr uint64_t kEveryByte = 0x0101010101010101ull;
constexpr uint64_t kHighBits = 0x80 * kEveryByte;

// ASCII case mapping of the ASCII bytes of a word (others come back as they
// were). Per byte, on the low seven bits, so no addition carries into the next
// byte: the high bit of x + (0x80 - first) is set iff x >= first.
inline uint64_t ascii_case_word(uint64_t word, bool lower) {
  const uint64_t first = lower ? 'A' : 'a';
  const uint64_t last = lower ? 'Z' : 'z';
  const uint64_t low7 = word & (0x7F * kEveryByte);
  const uint64_t at_least_first = low7 + (0x80 - first) * kEveryByte;
  const uint64_t above_last = low7 + (0x80 - last - 1) * kEveryByte;
  const uint64_t letters = at_least_first & ~above_last & ~word & kHighBits;
  return word ^ (letters >> 2);  // 0x80 >> 2 == 0x20, the ASCII case bit
}

// Flags of the character just before text[end] when it is ASCII or a 2-byte
// sequence, else -1. A non-continuation byte always starts a character of the
// forward decode, so C2..DF followed by a continuation ending at `end` is
// exactly the character decode_before would find.
inline int64_t short_flags_before(const uint8_t* text, size_t end) {
  const uint8_t last = text[end - 1];
  if (last < 0x80) return record_of(last).flags;
  if (end >= 2 && is_continuation(last) && text[end - 2] >= 0xC2 && text[end - 2] < 0xE0) {
    return record_of((uint32_t{text[end - 2]} & 0x1F) << 6 | (last & 0x3Fu)).flags;
  }
  return -1;
}

// is_final_sigma for U+03A3 at text[at] (2 bytes, with at least two more bytes
// after it), decided from its immediate neighbours when each is ASCII or a
// 2-byte character that is not case-ignorable, as in Greek words: then each is
// the nearest non-case-ignorable character on its side. -1 when a neighbour
// needs the full scan.
inline int sigma_from_neighbours(const uint8_t* text, size_t at) {
  if (at == 0) return 0;  // nothing before it: never final
  const int64_t before = short_flags_before(text, at);
  if (before < 0 || (before & detail::kFlagCaseIgnorable)) return -1;
  if (!(before & detail::kFlagCased)) return 0;
  const uint8_t next = text[at + 2];
  int64_t after = -1;
  if (next < 0x80) {
    after = record_of(next).flags;
  } else if (next >= 0xC2 && next < 0xE0 && is_continuation(text[at + 3])) {
    after = record_of((uint32_t{next} & 0x1F) << 6 | (text[at + 3] & 0x3Fu)).flags;
  }
  if (after < 0 || (after & detail::kFlagCaseIgnorable)) return -1;
  return (after & detail::kFlagCased) ? 0 : 1;
}

// The loop behind lower_run/upper_run. Each kind of character takes its own
// branch, which is predicted as long as the script does not change: ASCII
// stretches a word at a time, 2-byte letters four at a time when the next
// eight bytes are four of them (else one), 3-byte characters that map to
// themselves five at a time in a run (CJK), any other 3-byte character with a
// one-code-point mapping straight from its record, and the reference path,
// map_one, for the rest (multi-code-point mappings, 4-byte and malformed
// sequences, U+03A3 whose neighbours leave final sigma open). Text that keeps
// changing script (words and spaces) costs a misprediction or two a word:
// making the advance data-dependent instead (no branch) measured slower, as
// each step then waits for the previous one's loads.
//
// Every fast path reads one or two 8-byte words at text[in], so they run while
// 8 (16) bytes remain, and the last few characters go through map_one. Wide
// stores (up to 8 bytes, or 16 with 16 bytes left, past the character's own
// output) stay inside `out` because the room left is at least
// ratio * (length - in): true at the start (the caller's promise of
// case_mapped_capacity(length - offset)) and kept by every character, whose
// output is at most ratio times its input (ratio being the maximum over all
// characters), so with 8 bytes of input left there are 8 bytes of room.
template <bool kLower>
size_t map_run(const uint8_t* text, size_t length, size_t offset, uint8_t* out,
               size_t* consumed) {
  constexpr const RunTables& kTables = kLower ? kLowerRunTables : kUpperRunTables;
  constexpr uint32_t kMultiFlag = kLower ? detail::kFlagLowerMulti : detail::kFlagUpperMulti;
  if (offset >= length) {
    *consumed = 0;
    return 0;
  }
  size_t in = offset;
  uint8_t* cursor = out;
  while (length - in >= 8) {
    const uint64_t word = load_le64(text + in);
    const uint32_t lead = static_cast<uint32_t>(word & 0xFF);
    if (lead < 0x80) {
      const uint64_t high = word & kHighBits;
      if (high == 0) break;  // 8+ ASCII bytes: the caller's vector kernel's job
      // A short ASCII stretch (spaces, punctuation between words): map the
      // whole word, keep the bytes before the first non-ASCII one.
      store_le64(cursor, ascii_case_word(word, kLower));
      const size_t ascii = static_cast<size_t>(std::countr_zero(high)) / 8;
      in += ascii;
      cursor += ascii;
      continue;
    }
    if ((word & 0xC0E0) == 0x80C0) {  // 110xxxxx 10xxxxxx
      if ((word & 0xC0E0C0E0C0E0C0E0ull) == 0x80C080C080C080C0ull) {
        // Four 2-byte characters (inside a Cyrillic, Greek, ... word): all
        // four indexes at once, one 11-bit index per 16-bit lane.
        const uint64_t index =
            (word & 0x001F001F001F001Full) << 6 | ((word >> 8) & 0x003F003F003F003Full);
        const uint32_t e0 = kTables.two_byte[index & 0x7FF];
        const uint32_t e1 = kTables.two_byte[(index >> 16) & 0x7FF];
        const uint32_t e2 = kTables.two_byte[(index >> 32) & 0x7FF];
        const uint32_t e3 = kTables.two_byte[(index >> 48) & 0x7FF];
        if (e0 & e1 & e2 & e3 & kSameLength) {
          store_le16(cursor, e0);
          store_le16(cursor + 2, e1);
          store_le16(cursor + 4, e2);
          store_le16(cursor + 6, e3);
          in += 8;
          cursor += 8;
          continue;
        }
      }
      const uint32_t entry = kTables.two_byte[(word & 0x1F) << 6 | ((word >> 8) & 0x3F)];
      if (entry != 0) {
        store_le32(cursor, entry);
        cursor += (entry >> 24) & 0x03;
        in += 2;
        continue;
      }
      if (kLower && (word & 0xFFFF) == 0xA3CE) {  // U+03A3, CE A3
        const int is_final = sigma_from_neighbours(text, in);
        if (is_final >= 0) {
          cursor += encode(is_final ? kFinalSigma : kSmallSigma, cursor);
          in += 2;
          continue;
        }
      }
    } else if ((word & 0xC0C0F0) == 0x8080E0) {  // 1110xxxx 10xxxxxx 10xxxxxx
      if (block_maps_to_itself(kTables, word)) {
        if ((word & 0xC0C0F0C0C0F0ull) == 0x8080E08080E0ull &&
            block_maps_to_itself(kTables, word >> 24)) {
          // Two such characters, and maybe a run of them (CJK text): then
          // five (15 bytes) a step.
          store_le64(cursor, word);
          in += 6;
          cursor += 6;
          while (length - in >= 16) {
            const uint64_t w0 = load_le64(text + in);
            const uint64_t w1 = load_le64(text + in + 8);
            if ((w0 & 0xC0F0C0C0F0C0C0F0ull) != 0x80E08080E08080E0ull ||
                (w1 & 0x00C0C0F0C0C0F0C0ull) != 0x008080E08080E080ull) {
              break;
            }
            const uint64_t w2 = w0 >> 48 | w1 << 16;  // the character at bytes 6..8
            if (!(block_maps_to_itself(kTables, w0) & block_maps_to_itself(kTables, w0 >> 24) &
                  block_maps_to_itself(kTables, w2) & block_maps_to_itself(kTables, w1 >> 8) &
                  block_maps_to_itself(kTables, w1 >> 32))) {
              break;
            }
            store_le64(cursor, w0);
            store_le64(cursor + 8, w1);
            in += 15;
            cursor += 15;
          }
          continue;
        }
        store_le32(cursor, static_cast<uint32_t>(word));
        in += 3;
        cursor += 3;
        continue;
      }
      if (maps_to_itself(kTables, word)) {
        store_le32(cursor, static_cast<uint32_t>(word));
        in += 3;
        cursor += 3;
        continue;
      }
      const uint32_t code_point = (lead & 0x0F) << 12 |
                                  (static_cast<uint32_t>(word >> 8) & 0x3F) << 6 |
                                  (static_cast<uint32_t>(word >> 16) & 0x3F);
      // Below U+0800 the sequence is overlong (malformed): map_one decides.
      if (code_point >= 0x800) {
        const CaseRecord& record = record_of(code_point);
        if (!(record.flags & kMultiFlag)) {
          const int32_t delta = kLower ? record.lower : record.upper;
          cursor += encode(static_cast<uint32_t>(static_cast<int32_t>(code_point) + delta), cursor);
          in += 3;
          continue;
        }
      }
    }
    size_t step = 0;
    cursor += map_one<kLower>(text, length, in, cursor, &step);
    in += step;
  }
  // The last few bytes (a break above leaves 8 or more, and ends the run).
  while (in < length && length - in < 8) {
    size_t step = 0;
    cursor += map_one<kLower>(text, length, in, cursor, &step);
    in += step;
  }
  *consumed = in - offset;
  return static_cast<size_t>(cursor - out);
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
  return map_one<true>(text, length, offset, out, consumed);
}

size_t upper_at(const uint8_t* text, size_t length, size_t offset, uint8_t* out,
                size_t* consumed) {
  if (offset >= length) {
    *consumed = 0;
    return 0;
  }
  return map_one<false>(text, length, offset, out, consumed);
}

size_t lower_run(const uint8_t* text, size_t length, size_t offset, uint8_t* out,
                 size_t* consumed) {
  return map_run<true>(text, length, offset, out, consumed);
}

size_t upper_run(const uint8_t* text, size_t length, size_t offset, uint8_t* out,
                 size_t* consumed) {
  return map_run<false>(text, length, offset, out, consumed);
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

namespace dxpy::unicode {
namespace {

// The final-sigma rule of is_final_sigma, over code points instead of UTF-8.
template <typename Unit>
bool is_final_sigma_in(const Unit* text, size_t count, size_t at) {
  uint32_t flags = 0;
  size_t before = at;
  do {
    if (before == 0) return false;
    flags = record_of(text[--before]).flags;
  } while (flags & detail::kFlagCaseIgnorable);
  if (!(flags & detail::kFlagCased)) return false;
  for (size_t after = at + 1; after < count; ++after) {
    flags = record_of(text[after]).flags;
    if (!(flags & detail::kFlagCaseIgnorable)) return !(flags & detail::kFlagCased);
  }
  return true;
}

// Maps code units into `out` (room for 3 per input unit, the longest full
// mapping); false if an output code point does not fit the width.
template <typename Unit>
bool map_units(bool lower, const Unit* in, size_t count, Unit* out, size_t* written) {
  constexpr uint32_t kWidest = sizeof(Unit) == 1 ? 0xFF : sizeof(Unit) == 2 ? 0xFFFF : 0x10FFFF;
  const uint8_t multi = lower ? detail::kFlagLowerMulti : detail::kFlagUpperMulti;
  size_t o = 0;
  for (size_t i = 0; i < count; ++i) {
    const uint32_t code_point = in[i];
    if (code_point > 0x10FFFF) return false;
    const CaseRecord& record = record_of(code_point);
    const int32_t field = lower ? record.lower : record.upper;
    if (record.flags & multi) {
      // The pool holds the mapping as UTF-8: decode it back to code points.
      const uint32_t packed = static_cast<uint32_t>(field);
      const uint32_t bytes = packed & ((1u << detail::kPoolShift) - 1);
      const uint8_t* pool = detail::kMultiPool + (packed >> detail::kPoolShift);
      for (uint32_t p = 0; p < bytes;) {
        const DecodedCodePoint piece = decode(pool + p, bytes - p);
        if (piece.value > kWidest) return false;
        out[o++] = static_cast<Unit>(piece.value);
        p += piece.length;
      }
      continue;
    }
    uint32_t mapped = static_cast<uint32_t>(static_cast<int32_t>(code_point) + field);
    if (lower && code_point == kCapitalSigma && is_final_sigma_in(in, count, i)) {
      mapped = kFinalSigma;
    }
    if (mapped > kWidest) return false;
    out[o++] = static_cast<Unit>(mapped);
  }
  *written = o;
  return true;
}

}  // namespace

bool map_fixed_width(bool lower, unsigned width, const void* in, size_t count, void* out,
                     size_t* written) {
  switch (width) {
    case 1:
      return map_units(lower, static_cast<const uint8_t*>(in), count, static_cast<uint8_t*>(out),
                       written);
    case 2:
      return map_units(lower, static_cast<const uint16_t*>(in), count,
                       static_cast<uint16_t*>(out), written);
    case 4:
      return map_units(lower, static_cast<const uint32_t*>(in), count,
                       static_cast<uint32_t*>(out), written);
    default:
      return false;
  }
}

}  // namespace dxpy::unicode
