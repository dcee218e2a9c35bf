// A group's match result in the engine's own bit layout, and its iteration.
//
// Slot i of a group is bit (i << kShift): kShift is 0 where the ISA yields one
// bit per byte (SSE movemask, the SWAR gather), 2 for NEON, whose bits() keeps
// one bit of a 4-bit lane group (bit 4i + 3, so countr_zero >> 2 is still i).
// Part of the generic kernels: included inside an engine's namespace, internal
// linkage only.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

#include "collections/group_kernels.h"

namespace dxpy::simd::DXPY_ISA_NAMESPACE {
namespace {

template <unsigned kShift>
struct SlotMask {
  uint64_t bits;

  explicit operator bool() const { return bits != 0; }
  // The lowest matching slot; the mask must not be empty.
  size_t lowest() const { return static_cast<size_t>(std::countr_zero(bits)) >> kShift; }
  void clear_lowest() { bits &= bits - 1; }

  // One bit per slot, slot i at bit i: the layout GroupKernels returns.
  collections::GroupBits slot_bits() const {
    if constexpr (kShift == 0) {
      return static_cast<collections::GroupBits>(bits);
    } else {
      collections::GroupBits result = 0;
      for (SlotMask rest = *this; rest; rest.clear_lowest()) result |= 1U << rest.lowest();
      return result;
    }
  }
};

}  // namespace
}  // namespace dxpy::simd::DXPY_ISA_NAMESPACE
