#include "string_methods.h"

#include <cstring>
#include <utility>
#include <vector>

#include "strings/text_ops.h"
#include "gil.h"
#include "text_argument.h"
#include "unicode/case_mapping.h"

namespace dxpy::bindings {
namespace {

// The inputs of a kernel that runs without the GIL are immutable (str,
// bytes) or pinned by a buffer export (bytearray cannot resize while
// exported), so other threads cannot change them meanwhile.
constexpr size_t kReleaseGilBytes = kStringReleaseGilBytes;


// Scratch memory from the Python allocator, freed on scope exit.
class Scratch {
 public:
  explicit Scratch(size_t size) : data_(static_cast<uint8_t*>(PyMem_Malloc(size ? size : 1))) {
    if (data_ == nullptr) PyErr_NoMemory();
  }
  ~Scratch() { PyMem_Free(data_); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  uint8_t* data() const { return data_; }

 private:
  uint8_t* data_;
};

constexpr const char* kBytesLikeRequired = "a bytes-like object is required, not '%.100s'";

// A new bytes / bytearray of `size` uninitialised bytes.
PyObject* new_binary(TextKind kind, size_t size, uint8_t** data) {
  PyObject* result = kind == TextKind::kByteArray
                         ? PyByteArray_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(size))
                         : PyBytes_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(size));
  if (result == nullptr) return nullptr;
  *data = reinterpret_cast<uint8_t*>(kind == TextKind::kByteArray ? PyByteArray_AS_STRING(result)
                                                                  : PyBytes_AS_STRING(result));
  return result;
}

PyObject* new_ascii_str(size_t size, uint8_t** data) {
  PyObject* result = PyUnicode_New(static_cast<Py_ssize_t>(size), 127);
  if (result != nullptr) *data = static_cast<uint8_t*>(PyUnicode_DATA(result));
  return result;
}

PyObject* str_from_utf8(const uint8_t* data, size_t size) {
  return PyUnicode_DecodeUTF8(reinterpret_cast<const char*>(data), static_cast<Py_ssize_t>(size),
                              "surrogatepass");
}

bool haystack_argument(PyObject* object, const char* method, TextKind* kind, TextArgument* out) {
  if (!haystack_kind(object, method, kind)) return false;
  return *kind == TextKind::kStr ? out->set_str(object) : out->set_buffer(object);
}

// The needle of find/count: for bytes it may also be an int in range(256).
bool needle_argument(PyObject* object, TextKind kind, uint8_t* single_byte, TextArgument* out,
                     Text* needle) {
  if (kind != TextKind::kStr && !PyUnicode_Check(object) && !PyObject_CheckBuffer(object) &&
      PyIndex_Check(object)) {
    const Py_ssize_t value = PyNumber_AsSsize_t(object, nullptr);
    if (value == -1 && PyErr_Occurred()) return false;
    if (value < 0 || value > 255) {
      PyErr_SetString(PyExc_ValueError, "byte must be in range(0, 256)");
      return false;
    }
    *single_byte = static_cast<uint8_t>(value);
    *needle = {single_byte, 1};
    return true;
  }
  if (kind != TextKind::kStr && (PyUnicode_Check(object) || !PyObject_CheckBuffer(object))) {
    PyErr_Format(PyExc_TypeError, "argument should be integer or bytes-like object, not '%.100s'",
                 type_name(object));
    return false;
  }
  if (!same_family_argument(object, kind, "substring argument", kBytesLikeRequired, out)) {
    return false;
  }
  *needle = out->text();
  return true;
}

}  // namespace

PyObject* string_find(const StringKernels& kernels, PyObject* haystack, PyObject* needle) {
  TextKind kind;
  TextArgument text, needle_view;
  uint8_t single_byte = 0;
  Text needle_text;
  if (!haystack_argument(haystack, "find", &kind, &text) ||
      !needle_argument(needle, kind, &single_byte, &needle_view, &needle_text)) {
    return nullptr;
  }
  int64_t found;
  {
    GilReleasedFor unlocked(text.text().size, kReleaseGilBytes);
    found = strings::find(kernels, text.text(), needle_text,
                          working_encoding(kind, text.ascii()));
  }
  return PyLong_FromLongLong(found);
}

PyObject* string_count(const StringKernels& kernels, PyObject* haystack, PyObject* needle) {
  TextKind kind;
  TextArgument text, needle_view;
  uint8_t single_byte = 0;
  Text needle_text;
  if (!haystack_argument(haystack, "count", &kind, &text) ||
      !needle_argument(needle, kind, &single_byte, &needle_view, &needle_text)) {
    return nullptr;
  }
  size_t total;
  {
    GilReleasedFor unlocked(text.text().size, kReleaseGilBytes);
    total = strings::count(kernels, text.text(), needle_text,
                           working_encoding(kind, text.ascii()));
  }
  return PyLong_FromSize_t(total);
}

PyObject* string_eq(const StringKernels& kernels, PyObject* a, PyObject* b) {
  const bool a_str = PyUnicode_Check(a);
  const bool b_str = PyUnicode_Check(b);
  for (PyObject* object : {a, b}) {
    if (!PyUnicode_Check(object) && !PyBytes_Check(object) && !PyByteArray_Check(object)) {
      PyErr_Format(PyExc_TypeError, "eq() arguments must be str, bytes or bytearray, not %.100s",
                   type_name(object));
      return nullptr;
    }
  }
  if (a_str != b_str) Py_RETURN_FALSE;  // str == bytes is False in Python
  TextArgument first, second;
  if (a_str) {
    // Equal strings have equal lengths and equal widest characters, so these
    // checks reject without encoding; the rest compares UTF-8 bytes.
    if (PyUnicode_GET_LENGTH(a) != PyUnicode_GET_LENGTH(b) ||
        PyUnicode_IS_ASCII(a) != PyUnicode_IS_ASCII(b)) {
      Py_RETURN_FALSE;
    }
    if (!first.set_str(a) || !second.set_str(b)) return nullptr;
  } else if (!first.set_buffer(a) || !second.set_buffer(b)) {
    return nullptr;
  }
  if (first.text().size != second.text().size) Py_RETURN_FALSE;
  bool same;
  {
    GilReleasedFor unlocked(first.text().size, kReleaseGilBytes);
    same = kernels.equal(first.text().data, second.text().data, first.text().size);
  }
  return PyBool_FromLong(same);
}

namespace {

using CaseMapping = size_t (*)(const StringKernels&, Text, Encoding, uint8_t*);

// A non-ASCII str mapped in its own storage kind, without a UTF-8 round
// trip; nullptr with no exception set when a mapped character does not fit the
// kind, and the caller takes the UTF-8 path.
PyObject* map_case_in_kind(PyObject* object, bool lower) {
  const size_t length = static_cast<size_t>(PyUnicode_GET_LENGTH(object));
  const int kind = PyUnicode_KIND(object);
  Scratch scratch(3 * length * static_cast<size_t>(kind));
  if (scratch.data() == nullptr) return nullptr;
  size_t written = 0;
  bool mapped;
  {
    GilReleasedFor unlocked(length * static_cast<size_t>(kind), kReleaseGilBytes);
    mapped = unicode::map_fixed_width(lower, static_cast<unsigned>(kind), PyUnicode_DATA(object),
                                      length, scratch.data(), &written);
  }
  if (!mapped) return nullptr;
  // Stores the result in the narrowest kind its characters allow, as str must.
  return PyUnicode_FromKindAndData(kind, scratch.data(), static_cast<Py_ssize_t>(written));
}

// The general path: bytes and ASCII str byte for byte, other str through
// UTF-8 (the runtime's own string form, and the fallback of map_case_in_kind).
PyObject* map_case_bytewise_or_utf8(const StringKernels& kernels, PyObject* object,
                                    const char* method, CaseMapping mapping) {
  TextKind kind;
  TextArgument text;
  if (!haystack_argument(object, method, &kind, &text)) return nullptr;
  const Text input = text.text();
  uint8_t* data = nullptr;
  if (working_encoding(kind, text.ascii()) == Encoding::kBytes) {
    // Byte for byte: write straight into the result object.
    PyObject* result = kind == TextKind::kStr ? new_ascii_str(input.size, &data)
                                              : new_binary(kind, input.size, &data);
    if (result == nullptr) return nullptr;
    GilReleasedFor unlocked(input.size, kReleaseGilBytes);
    mapping(kernels, input, Encoding::kBytes, data);
    return result;
  }
  Scratch scratch(strings::case_capacity(input, Encoding::kUtf8));
  if (scratch.data() == nullptr) return nullptr;
  size_t size;
  {
    GilReleasedFor unlocked(input.size, kReleaseGilBytes);
    size = mapping(kernels, input, Encoding::kUtf8, scratch.data());
  }
  return str_from_utf8(scratch.data(), size);
}

PyObject* map_case(const StringKernels& kernels, PyObject* object, const char* method,
                   CaseMapping mapping) {
  if (PyUnicode_Check(object) && !PyUnicode_IS_ASCII(object)) {
    if (PyObject* result = map_case_in_kind(object, mapping == &strings::lower)) return result;
    if (PyErr_Occurred()) return nullptr;
  }
  return map_case_bytewise_or_utf8(kernels, object, method, mapping);
}

}  // namespace

PyObject* string_lower(const StringKernels& kernels, PyObject* text) {
  return map_case(kernels, text, "lower", strings::lower);
}

PyObject* string_upper(const StringKernels& kernels, PyObject* text) {
  return map_case(kernels, text, "upper", strings::upper);
}

PyObject* string_lower_utf8(const StringKernels& kernels, PyObject* text) {
  return map_case_bytewise_or_utf8(kernels, text, "lower", strings::lower);
}

PyObject* string_upper_utf8(const StringKernels& kernels, PyObject* text) {
  return map_case_bytewise_or_utf8(kernels, text, "upper", strings::upper);
}

namespace {

// Appends each piece of split() to a list as an object of the haystack's kind.
class PieceListSink final : public strings::PieceSink {
 public:
  PieceListSink(const StringKernels& kernels, TextKind kind, const TextArgument& text,
                PyObject* list)
      : kernels_(kernels), kind_(kind), text_(text), list_(list) {}

  bool piece(size_t begin, size_t end) override {
    PyObject* item = make_piece(begin, end);
    if (item == nullptr) return false;
    const int appended = PyList_Append(list_, item);
    Py_DECREF(item);
    return appended == 0;
  }

 private:
  PyObject* make_piece(size_t begin, size_t end) {
    const uint8_t* data = text_.text().data;
    uint8_t* out = nullptr;
    if (kind_ != TextKind::kStr) {
      PyObject* item = new_binary(kind_, end - begin, &out);
      if (item != nullptr && end > begin) std::memcpy(out, data + begin, end - begin);
      return item;
    }
    // A str piece: ASCII pieces (all of them in ASCII text, most words in
    // mixed text) are copied into a new ASCII str; others are decoded.
    const size_t length = end - begin;
    if (text_.ascii() || kernels_.ascii_prefix(data + begin, length) == length) {
      // One-character strings are CPython's cached singletons.
      if (length == 1) return PyUnicode_FromOrdinal(data[begin]);
      PyObject* item = new_ascii_str(length, &out);
      if (item != nullptr && length != 0) std::memcpy(out, data + begin, length);
      return item;
    }
    return str_from_utf8(data + begin, length);
  }

  const StringKernels& kernels_;
  TextKind kind_;
  const TextArgument& text_;
  PyObject* list_;
};

// Records the pieces' bounds only, so the scan can run without the GIL; the
// pieces become objects once it is taken back.
class PieceBoundsSink final : public strings::PieceSink {
 public:
  bool piece(size_t begin, size_t end) override {
    bounds.emplace_back(begin, end);
    return true;
  }
  std::vector<std::pair<size_t, size_t>> bounds;
};

}  // namespace

PyObject* string_split(const StringKernels& kernels, PyObject* object, PyObject* separator,
                       PyObject* maxsplit_object) {
  TextKind kind;
  TextArgument text, separator_view;
  Py_ssize_t maxsplit = -1;
  if (!haystack_argument(object, "split", &kind, &text)) return nullptr;
  const bool by_whitespace = separator == nullptr || separator == Py_None;
  if (!by_whitespace &&
      !same_family_argument(separator, kind, "split() separator", kBytesLikeRequired,
                            &separator_view)) {
    if (kind == TextKind::kStr && PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "must be str or None, not %.100s", type_name(separator));
    }
    return nullptr;
  }
  if (maxsplit_object != nullptr && !index_argument(maxsplit_object, &maxsplit)) return nullptr;
  if (!by_whitespace && separator_view.text().size == 0) {
    PyErr_SetString(PyExc_ValueError, "empty separator");
    return nullptr;
  }
  if (kind == TextKind::kStr && !by_whitespace &&
      (PyUnicode_GET_LENGTH(object) < PyUnicode_GET_LENGTH(separator) ||
       PyUnicode_KIND(object) < PyUnicode_KIND(separator))) {
    // CPython's str.split answers a text that cannot hold its separator
    // (shorter, or of a narrower storage kind) with a list of the text
    // itself, a str subclass instance included.
    PyObject* alone = PyList_New(1);
    if (alone != nullptr) {
      Py_INCREF(object);
      PyList_SET_ITEM(alone, 0, object);
    }
    return alone;
  }
  PyObject* list = PyList_New(0);
  if (list == nullptr) return nullptr;
  PieceListSink sink(kernels, kind, text, list);
  const auto scan = [&](strings::PieceSink& pieces) {
    return by_whitespace
               // str whitespace includes \x1c..\x1f even in ASCII text: keep the str rules.
               ? strings::split_whitespace(kernels, text.text(), encoding_of(kind), maxsplit,
                                           pieces)
               : strings::split(kernels, text.text(), separator_view.text(), maxsplit, pieces);
  };
  bool done;
  if (text.text().size >= kReleaseGilBytes) {
    PieceBoundsSink bounds;
    {
      GilReleasedFor unlocked(text.text().size, kReleaseGilBytes);
      done = scan(bounds);
    }
    for (size_t i = 0; done && i < bounds.bounds.size(); ++i) {
      done = sink.piece(bounds.bounds[i].first, bounds.bounds[i].second);
    }
  } else {
    done = scan(sink);
  }
  if (!done) {
    Py_DECREF(list);
    return nullptr;
  }
  return list;
}

namespace {

// Views of join()'s parts. Exact str and bytes are read in place (the
// sequence keeps them alive); surrogate strings and other bytes-like objects
// need a view of their own, kept in `owned`.
class JoinParts {
 public:
  // The views live in a per-thread vector kept between calls: a join of a
  // million words then costs no fresh allocation and no page faults. A
  // re-entrant join (a __buffer__ written in Python may run one) gets its own.
  JoinParts() : texts_(shared_in_use() ? local_ : shared()) {
    if (&texts_ == &shared()) shared_in_use() = true;
  }
  ~JoinParts() {
    if (&texts_ != &shared()) return;
    texts_.clear();
    if (texts_.capacity() > kKeptCapacity) std::vector<Text>().swap(texts_);
    shared_in_use() = false;
  }
  JoinParts(const JoinParts&) = delete;
  JoinParts& operator=(const JoinParts&) = delete;

  bool collect(PyObject* sequence, TextKind kind) {
    const Py_ssize_t count = PySequence_Fast_GET_SIZE(sequence);
    PyObject** items = PySequence_Fast_ITEMS(sequence);
    texts_.resize(static_cast<size_t>(count));
    for (Py_ssize_t i = 0; i < count; ++i) {
      if (!view(items[i], kind, i, &texts_[static_cast<size_t>(i)])) return false;
    }
    return true;
  }
  const std::vector<Text>& texts() const { return texts_; }
  bool ascii() const { return ascii_; }

 private:
  bool view(PyObject* item, TextKind kind, Py_ssize_t index, Text* text) {
    if (kind == TextKind::kStr) {
      if (!PyUnicode_Check(item)) {
        PyErr_Format(PyExc_TypeError, "sequence item %zd: expected str instance, %.80s found",
                     index, type_name(item));
        return false;
      }
      if (PyUnicode_IS_ASCII(item)) {
        *text = {static_cast<const uint8_t*>(PyUnicode_DATA(item)),
                 static_cast<size_t>(PyUnicode_GET_LENGTH(item))};
        return true;
      }
      ascii_ = false;
      Py_ssize_t size = 0;
      if (const char* utf8 = PyUnicode_AsUTF8AndSize(item, &size); utf8 != nullptr) {
        *text = {reinterpret_cast<const uint8_t*>(utf8), static_cast<size_t>(size)};
        return true;  // CPython caches this encoding in the string itself
      }
      if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) return false;
      PyErr_Clear();
      return owned_view(item, true, text);  // lone surrogates
    }
    if (PyBytes_CheckExact(item)) {
      *text = {reinterpret_cast<const uint8_t*>(PyBytes_AS_STRING(item)),
               static_cast<size_t>(PyBytes_GET_SIZE(item))};
      return true;
    }
    if (PyUnicode_Check(item) || !PyObject_CheckBuffer(item) || !owned_view(item, false, text)) {
      if (PyErr_Occurred() && !PyErr_ExceptionMatches(PyExc_BufferError)) return false;
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "sequence item %zd: expected a bytes-like object, %.80s found",
                   index, type_name(item));
      return false;
    }
    return true;
  }

  bool owned_view(PyObject* item, bool is_str, Text* text) {
    owned_.emplace_back();
    TextArgument& argument = owned_.back();
    if (!(is_str ? argument.set_str(item) : argument.set_buffer(item))) return false;
    *text = argument.text();
    return true;
  }

  static constexpr size_t kKeptCapacity = size_t{1} << 22;  // 64 MiB of views
  static std::vector<Text>& shared() {
    thread_local std::vector<Text> texts;
    return texts;
  }
  static bool& shared_in_use() {
    thread_local bool in_use = false;
    return in_use;
  }

  std::vector<Text> local_;
  std::vector<Text>& texts_;
  std::vector<TextArgument> owned_;
  bool ascii_ = true;
};

}  // namespace

PyObject* string_join(const StringKernels& /*kernels*/, PyObject* separator, PyObject* parts) {
  TextKind kind;
  TextArgument separator_view;
  if (!haystack_argument(separator, "join", &kind, &separator_view)) return nullptr;
  PyObject* sequence = PySequence_Fast(parts, "can only join an iterable");
  if (sequence == nullptr) return nullptr;
  // Exact str and bytes parts are read in place, kept alive by the sequence:
  // only a sequence no other thread can change (a tuple, or the list made
  // here from another iterable) lets the copy run without the GIL. A list
  // the caller passed is copied with the GIL held.
  const bool immutable = !PyList_CheckExact(parts);
  PyObject* result = nullptr;
  {
    JoinParts collected;
    size_t size = 0;
    if (!collected.collect(sequence, kind)) {
      // the exception is set
    } else if (!strings::joined_size(separator_view.text(), collected.texts(), &size) ||
               size > static_cast<size_t>(PY_SSIZE_T_MAX)) {
      PyErr_SetString(PyExc_OverflowError, "join() result is too long");
    } else if (kind != TextKind::kStr || (separator_view.ascii() && collected.ascii())) {
      uint8_t* data = nullptr;
      result = kind == TextKind::kStr ? new_ascii_str(size, &data) : new_binary(kind, size, &data);
      if (result != nullptr) {
        GilReleasedFor unlocked(immutable ? size : 0, kReleaseGilBytes);
        strings::write_join(separator_view.text(), collected.texts(), data);
      }
    } else {
      Scratch scratch(size);
      if (scratch.data() != nullptr) {
        {
          GilReleasedFor unlocked(immutable ? size : 0, kReleaseGilBytes);
          strings::write_join(separator_view.text(), collected.texts(), scratch.data());
        }
        result = str_from_utf8(scratch.data(), size);
      }
    }
  }  // views released before the sequence that keeps their objects alive
  Py_DECREF(sequence);
  return result;
}

PyObject* string_replace(const StringKernels& kernels, PyObject* object, PyObject* old_object,
                         PyObject* new_object, PyObject* count_object) {
  TextKind kind;
  TextArgument text, old_view, new_view;
  Py_ssize_t count = -1;
  if (!haystack_argument(object, "replace", &kind, &text) ||
      !same_family_argument(old_object, kind, "replace() argument 1", kBytesLikeRequired,
                            &old_view) ||
      !same_family_argument(new_object, kind, "replace() argument 2", kBytesLikeRequired,
                            &new_view) ||
      (count_object != nullptr && !index_argument(count_object, &count))) {
    return nullptr;
  }
  const Encoding encoding = working_encoding(kind, text.ascii());
  strings::ReplacePlan plan;
  bool planned;
  {
    GilReleasedFor unlocked(text.text().size, kReleaseGilBytes);
    planned = strings::plan_replace(kernels, text.text(), old_view.text(), new_view.text(),
                                    encoding, count, &plan);
  }
  if (!planned || plan.output_size > static_cast<size_t>(PY_SSIZE_T_MAX)) {
    PyErr_SetString(PyExc_OverflowError, "replace string is too long");
    return nullptr;
  }
  if (plan.replacements == 0 && (PyUnicode_CheckExact(object) || PyBytes_CheckExact(object))) {
    Py_INCREF(object);  // as CPython: an immutable text with nothing to replace is returned
    return object;
  }
  uint8_t* data = nullptr;
  if (kind != TextKind::kStr || (text.ascii() && new_view.ascii())) {
    PyObject* result = kind == TextKind::kStr ? new_ascii_str(plan.output_size, &data)
                                              : new_binary(kind, plan.output_size, &data);
    if (result == nullptr) return nullptr;
    GilReleasedFor unlocked(plan.output_size, kReleaseGilBytes);
    strings::write_replace(kernels, text.text(), old_view.text(), new_view.text(), encoding, plan,
                           data);
    return result;
  }
  Scratch scratch(plan.output_size);
  if (scratch.data() == nullptr) return nullptr;
  {
    GilReleasedFor unlocked(plan.output_size, kReleaseGilBytes);
    strings::write_replace(kernels, text.text(), old_view.text(), new_view.text(), encoding, plan,
                           scratch.data());
  }
  return str_from_utf8(scratch.data(), plan.output_size);
}

}  // namespace dxpy::bindings
