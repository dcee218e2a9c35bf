// SwissDict.update() and everything built on it (the constructor, |, |=):
// dict's rules for what the argument may be and for the errors it raises.
#include <algorithm>

#include "swiss_dict.h"

namespace dxpy::bindings::swiss_dict {
namespace {

// Sizes an empty dict for `count` entries, so that building one from a
// known-size source grows neither array. Only an optimisation: a failure is
// ignored (the inserts grow as usual and report their own).
void reserve_empty(Object* self, Py_ssize_t count) {
  count = std::max<Py_ssize_t>(count, 8);
  if (self->used != 0 || self->allocated >= count) return;
  auto* entries = static_cast<Entry*>(PyMem_Realloc(self->entries, sizeof(Entry) * count));
  if (entries == nullptr) return;
  self->entries = entries;
  self->allocated = count;
  self->index.rebuild({reinterpret_cast<const std::byte*>(entries), 0}, static_cast<size_t>(count));
  ++self->key_version;
}

// PyDict_Next plus the entry's stored hash, which dict(d) reuses instead of
// calling __hash__ again (visible for keys whose __hash__ has effects).
// *hash is -1 with an error set when hashing fails (only where the stored
// hash cannot be read).
int next_with_hash(PyObject* dict, Py_ssize_t* position, PyObject** key, PyObject** value,
                   Py_hash_t* hash) {
#if PY_VERSION_HEX < 0x030D0000
  return _PyDict_Next(dict, position, key, value, hash);
#else
  if (!PyDict_Next(dict, position, key, value)) return 0;
  *hash = hash_key(*key);
  return 1;
#endif
}

int mutated_during_update() {
  PyErr_SetString(PyExc_RuntimeError, "dict mutated during update");
  return -1;
}

// Another SwissDict: its stored hashes are reused. Its entries are held while
// they are inserted, since an __eq__ may change either dict.
int merge_swiss(Object* self, Object* other) {
  if (other == self || other->length == 0) return 0;
  const Py_ssize_t expected = other->length;
  if (self->length == 0) reserve_empty(self, expected);
  for (Py_ssize_t i = 0; i < other->used; ++i) {
    const Entry& entry = other->entries[i];
    if (entry.key == nullptr) continue;
    const Py_hash_t hash = entry.hash;
    PyObject* key = Py_NewRef(entry.key);
    PyObject* value = Py_NewRef(entry.value);
    const int status = set_item(self, key, hash, value);
    Py_DECREF(key);
    Py_DECREF(value);
    if (status < 0) return -1;
    if (other->length != expected) return mutated_during_update();
  }
  return 0;
}

// Any other mapping: for key in other.keys(): self[key] = other[key].
int merge_mapping(Object* self, PyObject* other) {
  PyObject* keys = PyMapping_Keys(other);
  if (keys == nullptr) return -1;
  PyObject* iterator = PyObject_GetIter(keys);
  Py_DECREF(keys);
  if (iterator == nullptr) return -1;
  while (PyObject* key = PyIter_Next(iterator)) {
    PyObject* value = PyObject_GetItem(other, key);
    const Py_hash_t hash = value == nullptr ? -1 : hash_key(key);
    const int status = hash == -1 ? -1 : set_item(self, key, hash, value);
    Py_DECREF(key);
    Py_XDECREF(value);
    if (status < 0) break;
  }
  Py_DECREF(iterator);
  return PyErr_Occurred() ? -1 : 0;
}

// An iterable of pairs, with dict's messages for an element that is not a
// sequence or not of length 2. Items before a bad one stay inserted, as in dict.
int merge_pairs(Object* self, PyObject* pairs) {
  PyObject* iterator = PyObject_GetIter(pairs);
  if (iterator == nullptr) return -1;
  Py_ssize_t index = 0;
  for (; PyObject* item = PyIter_Next(iterator); ++index) {
    PyObject* sequence = PySequence_Fast(item, "");
    Py_DECREF(item);
    if (sequence == nullptr) {
      if (PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_Format(PyExc_TypeError,
                     "cannot convert dictionary update sequence element #%zd to a sequence",
                     index);
      }
      break;
    }
    const Py_ssize_t length = PySequence_Fast_GET_SIZE(sequence);
    if (length != 2) {
      PyErr_Format(PyExc_ValueError,
                   "dictionary update sequence element #%zd has length %zd; 2 is required",
                   index, length);
      Py_DECREF(sequence);
      break;
    }
    PyObject* key = Py_NewRef(PySequence_Fast_GET_ITEM(sequence, 0));
    PyObject* value = Py_NewRef(PySequence_Fast_GET_ITEM(sequence, 1));
    Py_DECREF(sequence);
    const Py_hash_t hash = hash_key(key);
    const int status = hash == -1 ? -1 : set_item(self, key, hash, value);
    Py_DECREF(key);
    Py_DECREF(value);
    if (status < 0) break;
  }
  Py_DECREF(iterator);
  return PyErr_Occurred() ? -1 : 0;
}

}  // namespace

int update_from_dict(Object* self, PyObject* dict) {
  const Py_ssize_t expected = PyDict_GET_SIZE(dict);
  if (expected == 0) return 0;
  if (self->length == 0) reserve_empty(self, expected);
  Py_ssize_t position = 0;
  PyObject *borrowed_key, *borrowed_value;
  Py_hash_t hash;
  while (next_with_hash(dict, &position, &borrowed_key, &borrowed_value, &hash)) {
    PyObject* key = Py_NewRef(borrowed_key);
    PyObject* value = Py_NewRef(borrowed_value);
    const int status = hash == -1 ? -1 : set_item(self, key, hash, value);
    Py_DECREF(key);
    Py_DECREF(value);
    if (status < 0) return -1;
    if (PyDict_GET_SIZE(dict) != expected) return mutated_during_update();
  }
  return 0;
}

int update_from(Object* self, PyObject* other) {
  // A SwissDict (or a subclass keeping its iteration) is read directly, with
  // its stored hashes; a subclass overriding __iter__ goes through keys(), as
  // dict does for its own subclasses (test_dict_copy_order).
  if (check(other) && Py_TYPE(other)->tp_iter == Type.tp_iter) {
    return merge_swiss(self, reinterpret_cast<Object*>(other));
  }
  if (PyDict_CheckExact(other)) return update_from_dict(self, other);
  PyObject* keys = PyObject_GetAttrString(other, "keys");
  if (keys == nullptr) {
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
    PyErr_Clear();
    return merge_pairs(self, other);
  }
  Py_DECREF(keys);
  // A dict subclass that keeps dict's iteration is read directly, as dict does.
  if (PyDict_Check(other) && Py_TYPE(other)->tp_iter == PyDict_Type.tp_iter) {
    return update_from_dict(self, other);
  }
  return merge_mapping(self, other);
}

}  // namespace dxpy::bindings::swiss_dict
