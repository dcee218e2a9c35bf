// The string operations of the Engine API, written once over StringKernels.
//
// They work on raw bytes (bytes semantics) or generalised UTF-8 (str
// semantics: counts and positions in code points, Unicode case mapping and
// whitespace). Results are produced in two steps where the size is known in
// advance (plan, then write into a buffer the caller allocates), so the
// bindings can write straight into a new Python object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "simd/string_kernels.h"

namespace dxpy::strings {

using simd::StringKernels;

struct Text {
  const uint8_t* data;
  size_t size;
};

enum class Encoding : uint8_t {
  kBytes,  // units are bytes, ASCII-only case mapping, ASCII whitespace
  kUtf8,   // units are code points, Unicode case mapping and whitespace
};

// Length in units (bytes, or code points).
size_t unit_count(const StringKernels& kernels, Text text, Encoding encoding);

// str.count / bytes.count: non-overlapping occurrences, at most `limit`. An
// empty needle occurs unit_count + 1 times (before every unit and at the end).
size_t count(const StringKernels& kernels, Text haystack, Text needle, Encoding encoding,
             size_t limit = SIZE_MAX);

// str.find / bytes.find in units, or -1.
int64_t find(const StringKernels& kernels, Text haystack, Text needle, Encoding encoding);

// Receives the pieces of split() as byte ranges of the input; returns false to
// stop (the caller's error, e.g. out of memory), which split() passes on.
class PieceSink {
 public:
  virtual ~PieceSink() = default;
  virtual bool piece(size_t begin, size_t end) = 0;
};

// s.split(separator, maxsplit) for a non-empty separator; maxsplit < 0 means
// no limit.
bool split(const StringKernels& kernels, Text text, Text separator, int64_t maxsplit,
           PieceSink& sink);

// s.split(None, maxsplit): runs of whitespace separate, leading and trailing
// whitespace produce no empty pieces, and once maxsplit splits are done the
// rest (leading whitespace removed) is the last piece.
bool split_whitespace(const StringKernels& kernels, Text text, Encoding encoding,
                      int64_t maxsplit, PieceSink& sink);

// s.lower() / s.upper() into out, which holds at least case_capacity(size)
// bytes; returns the bytes written.
size_t case_capacity(Text text, Encoding encoding);
size_t lower(const StringKernels& kernels, Text text, Encoding encoding, uint8_t* out);
size_t upper(const StringKernels& kernels, Text text, Encoding encoding, uint8_t* out);

// s.replace(old, new, count) in two steps. plan_replace counts the
// replacements (count < 0: all) and the output size; it returns false if
// that size overflows. write_replace then writes exactly output_size bytes.
struct ReplacePlan {
  size_t replacements;
  size_t output_size;
};
bool plan_replace(const StringKernels& kernels, Text text, Text old_text, Text new_text,
                  Encoding encoding, int64_t count, ReplacePlan* plan);
void write_replace(const StringKernels& kernels, Text text, Text old_text, Text new_text,
                   Encoding encoding, const ReplacePlan& plan, uint8_t* out);

// separator.join(parts) in two steps; joined_size returns false on overflow.
bool joined_size(Text separator, std::span<const Text> parts, size_t* size);
void write_join(Text separator, std::span<const Text> parts, uint8_t* out);

}  // namespace dxpy::strings
