// dxpy.SimdList: a fixed-length int64 / float64 list over the engines' list
// kernels, zero-copy to and from the buffer protocol (NumPy).
#pragma once

#include <pybind11/pybind11.h>

namespace dxpy::bindings {

// Adds the SimdList type to the module.
void register_simd_list(pybind11::module_& module);

}  // namespace dxpy::bindings
