// CPython's specialised syntax errors (the invalid_* rules of
// Grammar/python.gram and the helpers of Parser/action_helpers.c). CPython
// finds them in a second pass; this parser raises them where its first pass
// meets the same construct, which is the same place for the rules below.
#include "parser/parser_internal.h"

namespace dxpy::parser {

using namespace ast;

// _PyPegen_get_expr_name
const char* Parser::expression_name(const Expr* e) {
  switch (e->kind) {
    case ExprKind::Attribute: return "attribute";
    case ExprKind::Subscript: return "subscript";
    case ExprKind::Starred: return "starred";
    case ExprKind::Name: return "name";
    case ExprKind::List: return "list";
    case ExprKind::Tuple: return "tuple";
    case ExprKind::Lambda: return "lambda";
    case ExprKind::Call: return "function call";
    case ExprKind::BoolOp: case ExprKind::BinOp: case ExprKind::UnaryOp: return "expression";
    case ExprKind::GeneratorExp: return "generator expression";
    case ExprKind::Yield: case ExprKind::YieldFrom: return "yield expression";
    case ExprKind::Await: return "await expression";
    case ExprKind::ListComp: return "list comprehension";
    case ExprKind::SetComp: return "set comprehension";
    case ExprKind::DictComp: return "dict comprehension";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::Set: return "set display";
    case ExprKind::JoinedStr: case ExprKind::FormattedValue: return "f-string expression";
    case ExprKind::Constant:
      switch (static_cast<const Constant*>(e)->value.kind) {
        case ConstantKind::kNone: return "None";
        case ConstantKind::kTrue: return "True";
        case ConstantKind::kFalse: return "False";
        case ConstantKind::kEllipsis: return "ellipsis";
        default: return "literal";
      }
    case ExprKind::Compare: return "comparison";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::NamedExpr: return "named expression";
    default: return "expression";
  }
}

// _PyPegen_get_invalid_target: the first part of `e` that cannot be a target.
Expr* Parser::invalid_target(Expr* e, TargetKind kind) {
  switch (e->kind) {
    case ExprKind::List:
      for (Expr* element : static_cast<List*>(e)->elts)
        if (Expr* bad = invalid_target(element, kind)) return bad;
      return nullptr;
    case ExprKind::Tuple:
      for (Expr* element : static_cast<Tuple*>(e)->elts)
        if (Expr* bad = invalid_target(element, kind)) return bad;
      return nullptr;
    case ExprKind::Starred:
      if (kind == TargetKind::kDelete) return e;
      return invalid_target(static_cast<Starred*>(e)->value, kind);
    case ExprKind::Compare:
      if (kind == TargetKind::kFor) {
        auto* compare = static_cast<Compare*>(e);
        if (compare->ops[0] == Cmpop::In) return invalid_target(compare->left, kind);
        return nullptr;
      }
      return e;
    case ExprKind::Name: case ExprKind::Subscript: case ExprKind::Attribute:
      return nullptr;
    default:
      return e;
  }
}

// RAISE_SYNTAX_ERROR_INVALID_TARGET
bool Parser::fail_invalid_target(Expr* e, TargetKind kind) {
  Expr* bad = invalid_target(e, kind);
  if (!bad) return false;
  std::string message = kind == TargetKind::kDelete ? "cannot delete " : "cannot assign to ";
  fail_range(bad->pos, message + expression_name(bad));
  return true;
}

// invalid_named_expression, second and third alternatives: `a = b` where an
// expression is expected. `a` is a bitwise_or (no comparison, not, and/or).
bool Parser::check_assignment_in_expression(Expr* a, const Token& a_first) {
  if (!is(TokenKind::kEqual) || !ok()) return false;
  bool parenthesized = a->pos.lineno != a_first.lineno || a->pos.col_offset != a_first.col_offset;
  if (!parenthesized) switch (a->kind) {
    case ExprKind::Compare: case ExprKind::BoolOp: case ExprKind::IfExp: case ExprKind::Lambda:
    case ExprKind::NamedExpr: case ExprKind::Starred: case ExprKind::Yield:
    case ExprKind::YieldFrom:
      return false;
    case ExprKind::UnaryOp:
      if (static_cast<UnaryOp*>(a)->op == Unaryop::Not) return false;
      break;
    default:
      break;
  }
  std::size_t start = mark();
  ++pos_;
  Expr* b = bitwise_or();
  bool matches = b && !is(TokenKind::kEqual) && !is(TokenKind::kColonEqual);
  if (!ok()) return true;
  if (!matches) {
    reset(start);
    return false;
  }
  if (a->kind == ExprKind::Name) {
    fail_range(join(a->pos, b->pos), "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    return true;
  }
  bool excluded = a->kind == ExprKind::List || a->kind == ExprKind::Tuple ||
                  a->kind == ExprKind::GeneratorExp;
  if (a->kind == ExprKind::Constant) {
    ConstantKind k = static_cast<Constant*>(a)->value.kind;
    excluded |= k == ConstantKind::kTrue || k == ConstantKind::kNone || k == ConstantKind::kFalse;
  }
  if (excluded) {
    reset(start);
    return false;
  }
  fail_range(a->pos, std::string("cannot assign to ") + expression_name(a) +
                         " here. Maybe you meant '==' instead of '='?");
  return true;
}

// invalid_expression: two expressions side by side inside brackets, or a
// Python 2 print/exec statement.
bool Parser::expect_forced(TokenKind kind, const char* text) {
  if (accept(kind)) return true;
  if (ok()) fail_at(cur(), std::string("expected '") + text + "'");
  return false;
}

// The invalid_*_stmt rules "header NEWLINE": expected ':' at the NEWLINE.
bool Parser::expect_colon_or_newline_error() {
  if (accept(TokenKind::kColon)) return true;
  if (ok() && is(TokenKind::kNewline)) fail_at(cur(), "expected ':'");
  return false;
}

bool Parser::check_juxtaposed(Expr* a, const Token& a_first) {
  if (!ok()) return false;
  const Token& next = cur();
  bool starts = false;
  switch (next.kind) {
    case TokenKind::kName:
      starts = !next.is_hard_keyword() || next.keyword == Kw::kNoneKeyword ||
               next.keyword == Kw::kTrue || next.keyword == Kw::kFalse ||
               next.keyword == Kw::kLambda || next.keyword == Kw::kAwait ||
               next.keyword == Kw::kNot;
      break;
    case TokenKind::kNumber: case TokenKind::kString: case TokenKind::kLeftParen:
    case TokenKind::kLeftBracket: case TokenKind::kLeftBrace: case TokenKind::kEllipsis:
    case TokenKind::kTilde:
      starts = true;
      break;
    default:
      break;
  }
  if (!starts) return false;
  bool legacy = a->kind == ExprKind::Name &&
                (static_cast<Name*>(a)->id == "print" || static_cast<Name*>(a)->id == "exec");
  // !(NAME STRING | SOFT_KEYWORD) guards the comma rule, not the legacy one
  if (!legacy && a_first.kind == TokenKind::kName) {
    if (a_first.keyword == Kw::kSoftMatch || a_first.keyword == Kw::kSoftCase ||
        a_first.keyword == Kw::kSoftUnderscore)
      return false;
    if (at(mark_of(a_first) + 1).kind == TokenKind::kString) return false;
  }
  std::size_t start = mark();
  Expr* b = legacy ? star_expressions() : disjunction();
  if (!ok()) return true;
  if (!b) {
    reset(start);
    return false;
  }
  if (legacy) {
    std::string name(static_cast<Name*>(a)->id);
    fail_range(join(a->pos, b->pos), "Missing parentheses in call to '" + name +
                                         "'. Did you mean " + name + "(...)?");
    return true;
  }
  if (levels_[pos_ - 1] == 0) {
    reset(start);
    return false;
  }
  fail_range(join(a->pos, b->pos), "invalid syntax. Perhaps you forgot a comma?");
  return true;
}

}  // namespace dxpy::parser
