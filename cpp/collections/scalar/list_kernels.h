#pragma once

#include "collections/list_kernels.h"

namespace dxpy::simd::scalar {
extern const collections::ListKernels kListKernels;
}
