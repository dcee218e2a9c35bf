// The string operations of strings/text_ops.h and the storage-kind case
// mapping of unicode/case_mapping.h, on arguments the client has already
// checked and encoded as the bindings would (dxpy's Python side mirrors them).
#include <cstring>
#include <utility>
#include <vector>

#include "guarded_memory.h"
#include "operations.h"
#include "strings/text_ops.h"
#include "unicode/case_mapping.h"

namespace dxpy::probe {
namespace {

using strings::Encoding;
using strings::Text;

Encoding encoding_from(Reader& request) {
  const uint8_t encoding = request.u8();
  if (encoding > 1) throw RequestError("encoding must be 0 (bytes) or 1 (UTF-8)");
  return encoding == 0 ? Encoding::kBytes : Encoding::kUtf8;
}

Text text_in(Slot slot, Reader& request) {
  const auto bytes = request.blob();
  return {memory_of(slot).copy(bytes), bytes.size()};
}

void serve_find(Reader& request, Writer& response) {
  const auto& build = build_from(request);
  const Encoding encoding = encoding_from(request);
  const Text haystack = text_in(Slot::kFirst, request);
  const Text needle = text_in(Slot::kSecond, request);
  request.expect_end();
  response.i64(strings::find(*build.strings, haystack, needle, encoding));
}

void serve_count(Reader& request, Writer& response) {
  const auto& build = build_from(request);
  const Encoding encoding = encoding_from(request);
  const Text haystack = text_in(Slot::kFirst, request);
  const Text needle = text_in(Slot::kSecond, request);
  request.expect_end();
  response.u64(strings::count(*build.strings, haystack, needle, encoding));
}

void serve_unit_count(Reader& request, Writer& response) {
  const auto& build = build_from(request);
  const Encoding encoding = encoding_from(request);
  const Text text = text_in(Slot::kFirst, request);
  request.expect_end();
  response.u64(strings::unit_count(*build.strings, text, encoding));
}

void serve_equal(Reader& request, Writer& response) {
  const auto& build = build_from(request);
  const Text a = text_in(Slot::kFirst, request);
  const Text b = text_in(Slot::kSecond, request);
  request.expect_end();
  // The kernel compares equal lengths only; the bindings check lengths first.
  if (a.size != b.size) throw RequestError("equal: the texts' sizes differ");
  response.u8(build.strings->equal(a.data, b.data, a.size) ? 1 : 0);
}

class PieceList final : public strings::PieceSink {
 public:
  bool piece(size_t begin, size_t end) override {
    pieces_.emplace_back(begin, end);
    return true;
  }
  void write(Writer& response) const {
    response.u32(static_cast<uint32_t>(pieces_.size()));
    for (const auto& [begin, end] : pieces_) {
      response.u64(begin);
      response.u64(end);
    }
  }

 private:
  std::vector<std::pair<size_t, size_t>> pieces_;
};

void serve_split(Reader& request, Writer& response) {
  const auto& build = build_from(request);
  const Text text = text_in(Slot::kFirst, request);
  const Text separator = text_in(Slot::kSecond, request);
  const int64_t maxsplit = request.i64();
  request.expect_end();
  if (separator.size == 0) throw RequestError("split: an empty separator reached the probe");
  PieceList pieces;
  strings::split(*build.strings, text, separator, maxsplit, pieces);
  pieces.write(response);
}

void serve_split_whitespace(Reader& request, Writer& response) {
  const auto& build = build_from(request);
  const Encoding encoding = encoding_from(request);
  const Text text = text_in(Slot::kFirst, request);
  const int64_t maxsplit = request.i64();
  request.expect_end();
  PieceList pieces;
  strings::split_whitespace(*build.strings, text, encoding, maxsplit, pieces);
  pieces.write(response);
}

using CaseMapping = size_t (*)(const simd::StringKernels&, Text, Encoding, uint8_t*);

void serve_case(Reader& request, Writer& response, CaseMapping mapping) {
  const auto& build = build_from(request);
  const Encoding encoding = encoding_from(request);
  const Text text = text_in(Slot::kFirst, request);
  request.expect_end();
  // The output ends at its guard page exactly at the capacity the caller
  // must provide: the runs' whole-word stores may use all of it, never more.
  uint8_t* out = memory_of(Slot::kOutput).room(strings::case_capacity(text, encoding));
  const size_t written = mapping(*build.strings, text, encoding, out);
  response.blob({out, written});
}

void serve_lower(Reader& request, Writer& response) { serve_case(request, response, strings::lower); }
void serve_upper(Reader& request, Writer& response) { serve_case(request, response, strings::upper); }

// unicode::map_fixed_width on code units of CPython's storage kinds, in this
// machine's byte order (the client sends them so).
void serve_case_fixed_width(Reader& request, Writer& response) {
  const bool lower = request.u8() != 0;
  const unsigned width = request.u8();
  const auto units = request.blob();
  request.expect_end();
  if (width != 1 && width != 2 && width != 4) throw RequestError("width must be 1, 2 or 4");
  if (units.size() % width != 0) throw RequestError("units are not a whole number of widths");
  const size_t count = units.size() / width;
  // Units of 2 and 4 bytes are read as integers: keep them aligned.
  uint8_t* in = memory_of(Slot::kFirst).room(units.size() + (4 - units.size() % 4) % 4);
  if (!units.empty()) std::memcpy(in, units.data(), units.size());
  uint8_t* out = memory_of(Slot::kOutput).room(3 * count * width);
  size_t written = 0;
  const bool fitted = unicode::map_fixed_width(lower, width, in, count, out, &written);
  response.u8(fitted ? 1 : 0);
  response.blob({out, fitted ? written * width : 0});
}

void serve_replace(Reader& request, Writer& response) {
  const auto& build = build_from(request);
  const Encoding encoding = encoding_from(request);
  const Text text = text_in(Slot::kFirst, request);
  const Text old_text = text_in(Slot::kSecond, request);
  const Text new_text = text_in(Slot::kThird, request);
  const int64_t count = request.i64();
  request.expect_end();
  strings::ReplacePlan plan{};
  if (!strings::plan_replace(*build.strings, text, old_text, new_text, encoding, count, &plan)) {
    response.u8(0);  // the output size overflows: the client raises OverflowError
    return;
  }
  uint8_t* out = memory_of(Slot::kOutput).room(plan.output_size);
  strings::write_replace(*build.strings, text, old_text, new_text, encoding, plan, out);
  response.u8(1);
  response.u64(plan.replacements);
  response.blob({out, plan.output_size});
}

void serve_join(Reader& request, Writer& response) {
  const Text separator = text_in(Slot::kSecond, request);
  const uint32_t count = request.u32();
  std::vector<std::span<const uint8_t>> wire_parts;
  size_t total = 0;
  for (uint32_t i = 0; i < count; ++i) {
    wire_parts.push_back(request.blob());
    total += wire_parts.back().size();
  }
  request.expect_end();
  // The parts lie back to back, the last one against the guard page.
  uint8_t* placed = memory_of(Slot::kFirst).room(total);
  std::vector<Text> parts;
  for (const auto& part : wire_parts) {
    if (!part.empty()) std::memcpy(placed, part.data(), part.size());
    parts.push_back({placed, part.size()});
    placed += part.size();
  }
  size_t size = 0;
  if (!strings::joined_size(separator, parts, &size)) {
    response.u8(0);
    return;
  }
  uint8_t* out = memory_of(Slot::kOutput).room(size);
  strings::write_join(separator, parts, out);
  response.u8(1);
  response.blob({out, size});
}

constexpr Operation kOperations[] = {
    {"find", serve_find},
    {"count", serve_count},
    {"unit_count", serve_unit_count},
    {"equal", serve_equal},
    {"split", serve_split},
    {"split_whitespace", serve_split_whitespace},
    {"lower", serve_lower},
    {"upper", serve_upper},
    {"case_fixed_width", serve_case_fixed_width},
    {"replace", serve_replace},
    {"join", serve_join},
};

}  // namespace

std::span<const Operation> string_operations() { return kOperations; }

}  // namespace dxpy::probe
