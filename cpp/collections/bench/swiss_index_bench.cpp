// Native benchmark: the Swiss index (with a dense int64 entry array, as
// SwissDict keeps one) against std::unordered_map<int64_t, int64_t>, for
// insert, lookup hit, lookup miss and erase of N keys (default 1M), on every
// engine build that runs here. No Python involved.
//
//   cmake -DDXPY_BUILD_NATIVE_BENCH=ON ... && ninja swiss_index_bench
//   ./swiss_index_bench [N] [rounds]
//
// Keys are distinct random int64 values; a key's hash is the key itself (as
// Python hashes small ints), which the index mixes and std::hash does not.
// Each figure is the best of `rounds` runs, in nanoseconds per operation.
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "collections/swiss_index.h"
#include "simd/registry.h"

namespace {

using dxpy::collections::EntryColumns;
using dxpy::collections::EntryLayout;
using dxpy::collections::KeyProbe;
using dxpy::collections::ProbeStatus;
using dxpy::collections::SwissIndex;

struct Entry {
  uint64_t hash;
  const void* identity;  // non-null while live (the index's hole marker)
  int64_t key;
  int64_t value;
};

// The smallest owner of a SwissIndex: a dense entry array with holes.
class IntMap {
 public:
  explicit IntMap(const dxpy::collections::GroupKernels* kernels)
      : index_(kernels, EntryLayout{sizeof(Entry), offsetof(Entry, hash),
                                    offsetof(Entry, identity)}) {}

  bool insert(int64_t key, int64_t value) {
    const uint64_t hash = static_cast<uint64_t>(key);
    if (find(key) >= 0) return false;
    const auto entry = static_cast<uint32_t>(entries_.size());
    if (!index_.insert(hash, entry, columns())) std::abort();
    entries_.push_back({hash, &kLive, key, value});
    return true;
  }
  // The entry number of key, or -1.
  int64_t find(int64_t key) const {
    const auto result = probe(key);
    return result.status == ProbeStatus::kFound ? static_cast<int64_t>(result.entry) : -1;
  }
  bool erase(int64_t key) {
    const auto result = probe(key);
    if (result.status != ProbeStatus::kFound) return false;
    index_.erase(result.slot);
    entries_[result.entry].identity = nullptr;
    return true;
  }
  int64_t value(int64_t entry) const { return entries_[static_cast<size_t>(entry)].value; }

 private:
  static constexpr char kLive = 0;

  struct Wanted {
    const Entry* entries;
    int64_t key;
  };
  // Keys have no identity of their own here: equal hashes are decided by value.
  static int equals(void* context, uint32_t entry) {
    const auto& wanted = *static_cast<const Wanted*>(context);
    return wanted.entries[entry].key == wanted.key;
  }
  dxpy::collections::ProbeResult probe(int64_t key) const {
    Wanted wanted{entries_.data(), key};
    return index_.find({static_cast<uint64_t>(key), nullptr,
                        reinterpret_cast<const std::byte*>(entries_.data()), equals, &wanted});
  }
  EntryColumns columns() const {
    return {reinterpret_cast<const std::byte*>(entries_.data()), entries_.size()};
  }

  SwissIndex index_;
  std::vector<Entry> entries_;
};

// The best time per op of `rounds` runs of body(state), state = setup() untimed.
template <class Setup, class Body>
double best_ns_per_op(int rounds, size_t ops, Setup&& setup, Body&& body) {
  double best = 1e30;
  for (int round = 0; round < rounds; ++round) {
    auto state = setup();
    const auto start = std::chrono::steady_clock::now();
    body(state);
    const std::chrono::duration<double, std::nano> elapsed =
        std::chrono::steady_clock::now() - start;
    best = std::min(best, elapsed.count() / static_cast<double>(ops));
  }
  return best;
}

volatile int64_t sink;
int no_setup() { return 0; }

struct Times {
  double insert, hit, miss, erase;
};

Times bench_swiss(const dxpy::simd::EngineBuild& build, const std::vector<int64_t>& keys,
                  const std::vector<int64_t>& probes, const std::vector<int64_t>& absent,
                  int rounds) {
  Times times{};
  times.insert = best_ns_per_op(
      rounds, keys.size(), [&] { return std::make_unique<IntMap>(build.groups); },
      [&](auto& map) {
        for (int64_t key : keys) map->insert(key, key);
      });
  IntMap map(build.groups);
  for (int64_t key : keys) map.insert(key, key);
  times.hit = best_ns_per_op(rounds, probes.size(), no_setup, [&](int) {
    uint64_t sum = 0;  // wraps: only there so the lookups are not optimised away
    for (int64_t key : probes) sum += static_cast<uint64_t>(map.value(map.find(key)));
    sink = static_cast<int64_t>(sum);
  });
  times.miss = best_ns_per_op(rounds, absent.size(), no_setup, [&](int) {
    int64_t found = 0;
    for (int64_t key : absent) found += map.find(key) >= 0;
    sink = found;
  });
  times.erase = best_ns_per_op(
      rounds, probes.size(),
      [&] {
        auto doomed = std::make_unique<IntMap>(build.groups);
        for (int64_t key : keys) doomed->insert(key, key);
        return doomed;
      },
      [&](auto& doomed) {
        for (int64_t key : probes) doomed->erase(key);
      });
  return times;
}

Times bench_unordered(const std::vector<int64_t>& keys, const std::vector<int64_t>& probes,
                      const std::vector<int64_t>& absent, int rounds) {
  Times times{};
  times.insert = best_ns_per_op(
      rounds, keys.size(), [] { return std::make_unique<std::unordered_map<int64_t, int64_t>>(); },
      [&](auto& map) {
        for (int64_t key : keys) map->emplace(key, key);
      });
  std::unordered_map<int64_t, int64_t> map;
  for (int64_t key : keys) map.emplace(key, key);
  times.hit = best_ns_per_op(rounds, probes.size(), no_setup, [&](int) {
    uint64_t sum = 0;
    for (int64_t key : probes) sum += static_cast<uint64_t>(map.find(key)->second);
    sink = static_cast<int64_t>(sum);
  });
  times.miss = best_ns_per_op(rounds, absent.size(), no_setup, [&](int) {
    int64_t found = 0;
    for (int64_t key : absent) found += map.find(key) != map.end();
    sink = found;
  });
  times.erase = best_ns_per_op(
      rounds, probes.size(),
      [&] {
        auto doomed = std::make_unique<std::unordered_map<int64_t, int64_t>>();
        for (int64_t key : keys) doomed->emplace(key, key);
        return doomed;
      },
      [&](auto& doomed) {
        for (int64_t key : probes) doomed->erase(key);
      });
  return times;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  std::mt19937_64 random(42);
  std::vector<int64_t> keys, absent;
  std::unordered_map<int64_t, bool> seen;
  while (keys.size() < count) {
    const auto key = static_cast<int64_t>(random() >> 1);
    if (seen.emplace(key, true).second) keys.push_back(key);
  }
  while (absent.size() < count) {
    const auto key = static_cast<int64_t>(random() >> 1);
    if (!seen.count(key)) absent.push_back(key);
  }
  std::vector<int64_t> probes = keys;
  std::shuffle(probes.begin(), probes.end(), random);

  // Correctness first: every engine's map agrees with std::unordered_map.
  for (const auto& build : dxpy::simd::compiled_builds()) {
    if (!dxpy::simd::runs_here(build)) continue;
    IntMap map(build.groups);
    for (int64_t key : keys) map.insert(key, key);
    for (size_t i = 0; i < count; i += 2) map.erase(probes[i]);
    for (size_t i = 0; i < count; ++i) {
      const bool present = map.find(probes[i]) >= 0;
      if (present != (i % 2 == 1) || map.find(absent[i]) >= 0) {
        std::fprintf(stderr, "%s (%s): wrong answer for key %" PRId64 "\n", build.name,
                     dxpy::simd::mode_name(build.mode), probes[i]);
        return 1;
      }
    }
  }

  std::printf("%zu int64 keys, best of %d rounds, ns per operation\n", count, rounds);
  std::printf("%-28s %9s %9s %9s %9s\n", "", "insert", "hit", "miss", "erase");
  const Times baseline = bench_unordered(keys, probes, absent, rounds);
  std::printf("%-28s %9.1f %9.1f %9.1f %9.1f\n", "std::unordered_map", baseline.insert,
              baseline.hit, baseline.miss, baseline.erase);
  for (const auto& build : dxpy::simd::compiled_builds()) {
    if (!dxpy::simd::runs_here(build)) continue;
    const Times t = bench_swiss(build, keys, probes, absent, rounds);
    const std::string label =
        std::string("SwissIndex ") + build.name + " (" + dxpy::simd::mode_name(build.mode) + ")";
    std::printf("%-28s %9.1f %9.1f %9.1f %9.1f   (x%.1f %.1f %.1f %.1f vs unordered_map)\n",
                label.c_str(), t.insert, t.hit, t.miss, t.erase, baseline.insert / t.insert,
                baseline.hit / t.hit, baseline.miss / t.miss, baseline.erase / t.erase);
  }
  return 0;
}
