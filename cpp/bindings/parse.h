// dxpy._native.parse_source and parse_timed: the C++ parser reached from
// Python (dxpy/_parse.py puts compile()'s argument checks in front).
#pragma once

#include <pybind11/pybind11.h>

namespace dxpy::bindings {

void register_parser(pybind11::module_& module);

}  // namespace dxpy::bindings
