// The NEON 64-bit-lane layer for the list kernels: two int64 or double lanes
// per vector, lane masks as all-ones lanes (AArch64 has 64-bit compares).
// With two lanes, compress is a store plus, for the mask "lane 1 only", one
// lane moved to the front.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(DXPY_SIMD_EMULATED)
#include <simde/arm/neon.h>
#else
#include <arm_neon.h>
#endif

namespace dxpy::simd::DXPY_ISA_NAMESPACE {
namespace {

struct Mask64 {
  uint64x2_t value;  // each lane all ones or all zeros
  uint32_t bits() const {
    return static_cast<uint32_t>((vgetq_lane_u64(value, 0) & 1) | (vgetq_lane_u64(value, 1) & 2));
  }
};

struct Int64s {
  static constexpr size_t kLanes = 2;
  int64x2_t value;

  static Int64s load(const int64_t* p) { return {vld1q_s64(p)}; }
  static Int64s splat(int64_t x) { return {vdupq_n_s64(x)}; }
  void store(int64_t* p) const { vst1q_s64(p, value); }

  Int64s operator+(Int64s other) const { return {vaddq_s64(value, other.value)}; }
  Int64s operator^(Int64s other) const { return {veorq_s64(value, other.value)}; }
  Int64s operator|(Int64s other) const { return {vorrq_s64(value, other.value)}; }
  Mask64 operator==(Int64s other) const { return {vceqq_s64(value, other.value)}; }
  Mask64 operator>(Int64s other) const { return {vcgtq_s64(value, other.value)}; }
  Int64s doubled() const { return {vaddq_s64(value, value)}; }
  uint32_t sign_bits() const {
    const uint64x2_t signs = vshrq_n_u64(vreinterpretq_u64_s64(value), 63);
    return static_cast<uint32_t>(vgetq_lane_u64(signs, 0) | (vgetq_lane_u64(signs, 1) << 1));
  }
  // A true lane is -1: subtracting it adds one.
  Int64s increment_where(Mask64 mask) const {
    return {vsubq_s64(value, vreinterpretq_s64_u64(mask.value))};
  }
};

struct Doubles {
  static constexpr size_t kLanes = 2;
  float64x2_t value;

  static Doubles load(const double* p) { return {vld1q_f64(p)}; }
  static Doubles splat(double x) { return {vdupq_n_f64(x)}; }
  void store(double* p) const { vst1q_f64(p, value); }

  Doubles operator+(Doubles other) const { return {vaddq_f64(value, other.value)}; }
  Mask64 operator==(Doubles other) const { return {vceqq_f64(value, other.value)}; }
  Mask64 operator>(Doubles other) const { return {vcgtq_f64(value, other.value)}; }
  Doubles doubled() const { return {vmulq_n_f64(value, 2.0)}; }
};

// Load-compute-store loops (map_mul2) use the same vectors.
using StreamInt64s = Int64s;
using StreamDoubles = Doubles;

inline size_t compress_store(int64_t* out, Int64s vector, Mask64 mask) {
  const uint32_t bits = mask.bits();
  vst1q_s64(out, vector.value);
  if (bits == 2) out[0] = vgetq_lane_s64(vector.value, 1);
  return static_cast<size_t>(__builtin_popcount(bits));
}

inline size_t compress_store(double* out, Doubles vector, Mask64 mask) {
  const uint32_t bits = mask.bits();
  vst1q_f64(out, vector.value);
  if (bits == 2) out[0] = vgetq_lane_f64(vector.value, 1);
  return static_cast<size_t>(__builtin_popcount(bits));
}

}  // namespace
}  // namespace dxpy::simd::DXPY_ISA_NAMESPACE
