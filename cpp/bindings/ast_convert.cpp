#include "ast_convert.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>

namespace dxpy::bindings {
namespace {

namespace ast = parser::ast;

AstConstruction g_construction = AstConstruction::kSetAttr;

// The `ast` module's classes, the shared simple-sum instances and the
// interned field names, looked up once per process (the module's classes
// never change; CPython's own parser also caches them in its ast state).
struct AstTypes;

class AstConverter {
 public:
#include "ast_convert_nodes.inc"

  explicit AstConverter(const AstTypes& types);
  ~AstConverter() {
    for (auto& entry : identifiers_) Py_DECREF(entry.second);
  }
  AstConverter(const AstConverter&) = delete;
  AstConverter& operator=(const AstConverter&) = delete;

  // CPython's ast2obj starts at the Python stack's depth (times 3) and
  // allows 3 * sys.getrecursionlimit(): the same budget, counted alike.
  void start_depth_count() {
    PyThreadState* thread = PyThreadState_Get();
    const int depth = thread->recursion_limit - thread->recursion_remaining;
    const int limit = Py_GetRecursionLimit();
    constexpr int kScale = 3;  // COMPILER_STACK_FRAME_SCALE in Python-ast.c
    limit_ = limit < INT32_MAX / kScale ? limit * kScale : limit;
    depth_ = depth < INT32_MAX / kScale ? depth * kScale : depth;
  }

 private:
  class DepthGuard {
   public:
    explicit DepthGuard(AstConverter& converter) : converter_(converter) {
      ++converter_.depth_;
      // After a failure nothing more is converted: the values arrays still
      // evaluate their remaining fields, and those must not touch the C API
      // with an exception set.
      if (PyErr_Occurred() != nullptr) {
        ok_ = false;
        return;
      }
      ok_ = converter_.depth_ <= converter_.limit_;
      if (!ok_) {
        PyErr_SetString(PyExc_RecursionError,
                        "maximum recursion depth exceeded during ast construction");
      }
    }
    ~DepthGuard() { --converter_.depth_; }
    bool ok() const { return ok_; }

   private:
    AstConverter& converter_;
    bool ok_;
  };

  static PyObject* none() { return Py_NewRef(Py_None); }
  static PyObject* unreachable() {
    PyErr_SetString(PyExc_SystemError, "dxpy: an AST node of unknown kind");
    return nullptr;
  }

  PyObject* shared(SimpleClass which) const;
  PyObject* make_node(AstClass cls, PyObject** values, std::size_t count,
                      const ast::Position* position);
  PyObject* identifier(std::string_view name);
  PyObject* optional_identifier(std::string_view name) {
    return name.data() == nullptr ? none() : identifier(name);
  }
  static PyObject* string(std::string_view text) {
    return PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()),
                                "surrogatepass");
  }
  static PyObject* optional_string(std::string_view text) {
    return text.data() == nullptr ? none() : string(text);
  }
  static PyObject* integer(std::int32_t value) { return PyLong_FromLong(value); }
  static PyObject* constant(const ast::ConstantValue& value);

  template <class T>
  PyObject* sequence(const ast::Seq<T>& items) {
    PyObject* list = PyList_New(items.size);
    if (list == nullptr) return nullptr;
    for (std::uint32_t i = 0; i < items.size; ++i) {
      PyObject* item = element(items[i]);
      if (item == nullptr) {
        Py_DECREF(list);
        return nullptr;
      }
      PyList_SET_ITEM(list, i, item);
    }
    return list;
  }
  template <class T>
  PyObject* element(const T& item) {
    return convert(item);
  }
  PyObject* element(std::string_view name) { return identifier(name); }

  const AstTypes& types_;
  int depth_ = 0;
  int limit_ = 0;
  // Names repeat (self, i, x): each distinct one is decoded and interned
  // once per tree. Keys point into the parse's arena, which outlives us.
  std::unordered_map<std::string_view, PyObject*> identifiers_;
};

struct AstTypes {
  PyTypeObject* classes[AstConverter::kClassCount] = {};
  PyObject* simple[AstConverter::kSimpleCount] = {};
  // Interned names per class: fields, then the position attributes.
  PyObject* names[AstConverter::kClassCount][16] = {};
  PyObject* normalize = nullptr;  // unicodedata.normalize, for non-ASCII names
  PyObject* nfkc = nullptr;

  bool load() {
    PyObject* module = PyImport_ImportModule("ast");
    if (module == nullptr) return false;
    bool ok = true;
    for (int i = 0; ok && i < AstConverter::kClassCount; ++i) {
      PyObject* cls = PyObject_GetAttrString(module, AstConverter::kAstClassNames[i]);
      ok = cls != nullptr && PyType_Check(cls);
      classes[i] = reinterpret_cast<PyTypeObject*>(cls);
      for (int f = 0; ok && AstConverter::kAstFieldNames[i][f] != nullptr; ++f) {
        names[i][f] = PyUnicode_InternFromString(AstConverter::kAstFieldNames[i][f]);
        ok = names[i][f] != nullptr;
      }
    }
    for (int i = 0; ok && i < AstConverter::kSimpleCount; ++i) {
      PyObject* cls = PyObject_GetAttrString(module, AstConverter::kSimpleNames[i]);
      ok = cls != nullptr;
      if (ok) simple[i] = PyObject_CallNoArgs(cls);
      Py_XDECREF(cls);
      ok = ok && simple[i] != nullptr;
    }
    Py_DECREF(module);
    if (ok) {
      PyObject* unicodedata = PyImport_ImportModule("unicodedata");
      ok = unicodedata != nullptr;
      if (ok) normalize = PyObject_GetAttrString(unicodedata, "normalize");
      Py_XDECREF(unicodedata);
      nfkc = PyUnicode_InternFromString("NFKC");
      ok = ok && normalize != nullptr && nfkc != nullptr;
    }
    return ok;  // on failure the partial tables leak, once: the process cannot parse anyway
  }
};

const AstTypes* ast_types() {
  static AstTypes* types = nullptr;
  if (types == nullptr) {
    auto* loaded = new AstTypes();
    if (!loaded->load()) return nullptr;
    types = loaded;
  }
  return types;
}

AstConverter::AstConverter(const AstTypes& types) : types_(types) {}

PyObject* AstConverter::shared(SimpleClass which) const {
  return Py_NewRef(types_.simple[which]);
}

PyObject* AstConverter::make_node(AstClass cls, PyObject** values, std::size_t count,
                                  const ast::Position* position) {
  PyObject* positions[4] = {};
  const std::size_t attributes = position == nullptr ? 0 : 4;
  if (position != nullptr) {
    positions[0] = PyLong_FromLong(position->lineno);
    positions[1] = PyLong_FromLong(position->col_offset);
    positions[2] = PyLong_FromLong(position->end_lineno);
    positions[3] = PyLong_FromLong(position->end_col_offset);
  }
  auto value_at = [&](std::size_t i) { return i < count ? values[i] : positions[i - count]; };
  bool complete = true;
  for (std::size_t i = 0; i < count + attributes; ++i) complete = complete && value_at(i);
  PyTypeObject* type = types_.classes[cls];
  PyObject* node = complete ? type->tp_alloc(type, 0) : nullptr;
  PyObject* const* names = types_.names[cls];
  if (node != nullptr && g_construction == AstConstruction::kSetAttr) {
    for (std::size_t i = 0; i < count + attributes; ++i) {
      if (PyObject_GenericSetAttr(node, names[i], value_at(i)) < 0) {
        Py_CLEAR(node);
        break;
      }
    }
  } else if (node != nullptr) {
    PyObject* dict = _PyDict_NewPresized(static_cast<Py_ssize_t>(count + attributes));
    bool ok = dict != nullptr;
    for (std::size_t i = 0; ok && i < count + attributes; ++i) {
      ok = PyDict_SetItem(dict, names[i], value_at(i)) == 0;
    }
    ok = ok && PyObject_GenericSetDict(node, dict, nullptr) == 0;
    Py_XDECREF(dict);
    if (!ok) Py_CLEAR(node);
  }
  for (std::size_t i = 0; i < count + attributes; ++i) Py_XDECREF(value_at(i));
  return node;
}

PyObject* AstConverter::identifier(std::string_view name) {
  auto found = identifiers_.find(name);
  if (found != identifiers_.end()) return Py_NewRef(found->second);
  PyObject* text =
      PyUnicode_DecodeUTF8(name.data(), static_cast<Py_ssize_t>(name.size()), "strict");
  if (text == nullptr) return nullptr;
  if (!PyUnicode_IS_ASCII(text)) {
    // PEP 3131: identifiers are compared in NFKC form; CPython's parser
    // normalises non-ASCII names as it makes them (_PyPegen_new_identifier).
    PyObject* normal = PyObject_CallFunctionObjArgs(types_.normalize, types_.nfkc, text, nullptr);
    Py_DECREF(text);
    if (normal == nullptr) return nullptr;
    text = normal;
  }
  PyUnicode_InternInPlace(&text);
  identifiers_.emplace(name, Py_NewRef(text));
  return text;
}

// An int literal's digits (prefix kept, no underscores) as a Python int; a
// short decimal one without the string round trip.
PyObject* integer_literal(std::string_view text) {
  if (!text.empty() && text.size() <= 18 && (text[0] != '0' || text.size() == 1)) {
    long long value = 0;
    bool decimal = true;
    for (char c : text) {
      decimal = decimal && c >= '0' && c <= '9';
      value = value * 10 + (c - '0');
    }
    if (decimal) return PyLong_FromLongLong(value);
  }
  std::string digits(text);  // PyLong_FromString reads up to a NUL
  return PyLong_FromString(digits.c_str(), nullptr, 0);
}

PyObject* AstConverter::constant(const ast::ConstantValue& value) {
  switch (value.kind) {
    case ast::ConstantKind::kNone: return Py_NewRef(Py_None);
    case ast::ConstantKind::kTrue: return Py_NewRef(Py_True);
    case ast::ConstantKind::kFalse: return Py_NewRef(Py_False);
    case ast::ConstantKind::kEllipsis: return Py_NewRef(Py_Ellipsis);
    case ast::ConstantKind::kInt: return integer_literal(value.text);
    case ast::ConstantKind::kFloat: return PyFloat_FromDouble(value.number);
    case ast::ConstantKind::kComplex: return PyComplex_FromDoubles(0.0, value.number);
    case ast::ConstantKind::kStr: return string(value.text);
    case ast::ConstantKind::kBytes:
      return PyBytes_FromStringAndSize(value.text.data(), static_cast<Py_ssize_t>(value.text.size()));
  }
  return unreachable();
}

}  // namespace

void set_ast_construction(AstConstruction construction) { g_construction = construction; }

PyObject* ast_to_python(const parser::ast::Mod* tree) {
  const AstTypes* types = ast_types();
  if (types == nullptr) return nullptr;
  AstConverter converter(*types);
  converter.start_depth_count();
  return converter.convert(tree);
}

}  // namespace dxpy::bindings
