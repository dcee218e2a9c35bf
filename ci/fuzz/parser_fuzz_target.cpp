// libFuzzer entry for the C++ parser (cpp/parser): any bytes, as bytes input
// and (when they are UTF-8) as str input, in every mode. The parser's
// contract is that nothing crashes, leaks, or runs away: every input ends in
// a tree or a SyntaxErrorInfo. AddressSanitizer and UBSan (ci/fuzz/parser.sh
// builds with them) turn any memory or UB slip into a crash the fuzzer keeps.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parser/arena.h"
#include "parser/parser.h"
#include "parser/source_buffer.h"

namespace {

using dxpy::parser::Arena;
using dxpy::parser::Mode;
using dxpy::parser::SourceBuffer;

// Python's str is valid UTF-8 without surrogates: only such bytes may be
// handed to from_utf8 (the host never gives it anything else).
bool is_str_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : byte >= 0xC2 && byte < 0xE0 ? 2
                         : byte >= 0xE0 && byte < 0xF0             ? 3
                         : byte >= 0xF0 && byte < 0xF5             ? 4
                                                                   : 0;
    if (length == 0 || i + length > text.size()) return false;
    std::uint32_t code = length == 1 ? byte : byte & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    const std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code < 0xE000)) {
      return false;
    }
    i += length;
  }
  return true;
}

void parse_all_ways(const SourceBuffer& buffer, Mode mode) {
  if (buffer.state() != SourceBuffer::State::kReady) return;  // the host decodes those
  Arena arena;
  const dxpy::parser::ParseResult result = dxpy::parser::parse(buffer, mode, arena);
  // A result is a tree or an error, never both nor neither.
  if ((result.tree == nullptr) == result.error.message.empty() &&
      result.error.kind == dxpy::parser::SyntaxErrorKind::kSyntaxError) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the mode, so the corpus explores all four.
  const Mode mode = static_cast<Mode>(data[0] % 4);
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  parse_all_ways(SourceBuffer::from_bytes(text, mode == Mode::kExec), mode);
  if (is_str_utf8(text)) parse_all_ways(SourceBuffer::from_utf8(text, mode == Mode::kExec), mode);
  return 0;
}
