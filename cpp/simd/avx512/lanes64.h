// The AVX-512 (F) 64-bit-lane layer for the list kernels: eight int64 or
// double lanes per vector, lane masks in opmask registers; streaming loops use
// the 16-byte vectors of avx2/lanes128.h (see StreamInt64s). compress_store
// compresses in a register (vpcompressq) and stores the whole vector: the
// memory form (_mm512_mask_compressstoreu_epi64) is microcoded and far slower
// on AMD Zen 4, and the kernels keep a vector of room anyway.
//
// Through SIMDe (DXPY_SIMD_EMULATED) the same intrinsics are used; SIMDe 0.8
// lacks _mm512_cmplt_epi64_mask and _mm512_srai_epi64, so this layer uses
// only cmpgt and cmpeq (with swapped operands) and masked subtraction.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(DXPY_SIMD_EMULATED)
#include <simde/x86/avx512.h>
#else
#include <immintrin.h>
#endif

#include "simd/avx2/lanes128.h"

namespace dxpy::simd::DXPY_ISA_NAMESPACE {
namespace {

// SIMDe names the 8-bit opmask type only with its own prefix.
#if defined(DXPY_SIMD_EMULATED)
using Opmask8 = simde__mmask8;
#else
using Opmask8 = __mmask8;
#endif

// GCC folds a load into each instruction that uses the loaded value, so a
// vector used twice is read from memory twice; the kernels are bound by
// loads, and that halves the exact sum's speed. An empty asm that claims to
// change the register keeps one load per vector. (SIMDe's types are not
// registers, and its builds are not the fast path.)
inline __m512i pinned(__m512i value) {
#if !defined(DXPY_SIMD_EMULATED)
  asm("" : "+v"(value));
#endif
  return value;
}
inline __m512d pinned(__m512d value) {
#if !defined(DXPY_SIMD_EMULATED)
  asm("" : "+v"(value));
#endif
  return value;
}

struct Mask64 {
  Opmask8 value;
  uint32_t bits() const { return static_cast<uint32_t>(value); }
};

struct Int64s {
  static constexpr size_t kLanes = 8;
  __m512i value;

  static Int64s load(const int64_t* p) { return {pinned(_mm512_loadu_si512(p))}; }
  static Int64s splat(int64_t x) { return {_mm512_set1_epi64(x)}; }
  void store(int64_t* p) const { _mm512_storeu_si512(p, value); }

  Int64s operator+(Int64s other) const { return {_mm512_add_epi64(value, other.value)}; }
  Int64s operator^(Int64s other) const { return {_mm512_xor_si512(value, other.value)}; }
  Int64s operator|(Int64s other) const { return {_mm512_or_si512(value, other.value)}; }
  Mask64 operator==(Int64s other) const { return {_mm512_cmpeq_epi64_mask(value, other.value)}; }
  Mask64 operator>(Int64s other) const { return {_mm512_cmpgt_epi64_mask(value, other.value)}; }
  Int64s doubled() const { return {_mm512_add_epi64(value, value)}; }
  uint32_t sign_bits() const {
    return static_cast<uint32_t>(_mm512_cmpgt_epi64_mask(_mm512_setzero_si512(), value));
  }
  Int64s increment_where(Mask64 mask) const {
    return {_mm512_mask_sub_epi64(value, mask.value, value, _mm512_set1_epi64(-1))};
  }
};

struct Doubles {
  static constexpr size_t kLanes = 8;
  __m512d value;

  static Doubles load(const double* p) { return {pinned(_mm512_loadu_pd(p))}; }
  static Doubles splat(double x) { return {_mm512_set1_pd(x)}; }
  void store(double* p) const { _mm512_storeu_pd(p, value); }

  Doubles operator+(Doubles other) const { return {_mm512_add_pd(value, other.value)}; }
  Mask64 operator==(Doubles other) const {
    return {_mm512_cmp_pd_mask(value, other.value, _CMP_EQ_OQ)};
  }
  Mask64 operator>(Doubles other) const {
    return {_mm512_cmp_pd_mask(value, other.value, _CMP_GT_OQ)};
  }
  Doubles doubled() const { return {_mm512_mul_pd(value, _mm512_set1_pd(2.0))}; }
};

// Load-compute-store loops (map_mul2) stream best at 16 bytes (lanes128.h).
using StreamInt64s = Int64x2;
using StreamDoubles = Doubles2;

inline size_t compress_store(int64_t* out, Int64s vector, Mask64 mask) {
  _mm512_storeu_si512(out, _mm512_maskz_compress_epi64(mask.value, vector.value));
  return static_cast<size_t>(__builtin_popcount(mask.bits()));
}

inline size_t compress_store(double* out, Doubles vector, Mask64 mask) {
  _mm512_storeu_pd(out, _mm512_maskz_compress_pd(mask.value, vector.value));
  return static_cast<size_t>(__builtin_popcount(mask.bits()));
}

}  // namespace
}  // namespace dxpy::simd::DXPY_ISA_NAMESPACE
