// String literals (internal to the parser): splitting a STRING token into
// prefix and body, decoding escapes, implicit concatenation, and f-strings
// (parser_fstrings.cpp), as CPython 3.11's Parser/string_parser.c does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parser/parser_internal.h"

namespace dxpy::parser {

struct StringLiteral {
  bool raw = false, bytes = false, formatted = false, unicode = false;
  std::size_t body_start = 0;  // offsets into the token's text
  std::size_t body_end = 0;
};

// Prefix letters and quotes of a STRING token's text.
StringLiteral split_string_literal(std::string_view text);

// Escape decoding of a (non-raw) body; `error` set on failure. Code points
// are appended as generalised UTF-8 (lone surrogates kept, utf8_text.h).
bool decode_escapes(std::string_view body, bool bytes, std::string& out, std::string& error);

class StringParser {
 public:
  StringParser(Parser& parser, const Token& first, const Token& last);
  ast::Expr* parse(const std::vector<Token>& tokens);

 private:
  using Expr = ast::Expr;
  using Pos = ast::Position;
  bool fail(std::string message);
  void flush(std::string& pending, std::vector<Expr*>& out, const Pos& pos);
  bool append_literal(std::string_view raw_text, bool raw, std::string& pending);
  // The body of an f-string (or of a format spec at level > 0) from text[i]
  // up to `end` (level 0) or to the '}' closing the spec (level > 0).
  bool fstring(const Token& token, std::string_view text, std::size_t& i, std::size_t end,
               bool raw, int level, std::vector<Expr*>& out, std::string& pending,
               const Pos& literal_pos);
  bool replacement_field(const Token& token, std::string_view text, std::size_t& i,
                         std::size_t end, bool raw, int level, std::vector<Expr*>& out,
                         std::string& pending, const Pos& literal_pos);
  Expr* compile_expression(const Token& token, std::string_view text, std::size_t expr_start,
                           std::size_t expr_end);

  Parser& parser_;
  Pos whole_;
};

}  // namespace dxpy::parser
