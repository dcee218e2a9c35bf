// The NEON vector layer: 16 bytes per vector, lane masks as 0x00/0xFF bytes.
// NEON has no movemask; bits() narrows each 16-bit pair to a byte with a
// shift (shrn), giving four bits per lane in one 64-bit word, and keeps one
// of the four so that popcount and ctz still count lanes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(DXPY_SIMD_EMULATED)
#include <simde/arm/neon.h>
#else
#include <arm_neon.h>
#endif

namespace dxpy::simd::DXPY_ISA_NAMESPACE {
namespace {

struct Lanes {
  uint8x16_t value;
  Lanes operator&(Lanes other) const { return {vandq_u8(value, other.value)}; }
  Lanes operator|(Lanes other) const { return {vorrq_u8(value, other.value)}; }
  Lanes operator~() const { return {vmvnq_u8(value)}; }
  // Four bits per lane (lane k in bits 4k..4k+3); only bit 4k+3 is kept.
  uint64_t bits() const {
    uint8x8_t narrowed = vshrn_n_u16(vreinterpretq_u16_u8(value), 4);
    uint64_t word = vget_lane_u64(vreinterpret_u64_u8(narrowed), 0);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    // The two reinterprets follow memory order, so on a big-endian machine
    // (s390x under ci/cross) lane k lands in nibble 15 - k: reverse the nibbles.
    word = __builtin_bswap64(word);
    word = ((word & 0x0F0F0F0F0F0F0F0FULL) << 4) | ((word >> 4) & 0x0F0F0F0F0F0F0F0FULL);
#endif
    return word & 0x8888888888888888ULL;
  }
  // One bit per lane (lane k in bit k): the bits at 4k+3 gathered by halving
  // the gaps between neighbours four times.
  uint64_t lane_bits() const {
    uint64_t x = bits() >> 3;                           // lane k at bit 4k
    x = (x | (x >> 3)) & 0x0303030303030303ULL;         // two lanes per byte
    x = (x | (x >> 6)) & 0x000F000F000F000FULL;         // four per 16 bits
    x = (x | (x >> 12)) & 0x000000FF000000FFULL;        // eight per 32 bits
    return (x | (x >> 24)) & 0xFFFFULL;
  }
};

struct Bytes {
  static constexpr size_t kWidth = 16;
  static constexpr unsigned kBitsPerLane = 4;
  uint8x16_t value;

  static Bytes load(const uint8_t* p) { return {vld1q_u8(p)}; }
  static Bytes load_partial(const uint8_t* p, size_t n) {
    alignas(16) uint8_t buffer[kWidth] = {};
    std::memcpy(buffer, p, n);
    return load(buffer);
  }
  static Bytes splat(uint8_t byte) { return {vdupq_n_u8(byte)}; }

  void store(uint8_t* p) const { vst1q_u8(p, value); }
  void store_partial(uint8_t* p, size_t n) const {
    alignas(16) uint8_t buffer[kWidth];
    store(buffer);
    std::memcpy(p, buffer, n);
  }

  Lanes operator==(Bytes other) const { return {vceqq_u8(value, other.value)}; }
  Lanes in_range(uint8_t lo, uint8_t hi) const {
    return {vcleq_u8(vsubq_u8(value, vdupq_n_u8(lo)), vdupq_n_u8(static_cast<uint8_t>(hi - lo)))};
  }
  Lanes high_bit() const { return {vcgeq_u8(value, vdupq_n_u8(0x80))}; }
  Bytes xor_where(Lanes where, uint8_t bits) const {
    return {veorq_u8(value, vandq_u8(where.value, vdupq_n_u8(bits)))};
  }
  bool any_high_bit() const { return vmaxvq_u8(value) >= 0x80; }
};

// NEON vectors are 16 bytes already: the Swiss table's control-byte group.
using Bytes16 = Bytes;
using Lanes16 = Lanes;

}  // namespace
}  // namespace dxpy::simd::DXPY_ISA_NAMESPACE
