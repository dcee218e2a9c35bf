// The 16-byte group vector of the x86 engine builds (avx2, avx512), included at
// the end of their vector.h, after the intrinsics headers (native or SIMDe).
#pragma once

#include <cstddef>
#include <cstdint>

namespace dxpy::simd::DXPY_ISA_NAMESPACE {
namespace {

// A 16-byte vector in an SSE register (VEX-encoded in these builds): the width
// of a Swiss table's control-byte group, which is 16 on every engine so that
// all engines probe the same slots in the same order.
struct Lanes16 {
  __m128i value;
  uint64_t bits() const { return static_cast<uint32_t>(_mm_movemask_epi8(value)); }
};

struct Bytes16 {
  static constexpr size_t kWidth = 16;
  static constexpr unsigned kBitsPerLane = 1;
  __m128i value;

  static Bytes16 load(const uint8_t* p) {
    return {_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))};
  }
  static Bytes16 splat(uint8_t byte) { return {_mm_set1_epi8(static_cast<char>(byte))}; }
  Lanes16 operator==(Bytes16 other) const { return {_mm_cmpeq_epi8(value, other.value)}; }
  // byte >= 0x80
  Lanes16 high_bit() const { return {_mm_cmpgt_epi8(_mm_setzero_si128(), value)}; }
};

}  // namespace
}  // namespace dxpy::simd::DXPY_ISA_NAMESPACE
