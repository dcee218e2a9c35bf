// The engines compiled into this build, which of them run here, and the
// dispatcher's choice.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "collections/group_kernels.h"
#include "collections/list_kernels.h"
#include "simd/string_kernels.h"

namespace dxpy::simd {

enum class Mode { kNative, kEmulated };

const char* mode_name(Mode mode);

// One compiled build of one engine: native (the ISA's own instructions) or
// emulated (the same source through SIMDe).
struct EngineBuild {
  const char* name;  // scalar, avx2, avx512, neon
  const char* isa;   // the instruction set, e.g. "x86-64 AVX2"
  Mode mode;
  const StringKernels* strings;
  const collections::ListKernels* lists;  // SimdList's kernels
  const collections::GroupKernels* groups;  // SwissDict's control-byte groups
};

// Engine names: scalar, avx2, avx512, neon.
std::span<const char* const> engine_names();

// Every build compiled in, runnable here or not.
std::span<const EngineBuild> compiled_builds();

// Whether this CPU and OS can execute the build.
bool runs_here(const EngineBuild& build);

// The build of `name` that runs here: native where possible, else emulated.
// With `mode`, only that build. nullptr with *error set when there is none.
const EngineBuild* select_build(std::string_view name, std::optional<Mode> mode,
                                std::string* error);

// The dispatcher: DXPY_ENGINE if set (nullptr with *error when it names no
// engine), else the best native build that runs here. Never an emulated one
// unless named.
const EngineBuild* default_build(std::string* error);

}  // namespace dxpy::simd
