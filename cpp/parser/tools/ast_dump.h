// The C++ AST printed exactly as CPython's
// ast.dump(tree, include_attributes=...) prints the same tree, so a C++ parse
// can be compared with CPython's text for text without building Python objects.
#pragma once

#include <string>

#include "parser/ast_nodes.h"

namespace dxpy::parser::tools {

// Empty when the tree nests deeper than CPython's ast2obj accepts.
std::string dump(const ast::Mod* tree, bool include_attributes);

// repr() of a constant as CPython writes it (int of any size in decimal,
// floats shortest round trip, str and bytes with Python's quoting).
std::string constant_repr(const ast::ConstantValue& value);
std::string str_repr(std::string_view utf8);

}  // namespace dxpy::parser::tools
