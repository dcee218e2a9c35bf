// UTF-8 facts CPython's parser reports in its messages and positions:
// character counts as PyUnicode_DecodeUTF8(..., "replace") gives them, the
// byte-to-character offset conversion of SyntaxError offsets, and the text of
// the UnicodeDecodeError the strict UTF-8 codec raises.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dxpy::parser {

// One decoded step of strict UTF-8 (Python's rules: no overlongs, no
// surrogates, nothing above U+10FFFF). `length` 0 means the bytes at `text`
// start no valid character; then `invalid_length` is the number of bytes the
// "replace" handler turns into one U+FFFD (the maximal valid prefix, at least 1)
// and `truncated` says the prefix was valid but the text ended.
struct Utf8Step {
  char32_t code_point = 0;
  std::uint32_t length = 0;
  std::uint32_t invalid_length = 0;
  bool truncated = false;
};
Utf8Step decode_utf8_step(std::string_view text);

// len(bytes.decode("utf-8", "replace")).
std::int32_t replace_decoded_length(std::string_view bytes);

// _PyPegen_byte_offset_to_character_offset: `offset` is a 1-based byte
// offset into `line`; clamped to len(line) + 1, then the characters of the
// first `offset` bytes are counted with "replace" decoding.
std::int32_t byte_offset_to_character_offset(std::string_view line, std::int32_t offset);

// str(UnicodeDecodeError) of bytes.decode("utf-8") when it fails, e.g.
// "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte";
// nullopt when the bytes are valid UTF-8.
std::optional<std::string> utf8_decode_error(std::string_view bytes);

// bytes.decode("utf-8", "replace") re-encoded: each invalid sequence becomes
// U+FFFD, as CPython's error `text` shows undecodable lines.
std::string replace_invalid_utf8(std::string_view bytes);

// Appends the UTF-8 of one code point (which must be a valid scalar value or
// a surrogate, written as generalised UTF-8).
void append_utf8(std::string& out, char32_t code_point);

}  // namespace dxpy::parser
