// The list kernels, written once against a 64-bit-lane vector layer.
//
// Included by each engine's collections/<isa>/list_kernels.cpp after its
// simd/<isa>/lanes64.h, inside that engine's namespace, so this code is
// compiled once per instruction set with that set's flags. Everything here has
// internal linkage except the kernel table (see simd/README.md: no function
// compiled with AVX flags may be picked by the linker for another unit).
//
// The vector layer provides, with kLanes lanes of 64 bits:
//   Mask64    per-lane booleans; bits() has lane k at bit k, no other bits
//   Int64s    load, store, splat, +, ^, |, == and > (signed) giving a Mask64,
//             doubled() (x + x, wrapping), sign_bits(), increment_where(mask)
//   Doubles   load, store, splat, +, == and > (ordered: false on NaN),
//             doubled() (x * 2.0)
//   compress_store(out, vector, mask): the selected lanes to out[0..k) in
//             order, returning k; it may write scratch values up to
//             out[kLanes - 1], so callers keep kLanes slots of room.
//   StreamInt64s, StreamDoubles: the vectors of load-compute-store loops
//             (the same types, or narrower where wide stores stream worse).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "collections/float_sum_order.h"
#include "collections/list_kernels.h"

namespace dxpy::simd::DXPY_ISA_NAMESPACE {
namespace {

using collections::ExactSum;
using collections::kFloatSumAccumulators;

constexpr size_t kLanes = Int64s::kLanes;
static_assert(Doubles::kLanes == kLanes);
static_assert(kFloatSumAccumulators % kLanes == 0);

template <typename T>
struct VectorOf;
template <>
struct VectorOf<int64_t> {
  using Type = Int64s;
};
template <>
struct VectorOf<double> {
  using Type = Doubles;
};

inline size_t first_lane(uint32_t bits) { return static_cast<size_t>(std::countr_zero(bits)); }

// Exact int64 sum without a 128-bit accumulator per lane. Each value x is
// seen as the unsigned u = x + 2^63 (x ^ 2^63 bitwise), so
//     sum(x) = sum(u) - m * 2^63           (m values per lane)
//     sum(u) = A + 2^64 * carries          (A: the wrapping unsigned sum)
// and a carry happens exactly when the wrapped A + u is below u. Keeping
// B = A ^ 2^63 instead of A turns that unsigned test into a signed one against
// x itself: carry <=> x > B_new (signed), with B_new = B + u. Per vector: one
// xor, one add, one compare, one increment; nothing can overflow (a lane's
// carry count is at most its value count).
struct ExactSumLanes {
  Int64s biased = Int64s::splat(INT64_MIN);  // B = A ^ 2^63, A starting at 0
  Int64s carries = Int64s::splat(0);

  void add(Int64s x, Int64s sign) {
    biased = biased + (x ^ sign);
    carries = carries.increment_where(x > biased);
  }
  // sum(x) of this lane set, given the number of vectors added to it.
  __int128 total(size_t vectors) const {
    alignas(64) int64_t b[kLanes];
    alignas(64) int64_t c[kLanes];
    biased.store(b);
    carries.store(c);
    __int128 sum = 0;
    for (size_t k = 0; k < kLanes; ++k) {
      const uint64_t accumulated = static_cast<uint64_t>(b[k]) ^ (uint64_t{1} << 63);
      sum += static_cast<__int128>(accumulated) + (static_cast<__int128>(c[k]) << 64);
    }
    return sum - (static_cast<__int128>(vectors * kLanes) << 63);
  }
};

ExactSum sum_i64(const int64_t* values, size_t count) {
  const Int64s sign = Int64s::splat(INT64_MIN);
  ExactSumLanes first, second;  // two independent chains per step
  size_t i = 0;
  for (; i + 2 * kLanes <= count; i += 2 * kLanes) {
    first.add(Int64s::load(values + i), sign);
    second.add(Int64s::load(values + i + kLanes), sign);
  }
  const size_t vectors = i / (2 * kLanes);
  __int128 total = first.total(vectors) + second.total(vectors);
  for (; i < count; ++i) total += values[i];
  return {static_cast<uint64_t>(total), static_cast<int64_t>(total >> 64)};
}

// The shared association order (float_sum_order.h): accumulator vector j
// holds accumulators j * kLanes .. j * kLanes + kLanes - 1, so lane k of
// vector j receives exactly the elements i with i % 16 == j * kLanes + k.
double sum_f64(const double* values, size_t count) {
  constexpr size_t kVectors = kFloatSumAccumulators / kLanes;
  Doubles accumulators[kVectors];
  for (Doubles& accumulator : accumulators) accumulator = Doubles::splat(0.0);
  auto add_block = [&](const double* block) {
    for (size_t j = 0; j < kVectors; ++j) {
      accumulators[j] = accumulators[j] + Doubles::load(block + j * kLanes);
    }
  };
  size_t i = 0;
  for (; i + kFloatSumAccumulators <= count; i += kFloatSumAccumulators) add_block(values + i);
  if (i < count) {
    // The tail padded with +0.0, which leaves every accumulator unchanged.
    alignas(64) double block[kFloatSumAccumulators] = {};
    std::memcpy(block, values + i, (count - i) * sizeof(double));
    add_block(block);
  }
  alignas(64) double lanes[kFloatSumAccumulators];
  for (size_t j = 0; j < kVectors; ++j) accumulators[j].store(lanes + j * kLanes);
  return collections::combine_float_accumulators(lanes);
}

// out + written never passes values + i (written <= i), and a full vector is
// only processed when i + kLanes <= count, so compress_store's scratch lanes
// stay inside out[0..count).
template <typename T>
size_t filter_gt(const T* values, size_t count, T threshold, T* out) {
  using Vector = typename VectorOf<T>::Type;
  const Vector limit = Vector::splat(threshold);
  size_t written = 0;
  size_t i = 0;
  for (; i + 2 * kLanes <= count; i += 2 * kLanes) {
    const Vector a = Vector::load(values + i);
    const Vector b = Vector::load(values + i + kLanes);
    written += compress_store(out + written, a, a > limit);
    written += compress_store(out + written, b, b > limit);
  }
  for (; i < count; ++i) {
    if (values[i] > threshold) out[written++] = values[i];
  }
  return written;
}

// x * 2 overflows int64 exactly when the sign changes: (x ^ (x + x)) < 0.
// The map kernels stream (one load, one store per vector), so they use the
// layer's streaming vectors, four per step; the int64 kernel tests the four
// at once and looks for the first overflowing lane only in a step that has one.
size_t map_mul2_i64(const int64_t* values, size_t count, int64_t* out) {
  using Vector = StreamInt64s;
  constexpr size_t kStep = Vector::kLanes;
  size_t i = 0;
  for (; i + 4 * kStep <= count; i += 4 * kStep) {
    const Vector a = Vector::load(values + i);
    const Vector b = Vector::load(values + i + kStep);
    const Vector c = Vector::load(values + i + 2 * kStep);
    const Vector d = Vector::load(values + i + 3 * kStep);
    const Vector a2 = a.doubled(), b2 = b.doubled(), c2 = c.doubled(), d2 = d.doubled();
    if (((a ^ a2) | (b ^ b2) | (c ^ c2) | (d ^ d2)).sign_bits() != 0) break;  // found below
    a2.store(out + i);
    b2.store(out + i + kStep);
    c2.store(out + i + 2 * kStep);
    d2.store(out + i + 3 * kStep);
  }
  for (; i < count; ++i) {
    const uint64_t x = static_cast<uint64_t>(values[i]);
    const uint64_t doubled = x << 1;
    if (static_cast<int64_t>(x ^ doubled) < 0) return i;
    out[i] = static_cast<int64_t>(doubled);
  }
  return count;
}

void map_mul2_f64(const double* values, size_t count, double* out) {
  using Vector = StreamDoubles;
  constexpr size_t kStep = Vector::kLanes;
  size_t i = 0;
  for (; i + 4 * kStep <= count; i += 4 * kStep) {
    for (size_t k = 0; k < 4 * kStep; k += kStep) {
      Vector::load(values + i + k).doubled().store(out + i + k);
    }
  }
  for (; i < count; ++i) out[i] = values[i] * 2.0;
}

template <typename T>
size_t index_of(const T* values, size_t count, T wanted) {
  using Vector = typename VectorOf<T>::Type;
  const Vector target = Vector::splat(wanted);
  size_t i = 0;
  for (; i + 2 * kLanes <= count; i += 2 * kLanes) {
    const uint32_t a = (Vector::load(values + i) == target).bits();
    const uint32_t b = (Vector::load(values + i + kLanes) == target).bits();
    if ((a | b) != 0) return a != 0 ? i + first_lane(a) : i + kLanes + first_lane(b);
  }
  for (; i < count; ++i) {
    if (values[i] == wanted) return i;
  }
  return count;
}

template <typename T>
size_t count_of(const T* values, size_t count, T wanted) {
  using Vector = typename VectorOf<T>::Type;
  const Vector target = Vector::splat(wanted);
  Int64s first = Int64s::splat(0), second = Int64s::splat(0);  // per-lane match counts
  size_t i = 0;
  for (; i + 2 * kLanes <= count; i += 2 * kLanes) {
    first = first.increment_where(Vector::load(values + i) == target);
    second = second.increment_where(Vector::load(values + i + kLanes) == target);
  }
  alignas(64) int64_t lanes[2 * kLanes];
  first.store(lanes);
  second.store(lanes + kLanes);
  size_t total = 0;
  for (const int64_t lane : lanes) total += static_cast<size_t>(lane);
  for (; i < count; ++i) total += values[i] == wanted;
  return total;
}

}  // namespace

// Constant-initialised: loading the module runs no instruction of this engine.
extern const collections::ListKernels kListKernels;
const collections::ListKernels kListKernels = {
    sum_i64,           sum_f64,
    filter_gt<int64_t>, filter_gt<double>,
    map_mul2_i64,      map_mul2_f64,
    index_of<int64_t>, index_of<double>,
    count_of<int64_t>, count_of<double>,
};

}  // namespace dxpy::simd::DXPY_ISA_NAMESPACE
