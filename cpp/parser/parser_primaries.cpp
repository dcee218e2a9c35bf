// Primaries and atoms: names, literals, displays and comprehensions,
// attribute access, calls, subscripts and slices.
#include "parser/parser_internal.h"

namespace dxpy::parser {

using namespace ast;

Expr* Parser::primary() {
  Token first = cur();
  Expr* value = atom();
  while (value) {
    if (is(TokenKind::kDot)) {
      ++pos_;
      if (!is_name()) return nullptr;
      Token name = cur();
      ++pos_;
      auto* node = make<Attribute>(span(first));
      node->value = value;
      node->attr = identifier(name);
      node->ctx = ExprContext::Load;
      value = node;
    } else if (is(TokenKind::kLeftParen)) {
      value = call(value, first);
    } else if (is(TokenKind::kLeftBracket)) {
      ++pos_;
      Expr* index = slices();
      if (!index || !accept(TokenKind::kRightBracket)) return nullptr;
      auto* node = make<Subscript>(span(first));
      node->value = value;
      node->slice = index;
      node->ctx = ExprContext::Load;
      value = node;
    } else {
      break;
    }
  }
  return value;
}

Expr* Parser::atom() {
  Token token = cur();
  switch (token.kind) {
    case TokenKind::kName: {
      auto constant = [&](ConstantKind kind) {
        ++pos_;
        auto* node = make<Constant>(start_of(token));
        node->value.kind = kind;
        return node;
      };
      if (token.keyword == Kw::kTrue) return constant(ConstantKind::kTrue);
      if (token.keyword == Kw::kFalse) return constant(ConstantKind::kFalse);
      if (token.keyword == Kw::kNoneKeyword) return constant(ConstantKind::kNone);
      if (token.is_hard_keyword()) return nullptr;
      ++pos_;
      auto* node = make<Name>(start_of(token));
      node->id = identifier(token);
      node->ctx = ExprContext::Load;
      return node;
    }
    case TokenKind::kNumber:
      ++pos_;
      return number(token);
    case TokenKind::kString:
      return strings();
    case TokenKind::kEllipsis: {
      ++pos_;
      auto* node = make<Constant>(start_of(token));
      node->value.kind = ConstantKind::kEllipsis;
      return node;
    }
    case TokenKind::kLeftParen:
      return paren_atom();
    case TokenKind::kLeftBracket:
      return list_atom();
    case TokenKind::kLeftBrace:
      return brace_atom();
    default:
      return nullptr;
  }
}

// 'for' or 'async' 'for'; the token after is fetched only after 'async', so
// the furthest token (the generic error's place) is CPython's.
bool Parser::starts_comprehension() {
  if (cur().kind != TokenKind::kName) return false;
  if (cur().keyword == Kw::kFor) return true;
  return cur().keyword == Kw::kAsync && peek().kind == TokenKind::kName &&
         peek().keyword == Kw::kFor;
}

bool Parser::comprehension_clauses(std::vector<Comprehension*>& out) {
  while (starts_comprehension()) {
    auto* clause = arena_.make<Comprehension>();
    if (accept_keyword(Kw::kAsync)) clause->is_async = 1;
    ++pos_;  // for
    clause->target = star_targets();
    if (!clause->target || !accept_keyword(Kw::kIn)) return false;
    clause->iter = disjunction();
    if (!clause->iter) return false;
    std::vector<Expr*> conditions;
    while (accept_keyword(Kw::kIf)) {
      Expr* condition = disjunction();
      if (!condition) return false;
      conditions.push_back(condition);
    }
    clause->ifs = seq(conditions);
    out.push_back(clause);
  }
  return !out.empty();
}

Expr* Parser::paren_atom() {
  Token open = cur();
  ++pos_;
  if (accept(TokenKind::kRightParen)) {
    auto* tuple = make<Tuple>(span(open));
    tuple->ctx = ExprContext::Load;
    return tuple;
  }
  if (is_keyword(Kw::kYield)) {
    Expr* value = yield_expression();
    if (!value || !accept(TokenKind::kRightParen)) return nullptr;
    return value;
  }
  if (is(TokenKind::kDoubleStar)) {
    // invalid_group: '(' '**' expression ')'
    Token stars = cur();
    ++pos_;
    if (expression() && ok() && is(TokenKind::kRightParen))
      fail_at(stars, "cannot use double starred expression here");
    return nullptr;
  }
  Expr* first = star_named_expression();
  if (!first) return nullptr;
  if (starts_comprehension()) {
    if (first->kind == ExprKind::Starred) return nullptr;
    std::vector<Comprehension*> clauses;
    if (!comprehension_clauses(clauses) || !accept(TokenKind::kRightParen)) return nullptr;
    auto* node = make<GeneratorExp>(span(open));
    node->elt = first;
    node->generators = seq(clauses);
    return node;
  }
  if (is(TokenKind::kComma)) {
    std::vector<Expr*> elements{first};
    while (accept(TokenKind::kComma)) {
      if (is(TokenKind::kRightParen)) break;
      Expr* element = star_named_expression();
      if (!element) return nullptr;
      elements.push_back(element);
    }
    if (!accept(TokenKind::kRightParen)) return nullptr;
    auto* tuple = make<Tuple>(span(open));
    tuple->elts = seq(elements);
    tuple->ctx = ExprContext::Load;
    return tuple;
  }
  if (!accept(TokenKind::kRightParen)) return nullptr;
  if (first->kind == ExprKind::Starred) {  // invalid_group
    if (ok()) fail_range(first->pos, "cannot use starred expression here");
    return nullptr;
  }
  return first;
}

Expr* Parser::list_atom() {
  Token open = cur();
  ++pos_;
  std::vector<Expr*> elements;
  if (!is(TokenKind::kRightBracket)) {
    Expr* first = star_named_expression();
    if (!first) return nullptr;
    if (starts_comprehension()) {
      if (first->kind == ExprKind::Starred) {
        if (ok()) fail_range(first->pos, "iterable unpacking cannot be used in comprehension");
        return nullptr;
      }
      std::vector<Comprehension*> clauses;
      if (!comprehension_clauses(clauses) || !accept(TokenKind::kRightBracket)) return nullptr;
      auto* node = make<ListComp>(span(open));
      node->elt = first;
      node->generators = seq(clauses);
      return node;
    }
    elements.push_back(first);
    while (accept(TokenKind::kComma)) {
      if (is(TokenKind::kRightBracket)) break;
      Expr* element = star_named_expression();
      if (!element) return nullptr;
      elements.push_back(element);
      if (starts_comprehension() && ok()) {
        fail_range(join(elements.front()->pos, element->pos),
                   "did you forget parentheses around the comprehension target?");
        return nullptr;
      }
    }
  }
  if (!accept(TokenKind::kRightBracket)) return nullptr;
  auto* list = make<List>(span(open));
  list->elts = seq(elements);
  list->ctx = ExprContext::Load;
  return list;
}

// invalid_kvpair / invalid_double_starred_kvpairs after "key ':'"
bool Parser::dict_value_checks(const Token& colon) {
  if (!ok()) return false;
  if (is(TokenKind::kRightBrace) || is(TokenKind::kComma)) {
    fail_at(colon, "expression expected after dictionary key and ':'");
    return false;
  }
  if (is(TokenKind::kStar)) {
    Token star = cur();
    std::size_t start = mark();
    ++pos_;
    if (bitwise_or() && ok()) {
      fail_range(span(star), "cannot use a starred expression in a dictionary value");
      return false;
    }
    if (!ok()) return false;
    reset(start);
  }
  return true;
}

Expr* Parser::brace_atom() {
  Token open = cur();
  ++pos_;
  if (accept(TokenKind::kRightBrace)) return make<Dict>(span(open));
  std::vector<Expr*> keys, values;
  auto dict_item = [&]() -> bool {
    if (accept(TokenKind::kDoubleStar)) {
      Expr* value = bitwise_or();
      if (!value) return false;
      keys.push_back(nullptr);
      values.push_back(value);
      return true;
    }
    Expr* key = expression();
    if (!key) return false;
    if (!is(TokenKind::kColon)) {
      // invalid_kvpair: at the key's last token, with CPython's end offset 0
      if (ok() && (is(TokenKind::kComma) || is(TokenKind::kRightBrace))) {
        const Token& last = prev();
        error_ = tokenizer_.error_at(SyntaxErrorKind::kSyntaxError, "':' expected after dictionary key",
                                     last.lineno, last.col_offset + 1, last.end_lineno, 0);
      }
      return false;
    }
    Token colon = cur();
    ++pos_;
    if (!dict_value_checks(colon)) return false;
    Expr* value = expression();
    if (!value) return false;
    keys.push_back(key);
    values.push_back(value);
    return true;
  };
  if (is(TokenKind::kDoubleStar)) {
    // invalid_comprehension: '{' '**' bitwise_or for_if_clauses '}'
    std::size_t start = mark();
    Token stars = cur();
    ++pos_;
    if (bitwise_or() && ok() && starts_comprehension()) {
      fail_at(stars, "dict unpacking cannot be used in dict comprehension");
      return nullptr;
    }
    if (!ok()) return nullptr;
    reset(start);
  }
  bool is_dict = is(TokenKind::kDoubleStar);
  // An unparenthesized walrus cannot be a key; a parenthesized one can.
  bool bare_walrus = is_name() && peek().kind == TokenKind::kColonEqual;
  Expr* first = nullptr;
  if (!is_dict) {
    first = star_named_expression();
    if (!first) return nullptr;
    is_dict = is(TokenKind::kColon);
  }
  if (is_dict) {
    if (first) {
      if (first->kind == ExprKind::Starred || bare_walrus) return nullptr;
      Token colon = cur();
      ++pos_;  // ':'
      if (!dict_value_checks(colon)) return nullptr;
      Expr* value = expression();
      if (!value) return nullptr;
      if (starts_comprehension()) {
        std::vector<Comprehension*> clauses;
        if (!comprehension_clauses(clauses) || !accept(TokenKind::kRightBrace)) return nullptr;
        auto* node = make<DictComp>(span(open));
        node->key = first;
        node->value = value;
        node->generators = seq(clauses);
        return node;
      }
      keys.push_back(first);
      values.push_back(value);
    } else if (!dict_item()) {
      return nullptr;
    }
    while (accept(TokenKind::kComma)) {
      if (is(TokenKind::kRightBrace)) break;
      if (!dict_item()) return nullptr;
    }
    if (!accept(TokenKind::kRightBrace)) return nullptr;
    auto* dict = make<Dict>(span(open));
    dict->keys = seq(keys);
    dict->values = seq(values);
    return dict;
  }
  if (starts_comprehension()) {
    if (first->kind == ExprKind::Starred) return nullptr;
    std::vector<Comprehension*> clauses;
    if (!comprehension_clauses(clauses) || !accept(TokenKind::kRightBrace)) return nullptr;
    auto* node = make<SetComp>(span(open));
    node->elt = first;
    node->generators = seq(clauses);
    return node;
  }
  std::vector<Expr*> elements{first};
  while (accept(TokenKind::kComma)) {
    if (is(TokenKind::kRightBrace)) break;
    Expr* element = star_named_expression();
    if (!element) return nullptr;
    elements.push_back(element);
  }
  if (!accept(TokenKind::kRightBrace)) return nullptr;
  auto* set = make<Set>(span(open));
  set->elts = seq(elements);
  return set;
}

// slice: [expression] ':' [expression] [':' [expression]] | named_expression
Expr* Parser::slice() {
  Token first = cur();
  Expr* lower = nullptr;
  if (!is(TokenKind::kColon)) {
    bool bare_walrus = is_name() && peek().kind == TokenKind::kColonEqual;
    Expr* value = named_expression();
    if (!value) return nullptr;
    if (!is(TokenKind::kColon)) return value;
    if (bare_walrus) return nullptr;
    lower = value;
  }
  ++pos_;  // ':'
  Expr* upper = nullptr;
  Expr* step = nullptr;
  auto ends_part = [&] {
    return is(TokenKind::kColon) || is(TokenKind::kComma) || is(TokenKind::kRightBracket);
  };
  if (!ends_part()) {
    upper = expression();
    if (!upper) return nullptr;
  }
  if (accept(TokenKind::kColon) && !ends_part()) {
    step = expression();
    if (!step) return nullptr;
  }
  auto* node = make<Slice>(span(first));
  node->lower = lower;
  node->upper = upper;
  node->step = step;
  return node;
}

Expr* Parser::slices() {
  Token first = cur();
  auto element = [&]() -> Expr* {
    if (is(TokenKind::kStar)) {
      Token star = cur();
      ++pos_;
      Expr* value = expression();
      if (!value) return nullptr;
      auto* node = make<Starred>(span(star));
      node->value = value;
      node->ctx = ExprContext::Load;
      return node;
    }
    return slice();
  };
  bool starred = is(TokenKind::kStar);
  Expr* head = element();
  if (!head) return nullptr;
  if (!is(TokenKind::kComma) && !starred) return head;
  std::vector<Expr*> elements{head};
  while (accept(TokenKind::kComma)) {
    if (is(TokenKind::kRightBracket)) break;
    Expr* next = element();
    if (!next) return nullptr;
    elements.push_back(next);
  }
  auto* tuple = make<Tuple>(span(first));
  tuple->elts = seq(elements);
  tuple->ctx = ExprContext::Load;
  return tuple;
}

Expr* Parser::call(Expr* func, const Token& first_of_func) {
  Token open = cur();
  ++pos_;
  std::vector<Expr*> args;
  std::vector<ast::Keyword*> keywords;
  bool seen_keyword = false, seen_double_star = false;
  while (!is(TokenKind::kRightParen)) {
    Token first = cur();
    if (accept(TokenKind::kStar)) {
      Expr* value = expression();
      if (!value) return nullptr;
      if (seen_double_star) {
        fail_at(first, "iterable argument unpacking follows keyword argument unpacking");
        return nullptr;
      }
      auto* node = make<Starred>(span(first));
      node->value = value;
      node->ctx = ExprContext::Load;
      args.push_back(node);
    } else if (accept(TokenKind::kDoubleStar)) {
      Expr* value = expression();
      if (!value) return nullptr;
      auto* keyword = make<ast::Keyword>(span(first));
      keyword->value = value;
      keywords.push_back(keyword);
      seen_double_star = true;
    } else if (is_name() && peek().kind == TokenKind::kEqual) {
      pos_ += 2;
      Expr* value = expression();
      if (!value) return nullptr;
      auto* keyword = make<ast::Keyword>(span(first));
      keyword->arg = identifier(first);
      keyword->value = value;
      keywords.push_back(keyword);
      seen_keyword = true;
    } else if ((is_keyword(Kw::kTrue) || is_keyword(Kw::kFalse) || is_keyword(Kw::kNoneKeyword)) &&
               peek().kind == TokenKind::kEqual) {
      fail_range(start_of(first), std::string("cannot assign to ") + std::string(text_of(first)));
      return nullptr;
    } else {
      Expr* value = is_name() && peek().kind == TokenKind::kColonEqual ? named_expression()
                                                                       : expression();
      if (!value) return nullptr;
      if (is(TokenKind::kEqual) && ok()) {
        // invalid_kwarg: !(NAME '=') a=expression b='='
        fail_range(join(value->pos, start_of(cur())),
                   "expression cannot contain assignment, perhaps you meant \"==\"?");
        return nullptr;
      }
      if (starts_comprehension()) {
        std::vector<Comprehension*> clauses;
        if (!comprehension_clauses(clauses)) return nullptr;
        if (!is(TokenKind::kRightParen) || !args.empty() || !keywords.empty()) {
          if (ok() && (is(TokenKind::kComma) || is(TokenKind::kRightParen))) {
            // invalid_arguments: an unparenthesized generator among other arguments
            Comprehension* last = clauses.back();
            Expr* last_item = last->ifs.empty() ? last->iter : last->ifs[last->ifs.size - 1];
            fail_range(join(value->pos, last_item->pos), "Generator expression must be parenthesized");
          }
          return nullptr;
        }
        ++pos_;
        auto* generator = make<GeneratorExp>(span(open));
        generator->elt = value;
        generator->generators = seq(clauses);
        args.push_back(generator);
        auto* node = make<Call>(span(first_of_func));
        node->func = func;
        node->args = seq(args);
        return node;
      }
      if (is(TokenKind::kEqual)) return nullptr;
      if (seen_keyword || seen_double_star) {
        if (!ok()) return nullptr;
        fail_at(cur(), seen_double_star
                                   ? "positional argument follows keyword argument unpacking"
                                   : "positional argument follows keyword argument");
        return nullptr;
      }
      args.push_back(value);
    }
    if (!accept(TokenKind::kComma)) {
      if (!is(TokenKind::kRightParen)) return nullptr;
      break;
    }
  }
  if (!accept(TokenKind::kRightParen)) return nullptr;
  auto* node = make<Call>(span(first_of_func));
  node->func = func;
  node->args = seq(args);
  node->keywords = seq(keywords);
  return node;
}

// star_targets for `for` loops and comprehensions: starred or primary
// targets, a Tuple when there is a comma; Store context set here.
Expr* Parser::star_targets() {
  Token first = cur();
  auto target = [&]() -> Expr* {
    if (is(TokenKind::kStar)) {
      Token star = cur();
      ++pos_;
      Expr* value = primary();
      if (!value) return nullptr;
      auto* node = make<Starred>(span(star));
      node->value = value;
      node->ctx = ExprContext::Load;
      return node;
    }
    return primary();
  };
  Expr* head = target();
  if (!head) return nullptr;
  Expr* result = head;
  if (is(TokenKind::kComma)) {
    std::vector<Expr*> elements{head};
    while (accept(TokenKind::kComma)) {
      if (!is(TokenKind::kStar) && !(is_name() || is(TokenKind::kLeftParen) ||
                                     is(TokenKind::kLeftBracket)))
        break;
      Expr* next = target();
      if (!next) return nullptr;
      elements.push_back(next);
    }
    auto* tuple = make<Tuple>(span(first));
    tuple->elts = seq(elements);
    tuple->ctx = ExprContext::Load;
    result = tuple;
  }
  if (Expr* bad = set_context(result, ExprContext::Store)) {
    (void)bad;
    return nullptr;
  }
  return result;
}

}  // namespace dxpy::parser
