// The avx512 list engine: the generic list kernels over the avx512 64-bit-lane
// layer. CMake compiles this file natively (with avx512 flags) where the
// architecture runs avx512, and through SIMDe (DXPY_SIMD_EMULATED) for its
// emulated build.
#include "simd/avx512/lanes64.h"
#include "collections/generic/list_kernels.h"
