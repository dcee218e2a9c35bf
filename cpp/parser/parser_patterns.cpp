// The match statement and its patterns (PEP 634).
#include "parser/parser_internal.h"

namespace dxpy::parser {

using namespace ast;

Stmt* Parser::match_statement() {
  Token first = cur();
  ++pos_;  // "match"
  Token subject_first = cur();
  Expr* subject = star_named_expression();
  if (!subject) return nullptr;
  if (is(TokenKind::kComma)) {
    std::vector<Expr*> elements{subject};
    while (accept(TokenKind::kComma)) {
      if (is(TokenKind::kColon)) break;
      Expr* element = star_named_expression();
      if (!element) return nullptr;
      elements.push_back(element);
    }
    auto* tuple = make<Tuple>(span(subject_first));
    tuple->elts = seq(elements);
    tuple->ctx = ExprContext::Load;
    subject = tuple;
  } else if (subject->kind == ExprKind::Starred) {
    return nullptr;
  }
  if (!expect_colon_or_newline_error()) return nullptr;
  if (!accept(TokenKind::kNewline)) return nullptr;
  if (!accept(TokenKind::kIndent)) {
    if (ok()) {
      const Token& last = tokens_.back();
      std::string message =
          "expected an indented block after 'match' statement on line " + std::to_string(first.lineno);
      if (last.col_offset < 0) {
        error_ = tokenizer_.error_at(SyntaxErrorKind::kIndentationError, message, last.lineno,
                                     tokenizer_.cursor_column(), last.end_lineno, -1);
      } else {
        fail_at(last, message, SyntaxErrorKind::kIndentationError);
      }
    }
    return nullptr;
  }
  std::vector<MatchCase*> cases;
  while (is_keyword(Kw::kSoftCase)) {
    MatchCase* match_case = case_block();
    if (!match_case) return nullptr;
    cases.push_back(match_case);
  }
  if (cases.empty() || !accept(TokenKind::kDedent)) return nullptr;
  auto* node = make<Match>(Pos{first.lineno, first.col_offset,
                               cases.back()->body[cases.back()->body.size - 1]->pos.end_lineno,
                               cases.back()->body[cases.back()->body.size - 1]->pos.end_col_offset});
  node->subject = subject;
  node->cases = seq(cases);
  return node;
}

MatchCase* Parser::case_block() {
  Token case_token = cur();
  ++pos_;
  auto* match_case = arena_.make<MatchCase>();
  match_case->pattern = patterns();
  if (!match_case->pattern) return nullptr;
  if (accept_keyword(Kw::kIf)) {
    match_case->guard = named_expression();
    if (!match_case->guard) return nullptr;
  }
  if (!expect_colon_or_newline_error()) return nullptr;
  std::vector<Stmt*> body;
  if (!block(body, case_token, "'case' statement")) return nullptr;
  match_case->body = seq(body);
  return match_case;
}

namespace {
bool is_star_pattern_start(Parser&, const Token& token) { return token.kind == TokenKind::kStar; }
}  // namespace

// patterns: open_sequence_pattern | pattern
Pattern* Parser::patterns() {
  Token first = cur();
  Pattern* head = is_star_pattern_start(*this, cur()) ? closed_pattern() : pattern();
  if (!head) return nullptr;
  if (!is(TokenKind::kComma)) {
    if (head->kind == PatternKind::MatchStar) {
      auto* sequence = make<MatchSequence>(head->pos);
      std::vector<Pattern*> items{head};
      sequence->patterns = seq(items);
      return sequence;
    }
    return head;
  }
  std::vector<Pattern*> items{head};
  while (accept(TokenKind::kComma)) {
    if (is(TokenKind::kColon) || is_keyword(Kw::kIf)) break;
    Pattern* next = is(TokenKind::kStar) ? closed_pattern() : pattern();
    if (!next) return nullptr;
    items.push_back(next);
  }
  auto* sequence = make<MatchSequence>(span(first));
  sequence->patterns = seq(items);
  return sequence;
}

// pattern: or_pattern ['as' NAME]
Pattern* Parser::pattern() {
  DepthGuard guard(*this);
  if (too_deep()) return nullptr;
  Token first = cur();
  Pattern* inner = or_pattern();
  if (!inner) return nullptr;
  if (!accept_keyword(Kw::kAs)) return inner;
  if (!is_name() || cur().keyword == Kw::kSoftUnderscore) {
    if (ok() && is_keyword(Kw::kSoftUnderscore)) {
      fail_at(cur(), "cannot use '_' as a target");
    } else if (ok()) {
      // invalid_as_pattern: or_pattern 'as' !NAME a=expression
      if (Expr* target = expression(); target && ok()) fail_range(target->pos, "invalid pattern target");
    }
    return nullptr;
  }
  Token name = cur();
  ++pos_;
  auto* node = make<MatchAs>(span(first));
  node->pattern = inner;
  node->name = identifier(name);
  return node;
}

Pattern* Parser::or_pattern() {
  Token first_token = cur();
  Pattern* first = closed_pattern();
  if (!first || !is(TokenKind::kVerticalBar)) return first;
  std::vector<Pattern*> alternatives{first};
  while (accept(TokenKind::kVerticalBar)) {
    Pattern* next = closed_pattern();
    if (!next) return nullptr;
    alternatives.push_back(next);
  }
  auto* node = make<MatchOr>(span(first_token));
  node->patterns = seq(alternatives);
  return node;
}

// signed_number: NUMBER | '-' NUMBER, and complex_number: signed real +/- imaginary
Expr* Parser::signed_number() {
  Token first = cur();
  bool negative = accept(TokenKind::kMinus);
  if (!is(TokenKind::kNumber)) return nullptr;
  Token number_token = cur();
  ++pos_;
  Expr* value = number(number_token);
  if (!value) return nullptr;
  if (negative) {
    auto* unary = make<UnaryOp>(span(first));
    unary->op = Unaryop::USub;
    unary->operand = value;
    value = unary;
  }
  if (is(TokenKind::kPlus) || is(TokenKind::kMinus)) {
    Operator op = is(TokenKind::kPlus) ? Operator::Add : Operator::Sub;
    ++pos_;
    if (!is(TokenKind::kNumber)) return nullptr;
    Token imaginary = cur();
    ++pos_;
    Expr* right = number(imaginary);
    if (!right) return nullptr;
    auto* binary = make<BinOp>(span(first));
    binary->left = value;
    binary->op = op;
    binary->right = right;
    value = binary;
  }
  return value;
}

// Keys of mapping patterns and values of value patterns: literals and
// dotted names (at least one dot for a value pattern).
Expr* Parser::value_pattern_expression() {
  if (is(TokenKind::kNumber) || is(TokenKind::kMinus)) return signed_number();
  if (is(TokenKind::kString)) return strings();
  if (is_keyword(Kw::kNoneKeyword) || is_keyword(Kw::kTrue) ||
      is_keyword(Kw::kFalse))
    return atom();
  if (!is_name()) return nullptr;
  Token name = cur();
  Token first = name;
  ++pos_;
  auto* base = make<Name>(start_of(name));
  base->id = identifier(name);
  base->ctx = ExprContext::Load;
  Expr* value = base;
  while (is(TokenKind::kDot)) {
    ++pos_;
    if (!is_name()) return nullptr;
    Token attr = cur();
    ++pos_;
    auto* attribute = make<Attribute>(span(first));
    attribute->value = value;
    attribute->attr = identifier(attr);
    attribute->ctx = ExprContext::Load;
    value = attribute;
  }
  return value;
}

Pattern* Parser::closed_pattern() {
  Token first = cur();
  switch (first.kind) {
    case TokenKind::kStar: {
      ++pos_;
      if (!is_name()) return nullptr;
      Token name = cur();
      ++pos_;
      auto* star = make<MatchStar>(span(first));
      if (name.keyword != Kw::kSoftUnderscore) star->name = identifier(name);
      return star;
    }
    case TokenKind::kNumber:
    case TokenKind::kMinus:
    case TokenKind::kString: {
      Expr* value = value_pattern_expression();
      if (!value) return nullptr;
      auto* node = make<MatchValue>(value->pos);
      node->value = value;
      return node;
    }
    case TokenKind::kLeftParen:
    case TokenKind::kLeftBracket: {
      ++pos_;
      TokenKind closer = first.kind == TokenKind::kLeftParen ? TokenKind::kRightParen
                                                             : TokenKind::kRightBracket;
      return sequence_pattern(closer, first);
    }
    case TokenKind::kLeftBrace:
      return mapping_pattern();
    case TokenKind::kName: {
      if (first.keyword == Kw::kNoneKeyword || first.keyword == Kw::kTrue ||
          first.keyword == Kw::kFalse) {
        ++pos_;
        auto* node = make<MatchSingleton>(start_of(first));
        node->value.kind = first.keyword == Kw::kNoneKeyword ? ConstantKind::kNone
                           : first.keyword == Kw::kTrue      ? ConstantKind::kTrue
                                                                  : ConstantKind::kFalse;
        return node;
      }
      if (first.is_hard_keyword()) return nullptr;
      Expr* name_or_attr = value_pattern_expression();
      if (!name_or_attr) return nullptr;
      if (is(TokenKind::kLeftParen)) return class_pattern(name_or_attr);
      if (name_or_attr->kind == ExprKind::Attribute) {
        auto* node = make<MatchValue>(name_or_attr->pos);
        node->value = name_or_attr;
        return node;
      }
      auto* capture = make<MatchAs>(name_or_attr->pos);
      if (first.keyword != Kw::kSoftUnderscore)
        capture->name = static_cast<Name*>(name_or_attr)->id;
      return capture;
    }
    default:
      return nullptr;
  }
}

Pattern* Parser::sequence_pattern(TokenKind closer, const Token& open) {
  std::vector<Pattern*> items;
  bool comma = false;
  while (!is(closer)) {
    Pattern* item = is(TokenKind::kStar) ? closed_pattern() : pattern();
    if (!item) return nullptr;
    items.push_back(item);
    if (!accept(TokenKind::kComma)) break;
    comma = true;
  }
  if (!accept(closer)) return nullptr;
  if (closer == TokenKind::kRightParen && items.size() == 1 && !comma &&
      items[0]->kind != PatternKind::MatchStar) {
    return items[0];  // group_pattern: '(' pattern ')'
  }
  auto* node = make<MatchSequence>(span(open));
  node->patterns = seq(items);
  return node;
}

Pattern* Parser::mapping_pattern() {
  Token open = cur();
  ++pos_;
  std::vector<Expr*> keys;
  std::vector<Pattern*> values;
  std::string_view rest;
  while (!is(TokenKind::kRightBrace)) {
    if (accept(TokenKind::kDoubleStar)) {
      if (!is_name() || is_keyword(Kw::kSoftUnderscore)) return nullptr;
      rest = identifier(cur());
      ++pos_;
      accept(TokenKind::kComma);
      break;
    }
    Expr* key = value_pattern_expression();
    if (!key) return nullptr;
    if (key->kind == ExprKind::Name) return nullptr;
    if (!accept(TokenKind::kColon)) return nullptr;
    Pattern* value = pattern();
    if (!value) return nullptr;
    keys.push_back(key);
    values.push_back(value);
    if (!accept(TokenKind::kComma)) break;
  }
  if (!accept(TokenKind::kRightBrace)) return nullptr;
  auto* node = make<MatchMapping>(span(open));
  node->keys = seq(keys);
  node->patterns = seq(values);
  node->rest = rest;
  return node;
}

Pattern* Parser::class_pattern(Expr* cls) {
  Pos first = cls->pos;
  ++pos_;  // '('
  std::vector<Pattern*> positional, keyword_patterns;
  std::vector<std::string_view> keyword_names;
  while (!is(TokenKind::kRightParen)) {
    if (is_name() && peek().kind == TokenKind::kEqual) {
      keyword_names.push_back(identifier(cur()));
      pos_ += 2;
      Pattern* value = pattern();
      if (!value) return nullptr;
      keyword_patterns.push_back(value);
    } else {
      Pattern* value = pattern();
      if (!value) return nullptr;
      if (!keyword_names.empty()) {
        if (ok()) fail_range(value->pos, "positional patterns follow keyword patterns");
        return nullptr;
      }
      positional.push_back(value);
    }
    if (!accept(TokenKind::kComma)) break;
  }
  if (!accept(TokenKind::kRightParen)) return nullptr;
  auto* node = make<MatchClass>(span_from(first));
  node->cls = cls;
  node->patterns = seq(positional);
  node->kwd_attrs = seq(keyword_names);
  node->kwd_patterns = seq(keyword_patterns);
  return node;
}

}  // namespace dxpy::parser
