// dxpy.SwissDict: a dict-compatible mapping over the Swiss table index.
//
// A raw CPython type (mapping slots, not pybind11 methods, which cost ~200 ns
// a call): entries live in a dense, insertion-ordered array that this object
// owns; collections::SwissIndex maps hashes to entry numbers. The files:
//   swiss_dict.cpp          object layout, lookup/insert/remove, type slots
//   swiss_dict_operators.cpp ==, |, |=, repr
//   swiss_dict_methods.cpp  get/pop/popitem/setdefault/copy/fromkeys/... methods
//   swiss_dict_update.cpp   update() and what builds on it: the constructor, |, |=
//   swiss_dict_iterator.cpp the key/value/item iterators, forward and reversed
// Views (keys/values/items) are Python classes in dxpy/_swiss_dict_views.py
// over the native iterators.
#pragma once

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <cstddef>
#include <cstdint>

#include "collections/swiss_index.h"
#include "simd/registry.h"

namespace pybind11 {
class module_;
}

namespace dxpy::bindings {

// Adds SwissDict (and its iterator type) to the module.
void register_swiss_dict(pybind11::module_& module);

namespace swiss_dict {

// One key-value pair; key == nullptr marks a hole left by a deletion. The
// hash stays readable in holes (the index reads hashes through EntryColumns).
struct Entry {
  Py_hash_t hash;
  PyObject* key;
  PyObject* value;
};

struct Object {
  PyObject_HEAD
  collections::SwissIndex index;  // constructed in tp_new, destroyed in tp_dealloc
  Entry* entries;                 // PyMem block of `allocated` entries
  Py_ssize_t used;                // positions [0, used) hold live entries and holes
  Py_ssize_t allocated;
  Py_ssize_t length;              // live entries
  // Bumped whenever a key is added or removed or the entries move: a lookup
  // whose __eq__ ran foreign code compares it to know whether what it was
  // probing is still there.
  uint64_t key_version;
  // Bumped when the entries are renumbered (holes squeezed out): an iterator
  // holds positions, so it must not go on after that.
  uint64_t renumberings;
  const simd::EngineBuild* engine;
};

extern PyTypeObject Type;
extern PyTypeObject IteratorType;

// A zeroed static type object with its header set (a PyTypeObject brace
// initializer would trip -Wmissing-field-initializers on the fields left out).
inline PyTypeObject blank_type() {
  PyTypeObject type{};
  Py_SET_REFCNT(reinterpret_cast<PyObject*>(&type), 1);
  return type;
}

inline bool check(PyObject* op) { return PyObject_TypeCheck(op, &Type); }

// hash(key), with exact str's cached hash read directly. -1: error set.
inline Py_hash_t hash_key(PyObject* key) {
  if (PyUnicode_CheckExact(key)) {
    const Py_hash_t cached = reinterpret_cast<PyASCIIObject*>(key)->hash;
    if (cached != -1) return cached;
  }
  return PyObject_Hash(key);
}

struct Found {
  Py_ssize_t entry;
  size_t slot;
};

// 1: key present (*found set), 0: absent, -1: error set (a raising __eq__).
// Restarts when an __eq__ changes the keys of the dict it is probing, as
// CPython does, and raises RuntimeError after too many restarts.
int lookup(Object* self, PyObject* key, Py_hash_t hash, Found* found);

// Inserts key -> value, which lookup() has just found absent (no foreign code
// may run in between). 0, or -1 with MemoryError and nothing changed.
int insert_new(Object* self, PyObject* key, Py_hash_t hash, PyObject* value);

// self[key] = value. 0 or -1 (error set, self unchanged).
int set_item(Object* self, PyObject* key, Py_hash_t hash, PyObject* value);

// Takes the entry at `found` out of the index and the entry array; its key
// and value references pass to the caller, who releases them last (their
// destructors may run foreign code, which must find the dict consistent).
void take_entry(Object* self, Found found, PyObject** key, PyObject** value);

// Removes every entry (references released after the dict is empty).
void clear(Object* self);

// A new, empty SwissDict of `type` probing with `engine`.
Object* new_empty(PyTypeObject* type, const simd::EngineBuild* engine);

// self.update(other) with dict's rules: a dict or SwissDict, else a mapping
// (anything with keys()), else an iterable of pairs. 0 or -1.
int update_from(Object* self, PyObject* other);
// self.update(**kwargs) for a dict of keyword arguments. 0 or -1.
int update_from_dict(Object* self, PyObject* dict);

// A copy of `source` as an exact SwissDict with the same engine.
PyObject* copy(Object* source);

// KeyError(key), with the key wrapped in a tuple as CPython does (so that a
// tuple key is reported whole).
void set_key_error(PyObject* key);

// The engine build a Python `engine` argument names: None (the dispatcher's
// choice), an engine name, or a dxpy.Engine. nullptr with an error set.
const simd::EngineBuild* resolve_engine(PyObject* engine);
// The dxpy.Engine object of a build.
PyObject* engine_object(const simd::EngineBuild* build);

enum class IterKind : uint8_t { kKeys, kValues, kItems };
PyObject* new_iterator(Object* dict, IterKind kind, bool reversed);

// The type's operator slots (swiss_dict_operators.cpp): == and != with a dict
// or SwissDict, | and |=, repr.
PyObject* rich_compare(PyObject* self, PyObject* other, int comparison);
PyObject* merge_or(PyObject* left, PyObject* right);
PyObject* merge_in_place(PyObject* self, PyObject* other);
PyObject* repr(PyObject* self);

// Fills and readies Type and IteratorType (swiss_dict.cpp). false: error set.
bool ready_type();

// The method table (swiss_dict_methods.cpp) and the views' classes, imported
// from dxpy._swiss_dict_views on first use.
extern PyMethodDef kMethods[];
PyObject* make_view(Object* self, const char* class_name);

}  // namespace swiss_dict
}  // namespace dxpy::bindings
