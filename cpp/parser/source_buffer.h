// The source text a tokenizer reads: bytes or UTF-8 in, CPython's
// normalisations applied (BOM, PEP 263 encoding declaration, CRLF/CR to LF,
// a final newline for exec input), line starts kept for positions and for the
// `text` of syntax errors.
//
// Why it is separate from the tokenizer: CPython does all of this before the
// first token (Parser/tokenizer.c: translate_newlines, decode_str,
// check_coding_spec), and its failures are "tokenizer initialisation" errors
// with their own shape (lineno 0, offset -1, no text).
//
// Two ways in, as compile() has them:
//   * from_bytes(bytes): a BOM is stripped; an encoding declaration on line 1
//     or 2 is honoured. utf-8 needs nothing; latin-1 (iso-8859-1 and its
//     aliases) and ascii are decoded here. Any other declared encoding leaves
//     the buffer in state kNeedsHostDecoding: the host (the bindings) decodes
//     host_bytes() with Python's codec named by declared_encoding(), and builds
//     a new buffer with from_host_decoded(). A decoding failure there is
//     reported as make_init_error(str(exception)).
//   * from_utf8(text): the UTF-8 of a str; any encoding declaration is ignored
//     (compile() of a str sets PyCF_IGNORE_COOKIE).
// `exec_input` is true for mode "exec" (CPython adds the final newline only
// then; "eval", "single" and "func_type" input keeps its last line as is).
//
// UTF-8 is *not* validated here, because CPython does not either: invalid
// bytes in comments are accepted, in identifiers the tokenizer reports them,
// in string literals the parser does (see utf8_text.h for the messages).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parser/syntax_error.h"

namespace dxpy::parser {

class SourceBuffer {
 public:
  enum class State : std::uint8_t {
    kReady,              // text() is the source; tokenize it
    kNeedsHostDecoding,  // decode host_bytes() with declared_encoding()
    kError,              // error() says why (CPython raises it before tokenizing)
  };

  static SourceBuffer from_bytes(std::string_view bytes, bool exec_input = true);
  static SourceBuffer from_utf8(std::string_view text, bool exec_input = true);
  // The host's decoding of host_bytes(), as UTF-8; keeps the encoding name
  // so errors use character offsets as CPython does for a declared encoding.
  static SourceBuffer from_host_decoded(std::string_view utf8, std::string encoding);

  // CPython's shape for errors raised while setting the tokenizer up
  // (_PyPegen_raise_tokenizer_init_error): lineno 0, offset -1, no text.
  static SyntaxErrorInfo make_init_error(std::string message);

  State state() const { return state_; }
  const SyntaxErrorInfo& error() const { return error_; }
  // kNeedsHostDecoding: the encoding name as CPython normalised it, and the
  // bytes to decode (BOM removed, newlines already translated).
  const std::string& declared_encoding() const { return encoding_; }
  std::string_view host_bytes() const { return text_; }

  // The normalised source: only '\n' line ends; ends in '\n' for non-empty
  // exec input (an empty exec input is "\n", as in CPython).
  std::string_view text() const { return text_; }
  // True when CPython keeps parser-level SyntaxError offsets in bytes: bytes
  // input with neither a BOM nor an encoding declaration (tok->encoding is
  // NULL there, so _PyPegen_raise_error_known_location skips the conversion).
  bool offsets_in_bytes() const { return offsets_in_bytes_; }
  bool exec_input() const { return exec_input_; }

  // Physical lines, 1-based; line_count() counts a last line without '\n'.
  std::int32_t line_count() const { return static_cast<std::int32_t>(line_starts_.size()); }
  std::uint32_t line_start(std::int32_t lineno) const;
  // The line with its '\n' if it has one; empty for a line out of range.
  std::string_view line(std::int32_t lineno) const;
  // The line number holding byte `offset` (offset == size maps to the last line).
  std::int32_t line_of_offset(std::uint32_t offset) const;

 private:
  void set_text(std::string text);
  void fail(std::string message);

  State state_ = State::kReady;
  bool offsets_in_bytes_ = false;
  bool exec_input_ = true;
  std::string encoding_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
  SyntaxErrorInfo error_;
};

// translate_newlines of CPython: CRLF and CR become LF; exec input gets a
// final '\n' when the last byte written is not one (note CPython's quirk: a
// text ending in "\r\n" ends up with an extra empty line, kept here).
std::string translate_newlines(std::string_view text, bool exec_input);

}  // namespace dxpy::parser
