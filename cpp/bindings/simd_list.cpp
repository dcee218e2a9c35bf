// dxpy.SimdList: construction (zero-copy from buffers, copied from iterables),
// the buffer protocol out, and list-like indexing. The kernel-backed methods
// live in simd_list_methods.cpp.
#include "simd_list.h"

#include <cstring>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "simd_list_object.h"
#include "simd_list_values.h"

namespace dxpy::bindings {
namespace {

constexpr Py_ssize_t kItemSize = 8;
constexpr size_t kStorageAlignment = 64;  // a cache line: full-width vector loads never split

// ---------------------------------------------------------------- storage

// Large lists are written start to end by one kernel call (map_mul2,
// filter_gt): on Linux, ask for transparent huge pages, as NumPy does for
// its arrays, so the writes do not miss the TLB every 4 KiB.
void advise_huge_pages(void* start, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
  if (bytes < (size_t{4} << 20)) return;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(start) + kHugePage - 1) & ~(kHugePage - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(start) + bytes) & ~(kHugePage - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)start;
  (void)bytes;
#endif
}

void release_storage(SimdListObject* list) {
  if (list->has_view) {
    PyBuffer_Release(&list->view);
    list->has_view = false;
  } else {
    PyMem_RawFree(list->allocation);
  }
  list->allocation = nullptr;
  list->data = nullptr;
}

SimdListObject* new_list_object(ElementType type) {
  auto* list = PyObject_New(SimdListObject, &SimdListType);
  if (list == nullptr) return nullptr;
  list->data = nullptr;
  list->length = 0;
  list->stride = kItemSize;
  list->type = type;
  list->readonly = false;
  list->has_view = false;
  list->allocation = nullptr;
  std::memset(&list->view, 0, sizeof(list->view));
  list->weakrefs = nullptr;
  return list;
}

// ------------------------------------------------------------ construction

// The element type a buffer format describes, if SimdList views it: an
// optional byte-order prefix that means this machine's order, then 'q', 'l'
// or 'n' (int64) or 'd' (float64), with 8-byte items. NumPy's int64 is 'l'.
bool element_type_of_format(const char* format, Py_ssize_t itemsize, ElementType* type) {
  if (format == nullptr || itemsize != kItemSize) return false;  // null: unsigned bytes
  bool native_prefix = true;  // 'n' (ssize_t) exists only with native sizes
  const char* same_order_prefixes = PY_LITTLE_ENDIAN ? "<" : ">!";
  if (*format == '@') {
    ++format;
  } else if (*format == '=' || (*format != '\0' && std::strchr(same_order_prefixes, *format))) {
    ++format;
    native_prefix = false;
  }
  if (format[0] == '\0' || format[1] != '\0') return false;
  const char code = format[0];
  if (code == 'q' || code == 'l' || (code == 'n' && native_prefix)) {
    *type = ElementType::kInt64;
    return true;
  }
  if (code == 'd') {
    *type = ElementType::kFloat64;
    return true;
  }
  return false;
}

PyObject* from_iterable(PyObject* data, const DtypeArgument& dtype) {
  if (Py_TYPE(data)->tp_iter == nullptr && !PySequence_Check(data)) {
    PyErr_Format(PyExc_TypeError,
                 "SimdList() takes an iterable of int/float or an int64/float64 buffer, "
                 "not '%.200s'",
                 Py_TYPE(data)->tp_name);
    return nullptr;
  }
  PyObject* items = PySequence_Fast(data, "SimdList() argument is not iterable");
  if (items == nullptr) return nullptr;  // the iterable's own error
  const Py_ssize_t length = PySequence_Fast_GET_SIZE(items);
  PyObject** elements = PySequence_Fast_ITEMS(items);
  ElementType type = dtype.type;
  if (!dtype.given) {  // all ints: int64; anything else: float64
    type = ElementType::kInt64;
    for (Py_ssize_t i = 0; i < length; ++i) {
      if (!is_integer_value(elements[i])) {
        type = ElementType::kFloat64;
        break;
      }
    }
  }
  SimdListObject* list = new_owned_list(type, static_cast<size_t>(length));
  if (list == nullptr) {
    Py_DECREF(items);
    return nullptr;
  }
  for (Py_ssize_t i = 0; i < length; ++i) {
    if (!store_element(list, static_cast<size_t>(i), elements[i], "SimdList()", i)) {
      Py_DECREF(items);
      Py_DECREF(list);
      return nullptr;
    }
  }
  Py_DECREF(items);
  return reinterpret_cast<PyObject*>(list);
}

PyObject* from_buffer(PyObject* data, const DtypeArgument& dtype, bool copy) {
  Py_buffer view;
  if (PyObject_GetBuffer(data, &view, PyBUF_RECORDS_RO) != 0) return nullptr;
  // Every failure below releases `view`; success hands it to the list.
  auto fail = [&view]() -> PyObject* {
    PyBuffer_Release(&view);
    return nullptr;
  };
  if (view.ndim != 1) {
    PyErr_Format(PyExc_ValueError,
                 "SimdList needs a one-dimensional buffer, not a %d-dimensional one "
                 "(flatten it first, e.g. array.reshape(-1))",
                 view.ndim);
    return fail();
  }
  ElementType type;
  const bool viewable = element_type_of_format(view.format, view.itemsize, &type);
  if (!viewable || (dtype.given && dtype.type != type)) {
    if (copy) {  // convert element by element, as from any iterable
      PyBuffer_Release(&view);
      return from_iterable(data, dtype);
    }
    if (!viewable) {
      PyErr_Format(PyExc_TypeError,
                   "SimdList views int64 or float64 buffers, not format '%s' (itemsize %zd); "
                   "pass copy=True to convert the elements",
                   view.format ? view.format : "B", view.itemsize);
    } else {
      PyErr_Format(PyExc_TypeError,
                   "SimdList(dtype='%s') cannot view a buffer of %s elements; pass copy=True "
                   "to convert them",
                   dtype_name(dtype.type), dtype_name(type));
    }
    return fail();
  }
  const bool contiguous = PyBuffer_IsContiguous(&view, 'C') != 0;
  const bool aligned = reinterpret_cast<uintptr_t>(view.buf) % kItemSize == 0;
  if (!copy && !contiguous) {
    PyErr_Format(PyExc_ValueError,
                 "SimdList views C-contiguous buffers; this one steps %zd bytes per element; "
                 "pass copy=True to copy it",
                 view.strides ? view.strides[0] : view.itemsize);
    return fail();
  }
  if (!copy && !aligned) {
    PyErr_SetString(PyExc_ValueError,
                    "SimdList views buffers aligned to 8 bytes; this one is not; pass "
                    "copy=True to copy it");
    return fail();
  }
  const size_t length = static_cast<size_t>(view.shape[0]);
  if (copy) {
    SimdListObject* list = new_owned_list(type, length);
    if (list == nullptr) return fail();
    if (PyBuffer_ToContiguous(list->data, &view, view.len, 'C') != 0) {
      Py_DECREF(list);
      return fail();
    }
    PyBuffer_Release(&view);
    return reinterpret_cast<PyObject*>(list);
  }
  SimdListObject* list = new_list_object(type);
  if (list == nullptr) return fail();
  list->view = view;  // the list now owns the export, and through it the exporter
  list->has_view = true;
  list->data = static_cast<char*>(view.buf);
  list->length = static_cast<Py_ssize_t>(length);
  list->readonly = view.readonly != 0;
  return reinterpret_cast<PyObject*>(list);
}

PyObject* simd_list_new(PyTypeObject*, PyObject* args, PyObject* kwargs) {
  static const char* keywords[] = {"data", "dtype", "copy", nullptr};
  PyObject* data = nullptr;
  PyObject* dtype_object = Py_None;
  int copy = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O$p:SimdList", const_cast<char**>(keywords),
                                   &data, &dtype_object, &copy)) {
    return nullptr;
  }
  DtypeArgument dtype;
  if (!parse_dtype(dtype_object, &dtype)) return nullptr;
  if (PyObject_CheckBuffer(data)) return from_buffer(data, dtype, copy != 0);
  return from_iterable(data, dtype);
}

void simd_list_dealloc(PyObject* self) {
  auto* list = reinterpret_cast<SimdListObject*>(self);
  if (list->weakrefs != nullptr) PyObject_ClearWeakRefs(self);
  release_storage(list);
  Py_TYPE(self)->tp_free(self);
}

// ------------------------------------------------------------- buffer out

int simd_list_getbuffer(PyObject* self, Py_buffer* view, int flags) {
  auto* list = reinterpret_cast<SimdListObject*>(self);
  if ((flags & PyBUF_WRITABLE) == PyBUF_WRITABLE && list->readonly) {
    PyErr_SetString(PyExc_BufferError, "SimdList is read-only: it views a read-only buffer");
    view->obj = nullptr;
    return -1;
  }
  view->obj = Py_NewRef(self);
  view->buf = list->data;
  view->len = list->length * kItemSize;
  view->readonly = list->readonly ? 1 : 0;
  view->itemsize = kItemSize;
  view->format = nullptr;
  if ((flags & PyBUF_FORMAT) == PyBUF_FORMAT) {
    view->format = const_cast<char*>(list->type == ElementType::kInt64 ? "q" : "d");
  }
  view->ndim = 1;
  view->shape = (flags & PyBUF_ND) == PyBUF_ND ? &list->length : nullptr;
  view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &list->stride : nullptr;
  view->suboffsets = nullptr;
  view->internal = nullptr;
  return 0;  // always C-contiguous, so every contiguity request is met
}

PyBufferProcs kBufferProcs = {simd_list_getbuffer, nullptr};

// ------------------------------------------------------- sequence protocol

Py_ssize_t simd_list_length(PyObject* self) {
  return reinterpret_cast<SimdListObject*>(self)->length;
}

PyObject* index_error() {
  PyErr_SetString(PyExc_IndexError, "SimdList index out of range");
  return nullptr;
}

PyObject* simd_list_item(PyObject* self, Py_ssize_t index) {
  auto* list = reinterpret_cast<SimdListObject*>(self);
  if (index < 0 || index >= list->length) return index_error();
  return element_object(list, static_cast<size_t>(index));
}

// The index a subscript names, made non-negative and checked against the length.
bool subscript_index(const SimdListObject* list, PyObject* key, Py_ssize_t* index) {
  *index = PyNumber_AsSsize_t(key, PyExc_IndexError);
  if (*index == -1 && PyErr_Occurred()) return false;
  if (*index < 0) *index += list->length;
  if (*index < 0 || *index >= list->length) {
    index_error();
    return false;
  }
  return true;
}

PyObject* simd_list_subscript(PyObject* self, PyObject* key) {
  auto* list = reinterpret_cast<SimdListObject*>(self);
  if (PyIndex_Check(key)) {
    Py_ssize_t index;
    if (!subscript_index(list, key, &index)) return nullptr;
    return element_object(list, static_cast<size_t>(index));
  }
  if (PySlice_Check(key)) {  // a copy, as list slicing gives
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(key, &start, &stop, &step) < 0) return nullptr;
    const Py_ssize_t count = PySlice_AdjustIndices(list->length, &start, &stop, step);
    SimdListObject* result = new_owned_list(list->type, static_cast<size_t>(count));
    if (result == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < count; ++i) {
      std::memcpy(result->data + i * kItemSize, list->data + (start + i * step) * kItemSize,
                  kItemSize);
    }
    return reinterpret_cast<PyObject*>(result);
  }
  return PyErr_Format(PyExc_TypeError, "SimdList indices must be integers or slices, not %.200s",
                      Py_TYPE(key)->tp_name);
}

int simd_list_assign_subscript(PyObject* self, PyObject* key, PyObject* value) {
  auto* list = reinterpret_cast<SimdListObject*>(self);
  if (value == nullptr) {
    PyErr_SetString(PyExc_TypeError, "SimdList does not support deleting elements: its length "
                                     "is fixed");
    return -1;
  }
  if (!PyIndex_Check(key)) {
    PyErr_Format(PyExc_TypeError, "SimdList indices must be integers, not %.200s",
                 Py_TYPE(key)->tp_name);
    return -1;
  }
  Py_ssize_t index;
  if (!subscript_index(list, key, &index)) return -1;
  if (list->readonly) {
    PyErr_SetString(PyExc_TypeError, "cannot modify a read-only SimdList (it views a read-only "
                                     "buffer)");
    return -1;
  }
  // store_element converts before it writes, so a failure changes nothing.
  return store_element(list, static_cast<size_t>(index), value, "SimdList assignment", index) ? 0
                                                                                               : -1;
}

PySequenceMethods kSequenceMethods = {
    simd_list_length, nullptr, nullptr, simd_list_item,     nullptr,
    nullptr,          nullptr, simd_list_contains, nullptr, nullptr,
};

PyMappingMethods kMappingMethods = {simd_list_length, simd_list_subscript,
                                    simd_list_assign_subscript};

// --------------------------------------------------------- plain methods

PyObject* simd_list_tolist(PyObject* self, PyObject*) {
  auto* list = reinterpret_cast<SimdListObject*>(self);
  PyObject* result = PyList_New(list->length);
  if (result == nullptr) return nullptr;
  for (Py_ssize_t i = 0; i < list->length; ++i) {
    PyObject* item = element_object(list, static_cast<size_t>(i));
    if (item == nullptr) {
      Py_DECREF(result);
      return nullptr;
    }
    PyList_SET_ITEM(result, i, item);
  }
  return result;
}

PyObject* simd_list_repr(PyObject* self) {
  auto* list = reinterpret_cast<SimdListObject*>(self);
  constexpr Py_ssize_t kShown = 20;
  const Py_ssize_t shown = list->length <= kShown ? list->length : kShown / 2;
  PyObject* head = PyList_New(shown);
  if (head == nullptr) return nullptr;
  for (Py_ssize_t i = 0; i < shown; ++i) {
    PyObject* item = element_object(list, static_cast<size_t>(i));
    if (item == nullptr) {
      Py_DECREF(head);
      return nullptr;
    }
    PyList_SET_ITEM(head, i, item);
  }
  PyObject* result =
      shown == list->length
          ? PyUnicode_FromFormat("SimdList(%R, dtype='%s')", head, dtype_name(list->type))
          : PyUnicode_FromFormat("SimdList(%R ... %zd elements, dtype='%s')", head, list->length,
                                 dtype_name(list->type));
  Py_DECREF(head);
  return result;
}

PyObject* simd_list_dtype(PyObject* self, void*) {
  return PyUnicode_FromString(dtype_name(reinterpret_cast<SimdListObject*>(self)->type));
}

PyObject* simd_list_readonly(PyObject* self, void*) {
  return PyBool_FromLong(reinterpret_cast<SimdListObject*>(self)->readonly);
}

PyGetSetDef kGetSet[] = {
    {"dtype", simd_list_dtype, nullptr, "'int64' or 'float64'.", nullptr},
    {"readonly", simd_list_readonly, nullptr,
     "True when the list views a read-only buffer (assignment then raises TypeError).", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef kPlainMethods[] = {
    {"tolist", simd_list_tolist, METH_NOARGS, "The elements as a list of int or float."},
    {nullptr, nullptr, 0, nullptr},
};

constexpr const char* kDoc =
    "SimdList(data, dtype=None, *, copy=False)\n--\n\n"
    "A fixed-length list of int64 or float64 elements whose operations run on the engines' "
    "SIMD kernels.\n\n"
    "A C-contiguous, 8-byte-aligned, one-dimensional int64 or float64 buffer (a NumPy array, "
    "array.array('q'), another SimdList) is viewed without copying: the list shares its "
    "memory and keeps it alive, and is read-only when the buffer is. Any other buffer raises "
    "TypeError (other element types) or ValueError (non-contiguous, misaligned, not 1-D) "
    "unless copy=True asks for a copy. Any other iterable of ints and floats is copied: "
    "all ints give int64, anything else float64; dtype='int64' or 'float64' forces the type.";

}  // namespace

// A static type: its fields are set in register_simd_list, before PyType_Ready.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
PyTypeObject SimdListType = {PyVarObject_HEAD_INIT(nullptr, 0)};
#pragma GCC diagnostic pop

SimdListObject* new_owned_list(ElementType type, size_t length) {
  if (length > static_cast<size_t>(PY_SSIZE_T_MAX) / kItemSize - kStorageAlignment) {
    PyErr_NoMemory();
    return nullptr;
  }
  void* allocation = PyMem_RawMalloc(length * kItemSize + kStorageAlignment);
  if (allocation == nullptr) {
    PyErr_NoMemory();
    return nullptr;
  }
  advise_huge_pages(allocation, length * kItemSize + kStorageAlignment);
  SimdListObject* list = new_list_object(type);
  if (list == nullptr) {
    PyMem_RawFree(allocation);
    return nullptr;
  }
  const uintptr_t address = reinterpret_cast<uintptr_t>(allocation);
  const uintptr_t start = (address + kStorageAlignment - 1) & ~(kStorageAlignment - 1);
  list->allocation = allocation;
  list->data = static_cast<char*>(allocation) + (start - address);
  list->length = static_cast<Py_ssize_t>(length);
  return list;
}

void shrink_owned_list(SimdListObject* list, size_t length) {
  const size_t unused_bytes = (list->size() - length) * kItemSize;
  list->length = static_cast<Py_ssize_t>(length);
  if (list->has_view || unused_bytes < 64 * 1024) return;
  // realloc keeps the bytes at the same offset from the start of the block,
  // and a (possibly moved) block is at least 8-byte aligned, so data stays
  // valid and aligned enough for every kernel.
  const size_t offset = static_cast<size_t>(list->data - static_cast<char*>(list->allocation));
  void* moved = PyMem_RawRealloc(list->allocation, offset + length * kItemSize + 1);
  if (moved == nullptr) return;  // keeping the larger block is fine
  list->allocation = moved;
  list->data = static_cast<char*>(moved) + offset;
}

PyObject* element_object(const SimdListObject* list, size_t index) {
  if (list->type == ElementType::kInt64) {
    int64_t value;
    std::memcpy(&value, list->data + index * kItemSize, sizeof value);
    return PyLong_FromLongLong(value);
  }
  double value;
  std::memcpy(&value, list->data + index * kItemSize, sizeof value);
  return PyFloat_FromDouble(value);
}

void register_simd_list(pybind11::module_& module) {
  static PyMethodDef methods[16] = {};
  size_t count = 0;
  for (PyMethodDef* table : {kPlainMethods, kSimdListKernelMethods}) {
    for (PyMethodDef* method = table; method->ml_name != nullptr; ++method) {
      methods[count++] = *method;
    }
  }
  SimdListType.tp_name = "dxpy.SimdList";
  SimdListType.tp_basicsize = sizeof(SimdListObject);
  SimdListType.tp_dealloc = simd_list_dealloc;
  SimdListType.tp_repr = simd_list_repr;
  SimdListType.tp_as_sequence = &kSequenceMethods;
  SimdListType.tp_as_mapping = &kMappingMethods;
  SimdListType.tp_hash = PyObject_HashNotImplemented;
  SimdListType.tp_as_buffer = &kBufferProcs;
  SimdListType.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_SEQUENCE;
  SimdListType.tp_doc = kDoc;
  SimdListType.tp_weaklistoffset = offsetof(SimdListObject, weakrefs);
  SimdListType.tp_iter = PySeqIter_New;
  SimdListType.tp_methods = methods;
  SimdListType.tp_getset = kGetSet;
  SimdListType.tp_new = simd_list_new;
  if (PyType_Ready(&SimdListType) < 0) throw pybind11::error_already_set();
  module.add_object("SimdList", reinterpret_cast<PyObject*>(&SimdListType));
}

}  // namespace dxpy::bindings
