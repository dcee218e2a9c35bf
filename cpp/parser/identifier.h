// Identifier facts: PEP 3131 character classes, printability (for the
// tokenizer's messages), NFKC normalisation (nfkc.cpp) and keyword lookup. The classes come from tables
// generated at build time from the building Python (generate_identifier_tables.py).
#pragma once

#include <string>
#include <string_view>

#include "parser/token.h"

namespace dxpy::parser {

// XID_Start plus '_' (what may begin an identifier), for any code point.
bool is_identifier_start(char32_t code_point);
// XID_Continue (what may follow), for any code point.
bool is_identifier_continue(char32_t code_point);
// str.isprintable() of one character.
bool is_printable(char32_t code_point);

// Whether normalize_identifier may change `name` (the UTF-8 of a NAME
// token): false for ASCII and for names made only of characters NFKC keeps
// as they are whatever their neighbours (the common non-ASCII case).
bool identifier_needs_normalization(std::string_view name);
// unicodedata.normalize("NFKC", name): how CPython stores a non-ASCII
// identifier (_PyPegen_new_identifier), e.g. fullwidth "if" becomes "if" and
// "Ⅸ" (ROMAN NUMERAL NINE) "IX". Tables generated from the building
// Python (generate_nfkc_tables.py).
std::string normalize_identifier(std::string_view name);

// The keyword a NAME token's raw text spells (CPython compares the bytes as
// written, before NFKC normalisation), or Keyword::kNone.
Keyword keyword_of(std::string_view name);

}  // namespace dxpy::parser
