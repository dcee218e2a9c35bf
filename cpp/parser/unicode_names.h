// Unicode character names for \N{name} escapes in string literals, read off
// the building interpreter's unicodedata (generate_unicode_names.py).
#pragma once

#include <optional>
#include <string_view>

namespace dxpy::parser {

// The code point named `name`, compared case-insensitively as CPython does;
// nullopt for an unknown name. Name aliases are not included.
std::optional<char32_t> lookup_unicode_name(std::string_view name);

}  // namespace dxpy::parser
