// Tokens of Python 3.11 as CPython's tokenizer produces them (Grammar/Tokens),
// the contract between tokenizer.cpp and the parser.
//
// Positions follow CPython's AST convention: lines are 1-based, columns are
// 0-based offsets in UTF-8 bytes from the start of the line. Byte offsets into
// the (decoded, newline-normalised) source buffer let the parser slice text
// without copying.
#pragma once

#include <cstdint>
#include <string_view>

namespace dxpy::parser {

enum class TokenKind : std::uint8_t {
  kEndMarker,
  kName,         // identifiers, keywords and soft keywords (see Keyword)
  kNumber,
  kString,       // one literal with its prefix and quotes (f-strings too, as in 3.11)
  kNewline,
  kIndent,
  kDedent,
  kLeftParen,          // (
  kRightParen,         // )
  kLeftBracket,        // [
  kRightBracket,       // ]
  kColon,              // :
  kComma,              // ,
  kSemicolon,          // ;
  kPlus,               // +
  kMinus,              // -
  kStar,               // *
  kSlash,              // /
  kVerticalBar,        // |
  kAmpersand,          // &
  kLess,               // <
  kGreater,            // >
  kEqual,              // =
  kDot,                // .
  kPercent,            // %
  kLeftBrace,          // {
  kRightBrace,         // }
  kEqualEqual,         // ==
  kNotEqual,           // !=
  kLessEqual,          // <=
  kGreaterEqual,       // >=
  kTilde,              // ~
  kCircumflex,         // ^
  kLeftShift,          // <<
  kRightShift,         // >>
  kDoubleStar,         // **
  kPlusEqual,          // +=
  kMinusEqual,         // -=
  kStarEqual,          // *=
  kSlashEqual,         // /=
  kPercentEqual,       // %=
  kAmpersandEqual,     // &=
  kVerticalBarEqual,   // |=
  kCircumflexEqual,    // ^=
  kLeftShiftEqual,     // <<=
  kRightShiftEqual,    // >>=
  kDoubleStarEqual,    // **=
  kDoubleSlash,        // //
  kDoubleSlashEqual,   // //=
  kAt,                 // @
  kAtEqual,            // @=
  kRightArrow,         // ->
  kEllipsis,           // ...
  kColonEqual,         // :=
  kExclamation,        // ! (only valid inside f-string replacement fields)
  kError,              // the tokenizer failed; Tokenizer::error() says why
  kOp,                 // a character that is no operator ($ ? ! `): CPython's generic OP,
                       // which no grammar rule accepts (3.11 has no '!' token; kExclamation
                       // is never produced by the 3.11 tokenizer)
};

// Hard keywords are reserved; soft keywords (match, case, _) are ordinary
// names except where the grammar asks for them, so they are flagged apart.
enum class Keyword : std::uint8_t {
  kNone,
  kFalse, kNoneKeyword, kTrue, kAnd, kAs, kAssert, kAsync, kAwait, kBreak,
  kClass, kContinue, kDef, kDel, kElif, kElse, kExcept, kFinally, kFor,
  kFrom, kGlobal, kIf, kImport, kIn, kIs, kLambda, kNonlocal, kNot, kOr,
  kPass, kRaise, kReturn, kTry, kWhile, kWith, kYield,
  kSoftMatch, kSoftCase, kSoftUnderscore,
};

struct Token {
  TokenKind kind = TokenKind::kEndMarker;
  Keyword keyword = Keyword::kNone;
  std::uint32_t start = 0;  // byte offset of the first byte in the source buffer
  std::uint32_t end = 0;    // byte offset one past the last byte
  std::int32_t lineno = 0;
  std::int32_t col_offset = 0;
  std::int32_t end_lineno = 0;
  std::int32_t end_col_offset = 0;

  bool is_hard_keyword() const {
    return keyword != Keyword::kNone && keyword < Keyword::kSoftMatch;
  }
};

}  // namespace dxpy::parser
