// The tokenizer's main loop: lines, indentation, names, strings, operators.
// Numbers are in tokenizer_numbers.cpp, error values in tokenizer_errors.cpp.
// The control flow follows tok_get of CPython 3.11 step by step, because the
// positions CPython reports (for tokens and, above all, for errors) depend on
// where its cursor is when it gives up.
#include "parser/tokenizer.h"

#include <cstdio>
#include <cstring>

#include "parser/identifier.h"
#include "parser/utf8_text.h"

namespace dxpy::parser {
namespace {

constexpr int kEof = -1;
constexpr int kTabSize = 8;
constexpr int kAltTabSize = 1;  // the consistency check's second tab size
constexpr std::size_t kMaxIndent = 100;
constexpr std::size_t kMaxLevel = 200;

constexpr bool potential_identifier_start(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}

constexpr bool potential_identifier_char(int c) { return potential_identifier_start(c) || (c >= '0' && c <= '9'); }

// ASCII letters, digits and '_': the bytes a name's fast loop consumes.
struct AsciiNameBytes {
  bool table[256] = {};
  constexpr AsciiNameBytes() {
    for (int c = 0; c < 128; ++c) table[c] = potential_identifier_char(c);
  }
};
constexpr AsciiNameBytes kAsciiNameBytes;

TokenKind one_char(int c) {
  switch (c) {
    case '%': return TokenKind::kPercent;
    case '&': return TokenKind::kAmpersand;
    case '(': return TokenKind::kLeftParen;
    case ')': return TokenKind::kRightParen;
    case '*': return TokenKind::kStar;
    case '+': return TokenKind::kPlus;
    case ',': return TokenKind::kComma;
    case '-': return TokenKind::kMinus;
    case '.': return TokenKind::kDot;
    case '/': return TokenKind::kSlash;
    case ':': return TokenKind::kColon;
    case ';': return TokenKind::kSemicolon;
    case '<': return TokenKind::kLess;
    case '=': return TokenKind::kEqual;
    case '>': return TokenKind::kGreater;
    case '@': return TokenKind::kAt;
    case '[': return TokenKind::kLeftBracket;
    case ']': return TokenKind::kRightBracket;
    case '^': return TokenKind::kCircumflex;
    case '{': return TokenKind::kLeftBrace;
    case '|': return TokenKind::kVerticalBar;
    case '}': return TokenKind::kRightBrace;
    case '~': return TokenKind::kTilde;
    default: return TokenKind::kOp;
  }
}

// PyToken_TwoChars; kOp when the pair is no operator. "<>" is NOTEQUAL, as in
// CPython: the parser rejects its text unless Barry is BDFL.
TokenKind two_chars(int c1, int c2) {
  switch (c1) {
    case '!': if (c2 == '=') return TokenKind::kNotEqual; break;
    case '%': if (c2 == '=') return TokenKind::kPercentEqual; break;
    case '&': if (c2 == '=') return TokenKind::kAmpersandEqual; break;
    case '*':
      if (c2 == '*') return TokenKind::kDoubleStar;
      if (c2 == '=') return TokenKind::kStarEqual;
      break;
    case '+': if (c2 == '=') return TokenKind::kPlusEqual; break;
    case '-':
      if (c2 == '=') return TokenKind::kMinusEqual;
      if (c2 == '>') return TokenKind::kRightArrow;
      break;
    case '/':
      if (c2 == '/') return TokenKind::kDoubleSlash;
      if (c2 == '=') return TokenKind::kSlashEqual;
      break;
    case ':': if (c2 == '=') return TokenKind::kColonEqual; break;
    case '<':
      if (c2 == '<') return TokenKind::kLeftShift;
      if (c2 == '=') return TokenKind::kLessEqual;
      if (c2 == '>') return TokenKind::kNotEqual;
      break;
    case '=': if (c2 == '=') return TokenKind::kEqualEqual; break;
    case '>':
      if (c2 == '=') return TokenKind::kGreaterEqual;
      if (c2 == '>') return TokenKind::kRightShift;
      break;
    case '@': if (c2 == '=') return TokenKind::kAtEqual; break;
    case '^': if (c2 == '=') return TokenKind::kCircumflexEqual; break;
    case '|': if (c2 == '=') return TokenKind::kVerticalBarEqual; break;
    default: break;
  }
  return TokenKind::kOp;
}

TokenKind three_chars(int c1, int c2, int c3) {
  if (c3 != '=' && !(c1 == '.' && c2 == '.' && c3 == '.')) return TokenKind::kOp;
  if (c1 == '*' && c2 == '*') return TokenKind::kDoubleStarEqual;
  if (c1 == '/' && c2 == '/') return TokenKind::kDoubleSlashEqual;
  if (c1 == '<' && c2 == '<') return TokenKind::kLeftShiftEqual;
  if (c1 == '>' && c2 == '>') return TokenKind::kRightShiftEqual;
  if (c1 == '.' && c2 == '.') return TokenKind::kEllipsis;
  return TokenKind::kOp;
}

}  // namespace

Tokenizer::Tokenizer(const SourceBuffer& source, TokenizerOptions options)
    : source_(source), options_(options) {
  begin_ = source_.text().data();
  end_ = begin_ + source_.text().size();
  buf_ = inp_ = cur_ = line_start_ = begin_;
  lineno_ = options_.first_lineno - 1;
}

// tok_nextc: hand out the current line's bytes; at its end read the next
// line (CPython reads a string source one line at a time, and positions and
// error texts depend on which line is "current").
int Tokenizer::next_line_char() {
  if (eof_ || failed()) return kEof;
  if (inp_ == end_) {
    eof_ = true;
    return kEof;
  }
  const void* newline = std::memchr(inp_, '\n', static_cast<std::size_t>(end_ - inp_));
  ++lineno_;
  // CPython keeps its buffer start at the first line of a token that spans
  // lines (and of a backslash continuation): error texts show all of them.
  if (token_start_ == nullptr) buf_ = cur_;
  line_start_ = cur_;
  inp_ = newline ? static_cast<const char*>(newline) + 1 : end_;
  return static_cast<unsigned char>(*cur_++);
}

Token Tokenizer::make_token(TokenKind kind, std::uint32_t start, std::uint32_t end, bool is_string) {
  Token token;
  token.kind = kind;
  token.start = start;
  token.end = end;
  const char* line_start = is_string ? multi_line_start_ : line_start_;
  const char* start_ptr = begin_ + start;
  const char* end_ptr = begin_ + end;
  token.lineno = is_string ? first_lineno_ : lineno_;
  token.end_lineno = lineno_;
  std::int32_t col = start_ptr >= line_start ? static_cast<std::int32_t>(start_ptr - line_start) : -1;
  std::int32_t end_col = end_ptr >= line_start_ ? static_cast<std::int32_t>(end_ptr - line_start_) : -1;
  if (lineno_ == options_.starting_lineno) {
    col += options_.starting_col_offset;
    end_col += options_.starting_col_offset;
  }
  token.col_offset = col;
  token.end_col_offset = end_col;
  if (kind == TokenKind::kName) token.keyword = keyword_of(text(token));
  return token;
}

Token Tokenizer::make_marker(TokenKind kind) {
  Token token;
  token.kind = kind;
  token.start = token.end = static_cast<std::uint32_t>(cur_ - begin_);
  token.lineno = token.end_lineno = lineno_;
  std::int32_t shift = lineno_ == options_.starting_lineno ? options_.starting_col_offset : 0;
  token.col_offset = token.end_col_offset = -1 + shift;
  return token;
}

Token Tokenizer::next() {
  if (failed()) return error_token();
  bool blankline;
  int c;
nextline:
  token_start_ = nullptr;
  blankline = false;

  if (at_bol_) {
    at_bol_ = false;
    int col = 0;
    int altcol = 0;
    int cont_line_col = 0;
    for (;;) {
      c = next_char();
      if (c == ' ') {
        ++col;
        ++altcol;
      } else if (c == '\t') {
        col = (col / kTabSize + 1) * kTabSize;
        altcol = (altcol / kAltTabSize + 1) * kAltTabSize;
      } else if (c == '\014') {  // form feed resets the column (for Emacs users, says CPython)
        col = altcol = 0;
      } else if (c == '\\') {
        // Indentation cannot be split over lines with backslashes: the
        // column before the first one decides.
        cont_line_col = cont_line_col ? cont_line_col : col;
        c = next_char();
        if (c != '\n') return fail_pegen(TokenizerErrorOrigin::kLineContinuation);
        c = next_char();
        if (c == kEof) {
          cur_ = inp_;
          return fail_pegen(TokenizerErrorOrigin::kEndOfFile);
        }
        backup(c);
      } else {
        break;
      }
    }
    backup(c);
    // Lines holding only whitespace or a comment do not count, not even for
    // indentation (no interactive mode here).
    if (c == '#' || c == '\n') blankline = true;
    if (!blankline && brackets_.empty()) {
      col = cont_line_col ? cont_line_col : col;
      altcol = cont_line_col ? cont_line_col : altcol;
      if (col == indents_.back()) {
        if (altcol != alt_indents_.back()) {
          cur_ = inp_;
          return fail_pegen(TokenizerErrorOrigin::kTabSpace);
        }
      } else if (col > indents_.back()) {
        if (indents_.size() >= kMaxIndent) {
          cur_ = inp_;
          return fail_pegen(TokenizerErrorOrigin::kTooDeep);
        }
        if (altcol <= alt_indents_.back()) {
          cur_ = inp_;
          return fail_pegen(TokenizerErrorOrigin::kTabSpace);
        }
        ++pending_;
        indents_.push_back(col);
        alt_indents_.push_back(altcol);
      } else {
        while (indents_.size() > 1 && col < indents_.back()) {
          --pending_;
          indents_.pop_back();
          alt_indents_.pop_back();
        }
        if (col != indents_.back()) {
          cur_ = inp_;
          return fail_pegen(TokenizerErrorOrigin::kDedent);
        }
        if (altcol != alt_indents_.back()) {
          cur_ = inp_;
          return fail_pegen(TokenizerErrorOrigin::kTabSpace);
        }
      }
    }
  }

  token_start_ = cur_;
  if (pending_ != 0) {
    if (pending_ < 0) {
      ++pending_;
      return make_marker(TokenKind::kDedent);
    }
    --pending_;
    return make_marker(TokenKind::kIndent);
  }
  // CPython peeks here (for its async hacks); the peek may read a line.
  backup(next_char());

again:
  token_start_ = nullptr;
  do {
    c = next_char();
  } while (c == ' ' || c == '\t' || c == '\014');
  token_start_ = cur_ == begin_ ? cur_ : cur_ - 1;

  if (c == '#') {  // comments, "# type:" ones too (no type_comments here)
    // A comment runs to its line's '\n' (the line's last byte) or the end.
    const void* newline = std::memchr(cur_, '\n', static_cast<std::size_t>(inp_ - cur_));
    if (newline) {
      cur_ = static_cast<const char*>(newline) + 1;
      c = '\n';
    } else {
      cur_ = inp_;
      c = next_char();
    }
  }

  if (c == kEof) {
    if (!brackets_.empty()) return fail_pegen(TokenizerErrorOrigin::kEndOfFile);
    return make_marker(TokenKind::kEndMarker);
  }

  if (potential_identifier_start(c)) return scan_identifier_or_prefix(c);

  if (c == '\n') {
    at_bol_ = true;
    if (blankline || !brackets_.empty()) goto nextline;
    cont_line_ = false;
    return make_token(TokenKind::kNewline, static_cast<std::uint32_t>(token_start_ - begin_),
                      static_cast<std::uint32_t>(cur_ - 1 - begin_));
  }

  if (c == '.') {
    c = next_char();
    if (c >= '0' && c <= '9') return scan_number(c, /*after_dot=*/true);
    if (c == '.') {
      c = next_char();
      if (c == '.') {
        return make_token(TokenKind::kEllipsis, static_cast<std::uint32_t>(token_start_ - begin_),
                          static_cast<std::uint32_t>(cur_ - begin_));
      }
      backup(c);
      backup('.');
    } else {
      backup(c);
    }
    return make_token(TokenKind::kDot, static_cast<std::uint32_t>(token_start_ - begin_),
                      static_cast<std::uint32_t>(cur_ - begin_));
  }

  if (c >= '0' && c <= '9') return scan_number(c, /*after_dot=*/false);

  if (c == '\'' || c == '"') return scan_string(c);

  if (c == '\\') {
    c = next_char();
    if (c != '\n') return fail_pegen(TokenizerErrorOrigin::kLineContinuation);
    c = next_char();
    if (c == kEof) {
      cur_ = inp_;
      return fail_pegen(TokenizerErrorOrigin::kEndOfFile);
    }
    backup(c);
    cont_line_ = true;
    goto again;
  }

  return scan_operator(c);
}

Token Tokenizer::scan_identifier_or_prefix(int c) {
  // The legal string prefixes: b, r, u, f and the pairs br, rb, fr, rf in any
  // case and order (u only alone).
  bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
  for (;;) {
    if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B')) {
      saw_b = true;
    } else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U')) {
      saw_u = true;
    } else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) {
      saw_r = true;
    } else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F')) {
      saw_f = true;
    } else {
      break;
    }
    c = next_char();
    if (c == '"' || c == '\'') return scan_string(c);
  }
  bool nonascii = false;
  while (potential_identifier_char(c)) {
    if (c >= 128) nonascii = true;
    // Names never span lines: take the line's ASCII name bytes in one go.
    while (cur_ != inp_ && kAsciiNameBytes.table[static_cast<unsigned char>(*cur_)]) ++cur_;
    c = next_char();
  }
  backup(c);
  if (nonascii && !verify_identifier()) return error_token();
  return make_token(TokenKind::kName, static_cast<std::uint32_t>(token_start_ - begin_),
                    static_cast<std::uint32_t>(cur_ - begin_));
}

// verify_identifier: the bytes scanned as a name must be UTF-8 and a PEP 3131
// identifier; else the cursor moves just past the first bad character.
bool Tokenizer::verify_identifier() {
  std::string_view name(token_start_, static_cast<std::size_t>(cur_ - token_start_));
  if (auto message = utf8_decode_error(name)) {
    decode_message_ = *message;
    fail_pegen(TokenizerErrorOrigin::kDecode);
    return false;
  }
  std::size_t offset = 0;
  bool first = true;
  while (offset < name.size()) {
    Utf8Step step = decode_utf8_step(name.substr(offset));
    char32_t ch = step.code_point;
    bool ok = first ? is_identifier_start(ch) : is_identifier_continue(ch);
    if (!ok) {
      if (offset + step.length < name.size()) cur_ = token_start_ + offset + step.length;
      char message[96];
      if (is_printable(ch)) {
        std::string utf8;
        append_utf8(utf8, ch);
        std::snprintf(message, sizeof message, "invalid character '%s' (U+%04X)", utf8.c_str(),
                      static_cast<unsigned>(ch));
      } else {
        std::snprintf(message, sizeof message, "invalid non-printable character U+%04X", static_cast<unsigned>(ch));
      }
      fail_raised(message);
      return false;
    }
    first = false;
    offset += step.length;
  }
  return true;
}

Token Tokenizer::scan_string(int quote) {
  int quote_size = 1;
  int end_quote_size = 0;
  first_lineno_ = lineno_;
  multi_line_start_ = line_start_;
  int c = next_char();
  if (c == quote) {
    c = next_char();
    if (c == quote) {
      quote_size = 3;
    } else {
      end_quote_size = 1;  // the empty string
    }
  }
  if (c != quote) backup(c);

  while (end_quote_size != quote_size) {
    if (end_quote_size == 0) {
      // Bytes other than the quote, a backslash or a newline change nothing.
      while (cur_ != inp_ && *cur_ != quote && *cur_ != '\\' && *cur_ != '\n') ++cur_;
    }
    c = next_char();
    if (c == kEof || (quote_size == 1 && c == '\n')) {
      // Report from the opening quote's line, as CPython does.
      cur_ = token_start_ + 1;
      line_start_ = multi_line_start_;
      std::int32_t detected = lineno_;
      lineno_ = first_lineno_;
      char message[96];
      std::snprintf(message, sizeof message, "unterminated %sstring literal (detected at line %d)",
                    quote_size == 3 ? "triple-quoted " : "", detected);
      return fail_raised(message);
    }
    if (c == quote) {
      ++end_quote_size;
    } else {
      end_quote_size = 0;
      if (c == '\\') next_char();  // the escaped character, whatever it is
    }
  }
  return make_token(TokenKind::kString, static_cast<std::uint32_t>(token_start_ - begin_),
                    static_cast<std::uint32_t>(cur_ - begin_), /*is_string=*/true);
}

Token Tokenizer::scan_operator(int c) {
  int c2 = next_char();
  TokenKind kind = two_chars(c, c2);
  if (kind != TokenKind::kOp) {
    int c3 = next_char();
    TokenKind kind3 = three_chars(c, c2, c3);
    if (kind3 != TokenKind::kOp) {
      kind = kind3;
    } else {
      backup(c3);
    }
    return make_token(kind, static_cast<std::uint32_t>(token_start_ - begin_),
                      static_cast<std::uint32_t>(cur_ - begin_));
  }
  backup(c2);

  switch (c) {
    case '(':
    case '[':
    case '{':
      if (brackets_.size() >= kMaxLevel) return fail_raised("too many nested parentheses");
      brackets_.push_back({static_cast<char>(c), lineno_, static_cast<std::int32_t>(token_start_ - line_start_)});
      break;
    case ')':
    case ']':
    case '}': {
      char message[128];
      if (brackets_.empty()) {
        std::snprintf(message, sizeof message, "unmatched '%c'", c);
        return fail_raised(message);
      }
      OpenBracket opening = brackets_.back();
      brackets_.pop_back();
      bool matches = (opening.kind == '(' && c == ')') || (opening.kind == '[' && c == ']') ||
                     (opening.kind == '{' && c == '}');
      if (!matches) {
        if (opening.lineno != lineno_) {
          std::snprintf(message, sizeof message,
                        "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c,
                        opening.kind, opening.lineno);
        } else {
          std::snprintf(message, sizeof message, "closing parenthesis '%c' does not match opening parenthesis '%c'",
                        c, opening.kind);
        }
        return fail_raised(message);
      }
      break;
    }
    default:
      break;
  }

  if (!is_printable(static_cast<char32_t>(c))) {
    char message[64];
    std::snprintf(message, sizeof message, "invalid non-printable character U+%04X", static_cast<unsigned>(c));
    return fail_raised(message);
  }
  return make_token(one_char(c), static_cast<std::uint32_t>(token_start_ - begin_),
                    static_cast<std::uint32_t>(cur_ - begin_));
}

}  // namespace dxpy::parser
