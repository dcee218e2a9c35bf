// The dxpy._native extension module: the engine registry and the Engine type.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "simd/registry.h"
#include "simd_list.h"
#include "guard_pages.h"
#include "kernel_timing.h"
#include "swiss_dict.h"
#include "string_methods.h"

namespace py = pybind11;

namespace dxpy::bindings {
namespace {

// A Python-visible engine: one build of the registry.
class Engine {
 public:
  explicit Engine(const simd::EngineBuild* build) : build_(build) {}
  const simd::EngineBuild& build() const { return *build_; }
  const StringKernels& kernels() const { return *build_->strings; }

 private:
  const simd::EngineBuild* build_;
};

// Turns a CPython-style result (new reference or nullptr with an exception
// set) into a pybind11 object.
py::object checked(PyObject* result) {
  if (result == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(result);
}

std::optional<simd::Mode> parse_mode(const std::optional<std::string>& mode) {
  if (!mode) return std::nullopt;
  if (*mode == "native") return simd::Mode::kNative;
  if (*mode == "emulated") return simd::Mode::kEmulated;
  throw py::value_error("mode must be 'native', 'emulated' or None, not '" + *mode + "'");
}

// One (name, isa, mode) row per engine: the build engine(name) would return.
std::vector<std::tuple<std::string, std::string, std::string>> engine_table() {
  std::vector<std::tuple<std::string, std::string, std::string>> rows;
  for (const char* name : simd::engine_names()) {
    std::string error;
    if (const simd::EngineBuild* build = simd::select_build(name, std::nullopt, &error)) {
      rows.emplace_back(build->name, build->isa, simd::mode_name(build->mode));
    }
  }
  return rows;
}

// Every compiled build that runs here: where an ISA runs natively, its
// emulated build is listed too, so tests can hold both to the oracle.
std::vector<std::tuple<std::string, std::string, std::string>> runnable_builds() {
  std::vector<std::tuple<std::string, std::string, std::string>> rows;
  for (const simd::EngineBuild& build : simd::compiled_builds()) {
    if (simd::runs_here(build)) {
      rows.emplace_back(build.name, build.isa, simd::mode_name(build.mode));
    }
  }
  return rows;
}

}  // namespace
}  // namespace dxpy::bindings

PYBIND11_MODULE(_native, module) {
  using dxpy::bindings::Engine;
  using dxpy::bindings::checked;
  namespace simd = dxpy::simd;
  namespace b = dxpy::bindings;

  module.doc() = "dxpy's native runtime: the string engines and their dispatcher.";
  // Each further component registers its own types (one line each below).
  b::register_simd_list(module);
  b::register_swiss_dict(module);
  b::register_kernel_timing(module);
  b::register_guard_pages(module);
  module.attr("_string_release_gil_bytes") = b::kStringReleaseGilBytes;

  // Engine first: the signatures of the functions below then name it.
  py::class_<Engine>(module, "Engine",
                     "A string engine. Each method answers what the str/bytes method of the "
                     "same name answers.")
      .def_property_readonly(
          "name", [](const Engine& e) { return e.build().name; },
          "The engine's name: 'scalar', 'avx2', 'avx512' or 'neon'.")
      .def_property_readonly(
          "isa", [](const Engine& e) { return e.build().isa; },
          "The instruction set the engine's kernels are written for.")
      .def_property_readonly(
          "mode", [](const Engine& e) { return simd::mode_name(e.build().mode); },
          "'native' when the CPU runs the instructions itself, 'emulated' when they are "
          "SIMDe's translation of them.")
      .def("__repr__",
           [](const Engine& e) {
             return std::string("<dxpy.Engine ") + e.build().name + " (" +
                    simd::mode_name(e.build().mode) + ")>";
           })
      .def(
          "find",
          [](const Engine& e, py::handle haystack, py::handle needle) {
            return checked(b::string_find(e.kernels(), haystack.ptr(), needle.ptr()));
          },
          py::arg("haystack"), py::arg("needle"), "haystack.find(needle)")
      .def(
          "count",
          [](const Engine& e, py::handle haystack, py::handle needle) {
            return checked(b::string_count(e.kernels(), haystack.ptr(), needle.ptr()));
          },
          py::arg("haystack"), py::arg("needle"), "haystack.count(needle)")
      .def(
          "eq",
          [](const Engine& e, py::handle a, py::handle b) {
            return checked(b::string_eq(e.kernels(), a.ptr(), b.ptr()));
          },
          py::arg("a"), py::arg("b"), "a == b, for str / bytes / bytearray")
      .def(
          "lower",
          [](const Engine& e, py::handle text) {
            return checked(b::string_lower(e.kernels(), text.ptr()));
          },
          py::arg("text"), "text.lower()")
      .def(
          "upper",
          [](const Engine& e, py::handle text) {
            return checked(b::string_upper(e.kernels(), text.ptr()));
          },
          py::arg("text"), "text.upper()")
      .def(
          "_lower_utf8",
          [](const Engine& e, py::handle text) {
            return checked(b::string_lower_utf8(e.kernels(), text.ptr()));
          },
          py::arg("text"), "text.lower() through UTF-8, never in str's storage kind (testing)")
      .def(
          "_upper_utf8",
          [](const Engine& e, py::handle text) {
            return checked(b::string_upper_utf8(e.kernels(), text.ptr()));
          },
          py::arg("text"), "text.upper() through UTF-8, never in str's storage kind (testing)")
      .def(
          "split",
          [](const Engine& e, py::handle text, py::handle sep, py::handle maxsplit) {
            return checked(b::string_split(e.kernels(), text.ptr(), sep.ptr(), maxsplit.ptr()));
          },
          py::arg("text"), py::arg("sep") = py::none(), py::arg("maxsplit") = -1,
          "text.split(sep, maxsplit)")
      .def(
          "join",
          [](const Engine& e, py::handle sep, py::handle parts) {
            return checked(b::string_join(e.kernels(), sep.ptr(), parts.ptr()));
          },
          py::arg("sep"), py::arg("parts"), "sep.join(parts)")
      .def(
          "replace",
          [](const Engine& e, py::handle text, py::handle old_text, py::handle new_text,
             py::handle count) {
            return checked(b::string_replace(e.kernels(), text.ptr(), old_text.ptr(),
                                             new_text.ptr(), count.ptr()));
          },
          py::arg("text"), py::arg("old"), py::arg("new"), py::arg("count") = -1,
          "text.replace(old, new, count)");

  module.def("engine_table", &b::engine_table,
             "(name, isa, mode) for each engine, as engine(name) would run it here.");
  module.def("runnable_builds", &b::runnable_builds,
             "(name, isa, mode) for every compiled build this machine can run, emulated "
             "builds of natively supported engines included.");
  module.def(
      "default_engine_name",
      [] {
        std::string error;
        const simd::EngineBuild* build = simd::default_build(&error);
        if (build == nullptr) throw py::value_error(error);
        return std::string(build->name);
      },
      "The dispatcher's choice: DXPY_ENGINE if set, else the best native engine.");
  module.def(
      "get_engine",
      [](const std::string& name, const std::optional<std::string>& mode) {
        std::string error;
        const simd::EngineBuild* build = simd::select_build(name, b::parse_mode(mode), &error);
        if (build == nullptr) throw py::value_error(error);
        return Engine(build);
      },
      py::arg("name"), py::arg("mode") = py::none(), "The engine called name.");
}
