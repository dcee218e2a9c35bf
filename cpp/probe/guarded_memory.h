// Argument and result memory that ends at an inaccessible page.
//
// Every kernel promises never to read or write outside its inputs and
// outputs. Under qemu there is no AddressSanitizer, so the probe places each
// argument (and each output buffer) so that its last byte is the last byte
// before a PROT_NONE page: one byte too far faults at once, and the fault
// handler (probe_main.cpp) names the argument and how far past its end the
// access went. Start addresses then vary with the size, as unaligned as the
// sizes make them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace dxpy::probe {

// The argument slots of one request; each has its own guarded region.
enum class Slot : uint8_t { kFirst, kSecond, kThird, kOutput, kScratch, kCount };

const char* slot_name(Slot slot);

class GuardedMemory {
 public:
  GuardedMemory() = default;
  ~GuardedMemory();
  GuardedMemory(const GuardedMemory&) = delete;
  GuardedMemory& operator=(const GuardedMemory&) = delete;

  // `size` writable bytes ending at the guard page (filled with 0xA5, so an
  // output read before it is written shows up as such); the start address.
  uint8_t* room(size_t size);
  // A copy of `bytes`, placed as room() places it.
  const uint8_t* copy(std::span<const uint8_t> bytes);

  // Where this region's guard page starts, and the size last placed before it.
  const uint8_t* guard() const { return guard_; }
  size_t placed_size() const { return placed_; }

 private:
  uint8_t* mapping_ = nullptr;
  size_t mapped_bytes_ = 0;
  uint8_t* guard_ = nullptr;
  size_t placed_ = 0;
};

// The regions of every slot, reused from request to request.
GuardedMemory& memory_of(Slot slot);

// Where a faulting address lies: "offset 19 of the first argument, whose size
// is 17", or "" when it is in no slot's guard page.
std::string describe_address(const void* address);

}  // namespace dxpy::probe
