// SwissDict's operators: == and != with dict and SwissDict, | and |=, repr.
#include "swiss_dict.h"

#include <cstring>

namespace dxpy::bindings::swiss_dict {
namespace {

bool is_dict_like(PyObject* op) { return check(op) || PyDict_Check(op); }

// self == other for a dict or SwissDict other: same length, and every key of
// self maps to an equal value in other. Keys and values are held while
// __eq__ runs; the loop re-reads self's entries after each comparison.
int mapping_equal(Object* self, PyObject* other) {
  const bool other_swiss = check(other);
  const Py_ssize_t other_length =
      other_swiss ? reinterpret_cast<Object*>(other)->length : PyDict_GET_SIZE(other);
  if (self->length != other_length) return 0;
  for (Py_ssize_t i = 0; i < self->used; ++i) {
    const Entry& entry = self->entries[i];
    if (entry.key == nullptr) continue;
    PyObject* key = Py_NewRef(entry.key);
    PyObject* value = Py_NewRef(entry.value);
    PyObject* other_value = nullptr;
    int status = 0;
    if (other_swiss) {
      auto* other_dict = reinterpret_cast<Object*>(other);
      Found found;
      status = lookup(other_dict, key, entry.hash, &found);
      if (status > 0) other_value = Py_NewRef(other_dict->entries[found.entry].value);
    } else {
      other_value = Py_XNewRef(PyDict_GetItemWithError(other, key));
      status = other_value != nullptr ? 1 : PyErr_Occurred() ? -1 : 0;
    }
    if (status > 0) status = PyObject_RichCompareBool(value, other_value, Py_EQ);
    Py_DECREF(key);
    Py_DECREF(value);
    Py_XDECREF(other_value);
    if (status <= 0) return status;
  }
  return 1;
}

}  // namespace

PyObject* rich_compare(PyObject* op, PyObject* other, int comparison) {
  if ((comparison != Py_EQ && comparison != Py_NE) || !is_dict_like(other)) {
    Py_RETURN_NOTIMPLEMENTED;
  }
  const int equal = mapping_equal(reinterpret_cast<Object*>(op), other);
  if (equal < 0) return nullptr;
  return PyBool_FromLong(equal == (comparison == Py_EQ));
}

// a | b for SwissDict and dict operands in either order: a SwissDict with the
// items of a, then b's (b wins on common keys), probing with the left
// SwissDict's engine.
PyObject* merge_or(PyObject* left, PyObject* right) {
  if (!is_dict_like(left) || !is_dict_like(right)) Py_RETURN_NOTIMPLEMENTED;
  PyObject* result;
  if (check(left)) {
    result = copy(reinterpret_cast<Object*>(left));
  } else {
    const simd::EngineBuild* engine = reinterpret_cast<Object*>(right)->engine;
    result = reinterpret_cast<PyObject*>(new_empty(&Type, engine));
    if (result != nullptr && update_from(reinterpret_cast<Object*>(result), left) < 0) {
      Py_CLEAR(result);
    }
  }
  if (result != nullptr && update_from(reinterpret_cast<Object*>(result), right) < 0) {
    Py_CLEAR(result);
  }
  return result;
}

// a |= b takes anything update() takes, as dict's |= does.
PyObject* merge_in_place(PyObject* op, PyObject* other) {
  if (update_from(reinterpret_cast<Object*>(op), other) < 0) return nullptr;
  return Py_NewRef(op);
}

// "SwissDict({k: v, ...})"; a SwissDict inside itself shows as "...".
PyObject* repr(PyObject* op) {
  auto* self = reinterpret_cast<Object*>(op);
  const char* name = Py_TYPE(op)->tp_name;
  if (const char* dot = std::strrchr(name, '.')) name = dot + 1;
  if (self->length == 0) return PyUnicode_FromFormat("%s({})", name);
  const int entered = Py_ReprEnter(op);
  if (entered != 0) return entered > 0 ? PyUnicode_FromString("...") : nullptr;
  PyObject* parts = PyList_New(0);
  PyObject* result = nullptr;
  bool failed = parts == nullptr;
  for (Py_ssize_t i = 0; !failed && i < self->used; ++i) {
    if (self->entries[i].key == nullptr) continue;
    PyObject* key = Py_NewRef(self->entries[i].key);
    PyObject* value = Py_NewRef(self->entries[i].value);
    PyObject* part = PyUnicode_FromFormat("%R: %R", key, value);
    Py_DECREF(key);
    Py_DECREF(value);
    failed = part == nullptr || PyList_Append(parts, part) < 0;
    Py_XDECREF(part);
  }
  if (!failed) {
    PyObject* separator = PyUnicode_FromString(", ");
    PyObject* joined = separator != nullptr ? PyUnicode_Join(separator, parts) : nullptr;
    if (joined != nullptr) result = PyUnicode_FromFormat("%s({%U})", name, joined);
    Py_XDECREF(separator);
    Py_XDECREF(joined);
  }
  Py_XDECREF(parts);
  Py_ReprLeave(op);
  return result;
}

}  // namespace dxpy::bindings::swiss_dict
