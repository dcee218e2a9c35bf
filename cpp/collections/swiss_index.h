// The Swiss table index: control bytes and slots that map a key's hash to the
// number of its entry in an owner's dense, insertion-ordered entry array.
//
// The index stores no keys and no hashes. It reads them from the owner's
// entries (full hash and identity word per entry, at the offsets of an
// EntryLayout fixed at construction) and
// decides key equality through the owner's callback in KeyProbe, so it knows
// nothing of Python and works for any owner. Probing runs through the
// engine's GroupKernels table (16-byte groups, SIMD or SWAR).
//
// Errors: nothing here throws or calls back except KeyProbe::equals inside
// find(). find() never changes the index; the operations that allocate
// (insert, rebuild, copy_from) either succeed or return false and leave the
// index as it was. The invariants are listed in cpp/collections/README.md.
#pragma once

#include <cstddef>
#include <cstdint>

#include "collections/group_kernels.h"

namespace dxpy::collections {

// A 64-bit mix of the owner's hash (a folded 64x64->128 multiply): Python
// hashes small ints to themselves, and the index takes both h2 and the group
// from the mixed bits, so consecutive keys land in different groups with
// unrelated h2.
inline uint64_t mix_hash(uint64_t hash) {
  constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
#if defined(__SIZEOF_INT128__)
  __extension__ using Product = unsigned __int128;  // a GCC/Clang type: no -Wpedantic note
  const Product product = static_cast<Product>(hash) * kMultiplier;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
#else
  const uint64_t a_low = hash & 0xFFFFFFFF, a_high = hash >> 32;
  const uint64_t b_low = kMultiplier & 0xFFFFFFFF, b_high = kMultiplier >> 32;
  const uint64_t low_low = a_low * b_low, low_high = a_low * b_high;
  const uint64_t high_low = a_high * b_low, high_high = a_high * b_high;
  const uint64_t middle = (low_low >> 32) + (low_high & 0xFFFFFFFF) + (high_low & 0xFFFFFFFF);
  const uint64_t low = (middle << 32) | (low_low & 0xFFFFFFFF);
  const uint64_t high = high_high + (low_high >> 32) + (high_low >> 32) + (middle >> 32);
  return low ^ high;
#endif
}

enum class ProbeStatus : uint8_t { kAbsent, kFound, kStopped };

struct ProbeResult {
  ProbeStatus status;
  int code;       // kStopped: the callback's negative answer
  size_t slot;    // kFound: the slot holding the entry
  uint32_t entry; // kFound: the entry number
};

class SwissIndex {
 public:
  static constexpr size_t kNotFound = SIZE_MAX;
  // Entry numbers are uint32_t; UINT32_MAX itself is never an entry.
  static constexpr size_t kMaxEntries = UINT32_MAX;

  SwissIndex(const GroupKernels* kernels, const EntryLayout& layout) noexcept
      : kernels_(kernels), layout_(layout) {}
  ~SwissIndex() { reset(); }
  SwissIndex(const SwissIndex&) = delete;
  SwissIndex& operator=(const SwissIndex&) = delete;

  // Any engine may take over at any time: all engines compute the same layout.
  void set_kernels(const GroupKernels* kernels) { kernels_ = kernels; }
  const GroupKernels* kernels() const { return kernels_; }

  size_t size() const { return size_; }             // full slots = live entries
  size_t capacity() const { return capacity_; }     // slots: 0 or a power of two >= 16
  size_t tombstones() const { return tombstones_; }
  size_t growth_left() const { return growth_left_; }
  size_t allocated_bytes() const;

  // The entry whose key matches `probe` (kFound with slot and entry), kAbsent,
  // or kStopped with the callback's negative code. Never changes the index.
  ProbeResult find(const KeyProbe& probe) const {
    const GroupProbe found = kernels_->find(view_, layout_, mix_hash(probe.hash), probe);
    if (found.slot >= 0) {
      const auto slot = static_cast<size_t>(found.slot);
      return {ProbeStatus::kFound, 0, slot, view_.slots[slot]};
    }
    return {found.code == 0 ? ProbeStatus::kAbsent : ProbeStatus::kStopped,
            static_cast<int>(found.code), 0, 0};
  }

  // The slot holding `entry` (whose hash is `hash`), or kNotFound.
  size_t find_entry(uint64_t hash, uint32_t entry) const {
    return kernels_->find_entry_slot(view_, mix_hash(hash), entry);
  }

  // Indexes `entry`, whose key the caller has just found absent. When the
  // table has no growth left it first rebuilds from `entries` (the entries
  // already indexed; `entry` need not be among them yet): at the same
  // capacity when tombstones are most of the load, else at twice it.
  // false: out of memory, the index unchanged.
  bool insert(uint64_t hash, uint32_t entry, const EntryColumns& entries);

  // Removes the entry at `slot` (from find() or find_entry()).
  void erase(size_t slot);

  // Replaces the index by one over the live entries of `entries` (positions
  // whose identity is not null), sized for at least `min_entries` entries
  // without growing. Used after the owner renumbers its entries (compaction)
  // and to reserve. false: out of memory, the index unchanged.
  bool rebuild(const EntryColumns& entries, size_t min_entries);

  // A copy of `other`'s arrays and counts (entry numbers unchanged).
  // false: out of memory, this index unchanged.
  bool copy_from(const SwissIndex& other);

  // Frees the arrays: an empty index with no memory.
  void reset();

  // nullptr when every invariant of README.md holds against `entries`, else a
  // description of the first one broken. O(capacity); for tests.
  const char* check_invariants(const EntryColumns& entries) const;

  // The smallest capacity holding `entries` live entries within the maximum
  // load (7/8): 0 for none, else a power of two >= 16.
  static size_t capacity_for(size_t entries);

 private:
  // The arrays are this index's own; the view holds them const for the kernels.
  uint8_t* control() const { return const_cast<uint8_t*>(view_.control); }
  uint32_t* slots() const { return const_cast<uint32_t*>(view_.slots); }
  uint64_t hash_at(const EntryColumns& entries, size_t entry) const;
  bool live_at(const EntryColumns& entries, size_t entry) const;

  const GroupKernels* kernels_;
  EntryLayout layout_;
  // A table with no memory probes kEmptyGroup: all kEmpty, so every find ends
  // at once and the first insert grows. Never written while capacity_ == 0.
  IndexView view_{kEmptyGroup, nullptr, 0};
  size_t capacity_ = 0;
  size_t size_ = 0;
  size_t tombstones_ = 0;
  size_t growth_left_ = 0;

  alignas(16) static const uint8_t kEmptyGroup[kGroupWidth];
};

}  // namespace dxpy::collections
