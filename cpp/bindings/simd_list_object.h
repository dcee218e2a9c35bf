// The SimdList object shared by its two translation units: simd_list.cpp
// (construction, buffer protocol, sequence protocol) and
// simd_list_methods.cpp (the kernel-backed methods).
//
// A SimdList is a fixed-length run of int64 or float64 elements in one of two
// kinds of storage:
//  * owned: memory it allocated (results, copies, lists built from iterables);
//  * viewed: another object's buffer, held through a Py_buffer for as long as
//    the SimdList lives, which keeps the exporter alive and (for NumPy arrays,
//    bytearrays, array.array) unable to resize or free the memory.
// Either way `data` is 8-byte aligned and never moves, and the length never
// changes, so a kernel may run on it with the GIL released.
#pragma once

#include <Python.h>

#include <cstddef>
#include <cstdint>

namespace dxpy::bindings {

enum class ElementType : uint8_t { kInt64, kFloat64 };

struct SimdListObject {
  PyObject_HEAD
  char* data;          // elements; 8-byte aligned (null only when empty and owned)
  Py_ssize_t length;   // element count; also the exported shape
  Py_ssize_t stride;   // always 8: the exported strides
  ElementType type;
  bool readonly;       // set only for views of read-only buffers
  bool has_view;       // data lies in `view`, else in `allocation`
  void* allocation;    // owned storage (PyMem_RawMalloc), or null
  Py_buffer view;      // the viewed exporter's buffer when has_view
  PyObject* weakrefs;

  int64_t* int64s() const { return reinterpret_cast<int64_t*>(data); }
  double* float64s() const { return reinterpret_cast<double*>(data); }
  size_t size() const { return static_cast<size_t>(length); }
};

extern PyTypeObject SimdListType;

inline bool is_simd_list(PyObject* object) { return PyObject_TypeCheck(object, &SimdListType); }

inline const char* dtype_name(ElementType type) {
  return type == ElementType::kInt64 ? "int64" : "float64";
}

// A new owned SimdList of `length` uninitialised elements, 64-byte aligned,
// or nullptr with MemoryError set.
SimdListObject* new_owned_list(ElementType type, size_t length);

// Shrinks an owned list's length to `length` (<= its length), returning the
// unused memory when that is worth it. Used by filter_gt once the count is known.
void shrink_owned_list(SimdListObject* list, size_t length);

// Element i (in range) as a new Python int or float.
PyObject* element_object(const SimdListObject* list, size_t index);

// The methods and sequence slots implemented in simd_list_methods.cpp.
extern PyMethodDef kSimdListKernelMethods[];
int simd_list_contains(PyObject* self, PyObject* value);

}  // namespace dxpy::bindings
