// SimdList's kernel-backed methods: sum, filter_gt, map_mul2, index, count and
// `in`. Each turns its Python operand into what one kernel call needs (an
// int64 or double, or "nothing/everything matches"), runs the chosen engine's
// kernel, and builds the result; operands that are neither int nor float fall
// back to Python's own comparisons element by element, so the answer is
// always what the same operation on tolist() gives.
#include <cstring>
#include <optional>
#include <string>

#include "simd/registry.h"
#include "gil.h"
#include "simd_list_object.h"
#include "simd_list_values.h"
#include "swiss_dict.h"  // resolve_engine: the engine argument, parsed once for both types

namespace dxpy::bindings {
namespace {

using collections::ListKernels;

// Kernels over this many elements (512 KiB) run with the GIL released. The
// list's storage never moves or resizes while the list lives (a viewed
// exporter stays pinned by the buffer export), and the method holds a
// reference to the list, so other threads can at most change values meanwhile.
constexpr size_t kReleaseGilElements = 64 * 1024;


SimdListObject* as_list(PyObject* self) { return reinterpret_cast<SimdListObject*>(self); }

// The kernels of `engine`: None for the dispatcher's choice, an engine name,
// or a dxpy.Engine, resolved as SwissDict resolves its engine argument.
const ListKernels* engine_kernels(PyObject* engine) {
  const simd::EngineBuild* build = swiss_dict::resolve_engine(engine);
  return build != nullptr ? build->lists : nullptr;
}

// Parses (operand, engine=None), or (engine=None) when operand is null.
bool parse_arguments(PyObject* args, PyObject* kwargs, const char* format,
                     const char* operand_name, PyObject** operand, PyObject** engine) {
  if (operand == nullptr) {
    static const char* engine_only[] = {"engine", nullptr};
    return PyArg_ParseTupleAndKeywords(args, kwargs, format, const_cast<char**>(engine_only),
                                       engine) != 0;
  }
  const char* keywords[] = {operand_name, "engine", nullptr};
  return PyArg_ParseTupleAndKeywords(args, kwargs, format, const_cast<char**>(keywords), operand,
                                     engine) != 0;
}

// ------------------------------------------------------------------- sum

PyObject* exact_sum_object(collections::ExactSum sum) {
  const bool fits_int64 = sum.high == (static_cast<int64_t>(sum.low) < 0 ? -1 : 0);
  if (fits_int64) return PyLong_FromLongLong(static_cast<int64_t>(sum.low));
  PyObject* high = PyLong_FromLongLong(sum.high);
  PyObject* shift = PyLong_FromLong(64);
  PyObject* low = PyLong_FromUnsignedLongLong(sum.low);
  PyObject* shifted = high && shift ? PyNumber_Lshift(high, shift) : nullptr;
  PyObject* result = shifted && low ? PyNumber_Add(shifted, low) : nullptr;
  Py_XDECREF(high);
  Py_XDECREF(shift);
  Py_XDECREF(low);
  Py_XDECREF(shifted);
  return result;
}

PyObject* simd_list_sum(PyObject* self, PyObject* args, PyObject* kwargs) {
  PyObject* engine = Py_None;
  if (!parse_arguments(args, kwargs, "|O:sum", nullptr, nullptr, &engine)) return nullptr;
  const ListKernels* kernels = engine_kernels(engine);
  if (kernels == nullptr) return nullptr;
  SimdListObject* list = as_list(self);
  if (list->type == ElementType::kInt64) {
    collections::ExactSum sum;
    {
      GilReleasedFor unlocked(list->size(), kReleaseGilElements);
      sum = kernels->sum_i64(list->int64s(), list->size());
    }
    return exact_sum_object(sum);
  }
  double sum;
  {
    GilReleasedFor unlocked(list->size(), kReleaseGilElements);
    sum = kernels->sum_f64(list->float64s(), list->size());
  }
  return PyFloat_FromDouble(sum);
}

// ------------------------------------------------------------- filter_gt

// Python's own `x > threshold` for each element: the fallback for operands
// the kernels cannot take (CPython raises its own TypeError for a str).
PyObject* filter_gt_by_python(SimdListObject* list, PyObject* threshold) {
  SimdListObject* result = new_owned_list(list->type, list->size());
  if (result == nullptr) return nullptr;
  size_t written = 0;
  for (size_t i = 0; i < list->size(); ++i) {
    PyObject* item = element_object(list, i);
    const int greater = item ? PyObject_RichCompareBool(item, threshold, Py_GT) : -1;
    Py_XDECREF(item);
    if (greater < 0) {
      Py_DECREF(result);
      return nullptr;
    }
    if (greater) std::memcpy(result->data + written++ * 8, list->data + i * 8, 8);
  }
  shrink_owned_list(result, written);
  return reinterpret_cast<PyObject*>(result);
}

PyObject* simd_list_filter_gt(PyObject* self, PyObject* args, PyObject* kwargs) {
  PyObject* threshold_object = nullptr;
  PyObject* engine = Py_None;
  if (!parse_arguments(args, kwargs, "O|O:filter_gt", "threshold", &threshold_object, &engine)) {
    return nullptr;
  }
  const ListKernels* kernels = engine_kernels(engine);
  if (kernels == nullptr) return nullptr;
  SimdListObject* list = as_list(self);
  Operand operand;
  if (!operand.classify(threshold_object)) return nullptr;
  if (operand.kind() == OperandKind::kOther) return filter_gt_by_python(list, threshold_object);

  SimdListObject* result = new_owned_list(list->type, list->size());
  if (result == nullptr) return nullptr;
  size_t written = 0;
  if (list->type == ElementType::kInt64) {
    int64_t threshold = 0;
    switch (int64_threshold(operand, &threshold)) {
      case ThresholdKind::kNothingGreater:
        break;
      case ThresholdKind::kEverythingGreater:
        std::memcpy(result->data, list->data, list->size() * 8);
        written = list->size();
        break;
      case ThresholdKind::kThreshold: {
        GilReleasedFor unlocked(list->size(), kReleaseGilElements);
        written = kernels->filter_gt_i64(list->int64s(), list->size(), threshold,
                                         result->int64s());
        break;
      }
    }
  } else {
    double threshold = 0.0;
    if (!float64_threshold(operand, &threshold)) {
      Py_DECREF(result);
      return nullptr;
    }
    GilReleasedFor unlocked(list->size(), kReleaseGilElements);
    written = kernels->filter_gt_f64(list->float64s(), list->size(), threshold,
                                     result->float64s());
  }
  shrink_owned_list(result, written);
  return reinterpret_cast<PyObject*>(result);
}

// -------------------------------------------------------------- map_mul2

PyObject* simd_list_map_mul2(PyObject* self, PyObject* args, PyObject* kwargs) {
  PyObject* engine = Py_None;
  if (!parse_arguments(args, kwargs, "|O:map_mul2", nullptr, nullptr, &engine)) return nullptr;
  const ListKernels* kernels = engine_kernels(engine);
  if (kernels == nullptr) return nullptr;
  SimdListObject* list = as_list(self);
  SimdListObject* result = new_owned_list(list->type, list->size());
  if (result == nullptr) return nullptr;
  if (list->type == ElementType::kFloat64) {
    GilReleasedFor unlocked(list->size(), kReleaseGilElements);
    kernels->map_mul2_f64(list->float64s(), list->size(), result->float64s());
    return reinterpret_cast<PyObject*>(result);
  }
  size_t stopped_at;
  {
    GilReleasedFor unlocked(list->size(), kReleaseGilElements);
    stopped_at = kernels->map_mul2_i64(list->int64s(), list->size(), result->int64s());
  }
  if (stopped_at != list->size()) {
    // The partly written result is dropped: nothing partial escapes.
    Py_DECREF(result);
    int64_t value;
    std::memcpy(&value, list->data + stopped_at * 8, sizeof value);
    return PyErr_Format(PyExc_OverflowError, "map_mul2: element %zu (%lld) * 2 overflows int64",
                        stopped_at, static_cast<long long>(value));
  }
  return reinterpret_cast<PyObject*>(result);
}

// ---------------------------------------------------------- index, count

// Where `value` first occurs (Py_ssize_t) and how often (when counting), by
// the kernels or, for other operands, by Python's == element by element
// (item == value, as list.index and list.count compare). -1 with an
// exception on error, `length` when absent.
Py_ssize_t search(SimdListObject* list, PyObject* value, const ListKernels* kernels, bool counting,
                  size_t* count) {
  const size_t length = list->size();
  *count = 0;
  Operand operand;
  if (!operand.classify(value)) return -1;
  if (operand.kind() == OperandKind::kOther) {
    for (size_t i = 0; i < length; ++i) {
      PyObject* item = element_object(list, i);
      const int equal = item ? PyObject_RichCompareBool(item, value, Py_EQ) : -1;
      Py_XDECREF(item);
      if (equal < 0) return -1;
      if (equal && !counting) return static_cast<Py_ssize_t>(i);
      *count += static_cast<size_t>(equal);
    }
    return static_cast<Py_ssize_t>(length);
  }
  size_t found = length;
  if (list->type == ElementType::kInt64) {
    int64_t wanted;
    if (!int64_equal_to(operand, &wanted)) return static_cast<Py_ssize_t>(length);
    GilReleasedFor unlocked(length, kReleaseGilElements);
    if (counting) {
      *count = kernels->count_i64(list->int64s(), length, wanted);
    } else {
      found = kernels->index_i64(list->int64s(), length, wanted);
    }
  } else {
    double wanted;
    bool possible;
    if (!float64_equal_to(operand, &wanted, &possible)) return -1;
    if (!possible) return static_cast<Py_ssize_t>(length);
    GilReleasedFor unlocked(length, kReleaseGilElements);
    if (counting) {
      *count = kernels->count_f64(list->float64s(), length, wanted);
    } else {
      found = kernels->index_f64(list->float64s(), length, wanted);
    }
  }
  return static_cast<Py_ssize_t>(found);
}

PyObject* simd_list_index(PyObject* self, PyObject* args, PyObject* kwargs) {
  PyObject* value = nullptr;
  PyObject* engine = Py_None;
  if (!parse_arguments(args, kwargs, "O|O:index", "value", &value, &engine)) return nullptr;
  const ListKernels* kernels = engine_kernels(engine);
  if (kernels == nullptr) return nullptr;
  SimdListObject* list = as_list(self);
  size_t unused;
  const Py_ssize_t found = search(list, value, kernels, false, &unused);
  if (found < 0) return nullptr;
  if (found == list->length) return PyErr_Format(PyExc_ValueError, "%R is not in SimdList", value);
  return PyLong_FromSsize_t(found);
}

PyObject* simd_list_count(PyObject* self, PyObject* args, PyObject* kwargs) {
  PyObject* value = nullptr;
  PyObject* engine = Py_None;
  if (!parse_arguments(args, kwargs, "O|O:count", "value", &value, &engine)) return nullptr;
  const ListKernels* kernels = engine_kernels(engine);
  if (kernels == nullptr) return nullptr;
  size_t count;
  if (search(as_list(self), value, kernels, true, &count) < 0) return nullptr;
  return PyLong_FromSize_t(count);
}

}  // namespace

int simd_list_contains(PyObject* self, PyObject* value) {
  const ListKernels* kernels = engine_kernels(nullptr);
  if (kernels == nullptr) return -1;
  SimdListObject* list = as_list(self);
  size_t unused;
  const Py_ssize_t found = search(list, value, kernels, false, &unused);
  if (found < 0) return -1;
  return found < list->length ? 1 : 0;
}

PyMethodDef kSimdListKernelMethods[] = {
    {"sum", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(simd_list_sum)),
     METH_VARARGS | METH_KEYWORDS,
     "sum($self, /, engine=None)\n--\n\nThe sum of the elements. int64: the exact integer (never wraps). "
     "float64: added in one fixed order shared by every engine, so bit-identical across "
     "engines; an empty list sums to 0.0."},
    {"filter_gt", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(simd_list_filter_gt)),
     METH_VARARGS | METH_KEYWORDS,
     "filter_gt($self, /, threshold, engine=None)\n--\n\nA new SimdList of the elements > threshold, in "
     "order (Python's comparison: exact between int and float; NaN is never greater)."},
    {"map_mul2", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(simd_list_map_mul2)),
     METH_VARARGS | METH_KEYWORDS,
     "map_mul2($self, /, engine=None)\n--\n\nA new SimdList of every element times 2. int64: "
     "OverflowError naming the first element whose double does not fit (no result)."},
    {"index", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(simd_list_index)),
     METH_VARARGS | METH_KEYWORDS,
     "index($self, /, value, engine=None)\n--\n\nThe first index of value; ValueError if absent "
     "(like list.index)."},
    {"count", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(simd_list_count)),
     METH_VARARGS | METH_KEYWORDS,
     "count($self, /, value, engine=None)\n--\n\nHow many elements equal value (like list.count)."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace dxpy::bindings
