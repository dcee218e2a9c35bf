// The dxpy._native extension module: the engine registry and the Engine type.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "simd/registry.h"
#include "simd_list.h"
#include "guard_pages.h"
#include "kernel_timing.h"
#include "kernel_trace.h"
#include "parse.h"
#include "swiss_dict.h"
#include "string_methods.h"

namespace py = pybind11;

namespace dxpy::bindings {
namespace {

// A Python-visible engine: one build of the registry.
// (A traced engine runs the build's counting twin: see kernel_trace.h.)
class Engine {
 public:
  explicit Engine(const simd::EngineBuild* build) : build_(build), kernels_(build->strings) {}
  Engine(const simd::EngineBuild* build, const StringKernels* kernels)
      : build_(build), kernels_(kernels) {}
  const simd::EngineBuild& build() const { return *build_; }
  const StringKernels& kernels() const { return *kernels_; }

 private:
  const simd::EngineBuild* build_;
  const StringKernels* kernels_;
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

// What CPython says when a Python method `def name(self, params...)` is called with
// arguments that do not fit it. Registered as each Engine method's last overload,
// it is reached only when the real one did not match, so pybind11's own message
// ("incompatible function arguments ... Invoked with") never shows; the call that
// fits pays nothing for it.
struct Parameters {
  const char* method;                     // "find"
  std::vector<const char*> names;         // "haystack", "needle", ...
  std::size_t required;                   // how many come first without a default
};

std::string quoted_list(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += (i + 1 == names.size()) ? (names.size() > 2 ? ", and " : " and ") : ", ";
    text += "'" + names[i] + "'";
  }
  return text;
}

[[noreturn]] void raise_arity_error(const Parameters& parameters, const py::args& args,
                                    const py::kwargs& kwargs) {
  const std::string where = std::string("Engine.") + parameters.method + "()";
  const std::size_t given = args.size();
  const std::size_t most = parameters.names.size();
  if (given > most) {
    // CPython counts self among the positional arguments of a method.
    const std::string takes =
        parameters.required == most
            ? std::to_string(most + 1)
            : "from " + std::to_string(parameters.required + 1) + " to " + std::to_string(most + 1);
    throw py::type_error(where + " takes " + takes + " positional arguments but " +
                         std::to_string(given + 1) + " were given");
  }
  std::vector<bool> bound(most, false);
  for (std::size_t i = 0; i < given; ++i) bound[i] = true;
  for (const auto& item : kwargs) {
    const std::string key = py::str(item.first);
    std::size_t index = 0;
    while (index < most && key != parameters.names[index]) ++index;
    if (index == most) {
      throw py::type_error(where + " got an unexpected keyword argument '" + key + "'");
    }
    if (bound[index]) {
      throw py::type_error(where + " got multiple values for argument '" + key + "'");
    }
    bound[index] = true;
  }
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < parameters.required; ++i) {
    if (!bound[i]) missing.emplace_back(parameters.names[i]);
  }
  if (!missing.empty()) {
    throw py::type_error(where + " missing " + std::to_string(missing.size()) +
                         " required positional argument" + (missing.size() > 1 ? "s" : "") +
                         ": " + quoted_list(missing));
  }
  // Every argument fits by count and name, so one has a type no overload takes.
  throw py::type_error(where + " got an argument of a type it does not take");
}

// The fallback overload of an Engine method (see raise_arity_error).
auto arity_fallback(Parameters parameters) {
  return [parameters](const py::object&, const py::args& args, const py::kwargs& kwargs) {
    raise_arity_error(parameters, args, kwargs);
  };
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
  b::register_parser(module);

  // Engine first: the signatures of the functions below then name it.
  py::class_<Engine> engine_class(module, "Engine",
                     "A string engine. Each method answers what the str/bytes method of the "
                     "same name answers.");
  engine_class
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
  // Last overloads: CPython's message for a call that fits no method's parameters.
  engine_class.def("find", b::arity_fallback({"find", {"haystack", "needle"}, 2}));
  engine_class.def("count", b::arity_fallback({"count", {"haystack", "needle"}, 2}));
  engine_class.def("eq", b::arity_fallback({"eq", {"a", "b"}, 2}));
  engine_class.def("lower", b::arity_fallback({"lower", {"text"}, 1}));
  engine_class.def("upper", b::arity_fallback({"upper", {"text"}, 1}));
  engine_class.def("_lower_utf8", b::arity_fallback({"_lower_utf8", {"text"}, 1}));
  engine_class.def("_upper_utf8", b::arity_fallback({"_upper_utf8", {"text"}, 1}));
  engine_class.def("split", b::arity_fallback({"split", {"text", "sep", "maxsplit"}, 1}));
  engine_class.def("join", b::arity_fallback({"join", {"sep", "parts"}, 2}));
  engine_class.def("replace", b::arity_fallback({"replace", {"text", "old", "new", "count"}, 3}));

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
  module.def(
      "_trace_kernels",
      [](const std::string& name, const std::string& mode, const py::function& call) {
        std::string error;
        const simd::EngineBuild* build = simd::select_build(name, b::parse_mode(mode), &error);
        if (build == nullptr) throw py::value_error(error);
        b::reset_kernel_calls(*build);
        py::object result = call(Engine(build, &b::traced_kernels(*build)));
        py::dict calls;
        for (const auto& [kernel, count] : b::kernel_calls(*build)) calls[kernel] = count;
        return py::make_tuple(result, calls);
      },
      py::arg("name"), py::arg("mode"), py::arg("call"),
      "(call(engine), {kernel: calls}): call gets the engine over its build's counting "
      "twin (testing: a benchmark row runs the kernels its label names).");
}
