// The scalar engine's Swiss-table group: portable SWAR over two 64-bit words,
// with the generic probing loops on top. No vector instructions; the result
// of every question is the same 16-bit slot mask the SIMD groups give.
#include <bit>
#include <cstdint>
#include <cstring>

#define DXPY_ISA_NAMESPACE scalar
#include "collections/generic/slot_mask.h"
#include "collections/group_kernels.h"

namespace dxpy::simd::scalar {
namespace {

constexpr uint64_t kEveryByte = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;
constexpr uint64_t kLowBits = 0x7F7F7F7F7F7F7F7FULL;

// Byte i of p in bits 8i..8i+7 on any byte order, so slot numbers do not
// depend on the machine.
inline uint64_t load_little_endian(const uint8_t* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  return word;
}

// 0x80 in exactly the bytes of `word` that are zero. The classic
// (w - 0x01..) & ~w & 0x80.. lets a borrow mark a 0x01 byte above a zero
// byte; here (b & 0x7F) + 0x7F sets the high bit iff a low bit of b is set
// and never carries into the next byte, so there are no false positives.
inline uint64_t zero_bytes(uint64_t word) {
  return ~(((word & kLowBits) + kLowBits) | word) & kHighBits;
}

// The high bits of the 8 bytes (bit 8i + 7) gathered into bits 0..7: after
// the shift, bit 8i times 2^(56 - 7i) lands on bit 56 + i, and no two
// partial products share a bit, so nothing carries.
inline uint64_t gather_high_bits(uint64_t high_bits) {
  return ((high_bits >> 7) * 0x0102040810204080ULL) >> 56;
}

struct Group {
  using Mask = SlotMask<0>;
  uint64_t low;   // slots 0..7
  uint64_t high;  // slots 8..15

  static Group load(const uint8_t* p) { return {load_little_endian(p), load_little_endian(p + 8)}; }

  static Mask slots(uint64_t low_bits, uint64_t high_bits) {
    return Mask{gather_high_bits(low_bits) | gather_high_bits(high_bits) << 8};
  }
  Mask match(uint8_t h2) const {
    const uint64_t pattern = kEveryByte * h2;
    return slots(zero_bytes(low ^ pattern), zero_bytes(high ^ pattern));
  }
  Mask match_empty() const {
    const uint64_t pattern = kEveryByte * collections::kEmpty;
    return slots(zero_bytes(low ^ pattern), zero_bytes(high ^ pattern));
  }
  Mask match_empty_or_deleted() const { return slots(low & kHighBits, high & kHighBits); }
};

}  // namespace
}  // namespace dxpy::simd::scalar

#include "collections/generic/group_kernels.h"
