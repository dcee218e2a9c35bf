// Testing support: Python text objects whose storage ends (or starts) at an
// inaccessible page, so a kernel that reads one byte outside its input is
// seen at once, in the example that does it, in the test's own process.
//
// dxpy._native.GuardedStorage(obj, at_start=False) moves the storage of `obj`
// (a bytearray, or a str subclass instance, whose characters CPython keeps
// outside the object) into a fresh mapping with a PROT_NONE page on each side,
// the data against the page after it (or, with at_start, the one before it).
// For a non-ASCII str the cached UTF-8, which the engines read, is placed the
// same way. release() (or the object's end) puts the original storage back;
// until then a bytearray cannot resize (it counts as exported).
//
// A fault in a guard page does not end the process: the signal handler makes
// the page accessible, records the offset (relative to the data's start) and
// lets the access complete; `.fault` then reports it, and the property fails
// with the argument and the offset. Faults anywhere else go to the handler
// that was installed before (faulthandler's, under pytest).
#pragma once

#include <pybind11/pybind11.h>

namespace dxpy::bindings {

void register_guard_pages(pybind11::module_& module);

}  // namespace dxpy::bindings
