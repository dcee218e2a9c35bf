// The entry point of the Python 3.11 parser: source text to the arena AST of
// ast_nodes.h (generated from python.asdl), or the SyntaxError CPython's
// ast.parse would raise for the same input.
//
//   SourceBuffer source = SourceBuffer::from_utf8(text);   // must be kReady
//   Arena arena;                                           // owns the tree
//   ParseResult result = parse(source, Mode::kExec, arena);
//   if (result.tree) use(static_cast<ast::Module*>(result.tree));
//   else report(result.error);
//
// Modes are compile()'s: kExec -> ast::Module, kEval -> ast::Expression,
// kSingle -> ast::Interactive, kFuncType -> ast::FunctionType. The tree's
// strings point into the arena (never into `source`), so only the arena must
// outlive it. Nothing throws; over-deep input gives CPython's error for it.
#pragma once

#include "parser/arena.h"
#include "parser/ast_nodes.h"
#include "parser/source_buffer.h"
#include "parser/syntax_error.h"

namespace dxpy::parser {

enum class Mode : std::uint8_t { kExec, kEval, kSingle, kFuncType };

struct ParseResult {
  ast::Mod* tree = nullptr;  // null exactly when error holds the failure
  SyntaxErrorInfo error;
};

ParseResult parse(const SourceBuffer& source, Mode mode, Arena& arena);

}  // namespace dxpy::parser
