// The AVX2 64-bit-lane layer for the list kernels: four int64 or double lanes
// per vector, lane masks as all-ones lanes. AVX2 has no compress instruction:
// compress_store permutes the selected lanes to the front with one
// _mm256_permutevar8x32_epi32 from a 16-entry table (one entry per 4-bit
// mask), then stores the whole vector. Streaming loops use lanes128.h.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#if defined(DXPY_SIMD_EMULATED)
#include <simde/x86/avx2.h>
#else
#include <immintrin.h>
#endif

#include "simd/avx2/lanes128.h"

namespace dxpy::simd::DXPY_ISA_NAMESPACE {
namespace {

// GCC folds a load into each instruction that uses the loaded value, so a
// vector used twice is read from memory twice; the kernels are bound by
// loads, and that halves the exact sum's speed. An empty asm that claims to
// change the register keeps one load per vector. (SIMDe's types are not
// registers, and its builds are not the fast path.)
inline __m256i pinned(__m256i value) {
#if !defined(DXPY_SIMD_EMULATED)
  asm("" : "+x"(value));
#endif
  return value;
}
inline __m256d pinned(__m256d value) {
#if !defined(DXPY_SIMD_EMULATED)
  asm("" : "+x"(value));
#endif
  return value;
}

struct Mask64 {
  __m256i value;  // each lane all ones or all zeros
  uint32_t bits() const {
    return static_cast<uint32_t>(_mm256_movemask_pd(_mm256_castsi256_pd(value)));
  }
};

struct Int64s {
  static constexpr size_t kLanes = 4;
  __m256i value;

  static Int64s load(const int64_t* p) {
    return {pinned(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)))};
  }
  static Int64s splat(int64_t x) { return {_mm256_set1_epi64x(x)}; }
  void store(int64_t* p) const { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), value); }

  Int64s operator+(Int64s other) const { return {_mm256_add_epi64(value, other.value)}; }
  Int64s operator^(Int64s other) const { return {_mm256_xor_si256(value, other.value)}; }
  Int64s operator|(Int64s other) const { return {_mm256_or_si256(value, other.value)}; }
  Mask64 operator==(Int64s other) const { return {_mm256_cmpeq_epi64(value, other.value)}; }
  Mask64 operator>(Int64s other) const { return {_mm256_cmpgt_epi64(value, other.value)}; }
  Int64s doubled() const { return {_mm256_add_epi64(value, value)}; }
  uint32_t sign_bits() const {
    return static_cast<uint32_t>(_mm256_movemask_pd(_mm256_castsi256_pd(value)));
  }
  // A true lane is -1: subtracting it adds one.
  Int64s increment_where(Mask64 mask) const { return {_mm256_sub_epi64(value, mask.value)}; }
};

struct Doubles {
  static constexpr size_t kLanes = 4;
  __m256d value;

  static Doubles load(const double* p) { return {pinned(_mm256_loadu_pd(p))}; }
  static Doubles splat(double x) { return {_mm256_set1_pd(x)}; }
  void store(double* p) const { _mm256_storeu_pd(p, value); }

  Doubles operator+(Doubles other) const { return {_mm256_add_pd(value, other.value)}; }
  Mask64 operator==(Doubles other) const {
    return {_mm256_castpd_si256(_mm256_cmp_pd(value, other.value, _CMP_EQ_OQ))};
  }
  Mask64 operator>(Doubles other) const {
    return {_mm256_castpd_si256(_mm256_cmp_pd(value, other.value, _CMP_GT_OQ))};
  }
  Doubles doubled() const { return {_mm256_mul_pd(value, _mm256_set1_pd(2.0))}; }
};

// Load-compute-store loops (map_mul2) stream best at 16 bytes (lanes128.h).
using StreamInt64s = Int64x2;
using StreamDoubles = Doubles2;

// For each 4-bit mask, the 32-bit source lanes that bring the selected 64-bit
// lanes to the front, in order; the unused tail repeats lane 0.
constexpr std::array<std::array<int32_t, 8>, 16> make_compress_table() {
  std::array<std::array<int32_t, 8>, 16> table{};
  for (int mask = 0; mask < 16; ++mask) {
    int next = 0;
    for (int lane = 0; lane < 4; ++lane) {
      if ((mask >> lane) & 1) {
        table[mask][2 * next] = 2 * lane;
        table[mask][2 * next + 1] = 2 * lane + 1;
        ++next;
      }
    }
  }
  return table;
}
alignas(32) constexpr std::array<std::array<int32_t, 8>, 16> kCompressTable = make_compress_table();

inline __m256i compress(__m256i value, uint32_t bits) {
  const __m256i order =
      _mm256_load_si256(reinterpret_cast<const __m256i*>(kCompressTable[bits].data()));
  return _mm256_permutevar8x32_epi32(value, order);
}

inline size_t compress_store(int64_t* out, Int64s vector, Mask64 mask) {
  const uint32_t bits = mask.bits();
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), compress(vector.value, bits));
  return static_cast<size_t>(__builtin_popcount(bits));
}

inline size_t compress_store(double* out, Doubles vector, Mask64 mask) {
  const uint32_t bits = mask.bits();
  const __m256i packed = compress(_mm256_castpd_si256(vector.value), bits);
  _mm256_storeu_pd(out, _mm256_castsi256_pd(packed));
  return static_cast<size_t>(__builtin_popcount(bits));
}

}  // namespace
}  // namespace dxpy::simd::DXPY_ISA_NAMESPACE
