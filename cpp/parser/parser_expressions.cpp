// Expressions from `expression` down to `await_primary`: the operator
// precedence ladder of Grammar/python.gram, one function per level.
#include "parser/parser_internal.h"

namespace dxpy::parser {

using namespace ast;

Expr* Parser::named_expression() {
  if (is_name() && peek().kind == TokenKind::kColonEqual) {
    Token name = cur();
    Token first = name;
    pos_ += 2;
    Expr* value = expression();
    if (!value) return nullptr;
    auto* target = make<Name>(start_of(name));
    target->id = identifier(name);
    target->ctx = ExprContext::Store;
    auto* node = make<NamedExpr>(span(first));
    node->target = target;
    node->value = value;
    return node;
  }
  Token first = cur();
  Expr* value = expression();
  if (!value) return nullptr;
  if (is(TokenKind::kColonEqual) && ok()) {
    // invalid_named_expression: a=expression ':=' expression
    fail_range(value->pos, std::string("cannot use assignment expressions with ") +
                               expression_name(value));
    return nullptr;
  }
  if (check_assignment_in_expression(value, first)) return nullptr;
  return value;
}

Expr* Parser::expression() {
  // A fresh expression costs CPython the rule chain expression .. factor; an
  // if-else's orelse or a lambda's body continues the chain by one.
  DepthGuard guard(*this, chained_expression_ ? 1 : 23);
  chained_expression_ = false;
  if (too_deep()) return nullptr;
  if (is_keyword(Kw::kLambda)) return lambda_expression();
  Token first = cur();
  Expr* body = disjunction();
  if (!body) return nullptr;
  if (!is_keyword(Kw::kIf)) {
    if (check_juxtaposed(body, first)) return nullptr;
    return body;
  }
  std::size_t before_if = mark();
  ++pos_;
  Expr* test = disjunction();
  if (test && ok() && !is_keyword(Kw::kElse) && !is(TokenKind::kColon)) {
    fail_range(join(body->pos, test->pos), "expected 'else' after 'if' expression");
    return nullptr;
  }
  if (!test || !accept_keyword(Kw::kElse)) {
    reset(before_if);  // PEG: the plain disjunction alternative
    return ok() ? body : nullptr;
  }
  chained_expression_ = true;
  Expr* orelse = expression();
  if (!orelse) return nullptr;
  auto* node = make<IfExp>(span(first));
  node->test = test;
  node->body = body;
  node->orelse = orelse;
  return node;
}

Expr* Parser::star_expression() {
  if (is(TokenKind::kStar)) {
    Token star = cur();
    ++pos_;
    Expr* value = bitwise_or();
    if (!value) return nullptr;
    auto* node = make<Starred>(span(star));
    node->value = value;
    node->ctx = ExprContext::Load;
    return node;
  }
  return expression();
}

Expr* Parser::star_named_expression() {
  if (is(TokenKind::kStar)) return star_expression();
  return named_expression();
}

// Whether the current token can begin an expression (after a trailing comma
// the sequence ends when it cannot).
static bool starts_expression(const Token& token) {
  switch (token.kind) {
    case TokenKind::kName:
      switch (token.keyword) {
        case Kw::kNone: case Kw::kSoftMatch: case Kw::kSoftCase:
        case Kw::kSoftUnderscore: case Kw::kFalse: case Kw::kTrue:
        case Kw::kNoneKeyword: case Kw::kNot: case Kw::kLambda:
        case Kw::kAwait:
          return true;
        default:
          return false;
      }
    case TokenKind::kNumber: case TokenKind::kString: case TokenKind::kLeftParen:
    case TokenKind::kLeftBracket: case TokenKind::kLeftBrace: case TokenKind::kMinus:
    case TokenKind::kPlus: case TokenKind::kTilde: case TokenKind::kStar:
    case TokenKind::kEllipsis:
      return true;
    default:
      return false;
  }
}

Expr* Parser::star_expressions() {
  Token first = cur();
  Expr* head = star_expression();
  if (!head) return nullptr;
  if (!is(TokenKind::kComma)) return head;
  std::vector<Expr*> elements{head};
  while (accept(TokenKind::kComma)) {
    if (!starts_expression(cur())) break;
    Expr* element = star_expression();
    if (!element) return nullptr;
    elements.push_back(element);
  }
  auto* tuple = make<Tuple>(span(first));
  tuple->elts = seq(elements);
  tuple->ctx = ExprContext::Load;
  return tuple;
}

Expr* Parser::yield_expression() {
  Token yield = cur();
  ++pos_;
  if (accept_keyword(Kw::kFrom)) {
    Expr* value = expression();
    if (!value) return nullptr;
    auto* node = make<YieldFrom>(span(yield));
    node->value = value;
    return node;
  }
  Expr* value = nullptr;
  if (starts_expression(cur())) {
    value = star_expressions();
    if (!value) return nullptr;
  }
  auto* node = make<Yield>(span(yield));
  node->value = value;
  return node;
}

Expr* Parser::disjunction() {
  Token first_token = cur();
  Expr* first = conjunction();
  if (!first || !is_keyword(Kw::kOr)) return first;
  std::vector<Expr*> values{first};
  while (accept_keyword(Kw::kOr)) {
    Expr* next = conjunction();
    if (!next) return nullptr;
    values.push_back(next);
  }
  auto* node = make<BoolOp>(span(first_token));
  node->op = Boolop::Or;
  node->values = seq(values);
  return node;
}

Expr* Parser::conjunction() {
  Token first_token = cur();
  Expr* first = inversion();
  if (!first || !is_keyword(Kw::kAnd)) return first;
  std::vector<Expr*> values{first};
  while (accept_keyword(Kw::kAnd)) {
    Expr* next = inversion();
    if (!next) return nullptr;
    values.push_back(next);
  }
  auto* node = make<BoolOp>(span(first_token));
  node->op = Boolop::And;
  node->values = seq(values);
  return node;
}

Expr* Parser::inversion() {
  if (is_keyword(Kw::kNot)) {
    DepthGuard guard(*this);
    if (too_deep()) return nullptr;
    Token not_token = cur();
    ++pos_;
    Expr* operand = inversion();
    if (!operand) return nullptr;
    auto* node = make<UnaryOp>(span(not_token));
    node->op = Unaryop::Not;
    node->operand = operand;
    return node;
  }
  return comparison();
}

Expr* Parser::comparison() {
  Token first = cur();
  Expr* left = bitwise_or();
  if (!left) return nullptr;
  std::vector<Cmpop> ops;
  std::vector<Expr*> comparators;
  for (;;) {
    Cmpop op;
    const Token& token = cur();
    switch (token.kind) {
      case TokenKind::kEqualEqual: op = Cmpop::Eq; break;
      case TokenKind::kNotEqual: op = Cmpop::NotEq; break;
      case TokenKind::kLess: op = Cmpop::Lt; break;
      case TokenKind::kLessEqual: op = Cmpop::LtE; break;
      case TokenKind::kGreater: op = Cmpop::Gt; break;
      case TokenKind::kGreaterEqual: op = Cmpop::GtE; break;
      case TokenKind::kName:
        if (token.keyword == Kw::kIn) {
          op = Cmpop::In;
        } else if (token.keyword == Kw::kIs) {
          op = Cmpop::Is;
          if (peek().kind == TokenKind::kName && peek().keyword == Kw::kNot) {
            op = Cmpop::IsNot;
            ++pos_;
          }
        } else if (token.keyword == Kw::kNot && peek().kind == TokenKind::kName &&
                   peek().keyword == Kw::kIn) {
          op = Cmpop::NotIn;
          ++pos_;
        } else {
          goto done;
        }
        break;
      default:
        goto done;
    }
    ++pos_;
    {
      Expr* right = bitwise_or();
      if (!right) return nullptr;
      ops.push_back(op);
      comparators.push_back(right);
    }
  }
done:
  if (ops.empty()) return left;
  auto* node = make<Compare>(span(first));
  node->left = left;
  node->ops = seq(ops);
  node->comparators = seq(comparators);
  return node;
}

namespace {
struct BinaryLevel {
  TokenKind token;
  Operator op;
};
}  // namespace

#define DXPY_BINARY_LEVEL(NAME, NEXT, ...)                                          \
  Expr* Parser::NAME() {                                                            \
    static constexpr BinaryLevel kLevels[] = {__VA_ARGS__};                         \
    Token first = cur();                                                            \
    Expr* left = NEXT();                                                            \
    while (left) {                                                                  \
      const BinaryLevel* level = nullptr;                                           \
      for (const auto& candidate : kLevels)                                         \
        if (is(candidate.token)) level = &candidate;                                \
      if (!level) break;                                                            \
      ++pos_;                                                                       \
      Expr* right = NEXT();                                                         \
      if (!right) return nullptr;                                                   \
      auto* node = make<BinOp>(span(first));                                        \
      node->left = left;                                                            \
      node->op = level->op;                                                         \
      node->right = right;                                                          \
      left = node;                                                                  \
    }                                                                               \
    return left;                                                                    \
  }

DXPY_BINARY_LEVEL(bitwise_or, bitwise_xor, {TokenKind::kVerticalBar, Operator::BitOr})
DXPY_BINARY_LEVEL(bitwise_xor, bitwise_and, {TokenKind::kCircumflex, Operator::BitXor})
DXPY_BINARY_LEVEL(bitwise_and, shift_expression, {TokenKind::kAmpersand, Operator::BitAnd})
DXPY_BINARY_LEVEL(shift_expression, sum, {TokenKind::kLeftShift, Operator::LShift},
                  {TokenKind::kRightShift, Operator::RShift})
DXPY_BINARY_LEVEL(sum, term, {TokenKind::kPlus, Operator::Add}, {TokenKind::kMinus, Operator::Sub})
DXPY_BINARY_LEVEL(term, factor, {TokenKind::kStar, Operator::Mult},
                  {TokenKind::kSlash, Operator::Div},
                  {TokenKind::kDoubleSlash, Operator::FloorDiv},
                  {TokenKind::kPercent, Operator::Mod}, {TokenKind::kAt, Operator::MatMult})
#undef DXPY_BINARY_LEVEL

Expr* Parser::factor() {
  DepthGuard guard(*this);
  if (too_deep()) return nullptr;
  Unaryop op;
  if (is(TokenKind::kPlus)) {
    op = Unaryop::UAdd;
  } else if (is(TokenKind::kMinus)) {
    op = Unaryop::USub;
  } else if (is(TokenKind::kTilde)) {
    op = Unaryop::Invert;
  } else {
    return power();
  }
  Token op_token = cur();
  ++pos_;
  Expr* operand = factor();
  if (!operand) return nullptr;
  auto* node = make<UnaryOp>(span(op_token));
  node->op = op;
  node->operand = operand;
  return node;
}

Expr* Parser::power() {
  Token first = cur();
  Expr* left = await_primary();
  if (!left || !is(TokenKind::kDoubleStar)) return left;
  DepthGuard guard(*this);
  ++pos_;
  Expr* right = factor();
  if (!right) return nullptr;
  auto* node = make<BinOp>(span(first));
  node->left = left;
  node->op = Operator::Pow;
  node->right = right;
  return node;
}

Expr* Parser::await_primary() {
  if (is_keyword(Kw::kAwait)) {
    DepthGuard guard(*this);
    if (too_deep()) return nullptr;
    Token await_token = cur();
    ++pos_;
    Expr* value = primary();
    if (!value) return nullptr;
    auto* node = make<Await>(span(await_token));
    node->value = value;
    return node;
  }
  return primary();
}

Expr* Parser::lambda_expression() {
  DepthGuard guard(*this);
  Token lambda = cur();
  ++pos_;
  Arguments* args = parameters(true, TokenKind::kColon);
  if (!args || !accept(TokenKind::kColon)) return nullptr;
  chained_expression_ = true;
  Expr* body = expression();
  if (!body) return nullptr;
  auto* node = make<Lambda>(span(lambda));
  node->args = args;
  node->body = body;
  return node;
}

}  // namespace dxpy::parser
