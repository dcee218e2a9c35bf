// f-strings, as 3.11 parses them: the whole literal is one STRING token; its
// replacement fields are found by scanning (quotes, brackets, '!', ':', '=',
// '}'), and each expression is parsed by a sub-parser on "(expr)" whose
// token positions are shifted to where the expression sits in the file.
#include "parser/parser_strings.h"

namespace dxpy::parser {

using namespace ast;

namespace {
constexpr int kMaxBracketNesting = 200;  // tokenizer.h MAXLEVEL
}

bool StringParser::fstring(const Token& token, std::string_view text, std::size_t& i,
                           std::size_t end, bool raw, int level, std::vector<Expr*>& out,
                           std::string& pending, const Pos& literal_pos) {
  while (i < end) {
    // A literal run up to '{' or '}' (doubled braces are literal at level 0).
    std::size_t run = i;
    while (i < end) {
      char c = text[i];
      if (!raw && c == '\\' && i + 1 < end) {
        if (text[i + 1] == 'N' && i + 2 < end && text[i + 2] == '{') {
          std::size_t close = text.find('}', i + 3);
          i = close == std::string_view::npos || close >= end ? end : close + 1;
          continue;
        }
        i += 2;
        continue;
      }
      if (c == '{' || c == '}') break;
      ++i;
    }
    if (i > run && !append_literal(text.substr(run, i - run), raw, pending)) return false;
    if (i >= end) break;
    char brace = text[i];
    if (level == 0 && i + 1 < end && text[i + 1] == brace) {
      pending += brace;
      i += 2;
      continue;
    }
    if (brace == '}') {
      if (level == 0) return fail("f-string: single '}' is not allowed");
      return true;  // the end of a format spec
    }
    if (!replacement_field(token, text, i, end, raw, level, out, pending, literal_pos))
      return false;
  }
  return true;
}

bool StringParser::replacement_field(const Token& token, std::string_view text, std::size_t& i,
                                     std::size_t end, bool raw, int level,
                                     std::vector<Expr*>& out, std::string& pending,
                                     const Pos& literal_pos) {
  if (level >= 2) return fail("f-string: expressions nested too deeply");
  ++i;  // '{'
  std::size_t expr_start = i;
  char quote = 0;
  int quote_length = 0;
  char brackets[kMaxBracketNesting];
  int depth = 0;
  for (; i < end; ++i) {
    char c = text[i];
    if (c == '\\') return fail("f-string expression part cannot include a backslash");
    if (quote) {
      if (c == quote) {
        if (quote_length == 3) {
          if (i + 2 < end && text[i + 1] == c && text[i + 2] == c) {
            i += 2;
            quote = 0;
          }
        } else {
          quote = 0;
        }
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      if (i + 2 < end && text[i + 1] == c && text[i + 2] == c) {
        quote_length = 3;
        i += 2;
      } else {
        quote_length = 1;
      }
      quote = c;
    } else if (c == '[' || c == '{' || c == '(') {
      if (depth >= kMaxBracketNesting) return fail("f-string: too many nested parenthesis");
      brackets[depth++] = c;
    } else if (c == '#') {
      return fail("f-string expression part cannot include '#'");
    } else if (depth == 0 && (c == '!' || c == ':' || c == '}' || c == '=' || c == '>' ||
                              c == '<')) {
      if (i + 1 < end && text[i + 1] == '=' && c != ':' && c != '}') {
        ++i;  // != == <= >=
        continue;
      }
      if (c == '>' || c == '<') continue;
      break;
    } else if (c == ']' || c == '}' || c == ')') {
      if (depth == 0) return fail(std::string("f-string: unmatched '") + c + "'");
      char open = brackets[--depth];
      if (!((open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}')))
        return fail(std::string("f-string: closing parenthesis '") + c +
                    "' does not match opening parenthesis '" + open + "'");
    }
  }
  if (quote) return fail("f-string: unterminated string");
  if (depth) return fail(std::string("f-string: unmatched '") + brackets[depth - 1] + "'");
  if (i >= end) return fail("f-string: expecting '}'");
  std::size_t expr_end = i;
  bool blank = true;
  for (std::size_t k = expr_start; k < expr_end; ++k)
    if (text[k] != ' ' && text[k] != '\t' && text[k] != '\n' && text[k] != '\f') blank = false;
  if (blank) {
    if (text[expr_end] == '}') return fail("f-string: empty expression not allowed");
    return fail(std::string("f-string: expression required before '") + text[expr_end] + "'");
  }
  Expr* value = compile_expression(token, text, expr_start, expr_end);
  if (!value) return false;

  bool debug = false;
  if (text[i] == '=') {
    ++i;
    while (i < end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\f' ||
                       text[i] == '\r' || text[i] == '\v'))
      ++i;
    pending.append(text.substr(expr_start, i - expr_start));
    debug = true;
  }
  int conversion = -1;
  if (i < end && text[i] == '!') {
    ++i;
    if (i >= end) return fail("f-string: expecting '}'");
    conversion = static_cast<unsigned char>(text[i]);
    ++i;
    if (conversion != 's' && conversion != 'r' && conversion != 'a')
      return fail("f-string: invalid conversion character: expected 's', 'r', or 'a'");
  }
  Expr* format_spec = nullptr;
  if (i < end && text[i] == ':') {
    ++i;
    if (i >= end) return fail("f-string: expecting '}'");
    // The spec's own nodes carry this token's position, not the whole string's.
    Pos token_pos{token.lineno, token.col_offset, token.end_lineno, token.end_col_offset};
    std::vector<Expr*> spec_values;
    std::string spec_pending;
    if (!fstring(token, text, i, end, raw, level + 1, spec_values, spec_pending, token_pos))
      return false;
    flush(spec_pending, spec_values, token_pos);
    auto* spec = parser_.make<JoinedStr>(token_pos);
    spec->values = parser_.seq(spec_values);
    format_spec = spec;
  }
  if (i >= end || text[i] != '}') return fail("f-string: expecting '}'");
  ++i;
  if (debug && !format_spec && conversion == -1) conversion = 'r';
  flush(pending, out, literal_pos);
  auto* field = parser_.make<FormattedValue>(whole_);
  field->value = value;
  field->conversion = conversion;
  field->format_spec = format_spec;
  out.push_back(field);
  return true;
}

// fstring_compile_expr + fstring_find_expr_location: the sub-parser's first
// line is the field's line; columns on that line are shifted by the bytes
// before '{' on its line (plus the token's column when '{' is on the token's
// first line), unless only whitespace separates '{' from a newline.
Expr* StringParser::compile_expression(const Token& token, std::string_view text,
                                       std::size_t expr_start, std::size_t expr_end) {
  std::size_t brace = expr_start - 1;
  bool newline_after_brace = true;
  for (std::size_t k = expr_start; k < text.size() && text[k] != '}' && text[k] != '\n'; ++k) {
    if (text[k] != ' ' && text[k] != '\t' && text[k] != '\f') {
      newline_after_brace = false;
      break;
    }
  }
  std::int32_t lines = 0;
  for (std::size_t k = 0; k < brace; ++k)
    if (text[k] == '\n') ++lines;
  std::int32_t cols = 0;
  if (!newline_after_brace) {
    std::size_t line_start = brace;
    while (line_start > 0 && text[line_start] != '\n') --line_start;
    cols = static_cast<std::int32_t>(brace - line_start);
    if (text[line_start] == '\n') cols -= 1;
  }
  std::string source_text = "(";
  source_text.append(text.substr(expr_start, expr_end - expr_start));
  source_text += ")";
  SourceBuffer source = SourceBuffer::from_utf8(source_text, true);
  TokenizerOptions options;
  options.first_lineno = token.lineno + lines;
  options.starting_lineno = token.lineno + lines;
  options.starting_col_offset = lines ? cols : token.col_offset + cols;
  Parser sub(source, parser_.arena_, options, parser_.depth_);
  Expr* expression = sub.parse_fstring_expression();
  if (!expression) {
    // CPython prefixes the sub-parser's messages, and reports its columns in
    // the "(expr)" text without the shift.
    SyntaxErrorInfo error = sub.error();
    if (error.kind == SyntaxErrorKind::kSyntaxError && error.message.rfind("f-string", 0) != 0) {
      error.message = "f-string: " + error.message;
      if (error.lineno == options.first_lineno && error.offset > options.starting_col_offset) {
        error.offset -= options.starting_col_offset;
        if (error.end_lineno == error.lineno && error.end_offset > options.starting_col_offset)
          error.end_offset -= options.starting_col_offset;
      }
    }
    parser_.take_error(std::move(error));
    return nullptr;
  }
  return expression;
}

ast::Expr* Parser::parse_fstring_expression() {
  mode_ = InternalMode::kFString;
  Expr* expression = star_expressions();
  if (expression && ok()) {
    while (accept(TokenKind::kNewline)) {
    }
    if (is(TokenKind::kEndMarker)) return expression;
  }
  if (ok()) report_generic_failure();
  return nullptr;
}

}  // namespace dxpy::parser
