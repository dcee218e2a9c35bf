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
        return iter(self._mapping)

    def __reversed__(self):
        return reversed(self._mapping)

    def __contains__(self, key) -> bool:
        return key in self._mapping


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
        found = self._mapping.get(key, sentinel)
        return found is not sentinel and (found is value or found == value)


_MISSING = object()
