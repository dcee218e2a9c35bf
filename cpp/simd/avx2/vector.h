// The AVX2 vector layer: 32 bytes per vector, lane masks as 0x00/0xFF bytes.
// Compiled natively with -mavx2, or through SIMDe (DXPY_SIMD_EMULATED) on
// machines that cannot run AVX2.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(DXPY_SIMD_EMULATED)
#include <simde/x86/avx2.h>
#else
#include <immintrin.h>
#endif

namespace dxpy::simd::DXPY_ISA_NAMESPACE {
namespace {

// Per-lane booleans from a comparison.
struct Lanes {
  __m256i value;
  Lanes operator&(Lanes other) const { return {_mm256_and_si256(value, other.value)}; }
  Lanes operator|(Lanes other) const { return {_mm256_or_si256(value, other.value)}; }
  Lanes operator~() const { return {_mm256_xor_si256(value, _mm256_set1_epi8(-1))}; }
  // One bit per lane, lane 0 in bit 0.
  uint64_t bits() const { return static_cast<uint32_t>(_mm256_movemask_epi8(value)); }
  uint64_t lane_bits() const { return bits(); }  // already one bit per lane
};

struct Bytes {
  static constexpr size_t kWidth = 32;
  static constexpr unsigned kBitsPerLane = 1;
  __m256i value;

  static Bytes load(const uint8_t* p) {
    return {_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p))};
  }
  // Loads n < kWidth bytes; the other lanes are zero. Reads nothing past p + n.
  static Bytes load_partial(const uint8_t* p, size_t n) {
    alignas(32) uint8_t buffer[kWidth] = {};
    std::memcpy(buffer, p, n);
    return load(buffer);
  }
  static Bytes splat(uint8_t byte) { return {_mm256_set1_epi8(static_cast<char>(byte))}; }

  void store(uint8_t* p) const { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), value); }
  void store_partial(uint8_t* p, size_t n) const {
    alignas(32) uint8_t buffer[kWidth];
    store(buffer);
    std::memcpy(p, buffer, n);
  }

  Lanes operator==(Bytes other) const { return {_mm256_cmpeq_epi8(value, other.value)}; }
  // lo <= byte <= hi, unsigned.
  Lanes in_range(uint8_t lo, uint8_t hi) const {
    __m256i shifted = _mm256_sub_epi8(value, splat(lo).value);
    __m256i span = splat(static_cast<uint8_t>(hi - lo)).value;
    return {_mm256_cmpeq_epi8(_mm256_min_epu8(shifted, span), shifted)};
  }
  // byte >= 0x80
  Lanes high_bit() const { return {_mm256_cmpgt_epi8(_mm256_setzero_si256(), value)}; }
  Bytes xor_where(Lanes where, uint8_t bits) const {
    return {_mm256_xor_si256(value, _mm256_and_si256(where.value, splat(bits).value))};
  }
  bool any_high_bit() const { return _mm256_movemask_epi8(value) != 0; }
};

}  // namespace
}  // namespace dxpy::simd::DXPY_ISA_NAMESPACE

// The 16-byte control-byte group, shared by the x86 builds.
#include "simd/sse_group16.h"
