// The avx2 list engine: the generic list kernels over the avx2 64-bit-lane
// layer. CMake compiles this file natively (with avx2 flags) where the
// architecture runs avx2, and through SIMDe (DXPY_SIMD_EMULATED) for its
// emulated build.
#include "simd/avx2/lanes64.h"
#include "collections/generic/list_kernels.h"
