// The tokenizer's errors as the SyntaxError values CPython builds: its own
// (tokenizer.c's _syntaxerror_range) and the tok->done conditions pegen turns
// into errors (tokenizer_error, _PyPegen_raise_error,
// _PyPegen_raise_error_known_location, raise_unclosed_parentheses_error).
#include <cstdio>
#include <cstring>

#include "parser/tokenizer.h"
#include "parser/utf8_text.h"

namespace dxpy::parser {

Token Tokenizer::error_token() const {
  Token token;
  token.kind = TokenKind::kError;
  token.start = token.end = static_cast<std::uint32_t>(cur_ - begin_);
  token.lineno = token.end_lineno = error_.lineno;
  token.col_offset = token.end_col_offset = -1;
  return token;
}

Token Tokenizer::fail_raised(const std::string& message, std::int32_t col, std::int32_t end_col) {
  std::string_view before(line_start_, static_cast<std::size_t>(cur_ - line_start_));
  const void* newline = std::memchr(line_start_, '\n', static_cast<std::size_t>(end_ - line_start_));
  const char* line_end = newline ? static_cast<const char*>(newline) : end_;
  error_ = SyntaxErrorInfo{};
  error_.kind = SyntaxErrorKind::kSyntaxError;
  error_.message = message;
  error_.lineno = error_.end_lineno = lineno_;
  error_.offset = col == -1 ? replace_decoded_length(before) : col;
  error_.end_offset = end_col == -1 ? error_.offset : end_col;
  error_.text = replace_invalid_utf8(std::string_view(line_start_, static_cast<std::size_t>(line_end - line_start_)));
  origin_ = TokenizerErrorOrigin::kRaised;
  return error_token();
}

std::string_view Tokenizer::error_source_line(std::int32_t lineno) const {
  // get_error_line_from_tokenizer_buffers: walk the lines read so far.
  std::int32_t relative = options_.starting_lineno ? lineno - options_.starting_lineno + 1 : lineno;
  const char* line = begin_;
  for (std::int32_t i = 0; i < relative - 1; ++i) {
    const void* newline = std::memchr(line, '\n', static_cast<std::size_t>(end_ - line));
    if (!newline || static_cast<const char*>(newline) + 1 > inp_) break;
    line = static_cast<const char*>(newline) + 1;
  }
  const void* newline = std::memchr(line, '\n', static_cast<std::size_t>(end_ - line));
  const char* line_end = newline ? static_cast<const char*>(newline) : end_;
  return std::string_view(line, static_cast<std::size_t>(line_end - line));
}

SyntaxErrorInfo Tokenizer::error_at(SyntaxErrorKind kind, std::string message, std::int32_t lineno,
                                    std::int32_t col_number, std::int32_t end_lineno,
                                    std::int32_t end_col_number) const {
  std::string_view line;
  if (lineno_ <= lineno && inp_ > buf_) {
    line = std::string_view(buf_, static_cast<std::size_t>(inp_ - buf_));  // the current line, '\n' included
  } else {
    line = error_source_line(lineno);
  }
  SyntaxErrorInfo info;
  info.kind = kind;
  info.message = std::move(message);
  info.text = replace_invalid_utf8(line);
  info.lineno = lineno;
  info.end_lineno = end_lineno;
  info.offset = col_number;
  info.end_offset = end_col_number;
  if (!source_.offsets_in_bytes()) {
    info.offset = byte_offset_to_character_offset(info.text, col_number);
    if (end_col_number > 0) info.end_offset = byte_offset_to_character_offset(info.text, end_col_number);
  }
  return info;
}

SyntaxErrorInfo Tokenizer::unclosed_bracket_error() const {
  const OpenBracket& bracket = brackets_.back();
  char message[32];
  std::snprintf(message, sizeof message, "'%c' was never closed", bracket.kind);
  return error_at(SyntaxErrorKind::kSyntaxError, message, bracket.lineno, bracket.col_offset + 1, bracket.lineno, 0);
}

SyntaxErrorInfo Tokenizer::error_at_error_token(SyntaxErrorKind kind, std::string message) const {
  // The error token has neither start nor end: initialize_token gives it
  // columns -1 (shifted like any token on the starting line).
  std::int32_t shift = lineno_ == options_.starting_lineno ? options_.starting_col_offset : 0;
  std::int32_t token_col = -1 + shift;
  std::int32_t token_end_col = -1 + shift;
  std::int32_t col;
  if (token_col == -1) {
    col = cur_ == buf_ ? 0 : static_cast<std::int32_t>(cur_ - line_start_);
  } else {
    col = token_col + 1;
  }
  std::int32_t end_col = token_end_col != -1 ? token_end_col + 1 : -1;
  return error_at(kind, std::move(message), lineno_, col, lineno_, end_col);
}

Token Tokenizer::fail_pegen(TokenizerErrorOrigin origin) {
  switch (origin) {
    case TokenizerErrorOrigin::kEndOfFile:
      error_ = brackets_.empty() ? error_at_error_token(SyntaxErrorKind::kSyntaxError, "unexpected EOF while parsing")
                                 : unclosed_bracket_error();
      break;
    case TokenizerErrorOrigin::kDedent:
      error_ = error_at_error_token(SyntaxErrorKind::kIndentationError,
                                    "unindent does not match any outer indentation level");
      break;
    case TokenizerErrorOrigin::kDecode:
      error_ = error_at_error_token(SyntaxErrorKind::kSyntaxError, std::string("(unicode error) ").append(decode_message_));
      break;
    case TokenizerErrorOrigin::kTabSpace:
      error_ = error_at(SyntaxErrorKind::kTabError, "inconsistent use of tabs and spaces in indentation", lineno_, 1,
                        lineno_, 0);
      break;
    case TokenizerErrorOrigin::kTooDeep:
      error_ = error_at(SyntaxErrorKind::kIndentationError, "too many levels of indentation", lineno_, 1, lineno_, 0);
      break;
    case TokenizerErrorOrigin::kLineContinuation:
      error_ = error_at(SyntaxErrorKind::kSyntaxError, "unexpected character after line continuation character",
                        lineno_, static_cast<std::int32_t>(cur_ - buf_), lineno_, 0);
      break;
    case TokenizerErrorOrigin::kNone:
    case TokenizerErrorOrigin::kRaised:
      break;
  }
  origin_ = origin;
  return error_token();
}

}  // namespace dxpy::parser
