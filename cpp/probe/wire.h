// The probe's wire format. Every integer and float travels little-endian,
// whatever the probe's own byte order: a big-endian probe converts each field
// explicitly, so what the kernels see is native data, built the way the
// runtime would build it there.
//
//   frame    u32 payload size, then the payload
//   request  u8 operation number, then the operation's fields
//   response u8 status (0 ok, 1 error, 2 fault: an error after which the probe
//            exits), then the fields, or one text (the error)
//   blob     u32 size, then the bytes;   text: a blob of UTF-8
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dxpy::probe {

// A request that cannot be served as sent; it becomes an error response.
class RequestError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  uint8_t u8();
  uint32_t u32();
  uint64_t u64();
  int64_t i64() { return static_cast<int64_t>(u64()); }
  double f64();
  std::span<const uint8_t> blob();
  // A whole request must be read: trailing bytes mean client and probe disagree.
  void expect_end() const;

 private:
  std::span<const uint8_t> take(size_t count);

  std::span<const uint8_t> bytes_;
  size_t position_ = 0;
};

class Writer {
 public:
  void u8(uint8_t value) { bytes_.push_back(value); }
  void u32(uint32_t value);
  void u64(uint64_t value);
  void i64(int64_t value) { u64(static_cast<uint64_t>(value)); }
  void f64(double value);
  void blob(std::span<const uint8_t> bytes);
  void text(std::string_view text);

  const std::vector<uint8_t>& bytes() const { return bytes_; }
  void clear() { bytes_.clear(); }

 private:
  std::vector<uint8_t> bytes_;
};

// Little-endian 8-byte values on the wire <-> native int64 / double in memory.
void load_values(std::span<const uint8_t> wire, void* native, size_t count);
void store_values(const void* native, size_t count, Writer& out);

}  // namespace dxpy::probe
