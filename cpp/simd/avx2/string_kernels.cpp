// The avx2 string engine: the generic kernels over the avx2 vector layer.
// CMake compiles this file natively (with avx2 flags) where the architecture
// runs avx2, and through SIMDe (DXPY_SIMD_EMULATED) everywhere else.
#include "simd/avx2/vector.h"
#include "simd/generic/string_kernels.h"
