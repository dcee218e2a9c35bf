// The parser's C++ AST as CPython `ast` objects, and its SyntaxErrorInfo as
// the exception CPython's parser raises: the two halves of dxpy.parse.
//
// The node-by-node part is generated from cpp/parser/python.asdl by
// generate_ast_convert.py (ast_convert_nodes.inc), so it cannot drift from
// the node types. Objects are built as CPython's ast2obj builds them: the
// class's tp_alloc, then every field (None for an absent optional one) and
// the four position attributes, in that order; the simple-sum instances
// (Load, Add, ...) shared; identifiers interned; and the same recursion
// limit ("maximum recursion depth exceeded during ast construction"), which
// CPython applies here, not in the parser.
#pragma once

#include <Python.h>

#include "parser/ast_nodes.h"
#include "parser/syntax_error.h"

namespace dxpy::bindings {

// How a node's attributes are stored: through the type's generic setattr
// (as CPython does; the dict shares its keys with the class's other
// instances) or by building the instance dict directly (fewer calls, a
// larger dict). dxpy-report times both; kSetAttr is the default.
enum class AstConstruction { kSetAttr, kInstanceDict };
void set_ast_construction(AstConstruction construction);

// A new reference to the `ast` tree of `tree`, or null with a Python
// exception set (MemoryError, RecursionError). Needs the GIL.
PyObject* ast_to_python(const parser::ast::Mod* tree);

// Sets the exception CPython raises for `error` (SyntaxError and its
// subclasses with args (msg, (filename, lineno, offset, text, end_lineno,
// end_offset)), MemoryError, RecursionError). `filename` is borrowed.
void set_syntax_error(const parser::SyntaxErrorInfo& error, PyObject* filename);

}  // namespace dxpy::bindings
