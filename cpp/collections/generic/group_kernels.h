// The Swiss table's probing loops, written once against a `Group` type.
//
// Included by each engine's collections/<isa>/group_kernels.cpp after that
// engine's Group (vector_group.h over the ISA's 16-byte vector, or the SWAR
// group of the scalar engine), inside the engine's namespace, so the loops are
// compiled once per instruction set with that set's flags. Everything here has
// internal linkage except the kGroupKernels table (see cpp/simd/README.md).
//
// Group provides load(const uint8_t*), and match(h2), match_empty(),
// match_empty_or_deleted() returning a SlotMask.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "collections/group_kernels.h"

namespace dxpy::simd::DXPY_ISA_NAMESPACE {
namespace {

using collections::EntryLayout;
using collections::GroupBits;
using collections::GroupProbe;
using collections::IndexView;
using collections::KeyProbe;
using collections::kGroupWidth;

// The hash split every engine shares: h2 in the control byte, the rest
// choosing the first group.
inline uint8_t h2_of(uint64_t mixed_hash) { return static_cast<uint8_t>(mixed_hash & 0x7F); }
inline size_t first_group(uint64_t mixed_hash, size_t group_mask) {
  return static_cast<size_t>(mixed_hash >> 7) & group_mask;
}

template <class T>
inline T read_field(const std::byte* record, size_t offset) {
  T value;
  std::memcpy(&value, record + offset, sizeof value);
  return value;
}

GroupBits match(const uint8_t* group, uint8_t h2) {
  return Group::load(group).match(h2).slot_bits();
}
GroupBits match_empty(const uint8_t* group) {
  return Group::load(group).match_empty().slot_bits();
}
GroupBits match_empty_or_deleted(const uint8_t* group) {
  return Group::load(group).match_empty_or_deleted().slot_bits();
}

// The probe sequence visits group g, g+1, g+3, g+6, ... (mod the group
// count). Every probe ends at a group with a kEmpty byte; the owner's load
// factor keeps one, and the step bound is a guard, not part of the logic.
GroupProbe find(const IndexView& index, const EntryLayout& layout, uint64_t mixed_hash,
                const KeyProbe& probe) {
  const uint8_t h2 = h2_of(mixed_hash);
  size_t group = first_group(mixed_hash, index.group_mask);
  for (size_t step = 1;; ++step) {
    // A group's 16 slots fill one cache line: fetch it while the control
    // bytes load and compare, so a hit waits for one miss, not two in a row.
    __builtin_prefetch(index.slots + group * kGroupWidth);
    const Group control = Group::load(index.control + group * kGroupWidth);
    for (auto candidates = control.match(h2); candidates; candidates.clear_lowest()) {
      const size_t slot = group * kGroupWidth + candidates.lowest();
      const uint32_t entry = index.slots[slot];
      const std::byte* record = probe.entries + static_cast<size_t>(entry) * layout.stride;
      // The full hash filters out h2 collisions without calling the owner.
      if (read_field<uint64_t>(record, layout.hash_offset) != probe.hash) continue;
      if (read_field<const void*>(record, layout.identity_offset) == probe.identity) {
        return {static_cast<int64_t>(slot), 0};
      }
      const int answer = probe.equals(probe.context, entry);
      if (answer > 0) return {static_cast<int64_t>(slot), 0};
      // The callback may have run foreign code that changed the table: leave
      // without reading it again.
      if (answer < 0) return {-1, answer};
    }
    if (control.match_empty() || step > index.group_mask) return {-1, 0};
    group = (group + step) & index.group_mask;
  }
}

size_t find_free_slot(const IndexView& index, uint64_t mixed_hash) {
  size_t group = first_group(mixed_hash, index.group_mask);
  for (size_t step = 1;; ++step) {
    const auto free = Group::load(index.control + group * kGroupWidth).match_empty_or_deleted();
    if (free) return group * kGroupWidth + free.lowest();
    if (step > index.group_mask) return SIZE_MAX;  // a full table: the owner never lets it be
    group = (group + step) & index.group_mask;
  }
}

size_t find_entry_slot(const IndexView& index, uint64_t mixed_hash, uint32_t entry) {
  const uint8_t h2 = h2_of(mixed_hash);
  size_t group = first_group(mixed_hash, index.group_mask);
  for (size_t step = 1;; ++step) {
    const Group control = Group::load(index.control + group * kGroupWidth);
    for (auto candidates = control.match(h2); candidates; candidates.clear_lowest()) {
      const size_t slot = group * kGroupWidth + candidates.lowest();
      if (index.slots[slot] == entry) return slot;
    }
    if (control.match_empty() || step > index.group_mask) return SIZE_MAX;
    group = (group + step) & index.group_mask;
  }
}

}  // namespace

extern const collections::GroupKernels kGroupKernels;
constinit const collections::GroupKernels kGroupKernels = {
    match, match_empty, match_empty_or_deleted, find, find_free_slot, find_entry_slot,
};

}  // namespace dxpy::simd::DXPY_ISA_NAMESPACE
