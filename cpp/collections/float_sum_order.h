// The one association order of the float sum, shared by every engine.
//
// Float addition is not associative, so "the same sum" across engines of
// different widths only exists if they all add in one order. That order is:
//
//   1. kFloatSumAccumulators accumulators, all starting at +0.0;
//   2. element i is added to accumulator i % kFloatSumAccumulators, in index
//      order (accumulator[k] = accumulator[k] + x[i]);
//   3. the accumulators are combined pairwise, halving each time:
//      a[k] = a[k] + a[k + 8] for k < 8, then a[k] + a[k + 4] for k < 4,
//      then a[k] + a[k + 2], then a[0] + a[1].
//
// Sixteen accumulators are two AVX-512 vectors, four AVX2 vectors or eight
// NEON vectors: enough independent additions to hide the adder's latency on
// every ISA. Starting at +0.0 matches Python's sum(), which starts from the
// int 0: sum([-0.0]) is 0.0. With round-to-nearest an accumulator that starts
// at +0.0 never becomes -0.0, so zero padding of a partial last block (which
// the vector engines use) adds +0.0 to it and changes nothing.
//
// The error bound of this order is that of naive summation of n/16 terms plus
// four tree levels, well within n * eps * sum(|x|).
#pragma once

#include <cstddef>

namespace dxpy::collections {

inline constexpr size_t kFloatSumAccumulators = 16;

// Internal linkage: this header is compiled into every engine's translation
// unit with that engine's flags, and the linker must never pick one engine's
// copy for another.
namespace {

inline double combine_float_accumulators(double (&accumulators)[kFloatSumAccumulators]) {
  for (size_t width = kFloatSumAccumulators / 2; width >= 1; width /= 2) {
    for (size_t k = 0; k < width; ++k) accumulators[k] = accumulators[k] + accumulators[k + width];
  }
  return accumulators[0];
}

}  // namespace
}  // namespace dxpy::collections
