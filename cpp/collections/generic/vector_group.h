// A control-byte group over an ISA's 16-byte vector (Bytes16 of its vector.h):
// one compare and one movemask (or NEON's narrowing shift) per question.
// Included by each SIMD engine's group_kernels.cpp after its vector.h.
#pragma once

#include <bit>
#include <cstdint>

#include "collections/generic/slot_mask.h"
#include "collections/group_kernels.h"

namespace dxpy::simd::DXPY_ISA_NAMESPACE {
namespace {

static_assert(Bytes16::kWidth == collections::kGroupWidth, "groups are 16 bytes on every engine");

struct Group {
  using Mask = SlotMask<static_cast<unsigned>(std::countr_zero(Bytes16::kBitsPerLane))>;
  Bytes16 control;

  static Group load(const uint8_t* p) { return {Bytes16::load(p)}; }

  Mask match(uint8_t h2) const { return Mask{(control == Bytes16::splat(h2)).bits()}; }
  Mask match_empty() const {
    return Mask{(control == Bytes16::splat(collections::kEmpty)).bits()};
  }
  // kEmpty and kDeleted are exactly the bytes with the high bit set.
  Mask match_empty_or_deleted() const { return Mask{control.high_bit().bits()}; }
};

}  // namespace
}  // namespace dxpy::simd::DXPY_ISA_NAMESPACE
