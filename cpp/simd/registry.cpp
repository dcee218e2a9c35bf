#include "simd/registry.h"

#include <array>
#include <cstdlib>
#include <string>

#include "collections/scalar/list_kernels.h"
#include "simd/cpu_features.h"
#include "simd/scalar/string_kernels.h"

// One declaration per compiled build; CMake defines DXPY_HAVE_<ISA>_<VARIANT>.
#define DXPY_DECLARE_BUILD(ns) \
  namespace dxpy::simd::ns {   \
  extern const StringKernels kStringKernels; \
  extern const collections::ListKernels kListKernels; \
  extern const collections::GroupKernels kGroupKernels; \
  }
#if DXPY_HAVE_AVX2_NATIVE
DXPY_DECLARE_BUILD(avx2_native)
#endif
#if DXPY_HAVE_AVX512_NATIVE
DXPY_DECLARE_BUILD(avx512_native)
#endif
#if DXPY_HAVE_NEON_NATIVE
DXPY_DECLARE_BUILD(neon_native)
#endif
#if DXPY_HAVE_AVX2_EMULATED
DXPY_DECLARE_BUILD(avx2_emulated)
#endif
#if DXPY_HAVE_AVX512_EMULATED
DXPY_DECLARE_BUILD(avx512_emulated)
#endif
#if DXPY_HAVE_NEON_EMULATED
DXPY_DECLARE_BUILD(neon_emulated)
#endif

// The scalar engine's SWAR group (collections/scalar/group_kernels.cpp).
namespace dxpy::simd::scalar {
extern const collections::GroupKernels kGroupKernels;
}

namespace dxpy::simd {
namespace {

constexpr const char* kAvx2Isa = "x86-64 AVX2";
constexpr const char* kAvx512Isa = "x86-64 AVX-512 (F, BW)";
constexpr const char* kNeonIsa = "AArch64 NEON";

constexpr std::array kBuilds = {
    EngineBuild{"scalar", "portable C++", Mode::kNative, &scalar::kStringKernels,
                &scalar::kListKernels, &scalar::kGroupKernels},
#if DXPY_HAVE_AVX2_NATIVE
    EngineBuild{"avx2", kAvx2Isa, Mode::kNative, &avx2_native::kStringKernels,
                &avx2_native::kListKernels, &avx2_native::kGroupKernels},
#endif
#if DXPY_HAVE_AVX2_EMULATED
    EngineBuild{"avx2", kAvx2Isa, Mode::kEmulated, &avx2_emulated::kStringKernels,
                &avx2_emulated::kListKernels, &avx2_emulated::kGroupKernels},
#endif
#if DXPY_HAVE_AVX512_NATIVE
    EngineBuild{"avx512", kAvx512Isa, Mode::kNative, &avx512_native::kStringKernels,
                &avx512_native::kListKernels, &avx512_native::kGroupKernels},
#endif
#if DXPY_HAVE_AVX512_EMULATED
    EngineBuild{"avx512", kAvx512Isa, Mode::kEmulated, &avx512_emulated::kStringKernels,
                &avx512_emulated::kListKernels, &avx512_emulated::kGroupKernels},
#endif
#if DXPY_HAVE_NEON_NATIVE
    EngineBuild{"neon", kNeonIsa, Mode::kNative, &neon_native::kStringKernels,
                &neon_native::kListKernels, &neon_native::kGroupKernels},
#endif
#if DXPY_HAVE_NEON_EMULATED
    EngineBuild{"neon", kNeonIsa, Mode::kEmulated, &neon_emulated::kStringKernels,
                &neon_emulated::kListKernels, &neon_emulated::kGroupKernels},
#endif
};

constexpr std::array<const char*, 4> kNames = {"scalar", "avx2", "avx512", "neon"};

std::string known_names() {
  std::string names;
  for (const char* name : kNames) {
    if (!names.empty()) names += ", ";
    names += name;
  }
  return names;
}

}  // namespace

const char* mode_name(Mode mode) { return mode == Mode::kNative ? "native" : "emulated"; }

std::span<const char* const> engine_names() { return kNames; }

std::span<const EngineBuild> compiled_builds() { return kBuilds; }

bool runs_here(const EngineBuild& build) {
  if (build.mode == Mode::kEmulated) return true;
  const std::string_view name = build.name;
  const CpuFeatures& cpu = cpu_features();
  if (name == "avx2") return cpu.avx2;
  if (name == "avx512") return cpu.avx512;
  if (name == "neon") return cpu.neon;
  return true;  // scalar
}

const EngineBuild* select_build(std::string_view name, std::optional<Mode> mode,
                                std::string* error) {
  bool known = false;
  const EngineBuild* emulated = nullptr;
  for (const EngineBuild& build : kBuilds) {
    if (name != build.name) continue;
    known = true;
    if (mode && build.mode != *mode) continue;
    if (build.mode == Mode::kEmulated) {
      emulated = &build;
    } else if (runs_here(build)) {
      return &build;
    }
  }
  if (emulated != nullptr) return emulated;
  if (!known) {
    *error = "unknown engine '" + std::string(name) + "'; engines: " + known_names();
  } else if (mode) {
    *error = "engine '" + std::string(name) + "' has no " + mode_name(*mode) +
             " build that runs on this machine";
  } else {
    *error = "engine '" + std::string(name) + "' cannot run on this machine";
  }
  return nullptr;
}

const EngineBuild* default_build(std::string* error) {
  if (const char* forced = std::getenv("DXPY_ENGINE"); forced != nullptr && *forced != '\0') {
    const EngineBuild* build = select_build(forced, std::nullopt, error);
    if (build == nullptr) *error = "DXPY_ENGINE: " + *error;
    return build;
  }
  // Preference order: widest native vectors first.
  for (const char* name : {"avx512", "neon", "avx2"}) {
    for (const EngineBuild& build : kBuilds) {
      if (name == std::string_view(build.name) && build.mode == Mode::kNative && runs_here(build)) {
        return &build;
      }
    }
  }
  return &kBuilds[0];
}

}  // namespace dxpy::simd
