#include "collections/swiss_index.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace dxpy::collections {
namespace {

constexpr size_t kMinCapacity = kGroupWidth;
// Arrays start on a cache line: a group's 16 control bytes never straddle one.
constexpr size_t kAlignment = 64;

// At most 7/8 of the slots are full or deleted, so every probe meets a kEmpty.
constexpr size_t max_load(size_t capacity) { return capacity - capacity / 8; }

constexpr size_t round_up(size_t bytes) {
  return (bytes + kAlignment - 1) / kAlignment * kAlignment;
}

// One block: capacity control bytes, then (from the next cache line, so that
// each group's 16 slots fill exactly one line) capacity slots.
constexpr size_t slots_offset(size_t capacity) { return round_up(capacity); }
constexpr size_t block_bytes(size_t capacity) {
  return slots_offset(capacity) + capacity * sizeof(uint32_t);
}
uint8_t* allocate_block(size_t capacity) {
  return static_cast<uint8_t*>(std::aligned_alloc(kAlignment, round_up(block_bytes(capacity))));
}

}  // namespace

alignas(16) const uint8_t SwissIndex::kEmptyGroup[kGroupWidth] = {
    kEmpty, kEmpty, kEmpty, kEmpty, kEmpty, kEmpty, kEmpty, kEmpty,
    kEmpty, kEmpty, kEmpty, kEmpty, kEmpty, kEmpty, kEmpty, kEmpty,
};

uint64_t SwissIndex::hash_at(const EntryColumns& entries, size_t entry) const {
  uint64_t hash;
  std::memcpy(&hash, entries.base + entry * layout_.stride + layout_.hash_offset, sizeof hash);
  return hash;
}

bool SwissIndex::live_at(const EntryColumns& entries, size_t entry) const {
  const void* identity;
  std::memcpy(&identity, entries.base + entry * layout_.stride + layout_.identity_offset,
              sizeof identity);
  return identity != nullptr;
}

size_t SwissIndex::allocated_bytes() const {
  return capacity_ == 0 ? 0 : round_up(block_bytes(capacity_));
}

size_t SwissIndex::capacity_for(size_t entries) {
  if (entries == 0) return 0;
  size_t capacity = kMinCapacity;
  while (max_load(capacity) < entries) capacity *= 2;
  return capacity;
}

void SwissIndex::reset() {
  if (capacity_ != 0) std::free(control());
  view_ = {kEmptyGroup, nullptr, 0};
  capacity_ = size_ = tombstones_ = growth_left_ = 0;
}

bool SwissIndex::insert(uint64_t hash, uint32_t entry, const EntryColumns& entries) {
  const uint64_t mixed = mix_hash(hash);
  size_t slot = kernels_->find_free_slot(view_, mixed);
  // A tombstone can be reused without growth; a kEmpty byte only while the
  // load stays within max_load.
  if (growth_left_ == 0 && (capacity_ == 0 || view_.control[slot] == kEmpty)) {
    const bool mostly_tombstones = (size_ + 1) * 16 <= capacity_ * 7;
    const size_t wanted = mostly_tombstones ? capacity_ : std::max(kMinCapacity, capacity_ * 2);
    if (!rebuild(entries, max_load(wanted))) return false;
    slot = kernels_->find_free_slot(view_, mixed);
  }
  if (view_.control[slot] == kEmpty) {
    --growth_left_;
  } else {
    --tombstones_;
  }
  control()[slot] = static_cast<uint8_t>(mixed & 0x7F);
  slots()[slot] = entry;
  ++size_;
  return true;
}

void SwissIndex::erase(size_t slot) {
  // A group holding a kEmpty byte has never been without one since the last
  // rebuild (bytes only turn kEmpty here, in such a group), so no probe ever
  // went on past it: the slot can become kEmpty. Otherwise a probe may have
  // passed this group on the way to a later one, and only a tombstone keeps
  // that path open.
  const size_t group_start = slot & ~(kGroupWidth - 1);
  if (kernels_->match_empty(view_.control + group_start) != 0) {
    control()[slot] = kEmpty;
    ++growth_left_;
  } else {
    control()[slot] = kDeleted;
    ++tombstones_;
  }
  --size_;
}

bool SwissIndex::rebuild(const EntryColumns& entries, size_t min_entries) {
  size_t live = 0;
  for (size_t entry = 0; entry < entries.count; ++entry) live += live_at(entries, entry);
  const size_t capacity = capacity_for(std::max(live, min_entries));
  if (capacity == 0) {
    reset();
    return true;
  }
  uint8_t* control = allocate_block(capacity);
  if (control == nullptr) return false;
  std::memset(control, kEmpty, capacity);
  uint32_t* slots = reinterpret_cast<uint32_t*>(control + slots_offset(capacity));
  const IndexView fresh{control, slots, capacity / kGroupWidth - 1};
  // Entry order reads the owner's array front to back; a fresh table has no
  // tombstones, so each entry takes the first kEmpty byte of its probe.
  for (size_t entry = 0; entry < entries.count; ++entry) {
    if (!live_at(entries, entry)) continue;
    const uint64_t mixed = mix_hash(hash_at(entries, entry));
    const size_t slot = kernels_->find_free_slot(fresh, mixed);
    control[slot] = static_cast<uint8_t>(mixed & 0x7F);
    slots[slot] = static_cast<uint32_t>(entry);
  }
  reset();
  view_ = fresh;
  capacity_ = capacity;
  size_ = live;
  growth_left_ = max_load(capacity) - live;
  return true;
}

bool SwissIndex::copy_from(const SwissIndex& other) {
  if (other.capacity_ == 0) {
    reset();
    return true;
  }
  uint8_t* control = allocate_block(other.capacity_);
  if (control == nullptr) return false;
  std::memcpy(control, other.view_.control, block_bytes(other.capacity_));
  reset();
  view_ = {control, reinterpret_cast<uint32_t*>(control + slots_offset(other.capacity_)),
           other.view_.group_mask};
  capacity_ = other.capacity_;
  size_ = other.size_;
  tombstones_ = other.tombstones_;
  growth_left_ = other.growth_left_;
  return true;
}

const char* SwissIndex::check_invariants(const EntryColumns& entries) const {
  if (capacity_ == 0) {
    if (size_ != 0 || tombstones_ != 0 || growth_left_ != 0) return "counts of an empty index";
    for (size_t entry = 0; entry < entries.count; ++entry) {
      if (live_at(entries, entry)) return "a live entry in an index with no slots";
    }
    return nullptr;
  }
  if ((capacity_ & (capacity_ - 1)) != 0 || capacity_ < kMinCapacity) return "capacity";
  size_t full = 0, deleted = 0;
  for (size_t slot = 0; slot < capacity_; ++slot) {
    const uint8_t byte = view_.control[slot];
    if (byte == kDeleted) {
      ++deleted;
    } else if (byte == kEmpty) {
      continue;
    } else if (byte >= 0x80) {
      return "a control byte that is neither kEmpty, kDeleted nor full";
    } else {
      ++full;
      const uint32_t entry = view_.slots[slot];
      if (entry >= entries.count || !live_at(entries, entry)) return "a slot names a dead entry";
      const uint64_t mixed = mix_hash(hash_at(entries, entry));
      if (byte != (mixed & 0x7F)) return "a control byte differs from its entry's h2";
      // Reachability: the probe for the entry's hash stops at this slot.
      if (find_entry(hash_at(entries, entry), entry) != slot) return "an entry its probe misses";
    }
  }
  if (full != size_) return "size differs from the full control bytes";
  if (deleted != tombstones_) return "tombstones differ from the kDeleted bytes";
  if (size_ + tombstones_ + growth_left_ != max_load(capacity_)) return "growth_left";
  size_t live = 0;
  for (size_t entry = 0; entry < entries.count; ++entry) live += live_at(entries, entry);
  // Each full slot names a distinct live entry (found at its own slot), and
  // there are as many as live entries: every live entry is indexed once.
  if (live != size_) return "live entries differ from the index's size";
  return nullptr;
}

}  // namespace dxpy::collections
