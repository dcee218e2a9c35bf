// One growing arena per parse: nodes, sequences and decoded strings are bump
// allocated from blocks and freed all at once with the arena, so a parse costs
// a handful of mallocs, not one per node. Everything allocated here must be
// trivially destructible (the AST types are): no destructor is ever run.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <vector>

#include "parser/ast_nodes.h"

namespace dxpy::parser {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Raw storage, aligned to `align` (a power of two no larger than 16).
  void* allocate(std::size_t size, std::size_t align = alignof(std::max_align_t)) {
    std::size_t start = (used_ + align - 1) & ~(align - 1);
    if (blocks_.empty() || start + size > capacity_) {
      grow(size + align);
      start = (used_ + align - 1) & ~(align - 1);
    }
    used_ = start + size;
    return blocks_.back().get() + start;
  }

  template <class T, class... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>);
    return new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  // A sequence copied from a temporary vector (the parser collects items in
  // std::vector scratch space, then freezes them here).
  template <class T>
  ast::Seq<T> seq(const T* items, std::size_t count) {
    ast::Seq<T> out;
    if (count == 0) return out;
    out.items = static_cast<T*>(allocate(sizeof(T) * count, alignof(T)));
    std::memcpy(static_cast<void*>(out.items), items, sizeof(T) * count);
    out.size = static_cast<std::uint32_t>(count);
    return out;
  }
  template <class T>
  ast::Seq<T> seq(const std::vector<T>& items) { return seq(items.data(), items.size()); }

  std::string_view copy(std::string_view text) {
    if (text.empty()) return std::string_view("", 0);
    char* data = static_cast<char*>(allocate(text.size(), 1));
    std::memcpy(data, text.data(), text.size());
    return std::string_view(data, text.size());
  }

  std::size_t bytes_reserved() const { return reserved_; }

 private:
  void grow(std::size_t at_least) {
    // Blocks double up to 1 MiB so small parses stay small and big ones make
    // few blocks; an oversized request gets a block of its own size.
    std::size_t size = next_block_size_;
    if (next_block_size_ < (std::size_t{1} << 20)) next_block_size_ *= 2;
    if (size < at_least) size = at_least;
    // operator new[] storage is aligned for any fundamental type.
    blocks_.emplace_back(new std::byte[size]);
    capacity_ = size;
    used_ = 0;
    reserved_ += size;
  }

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::size_t capacity_ = 0;
  std::size_t used_ = 0;
  std::size_t next_block_size_ = 16 * 1024;
  std::size_t reserved_ = 0;
};

}  // namespace dxpy::parser
