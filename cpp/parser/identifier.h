// Identifier facts: PEP 3131 character classes, printability (for the
// tokenizer's messages) and keyword lookup. The classes come from tables
// generated at build time from the building Python (generate_identifier_tables.py).
#pragma once

#include <string_view>

#include "parser/token.h"

namespace dxpy::parser {

// XID_Start plus '_' (what may begin an identifier), for any code point.
bool is_identifier_start(char32_t code_point);
// XID_Continue (what may follow), for any code point.
bool is_identifier_continue(char32_t code_point);
// str.isprintable() of one character.
bool is_printable(char32_t code_point);

// The keyword a NAME token's raw text spells (CPython compares the bytes as
// written, before NFKC normalisation), or Keyword::kNone.
Keyword keyword_of(std::string_view name);

}  // namespace dxpy::parser
