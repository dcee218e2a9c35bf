// The token buffer, the entry points and the error strategy's frame.
#include "parser/parser.h"

#include "parser/identifier.h"
#include "parser/parser_internal.h"

namespace dxpy::parser {

namespace {
// CPython 3.11's MAXSTACK (Parser/parser.c): its generated rules count every
// call; ours count one level per recursive descent step that can nest, which
// is scaled so the same inputs overflow (see README.md, "Depth").
constexpr int kMaxDepth = 6000;
}  // namespace

Parser::Parser(const SourceBuffer& source, Arena& arena, TokenizerOptions options, int depth)
    : source_(source), arena_(arena), tokenizer_(source, options), depth_(depth) {
  tokens_.reserve(source.text().size() / 4 + 16);
}

const Token& Parser::fetch(std::size_t index) {
  while (tokens_.size() <= index) {
    if (!tokens_.empty() && (tokens_.back().kind == TokenKind::kEndMarker ||
                             tokens_.back().kind == TokenKind::kError)) {
      tokens_.push_back(tokens_.back());
      levels_.push_back(level_);
      continue;
    }
    Token token = tokenizer_.next();
    if (token.kind == TokenKind::kError) take_error(tokenizer_.error());
    switch (token.kind) {
      case TokenKind::kLeftParen: case TokenKind::kLeftBracket: case TokenKind::kLeftBrace:
        ++level_;
        break;
      case TokenKind::kRightParen: case TokenKind::kRightBracket: case TokenKind::kRightBrace:
        if (level_ > 0) --level_;
        break;
      default:
        break;
    }
    tokens_.push_back(token);
    levels_.push_back(level_);
  }
  return tokens_[index];
}

std::string_view Parser::name_text(std::string_view text) {
  if (identifier_needs_normalization(text)) return arena_.copy(normalize_identifier(text));
  return arena_.copy(text);
}

bool Parser::too_deep() {
  if (depth_ <= kMaxDepth) return false;
  if (!error_) {
    SyntaxErrorInfo info;
    info.kind = SyntaxErrorKind::kMemoryError;
    info.has_location = false;
    error_ = std::move(info);
  }
  return true;
}

void Parser::fail_at(const Token& token, std::string message, SyntaxErrorKind kind) {
  if (error_) return;
  error_ = tokenizer_.error_at(kind, std::move(message), token.lineno, token.col_offset + 1,
                               token.end_lineno, token.end_col_offset + 1);
}

void Parser::fail_range(const Pos& pos, std::string message, SyntaxErrorKind kind) {
  if (error_) return;
  error_ = tokenizer_.error_at(kind, std::move(message), pos.lineno, pos.col_offset + 1,
                               pos.end_lineno, pos.end_col_offset + 1);
}

// _PyPegen_set_syntax_error for a first pass that failed without a hard
// error: the furthest token fetched decides.
void Parser::report_generic_failure() {
  if (error_) return;
  const Token& last = tokens_.back();
  if (last.kind == TokenKind::kIndent || last.kind == TokenKind::kDedent) {
    // _PyPegen_raise_error on a token without columns: the tokenizer's cursor.
    std::int32_t column = tokenizer_.cursor_at_buffer_start() ? 0 : tokenizer_.cursor_column();
    error_ = tokenizer_.error_at(SyntaxErrorKind::kIndentationError,
                                 last.kind == TokenKind::kIndent ? "unexpected indent"
                                                                 : "unexpected unindent",
                                 last.lineno, column, last.end_lineno, -1);
    return;
  }
  fail_at(last, "invalid syntax");
  // _PyPegen_tokenize_full_source_to_check_for_errors: a tokenizer error
  // further on replaces the generic message.
  SyntaxErrorInfo generic = *error_;
  for (;;) {
    Token token = tokenizer_.next();
    if (token.kind == TokenKind::kEndMarker) break;
    if (token.kind == TokenKind::kError) {
      if (tokenizer_.error_origin() == TokenizerErrorOrigin::kRaised) error_ = tokenizer_.error();
      break;
    }
  }
}

ast::Mod* Parser::parse_file(InternalMode mode) {
  mode_ = mode;
  switch (mode) {
    case InternalMode::kExec: {
      std::vector<Stmt*> body;
      if (!statements(body, false) || !ok()) break;
      if (!is(TokenKind::kEndMarker)) break;
      auto* module = arena_.make<ast::Module>();
      module->body = seq(body);
      return module;
    }
    case InternalMode::kEval: {
      Expr* body = star_expressions();  // `expressions`: no bare star, checked below
      if (!body || !ok()) break;
      while (accept(TokenKind::kNewline)) {
      }
      if (!is(TokenKind::kEndMarker)) break;
      auto* expression = arena_.make<ast::Expression>();
      expression->body = body;
      return expression;
    }
    case InternalMode::kSingle: {
      std::vector<Stmt*> body;
      if (is(TokenKind::kNewline) || is(TokenKind::kEndMarker)) {
        // an empty interactive statement
      } else if (!statement(body) || !ok()) {
        break;
      } else {
        // bad_single_statement: anything but blanks and comments after it
        std::string_view rest = source_.text().substr(tokens_.back().end);
        bool in_comment = false;
        for (char c : rest) {
          if (c == '#') in_comment = true;
          if (c == '\n') in_comment = false;
          if (!in_comment && c != ' ' && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != '#') {
            fail_at(tokens_.back(), "multiple statements found while compiling a single statement");
            return nullptr;
          }
        }
      }
      auto* interactive = arena_.make<ast::Interactive>();
      interactive->body = seq(body);
      return interactive;
    }
    case InternalMode::kFuncType: {
      if (!accept(TokenKind::kLeftParen)) break;
      std::vector<Expr*> arguments;
      while (!is(TokenKind::kRightParen)) {
        const Token& first = cur();
        Expr* type = nullptr;
        if (accept(TokenKind::kStar) || accept(TokenKind::kDoubleStar)) {
          type = expression();
          (void)first;
        } else {
          type = expression();
        }
        if (!type) break;
        arguments.push_back(type);
        if (!accept(TokenKind::kComma)) break;
      }
      if (!ok() || !accept(TokenKind::kRightParen) || !accept(TokenKind::kRightArrow)) break;
      Expr* returns = expression();
      if (!returns || !ok()) break;
      while (accept(TokenKind::kNewline)) {
      }
      if (!is(TokenKind::kEndMarker)) break;
      auto* function_type = arena_.make<ast::FunctionType>();
      function_type->argtypes = seq(arguments);
      function_type->returns = returns;
      return function_type;
    }
    case InternalMode::kFString:
      break;
  }
  if (ok()) report_generic_failure();
  return nullptr;
}

ParseResult parse(const SourceBuffer& source, Mode mode, Arena& arena) {
  ParseResult result;
  Parser parser(source, arena);
  InternalMode internal = InternalMode::kExec;
  if (mode == Mode::kEval) internal = InternalMode::kEval;
  if (mode == Mode::kSingle) internal = InternalMode::kSingle;
  if (mode == Mode::kFuncType) internal = InternalMode::kFuncType;
  result.tree = parser.parse_file(internal);
  if (!result.tree) result.error = parser.error();
  return result;
}

}  // namespace dxpy::parser
