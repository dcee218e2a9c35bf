// Counting twins of the engines' string kernel tables, for tests only.
//
// A benchmark row labelled "dxpy scalar" must run the scalar engine's kernels,
// and its "C++ loop" twin the same kernels as the Python call. Each compiled
// build has a twin table whose entries count their calls and forward to the
// build's own kernels; an Engine made over the twin (dxpy._native._trace_kernels)
// and the timing loop run over it (_trace_kernel_loop) then say which kernels
// ran, how often. The real tables are untouched: nothing is counted otherwise.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "simd/registry.h"

namespace dxpy::bindings {

// The counting twin of build's string kernels.
const simd::StringKernels& traced_kernels(const simd::EngineBuild& build);

// Sets build's counts to zero.
void reset_kernel_calls(const simd::EngineBuild& build);

// (kernel name, calls since the last reset) for every kernel of the table.
std::vector<std::pair<const char*, size_t>> kernel_calls(const simd::EngineBuild& build);

}  // namespace dxpy::bindings
