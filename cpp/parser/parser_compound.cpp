// Compound statements: decorators, def, class, if, while, for, with, try
// (and except*), match (the cases are in parser_patterns.cpp).
#include <string>

#include "parser/parser_internal.h"

namespace dxpy::parser {

using namespace ast;


Stmt* Parser::compound_statement() {
  Token first = cur();
  if (first.kind == TokenKind::kAt) {
    std::vector<Expr*> decorators;
    while (accept(TokenKind::kAt)) {
      Expr* decorator = named_expression();
      if (!decorator || !accept(TokenKind::kNewline)) return nullptr;
      decorators.push_back(decorator);
    }
    Token definition = cur();
    if (is_keyword(Kw::kClass)) return class_def(decorators, definition);
    if (is_keyword(Kw::kDef) ||
        (is_keyword(Kw::kAsync) && peek().kind == TokenKind::kName &&
         peek().keyword == Kw::kDef))
      return function_def(decorators, definition);
    return nullptr;
  }
  if (first.kind != TokenKind::kName) return nullptr;
  std::vector<Expr*> no_decorators;
  switch (first.keyword) {
    case Kw::kDef:
      return function_def(no_decorators, first);
    case Kw::kClass:
      return class_def(no_decorators, first);
    case Kw::kIf:
      return if_statement(false);
    case Kw::kWhile:
      return while_statement();
    case Kw::kFor:
      return for_statement(nullptr);
    case Kw::kWith:
      return with_statement(nullptr);
    case Kw::kTry:
      return try_statement();
    case Kw::kAsync: {
      const Token& next = peek();
      if (next.kind != TokenKind::kName) return nullptr;
      if (next.keyword == Kw::kDef) return function_def(no_decorators, first);
      ++pos_;
      if (next.keyword == Kw::kFor) return for_statement(&first);
      if (next.keyword == Kw::kWith) return with_statement(&first);
      --pos_;
      return nullptr;
    }
    case Kw::kSoftMatch: {
      std::size_t start = mark();
      if (Stmt* statement = match_statement()) return statement;
      if (!ok()) return nullptr;
      reset(start);  // an ordinary name after all
      return nullptr;
    }
    default:
      return nullptr;
  }
}

Stmt* Parser::function_def(std::vector<Expr*>& decorators, const Token& first) {
  bool is_async = accept_keyword(Kw::kAsync);
  Token def = cur();
  ++pos_;
  if (!is_name()) return nullptr;
  Token name = cur();
  ++pos_;
  if (!expect_forced(TokenKind::kLeftParen, "(")) return nullptr;
  Arguments* args = parameters(false, TokenKind::kRightParen);
  if (!args || !accept(TokenKind::kRightParen)) return nullptr;
  Expr* returns = nullptr;
  if (accept(TokenKind::kRightArrow)) {
    returns = expression();
    if (!returns) return nullptr;
  }
  if (!expect_forced(TokenKind::kColon, ":")) return nullptr;
  std::vector<Stmt*> body;
  if (!block(body, def, "function definition")) return nullptr;
  auto fill = [&](auto* node) {
    node->name = identifier(name);
    node->args = args;
    node->body = seq(body);
    node->decorator_list = seq(decorators);
    node->returns = returns;
    return node;
  };
  Pos pos = span(first);
  if (is_async) return fill(make<AsyncFunctionDef>(pos));
  return fill(make<FunctionDef>(pos));
}

Stmt* Parser::class_def(std::vector<Expr*>& decorators, const Token& first) {
  Token class_token = cur();
  ++pos_;
  if (!is_name()) return nullptr;
  Token name = cur();
  ++pos_;
  auto* node = make<ClassDef>(start_of(first));
  if (is(TokenKind::kLeftParen)) {
    // The arguments of a call, without the call.
    auto* dummy_func = make<Name>(start_of(name));
    Expr* arguments = call(dummy_func, name);
    if (!arguments) return nullptr;
    node->bases = static_cast<Call*>(arguments)->args;
    node->keywords = static_cast<Call*>(arguments)->keywords;
  }
  if (!expect_colon_or_newline_error()) return nullptr;
  std::vector<Stmt*> body;
  if (!block(body, class_token, "class definition")) return nullptr;
  node->pos = span(first);
  node->name = identifier(name);
  node->body = seq(body);
  node->decorator_list = seq(decorators);
  return node;
}

Stmt* Parser::if_statement(bool is_elif) {
  Token first = cur();
  ++pos_;
  Expr* test = named_expression();
  if (!test || !expect_colon_or_newline_error()) return nullptr;
  std::vector<Stmt*> body, orelse;
  if (!block(body, first, is_elif ? "'elif' statement" : "'if' statement")) return nullptr;
  Pos pos = span(first);
  if (is_keyword(Kw::kElif)) {
    Stmt* nested = if_statement(true);
    if (!nested) return nullptr;
    orelse.push_back(nested);
    pos = span(first);
  } else if (is_keyword(Kw::kElse)) {
    Token else_token = cur();
    ++pos_;
    if (!expect_forced(TokenKind::kColon, ":") || !block(orelse, else_token, "'else' statement")) return nullptr;
    pos = span(first);
  }
  auto* node = make<If>(pos);
  node->test = test;
  node->body = seq(body);
  node->orelse = seq(orelse);
  return node;
}

Stmt* Parser::while_statement() {
  Token first = cur();
  ++pos_;
  Expr* test = named_expression();
  if (!test || !expect_colon_or_newline_error()) return nullptr;
  std::vector<Stmt*> body, orelse;
  if (!block(body, first, "'while' statement")) return nullptr;
  Pos pos = span(first);
  if (is_keyword(Kw::kElse)) {
    Token else_token = cur();
    ++pos_;
    if (!expect_forced(TokenKind::kColon, ":") || !block(orelse, else_token, "'else' statement")) return nullptr;
    pos = span(first);
  }
  auto* node = make<While>(pos);
  node->test = test;
  node->body = seq(body);
  node->orelse = seq(orelse);
  return node;
}

Stmt* Parser::for_statement(const Token* async_token) {
  Token for_token = cur();
  Token first = async_token ? *async_token : for_token;
  ++pos_;
  std::size_t after_for = mark();
  Expr* target = star_targets();
  if (!target || !accept_keyword(Kw::kIn)) {
    // invalid_for_target: 'for' star_expressions with a part that cannot be assigned
    if (ok()) {
      reset(after_for);
      if (Expr* all = star_expressions()) fail_invalid_target(all, TargetKind::kFor);
    }
    return nullptr;
  }
  Expr* iter = star_expressions();
  if (!iter || !expect_colon_or_newline_error()) return nullptr;
  std::vector<Stmt*> body, orelse;
  if (!block(body, for_token, "'for' statement")) return nullptr;
  Pos pos = span(first);
  if (is_keyword(Kw::kElse)) {
    Token else_token = cur();
    ++pos_;
    if (!expect_forced(TokenKind::kColon, ":") || !block(orelse, else_token, "'else' statement")) return nullptr;
    pos = span(first);
  }
  auto fill = [&](auto* node) {
    node->target = target;
    node->iter = iter;
    node->body = seq(body);
    node->orelse = seq(orelse);
    return node;
  };
  if (async_token) return fill(make<AsyncFor>(pos));
  return fill(make<For>(pos));
}

// with_item: expression 'as' star_target &(',' | ')' | ':') | expression
Withitem* Parser::with_item() {
  Expr* context = expression();
  if (!context) return nullptr;
  auto* item = arena_.make<Withitem>();
  item->context_expr = context;
  if (accept_keyword(Kw::kAs)) {
    Expr* target = nullptr;
    if (is(TokenKind::kStar)) {
      Token star = cur();
      ++pos_;
      Expr* value = primary();
      if (!value) return nullptr;
      auto* starred = make<Starred>(span(star));
      starred->value = value;
      target = starred;
    } else {
      target = primary();
    }
    if (target && invalid_target(target, TargetKind::kStar) && ok() &&
        (is(TokenKind::kComma) || is(TokenKind::kRightParen) || is(TokenKind::kColon))) {
      fail_invalid_target(target, TargetKind::kStar);  // invalid_with_item
      return nullptr;
    }
    if (!target) {
      // invalid_with_item: the target may be any expression
      if (ok()) {
        Expr* any = expression();
        if (any && ok() && (is(TokenKind::kComma) || is(TokenKind::kRightParen) || is(TokenKind::kColon)))
          fail_invalid_target(any, TargetKind::kStar);
      }
      return nullptr;
    }
    set_context(target, ExprContext::Store);
    if (!is(TokenKind::kComma) && !is(TokenKind::kRightParen) && !is(TokenKind::kColon))
      return nullptr;
    item->optional_vars = target;
  }
  return item;
}

Stmt* Parser::with_statement(const Token* async_token) {
  Token with_token = cur();
  Token first = async_token ? *async_token : with_token;
  ++pos_;
  std::vector<Withitem*> items;
  bool parsed = false;
  if (is(TokenKind::kLeftParen)) {
    // 'with' '(' ','.with_item+ ','? ')' ':' first; else a plain item list
    std::size_t start = mark();
    ++pos_;
    do {
      if (is(TokenKind::kRightParen) && !items.empty()) break;
      Withitem* item = with_item();
      if (!item) break;
      items.push_back(item);
    } while (accept(TokenKind::kComma));
    if (ok() && !items.empty() && accept(TokenKind::kRightParen) && is(TokenKind::kColon)) {
      parsed = true;
    } else {
      if (!ok()) return nullptr;
      reset(start);
      items.clear();
    }
  }
  if (!parsed) {
    do {
      Withitem* item = with_item();
      if (!item) return nullptr;
      items.push_back(item);
    } while (accept(TokenKind::kComma));
  }
  if (!expect_colon_or_newline_error()) return nullptr;
  std::vector<Stmt*> body;
  if (!block(body, with_token, "'with' statement")) return nullptr;
  Pos pos = span(first);
  auto fill = [&](auto* node) {
    node->items = seq(items);
    node->body = seq(body);
    return node;
  };
  if (async_token) return fill(make<AsyncWith>(pos));
  return fill(make<With>(pos));
}

Stmt* Parser::try_statement() {
  Token first = cur();
  ++pos_;
  if (!expect_forced(TokenKind::kColon, ":")) return nullptr;
  std::vector<Stmt*> body, orelse, finalbody;
  std::vector<ExcepthandlerBase*> handlers;
  if (!block(body, first, "'try' statement")) return nullptr;
  Pos pos = span(first);
  int star_kind = -1;  // -1 unknown, 0 except, 1 except*
  while (is_keyword(Kw::kExcept)) {
    Token except = cur();
    ++pos_;
    bool star = accept(TokenKind::kStar);
    if (star_kind >= 0 && star_kind != (star ? 1 : 0)) {
      fail_range(span(except), "cannot have both 'except' and 'except*' on the same 'try'");
      return nullptr;
    }
    star_kind = star ? 1 : 0;
    auto* handler = make<ExceptHandler>(start_of(except));
    if (!is(TokenKind::kColon)) {
      handler->type = expression();
      if (!handler->type) return nullptr;
      if (accept_keyword(Kw::kAs)) {
        if (!is_name()) return nullptr;
        handler->name = identifier(cur());
        ++pos_;
      }
    } else if (star) {
      if (ok()) fail_at(cur(), "expected one or more exception types");
      return nullptr;
    }
    if (is(TokenKind::kComma) && ok()) {
      // invalid_except_stmt: 'except' a=expression ',' expressions ['as' NAME] ':'
      std::size_t comma = mark();
      ++pos_;
      bool rest = star_expressions() != nullptr;
      if (rest && accept_keyword(Kw::kAs)) rest = is_name() && (++pos_, true);
      if (rest && is(TokenKind::kColon) && ok()) {
        ++pos_;
        error_ = tokenizer_.error_at(SyntaxErrorKind::kSyntaxError,
                                     "multiple exception types must be parenthesized",
                                     handler->type->pos.lineno, handler->type->pos.col_offset + 1,
                                     tokenizer_.current_lineno(), tokenizer_.cursor_column());
        return nullptr;
      }
      if (!ok()) return nullptr;
      reset(comma);
    }
    if (!expect_colon_or_newline_error()) return nullptr;
    std::vector<Stmt*> handler_body;
    if (!block(handler_body, except, star ? "'except*' statement" : "'except' statement"))
      return nullptr;
    handler->body = seq(handler_body);
    handler->pos = span(except);
    handlers.push_back(handler);
    pos = handler->pos;
    pos.lineno = first.lineno;
    pos.col_offset = first.col_offset;
  }
  if (!handlers.empty() && is_keyword(Kw::kElse)) {
    Token else_token = cur();
    ++pos_;
    if (!expect_forced(TokenKind::kColon, ":") || !block(orelse, else_token, "'else' statement")) return nullptr;
    pos = span(first);
  }
  if (is_keyword(Kw::kFinally)) {
    Token finally = cur();
    ++pos_;
    if (!expect_forced(TokenKind::kColon, ":") || !block(finalbody, finally, "'finally' statement"))
      return nullptr;
    pos = span(first);
  }
  if (handlers.empty() && finalbody.empty()) {
    if (ok()) fail_at(tokens_[pos_], "expected 'except' or 'finally' block");
    return nullptr;
  }
  auto fill = [&](auto* node) {
    node->body = seq(body);
    node->handlers = seq(handlers);
    node->orelse = seq(orelse);
    node->finalbody = seq(finalbody);
    return node;
  };
  if (star_kind == 1) return fill(make<TryStar>(pos));
  return fill(make<Try>(pos));
}

}  // namespace dxpy::parser
