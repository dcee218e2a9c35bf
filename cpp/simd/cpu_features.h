// What the CPU and the operating system together let this process execute.
#pragma once

namespace dxpy::simd {

struct CpuFeatures {
  bool avx2 = false;    // AVX2 + BMI1 + POPCNT, YMM state enabled by the OS
  bool avx512 = false;  // AVX512F + AVX512BW (+ the AVX2 set, BMI2), opmask and ZMM state enabled
  bool neon = false;    // AArch64 Advanced SIMD (always present there)
};

// Detected once. DXPY_CPU_DISABLE (a comma-separated list of avx2, avx512,
// neon) masks features out, so the dispatcher can be tested as it would
// behave on an older CPU; it can only remove features, never add them.
const CpuFeatures& cpu_features();

}  // namespace dxpy::simd
