#include "strings/text_ops.h"

#include <cstring>

#include "unicode/case_mapping.h"

namespace dxpy::strings {
namespace {

bool is_continuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

// Byte offset of the unit after the one starting at `offset`.
size_t next_unit(Text text, size_t offset, Encoding encoding) {
  ++offset;
  if (encoding == Encoding::kUtf8) {
    while (offset < text.size && is_continuation(text.data[offset])) ++offset;
  }
  return offset;
}

simd::Whitespace whitespace_kind(Encoding encoding) {
  return encoding == Encoding::kUtf8 ? simd::Whitespace::kUnicode : simd::Whitespace::kBytes;
}

// Copies `length` bytes and returns the end of the copy.
uint8_t* append(uint8_t* out, const uint8_t* data, size_t length) {
  if (length != 0) std::memcpy(out, data, length);
  return out + length;
}

}  // namespace

size_t unit_count(const StringKernels& kernels, Text text, Encoding encoding) {
  return encoding == Encoding::kUtf8 ? kernels.count_code_points(text.data, text.size) : text.size;
}

size_t count(const StringKernels& kernels, Text haystack, Text needle, Encoding encoding,
             size_t limit) {
  if (needle.size == 0) {
    const size_t units = unit_count(kernels, haystack, encoding);
    return units < limit ? units + 1 : limit;
  }
  return kernels.count(haystack.data, haystack.size, needle.data, needle.size, limit);
}

int64_t find(const StringKernels& kernels, Text haystack, Text needle, Encoding encoding) {
  const int64_t offset = kernels.find(haystack.data, haystack.size, needle.data, needle.size);
  if (offset <= 0 || encoding == Encoding::kBytes) return offset;
  return static_cast<int64_t>(kernels.count_code_points(haystack.data, static_cast<size_t>(offset)));
}

namespace {

// A bitmap over the text (one bit per byte), computed by the engine a window
// at a time as a forward scan asks for it: the tokenising loops below then
// find each boundary with a count-trailing-zeros instead of a kernel call.
class BitmapScan {
 public:
  using Fill = void (*)(const StringKernels&, const uint8_t*, size_t, uint64_t*, const void*);

  BitmapScan(const StringKernels& kernels, Text text, Fill fill, const void* context)
      : kernels_(kernels), text_(text), fill_(fill), context_(context) {}

  // The first position >= from whose bit equals `value`, or text.size.
  size_t next(size_t from, bool value) {
    const uint64_t flip = value ? 0 : ~0ULL;
    size_t index = from / 64;
    if (from >= text_.size) return text_.size;
    uint64_t bits = (word(index) ^ flip) & (~0ULL << (from % 64));
    while (bits == 0) {
      if (++index * 64 >= text_.size) return text_.size;
      bits = word(index) ^ flip;
    }
    const size_t position = index * 64 + static_cast<size_t>(__builtin_ctzll(bits));
    return position < text_.size ? position : text_.size;
  }

 private:
  static constexpr size_t kWindowWords = 64;  // 4 KiB of text per refill

  uint64_t word(size_t index) {
    if (index < first_word_ || index >= first_word_ + kWindowWords) {
      first_word_ = index;
      const size_t begin = index * 64;
      const size_t length = text_.size - begin < kWindowWords * 64 ? text_.size - begin
                                                                     : kWindowWords * 64;
      fill_(kernels_, text_.data + begin, length, window_, context_);
    }
    return window_[index - first_word_];
  }

  const StringKernels& kernels_;
  Text text_;
  Fill fill_;
  const void* context_;
  size_t first_word_ = SIZE_MAX / 2;
  uint64_t window_[kWindowWords];
};

bool split_on_byte(const StringKernels& kernels, Text text, uint8_t separator, size_t splits_left,
                   PieceSink& sink) {
  BitmapScan separators(
      kernels, text,
      [](const StringKernels& k, const uint8_t* data, size_t length, uint64_t* words,
         const void* byte) { k.byte_bitmap(data, length, *static_cast<const uint8_t*>(byte), words); },
      &separator);
  size_t start = 0;
  while (splits_left > 0) {
    const size_t end = separators.next(start, true);
    if (end == text.size) break;
    if (!sink.piece(start, end)) return false;
    start = end + 1;
    --splits_left;
  }
  return sink.piece(start, text.size);
}

// Whitespace split over the engine's candidate bitmap. A marked ASCII byte is
// whitespace; a marked lead byte is whitespace only when the Unicode table
// says its character is.
bool split_on_whitespace(const StringKernels& kernels, Text text, simd::Whitespace kind,
                         size_t splits_left, PieceSink& sink) {
  BitmapScan candidates(
      kernels, text,
      [](const StringKernels& k, const uint8_t* data, size_t length, uint64_t* words,
         const void* which) {
        k.whitespace_bitmap(data, length, *static_cast<const simd::Whitespace*>(which), words);
      },
      &kind);
  // Byte length of the whitespace character at a marked position, or 0.
  auto whitespace_at = [&](size_t position) -> size_t {
    if (text.data[position] < 0x80) return 1;
    return unicode::whitespace_length(text.data + position, text.size - position);
  };
  size_t position = 0;
  while (true) {
    // Skip whitespace: runs of marked bytes, confirmed one character at a time.
    while (position < text.size) {
      const size_t unmarked = candidates.next(position, false);
      while (position < unmarked) {
        const size_t length = whitespace_at(position);
        if (length == 0) break;
        position += length;
      }
      if (position <= unmarked) break;  // a non-whitespace byte starts a piece
      // else a multi-byte whitespace character ran past `unmarked`: go on
    }
    if (position >= text.size) return true;
    if (splits_left == 0) return sink.piece(position, text.size);
    // The piece ends at the next confirmed whitespace character.
    size_t end = position;
    size_t length = 0;
    while (true) {
      end = candidates.next(end, true);
      if (end == text.size) break;
      length = whitespace_at(end);
      if (length != 0) break;
      ++end;
    }
    if (!sink.piece(position, end)) return false;
    if (end == text.size) return true;
    position = end + length;
    --splits_left;
  }
}

}  // namespace

bool split(const StringKernels& kernels, Text text, Text separator, int64_t maxsplit,
           PieceSink& sink) {
  if (separator.size == 1) {
    return split_on_byte(kernels, text, separator.data[0],
                         maxsplit < 0 ? SIZE_MAX : static_cast<size_t>(maxsplit), sink);
  }
  size_t start = 0;
  size_t splits_left = maxsplit < 0 ? SIZE_MAX : static_cast<size_t>(maxsplit);
  while (splits_left > 0 && text.size - start >= separator.size) {
    const int64_t found =
        kernels.find(text.data + start, text.size - start, separator.data, separator.size);
    if (found < 0) break;
    const size_t end = start + static_cast<size_t>(found);
    if (!sink.piece(start, end)) return false;
    start = end + separator.size;
    --splits_left;
  }
  return sink.piece(start, text.size);
}

bool split_whitespace(const StringKernels& kernels, Text text, Encoding encoding,
                      int64_t maxsplit, PieceSink& sink) {
  const simd::Whitespace kind = whitespace_kind(encoding);
  size_t splits_left = maxsplit < 0 ? SIZE_MAX : static_cast<size_t>(maxsplit);
  return split_on_whitespace(kernels, text, kind, splits_left, sink);
}

size_t case_capacity(Text text, Encoding encoding) {
  return encoding == Encoding::kUtf8 ? unicode::case_mapped_capacity(text.size) : text.size;
}

namespace {

using AsciiCase = void (*)(const uint8_t*, uint8_t*, size_t);
using UnicodeRun = size_t (*)(const uint8_t*, size_t, size_t, uint8_t*, size_t*);

// ASCII runs go through the engine's vector kernel, everything else through
// the Unicode component a run at a time (a call per character cost more than
// CPython's whole str.lower() on non-ASCII text). A run stops only where 8 or
// more ASCII bytes start, so spaces and punctuation between non-ASCII words
// stay inside it. The run functions see the whole text, for final sigma, and
// need room for case_mapped_capacity(remaining input): `out` holds
// case_capacity(text), and every byte so far produced at most ratio bytes, so
// that much is always left.
size_t map_case(const StringKernels& kernels, AsciiCase ascii, UnicodeRun unicode_run,
                Text text, Encoding encoding, uint8_t* out) {
  if (encoding == Encoding::kBytes) {
    ascii(text.data, out, text.size);
    return text.size;
  }
  size_t in = 0;
  size_t written = 0;
  while (in < text.size) {
    const size_t run = kernels.ascii_prefix(text.data + in, text.size - in);
    ascii(text.data + in, out + written, run);
    in += run;
    written += run;
    if (in < text.size) {
      size_t consumed = 0;  // at least one character: text.data[in] is not ASCII
      written += unicode_run(text.data, text.size, in, out + written, &consumed);
      in += consumed;
    }
  }
  return written;
}

}  // namespace

size_t lower(const StringKernels& kernels, Text text, Encoding encoding, uint8_t* out) {
  return map_case(kernels, kernels.ascii_lower, unicode::lower_run, text, encoding, out);
}

size_t upper(const StringKernels& kernels, Text text, Encoding encoding, uint8_t* out) {
  return map_case(kernels, kernels.ascii_upper, unicode::upper_run, text, encoding, out);
}

bool plan_replace(const StringKernels& kernels, Text text, Text old_text, Text new_text,
                  Encoding encoding, int64_t count_limit, ReplacePlan* plan) {
  const size_t limit = count_limit < 0 ? SIZE_MAX : static_cast<size_t>(count_limit);
  const size_t replacements = count(kernels, text, old_text, encoding, limit);
  size_t added = 0;
  size_t output_size = 0;
  // text.size >= replacements * old_text.size, so only the growth can overflow.
  if (__builtin_mul_overflow(replacements, new_text.size, &added) ||
      __builtin_add_overflow(text.size - replacements * old_text.size, added, &output_size)) {
    return false;
  }
  *plan = {replacements, output_size};
  return true;
}

void write_replace(const StringKernels& kernels, Text text, Text old_text, Text new_text,
                   Encoding encoding, const ReplacePlan& plan, uint8_t* out) {
  size_t position = 0;
  if (old_text.size == 0) {
    // The new text goes before each of the first `replacements` units (the
    // last slot being the end of the text).
    for (size_t done = 0; done < plan.replacements; ++done) {
      out = append(out, new_text.data, new_text.size);
      if (position < text.size) {
        const size_t next = next_unit(text, position, encoding);
        out = append(out, text.data + position, next - position);
        position = next;
      }
    }
    append(out, text.data + position, text.size - position);
    return;
  }
  for (size_t done = 0; done < plan.replacements; ++done) {
    const size_t found = static_cast<size_t>(kernels.find(
        text.data + position, text.size - position, old_text.data, old_text.size));
    out = append(out, text.data + position, found);
    out = append(out, new_text.data, new_text.size);
    position += found + old_text.size;
  }
  append(out, text.data + position, text.size - position);
}

bool joined_size(Text separator, std::span<const Text> parts, size_t* size) {
  size_t total = 0;
  for (const Text& part : parts) {
    if (__builtin_add_overflow(total, part.size, &total)) return false;
  }
  if (!parts.empty()) {
    size_t separators = 0;
    if (__builtin_mul_overflow(parts.size() - 1, separator.size, &separators) ||
        __builtin_add_overflow(total, separators, &total)) {
      return false;
    }
  }
  *size = total;
  return true;
}

namespace {

// Copies a short part with fixed-size moves (no library call, no byte read or
// written outside either range); joins of many small words are dominated by
// these copies.
uint8_t* append_short(uint8_t* out, const uint8_t* data, size_t length) {
  if (length >= 8) {
    uint64_t head, tail;
    std::memcpy(&head, data, 8);
    std::memcpy(&tail, data + length - 8, 8);
    std::memcpy(out, &head, 8);
    std::memcpy(out + length - 8, &tail, 8);
  } else if (length >= 4) {
    uint32_t head, tail;
    std::memcpy(&head, data, 4);
    std::memcpy(&tail, data + length - 4, 4);
    std::memcpy(out, &head, 4);
    std::memcpy(out + length - 4, &tail, 4);
  } else if (length != 0) {
    out[0] = data[0];
    out[length / 2] = data[length / 2];
    out[length - 1] = data[length - 1];
  }
  return out + length;
}

uint8_t* append_part(uint8_t* out, const uint8_t* data, size_t length) {
  return length <= 16 ? append_short(out, data, length) : append(out, data, length);
}

}  // namespace

void write_join(Text separator, std::span<const Text> parts, uint8_t* out) {
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i != 0) out = append_part(out, separator.data, separator.size);
    out = append_part(out, parts[i].data, parts[i].size);
  }
}

}  // namespace dxpy::strings
