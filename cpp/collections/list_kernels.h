// The element-wise kernels behind SimdList, one table per engine build.
//
// Each engine (scalar, avx2, avx512, neon, and the SIMDe-emulated builds)
// fills one ListKernels table from its own translation unit, compiled with that
// instruction set's flags, exactly as simd::StringKernels is filled. The table
// is the whole contract between the engines and SimdList.
//
// Contract shared by every kernel:
//  * Inputs are (pointer, count) pairs of int64_t or double, 8-byte aligned
//    and otherwise unaligned; a null pointer is allowed when the count is 0.
//    A kernel never reads outside its input nor writes outside its output.
//  * Comparisons are Python's on the stored values: NaN is never equal to
//    anything nor greater than anything; -0.0 == 0.0.
//  * Kernels do not allocate, throw, or call back into the runtime; they may
//    run without the GIL.
//  * Every engine returns the same answer for the same input, bit for bit:
//    for the float sum this holds because every engine adds in the one order
//    documented at sum_f64 (see float_sum_order.h).
#pragma once

#include <cstddef>
#include <cstdint>

namespace dxpy::collections {

// An exact 128-bit two's-complement integer: high * 2^64 + low. The sum of
// fewer than 2^64 int64 values always fits.
struct ExactSum {
  uint64_t low;
  int64_t high;
};

struct ListKernels {
  // The exact sum of the values; never wraps, whatever the values.
  ExactSum (*sum_i64)(const int64_t* values, size_t count);

  // The float sum in the shared association order: element i is added, in
  // index order, to accumulator i % kFloatSumAccumulators (all starting at
  // +0.0), then the accumulators are combined by the fixed pairwise tree of
  // combine_float_accumulators(). Bit-identical across engines (NaN payloads
  // aside); an empty input sums to +0.0.
  double (*sum_f64)(const double* values, size_t count);

  // Copies the values > threshold to out, in order; returns how many. out
  // must have room for `count` values (vector engines may write scratch
  // values past the returned count, never past out + count).
  size_t (*filter_gt_i64)(const int64_t* values, size_t count, int64_t threshold, int64_t* out);
  size_t (*filter_gt_f64)(const double* values, size_t count, double threshold, double* out);

  // out[i] = values[i] * 2. The int64 kernel returns `count`, or the index of
  // the first value whose double does not fit in int64; out is then only
  // partly written and must be discarded. The float kernel cannot fail
  // (overflow gives an infinity, as Python's float multiplication does).
  size_t (*map_mul2_i64)(const int64_t* values, size_t count, int64_t* out);
  void (*map_mul2_f64)(const double* values, size_t count, double* out);

  // Index of the first value equal to `wanted`, or `count` if there is none.
  size_t (*index_i64)(const int64_t* values, size_t count, int64_t wanted);
  size_t (*index_f64)(const double* values, size_t count, double wanted);

  // How many values equal `wanted`.
  size_t (*count_i64)(const int64_t* values, size_t count, int64_t wanted);
  size_t (*count_f64)(const double* values, size_t count, double wanted);
};

}  // namespace dxpy::collections
