// SwissDict's iterators: keys, values or items, in insertion order or
// reversed, with dict's checks against mutation during iteration.
#include "swiss_dict.h"

namespace dxpy::bindings::swiss_dict {
namespace {

struct Iterator {
  PyObject_HEAD
  Object* dict;          // strong; nullptr once exhausted
  Py_ssize_t position;   // the next entry position to look at
  Py_ssize_t expected_length;  // the dict's length when iteration began; -1 once it changed
  Py_ssize_t remaining;  // entries still expected
  uint64_t renumberings; // the dict's count when iteration began
  PyObject* result;      // items: a (key, value) tuple reused while nobody else holds it
  IterKind kind;
  bool reversed;
};

void iterator_dealloc(PyObject* op) {
  auto* self = reinterpret_cast<Iterator*>(op);
  PyObject_GC_UnTrack(op);
  Py_XDECREF(self->dict);
  Py_XDECREF(self->result);
  PyObject_GC_Del(op);
}

int iterator_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* self = reinterpret_cast<Iterator*>(op);
  Py_VISIT(self->dict);
  Py_VISIT(self->result);
  return 0;
}

PyObject* item_tuple(Iterator* self, PyObject* key, PyObject* value) {
  PyObject* result = self->result;
  if (result == nullptr || Py_REFCNT(result) != 1) return PyTuple_Pack(2, key, value);
  // Only the iterator holds the last tuple (a for loop unpacked it): refill
  // it rather than allocate, as dict's item iterator does.
  Py_INCREF(result);
  PyObject* old_key = PyTuple_GET_ITEM(result, 0);
  PyObject* old_value = PyTuple_GET_ITEM(result, 1);
  PyTuple_SET_ITEM(result, 0, Py_NewRef(key));
  PyTuple_SET_ITEM(result, 1, Py_NewRef(value));
  Py_DECREF(old_key);
  Py_DECREF(old_value);
  // The collector untracks tuples of untracked items; the new items may be containers.
  if (!PyObject_GC_IsTracked(result)) PyObject_GC_Track(result);
  return result;
}

PyObject* iterator_next(PyObject* op) {
  auto* self = reinterpret_cast<Iterator*>(op);
  Object* dict = self->dict;
  if (dict == nullptr) return nullptr;
  if (self->expected_length != dict->length) {
    PyErr_SetString(PyExc_RuntimeError, "dictionary changed size during iteration");
    self->expected_length = -1;  // every later call raises too
    return nullptr;
  }
  // Positions mean nothing once the entries were renumbered (the same size,
  // but keys were removed and added, or dict would have raised above). dict
  // may skip or repeat keys then; this iterator says so instead.
  if (self->renumberings != dict->renumberings) {
    PyErr_SetString(PyExc_RuntimeError, "dictionary keys changed during iteration");
    Py_CLEAR(self->dict);
    return nullptr;
  }
  Py_ssize_t i = self->position;
  if (self->reversed) {
    if (i >= dict->used) i = dict->used - 1;
    while (i >= 0 && dict->entries[i].key == nullptr) --i;
    if (i < 0) {
      Py_CLEAR(self->dict);
      return nullptr;
    }
    self->position = i - 1;
  } else {
    while (i < dict->used && dict->entries[i].key == nullptr) ++i;
    if (i >= dict->used) {
      Py_CLEAR(self->dict);
      return nullptr;
    }
    // The same length but more entries than there were: keys were removed
    // and others added.
    if (self->remaining == 0) {
      PyErr_SetString(PyExc_RuntimeError, "dictionary keys changed during iteration");
      Py_CLEAR(self->dict);
      return nullptr;
    }
    self->position = i + 1;
  }
  if (self->remaining > 0) --self->remaining;
  const Entry& entry = dict->entries[i];
  switch (self->kind) {
    case IterKind::kKeys:
      return Py_NewRef(entry.key);
    case IterKind::kValues:
      return Py_NewRef(entry.value);
    case IterKind::kItems:
      break;
  }
  return item_tuple(self, entry.key, entry.value);
}

PyObject* iterator_length_hint(PyObject* op, PyObject*) {
  auto* self = reinterpret_cast<Iterator*>(op);
  const bool valid = self->dict != nullptr && self->expected_length == self->dict->length;
  return PyLong_FromSsize_t(valid ? self->remaining : 0);
}

// Pickles as dict's iterators do: iter(list of what is left), listed by a
// copy of this iterator, so this one does not advance (and the copy raises
// what this one would, e.g. after the dict changed size).
PyObject* iterator_reduce(PyObject* op, PyObject*) {
  auto* self = reinterpret_cast<Iterator*>(op);
  auto* copy = PyObject_GC_New(Iterator, &IteratorType);
  if (copy == nullptr) return nullptr;
  copy->dict = reinterpret_cast<Object*>(Py_XNewRef(self->dict));
  copy->position = self->position;
  copy->expected_length = self->expected_length;
  copy->remaining = self->remaining;
  copy->renumberings = self->renumberings;
  copy->result = nullptr;  // items: fresh tuples
  copy->kind = self->kind;
  copy->reversed = self->reversed;
  PyObject_GC_Track(copy);
  PyObject* remaining = PySequence_List(reinterpret_cast<PyObject*>(copy));
  Py_DECREF(copy);
  if (remaining == nullptr) return nullptr;
  PyObject* builtins = PyEval_GetBuiltins();  // borrowed
  PyObject* iter = builtins == nullptr ? nullptr : PyDict_GetItemString(builtins, "iter");
  if (iter == nullptr) {
    Py_DECREF(remaining);
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_RuntimeError, "builtins.iter is missing");
    return nullptr;
  }
  return Py_BuildValue("O(N)", iter, remaining);
}

PyMethodDef kIteratorMethods[] = {
    {"__length_hint__", iterator_length_hint, METH_NOARGS,
     PyDoc_STR("Private method returning an estimate of len(list(it)).")},
    {"__reduce__", iterator_reduce, METH_NOARGS, PyDoc_STR("Return state information for pickling.")},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

PyTypeObject IteratorType = [] {
  PyTypeObject type = blank_type();
  type.tp_name = "dxpy.SwissDictIterator";
  type.tp_basicsize = sizeof(Iterator);
  type.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC;
  type.tp_dealloc = iterator_dealloc;
  type.tp_traverse = iterator_traverse;
  type.tp_iter = PyObject_SelfIter;
  type.tp_iternext = iterator_next;
  type.tp_methods = kIteratorMethods;
  return type;
}();

PyObject* new_iterator(Object* dict, IterKind kind, bool reversed) {
  auto* self = PyObject_GC_New(Iterator, &IteratorType);
  if (self == nullptr) return nullptr;
  self->dict = reinterpret_cast<Object*>(Py_NewRef(dict));
  self->position = reversed ? dict->used - 1 : 0;
  self->expected_length = dict->length;
  self->remaining = dict->length;
  self->renumberings = dict->renumberings;
  self->kind = kind;
  self->reversed = reversed;
  self->result = nullptr;
  if (kind == IterKind::kItems) {
    self->result = PyTuple_Pack(2, Py_None, Py_None);
    if (self->result == nullptr) {
      Py_DECREF(self);
      return nullptr;
    }
  }
  PyObject_GC_Track(self);
  return reinterpret_cast<PyObject*>(self);
}

}  // namespace dxpy::bindings::swiss_dict
