// Python values in and out of SimdList: the dtype argument, elements stored
// into a list (construction and assignment), and the operands of the methods
// (thresholds and searched values), each with CPython-style errors.
//
// Functions returning bool report failure CPython-style: false with a Python
// exception set.
#pragma once

#include <Python.h>

#include <cstdint>

#include "simd_list_object.h"

namespace dxpy::bindings {

struct DtypeArgument {
  bool given = false;
  ElementType type = ElementType::kInt64;
};

// None; 'int64' / 'float64'; int / float; or anything whose name (a NumPy
// dtype's .name, a scalar type's __name__) is one of the two.
bool parse_dtype(PyObject* object, DtypeArgument* out);

// Whether dtype inference counts the value as an int: int (bool included) or
// an object with __index__ (NumPy integers), never a float.
bool is_integer_value(PyObject* value);

// Converts `value` to the list's element type and stores it at `index`;
// nothing is written unless the conversion succeeds. `what` and `position`
// name the place in messages ("SimdList(): element 3 ...").
//   int64:   int or __index__ objects; a float is a TypeError (no silent
//            truncation); out of range is an OverflowError.
//   float64: float, int (converted exactly as float(v) does: OverflowError if
//            too large) or anything with __float__.
bool store_element(SimdListObject* list, size_t index, PyObject* value, const char* what,
                   Py_ssize_t position);

// A method's operand, sorted by what the kernels can do with it.
enum class OperandKind { kInt, kFloat, kOther };
class Operand {
 public:
  Operand() = default;
  Operand(const Operand&) = delete;
  Operand& operator=(const Operand&) = delete;
  ~Operand() { Py_XDECREF(integer_); }

  // false with an exception set only for errors other than "not a number".
  bool classify(PyObject* value);

  OperandKind kind() const { return kind_; }
  PyObject* original() const { return original_; }
  PyObject* integer() const { return integer_; }  // a PyLong when kInt
  double real() const { return real_; }           // when kFloat

 private:
  OperandKind kind_ = OperandKind::kOther;
  PyObject* original_ = nullptr;
  PyObject* integer_ = nullptr;
  double real_ = 0.0;
};

// The int64 that a value equal to the operand must have; false when no int64
// equals it (an int out of range, a non-integral or non-finite float).
bool int64_equal_to(const Operand& operand, int64_t* wanted);

// The double that a value equal to the operand must have; *found false when
// no double equals it (an int that no double represents exactly).
bool float64_equal_to(const Operand& operand, double* wanted, bool* found);

// What "x > operand" means for the values of a list, as one kernel threshold.
enum class ThresholdKind { kNothingGreater, kEverythingGreater, kThreshold };
ThresholdKind int64_threshold(const Operand& operand, int64_t* threshold);
// For float64 lists: an int operand becomes the largest double not above it,
// so x > t <=> x > threshold for every double x (t beyond the float range
// included). false with an exception set on failure.
bool float64_threshold(const Operand& operand, double* threshold);

}  // namespace dxpy::bindings
