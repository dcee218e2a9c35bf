// The Swiss table's per-engine kernels: control-byte groups probed a group at
// a time, and the probing loops written once over them.
//
// Every engine (scalar SWAR, the SSE group of the avx2 and avx512 builds,
// NEON) fills one GroupKernels table from its own translation unit. They all
// compute the same functions: the same group width, the same hash split and
// the same probe sequence, so every engine finds the same slot for every key
// and calls the owner's equality callback on the same candidates in the same
// order. What differs is only how 16 control bytes are compared at once.
//
// Control bytes (see cpp/collections/README.md for the invariants):
//   kEmpty   0x80  never used since the last rehash; ends every probe
//   kDeleted 0xFE  a tombstone: was full, a probe must continue past it
//   full     0x00..0x7F, the 7 low bits (h2) of the slot's mixed hash
// so a byte is full exactly when its high bit is clear.
#pragma once

#include <cstddef>
#include <cstdint>

namespace dxpy::collections {

inline constexpr uint8_t kEmpty = 0x80;
inline constexpr uint8_t kDeleted = 0xFE;
inline constexpr size_t kGroupWidth = 16;

// The index arrays a probing loop reads. The group count (group_mask + 1) is a
// power of two; control holds group_count * kGroupWidth bytes, slots one entry
// number per slot (meaningful only where the control byte is full).
struct IndexView {
  const uint8_t* control;
  const uint32_t* slots;
  size_t group_mask;
};

// Where an owner keeps each entry's full 64-bit hash and identity word (a
// pointer; null marks a hole, a deleted entry) within its entry record of
// `stride` bytes: entry e starts at base + e * stride.
struct EntryLayout {
  size_t stride;
  size_t hash_offset;
  size_t identity_offset;
};

// An owner's entry array: entry positions [0, count), holes included.
struct EntryColumns {
  const std::byte* base;
  size_t count;
};

// One key being looked up. A candidate slot whose entry has an equal full
// hash and the same identity matches without a call; one with an equal hash
// and another identity is decided by equals(context, entry): 1 equal, 0 not,
// any negative value stops the probe and is reported as the result's code (an
// error, or "the table changed while I ran": the owner's callback may run
// foreign code, so after a negative answer the loop touches nothing).
struct KeyProbe {
  uint64_t hash;
  const void* identity;
  const std::byte* entries;  // the owner's entry array (EntryColumns::base)
  int (*equals)(void* context, uint32_t entry);
  void* context;
};

// What a probe found, in two registers: slot >= 0 (found), or slot -1 with
// code 0 (absent) or the callback's negative code (stopped).
struct GroupProbe {
  int64_t slot;
  int64_t code;
};

// Group bit masks at the table boundary: bit i is slot i of the group.
using GroupBits = uint32_t;

struct GroupKernels {
  // Slots of a 16-byte group whose control byte equals h2 / kEmpty / has its
  // high bit set (kEmpty or kDeleted). Exact for any 16 bytes: no false
  // positives, whatever the bytes are.
  GroupBits (*match)(const uint8_t* group, uint8_t h2);
  GroupBits (*match_empty)(const uint8_t* group);
  GroupBits (*match_empty_or_deleted)(const uint8_t* group);

  // The probing loops. mixed_hash is the owner's hash after mix_hash() (see
  // swiss_index.h): h2 = its 7 low bits, the first group = (mixed >> 7) &
  // group_mask, then triangular steps over groups (g, g+1, g+3, g+6, ...),
  // which visit every group once when the group count is a power of two.
  //
  // find: the entry whose key matches probe, in probe order; stops at the
  // first group holding a kEmpty byte.
  GroupProbe (*find)(const IndexView& index, const EntryLayout& layout, uint64_t mixed_hash,
                     const KeyProbe& probe);
  // The first kEmpty or kDeleted slot in probe order (the table must have one).
  size_t (*find_free_slot)(const IndexView& index, uint64_t mixed_hash);
  // The slot holding `entry`, or SIZE_MAX: no key comparison at all.
  size_t (*find_entry_slot)(const IndexView& index, uint64_t mixed_hash, uint32_t entry);
};

}  // namespace dxpy::collections
