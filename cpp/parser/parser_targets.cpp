// Assignment, deletion and loop targets: an expression parsed in Load
// context becomes a target by setting Store/Del on it and on its parts, as
// CPython's star_targets / del_targets rules produce them directly.
#include "parser/parser_internal.h"

namespace dxpy::parser {

using namespace ast;

Expr* Parser::set_context(Expr* target, ExprContext context) {
  switch (target->kind) {
    case ExprKind::Name:
      static_cast<Name*>(target)->ctx = context;
      return nullptr;
    case ExprKind::Attribute:
      static_cast<Attribute*>(target)->ctx = context;
      return nullptr;
    case ExprKind::Subscript:
      static_cast<Subscript*>(target)->ctx = context;
      return nullptr;
    case ExprKind::Starred: {
      if (context == ExprContext::Del) return target;
      auto* starred = static_cast<Starred*>(target);
      starred->ctx = context;
      return set_context(starred->value, context);
    }
    case ExprKind::List: {
      auto* list = static_cast<List*>(target);
      list->ctx = context;
      for (Expr* element : list->elts)
        if (Expr* bad = set_context(element, context)) return bad;
      return nullptr;
    }
    case ExprKind::Tuple: {
      auto* tuple = static_cast<Tuple*>(target);
      tuple->ctx = context;
      for (Expr* element : tuple->elts)
        if (Expr* bad = set_context(element, context)) return bad;
      return nullptr;
    }
    default:
      return target;
  }
}

}  // namespace dxpy::parser
