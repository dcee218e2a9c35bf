#include "simd/cpu_features.h"

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <system_error>

#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>
#endif

namespace dxpy::simd {
namespace {

#if defined(__x86_64__) || defined(_M_X64)
// XGETBV without -mxsave: this file is compiled for the baseline ISA.
uint64_t extended_control_register_0() {
  uint32_t low = 0;
  uint32_t high = 0;
  __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
  return (static_cast<uint64_t>(high) << 32) | low;
}

// XCR0 as the dispatcher sees it. DXPY_CPU_XCR0_MASK (hex) clears bits of it,
// as an OS that saves less vector state would (a hypervisor that hides the
// AVX-512 state, say): without it the OS half of dispatch could not be tested
// on any one machine. It only ever clears bits, and a mask that does not parse
// clears them all, so it can hide instruction sets but never enable one.
uint64_t os_enabled_state() {
  uint64_t xcr0 = extended_control_register_0();
  if (const char* text = std::getenv("DXPY_CPU_XCR0_MASK")) {
    std::string_view digits(text);
    if (digits.starts_with("0x") || digits.starts_with("0X")) digits.remove_prefix(2);
    uint64_t mask = 0;
    const char* last = digits.data() + digits.size();
    const auto [end, error] = std::from_chars(digits.data(), last, mask, 16);
    const bool parsed = !digits.empty() && error == std::errc() && end == last;
    xcr0 &= parsed ? mask : 0;
  }
  return xcr0;
}

CpuFeatures detect() {
  CpuFeatures features;
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid_max(0, nullptr) < 7) return features;
  __get_cpuid(1, &eax, &ebx, &ecx, &edx);
  const bool osxsave = (ecx >> 27) & 1;
  const bool popcnt = (ecx >> 23) & 1;
  if (!osxsave) return features;  // the OS saves no AVX state: no AVX at all
  const uint64_t xcr0 = os_enabled_state();
  const bool ymm_state = (xcr0 & 0x6) == 0x6;            // SSE + AVX
  const bool zmm_state = (xcr0 & 0xE6) == 0xE6;          // + opmask, ZMM_Hi256, Hi16_ZMM
  __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx);
  const bool avx2 = (ebx >> 5) & 1;
  const bool bmi1 = (ebx >> 3) & 1;
  const bool bmi2 = (ebx >> 8) & 1;
  const bool avx512f = (ebx >> 16) & 1;
  const bool avx512bw = (ebx >> 30) & 1;
  features.avx2 = avx2 && bmi1 && popcnt && ymm_state;
  features.avx512 = features.avx2 && bmi2 && avx512f && avx512bw && zmm_state;
  return features;
}
#elif defined(__aarch64__)
CpuFeatures detect() {
  CpuFeatures features;
  features.neon = true;  // Advanced SIMD is mandatory in AArch64
  return features;
}
#else
CpuFeatures detect() { return {}; }
#endif

void apply_disable_list(CpuFeatures& features) {
  const char* list = std::getenv("DXPY_CPU_DISABLE");
  if (list == nullptr) return;
  std::string_view rest(list);
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view name = rest.substr(0, comma);
    if (name == "avx2") features.avx2 = features.avx512 = false;  // AVX-512 code uses AVX2
    if (name == "avx512") features.avx512 = false;
    if (name == "neon") features.neon = false;
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
}

}  // namespace

const CpuFeatures& cpu_features() {
  static const CpuFeatures features = [] {
    CpuFeatures detected = detect();
    apply_disable_list(detected);
    return detected;
  }();
  return features;
}

}  // namespace dxpy::simd
