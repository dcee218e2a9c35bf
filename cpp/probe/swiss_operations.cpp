// SwissDict's index without Python: one engine's control-byte group
// primitives, and a SwissIndex over int64 keys driven by a program of steps,
// its invariants checked after every step.
#include <cstddef>
#include <string>
#include <vector>

#include "collections/swiss_index.h"
#include "guarded_memory.h"
#include "operations.h"

namespace dxpy::probe {
namespace {

using collections::EntryColumns;
using collections::EntryLayout;
using collections::KeyProbe;
using collections::ProbeStatus;
using collections::SwissIndex;

void serve_group_match(Reader& request, Writer& response) {
  const auto& build = build_from(request);
  const auto group_bytes = request.blob();
  const uint8_t h2 = request.u8();
  request.expect_end();
  if (group_bytes.size() != collections::kGroupWidth) {
    throw RequestError("a group is 16 control bytes, not " + std::to_string(group_bytes.size()));
  }
  const uint8_t* group = memory_of(Slot::kFirst).copy(group_bytes);
  response.u32(build.groups->match(group, h2));
  response.u32(build.groups->match_empty(group));
  response.u32(build.groups->match_empty_or_deleted(group));
}

// An owner of a SwissIndex as SwissDict is one: a dense entry array with
// holes, keys compared through the index's callback.
struct Entry {
  uint64_t hash;
  const void* identity;  // null: a hole (an erased entry)
  int64_t key;
};

constexpr char kLive = 0;

class IntKeyTable {
 public:
  explicit IntKeyTable(const collections::GroupKernels* kernels)
      : index_(kernels, EntryLayout{sizeof(Entry), offsetof(Entry, hash),
                                    offsetof(Entry, identity)}) {}

  collections::ProbeResult find(int64_t key, uint64_t hash) const {
    Wanted wanted{entries_.data(), key};
    return index_.find({hash, nullptr, reinterpret_cast<const std::byte*>(entries_.data()),
                        equals, &wanted});
  }
  // The new entry's number; the caller has found the key absent.
  uint32_t insert(int64_t key, uint64_t hash) {
    const auto entry = static_cast<uint32_t>(entries_.size());
    if (!index_.insert(hash, entry, columns())) throw RequestError("insert: out of memory");
    entries_.push_back({hash, &kLive, key});
    return entry;
  }
  void erase(size_t slot, uint32_t entry) {
    index_.erase(slot);
    entries_[entry].identity = nullptr;
  }
  // Drops the holes, renumbering the live entries in order, and rebuilds.
  size_t compact() {
    std::vector<Entry> live;
    for (const Entry& entry : entries_) {
      if (entry.identity != nullptr) live.push_back(entry);
    }
    entries_.swap(live);
    if (!index_.rebuild(columns(), entries_.size())) throw RequestError("rebuild: out of memory");
    return entries_.size();
  }
  void reserve(size_t entries) {
    if (!index_.rebuild(columns(), entries)) throw RequestError("reserve: out of memory");
  }
  void clear() {
    index_.reset();
    entries_.clear();
  }
  const char* broken_invariant() const { return index_.check_invariants(columns()); }
  size_t slot_of(uint32_t entry) const { return index_.find_entry(entries_[entry].hash, entry); }
  const SwissIndex& index() const { return index_; }

 private:
  struct Wanted {
    const Entry* entries;
    int64_t key;
  };
  static int equals(void* context, uint32_t entry) {
    const auto& wanted = *static_cast<const Wanted*>(context);
    return wanted.entries[entry].key == wanted.key ? 1 : 0;
  }
  EntryColumns columns() const {
    return {reinterpret_cast<const std::byte*>(entries_.data()), entries_.size()};
  }

  SwissIndex index_;
  std::vector<Entry> entries_;
};

enum class Step : uint8_t { kInsert, kFind, kErase, kCompact, kReserve, kClear };

// Steps: (u8 step, i64 key, u64 hash). Each answers (i64 entry, i64 slot):
// the entry found, inserted or erased (-1: the key was absent; insert of a
// present key answers the present entry) and its slot; compact answers the
// live count and -1; steps after a broken invariant are not run and answer
// (-1, -1). Then: u8 1 and the index's counts, or u8 0, the failing
// step and the invariant it broke.
void serve_index_program(Reader& request, Writer& response) {
  const auto& build = build_from(request);
  const uint32_t steps = request.u32();
  IntKeyTable table(build.groups);
  std::string broken;
  uint32_t failed_step = 0;
  for (uint32_t step = 0; step < steps; ++step) {
    const uint8_t kind = request.u8();
    const int64_t key = request.i64();
    const uint64_t hash = request.u64();
    int64_t entry = -1;
    int64_t slot = -1;
    if (!broken.empty()) {  // a broken index answers nothing more
      response.i64(entry);
      response.i64(slot);
      continue;
    }
    const auto found = table.find(key, hash);
    const bool present = found.status == ProbeStatus::kFound;
    switch (static_cast<Step>(kind)) {
      case Step::kInsert:
        entry = present ? found.entry : table.insert(key, hash);
        slot = static_cast<int64_t>(table.slot_of(static_cast<uint32_t>(entry)));
        break;
      case Step::kFind:
        if (present) {
          entry = found.entry;
          slot = static_cast<int64_t>(found.slot);
        }
        break;
      case Step::kErase:
        if (present) {
          entry = found.entry;
          slot = static_cast<int64_t>(found.slot);
          table.erase(found.slot, found.entry);
        }
        break;
      case Step::kCompact:
        entry = static_cast<int64_t>(table.compact());
        break;
      case Step::kReserve:
        table.reserve(static_cast<size_t>(key));
        break;
      case Step::kClear:
        table.clear();
        break;
      default:
        throw RequestError("unknown index step " + std::to_string(kind));
    }
    response.i64(entry);
    response.i64(slot);
    if (const char* message = table.broken_invariant(); message != nullptr && broken.empty()) {
      broken = message;
      failed_step = step;
    }
  }
  request.expect_end();
  if (!broken.empty()) {
    response.u8(0);
    response.u32(failed_step);
    response.text(broken);
    return;
  }
  const SwissIndex& index = table.index();
  response.u8(1);
  response.u64(index.size());
  response.u64(index.capacity());
  response.u64(index.tombstones());
  response.u64(index.growth_left());
}

constexpr Operation kOperations[] = {
    {"group_match", serve_group_match},
    {"index_program", serve_index_program},
};

}  // namespace

std::span<const Operation> swiss_operations() { return kOperations; }

}  // namespace dxpy::probe
