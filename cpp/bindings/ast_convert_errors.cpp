// SyntaxErrorInfo (cpp/parser/syntax_error.h) to the exception CPython's
// parser raises for the same input.
#include "ast_convert.h"

namespace dxpy::bindings {
namespace {

PyObject* exception_class(parser::SyntaxErrorKind kind) {
  switch (kind) {
    case parser::SyntaxErrorKind::kSyntaxError: return PyExc_SyntaxError;
    case parser::SyntaxErrorKind::kIndentationError: return PyExc_IndentationError;
    case parser::SyntaxErrorKind::kTabError: return PyExc_TabError;
    case parser::SyntaxErrorKind::kMemoryError: return PyExc_MemoryError;
    case parser::SyntaxErrorKind::kRecursionError: return PyExc_RecursionError;
  }
  return PyExc_SystemError;
}

// The offending line as CPython shows it; its bytes are the source's, which
// CPython decodes with errors="replace" (an undecodable line shows U+FFFD).
PyObject* error_text(const parser::SyntaxErrorInfo& error) {
  if (!error.has_text) return Py_NewRef(Py_None);
  return PyUnicode_DecodeUTF8(error.text.data(), static_cast<Py_ssize_t>(error.text.size()),
                              "replace");
}

}  // namespace

void set_syntax_error(const parser::SyntaxErrorInfo& error, PyObject* filename) {
  PyObject* cls = exception_class(error.kind);
  if (error.kind == parser::SyntaxErrorKind::kMemoryError) {
    PyErr_SetNone(cls);  // CPython's parser-stack overflow: MemoryError()
    return;
  }
  PyObject* message = PyUnicode_DecodeUTF8(error.message.data(),
                                           static_cast<Py_ssize_t>(error.message.size()),
                                           "replace");
  if (message == nullptr) return;
  if (error.kind == parser::SyntaxErrorKind::kRecursionError || !error.has_location) {
    PyErr_SetObject(cls, message);  // args (msg,): no location at all
    Py_DECREF(message);
    return;
  }
  PyObject* text = error_text(error);
  if (text == nullptr) {
    Py_DECREF(message);
    return;
  }
  // "N" steals message and text, also when building the tuple fails. An
  // error of the tokenizer's set-up has no end: CPython's args hold four.
  PyObject* args =
      error.has_end
          ? Py_BuildValue("(N(OiiNii))", message, filename, error.lineno, error.offset, text,
                          error.end_lineno, error.end_offset)
          : Py_BuildValue("(N(OiiN))", message, filename, error.lineno, error.offset, text);
  if (args == nullptr) return;
  PyObject* exception = PyObject_Call(cls, args, nullptr);
  Py_DECREF(args);
  if (exception != nullptr) {
    PyErr_SetObject(cls, exception);
    Py_DECREF(exception);
  }
}

}  // namespace dxpy::bindings
