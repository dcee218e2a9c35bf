// Two 64-bit lanes in a 16-byte register, for load-compute-store loops
// (map_mul2) of the AVX2 and AVX-512 layers. Such loops are bound by memory,
// not by arithmetic, and on AMD Zen 4 they stream fastest with 16-byte
// accesses: 8 MB doubled into a new buffer takes about 185 us with 16-byte
// loads and stores, 205 us with 32-byte and 215 us with 64-byte ones (the
// same holds for aligned buffers, so it is the width, not line splits).
// Uses SSE4.2 instructions only (VEX-encoded in both builds).
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(DXPY_SIMD_EMULATED)
#include <simde/x86/sse4.2.h>
#else
#include <immintrin.h>
#endif

namespace dxpy::simd::DXPY_ISA_NAMESPACE {
namespace {

struct Int64x2 {
  static constexpr size_t kLanes = 2;
  __m128i value;

  static Int64x2 load(const int64_t* p) {
    return {_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))};
  }
  void store(int64_t* p) const { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), value); }
  Int64x2 operator^(Int64x2 other) const { return {_mm_xor_si128(value, other.value)}; }
  Int64x2 operator|(Int64x2 other) const { return {_mm_or_si128(value, other.value)}; }
  Int64x2 doubled() const { return {_mm_add_epi64(value, value)}; }
  uint32_t sign_bits() const {
    return static_cast<uint32_t>(_mm_movemask_pd(_mm_castsi128_pd(value)));
  }
};

struct Doubles2 {
  static constexpr size_t kLanes = 2;
  __m128d value;

  static Doubles2 load(const double* p) { return {_mm_loadu_pd(p)}; }
  void store(double* p) const { _mm_storeu_pd(p, value); }
  Doubles2 doubled() const { return {_mm_mul_pd(value, _mm_set1_pd(2.0))}; }
};

}  // namespace
}  // namespace dxpy::simd::DXPY_ISA_NAMESPACE
