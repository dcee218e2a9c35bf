// The neon list engine: the generic list kernels over the neon 64-bit-lane
// layer. CMake compiles this file natively (with neon flags) where the
// architecture runs neon, and through SIMDe (DXPY_SIMD_EMULATED) for its
// emulated build.
#include "simd/neon/lanes64.h"
#include "collections/generic/list_kernels.h"
