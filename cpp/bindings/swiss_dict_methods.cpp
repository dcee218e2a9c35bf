// SwissDict's methods (get, pop, popitem, setdefault, update, copy, fromkeys,
// views, ...), its engine argument, and its registration in the module.
#include <pybind11/pybind11.h>

#include "swiss_dict.h"

#include <algorithm>
#include <string>

namespace py = pybind11;

namespace dxpy::bindings::swiss_dict {
namespace {

// dxpy._native, set at registration; its Engine class and get_engine(name,
// mode) are looked up on first use (they may be defined after SwissDict).
PyObject* native_module = nullptr;

PyObject* native_attribute(const char* name) {
  return PyObject_GetAttrString(native_module, name);
}

Object* as_dict(PyObject* op) { return reinterpret_cast<Object*>(op); }

// CPython's argument-count messages ("get expected at least 1 argument, got 0").
bool check_positional(const char* name, Py_ssize_t given, Py_ssize_t least, Py_ssize_t most) {
  if (given >= least && given <= most) return true;
  const bool too_few = given < least;
  const Py_ssize_t bound = too_few ? least : most;
  PyErr_Format(PyExc_TypeError, "%s expected %s%zd argument%s, got %zd", name,
               least == most ? "" : too_few ? "at least " : "at most ", bound,
               bound == 1 ? "" : "s", given);
  return false;
}

PyObject* method_getitem(PyObject* op, PyObject* key) {
  return Type.tp_as_mapping->mp_subscript(op, key);
}

PyObject* method_contains(PyObject* op, PyObject* key) {
  const int present = Type.tp_as_sequence->sq_contains(op, key);
  return present < 0 ? nullptr : PyBool_FromLong(present);
}

PyObject* method_get(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  if (!check_positional("get", nargs, 1, 2)) return nullptr;
  const Py_hash_t hash = hash_key(args[0]);
  if (hash == -1) return nullptr;
  Found found;
  const int present = lookup(as_dict(op), args[0], hash, &found);
  if (present < 0) return nullptr;
  if (present > 0) return Py_NewRef(as_dict(op)->entries[found.entry].value);
  return Py_NewRef(nargs > 1 ? args[1] : Py_None);
}

PyObject* method_setdefault(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  if (!check_positional("setdefault", nargs, 1, 2)) return nullptr;
  auto* self = as_dict(op);
  PyObject* value = nargs > 1 ? args[1] : Py_None;
  const Py_hash_t hash = hash_key(args[0]);
  if (hash == -1) return nullptr;
  Found found;
  const int present = lookup(self, args[0], hash, &found);
  if (present < 0) return nullptr;
  if (present > 0) return Py_NewRef(self->entries[found.entry].value);
  if (insert_new(self, args[0], hash, value) < 0) return nullptr;
  return Py_NewRef(value);
}

PyObject* method_pop(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  if (!check_positional("pop", nargs, 1, 2)) return nullptr;
  auto* self = as_dict(op);
  PyObject* key = args[0];
  PyObject* fallback = nargs > 1 ? args[1] : nullptr;
  // dict answers an empty pop without hashing: {}.pop([], 0) is 0.
  Found found;
  int present = 0;
  if (self->length > 0) {
    const Py_hash_t hash = hash_key(key);
    if (hash == -1) return nullptr;
    present = lookup(self, key, hash, &found);
    if (present < 0) return nullptr;
  }
  if (present == 0) {
    if (fallback != nullptr) return Py_NewRef(fallback);
    set_key_error(key);
    return nullptr;
  }
  PyObject *old_key, *value;
  take_entry(self, found, &old_key, &value);
  Py_DECREF(old_key);
  return value;
}

// The last entry, LIFO like dict.popitem().
PyObject* method_popitem(PyObject* op, PyObject*) {
  auto* self = as_dict(op);
  if (self->length == 0) {
    PyErr_SetString(PyExc_KeyError, "popitem(): dictionary is empty");
    return nullptr;
  }
  PyObject* pair = PyTuple_New(2);  // first, so a failure changes nothing
  if (pair == nullptr) return nullptr;
  // dict.popitem's rule: the trailing holes are given back with the entry, so
  // the next insertion takes the position of the popped one.
  while (self->entries[self->used - 1].key == nullptr) --self->used;  // length > 0: one is live
  const Py_ssize_t last = self->used - 1;
  const size_t slot = self->index.find_entry(static_cast<uint64_t>(self->entries[last].hash),
                                             static_cast<uint32_t>(last));
  if (slot == collections::SwissIndex::kNotFound) {  // a broken invariant: never write blindly
    Py_DECREF(pair);
    PyErr_SetString(PyExc_SystemError, "SwissDict.popitem: the last entry is not indexed");
    return nullptr;
  }
  PyObject *key, *value;
  take_entry(self, {last, slot}, &key, &value);
  self->used = last;
  PyTuple_SET_ITEM(pair, 0, key);
  PyTuple_SET_ITEM(pair, 1, value);
  return pair;
}

PyObject* method_update(PyObject* op, PyObject* args, PyObject* kwargs) {
  PyObject* source = nullptr;
  if (!PyArg_UnpackTuple(args, "update", 0, 1, &source)) return nullptr;
  if (source != nullptr && update_from(as_dict(op), source) < 0) return nullptr;
  if (kwargs != nullptr &&
      (!PyArg_ValidateKeywordArguments(kwargs) || update_from_dict(as_dict(op), kwargs) < 0)) {
    return nullptr;
  }
  Py_RETURN_NONE;
}

PyObject* method_clear(PyObject* op, PyObject*) {
  clear(as_dict(op));
  Py_RETURN_NONE;
}

PyObject* method_copy(PyObject* op, PyObject*) { return copy(as_dict(op)); }

// SwissDict.fromkeys(iterable, value=None, /, *, engine=None): cls() (or
// cls(engine=engine)), then each key set to value.
PyObject* method_fromkeys(PyObject* cls, PyObject* const* args, Py_ssize_t nargs,
                          PyObject* kwnames) {
  PyObject* engine = nullptr;
  const Py_ssize_t keywords = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
  for (Py_ssize_t i = 0; i < keywords; ++i) {
    if (PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(kwnames, i), "engine") != 0) {
      PyErr_Format(PyExc_TypeError, "fromkeys() got an unexpected keyword argument '%U'",
                   PyTuple_GET_ITEM(kwnames, i));
      return nullptr;
    }
    engine = args[nargs + i];
  }
  if (!check_positional("fromkeys", nargs, 1, 2)) return nullptr;
  PyObject* value = nargs > 1 ? args[1] : Py_None;
  PyObject* result;
  if (engine == nullptr) {
    result = PyObject_CallNoArgs(cls);
  } else {
    PyObject* call_keywords = Py_BuildValue("{s:O}", "engine", engine);
    PyObject* empty = PyTuple_New(0);
    result = call_keywords && empty ? PyObject_Call(cls, empty, call_keywords) : nullptr;
    Py_XDECREF(call_keywords);
    Py_XDECREF(empty);
  }
  if (result == nullptr) return nullptr;
  PyObject* iterator = PyObject_GetIter(args[0]);
  if (iterator == nullptr) return Py_DECREF(result), nullptr;
  const bool exact = Py_TYPE(result) == &Type;
  while (PyObject* key = PyIter_Next(iterator)) {
    int status;
    if (exact) {
      const Py_hash_t hash = hash_key(key);
      status = hash == -1 ? -1 : set_item(as_dict(result), key, hash, value);
    } else {
      status = PyObject_SetItem(result, key, value);
    }
    Py_DECREF(key);
    if (status < 0) break;
  }
  Py_DECREF(iterator);
  if (PyErr_Occurred()) Py_CLEAR(result);
  return result;
}

PyObject* method_keys(PyObject* op, PyObject*) { return make_view(as_dict(op), "SwissDictKeys"); }
PyObject* method_values(PyObject* op, PyObject*) {
  return make_view(as_dict(op), "SwissDictValues");
}
PyObject* method_items(PyObject* op, PyObject*) {
  return make_view(as_dict(op), "SwissDictItems");
}

template <IterKind kKind, bool kReversed>
PyObject* method_iterator(PyObject* op, PyObject*) {
  return new_iterator(as_dict(op), kKind, kReversed);
}

PyObject* method_sizeof(PyObject* op, PyObject*) {
  auto* self = as_dict(op);
  const size_t bytes = static_cast<size_t>(Py_TYPE(op)->tp_basicsize) +
                       sizeof(Entry) * static_cast<size_t>(self->allocated) +
                       self->index.allocated_bytes();
  return PyLong_FromSize_t(bytes);
}

// Pickles as type(self)(list(self.items()), engine name).
PyObject* method_reduce(PyObject* op, PyObject*) {
  auto* self = as_dict(op);
  PyObject* items = PyList_New(0);
  if (items == nullptr) return nullptr;
  for (Py_ssize_t i = 0; i < self->used; ++i) {
    const Entry& entry = self->entries[i];
    if (entry.key == nullptr) continue;
    PyObject* pair = PyTuple_Pack(2, entry.key, entry.value);
    if (pair == nullptr || PyList_Append(items, pair) < 0) {
      Py_XDECREF(pair);
      Py_DECREF(items);
      return nullptr;
    }
    Py_DECREF(pair);
  }
  return Py_BuildValue("O(Ns)", Py_TYPE(op), items, self->engine->name);
}

PyObject* method_check_index(PyObject* op, PyObject*) {
  auto* self = as_dict(op);
  Py_ssize_t live = 0;
  for (Py_ssize_t i = 0; i < self->used; ++i) live += self->entries[i].key != nullptr;
  const char* broken = nullptr;
  if (live != self->length) broken = "length differs from the live entries";
  if (self->used > self->allocated) broken = "more entries used than allocated";
  if (broken == nullptr) {
    broken = self->index.check_invariants(
        {reinterpret_cast<const std::byte*>(self->entries), static_cast<size_t>(self->used)});
  }
  if (broken != nullptr) {
    PyErr_Format(PyExc_AssertionError, "SwissDict invariant broken: %s", broken);
    return nullptr;
  }
  const collections::SwissIndex& index = self->index;
  return Py_BuildValue("{s:n,s:n,s:n,s:n,s:n,s:n}", "capacity", index.capacity(), "size",
                       index.size(), "tombstones", index.tombstones(), "growth_left",
                       index.growth_left(), "entries_used", self->used, "entries_allocated",
                       self->allocated);
}

PyObject* get_engine_property(PyObject* op, void*) { return engine_object(as_dict(op)->engine); }

PyGetSetDef kGetSet[] = {
    {"engine", get_engine_property, nullptr, PyDoc_STR("The dxpy.Engine that probes the index."),
     nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

PyMethodDef kMethods[] = {
    {"__getitem__", method_getitem, METH_O | METH_COEXIST, PyDoc_STR("self[key]")},
    {"__contains__", method_contains, METH_O | METH_COEXIST, PyDoc_STR("key in self")},
    {"get", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(method_get)),
     METH_FASTCALL, PyDoc_STR("get(key, default=None): self[key] if key in self, else default")},
    {"setdefault",
     reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(method_setdefault)),
     METH_FASTCALL, PyDoc_STR("setdefault(key, default=None): self[key], inserting default first "
                              "if key is absent")},
    {"pop", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(method_pop)),
     METH_FASTCALL, PyDoc_STR("pop(key[, default]): remove key and return its value; default or "
                              "KeyError if absent")},
    {"popitem", method_popitem, METH_NOARGS,
     PyDoc_STR("Remove and return the last inserted (key, value) pair (LIFO)")},
    {"update", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(method_update)),
     METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("update([other], **items): as dict.update: a mapping or an iterable of pairs")},
    {"clear", method_clear, METH_NOARGS, PyDoc_STR("Remove every item")},
    {"copy", method_copy, METH_NOARGS, PyDoc_STR("A shallow copy (a SwissDict, same engine)")},
    {"fromkeys", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(method_fromkeys)),
     METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
     PyDoc_STR("fromkeys(iterable, value=None, *, engine=None): keys from iterable, each "
               "mapped to value")},
    {"keys", method_keys, METH_NOARGS, PyDoc_STR("A set-like view of the keys")},
    {"values", method_values, METH_NOARGS, PyDoc_STR("A view of the values")},
    {"items", method_items, METH_NOARGS, PyDoc_STR("A set-like view of the (key, value) pairs")},
    {"__reversed__", method_iterator<IterKind::kKeys, true>, METH_NOARGS,
     PyDoc_STR("The keys, last inserted first")},
    {"_iter_values", method_iterator<IterKind::kValues, false>, METH_NOARGS,
     PyDoc_STR("An iterator over the values (for the values view)")},
    {"_iter_items", method_iterator<IterKind::kItems, false>, METH_NOARGS,
     PyDoc_STR("An iterator over the items (for the items view)")},
    {"_reversed_values", method_iterator<IterKind::kValues, true>, METH_NOARGS,
     PyDoc_STR("The values, last inserted first")},
    {"_reversed_items", method_iterator<IterKind::kItems, true>, METH_NOARGS,
     PyDoc_STR("The items, last inserted first")},
    {"__sizeof__", method_sizeof, METH_NOARGS, PyDoc_STR("Size in memory, in bytes")},
    {"__reduce__", method_reduce, METH_NOARGS, PyDoc_STR("Pickle support")},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS,
     PyDoc_STR("SwissDict[K, V] for type hints")},
    {"_check_index", method_check_index, METH_NOARGS,
     PyDoc_STR("Check the index's invariants (AssertionError if broken); return its counts")},
    {nullptr, nullptr, 0, nullptr},
};

namespace {

bool is_engine_object(PyObject* engine) {
  static PyObject* engine_type = nullptr;  // kept for the process, like the module
  if (engine_type == nullptr) engine_type = native_attribute("Engine");
  if (engine_type == nullptr || !PyType_Check(engine_type)) {
    PyErr_Clear();
    return false;
  }
  return PyObject_TypeCheck(engine, reinterpret_cast<PyTypeObject*>(engine_type));
}

}  // namespace

const simd::EngineBuild* resolve_engine(PyObject* engine) {
  std::string error;
  const simd::EngineBuild* build = nullptr;
  if (engine == nullptr || engine == Py_None) {
    build = simd::default_build(&error);
  } else if (PyUnicode_Check(engine)) {
    const char* name = PyUnicode_AsUTF8(engine);
    if (name == nullptr) return nullptr;
    build = simd::select_build(name, std::nullopt, &error);
  } else if (is_engine_object(engine)) {
    PyObject* name = PyObject_GetAttrString(engine, "name");
    PyObject* mode = name ? PyObject_GetAttrString(engine, "mode") : nullptr;
    const char* name_text = mode ? PyUnicode_AsUTF8(name) : nullptr;
    const char* mode_text = name_text ? PyUnicode_AsUTF8(mode) : nullptr;
    if (mode_text != nullptr) {
      const simd::Mode wanted =
          std::string(mode_text) == "native" ? simd::Mode::kNative : simd::Mode::kEmulated;
      build = simd::select_build(name_text, wanted, &error);
    }
    Py_XDECREF(name);
    Py_XDECREF(mode);
    if (mode_text == nullptr) return nullptr;
  } else {
    PyErr_Format(PyExc_TypeError, "engine must be a str, a dxpy.Engine or None, not '%.200s'",
                 Py_TYPE(engine)->tp_name);
    return nullptr;
  }
  if (build == nullptr) PyErr_SetString(PyExc_ValueError, error.c_str());
  return build;
}

PyObject* engine_object(const simd::EngineBuild* build) {
  PyObject* get_engine = native_attribute("get_engine");
  if (get_engine == nullptr) return nullptr;
  PyObject* engine =
      PyObject_CallFunction(get_engine, "ss", build->name, simd::mode_name(build->mode));
  Py_DECREF(get_engine);
  return engine;
}

PyObject* make_view(Object* self, const char* class_name) {
  static PyObject* views_module = nullptr;  // imported once, kept for the process
  if (views_module == nullptr) {
    views_module = PyImport_ImportModule("dxpy._swiss_dict_views");
    if (views_module == nullptr) return nullptr;
  }
  PyObject* view_class = PyObject_GetAttrString(views_module, class_name);
  if (view_class == nullptr) return nullptr;
  PyObject* view = PyObject_CallOneArg(view_class, reinterpret_cast<PyObject*>(self));
  Py_DECREF(view_class);
  return view;
}

}  // namespace dxpy::bindings::swiss_dict

namespace dxpy::bindings {

void register_swiss_dict(py::module_& module) {
  namespace sd = swiss_dict;
  sd::Type.tp_getset = sd::kGetSet;
  if (!sd::ready_type()) throw py::error_already_set();
  sd::native_module = module.ptr();  // the module outlives its types
  module.add_object("SwissDict", py::handle(reinterpret_cast<PyObject*>(&sd::Type)));
  // The group primitives of one engine build on 16 control bytes, so tests can
  // hold every engine's SIMD (or SWAR) group to the scalar one bit for bit.
  module.def(
      "swiss_group_match",
      [](const std::string& name, const std::string& mode, const py::bytes& group, uint8_t h2) {
        const std::string bytes = group;
        if (bytes.size() != collections::kGroupWidth) {
          throw py::value_error("a group is 16 control bytes, not " +
                                std::to_string(bytes.size()));
        }
        std::string error;
        const simd::EngineBuild* build = simd::select_build(
            name, mode == "native" ? simd::Mode::kNative : simd::Mode::kEmulated, &error);
        if (build == nullptr) throw py::value_error(error);
        const auto* control = reinterpret_cast<const uint8_t*>(bytes.data());
        return py::make_tuple(build->groups->match(control, h2),
                              build->groups->match_empty(control),
                              build->groups->match_empty_or_deleted(control));
      },
      py::arg("name"), py::arg("mode"), py::arg("group"), py::arg("h2"),
      "(match(h2), match_empty, match_empty_or_deleted) of one engine build on 16 control "
      "bytes: bit i is slot i.");
}

}  // namespace dxpy::bindings
