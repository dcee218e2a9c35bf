// The scalar list kernels: plain loops, one element at a time. They are the
// reference the vector engines are held to, so they favour the obviously
// correct over the fast: a 128-bit accumulator for the exact sum, C++'s own
// comparisons (which are Python's on doubles: NaN compares false).
#include "collections/scalar/list_kernels.h"

#include "collections/float_sum_order.h"

namespace dxpy::simd::scalar {
namespace {

using collections::ExactSum;

ExactSum sum_i64(const int64_t* values, size_t count) {
  __int128 total = 0;
  for (size_t i = 0; i < count; ++i) total += values[i];
  return {static_cast<uint64_t>(total), static_cast<int64_t>(total >> 64)};
}

double sum_f64(const double* values, size_t count) {
  double accumulators[collections::kFloatSumAccumulators] = {};
  for (size_t i = 0; i < count; ++i) {
    double& accumulator = accumulators[i % collections::kFloatSumAccumulators];
    accumulator = accumulator + values[i];
  }
  return collections::combine_float_accumulators(accumulators);
}

template <typename T>
size_t filter_gt(const T* values, size_t count, T threshold, T* out) {
  size_t written = 0;
  for (size_t i = 0; i < count; ++i) {
    if (values[i] > threshold) out[written++] = values[i];
  }
  return written;
}

size_t map_mul2_i64(const int64_t* values, size_t count, int64_t* out) {
  for (size_t i = 0; i < count; ++i) {
    if (__builtin_mul_overflow(values[i], 2, &out[i])) return i;
  }
  return count;
}

void map_mul2_f64(const double* values, size_t count, double* out) {
  for (size_t i = 0; i < count; ++i) out[i] = values[i] * 2.0;
}

template <typename T>
size_t index_of(const T* values, size_t count, T wanted) {
  for (size_t i = 0; i < count; ++i) {
    if (values[i] == wanted) return i;
  }
  return count;
}

template <typename T>
size_t count_of(const T* values, size_t count, T wanted) {
  size_t total = 0;
  for (size_t i = 0; i < count; ++i) total += values[i] == wanted;
  return total;
}

}  // namespace

extern const collections::ListKernels kListKernels;
const collections::ListKernels kListKernels = {
    sum_i64,           sum_f64,
    filter_gt<int64_t>, filter_gt<double>,
    map_mul2_i64,      map_mul2_f64,
    index_of<int64_t>, index_of<double>,
    count_of<int64_t>, count_of<double>,
};

}  // namespace dxpy::simd::scalar
