// The neon Swiss-table group: the generic probing loops over the neon
// build's 16-byte vector. CMake compiles this file natively (with neon flags)
// where the architecture runs neon, and through SIMDe (DXPY_SIMD_EMULATED)
// everywhere else.
#include "simd/neon/vector.h"
#include "collections/generic/vector_group.h"
#include "collections/generic/group_kernels.h"
