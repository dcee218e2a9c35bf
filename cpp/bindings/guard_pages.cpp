#include "guard_pages.h"

#include <Python.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>

namespace dxpy::bindings {
namespace {

namespace py = pybind11;

// One mapping: [guard page][data pages][guard page], the data against one
// guard. The signal handler reads the slots without locks: `begin` is
// published last (release) and cleared first, so a slot it sees is complete.
struct Region {
  std::atomic<uintptr_t> begin{0};  // 0: the slot is free
  size_t mapped = 0;
  uintptr_t data = 0;
  size_t size = 0;
  std::atomic<bool> faulted{false};
  std::atomic<intptr_t> fault_offset{0};
};

constexpr size_t kSlots = 512;
Region regions[kSlots];
size_t page = 0;
struct sigaction previous_action;
bool handler_installed = false;

void on_fault(int signal, siginfo_t* info, void* /*context*/) {
  const auto address = reinterpret_cast<uintptr_t>(info->si_addr);
  for (Region& region : regions) {
    const uintptr_t begin = region.begin.load(std::memory_order_acquire);
    if (begin == 0 || address < begin || address >= begin + region.mapped) continue;
    // Only the guard pages are inaccessible: open this one and let the access
    // complete, so the property (not the process) reports it.
    mprotect(reinterpret_cast<void*>(address & ~(page - 1)), page, PROT_READ | PROT_WRITE);
    if (!region.faulted.exchange(true)) {
      region.fault_offset.store(static_cast<intptr_t>(address - region.data));
    }
    return;
  }
  // Not ours: the instruction faults again under the handler installed before.
  sigaction(signal, &previous_action, nullptr);
}

void install_handler() {
  if (handler_installed) return;
  page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  struct sigaction action {};
  action.sa_sigaction = on_fault;
  action.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  struct sigaction installed {};
  if (sigaction(SIGSEGV, &action, &previous_action) != 0 ||
      sigaction(SIGSEGV, nullptr, &installed) != 0 || installed.sa_sigaction != on_fault) {
    // AddressSanitizer keeps SIGSEGV for itself unless told otherwise.
    throw std::runtime_error(
        "cannot install the guard-page SIGSEGV handler (under AddressSanitizer set "
        "ASAN_OPTIONS=allow_user_segv_handler=1)");
  }
  handler_installed = true;
}

Region* place(const void* bytes, size_t size, bool at_start) {
  install_handler();
  Region* slot = nullptr;
  for (Region& region : regions) {
    if (region.begin.load(std::memory_order_relaxed) == 0 && region.mapped == 0) {
      slot = &region;
      break;
    }
  }
  if (slot == nullptr) throw std::runtime_error("more than 512 guarded storages at once");
  const size_t data_pages = size == 0 ? 1 : (size + page - 1) / page;
  const size_t mapped = (data_pages + 2) * page;
  void* mapping = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapping == MAP_FAILED) throw std::bad_alloc();
  auto* begin = static_cast<uint8_t*>(mapping);
  mprotect(begin, page, PROT_NONE);
  mprotect(begin + mapped - page, page, PROT_NONE);
  uint8_t* data = at_start ? begin + page : begin + mapped - page - size;
  if (size != 0) std::memcpy(data, bytes, size);
  slot->mapped = mapped;
  slot->data = reinterpret_cast<uintptr_t>(data);
  slot->size = size;
  slot->faulted.store(false);
  slot->begin.store(reinterpret_cast<uintptr_t>(begin), std::memory_order_release);
  return slot;
}

void unplace(Region* region) {
  const uintptr_t begin = region->begin.exchange(0);
  munmap(reinterpret_cast<void*>(begin), region->mapped);
  region->mapped = 0;
}

// The storage of one bytearray or non-compact str, moved into guarded regions.
class GuardedStorage {
 public:
  GuardedStorage(py::object object, bool at_start) : object_(std::move(object)) {
    PyObject* raw = object_.ptr();
    if (PyByteArray_Check(raw)) {
      auto* array = reinterpret_cast<PyByteArrayObject*>(raw);
      saved_bytes_ = array->ob_bytes;
      saved_start_ = array->ob_start;
      data_ = place(PyByteArray_AS_STRING(raw), static_cast<size_t>(Py_SIZE(raw)), at_start);
      array->ob_bytes = array->ob_start = reinterpret_cast<char*>(data_->data);
      ++array->ob_exports;  // no resize (it would realloc the mapping) until release
    } else if (PyUnicode_Check(raw) && !PyUnicode_IS_COMPACT(raw)) {
      auto* text = reinterpret_cast<PyUnicodeObject*>(raw);
      auto& compact = text->_base;
      is_str_ = true;
      saved_data_ = text->data.any;
      saved_utf8_ = compact.utf8;
      saved_utf8_length_ = compact.utf8_length;
#if PY_VERSION_HEX < 0x030C0000
      saved_wstr_ = compact._base.wstr;
#endif
      const size_t size =
          static_cast<size_t>(PyUnicode_GET_LENGTH(raw)) * static_cast<size_t>(PyUnicode_KIND(raw));
      data_ = place(saved_data_, size, at_start);
      void* data = reinterpret_cast<void*>(data_->data);
      if (saved_utf8_ == saved_data_) {
        compact.utf8 = static_cast<char*>(data);  // ASCII: the characters are the UTF-8
      } else {
        py::bytes encoded = py::reinterpret_steal<py::bytes>(
            PyUnicode_AsEncodedString(raw, "utf-8", "surrogatepass"));
        if (!encoded) throw py::error_already_set();
        utf8_ = place(PyBytes_AS_STRING(encoded.ptr()), static_cast<size_t>(PyBytes_GET_SIZE(encoded.ptr())),
                      at_start);
        compact.utf8 = reinterpret_cast<char*>(utf8_->data);
        compact.utf8_length = static_cast<Py_ssize_t>(utf8_->size);
      }
#if PY_VERSION_HEX < 0x030C0000
      if (saved_wstr_ == saved_data_) compact._base.wstr = static_cast<wchar_t*>(data);
#endif
      text->data.any = data;
    } else {
      throw py::type_error(
          "GuardedStorage takes a bytearray or a str subclass instance (whose characters are "
          "kept outside the object), not " + std::string(Py_TYPE(raw)->tp_name));
    }
    held_ = true;
  }
  ~GuardedStorage() { release(); }
  GuardedStorage(const GuardedStorage&) = delete;
  GuardedStorage& operator=(const GuardedStorage&) = delete;

  void release() {
    if (!held_) return;
    held_ = false;
    PyObject* raw = object_.ptr();
    if (is_str_) {
      auto* text = reinterpret_cast<PyUnicodeObject*>(raw);
      text->data.any = saved_data_;
      text->_base.utf8 = saved_utf8_;
      text->_base.utf8_length = saved_utf8_length_;
#if PY_VERSION_HEX < 0x030C0000
      text->_base._base.wstr = saved_wstr_;
#endif
    } else {
      auto* array = reinterpret_cast<PyByteArrayObject*>(raw);
      array->ob_bytes = saved_bytes_;
      array->ob_start = saved_start_;
      --array->ob_exports;
    }
    for (Region* region : {data_, utf8_}) {
      if (region != nullptr) {
        fault_ = fault_ ? fault_ : fault_of(region, region == utf8_ ? "UTF-8 form" : "storage");
        unplace(region);
      }
    }
    data_ = utf8_ = nullptr;
  }

  // (which storage, offset from its start, its size) of the first access
  // outside the data, or None.
  py::object fault() const {
    auto found = fault_;
    for (Region* region : {data_, utf8_}) {
      if (!found && region != nullptr) {
        found = fault_of(region, region == utf8_ ? "UTF-8 form" : "storage");
      }
    }
    if (!found) return py::none();
    return py::make_tuple(std::get<0>(*found), std::get<1>(*found), std::get<2>(*found));
  }

  py::object value() const { return object_; }

 private:
  using Fault = std::tuple<std::string, int64_t, size_t>;
  static std::optional<Fault> fault_of(const Region* region, const char* what) {
    if (!region->faulted.load()) return std::nullopt;
    return Fault{what, static_cast<int64_t>(region->fault_offset.load()), region->size};
  }

  py::object object_;
  bool held_ = false;
  bool is_str_ = false;
  Region* data_ = nullptr;
  Region* utf8_ = nullptr;
  std::optional<Fault> fault_;
  char* saved_bytes_ = nullptr;
  char* saved_start_ = nullptr;
  void* saved_data_ = nullptr;
  char* saved_utf8_ = nullptr;
  Py_ssize_t saved_utf8_length_ = 0;
  [[maybe_unused]] wchar_t* saved_wstr_ = nullptr;
};

}  // namespace

void register_guard_pages(py::module_& module) {
  py::class_<GuardedStorage>(module, "GuardedStorage",
                             "A bytearray's or str subclass instance's storage placed against "
                             "an inaccessible page (testing; see guard_pages.h)")
      .def(py::init<py::object, bool>(), py::arg("object"), py::arg("at_start") = false)
      .def_property_readonly("value", &GuardedStorage::value)
      .def_property_readonly("fault", &GuardedStorage::fault)
      .def("release", &GuardedStorage::release);
}

}  // namespace dxpy::bindings
