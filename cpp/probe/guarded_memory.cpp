#include "guarded_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <new>

namespace dxpy::probe {
namespace {

size_t page_size() {
  static const size_t size = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return size;
}

std::array<GuardedMemory, static_cast<size_t>(Slot::kCount)>& regions() {
  static std::array<GuardedMemory, static_cast<size_t>(Slot::kCount)> all;
  return all;
}

}  // namespace

const char* slot_name(Slot slot) {
  switch (slot) {
    case Slot::kFirst: return "first argument";
    case Slot::kSecond: return "second argument";
    case Slot::kThird: return "third argument";
    case Slot::kOutput: return "output buffer";
    case Slot::kScratch: return "scratch buffer";
    case Slot::kCount: break;
  }
  return "?";
}

GuardedMemory::~GuardedMemory() {
  if (mapping_ != nullptr) munmap(mapping_, mapped_bytes_);
}

uint8_t* GuardedMemory::room(size_t size) {
  const size_t page = page_size();
  const size_t data_pages = (size + page - 1) / page;
  if (mapping_ == nullptr || (data_pages + 1) * page > mapped_bytes_) {
    if (mapping_ != nullptr) munmap(mapping_, mapped_bytes_);
    mapping_ = nullptr;
    // Grown in powers of two so a growing input does not remap every request.
    size_t pages = 16;
    while (pages < data_pages + 1) pages *= 2;
    void* mapped = mmap(nullptr, pages * page, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) throw std::bad_alloc();
    mapping_ = static_cast<uint8_t*>(mapped);
    mapped_bytes_ = pages * page;
    guard_ = mapping_ + mapped_bytes_ - page;
    if (mprotect(guard_, page, PROT_NONE) != 0) throw std::bad_alloc();
  }
  placed_ = size;
  uint8_t* start = guard_ - size;
  std::memset(start, 0xA5, size);
  return start;
}

const uint8_t* GuardedMemory::copy(std::span<const uint8_t> bytes) {
  uint8_t* start = room(bytes.size());
  if (!bytes.empty()) std::memcpy(start, bytes.data(), bytes.size());
  return start;
}

GuardedMemory& memory_of(Slot slot) { return regions()[static_cast<size_t>(slot)]; }

std::string describe_address(const void* address) {
  const auto* byte = static_cast<const uint8_t*>(address);
  for (size_t i = 0; i < static_cast<size_t>(Slot::kCount); ++i) {
    const GuardedMemory& region = regions()[i];
    if (region.guard() == nullptr) continue;
    if (byte >= region.guard() && byte < region.guard() + page_size()) {
      const size_t offset = region.placed_size() + static_cast<size_t>(byte - region.guard());
      return std::string("offset ") + std::to_string(offset) + " of the " +
             slot_name(static_cast<Slot>(i)) + ", whose size is " +
             std::to_string(region.placed_size());
    }
  }
  return "";
}

}  // namespace dxpy::probe
