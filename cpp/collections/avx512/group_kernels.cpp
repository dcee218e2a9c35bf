// The avx512 Swiss-table group: the generic probing loops over the avx512
// build's 16-byte vector. CMake compiles this file natively (with avx512 flags)
// where the architecture runs avx512, and through SIMDe (DXPY_SIMD_EMULATED)
// everywhere else.
#include "simd/avx512/vector.h"
#include "collections/generic/vector_group.h"
#include "collections/generic/group_kernels.h"
