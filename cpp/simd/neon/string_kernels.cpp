// The neon string engine: the generic kernels over the neon vector layer.
// CMake compiles this file natively (with neon flags) where the architecture
// runs neon, and through SIMDe (DXPY_SIMD_EMULATED) everywhere else.
#include "simd/neon/vector.h"
#include "simd/generic/string_kernels.h"
