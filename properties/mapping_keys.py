"""Keys that stress a hash table, for the SwissDict properties.

The pools aim at what a Swiss table can get wrong: keys whose hashes collide
(objects with a fixed ``__hash__``, ``-1``/``-2``, ``0``/``2**61 - 1``, ``b"a"``
and ``"a"``), keys that are equal across types (``1``, ``1.0``, ``True``,
``1 + 0j``), NaN objects that only equal themselves, str of every storage
kind and a str subclass equal to a plain str, big ints, tuples and None.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from hypothesis import strategies as st


class CollidingKey:
    """A key whose hash is one of a few values; equal iff the labels are.

    ``log``, when set, records every ``__eq__`` call as (self label, other
    label), so that two runs can be compared call for call.
    """

    __slots__ = ("hash_value", "label")
    log: list | None = None

    def __init__(self, label: int, hash_value: int) -> None:
        self.label = label
        self.hash_value = hash_value

    def __hash__(self) -> int:
        return self.hash_value

    def __eq__(self, other: object) -> bool:
        if CollidingKey.log is not None:
            CollidingKey.log.append((self.label, getattr(other, "label", repr(other))))
        if not isinstance(other, CollidingKey):
            return NotImplemented
        return self.label == other.label

    def __repr__(self) -> str:
        return f"CollidingKey({self.label}, hash={self.hash_value})"


class StrSubclass(str):
    """A str subclass: equal to (and hashed like) the plain str, but not exact."""

    __slots__ = ()


NAN_A = float("nan")
NAN_B = float("nan")

# Three hash values for the colliding keys: 40 keys share them, so probes run
# through many full groups; 2**40 + 5 collides with nothing else in the pools.
COLLIDING_HASHES = (0, 7, 2**40 + 5)
COLLIDING_KEYS = tuple(CollidingKey(label, COLLIDING_HASHES[label % 3]) for label in range(40))

SPECIAL_KEYS = (
    0, 1, -1, -2, 2, 1.0, 0.0, -0.0, True, False, 1 + 0j,
    2**61 - 1, 2**61, 2**64 + 5, -(2**70), 10**30,
    "", "a", "b", "ab", "é", "€", "😀", "a" * 17, "a" * 16 + "b", StrSubclass("a"),
    b"a", b"", None, (1, 2), (1, (2,)), (), frozenset({1}),
    NAN_A, NAN_B, math.inf,
)  # fmt: skip
SMALL_INTS = tuple(range(-3, 40))
SHORT_STRS = tuple(f"s{index}" for index in range(30))

KEY_POOL = SPECIAL_KEYS + SMALL_INTS + SHORT_STRS + COLLIDING_KEYS


def pool_keys() -> st.SearchStrategy:
    """A key of the pool: mostly ones that collide or compare across types."""
    return st.one_of(
        st.sampled_from(SPECIAL_KEYS),
        st.sampled_from(COLLIDING_KEYS),
        st.sampled_from(SMALL_INTS),
        st.sampled_from(SHORT_STRS),
    )


@dataclass
class FreshKeys:
    """Keys never seen before (for bulk inserts that force resizes), of a few kinds."""

    counter: int = 0
    made: list = field(default_factory=list)

    def take(self, count: int, kind: str) -> list:
        keys = []
        for _ in range(count):
            self.counter += 1
            if kind == "int":
                keys.append(1_000_000 + self.counter * 7919)
            elif kind == "str":
                keys.append(f"fresh-{self.counter}")
            else:  # colliding: all in one bucket of hash values
                keys.append(CollidingKey(10_000 + self.counter, COLLIDING_HASHES[1]))
        self.made += keys
        return keys


def same_items(mapping, model: dict) -> bool:
    """Same (key, value) pairs in the same order, keys being the very same objects."""
    items, expected = list(mapping.items()), list(model.items())
    return len(items) == len(expected) and all(
        key is expected_key and (value is expected_value or value == expected_value)
        for (key, value), (expected_key, expected_value) in zip(items, expected, strict=True)
    )
