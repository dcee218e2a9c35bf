// SwissDict's storage and type slots: lookup, insertion, removal, GC and the
// mapping protocol. See swiss_dict.h for the layout.
#include "swiss_dict.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <string>
#include <utility>

#if PY_VERSION_HEX < 0x030B0000
#include <longintrepr.h>  // ob_digit; Python.h includes it from 3.11 on
#endif

namespace dxpy::bindings::swiss_dict {
namespace {

using collections::EntryColumns;
using collections::KeyProbe;
using collections::ProbeResult;
using collections::ProbeStatus;

// The index reads each entry's hash, and its key pointer as identity word
// (null in a hole).
constexpr collections::EntryLayout kEntryLayout{sizeof(Entry), offsetof(Entry, hash),
                                                offsetof(Entry, key)};
using collections::SwissIndex;

constexpr Py_ssize_t kMinEntries = 8;
// An __eq__ that changes the dict on every call would restart a lookup
// forever; CPython loops, we give up with RuntimeError.
constexpr int kMaxRestarts = 1000;
// A callback's answer for "the dict's keys changed while __eq__ ran".
constexpr int kKeysChanged = -2;

EntryColumns columns(const Entry* entries, Py_ssize_t count) {
  return {reinterpret_cast<const std::byte*>(entries), static_cast<size_t>(count)};
}
EntryColumns columns(const Object* self) { return columns(self->entries, self->used); }

struct LookupContext {
  Object* self;
  PyObject* key;
  uint64_t key_version;
};

// stored == key through Python (stored first, as dict does). The stored key
// is held while __eq__ runs, which may remove it from the dict.
int equals_any(void* context, uint32_t entry) {
  const auto& lookup = *static_cast<LookupContext*>(context);
  PyObject* stored = Py_NewRef(lookup.self->entries[entry].key);
  const int equal = PyObject_RichCompareBool(stored, lookup.key, Py_EQ);
  const bool changed = lookup.self->key_version != lookup.key_version;
  Py_DECREF(stored);  // only the last reference when `changed`: nothing is read after
  if (equal < 0) return -1;
  return changed ? kKeysChanged : equal;
}

// Two exact str with equal hashes: equal iff the same code points, which in
// CPython's canonical representation means same length, kind and bytes.
int equals_str(void* context, uint32_t entry) {
  const auto& lookup = *static_cast<LookupContext*>(context);
  PyObject* stored = lookup.self->entries[entry].key;
  if (!PyUnicode_CheckExact(stored)) return equals_any(context, entry);
  PyObject* key = lookup.key;
  const Py_ssize_t length = PyUnicode_GET_LENGTH(stored);
  const int kind = PyUnicode_KIND(stored);
  return length == PyUnicode_GET_LENGTH(key) && kind == static_cast<int>(PyUnicode_KIND(key)) &&
         std::memcmp(PyUnicode_DATA(stored), PyUnicode_DATA(key),
                     static_cast<size_t>(length) * static_cast<size_t>(kind)) == 0;
}

// Two exact ints: their digits (no foreign code can run).
int equals_int(void* context, uint32_t entry) {
  const auto& lookup = *static_cast<LookupContext*>(context);
  PyObject* stored = lookup.self->entries[entry].key;
  if (!PyLong_CheckExact(stored)) return equals_any(context, entry);
#if PY_VERSION_HEX >= 0x030C0000
  auto* a = reinterpret_cast<PyLongObject*>(stored);
  auto* b = reinterpret_cast<PyLongObject*>(lookup.key);
  if (PyUnstable_Long_IsCompact(a) && PyUnstable_Long_IsCompact(b)) {
    return PyUnstable_Long_CompactValue(a) == PyUnstable_Long_CompactValue(b);
  }
  return PyObject_RichCompareBool(stored, lookup.key, Py_EQ);
#else
  const Py_ssize_t size = Py_SIZE(stored);
  if (size != Py_SIZE(lookup.key)) return 0;
  return std::memcmp(reinterpret_cast<PyLongObject*>(stored)->ob_digit,
                     reinterpret_cast<PyLongObject*>(lookup.key)->ob_digit,
                     static_cast<size_t>(size < 0 ? -size : size) * sizeof(digit)) == 0;
#endif
}

// Makes room for one more entry at position `used`: reuses the holes when
// they are a quarter of the array (renumbering the entries, so the index is
// rebuilt), else doubles the array (entry numbers unchanged).
int make_room(Object* self) {
  if (self->length * 4 <= self->used * 3) {
    const Py_ssize_t allocated =
        std::max(kMinEntries, std::min(self->allocated, self->length * 2));
    auto* entries = static_cast<Entry*>(PyMem_Malloc(sizeof(Entry) * allocated));
    if (entries == nullptr) return PyErr_NoMemory(), -1;
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < self->used; ++i) {
      if (self->entries[i].key != nullptr) entries[kept++] = self->entries[i];
    }
    if (!self->index.rebuild(columns(entries, kept), static_cast<size_t>(kept) + 1)) {
      PyMem_Free(entries);
      return PyErr_NoMemory(), -1;
    }
    PyMem_Free(self->entries);
    self->entries = entries;
    self->used = kept;
    self->allocated = allocated;
    ++self->renumberings;
  } else {
    if (static_cast<size_t>(self->allocated) >= SwissIndex::kMaxEntries) {
      PyErr_SetString(PyExc_OverflowError, "SwissDict holds at most 2**32 - 1 entries");
      return -1;
    }
    const size_t wanted = std::max<size_t>(kMinEntries, static_cast<size_t>(self->allocated) * 2);
    const auto allocated = static_cast<Py_ssize_t>(std::min(wanted, SwissIndex::kMaxEntries));
    auto* entries =
        static_cast<Entry*>(PyMem_Realloc(self->entries, sizeof(Entry) * allocated));
    if (entries == nullptr) return PyErr_NoMemory(), -1;
    self->entries = entries;
    self->allocated = allocated;
  }
  ++self->key_version;
  return 0;
}

}  // namespace

void set_key_error(PyObject* key) {
  PyObject* args = PyTuple_Pack(1, key);
  if (args == nullptr) return;
  PyErr_SetObject(PyExc_KeyError, args);
  Py_DECREF(args);
}

int lookup(Object* self, PyObject* key, Py_hash_t hash, Found* found) {
  int (*equals)(void*, uint32_t) = PyUnicode_CheckExact(key) ? equals_str
                                   : PyLong_CheckExact(key)  ? equals_int
                                                             : equals_any;
  for (int attempt = 0; attempt <= kMaxRestarts; ++attempt) {
    LookupContext context{self, key, self->key_version};
    const KeyProbe probe{static_cast<uint64_t>(hash), key,
                         reinterpret_cast<const std::byte*>(self->entries), equals, &context};
    const ProbeResult result = self->index.find(probe);
    if (result.status == ProbeStatus::kFound) {
      *found = {static_cast<Py_ssize_t>(result.entry), result.slot};
      return 1;
    }
    if (result.status == ProbeStatus::kAbsent) return 0;
    if (result.code != kKeysChanged) return -1;
  }
  PyErr_SetString(PyExc_RuntimeError,
                  "SwissDict changed during every lookup of a key (its __eq__ keeps mutating it)");
  return -1;
}

int insert_new(Object* self, PyObject* key, Py_hash_t hash, PyObject* value) {
  if (self->used == self->allocated && make_room(self) < 0) return -1;
  const auto entry = static_cast<uint32_t>(self->used);
  if (!self->index.insert(static_cast<uint64_t>(hash), entry, columns(self))) {
    PyErr_NoMemory();
    return -1;
  }
  self->entries[entry] = {hash, Py_NewRef(key), Py_NewRef(value)};
  ++self->used;
  ++self->length;
  ++self->key_version;
  return 0;
}

int set_item(Object* self, PyObject* key, Py_hash_t hash, PyObject* value) {
  Found found;
  const int present = lookup(self, key, hash, &found);
  if (present < 0) return -1;
  if (present == 0) return insert_new(self, key, hash, value);
  // The first key object stays; only the value changes (as in dict).
  PyObject* old = self->entries[found.entry].value;
  self->entries[found.entry].value = Py_NewRef(value);
  Py_DECREF(old);
  return 0;
}

void take_entry(Object* self, Found found, PyObject** key, PyObject** value) {
  self->index.erase(found.slot);
  Entry& entry = self->entries[found.entry];
  *key = entry.key;
  *value = entry.value;
  entry.key = entry.value = nullptr;
  --self->length;
  ++self->key_version;
  // The hole stays, even a trailing one, as in dict: an iterator that has
  // passed it must see a key added next as a new entry past its position
  // (dict's "keys changed during iteration"). Only popitem gives positions back.
}

void clear(Object* self) {
  Entry* entries = self->entries;
  const Py_ssize_t used = self->used;
  self->entries = nullptr;
  self->used = self->allocated = self->length = 0;
  self->index.reset();
  ++self->key_version;
  for (Py_ssize_t i = 0; i < used; ++i) {
    Py_XDECREF(entries[i].key);
    Py_XDECREF(entries[i].value);
  }
  PyMem_Free(entries);
}

Object* new_empty(PyTypeObject* type, const simd::EngineBuild* engine) {
  auto* self = reinterpret_cast<Object*>(type->tp_alloc(type, 0));
  if (self == nullptr) return nullptr;
  new (&self->index) SwissIndex(engine->groups, kEntryLayout);
  self->entries = nullptr;
  self->used = self->allocated = self->length = 0;
  self->key_version = 0;
  self->renumberings = 0;
  self->engine = engine;
  return self;
}

PyObject* copy(Object* source) {
  Object* result = new_empty(&Type, source->engine);
  if (result == nullptr) return nullptr;
  const Py_ssize_t length = source->length;
  if (length == 0) return reinterpret_cast<PyObject*>(result);
  auto* entries = static_cast<Entry*>(PyMem_Malloc(sizeof(Entry) * std::max(length, kMinEntries)));
  if (entries == nullptr) {
    Py_DECREF(result);
    return PyErr_NoMemory();
  }
  Py_ssize_t kept = 0;
  for (Py_ssize_t i = 0; i < source->used; ++i) {
    const Entry& entry = source->entries[i];
    if (entry.key != nullptr) entries[kept++] = {entry.hash, entry.key, entry.value};
  }
  result->entries = entries;
  result->allocated = std::max(length, kMinEntries);
  // Without holes the entry numbers are the source's: its index can be copied.
  const bool copied = source->used == length ? result->index.copy_from(source->index)
                                             : result->index.rebuild(columns(entries, length),
                                                                     static_cast<size_t>(length));
  if (!copied) {
    Py_DECREF(result);  // holds no references yet: used is 0
    return PyErr_NoMemory();
  }
  for (Py_ssize_t i = 0; i < length; ++i) {
    Py_INCREF(entries[i].key);
    Py_INCREF(entries[i].value);
  }
  result->used = result->length = length;
  return reinterpret_cast<PyObject*>(result);
}

namespace {

PyObject* type_new(PyTypeObject* type, PyObject*, PyObject*) {
  std::string error;
  const simd::EngineBuild* engine = simd::default_build(&error);
  // A bad DXPY_ENGINE is reported by __init__ (engine=None); until then scalar.
  if (engine == nullptr) engine = &simd::compiled_builds()[0];
  return reinterpret_cast<PyObject*>(new_empty(type, engine));
}

// SwissDict(mapping_or_pairs=(), engine=None, **items): like dict(), plus
// the engine. `engine` and `mapping_or_pairs` are the only keywords that are
// not items.
int type_init(PyObject* op, PyObject* args, PyObject* kwargs) {
  auto* self = reinterpret_cast<Object*>(op);
  const Py_ssize_t positional = PyTuple_GET_SIZE(args);
  if (positional > 2) {
    PyErr_Format(PyExc_TypeError, "SwissDict expected at most 2 arguments, got %zd", positional);
    return -1;
  }
  PyObject* source = positional > 0 ? PyTuple_GET_ITEM(args, 0) : nullptr;
  PyObject* engine = positional > 1 ? PyTuple_GET_ITEM(args, 1) : nullptr;
  PyObject* items = nullptr;  // the other keywords
  if (kwargs != nullptr && PyDict_GET_SIZE(kwargs) > 0) {
    items = PyDict_Copy(kwargs);
    if (items == nullptr) return -1;
    const std::pair<const char*, PyObject**> reserved[] = {{"engine", &engine},
                                                           {"mapping_or_pairs", &source}};
    for (auto [name, slot] : reserved) {
      PyObject* given = PyDict_GetItemString(items, name);  // borrowed; kept alive by kwargs
      if (given == nullptr) continue;
      if (*slot != nullptr) {
        Py_DECREF(items);
        PyErr_Format(PyExc_TypeError, "SwissDict got multiple values for argument '%s'", name);
        return -1;
      }
      *slot = given;
      if (PyDict_DelItemString(items, name) < 0) return Py_DECREF(items), -1;
    }
  }
  const simd::EngineBuild* build = resolve_engine(engine);
  int status = build == nullptr ? -1 : 0;
  if (status == 0) {
    self->engine = build;
    self->index.set_kernels(build->groups);
    if (source != nullptr) status = update_from(self, source);
    // dict's order: the positional source first, then the keywords' check.
    if (status == 0 && items != nullptr) {
      status = PyArg_ValidateKeywordArguments(items) ? update_from_dict(self, items) : -1;
    }
  }
  Py_XDECREF(items);
  return status;
}

void type_dealloc(PyObject* op) {
  auto* self = reinterpret_cast<Object*>(op);
  PyObject_GC_UnTrack(op);
  Py_TRASHCAN_BEGIN(op, type_dealloc)
  clear(self);
  self->index.~SwissIndex();
  Py_TYPE(op)->tp_free(op);
  Py_TRASHCAN_END
}

int type_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* self = reinterpret_cast<Object*>(op);
  for (Py_ssize_t i = 0; i < self->used; ++i) {
    Py_VISIT(self->entries[i].key);
    Py_VISIT(self->entries[i].value);
  }
  return 0;
}

int type_clear(PyObject* op) {
  clear(reinterpret_cast<Object*>(op));
  return 0;
}

Py_ssize_t mapping_length(PyObject* op) { return reinterpret_cast<Object*>(op)->length; }

PyObject* missing_key(Object* self, PyObject* key) {
  // Subclasses may define __missing__, as for dict.
  if (Py_TYPE(self) != &Type) {
    PyObject* missing = PyObject_GetAttrString(reinterpret_cast<PyObject*>(Py_TYPE(self)),
                                               "__missing__");
    if (missing != nullptr) {
      PyObject* result = PyObject_CallFunctionObjArgs(missing, self, key, nullptr);
      Py_DECREF(missing);
      return result;
    }
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return nullptr;
    PyErr_Clear();
  }
  set_key_error(key);
  return nullptr;
}

PyObject* mapping_subscript(PyObject* op, PyObject* key) {
  auto* self = reinterpret_cast<Object*>(op);
  const Py_hash_t hash = hash_key(key);
  if (hash == -1) return nullptr;
  Found found;
  const int present = lookup(self, key, hash, &found);
  if (present < 0) return nullptr;
  if (present == 0) return missing_key(self, key);
  return Py_NewRef(self->entries[found.entry].value);
}

int mapping_assign(PyObject* op, PyObject* key, PyObject* value) {
  auto* self = reinterpret_cast<Object*>(op);
  const Py_hash_t hash = hash_key(key);
  if (hash == -1) return -1;
  if (value != nullptr) return set_item(self, key, hash, value);
  Found found;
  const int present = lookup(self, key, hash, &found);
  if (present <= 0) {
    if (present == 0) set_key_error(key);
    return -1;
  }
  PyObject *old_key, *old_value;
  take_entry(self, found, &old_key, &old_value);
  Py_DECREF(old_key);
  Py_DECREF(old_value);
  return 0;
}

int sequence_contains(PyObject* op, PyObject* key) {
  const Py_hash_t hash = hash_key(key);
  if (hash == -1) return -1;
  Found found;
  return lookup(reinterpret_cast<Object*>(op), key, hash, &found);
}

PyObject* type_iter(PyObject* op) {
  return new_iterator(reinterpret_cast<Object*>(op), IterKind::kKeys, false);
}

PyMappingMethods kMappingMethods = {mapping_length, mapping_subscript, mapping_assign};
PySequenceMethods kSequenceMethods = {};
PyNumberMethods kNumberMethods = {};

}  // namespace

PyTypeObject Type = blank_type();

bool ready_type() {
  kSequenceMethods.sq_contains = sequence_contains;
  kNumberMethods.nb_or = merge_or;
  kNumberMethods.nb_inplace_or = merge_in_place;
  Type.tp_name = "dxpy.SwissDict";
  Type.tp_doc = PyDoc_STR(
      "SwissDict(mapping_or_pairs=(), engine=None, **items)\n--\n\n"
      "A mutable mapping with dict's semantics (insertion order included) whose index is a\n"
      "Swiss table probed 16 control bytes at a time with the engine's SIMD instructions.\n"
      "engine: an engine name, a dxpy.Engine, or None for dxpy.default_engine().");
  Type.tp_basicsize = sizeof(Object);
  Type.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE
#ifdef Py_TPFLAGS_MAPPING
                  | Py_TPFLAGS_MAPPING
#endif
      ;
  Type.tp_new = type_new;
  Type.tp_init = type_init;
  Type.tp_alloc = PyType_GenericAlloc;
  Type.tp_free = PyObject_GC_Del;
  Type.tp_dealloc = type_dealloc;
  Type.tp_traverse = type_traverse;
  Type.tp_clear = type_clear;
  Type.tp_repr = repr;
  Type.tp_hash = PyObject_HashNotImplemented;
  Type.tp_richcompare = rich_compare;
  Type.tp_iter = type_iter;
  Type.tp_as_mapping = &kMappingMethods;
  Type.tp_as_sequence = &kSequenceMethods;
  Type.tp_as_number = &kNumberMethods;
  Type.tp_methods = kMethods;
  return PyType_Ready(&Type) == 0 && PyType_Ready(&IteratorType) == 0;
}

}  // namespace dxpy::bindings::swiss_dict
