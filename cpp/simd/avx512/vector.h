// The AVX-512 vector layer (AVX512F + AVX512BW): 64 bytes per vector, lane
// masks in opmask registers. Tails use masked loads and stores, which never
// touch the masked-off bytes. Through SIMDe (DXPY_SIMD_EMULATED), which has no
// byte-masked load/store, tails go through a stack buffer instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(DXPY_SIMD_EMULATED)
#include <simde/x86/avx512.h>
#else
#include <immintrin.h>
#endif

namespace dxpy::simd::DXPY_ISA_NAMESPACE {
namespace {

struct Lanes {
  __mmask64 value;
  Lanes operator&(Lanes other) const { return {static_cast<__mmask64>(value & other.value)}; }
  Lanes operator|(Lanes other) const { return {static_cast<__mmask64>(value | other.value)}; }
  Lanes operator~() const { return {static_cast<__mmask64>(~value)}; }
  uint64_t bits() const { return static_cast<uint64_t>(value); }
  uint64_t lane_bits() const { return bits(); }  // already one bit per lane
};

struct Bytes {
  static constexpr size_t kWidth = 64;
  static constexpr unsigned kBitsPerLane = 1;
  __m512i value;

  static Bytes load(const uint8_t* p) { return {_mm512_loadu_si512(p)}; }
  static Bytes load_partial(const uint8_t* p, size_t n) {
#if defined(DXPY_SIMD_EMULATED)
    alignas(64) uint8_t buffer[kWidth] = {};
    std::memcpy(buffer, p, n);
    return load(buffer);
#else
    return {_mm512_maskz_loadu_epi8(_bzhi_u64(~0ULL, static_cast<unsigned>(n)), p)};
#endif
  }
  static Bytes splat(uint8_t byte) { return {_mm512_set1_epi8(static_cast<char>(byte))}; }

  void store(uint8_t* p) const { _mm512_storeu_si512(p, value); }
  void store_partial(uint8_t* p, size_t n) const {
#if defined(DXPY_SIMD_EMULATED)
    alignas(64) uint8_t buffer[kWidth];
    store(buffer);
    std::memcpy(p, buffer, n);
#else
    _mm512_mask_storeu_epi8(p, _bzhi_u64(~0ULL, static_cast<unsigned>(n)), value);
#endif
  }

  Lanes operator==(Bytes other) const { return {_mm512_cmpeq_epi8_mask(value, other.value)}; }
  Lanes in_range(uint8_t lo, uint8_t hi) const {
    __m512i shifted = _mm512_sub_epi8(value, splat(lo).value);
    return {_mm512_cmple_epu8_mask(shifted, splat(static_cast<uint8_t>(hi - lo)).value)};
  }
  Lanes high_bit() const { return {_mm512_movepi8_mask(value)}; }
  Bytes xor_where(Lanes where, uint8_t bits) const {
    return {_mm512_xor_si512(value, _mm512_maskz_mov_epi8(where.value, splat(bits).value))};
  }
  bool any_high_bit() const { return _mm512_movepi8_mask(value) != 0; }
};

}  // namespace
}  // namespace dxpy::simd::DXPY_ISA_NAMESPACE

// The 16-byte control-byte group, shared by the x86 builds.
#include "simd/sse_group16.h"
