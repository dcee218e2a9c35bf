#include "kernel_timing.h"

#include <Python.h>
#include <pybind11/stl.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "collections/list_kernels.h"
#include "kernel_trace.h"
#include "simd/registry.h"
#include "strings/text_ops.h"
#include "text_argument.h"

namespace py = pybind11;

namespace dxpy::bindings {
namespace {

using Clock = std::chrono::steady_clock;

// Keeps a value alive past the optimiser: every call's answer is "used", so no
// call can be dropped or hoisted out of the loop.
template <typename T>
inline void keep(const T& value) {
#if defined(__GNUC__) || defined(__clang__)
  asm volatile("" : : "g"(value) : "memory");
#else
  static volatile T sink;
  sink = value;
#endif
}

// Runs `body` `loops` times; returns (elapsed nanoseconds, the last answer).
template <typename Body>
std::pair<int64_t, decltype(std::declval<Body>()())> timed_loop(size_t loops, Body&& body) {
  decltype(body()) answer{};
  const Clock::time_point start = Clock::now();
  for (size_t i = 0; i < loops; ++i) {
    answer = body();
    keep(answer);
  }
  const Clock::time_point end = Clock::now();
  return {std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count(), answer};
}

const simd::EngineBuild& engine_build(const std::string& name, const std::string& mode) {
  std::optional<simd::Mode> wanted;
  if (mode == "native") {
    wanted = simd::Mode::kNative;
  } else if (mode == "emulated") {
    wanted = simd::Mode::kEmulated;
  } else if (!mode.empty()) {
    throw py::value_error("mode must be 'native', 'emulated' or '', not '" + mode + "'");
  }
  std::string error;
  const simd::EngineBuild* build = simd::select_build(name, wanted, &error);
  if (build == nullptr) throw py::value_error(error);
  return *build;
}

// A read-only byte view of a buffer; the py::buffer_info holds the export.
struct ByteView {
  py::buffer_info info;
  strings::Text text() const {
    return {static_cast<const uint8_t*>(info.ptr), static_cast<size_t>(info.size * info.itemsize)};
  }
};

ByteView byte_view(const py::buffer& buffer) { return {buffer.request()}; }

class CountingSink final : public strings::PieceSink {
 public:
  bool piece(size_t, size_t) override {
    ++pieces;
    return true;
  }
  size_t pieces = 0;
};

void require_loops(int64_t loops) {
  if (loops < 1) throw py::value_error("loops must be at least 1, not " + std::to_string(loops));
}

// Peers without an engine: glibc memchr (find of one byte), memmem (find) and
// memcmp (eq), on bytes.
std::pair<int64_t, int64_t> time_libc_peer(const std::string& op, strings::Text text,
                                           strings::Text operand, size_t loops) {
  if (op == "memchr") {
    if (operand.size != 1) throw py::value_error("memchr: the operand must be one byte");
    return timed_loop(loops, [&]() -> int64_t {
      const void* found = std::memchr(text.data, operand.data[0], text.size);
      return found == nullptr ? -1 : static_cast<const uint8_t*>(found) - text.data;
    });
  }
  if (op == "memmem") {
    return timed_loop(loops, [&]() -> int64_t {
      const void* found = memmem(text.data, text.size, operand.data, operand.size);
      return found == nullptr ? -1 : static_cast<const uint8_t*>(found) - text.data;
    });
  }
  if (op == "memcmp") {
    return timed_loop(loops, [&]() -> int64_t {
      return text.size == operand.size && std::memcmp(text.data, operand.data, text.size) == 0;
    });
  }
  throw py::value_error("without an engine, op must be 'memchr', 'memmem' or 'memcmp', not '" +
                        op + "'");
}

// One text operation of an engine, `loops` times: (nanoseconds, answer). The
// answer is what CPython's method gives (find, count, eq) or the size of its
// result (lower, upper, replace: UTF-8 bytes; split: pieces).
// Untimed preparation (sizing replace's output) runs on `setup`, so a trace of
// `kernels` counts the timed calls only.
std::pair<int64_t, int64_t> time_text_op(const simd::StringKernels& kernels,
                                         const simd::StringKernels& setup, const std::string& op,
                                         strings::Text text, strings::Text operand,
                                         strings::Text replacement, strings::Encoding encoding,
                                         size_t loops) {
  if (op == "find") {
    return timed_loop(loops, [&] { return strings::find(kernels, text, operand, encoding); });
  }
  if (op == "count") {
    return timed_loop(loops, [&] {
      return static_cast<int64_t>(strings::count(kernels, text, operand, encoding));
    });
  }
  if (op == "eq") {
    return timed_loop(loops, [&]() -> int64_t {
      return text.size == operand.size && kernels.equal(text.data, operand.data, text.size);
    });
  }
  if (op == "lower" || op == "upper") {
    std::vector<uint8_t> out(strings::case_capacity(text, encoding) + 1);
    const bool lower = op == "lower";
    return timed_loop(loops, [&] {
      return static_cast<int64_t>(lower ? strings::lower(kernels, text, encoding, out.data())
                                        : strings::upper(kernels, text, encoding, out.data()));
    });
  }
  if (op == "split") {
    return timed_loop(loops, [&] {
      CountingSink sink;
      if (operand.size == 0) {
        strings::split_whitespace(kernels, text, encoding, -1, sink);
      } else {
        strings::split(kernels, text, operand, -1, sink);
      }
      return static_cast<int64_t>(sink.pieces);
    });
  }
  if (op == "replace") {
    if (operand.size == 0) throw py::value_error("replace: the timed old text must not be empty");
    strings::ReplacePlan plan{};
    if (!strings::plan_replace(setup, text, operand, replacement, encoding, -1, &plan)) {
      throw py::value_error("replace: the result's size overflows");
    }
    std::vector<uint8_t> out(plan.output_size + 1);
    return timed_loop(loops, [&] {
      strings::ReplacePlan each{};
      strings::plan_replace(kernels, text, operand, replacement, encoding, -1, &each);
      strings::write_replace(kernels, text, operand, replacement, encoding, each, out.data());
      return static_cast<int64_t>(each.output_size);
    });
  }
  throw py::value_error("op must be one of find, count, eq, lower, upper, split, replace, not '" +
                        op + "'");
}

// The encoding the bindings run `op` in (working_encoding in text_argument.h):
// an ASCII str is processed as bytes, except by split() on whitespace. `str`
// says the text is a str's UTF-8; whether it is ASCII is read off the bytes.
strings::Encoding encoding_for(const simd::StringKernels& kernels, const std::string& op,
                               strings::Text text, strings::Text operand, bool str) {
  const TextKind kind = str ? TextKind::kStr : TextKind::kBytes;
  if (op == "split" && operand.size == 0) return encoding_of(kind);
  return working_encoding(kind, kernels.ascii_prefix(text.data, text.size) == text.size);
}

py::tuple time_kernel(const std::string& op, const std::optional<std::string>& engine,
                      const std::string& mode, const py::buffer& text_buffer,
                      const py::buffer& operand_buffer, const py::buffer& replacement_buffer,
                      bool utf8, int64_t loops) {
  require_loops(loops);
  const ByteView text = byte_view(text_buffer);
  const ByteView operand = byte_view(operand_buffer);
  const ByteView replacement = byte_view(replacement_buffer);
  std::pair<int64_t, int64_t> result;
  if (!engine) {
    py::gil_scoped_release released;
    result = time_libc_peer(op, text.text(), operand.text(), static_cast<size_t>(loops));
  } else {
    const simd::EngineBuild& build = engine_build(*engine, mode);
    const strings::Encoding encoding =
        encoding_for(*build.strings, op, text.text(), operand.text(), utf8);
    py::gil_scoped_release released;
    result = time_text_op(*build.strings, *build.strings, op, text.text(), operand.text(),
                          replacement.text(), encoding, static_cast<size_t>(loops));
  }
  return py::make_tuple(result.first, result.second);
}

py::dict calls_dict(const simd::EngineBuild& build) {
  py::dict calls;
  for (const auto& [name, count] : kernel_calls(build)) calls[name] = count;
  return calls;
}

// One call of time_kernel's loop over the build's counting twin: which kernels
// it runs, how often (tests hold each C++ row to its Python row with it).
py::dict trace_kernel_loop(const std::string& op, const std::string& engine,
                           const std::string& mode, const py::buffer& text_buffer,
                           const py::buffer& operand_buffer, const py::buffer& replacement_buffer,
                           bool utf8) {
  const ByteView text = byte_view(text_buffer);
  const ByteView operand = byte_view(operand_buffer);
  const ByteView replacement = byte_view(replacement_buffer);
  const simd::EngineBuild& build = engine_build(engine, mode);
  const simd::StringKernels& traced = traced_kernels(build);
  // The encoding is chosen outside the loop, as time_kernel does; not counted.
  const strings::Encoding encoding =
      encoding_for(*build.strings, op, text.text(), operand.text(), utf8);
  reset_kernel_calls(build);
  time_text_op(traced, *build.strings, op, text.text(), operand.text(), replacement.text(),
               encoding, 1);
  return calls_dict(build);
}

py::object exact_sum_int(collections::ExactSum sum) {
  // high * 2**64 + low, through Python's arbitrary-precision ints.
  py::int_ high(sum.high);
  py::int_ shift(64);
  py::object shifted = py::reinterpret_steal<py::object>(PyNumber_Lshift(high.ptr(), shift.ptr()));
  if (!shifted) throw py::error_already_set();
  py::int_ low(sum.low);
  py::object total = py::reinterpret_steal<py::object>(PyNumber_Add(shifted.ptr(), low.ptr()));
  if (!total) throw py::error_already_set();
  return total;
}

// One list kernel on an int64 ('q') or float64 ('d') buffer: (nanoseconds,
// answer): the sum (exact int for int64), or how many elements the result has.
py::tuple time_list_kernel(const std::string& op, const std::string& engine,
                           const std::string& mode, const py::buffer& values_buffer,
                           const py::object& threshold, int64_t loops) {
  require_loops(loops);
  const simd::EngineBuild& build = engine_build(engine, mode);
  const collections::ListKernels& kernels = *build.lists;
  const py::buffer_info info = values_buffer.request();
  const bool is_int = info.format == "q" || info.format == "l";
  const bool is_float = info.format == "d";
  if (info.itemsize != 8 || (!is_int && !is_float) || info.ndim != 1 ||
      info.strides[0] != 8) {
    throw py::value_error("time_list_kernel needs a contiguous 1-D int64 or float64 buffer");
  }
  const size_t count = static_cast<size_t>(info.size);
  const size_t runs = static_cast<size_t>(loops);
  const auto* ints = static_cast<const int64_t*>(info.ptr);
  const auto* floats = static_cast<const double*>(info.ptr);
  if (op == "sum") {
    if (is_int) {
      collections::ExactSum sum{};
      int64_t elapsed = 0;
      {
        py::gil_scoped_release released;
        const Clock::time_point start = Clock::now();
        for (size_t i = 0; i < runs; ++i) {
          sum = kernels.sum_i64(ints, count);
          keep(sum.low);
        }
        elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start)
                      .count();
      }
      return py::make_tuple(elapsed, exact_sum_int(sum));
    }
    std::pair<int64_t, double> result;
    {
      py::gil_scoped_release released;
      result = timed_loop(runs, [&] { return kernels.sum_f64(floats, count); });
    }
    return py::make_tuple(result.first, result.second);
  }
  std::pair<int64_t, int64_t> result;
  if (op == "filter_gt") {
    if (is_int) {
      const int64_t limit = threshold.cast<int64_t>();
      std::unique_ptr<int64_t[]> out(new int64_t[count + 1]);
      py::gil_scoped_release released;
      result = timed_loop(runs, [&] {
        return static_cast<int64_t>(kernels.filter_gt_i64(ints, count, limit, out.get()));
      });
    } else {
      const double limit = threshold.cast<double>();
      std::unique_ptr<double[]> out(new double[count + 1]);
      py::gil_scoped_release released;
      result = timed_loop(runs, [&] {
        return static_cast<int64_t>(kernels.filter_gt_f64(floats, count, limit, out.get()));
      });
    }
  } else if (op == "map_mul2") {
    if (is_int) {
      std::unique_ptr<int64_t[]> out(new int64_t[count + 1]);
      py::gil_scoped_release released;
      result = timed_loop(runs, [&] {
        return static_cast<int64_t>(kernels.map_mul2_i64(ints, count, out.get()));
      });
    } else {
      std::unique_ptr<double[]> out(new double[count + 1]);
      py::gil_scoped_release released;
      result = timed_loop(runs, [&] {
        kernels.map_mul2_f64(floats, count, out.get());
        keep(out[count > 0 ? count - 1 : 0]);
        return static_cast<int64_t>(count);
      });
    }
  } else {
    throw py::value_error("op must be one of sum, filter_gt, map_mul2, not '" + op + "'");
  }
  return py::make_tuple(result.first, result.second);
}

}  // namespace

void register_kernel_timing(py::module_& module) {
  module.def("time_kernel", &time_kernel, py::arg("op"), py::arg("engine"), py::arg("mode"),
             py::arg("text"), py::arg("operand") = py::bytes(), py::arg("replacement") = py::bytes(),
             py::arg("utf8") = false, py::arg("loops") = 1,
             "(nanoseconds, answer) of `loops` calls of one text operation, timed in C++ "
             "with the GIL released. engine None times a libc peer: op 'memchr', 'memmem' or "
             "'memcmp'. text/operand/replacement are bytes-like; utf8 true: the text is a str's "
             "UTF-8, run in the encoding the bindings choose (an ASCII str as bytes, except "
             "split on whitespace). The answer: "
             "find's index, count's count, eq's 0/1, the result's size in bytes for "
             "lower/upper/replace, the number of pieces for split (an empty operand splits on "
             "whitespace).");
  module.def("_trace_kernel_loop", &trace_kernel_loop, py::arg("op"), py::arg("engine"),
             py::arg("mode"), py::arg("text"), py::arg("operand") = py::bytes(),
             py::arg("replacement") = py::bytes(), py::arg("utf8") = false,
             "{kernel: calls} of one pass of time_kernel's loop (testing: the C++ row "
             "runs the kernels of its Python row).");
  module.def("time_list_kernel", &time_list_kernel, py::arg("op"), py::arg("engine"),
             py::arg("mode"), py::arg("values"), py::arg("threshold") = 0,
             py::arg("loops") = 1,
             "(nanoseconds, answer) of `loops` calls of one SimdList kernel (sum, filter_gt, "
             "map_mul2) on a contiguous int64/float64 buffer, timed in C++ with the GIL "
             "released. The answer: the sum, or the result's length.");
}

}  // namespace dxpy::bindings
