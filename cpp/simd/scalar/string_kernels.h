#pragma once

#include "simd/string_kernels.h"

namespace dxpy::simd::scalar {
extern const StringKernels kStringKernels;
}
