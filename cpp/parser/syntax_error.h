// A syntax error as a value: what CPython's SyntaxError (or its subclasses)
// carries, so the bindings raise the same exception and the interpreter can
// report it the same way. Nothing in the parser throws.
#pragma once

#include <cstdint>
#include <string>

namespace dxpy::parser {

enum class SyntaxErrorKind : std::uint8_t {
  kSyntaxError,
  kIndentationError,
  kTabError,
  kMemoryError,     // CPython raises MemoryError for some over-deep inputs
  kRecursionError,  // "maximum recursion depth exceeded during compilation"
};

// Fields as CPython's SyntaxError exposes them: lineno/end_lineno 1-based;
// offset/end_offset 1-based *character* offsets into `text` (CPython converts
// the parser's byte columns to characters); 0 or -1 where CPython gives those
// sentinels. `text` is the offending source line with its newline, as CPython
// shows it; `has_location` false where CPython gives no location at all.
struct SyntaxErrorInfo {
  SyntaxErrorKind kind = SyntaxErrorKind::kSyntaxError;
  std::string message;
  bool has_location = true;
  std::int32_t lineno = 0;
  std::int32_t offset = 0;
  std::int32_t end_lineno = 0;
  std::int32_t end_offset = 0;
  bool has_end = true;   // false: end_lineno and end_offset are None (init errors)
  bool has_text = true;
  std::string text;
};

}  // namespace dxpy::parser
