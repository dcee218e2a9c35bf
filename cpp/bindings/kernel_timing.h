// dxpy._native.time_kernel / time_list_kernel: loops of one engine kernel
// timed in C++, for dxpy-report.
//
// From Python, a call costs about 100 ns (argument parsing, result object),
// which swamps a kernel on 64 bytes. These functions run the kernel `loops`
// times back to back on buffers prepared once, with the GIL released, and
// return the elapsed nanoseconds with the last call's answer (for checking
// against CPython). They time the operations of cpp/strings/text_ops.h and
// the list kernels, not the bindings; the report labels them "C++-timed".
#pragma once

#include <pybind11/pybind11.h>

namespace dxpy::bindings {

// Adds time_kernel and time_list_kernel to the module.
void register_kernel_timing(pybind11::module_& module);

}  // namespace dxpy::bindings
