// The avx2 Swiss-table group: the generic probing loops over the avx2
// build's 16-byte vector. CMake compiles this file natively (with avx2 flags)
// where the architecture runs avx2, and through SIMDe (DXPY_SIMD_EMULATED)
// everywhere else.
#include "simd/avx2/vector.h"
#include "collections/generic/vector_group.h"
#include "collections/generic/group_kernels.h"
