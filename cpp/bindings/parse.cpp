#include "parse.h"

#include <Python.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <optional>
#include <tuple>

#include "ast_convert.h"
#include "parser/parser.h"
#include "parser/source_buffer.h"

namespace py = pybind11;

namespace dxpy::bindings {
namespace {

using parser::Mode;
using parser::SourceBuffer;

Mode mode_from_index(int index) {
  switch (index) {
    case 0: return Mode::kExec;
    case 1: return Mode::kEval;
    case 2: return Mode::kSingle;
    case 3: return Mode::kFuncType;
  }
  throw py::value_error("compile() mode must be 'exec', 'eval', 'single' or 'func_type'");
}

// The source as the tokenizer reads it: a str's UTF-8 (a lone surrogate
// raises UnicodeEncodeError, as compile() does), or bytes with their BOM and
// encoding declaration; a codec the C++ side does not have is Python's, and
// its failure is the tokenizer set-up error CPython raises (lineno 0).
SourceBuffer source_buffer(py::handle source, Mode mode,
                           std::optional<parser::SyntaxErrorInfo>& init_error) {
  const bool exec_input = mode == Mode::kExec;
  if (PyUnicode_Check(source.ptr())) {
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(source.ptr(), &size);
    if (utf8 == nullptr) throw py::error_already_set();
    return SourceBuffer::from_utf8(std::string_view(utf8, static_cast<size_t>(size)), exec_input);
  }
  if (!PyBytes_Check(source.ptr())) {
    throw py::type_error("compile() arg 1 must be a string, bytes or AST object");
  }
  const std::string_view bytes(PyBytes_AS_STRING(source.ptr()),
                               static_cast<size_t>(PyBytes_GET_SIZE(source.ptr())));
  SourceBuffer buffer = SourceBuffer::from_bytes(bytes, exec_input);
  if (buffer.state() != SourceBuffer::State::kNeedsHostDecoding) return buffer;
  const std::string_view raw = buffer.host_bytes();
  py::object text = py::reinterpret_steal<py::object>(
      PyUnicode_Decode(raw.data(), static_cast<Py_ssize_t>(raw.size()),
                       buffer.declared_encoding().c_str(), "strict"));
  if (!text) {
    py::error_already_set failure;  // takes the exception
    init_error = SourceBuffer::make_init_error(py::str(failure.value()));
    return buffer;
  }
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
  if (utf8 == nullptr) throw py::error_already_set();
  return SourceBuffer::from_host_decoded(std::string_view(utf8, static_cast<size_t>(size)),
                                         buffer.declared_encoding());
}

struct Parsed {
  parser::ParseResult result;
  bool ready = true;  // false: the buffer's own error (result.error holds it)
};

// Parses with the GIL released: the parser touches no Python object.
Parsed parse_buffer(const SourceBuffer& buffer,
                    const std::optional<parser::SyntaxErrorInfo>& init_error, Mode mode,
                    parser::Arena& arena) {
  Parsed parsed;
  if (init_error || buffer.state() != SourceBuffer::State::kReady) {
    parsed.ready = false;
    parsed.result.error = init_error ? *init_error : buffer.error();
    return parsed;
  }
  py::gil_scoped_release released;
  parsed.result = parser::parse(buffer, mode, arena);
  return parsed;
}

// dxpy.parse's core: `source` is str or bytes (dxpy/_parse.py has turned any
// other buffer into bytes and checked filename and mode as compile() does).
py::object parse_source(py::handle source, py::handle filename, int mode_index) {
  const Mode mode = mode_from_index(mode_index);
  std::optional<parser::SyntaxErrorInfo> init_error;
  const SourceBuffer buffer = source_buffer(source, mode, init_error);
  parser::Arena arena;
  const Parsed parsed = parse_buffer(buffer, init_error, mode, arena);
  if (parsed.result.tree == nullptr) {
    set_syntax_error(parsed.result.error, filename.ptr());
    throw py::error_already_set();
  }
  PyObject* tree = ast_to_python(parsed.result.tree);
  if (tree == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(tree);
}

// Tokenize + parse into the arena only, `repeat` times, timed in C++: the
// parser's own speed (no Python objects), for dxpy-report and for inputs too
// large to build an ast tree of. Returns (best nanoseconds, arena bytes of
// the last parse, source bytes after decoding); a rejected source raises
// its SyntaxError as parse_source would.
std::tuple<std::int64_t, std::size_t, std::size_t> parse_timed(py::handle source, int mode_index,
                                                               int repeat) {
  const Mode mode = mode_from_index(mode_index);
  std::optional<parser::SyntaxErrorInfo> init_error;
  const SourceBuffer buffer = source_buffer(source, mode, init_error);
  std::int64_t best = -1;
  std::size_t arena_bytes = 0;
  for (int i = 0; i < std::max(repeat, 1); ++i) {
    parser::Arena arena;
    const auto start = std::chrono::steady_clock::now();
    const Parsed parsed = parse_buffer(buffer, init_error, mode, arena);
    const auto end = std::chrono::steady_clock::now();
    if (parsed.result.tree == nullptr) {
      set_syntax_error(parsed.result.error, py::str("<unknown>").ptr());
      throw py::error_already_set();
    }
    const std::int64_t elapsed =
        std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count();
    best = best < 0 ? elapsed : std::min(best, elapsed);
    arena_bytes = arena.bytes_reserved();
  }
  return {best, arena_bytes, buffer.text().size()};
}

}  // namespace

void register_parser(py::module_& module) {
  module.def("parse_source", &parse_source, py::arg("source"), py::arg("filename"),
             py::arg("mode"),
             "Parse str or bytes with dxpy's parser into CPython ast nodes (mode: 0 exec, "
             "1 eval, 2 single, 3 func_type); dxpy.parse is the public front.");
  module.def("parse_timed", &parse_timed, py::arg("source"), py::arg("mode") = 0,
             py::arg("repeat") = 1,
             "(best ns, arena bytes, source bytes) of tokenize + parse into the C++ AST.");
  module.def(
      "set_ast_construction",
      [](const std::string& how) {
        if (how == "setattr") {
          set_ast_construction(AstConstruction::kSetAttr);
        } else if (how == "dict") {
          set_ast_construction(AstConstruction::kInstanceDict);
        } else {
          throw py::value_error("construction must be 'setattr' or 'dict', not '" + how + "'");
        }
      },
      py::arg("how"), "How ast nodes get their attributes (for dxpy-report's timing).");
}

}  // namespace dxpy::bindings
