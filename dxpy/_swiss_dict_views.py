"""The views of :class:`dxpy.SwissDict`: ``keys()``, ``values()`` and ``items()``.

They are the standard library's view classes (so the set operations,
``isdisjoint`` and equality with other sets and dict views come from
:mod:`collections.abc`), iterating with the native iterators of the SwissDict
instead of Python generators. Like dict's views they are live: they show the
dict as it is when used, and iterating one raises ``RuntimeError`` if the dict
changes size meanwhile.
"""

from __future__ import annotations

from collections.abc import ItemsView, KeysView, ValuesView
from types import MappingProxyType

from dxpy._native import SwissDict

# The views read the dict through SwissDict's own slots, never through a
# subclass's overrides (dict_keys does not call an overridden __iter__ or
# __contains__ either: a subclass whose __iter__ is keys() must not recurse).
_iter_keys = SwissDict.__iter__
_reversed_keys = SwissDict.__reversed__
_contains = SwissDict.__contains__
_get = SwissDict.get


class _Live:
    __slots__ = ()

    @property
    def mapping(self):
        """A read-only proxy of the SwissDict the view shows (as ``dict_keys.mapping``)."""
        return MappingProxyType(self._mapping)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


class SwissDictKeys(_Live, KeysView):
    """The keys of a SwissDict, in insertion order; set-like."""

    __slots__ = ()

    def __iter__(self):
        return _iter_keys(self._mapping)

    def __reversed__(self):
        return _reversed_keys(self._mapping)

    def __contains__(self, key) -> bool:
        return _contains(self._mapping, key)


class SwissDictValues(_Live, ValuesView):
    """The values of a SwissDict, in insertion order."""

    __slots__ = ()

    def __iter__(self):
        return self._mapping._iter_values()

    def __reversed__(self):
        return self._mapping._reversed_values()


class SwissDictItems(_Live, ItemsView):
    """The ``(key, value)`` pairs of a SwissDict, in insertion order; set-like."""

    __slots__ = ()

    def __iter__(self):
        return self._mapping._iter_items()

    def __reversed__(self):
        return self._mapping._reversed_items()

    def __contains__(self, item) -> bool:
        # dict_items' rule: a 2-tuple whose key is present with an equal value.
        if not isinstance(item, tuple) or len(item) != 2:
            return False
        key, value = item
        sentinel = _MISSING
        found = _get(self._mapping, key, sentinel)
        return found is not sentinel and (found is value or found == value)


_MISSING = object()
