// Engine.find/count/eq/lower/upper/split/join/replace on Python objects.
// Each returns a new reference, or nullptr with a Python exception set: the
// same exception class CPython's str/bytes method raises for the same input.
#pragma once

#include <Python.h>

#include <cstddef>

#include "simd/string_kernels.h"

namespace dxpy::bindings {

using simd::StringKernels;

// Kernels over this many bytes of input run with the GIL released (every
// operation; join only when its parts are in a sequence no other thread can
// change, i.e. not a list the caller passed). Python sees it as
// dxpy._native._string_release_gil_bytes, for the properties at the threshold.
inline constexpr size_t kStringReleaseGilBytes = 256 * 1024;

PyObject* string_find(const StringKernels& kernels, PyObject* haystack, PyObject* needle);
PyObject* string_count(const StringKernels& kernels, PyObject* haystack, PyObject* needle);
PyObject* string_eq(const StringKernels& kernels, PyObject* a, PyObject* b);
PyObject* string_lower(const StringKernels& kernels, PyObject* text);
PyObject* string_upper(const StringKernels& kernels, PyObject* text);
// lower()/upper() of a non-ASCII str through UTF-8 always, never in its storage
// kind: the path the runtime's own strings take, which str.lower() reaches
// only as a fallback, so the properties hold it through these.
PyObject* string_lower_utf8(const StringKernels& kernels, PyObject* text);
PyObject* string_upper_utf8(const StringKernels& kernels, PyObject* text);
PyObject* string_split(const StringKernels& kernels, PyObject* text, PyObject* separator,
                       PyObject* maxsplit);
PyObject* string_join(const StringKernels& kernels, PyObject* separator, PyObject* parts);
PyObject* string_replace(const StringKernels& kernels, PyObject* text, PyObject* old_text,
                         PyObject* new_text, PyObject* count);

}  // namespace dxpy::bindings
