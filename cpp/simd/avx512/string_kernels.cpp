// The avx512 string engine: the generic kernels over the avx512 vector layer.
// CMake compiles this file natively (with avx512 flags) where the architecture
// runs avx512, and through SIMDe (DXPY_SIMD_EMULATED) everywhere else.
#include "simd/avx512/vector.h"
#include "simd/generic/string_kernels.h"
