#include "wire.h"

#include <bit>
#include <cstring>

namespace dxpy::probe {
namespace {

uint64_t little_endian_at(const uint8_t* bytes, size_t size) {
  uint64_t value = 0;
  for (size_t i = size; i-- > 0;) value = (value << 8) | bytes[i];
  return value;
}

}  // namespace

std::span<const uint8_t> Reader::take(size_t count) {
  if (count > bytes_.size() - position_) {
    throw RequestError("request ends early: wanted " + std::to_string(count) + " bytes at offset " +
                       std::to_string(position_) + " of " + std::to_string(bytes_.size()));
  }
  const auto taken = bytes_.subspan(position_, count);
  position_ += count;
  return taken;
}

uint8_t Reader::u8() { return take(1)[0]; }

uint32_t Reader::u32() { return static_cast<uint32_t>(little_endian_at(take(4).data(), 4)); }

uint64_t Reader::u64() { return little_endian_at(take(8).data(), 8); }

double Reader::f64() { return std::bit_cast<double>(u64()); }

std::span<const uint8_t> Reader::blob() { return take(u32()); }

void Reader::expect_end() const {
  if (position_ != bytes_.size()) {
    throw RequestError(std::to_string(bytes_.size() - position_) +
                       " bytes left over after the request's fields");
  }
}

void Writer::u32(uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) bytes_.push_back(static_cast<uint8_t>(value >> shift));
}

void Writer::u64(uint64_t value) {
  for (int shift = 0; shift < 64; shift += 8) bytes_.push_back(static_cast<uint8_t>(value >> shift));
}

void Writer::f64(double value) { u64(std::bit_cast<uint64_t>(value)); }

void Writer::blob(std::span<const uint8_t> bytes) {
  if (bytes.size() > UINT32_MAX) throw RequestError("a response field over 4 GiB");
  u32(static_cast<uint32_t>(bytes.size()));
  bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
}

void Writer::text(std::string_view text) {
  blob({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
}

void load_values(std::span<const uint8_t> wire, void* native, size_t count) {
  auto* out = static_cast<uint8_t*>(native);
  for (size_t i = 0; i < count; ++i) {
    const uint64_t value = little_endian_at(wire.data() + 8 * i, 8);
    std::memcpy(out + 8 * i, &value, 8);
  }
}

void store_values(const void* native, size_t count, Writer& out) {
  const auto* in = static_cast<const uint8_t*>(native);
  out.u32(static_cast<uint32_t>(count * 8));
  for (size_t i = 0; i < count; ++i) {
    uint64_t value;
    std::memcpy(&value, in + 8 * i, 8);
    out.u64(value);
  }
}

}  // namespace dxpy::probe
