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

  while (!is(closer)) {
    Token first = cur();
    if (kwarg) return nullptr;  // nothing may follow **kwargs
    if (accept(TokenKind::kDoubleStar)) {
      kwarg = parameter(false);
      if (!kwarg) return nullptr;
    } else if (accept(TokenKind::kStar)) {
      if (seen_star) return nullptr;
      seen_star = true;
      if (!is(TokenKind::kComma)) {
        vararg = parameter(true);
        if (!vararg) return nullptr;
      } else if (peek().kind == closer || (peek().kind == TokenKind::kDoubleStar)) {
        fail_at(first, "named arguments must follow bare *");
        return nullptr;
      }
    } else if (is(TokenKind::kSlash)) {
      if (seen_slash || seen_star || positional.empty()) return nullptr;
      ++pos_;
      seen_slash = true;
      posonly_count = positional.size();
    } else {
      Arg* arg = parameter(false);
      if (!arg) return nullptr;
      Expr* value = nullptr;
      if (accept(TokenKind::kEqual)) {
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
