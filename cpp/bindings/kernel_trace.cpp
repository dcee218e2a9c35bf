#include "kernel_trace.h"

#include <array>
#include <atomic>
#include <stdexcept>

namespace dxpy::bindings {
namespace {

using simd::StringKernels;
using simd::Whitespace;

// The kernels in table order; a counter each.
enum Kernel : size_t {
  kFind, kCount, kEqual, kCountCodePoints, kAsciiPrefix, kAsciiLower, kAsciiUpper,
  kWhitespaceBitmap, kByteBitmap, kKernelCount,
};
constexpr std::array<const char*, kKernelCount> kKernelNames = {
    "find",         "count",       "equal",             "count_code_points", "ascii_prefix",
    "ascii_lower",  "ascii_upper", "whitespace_bitmap", "byte_bitmap",
};

// Room for every compiled build (scalar and up to three ISAs, native and emulated).
constexpr size_t kMaxBuilds = 8;
using Counters = std::array<std::atomic<size_t>, kKernelCount>;
std::array<Counters, kMaxBuilds> counters;

// The twin of build number Index: each entry counts, then calls the build's own.
template <size_t Index>
struct Twin {
  static const StringKernels& real() { return *simd::compiled_builds()[Index].strings; }
  static void note(Kernel kernel) {
    counters[Index][kernel].fetch_add(1, std::memory_order_relaxed);
  }

  static int64_t find(const uint8_t* h, size_t hl, const uint8_t* n, size_t nl) {
    note(kFind);
    return real().find(h, hl, n, nl);
  }
  static size_t count(const uint8_t* h, size_t hl, const uint8_t* n, size_t nl, size_t limit) {
    note(kCount);
    return real().count(h, hl, n, nl, limit);
  }
  static bool equal(const uint8_t* a, const uint8_t* b, size_t length) {
    note(kEqual);
    return real().equal(a, b, length);
  }
  static size_t count_code_points(const uint8_t* text, size_t length) {
    note(kCountCodePoints);
    return real().count_code_points(text, length);
  }
  static size_t ascii_prefix(const uint8_t* text, size_t length) {
    note(kAsciiPrefix);
    return real().ascii_prefix(text, length);
  }
  static void ascii_lower(const uint8_t* source, uint8_t* destination, size_t length) {
    note(kAsciiLower);
    real().ascii_lower(source, destination, length);
  }
  static void ascii_upper(const uint8_t* source, uint8_t* destination, size_t length) {
    note(kAsciiUpper);
    real().ascii_upper(source, destination, length);
  }
  static void whitespace_bitmap(const uint8_t* text, size_t length, Whitespace kind,
                                uint64_t* bitmap) {
    note(kWhitespaceBitmap);
    real().whitespace_bitmap(text, length, kind, bitmap);
  }
  static void byte_bitmap(const uint8_t* text, size_t length, uint8_t byte, uint64_t* bitmap) {
    note(kByteBitmap);
    real().byte_bitmap(text, length, byte, bitmap);
  }

  static constexpr StringKernels kTable = {
      find,         count,       equal,             count_code_points, ascii_prefix,
      ascii_lower,  ascii_upper, whitespace_bitmap, byte_bitmap,
  };
};

template <size_t... Index>
constexpr std::array<const StringKernels*, kMaxBuilds> twin_tables(std::index_sequence<Index...>) {
  return {&Twin<Index>::kTable...};
}
constexpr std::array<const StringKernels*, kMaxBuilds> kTwins =
    twin_tables(std::make_index_sequence<kMaxBuilds>());

size_t build_index(const simd::EngineBuild& build) {
  const auto builds = simd::compiled_builds();
  const size_t index = static_cast<size_t>(&build - builds.data());
  if (index >= builds.size() || index >= kMaxBuilds) {
    throw std::logic_error("kernel trace: not a compiled build, or more builds than kMaxBuilds");
  }
  return index;
}

}  // namespace

const StringKernels& traced_kernels(const simd::EngineBuild& build) {
  return *kTwins[build_index(build)];
}

void reset_kernel_calls(const simd::EngineBuild& build) {
  for (std::atomic<size_t>& counter : counters[build_index(build)]) counter.store(0);
}

std::vector<std::pair<const char*, size_t>> kernel_calls(const simd::EngineBuild& build) {
  const Counters& counts = counters[build_index(build)];
  std::vector<std::pair<const char*, size_t>> calls;
  for (size_t kernel = 0; kernel < kKernelCount; ++kernel) {
    calls.emplace_back(kKernelNames[kernel], counts[kernel].load());
  }
  return calls;
}

}  // namespace dxpy::bindings
