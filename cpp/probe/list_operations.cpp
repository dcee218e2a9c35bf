// SimdList's kernels (collections/list_kernels.h) on int64 / float64 arrays
// sent little-endian and laid out natively before the call.
#include <bit>
#include <cstring>

#include "guarded_memory.h"
#include "operations.h"

namespace dxpy::probe {
namespace {

using collections::ListKernels;

// The values of a request as a native array ending at the first slot's guard
// page (8-byte aligned, as a SimdList's storage is).
template <class Value>
struct Values {
  const Value* data;
  size_t count;
};

template <class Value>
Values<Value> values_from(Reader& request) {
  const auto wire = request.blob();
  if (wire.size() % 8 != 0) throw RequestError("values are not a whole number of 8-byte lanes");
  const size_t count = wire.size() / 8;
  auto* native = memory_of(Slot::kFirst).room(wire.size());
  load_values(wire, native, count);
  return {reinterpret_cast<const Value*>(native), count};
}

template <class Value>
Value* output_for(size_t count) {
  return reinterpret_cast<Value*>(memory_of(Slot::kOutput).room(count * sizeof(Value)));
}

const ListKernels& kernels_from(Reader& request) { return *build_from(request).lists; }

void serve_sum_i64(Reader& request, Writer& response) {
  const auto& kernels = kernels_from(request);
  const auto values = values_from<int64_t>(request);
  request.expect_end();
  const collections::ExactSum sum = kernels.sum_i64(values.data, values.count);
  response.u64(sum.low);
  response.i64(sum.high);
}

void serve_sum_f64(Reader& request, Writer& response) {
  const auto& kernels = kernels_from(request);
  const auto values = values_from<double>(request);
  request.expect_end();
  response.f64(kernels.sum_f64(values.data, values.count));
}

void serve_filter_gt_i64(Reader& request, Writer& response) {
  const auto& kernels = kernels_from(request);
  const auto values = values_from<int64_t>(request);
  const int64_t threshold = request.i64();
  request.expect_end();
  // Exactly `count` values of room: a vector store past it faults.
  int64_t* out = output_for<int64_t>(values.count);
  const size_t kept = kernels.filter_gt_i64(values.data, values.count, threshold, out);
  if (kept > values.count) throw RequestError("filter_gt_i64 kept more values than it was given");
  store_values(out, kept, response);
}

void serve_filter_gt_f64(Reader& request, Writer& response) {
  const auto& kernels = kernels_from(request);
  const auto values = values_from<double>(request);
  const double threshold = request.f64();
  request.expect_end();
  double* out = output_for<double>(values.count);
  const size_t kept = kernels.filter_gt_f64(values.data, values.count, threshold, out);
  if (kept > values.count) throw RequestError("filter_gt_f64 kept more values than it was given");
  store_values(out, kept, response);
}

void serve_map_mul2_i64(Reader& request, Writer& response) {
  const auto& kernels = kernels_from(request);
  const auto values = values_from<int64_t>(request);
  request.expect_end();
  int64_t* out = output_for<int64_t>(values.count);
  const size_t stopped_at = kernels.map_mul2_i64(values.data, values.count, out);
  response.u64(stopped_at);
  // A stopped map's output is partial and, as in the bindings, dropped.
  store_values(out, stopped_at == values.count ? values.count : 0, response);
}

void serve_map_mul2_f64(Reader& request, Writer& response) {
  const auto& kernels = kernels_from(request);
  const auto values = values_from<double>(request);
  request.expect_end();
  double* out = output_for<double>(values.count);
  kernels.map_mul2_f64(values.data, values.count, out);
  store_values(out, values.count, response);
}

// A search kernel: a member of ListKernels that points to a function.
template <class Value>
using SearchKernel = size_t (*ListKernels::*)(const Value*, size_t, Value);

template <class Value, SearchKernel<Value> kernel>
void serve_search_kernel(Reader& request, Writer& response) {
  const auto& kernels = kernels_from(request);
  const auto values = values_from<Value>(request);
  const uint64_t wanted_bits = request.u64();
  request.expect_end();
  response.u64((kernels.*kernel)(values.data, values.count, std::bit_cast<Value>(wanted_bits)));
}

constexpr Operation kOperations[] = {
    {"sum_i64", serve_sum_i64},
    {"sum_f64", serve_sum_f64},
    {"filter_gt_i64", serve_filter_gt_i64},
    {"filter_gt_f64", serve_filter_gt_f64},
    {"map_mul2_i64", serve_map_mul2_i64},
    {"map_mul2_f64", serve_map_mul2_f64},
    {"index_i64", serve_search_kernel<int64_t, &ListKernels::index_i64>},
    {"index_f64", serve_search_kernel<double, &ListKernels::index_f64>},
    {"count_i64", serve_search_kernel<int64_t, &ListKernels::count_i64>},
    {"count_f64", serve_search_kernel<double, &ListKernels::count_f64>},
};

}  // namespace

std::span<const Operation> list_operations() { return kOperations; }

}  // namespace dxpy::probe
