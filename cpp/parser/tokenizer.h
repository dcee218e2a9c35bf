// Python 3.11 tokens on demand, as CPython's C tokenizer (Parser/tokenizer.c)
// produces them for the PEG parser: no COMMENT/NL tokens, NEWLINE only at the
// end of a logical line, INDENT/DEDENT from the indentation stack, one STRING
// token per literal (f-strings included, as in 3.11).
//
// Use:
//   SourceBuffer source = SourceBuffer::from_utf8(text);   // state() kReady
//   Tokenizer tokens(source);
//   for (Token t = tokens.next(); t.kind != TokenKind::kEndMarker; t = tokens.next())
//     if (t.kind == TokenKind::kError) { report(tokens.error()); break; }
//
// Errors are found when the token that holds them is requested, as in
// CPython, so a parser that stops early never sees an error further on; one
// that wants CPython's "tokenize the rest to look for a tokenizer error"
// (_PyPegen_tokenize_full_source_to_check_for_errors) keeps calling next().
// After an error, next() keeps returning kError with the same error().
//
// Positions (Token fields) are what CPython's initialize_token computes:
//   * lineno/end_lineno 1-based; col_offset/end_col_offset 0-based UTF-8 bytes
//     from the start of their line; a STRING starts on its first line.
//   * INDENT, DEDENT and ENDMARKER have no text: col_offset and
//     end_col_offset are -1 (CPython's start/end are NULL), lineno is the
//     tokenizer's current line. start == end == the cursor's byte offset.
//   * NEWLINE: CPython's token starts where the comment before the newline
//     starts, if there is one ("x  # c\n": at '#'), and ends at the '\n'
//     itself (end_col_offset is the column of '\n', end - start may be 0).
//   * kOp: a character that is no Python operator ('$', '?', '!', '`'):
//     CPython's generic OP, which no grammar rule accepts. kExclamation is
//     never produced (3.11 has no '!' token); "<>" is kNotEqual with the text
//     "<>", which the parser must reject as CPython does (Barry is not BDFL).
//   * NAME tokens carry `keyword` for the raw text; non-ASCII names go
//     through normalize_identifier (identifier.h) before the AST stores them.
//
// Error values (error()) are exactly the SyntaxError ast.parse raises when
// the parser stops at this token: for the tokenizer's own errors (origin
// kRaised) the fields tokenizer.c's syntaxerror() builds; for the conditions
// the parser converts (E_EOF, E_DEDENT, E_TABSPACE, E_TOODEEP, E_LINECONT,
// E_DECODE in pegen's tokenizer_error) the fields pegen builds. The origin
// matters to a parser copying CPython's error strategy: only kRaised errors
// replace a parser's own error in the full-source check.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parser/source_buffer.h"
#include "parser/syntax_error.h"
#include "parser/token.h"

namespace dxpy::parser {

// Why the tokenizer failed, as CPython's tok->done / PyErr_Occurred tell it.
enum class TokenizerErrorOrigin : std::uint8_t {
  kNone,
  kRaised,            // tokenizer.c raised the SyntaxError itself
  kEndOfFile,         // E_EOF: "'(' was never closed" / "unexpected EOF while parsing"
  kDedent,            // E_DEDENT: "unindent does not match any outer indentation level"
  kTabSpace,          // E_TABSPACE: TabError
  kTooDeep,           // E_TOODEEP: "too many levels of indentation"
  kLineContinuation,  // E_LINECONT: "unexpected character after line continuation character"
  kDecode,            // E_DECODE: invalid UTF-8 in an identifier
};

// A SyntaxWarning CPython emits while tokenizing ("invalid decimal literal"
// for "1if x else y"); the host decides whether to warn or to raise.
struct TokenizerWarning {
  std::int32_t lineno = 0;
  std::string message;
};

// CPython's sub-parser knobs (fstring_compile_expr in 3.11 sets them): the
// line number of the first line, and a column shift for the tokens produced
// while the tokenizer is on line `starting_lineno` (0: no shift). CPython
// tests the tokenizer's current line, not the token's, and shifts both
// columns; so does this.
struct TokenizerOptions {
  std::int32_t first_lineno = 1;
  std::int32_t starting_lineno = 0;
  std::int32_t starting_col_offset = 0;
};

class Tokenizer {
 public:
  // `source` must be in state kReady and outlive the tokenizer.
  explicit Tokenizer(const SourceBuffer& source, TokenizerOptions options = {});

  Token next();

  bool failed() const { return origin_ != TokenizerErrorOrigin::kNone; }
  const SyntaxErrorInfo& error() const { return error_; }
  TokenizerErrorOrigin error_origin() const { return origin_; }
  const std::vector<TokenizerWarning>& warnings() const { return warnings_; }
  // For kDecode: str() of the UnicodeDecodeError behind it, e.g. "'utf-8'
  // codec can't decode byte 0x80 in position 0: invalid start byte" (the
  // position counts from the start of the name). CPython raises the
  // SyntaxError "(unicode error) " + this when its parser meets the token,
  // but the bare UnicodeDecodeError when its full-source check after a
  // parser error meets it (that loop does not convert it).
  const std::string& decode_error_message() const { return decode_message_; }

  const SourceBuffer& source() const { return source_; }
  std::string_view text(const Token& token) const {
    return source_.text().substr(token.start, token.end - token.start);
  }

  // --- state the parser's error reporting reads (pegen reads tok_state) ---
  struct OpenBracket {
    char kind = 0;            // '(', '[' or '{'
    std::int32_t lineno = 0;  // where it was opened
    std::int32_t col_offset = 0;  // byte column of the bracket
  };
  std::int32_t paren_level() const { return static_cast<std::int32_t>(brackets_.size()); }
  // The innermost unclosed bracket; paren_level() must be > 0.
  const OpenBracket& innermost_open_bracket() const { return brackets_.back(); }
  std::int32_t current_lineno() const { return lineno_; }   // tok->lineno
  std::int32_t cursor_column() const { return static_cast<std::int32_t>(cur_ - line_start_); }
  bool cursor_at_buffer_start() const { return cur_ == buf_; }  // tok->cur == tok->buf

  // The SyntaxError pegen's _PyPegen_raise_error_known_location builds from
  // 1-based *byte* columns (col_number / end_col_number; end -1 and 0 kept as
  // CPython keeps them): `text` chosen as CPython chooses it (the current
  // line, with its newline, when lineno is at or after the tokenizer's line;
  // otherwise that line from the source, without newline), columns turned
  // into characters unless source().offsets_in_bytes().
  SyntaxErrorInfo error_at(SyntaxErrorKind kind, std::string message, std::int32_t lineno,
                           std::int32_t col_number, std::int32_t end_lineno,
                           std::int32_t end_col_number) const;
  // "'(' was never closed" for the innermost open bracket (pegen's
  // raise_unclosed_parentheses_error); paren_level() must be > 0.
  SyntaxErrorInfo unclosed_bracket_error() const;

 private:
  // Cursor primitives with tok_nextc / tok_backup semantics: lines are read
  // one at a time, and EOF is sticky.
  int next_char() {
    if (cur_ != inp_) return static_cast<unsigned char>(*cur_++);
    return next_line_char();
  }
  int next_line_char();  // the current line is used up: read the next one
  void backup(int c) {
    if (c != -1) --cur_;
  }

  Token make_token(TokenKind kind, std::uint32_t start, std::uint32_t end, bool is_string = false);
  Token make_marker(TokenKind kind);  // INDENT / DEDENT / ENDMARKER
  // tokenizer.c's syntaxerror(): columns are characters up to the cursor
  // unless given (syntaxerror_known_range passes byte columns unconverted).
  Token fail_raised(const std::string& message, std::int32_t col = -1, std::int32_t end_col = -1);
  // A tok->done condition, converted as pegen's tokenizer_error converts it.
  Token fail_pegen(TokenizerErrorOrigin origin);
  // pegen's _PyPegen_raise_error for the error token (no start, no end).
  SyntaxErrorInfo error_at_error_token(SyntaxErrorKind kind, std::string message) const;
  Token error_token() const;
  std::string_view error_source_line(std::int32_t lineno) const;

  Token scan_identifier_or_prefix(int c);
  // c: the first digit, or with after_dot the digit after a leading '.'.
  Token scan_number(int c, bool after_dot);
  Token scan_string(int quote);
  Token scan_operator(int c);
  bool verify_identifier();
  bool verify_end_of_number(int c, const char* kind);
  bool lookahead(const char* rest);
  int decimal_tail();  // 0 on error

  const SourceBuffer& source_;
  TokenizerOptions options_;
  const char* begin_;   // source text
  const char* end_;     // one past the last byte
  const char* buf_;     // start of the current line (tok->buf)
  const char* inp_;     // end of the line read so far (tok->inp)
  const char* cur_;     // next byte (tok->cur)
  const char* line_start_;
  const char* token_start_ = nullptr;  // tok->start
  const char* multi_line_start_ = nullptr;
  std::int32_t lineno_ = 0;
  std::int32_t first_lineno_ = 0;  // a string's first line
  bool eof_ = false;                // E_EOF reached by the reader
  bool at_bol_ = true;
  bool cont_line_ = false;
  int pending_ = 0;  // >0 INDENTs to emit, <0 DEDENTs
  std::vector<std::int32_t> indents_{0};
  std::vector<std::int32_t> alt_indents_{0};
  std::vector<OpenBracket> brackets_;

  TokenizerErrorOrigin origin_ = TokenizerErrorOrigin::kNone;
  SyntaxErrorInfo error_;
  std::string decode_message_;  // the UnicodeDecodeError text for kDecode
  std::vector<TokenizerWarning> warnings_;
};

}  // namespace dxpy::parser
