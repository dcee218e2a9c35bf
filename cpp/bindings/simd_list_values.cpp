#include "simd_list_values.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace dxpy::bindings {
namespace {

constexpr double kTwoTo63 = 9223372036854775808.0;  // 2^63, exactly a double

bool dtype_from_name(PyObject* name, DtypeArgument* out) {
  if (PyUnicode_CompareWithASCIIString(name, "int64") == 0) {
    *out = {true, ElementType::kInt64};
    return true;
  }
  if (PyUnicode_CompareWithASCIIString(name, "float64") == 0) {
    *out = {true, ElementType::kFloat64};
    return true;
  }
  PyErr_Format(PyExc_ValueError, "SimdList dtype must be 'int64' or 'float64', not %R", name);
  return false;
}

// A Python int (or __index__ object) as int64; false without an exception
// when it does not fit, false with one on other errors.
bool int64_of_integer(PyObject* integer, int64_t* out, bool* fits) {
  int overflow = 0;
  const long long value = PyLong_AsLongLongAndOverflow(integer, &overflow);
  if (value == -1 && PyErr_Occurred()) return false;
  *fits = overflow == 0;
  *out = value;
  return true;
}

// PyNumber_Index that reports "has no usable __index__" as nullptr without an
// exception, so the caller can treat the value as not an integer.
PyObject* index_or_null(PyObject* value) {
  PyObject* integer = PyNumber_Index(value);
  if (integer == nullptr && PyErr_ExceptionMatches(PyExc_TypeError)) PyErr_Clear();
  return integer;
}

bool store_int64(SimdListObject* list, size_t index, PyObject* value, const char* what,
                 Py_ssize_t position) {
  if (PyFloat_Check(value)) {
    PyErr_Format(PyExc_TypeError,
                 "%s: element %zd is a float (%R); an int64 SimdList holds ints only", what,
                 position, value);
    return false;
  }
  PyObject* integer = PyLong_Check(value) ? Py_NewRef(value) : nullptr;
  if (integer == nullptr && PyIndex_Check(value)) {
    integer = index_or_null(value);
    if (integer == nullptr && PyErr_Occurred()) return false;
  }
  if (integer == nullptr) {
    PyErr_Format(PyExc_TypeError, "%s: element %zd is '%.200s', not an int", what, position,
                 Py_TYPE(value)->tp_name);
    return false;
  }
  int64_t converted = 0;
  bool fits = false;
  const bool ok = int64_of_integer(integer, &converted, &fits);
  if (ok && !fits) {
    PyErr_Format(PyExc_OverflowError, "%s: element %zd (%R) does not fit in int64", what,
                 position, integer);
  }
  Py_DECREF(integer);
  if (!ok || !fits) return false;
  std::memcpy(list->data + index * sizeof converted, &converted, sizeof converted);
  return true;
}

bool has_float_method(PyObject* value) {
  const PyNumberMethods* number = Py_TYPE(value)->tp_as_number;
  return number != nullptr && number->nb_float != nullptr;
}

bool store_float64(SimdListObject* list, size_t index, PyObject* value, const char* what,
                   Py_ssize_t position) {
  double converted;
  if (PyFloat_Check(value)) {
    converted = PyFloat_AS_DOUBLE(value);
  } else if (PyLong_Check(value) || PyIndex_Check(value) || has_float_method(value)) {
    // PyFloat_AsDouble rounds an int exactly as float(v) does, and calls
    // __index__ / __float__ for other numbers.
    converted = PyFloat_AsDouble(value);
    if (converted == -1.0 && PyErr_Occurred()) {
      if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
        PyErr_Format(PyExc_OverflowError, "%s: element %zd is an int too large to convert to float",
                     what, position);
      }
      return false;
    }
  } else {
    PyErr_Format(PyExc_TypeError, "%s: element %zd is '%.200s', not an int or float", what,
                 position, Py_TYPE(value)->tp_name);
    return false;
  }
  std::memcpy(list->data + index * sizeof converted, &converted, sizeof converted);
  return true;
}

}  // namespace

bool parse_dtype(PyObject* object, DtypeArgument* out) {
  if (object == Py_None) {
    *out = {};
    return true;
  }
  if (PyUnicode_Check(object)) return dtype_from_name(object, out);
  PyObject* name = nullptr;
  if (object == reinterpret_cast<PyObject*>(&PyLong_Type)) {
    name = PyUnicode_FromString("int64");
  } else if (object == reinterpret_cast<PyObject*>(&PyFloat_Type)) {
    name = PyUnicode_FromString("float64");
  } else if (PyType_Check(object)) {
    name = PyObject_GetAttrString(object, "__name__");  // numpy.int64, numpy.float64
  } else {
    name = PyObject_GetAttrString(object, "name");  // numpy.dtype('int64')
  }
  if (name == nullptr || !PyUnicode_Check(name)) {
    Py_XDECREF(name);
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError,
                 "SimdList dtype must be 'int64', 'float64', int, float or None, not '%.200s'",
                 Py_TYPE(object)->tp_name);
    return false;
  }
  const bool ok = dtype_from_name(name, out);
  Py_DECREF(name);
  return ok;
}

bool is_integer_value(PyObject* value) {
  return PyLong_Check(value) || (!PyFloat_Check(value) && PyIndex_Check(value));
}

bool store_element(SimdListObject* list, size_t index, PyObject* value, const char* what,
                   Py_ssize_t position) {
  return list->type == ElementType::kInt64 ? store_int64(list, index, value, what, position)
                                           : store_float64(list, index, value, what, position);
}

bool Operand::classify(PyObject* value) {
  original_ = value;
  if (PyLong_Check(value)) {
    kind_ = OperandKind::kInt;
    integer_ = Py_NewRef(value);
  } else if (PyFloat_Check(value)) {
    kind_ = OperandKind::kFloat;
    real_ = PyFloat_AS_DOUBLE(value);
  } else if (PyIndex_Check(value)) {
    integer_ = index_or_null(value);
    if (integer_ == nullptr) return !PyErr_Occurred();  // kOther
    kind_ = OperandKind::kInt;
  }
  return true;
}

bool int64_equal_to(const Operand& operand, int64_t* wanted) {
  if (operand.kind() == OperandKind::kFloat) {
    const double real = operand.real();
    // NaN and infinities fail the range test; a fraction fails the floor test.
    if (!(real >= -kTwoTo63 && real < kTwoTo63) || std::floor(real) != real) return false;
    *wanted = static_cast<int64_t>(real);
    return true;
  }
  bool fits = false;
  if (!int64_of_integer(operand.integer(), wanted, &fits)) PyErr_Clear();  // cannot fail on a PyLong
  return fits;
}

bool float64_equal_to(const Operand& operand, double* wanted, bool* found) {
  *found = false;
  if (operand.kind() == OperandKind::kFloat) {
    *wanted = operand.real();
    *found = true;
    return true;
  }
  const double nearest = PyLong_AsDouble(operand.integer());
  if (nearest == -1.0 && PyErr_Occurred()) {
    if (!PyErr_ExceptionMatches(PyExc_OverflowError)) return false;
    PyErr_Clear();  // beyond every double: equal to none
    return true;
  }
  // Python compares float with int exactly: equal only if the int is exactly
  // the double nearest to it.
  PyObject* as_float = PyFloat_FromDouble(nearest);
  if (as_float == nullptr) return false;
  const int equal = PyObject_RichCompareBool(as_float, operand.integer(), Py_EQ);
  Py_DECREF(as_float);
  if (equal < 0) return false;
  *wanted = nearest;
  *found = equal == 1;
  return true;
}

ThresholdKind int64_threshold(const Operand& operand, int64_t* threshold) {
  if (operand.kind() == OperandKind::kFloat) {
    const double real = operand.real();
    if (std::isnan(real) || real >= kTwoTo63) return ThresholdKind::kNothingGreater;
    if (real < -kTwoTo63) return ThresholdKind::kEverythingGreater;
    // For an integer x: x > t <=> x > floor(t); floor(t) is in [-2^63, 2^63).
    *threshold = static_cast<int64_t>(std::floor(real));
    return ThresholdKind::kThreshold;
  }
  int overflow = 0;
  *threshold = PyLong_AsLongLongAndOverflow(operand.integer(), &overflow);
  if (overflow > 0) return ThresholdKind::kNothingGreater;
  if (overflow < 0) return ThresholdKind::kEverythingGreater;
  return ThresholdKind::kThreshold;
}

bool float64_threshold(const Operand& operand, double* threshold) {
  if (operand.kind() == OperandKind::kFloat) {
    *threshold = operand.real();
    return true;
  }
  PyObject* integer = operand.integer();
  double nearest = PyLong_AsDouble(integer);
  if (nearest == -1.0 && PyErr_Occurred()) {
    if (!PyErr_ExceptionMatches(PyExc_OverflowError)) return false;
    PyErr_Clear();
    // Beyond the float range: only +inf is greater than a huge positive int,
    // and every double but -inf and NaN is greater than a huge negative one.
    PyObject* zero = PyLong_FromLong(0);
    if (zero == nullptr) return false;
    const int positive = PyObject_RichCompareBool(integer, zero, Py_GT);
    Py_DECREF(zero);
    if (positive < 0) return false;
    *threshold = positive ? std::numeric_limits<double>::max()
                          : -std::numeric_limits<double>::infinity();
    return true;
  }
  // Rounded up past the int: step down, so no double lies between the int
  // and the threshold.
  PyObject* as_float = PyFloat_FromDouble(nearest);
  if (as_float == nullptr) return false;
  const int above = PyObject_RichCompareBool(as_float, integer, Py_GT);
  Py_DECREF(as_float);
  if (above < 0) return false;
  if (above) nearest = std::nextafter(nearest, -std::numeric_limits<double>::infinity());
  *threshold = nearest;
  return true;
}

}  // namespace dxpy::bindings
