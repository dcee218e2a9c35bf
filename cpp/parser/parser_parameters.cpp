// Parameter lists of def (annotations allowed) and lambda (none):
// positional-only before '/', defaults, '*' or '*args', keyword-only, '**kw'.
#include "parser/parser_internal.h"

namespace dxpy::parser {

using namespace ast;

Arguments* Parser::parameters(bool lambda, TokenKind closer) {
  auto* args = arena_.make<Arguments>();
  std::vector<Arg*> positional, keyword_only;
  std::vector<Expr*> defaults, keyword_defaults;
  std::size_t posonly_count = 0;
  bool seen_slash = false, seen_star = false;
  Arg* vararg = nullptr;
  Arg* kwarg = nullptr;

  // NAME [':' annotation]; *args may take a starred annotation (3.11).
  auto parameter = [&](bool star_annotation) -> Arg* {
    if (!is_name()) return nullptr;
    Token name = cur();
    ++pos_;
    auto* arg = make<Arg>(start_of(name));
    arg->arg = identifier(name);
    if (!lambda && accept(TokenKind::kColon)) {
      arg->annotation = star_annotation ? star_expression() : expression();
      if (!arg->annotation) return nullptr;
      arg->pos = span(name);
    }
    return arg;
  };

  // The invalid_parameters / invalid_lambda_parameters messages, each at
  // the token CPython's rule points at.
  auto fail_here = [&](const Token& token, const char* message) {
    if (ok()) fail_at(token, message);
    return nullptr;
  };
  while (!is(closer)) {
    Token first = cur();
    if (kwarg) return fail_here(first, "arguments cannot follow var-keyword argument");
    if (is(TokenKind::kLeftParen) && ok()) {
      // '(' param+ ','? ')': parenthesized parameters (Python 2's tuple parameters)
      std::size_t open = mark();
      ++pos_;
      bool names = false;
      while (is_name()) {
        names = true;
        ++pos_;
        if (!accept(TokenKind::kComma)) break;
      }
      if (names && is(TokenKind::kRightParen)) {
        ++pos_;
        fail_range(span(first), lambda ? "Lambda expression parameters cannot be parenthesized"
                                       : "Function parameters cannot be parenthesized");
        return nullptr;
      }
      reset(open);
      return nullptr;
    }
    if (accept(TokenKind::kDoubleStar)) {
      kwarg = parameter(false);
      if (!kwarg) return nullptr;
      if (is(TokenKind::kEqual)) return fail_here(cur(), "var-keyword argument cannot have default value");
    } else if (accept(TokenKind::kStar)) {
      if (seen_star) return fail_here(first, "* argument may appear only once");
      seen_star = true;
      if (!is(TokenKind::kComma) && !is(closer)) {
        vararg = parameter(true);
        if (!vararg) return nullptr;
        if (is(TokenKind::kEqual)) return fail_here(cur(), "var-positional argument cannot have default value");
      } else if (is(closer) || peek().kind == closer || peek().kind == TokenKind::kDoubleStar) {
        // def: at the '*'; lambda: RAISE_SYNTAX_ERROR at the last token read
        if (lambda) {
          if (!is(closer)) ++pos_;
          if (!is(closer)) ++pos_;
          return fail_here(cur(), "named arguments must follow bare *");
        }
        return fail_here(first, "named arguments must follow bare *");
      }
    } else if (is(TokenKind::kSlash)) {
      if (seen_slash) return fail_here(first, "/ may appear only once");
      if (seen_star) return fail_here(first, "/ must be ahead of *");
      if (positional.empty()) return fail_here(first, "at least one argument must precede /");
      ++pos_;
      seen_slash = true;
      posonly_count = positional.size();
      if (is(TokenKind::kStar)) return fail_here(cur(), "expected comma between / and *");
    } else {
      Arg* arg = parameter(false);
      if (!arg) return nullptr;
      Expr* value = nullptr;
      if (is(TokenKind::kEqual)) {
        Token equal = cur();
        ++pos_;
        if (is(TokenKind::kComma) || is(closer))
          return fail_here(equal, "expected default value expression");
        value = expression();
        if (!value) return nullptr;
      }
      if (seen_star) {
        keyword_only.push_back(arg);
        keyword_defaults.push_back(value);
      } else {
        if (!value && !defaults.empty()) {
          fail_range(arg->pos, "non-default argument follows default argument");
          return nullptr;
        }
        positional.push_back(arg);
        if (value) defaults.push_back(value);
      }
    }
    if (!accept(TokenKind::kComma)) break;
  }
  if (seen_star && !vararg && keyword_only.empty()) {
    if (ok()) fail_at(prev(), "named arguments must follow bare *");
    return nullptr;
  }
  std::vector<Arg*> posonly(positional.begin(), positional.begin() + posonly_count);
  std::vector<Arg*> plain(positional.begin() + posonly_count, positional.end());
  args->posonlyargs = seq(posonly);
  args->args = seq(plain);
  args->vararg = vararg;
  args->kwonlyargs = seq(keyword_only);
  args->kw_defaults = seq(keyword_defaults);
  args->kwarg = kwarg;
  args->defaults = seq(defaults);
  return args;
}

}  // namespace dxpy::parser
