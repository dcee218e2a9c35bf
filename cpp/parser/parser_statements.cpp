// Statement sequences, blocks and the simple statements.
#include <string>

#include "parser/parser_internal.h"

namespace dxpy::parser {

using namespace ast;

bool Parser::statements(std::vector<Stmt*>& out, bool until_dedent) {
  for (;;) {
    if (!ok()) return false;
    if (is(TokenKind::kEndMarker)) return !until_dedent;
    if (until_dedent && is(TokenKind::kDedent)) return true;
    if (!statement(out)) return false;
  }
}

bool Parser::statement(std::vector<Stmt*>& out) {
  DepthGuard guard(*this, 7);
  if (too_deep()) return false;
  std::size_t start = mark();
  if (Stmt* compound = compound_statement()) {
    out.push_back(compound);
    return true;
  }
  if (!ok()) return false;
  reset(start);  // PEG: the simple_stmts alternative starts where the statement does
  return simple_statements(out);
}

// simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE
bool Parser::simple_statements(std::vector<Stmt*>& out) {
  for (;;) {
    Stmt* statement = simple_statement();
    if (!statement) return false;
    out.push_back(statement);
    if (!accept(TokenKind::kSemicolon)) break;
    if (is(TokenKind::kNewline)) break;
  }
  return accept(TokenKind::kNewline);
}

// block: NEWLINE INDENT statements DEDENT | simple_stmts
bool Parser::block(std::vector<Stmt*>& out, const Token& owner, const char* what) {
  if (!accept(TokenKind::kNewline)) return simple_statements(out);
  if (!accept(TokenKind::kIndent)) {
    if (ok()) {
      // invalid_*_stmt: NEWLINE !INDENT, reported at the token after NEWLINE
      std::string message = "expected an indented block after ";
      message += what;
      message += " on line " + std::to_string(owner.lineno);
      const Token& last = tokens_.back();
      if (last.col_offset < 0) {
        std::int32_t column = tokenizer_.cursor_column();
        error_ = tokenizer_.error_at(SyntaxErrorKind::kIndentationError, message, last.lineno,
                                     column, last.end_lineno, -1);
      } else {
        fail_at(last, message, SyntaxErrorKind::kIndentationError);
      }
    }
    return false;
  }
  if (!statements(out, true)) return false;
  return accept(TokenKind::kDedent);
}

Stmt* Parser::simple_statement() {
  Token first = cur();
  if (first.kind != TokenKind::kName) return expression_statement();
  switch (first.keyword) {
    case Kw::kPass:
      ++pos_;
      return make<Pass>(start_of(first));
    case Kw::kBreak:
      ++pos_;
      return make<Break>(start_of(first));
    case Kw::kContinue:
      ++pos_;
      return make<Continue>(start_of(first));
    case Kw::kReturn: {
      ++pos_;
      Expr* value = nullptr;
      if (!is(TokenKind::kNewline) && !is(TokenKind::kSemicolon)) {
        value = star_expressions();
        if (!value) return nullptr;
      }
      auto* node = make<Return>(span(first));
      node->value = value;
      return node;
    }
    case Kw::kRaise: {
      ++pos_;
      auto* node = make<Raise>(start_of(first));
      if (!is(TokenKind::kNewline) && !is(TokenKind::kSemicolon)) {
        node->exc = expression();
        if (!node->exc) return nullptr;
        if (accept_keyword(Kw::kFrom)) {
          node->cause = expression();
          if (!node->cause) return nullptr;
        }
      }
      node->pos = span(first);
      return node;
    }
    case Kw::kGlobal:
    case Kw::kNonlocal: {
      ++pos_;
      std::vector<std::string_view> names;
      do {
        if (!is_name()) return nullptr;
        names.push_back(identifier(cur()));
        ++pos_;
      } while (accept(TokenKind::kComma));
      if (first.keyword == Kw::kGlobal) {
        auto* node = make<Global>(span(first));
        node->names = seq(names);
        return node;
      }
      auto* node = make<Nonlocal>(span(first));
      node->names = seq(names);
      return node;
    }
    case Kw::kDel: {
      ++pos_;
      std::size_t after_del = mark();
      auto invalid_del = [&]() -> Stmt* {
        // invalid_del_stmt: 'del' star_expressions with a part that cannot be deleted
        if (!ok()) return nullptr;
        reset(after_del);
        if (Expr* all = star_expressions()) fail_invalid_target(all, TargetKind::kDelete);
        return nullptr;
      };
      std::vector<Expr*> targets;
      do {
        if (is(TokenKind::kNewline) || is(TokenKind::kSemicolon)) break;
        Expr* target = primary();
        if (!target) return invalid_del();
        if (set_context(target, ExprContext::Del)) return invalid_del();
        targets.push_back(target);
      } while (accept(TokenKind::kComma));
      if (targets.empty()) return nullptr;
      if (!is(TokenKind::kNewline) && !is(TokenKind::kSemicolon)) return invalid_del();
      auto* node = make<Delete>(span(first));
      node->targets = seq(targets);
      return node;
    }
    case Kw::kAssert: {
      ++pos_;
      auto* node = make<Assert>(start_of(first));
      node->test = expression();
      if (!node->test) return nullptr;
      if (accept(TokenKind::kComma)) {
        node->msg = expression();
        if (!node->msg) return nullptr;
      }
      node->pos = span(first);
      return node;
    }
    case Kw::kImport:
      return import_statement();
    case Kw::kFrom:
      return from_import_statement();
    default:
      return expression_statement();
  }
}

static bool augmented_operator(TokenKind kind, Operator& op) {
  switch (kind) {
    case TokenKind::kPlusEqual: op = Operator::Add; return true;
    case TokenKind::kMinusEqual: op = Operator::Sub; return true;
    case TokenKind::kStarEqual: op = Operator::Mult; return true;
    case TokenKind::kAtEqual: op = Operator::MatMult; return true;
    case TokenKind::kSlashEqual: op = Operator::Div; return true;
    case TokenKind::kPercentEqual: op = Operator::Mod; return true;
    case TokenKind::kAmpersandEqual: op = Operator::BitAnd; return true;
    case TokenKind::kVerticalBarEqual: op = Operator::BitOr; return true;
    case TokenKind::kCircumflexEqual: op = Operator::BitXor; return true;
    case TokenKind::kLeftShiftEqual: op = Operator::LShift; return true;
    case TokenKind::kRightShiftEqual: op = Operator::RShift; return true;
    case TokenKind::kDoubleStarEqual: op = Operator::Pow; return true;
    case TokenKind::kDoubleSlashEqual: op = Operator::FloorDiv; return true;
    default: return false;
  }
}

// Assignment, annotated and augmented assignment, or an expression statement:
// the left side is parsed as an expression and turned into targets.
Stmt* Parser::expression_statement() {
  Token first = cur();
  auto right_side = [&]() -> Expr* {
    if (is_keyword(Kw::kYield)) return yield_expression();
    return star_expressions();
  };
  Expr* head = right_side();
  if (!head) return nullptr;
  if (is(TokenKind::kColon)) {
    // single_target ':' expression ['=' annotated_rhs]
    ExprKind kind = head->kind;
    if (kind != ExprKind::Name && kind != ExprKind::Attribute && kind != ExprKind::Subscript) {
      if (!ok()) return nullptr;
      std::size_t colon = mark();
      ++pos_;
      Expr* annotation = expression();  // invalid_assignment needs ':' expression
      if (!annotation || !ok()) {
        if (ok()) reset(colon);
        return nullptr;
      }
      if (kind == ExprKind::Tuple && first.kind != TokenKind::kLeftParen) {
        fail_range(static_cast<Tuple*>(head)->elts[0]->pos,
                   "only single target (not tuple) can be annotated");
      } else if (kind == ExprKind::Tuple || kind == ExprKind::List) {
        fail_range(head->pos, std::string("only single target (not ") +
                                  (kind == ExprKind::List ? "list" : "tuple") + ") can be annotated");
      } else {
        fail_range(head->pos, "illegal target for annotation");
      }
      return nullptr;
    }
    ++pos_;
    Expr* annotation = expression();
    if (!annotation) return nullptr;
    Expr* value = nullptr;
    if (accept(TokenKind::kEqual)) {
      value = right_side();
      if (!value) return nullptr;
    }
    set_context(head, ExprContext::Store);
    auto* node = make<AnnAssign>(span(first));
    node->target = head;
    node->annotation = annotation;
    node->value = value;
    node->simple = kind == ExprKind::Name && first.kind != TokenKind::kLeftParen ? 1 : 0;
    return node;
  }
  Operator op;
  if (augmented_operator(cur().kind, op)) {
    ExprKind kind = head->kind;
    if (kind != ExprKind::Name && kind != ExprKind::Attribute && kind != ExprKind::Subscript) {
      if (ok())
        fail_range(head->pos, std::string("'") + expression_name(head) +
                                  "' is an illegal expression for augmented assignment");
      return nullptr;
    }
    ++pos_;
    Expr* value = right_side();
    if (!value) return nullptr;
    set_context(head, ExprContext::Store);
    auto* node = make<AugAssign>(span(first));
    node->target = head;
    node->op = op;
    node->value = value;
    return node;
  }
  if (is(TokenKind::kEqual)) {
    if (invalid_target(head, TargetKind::kStar) && check_assignment_in_expression(head, first))
      return nullptr;
    std::vector<Expr*> targets{head};
    Expr* value = nullptr;
    DepthGuard guard(*this, 2);  // CPython's assignment rule and its loop
    while (accept(TokenKind::kEqual)) {
      value = right_side();
      if (!value) return nullptr;
      if (is(TokenKind::kEqual)) targets.push_back(value);
    }
    for (Expr* target : targets) {
      if (target->kind == ExprKind::Yield || target->kind == ExprKind::YieldFrom) {
        fail_range(target->pos, "assignment to yield expression not possible");
        return nullptr;
      }
      if (fail_invalid_target(target, TargetKind::kStar)) return nullptr;
      set_context(target, ExprContext::Store);
    }
    auto* node = make<Assign>(span(first));
    node->targets = seq(targets);
    node->value = value;
    return node;
  }
  auto* node = make<ExprStmt>(span(first));
  node->value = head;
  return node;
}

// import_name: 'import' dotted_as_names
Stmt* Parser::import_statement() {
  Token first = cur();
  ++pos_;
  std::vector<Alias*> names;
  do {
    if (!is_name()) return nullptr;
    Token name_start = cur();
    std::string dotted(identifier(cur()));
    ++pos_;
    while (is(TokenKind::kDot) && peek().kind == TokenKind::kName) {
      ++pos_;
      if (!is_name()) return nullptr;
      dotted += '.';
      dotted += identifier(cur());
      ++pos_;
    }
    auto* alias = make<Alias>(span(name_start));
    alias->name = arena_.copy(dotted);
    if (accept_keyword(Kw::kAs)) {
      if (!is_name()) return nullptr;
      alias->asname = identifier(cur());
      ++pos_;
      alias->pos = span(name_start);
    }
    names.push_back(alias);
  } while (accept(TokenKind::kComma));
  auto* node = make<Import>(span(first));
  node->names = seq(names);
  return node;
}

// import_from: 'from' ('.' | '...')* dotted_name 'import' targets
//            | 'from' ('.' | '...')+ 'import' targets
Stmt* Parser::from_import_statement() {
  Token first = cur();
  ++pos_;
  int level = 0;
  for (;;) {
    if (accept(TokenKind::kDot)) {
      level += 1;
    } else if (accept(TokenKind::kEllipsis)) {
      level += 3;
    } else {
      break;
    }
  }
  std::string_view module;
  if (!is_keyword(Kw::kImport)) {
    if (!is_name()) return nullptr;
    std::string dotted(identifier(cur()));
    ++pos_;
    while (accept(TokenKind::kDot)) {
      if (!is_name()) return nullptr;
      dotted += '.';
      dotted += identifier(cur());
      ++pos_;
    }
    module = arena_.copy(dotted);
  } else if (level == 0) {
    return nullptr;
  }
  if (!accept_keyword(Kw::kImport)) return nullptr;
  std::vector<Alias*> names;
  if (is(TokenKind::kStar)) {
    Token star = cur();
    ++pos_;
    auto* alias = make<Alias>(start_of(star));
    alias->name = arena_.copy("*");
    names.push_back(alias);
  } else {
    bool parenthesized = accept(TokenKind::kLeftParen);
    do {
      if (parenthesized && is(TokenKind::kRightParen) && !names.empty()) break;
      if (!parenthesized && !names.empty() && is(TokenKind::kNewline) && ok()) {
        fail_at(cur(), "trailing comma not allowed without surrounding parentheses");
        return nullptr;
      }
      if (!is_name()) return nullptr;
      Token name = cur();
      ++pos_;
      auto* alias = make<Alias>(start_of(name));
      alias->name = identifier(name);
      if (accept_keyword(Kw::kAs)) {
        if (!is_name()) return nullptr;
        alias->asname = identifier(cur());
        ++pos_;
        alias->pos = span(name);
      }
      names.push_back(alias);
    } while (accept(TokenKind::kComma));
    if (parenthesized && !accept(TokenKind::kRightParen)) return nullptr;
    if (!parenthesized && prev().kind == TokenKind::kComma) {
      if (ok() && is(TokenKind::kNewline))
        fail_at(cur(), "trailing comma not allowed without surrounding parentheses");
      return nullptr;
    }
  }
  auto* node = make<ImportFrom>(span(first));
  node->module = module;
  node->names = seq(names);
  node->level = level;
  return node;
}

}  // namespace dxpy::parser
