// Python str / bytes-like arguments seen as the bytes the engines read, and
// the conversions of the other argument kinds, with CPython's errors.
//
// Every function returning bool or a pointer reports failure CPython-style:
// false / nullptr with a Python exception set.
#pragma once

#include <Python.h>

#include "strings/text_ops.h"

namespace dxpy::bindings {

using strings::Encoding;
using strings::Text;

// What a haystack is, and so what the results are made of.
enum class TextKind : uint8_t { kStr, kBytes, kByteArray };

inline Encoding encoding_of(TextKind kind) {
  return kind == TextKind::kStr ? Encoding::kUtf8 : Encoding::kBytes;
}

// The encoding find, count, replace, lower and upper work in: an ASCII str is
// processed as bytes (the same answers, no code point counting, no run
// splitting). split() without a separator keeps encoding_of(kind): str
// whitespace includes \x1c..\x1f even in ASCII text. The C++ timing loops
// (kernel_timing.cpp) choose by this same rule, so they time what Python runs.
inline Encoding working_encoding(TextKind kind, bool ascii) {
  return ascii ? Encoding::kBytes : encoding_of(kind);
}

// A read-only view of a str (as generalised UTF-8) or of a bytes-like object.
// For an ASCII str the view is the string's own storage; for other str it is
// CPython's cached UTF-8, or a surrogatepass encoding when the string holds
// lone surrogates. The view lives as long as this object.
class TextArgument {
 public:
  TextArgument() = default;
  TextArgument(const TextArgument&) = delete;
  TextArgument& operator=(const TextArgument&) = delete;
  TextArgument(TextArgument&& other) noexcept;
  ~TextArgument();

  bool set_str(PyObject* object);     // object must be a str
  bool set_buffer(PyObject* object);  // any C-contiguous bytes-like object

  Text text() const { return text_; }
  // True when every byte is < 0x80 (known for str, computed on demand for buffers).
  bool ascii() const { return ascii_; }

 private:
  Text text_{nullptr, 0};
  bool ascii_ = false;
  PyObject* owner_ = nullptr;  // owned surrogatepass encoding
  Py_buffer buffer_{};
  bool has_buffer_ = false;
};

// The haystack of a method: a str, bytes or bytearray; anything else is a
// TypeError naming the method.
bool haystack_kind(PyObject* object, const char* method, TextKind* kind);

// An argument that must be of the same family as the haystack: str for a str
// haystack, a bytes-like object for bytes / bytearray. `what` names it in the
// error ("replace() argument 1").
bool same_family_argument(PyObject* object, TextKind kind, const char* what,
                          const char* bytes_message, TextArgument* out);

// maxsplit / count: an index (int or __index__), as a Py_ssize_t.
bool index_argument(PyObject* object, Py_ssize_t* value);

// The name of an object's type, for messages.
const char* type_name(PyObject* object);

}  // namespace dxpy::bindings
