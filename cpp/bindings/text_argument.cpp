#include "text_argument.h"

#include <utility>

namespace dxpy::bindings {

TextArgument::TextArgument(TextArgument&& other) noexcept
    : text_(other.text_),
      ascii_(other.ascii_),
      owner_(std::exchange(other.owner_, nullptr)),
      buffer_(other.buffer_),
      has_buffer_(std::exchange(other.has_buffer_, false)) {}

TextArgument::~TextArgument() {
  if (has_buffer_) PyBuffer_Release(&buffer_);
  Py_XDECREF(owner_);
}

bool TextArgument::set_str(PyObject* object) {
  if (PyUnicode_IS_ASCII(object)) {
    text_ = {static_cast<const uint8_t*>(PyUnicode_DATA(object)),
             static_cast<size_t>(PyUnicode_GET_LENGTH(object))};
    ascii_ = true;
    return true;
  }
  ascii_ = false;
  Py_ssize_t size = 0;
  if (const char* utf8 = PyUnicode_AsUTF8AndSize(object, &size); utf8 != nullptr) {
    text_ = {reinterpret_cast<const uint8_t*>(utf8), static_cast<size_t>(size)};
    return true;
  }
  // Lone surrogates have no UTF-8; their surrogatepass form keeps every code
  // point a self-delimiting byte sequence, which is all the engines need.
  if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) return false;
  PyErr_Clear();
  owner_ = PyUnicode_AsEncodedString(object, "utf-8", "surrogatepass");
  if (owner_ == nullptr) return false;
  text_ = {reinterpret_cast<const uint8_t*>(PyBytes_AS_STRING(owner_)),
           static_cast<size_t>(PyBytes_GET_SIZE(owner_))};
  return true;
}

bool TextArgument::set_buffer(PyObject* object) {
  if (PyObject_GetBuffer(object, &buffer_, PyBUF_SIMPLE) != 0) return false;
  has_buffer_ = true;
  text_ = {static_cast<const uint8_t*>(buffer_.buf), static_cast<size_t>(buffer_.len)};
  ascii_ = false;
  return true;
}

const char* type_name(PyObject* object) { return Py_TYPE(object)->tp_name; }

bool haystack_kind(PyObject* object, const char* method, TextKind* kind) {
  if (PyUnicode_Check(object)) {
    *kind = TextKind::kStr;
  } else if (PyBytes_Check(object)) {
    *kind = TextKind::kBytes;
  } else if (PyByteArray_Check(object)) {
    *kind = TextKind::kByteArray;
  } else {
    PyErr_Format(PyExc_TypeError, "%s() argument 1 must be str, bytes or bytearray, not %.100s",
                 method, type_name(object));
    return false;
  }
  return true;
}

bool same_family_argument(PyObject* object, TextKind kind, const char* what,
                          const char* bytes_message, TextArgument* out) {
  if (kind == TextKind::kStr) {
    if (!PyUnicode_Check(object)) {
      PyErr_Format(PyExc_TypeError, "%s must be str, not %.100s", what, type_name(object));
      return false;
    }
    return out->set_str(object);
  }
  if (PyUnicode_Check(object) || !PyObject_CheckBuffer(object)) {
    PyErr_Format(PyExc_TypeError, bytes_message, type_name(object));
    return false;
  }
  return out->set_buffer(object);
}

bool index_argument(PyObject* object, Py_ssize_t* value) {
  if (!PyIndex_Check(object)) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object cannot be interpreted as an integer",
                 type_name(object));
    return false;
  }
  *value = PyNumber_AsSsize_t(object, PyExc_OverflowError);
  return !(*value == -1 && PyErr_Occurred());
}

}  // namespace dxpy::bindings
