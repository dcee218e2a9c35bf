// Numeric literals, as tok_get of CPython 3.11 scans them. The gotos mirror
// CPython's: where an error is detected decides its column, so the order of
// the checks is kept exactly (e.g. "1e" fails at the 'e', "0b12" at the '2').
#include <cstdio>

#include "parser/tokenizer.h"

namespace dxpy::parser {
namespace {

constexpr int kEof = -1;

bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool potential_identifier_char(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128 || is_digit(c);
}

}  // namespace

// A keyword right after a number ("1if x else y", "0x1for") is still
// accepted with a SyntaxWarning; `rest` is the keyword after its first letter.
bool Tokenizer::lookahead(const char* rest) {
  const char* s = rest;
  for (;;) {
    int c = next_char();
    bool result = false;
    if (*s == 0) {
      result = !potential_identifier_char(c);
    } else if (c == *s) {
      ++s;
      continue;
    }
    backup(c);
    while (s != rest) backup(*--s);
    return result;
  }
}

bool Tokenizer::verify_end_of_number(int c, const char* kind) {
  bool keyword = false;
  if (c == 'a') {
    keyword = lookahead("nd");
  } else if (c == 'e') {
    keyword = lookahead("lse");
  } else if (c == 'f') {
    keyword = lookahead("or");
  } else if (c == 'i') {
    int c2 = next_char();
    keyword = c2 == 'f' || c2 == 'n' || c2 == 's';
    backup(c2);
  } else if (c == 'o') {
    keyword = lookahead("r");
  } else if (c == 'n') {
    keyword = lookahead("ot");
  }
  char message[64];
  if (keyword) {
    std::snprintf(message, sizeof message, "invalid %s literal", kind);
    warnings_.push_back({lineno_, message});
    return true;
  }
  // Only an ASCII letter or digit makes the literal invalid: "12é" is a
  // NUMBER and a NAME (the parser then fails), while the keyword lookahead
  // above counts non-ASCII as part of a name ("1elseé" is no keyword).
  if (c < 128 && potential_identifier_char(c)) {
    backup(c);
    std::snprintf(message, sizeof message, "invalid %s literal", kind);
    fail_raised(message);
    return false;
  }
  return true;
}

int Tokenizer::decimal_tail() {
  int c;
  for (;;) {
    do {
      c = next_char();
    } while (is_digit(c));
    if (c != '_') break;
    c = next_char();
    if (!is_digit(c)) {
      backup(c);
      fail_raised("invalid decimal literal");
      return 0;
    }
  }
  return c;
}

Token Tokenizer::scan_number(int c, bool after_dot) {
  int exponent_letter = 0;
  bool nonzero = false;
  const char* zeros_end = nullptr;
  if (after_dot) goto fraction;

  if (c == '0') {
    c = next_char();
    if (c == 'x' || c == 'X') {
      c = next_char();
      do {
        if (c == '_') c = next_char();
        if (!is_hex_digit(c)) {
          backup(c);
          return fail_raised("invalid hexadecimal literal");
        }
        do {
          c = next_char();
        } while (is_hex_digit(c));
      } while (c == '_');
      if (!verify_end_of_number(c, "hexadecimal")) return error_token();
    } else if (c == 'o' || c == 'O' || c == 'b' || c == 'B') {
      bool octal = c == 'o' || c == 'O';
      const char* kind = octal ? "octal" : "binary";
      char top = octal ? '7' : '1';
      char message[64];
      c = next_char();
      do {
        if (c == '_') c = next_char();
        if (c < '0' || c > top) {
          if (is_digit(c)) {
            std::snprintf(message, sizeof message, "invalid digit '%c' in %s literal", c, kind);
            return fail_raised(message);
          }
          backup(c);
          std::snprintf(message, sizeof message, "invalid %s literal", kind);
          return fail_raised(message);
        }
        do {
          c = next_char();
        } while (c >= '0' && c <= top);
      } while (c == '_');
      if (is_digit(c)) {
        std::snprintf(message, sizeof message, "invalid digit '%c' in %s literal", c, kind);
        return fail_raised(message);
      }
      if (!verify_end_of_number(c, kind)) return error_token();
    } else {
      // Zeros, maybe an old-style octal (now an error), or a float/imaginary.
      for (;;) {
        if (c == '_') {
          c = next_char();
          if (!is_digit(c)) {
            backup(c);
            return fail_raised("invalid decimal literal");
          }
        }
        if (c != '0') break;
        c = next_char();
      }
      zeros_end = cur_;
      if (is_digit(c)) {
        nonzero = true;
        c = decimal_tail();
        if (c == 0) return error_token();
      }
      if (c == '.') {
        c = next_char();
        goto fraction;
      }
      if (c == 'e' || c == 'E') goto exponent;
      if (c == 'j' || c == 'J') goto imaginary;
      if (nonzero) {
        backup(c);
        // syntaxerror_known_range: byte columns, as CPython passes them.
        return fail_raised(
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            static_cast<std::int32_t>(token_start_ + 1 - line_start_), static_cast<std::int32_t>(zeros_end - line_start_));
      }
      if (!verify_end_of_number(c, "decimal")) return error_token();
    }
    backup(c);
    return make_token(TokenKind::kNumber, static_cast<std::uint32_t>(token_start_ - begin_),
                      static_cast<std::uint32_t>(cur_ - begin_));
  }

  c = decimal_tail();
  if (c == 0) return error_token();
  if (c == '.') {
    c = next_char();
    goto fraction;
  }
  goto after_fraction;

fraction:
  if (is_digit(c)) {
    c = decimal_tail();
    if (c == 0) return error_token();
  }
after_fraction:
  if (c == 'e' || c == 'E') {
  exponent:
    exponent_letter = c;
    c = next_char();
    if (c == '+' || c == '-') {
      c = next_char();
      if (!is_digit(c)) {
        backup(c);
        return fail_raised("invalid decimal literal");
      }
    } else if (!is_digit(c)) {
      // "1else": the number ends before the 'e'.
      backup(c);
      if (!verify_end_of_number(exponent_letter, "decimal")) return error_token();
      backup(exponent_letter);
      return make_token(TokenKind::kNumber, static_cast<std::uint32_t>(token_start_ - begin_),
                        static_cast<std::uint32_t>(cur_ - begin_));
    }
    c = decimal_tail();
    if (c == 0) return error_token();
  }
  if (c == 'j' || c == 'J') {
  imaginary:
    c = next_char();
    if (!verify_end_of_number(c, "imaginary")) return error_token();
  } else if (!verify_end_of_number(c, "decimal")) {
    return error_token();
  }
  backup(c);
  return make_token(TokenKind::kNumber, static_cast<std::uint32_t>(token_start_ - begin_),
                    static_cast<std::uint32_t>(cur_ - begin_));
}

}  // namespace dxpy::parser
