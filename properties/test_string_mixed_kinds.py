"""Every engine == CPython when an operation's arguments are of different kinds.

test_string_engines.py draws each operation's arguments of one family (str, or
bytes-like). Here every text argument is recast independently: a bytes-like
one as bytes, bytearray, a memoryview (at an unaligned offset, or cast to
'c'), an array.array, or a subclass of bytes or bytearray; a str as str or a
str subclass; and now and then into the other family (str as UTF-8 bytes,
bytes as Latin-1 str), where CPython raises TypeError. The engine must give
CPython's answer, of the same type, or raise CPython's exception class, and
leave every argument unchanged. ``Engine.eq(b'ab', bytearray(b'ab'))`` is True
because ``b'ab' == bytearray(b'ab')`` is; eq takes str, bytes and bytearray
(and their subclasses) only, so its arguments are recast among those.

Found by this property: ``S('').split('a')`` and ``S('aaa').split('€')`` (S a
str subclass) answer ``[S(...)]``, the text itself, where the engines made a
new str: CPython returns the text when it cannot hold the separator.

A third of the profile's examples: the same-kind suite already covers the
inputs; these cover their kinds.
"""

from __future__ import annotations

import array
from typing import Any

import pytest
import test_string_engines as same_kind
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, composite
from strategies import KINDS
from string_ops import TASKS_OF_OP, snapshot, task_marks, typed


class StrSubclass(str):
    pass


class BytesSubclass(bytes):
    pass


class ByteArraySubclass(bytearray):
    pass


def unaligned_view(data: bytes) -> memoryview:
    return memoryview(b"\xaa\xaa\xaa" + data + b"\xaa")[3 : 3 + len(data)]


BINARY_FORMS = {
    "bytes": bytes,
    "bytearray": bytearray,
    "bytes_subclass": BytesSubclass,
    "bytearray_subclass": ByteArraySubclass,
    "memoryview": lambda data: memoryview(bytearray(data)),
    "unaligned_memoryview": unaligned_view,
    "cast_memoryview": lambda data: memoryview(data).cast("c"),
    "array": lambda data: array.array("B", data),
}
# What eq() takes: str, bytes, bytearray and their subclasses.
EQ_BINARY_FORMS = ("bytes", "bytearray", "bytes_subclass", "bytearray_subclass")
STR_FORMS = {"str": str, "str_subclass": StrSubclass}


def is_text(value: Any) -> bool:
    return isinstance(value, (str, bytes, bytearray, memoryview, array.array))


@composite
def recast(draw: DrawFn, value: Any, binary_forms: tuple[str, ...]) -> Any:
    """``value`` in another accepted form of its family, or (one time in five) of the other."""
    if not is_text(value):
        return value  # an int needle, None, a count
    other_family = draw(st.integers(0, 4)) == 0
    if isinstance(value, str):
        if other_family:
            encoded = value.encode("utf-8", "surrogatepass")
            return BINARY_FORMS[draw(st.sampled_from(binary_forms))](encoded)
        return STR_FORMS[draw(st.sampled_from(tuple(STR_FORMS)))](value)
    data = bytes(value)
    if other_family:
        return STR_FORMS[draw(st.sampled_from(tuple(STR_FORMS)))](data.decode("latin-1"))
    return BINARY_FORMS[draw(st.sampled_from(binary_forms))](data)


@composite
def mixed_kind_arguments(draw: DrawFn, op: str, kind: str) -> tuple:
    """The arguments of ``op`` (as test_string_engines draws them), each text recast."""
    args = draw(same_kind.ARGUMENTS[op, kind])
    forms = EQ_BINARY_FORMS if op == "eq" else tuple(BINARY_FORMS)
    if op == "join":
        separator, parts, container = args
        recast_parts = tuple(draw(recast(part, forms)) for part in parts)
        return draw(recast(separator, forms)), recast_parts, container
    return tuple(draw(recast(argument, forms)) for argument in args)


def builtin_owner(receiver: Any) -> type:
    """The builtin type whose method CPython would run (str for anything else, so
    a receiver of no text type gets str's TypeError, as the engines raise)."""
    for owner in (str, bytes, bytearray):
        if isinstance(receiver, owner):
            return owner
    return str


def on_cpython(op: str, args: tuple) -> Any:
    if op == "eq":
        return args[0] == args[1]
    if op == "join":
        separator, parts, container = args
        return builtin_owner(separator).join(separator, container(parts))
    return getattr(builtin_owner(args[0]), op)(*args)


def on_engine(engine, op: str, args: tuple) -> Any:
    if op == "join":
        separator, parts, container = args
        return engine.join(separator, container(parts))
    return getattr(engine, op)(*args)


def outcome(run) -> tuple:
    try:
        return ("returns", typed(run()))
    except Exception as error:
        return ("raises", type(error))


@pytest.mark.parametrize(
    ("op", "kind"),
    [
        pytest.param(op, kind, id=f"{op}-{kind}", marks=task_marks(*TASKS_OF_OP[op]))
        for op in TASKS_OF_OP
        for kind in KINDS
    ],
)
@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(data=st.data())
def test_arguments_of_different_kinds_get_cpythons_answer(engine, op, kind, data):
    args = data.draw(mixed_kind_arguments(op, kind), label="args")
    before = snapshot(args)
    expected = outcome(lambda: on_cpython(op, args))
    actual = outcome(lambda: on_engine(engine, op, args))
    assert actual == expected, f"{engine.name} {op}{args!r}"
    assert snapshot(args) == before, f"{engine.name} {op} changed its arguments"


BYTES_LIKE_PAIRS = [
    (b"ab", bytearray(b"ab")),
    (bytearray(b"ab"), b"ab"),
    (bytearray(b"ab"), bytearray(b"ab")),
    (BytesSubclass(b"ab"), bytearray(b"ab")),
    (ByteArraySubclass(b"x" * 70), b"x" * 70),
    (b"ab", bytearray(b"ac")),
    (bytearray(b""), b""),
    ("ab", b"ab"),
    (bytearray(b"ab"), "ab"),
    (StrSubclass("ab"), "ab"),
]


@pytest.mark.task("1.3")
@pytest.mark.task("2.3")
@pytest.mark.parametrize(
    ("a", "b"), BYTES_LIKE_PAIRS, ids=[repr(pair) for pair in BYTES_LIKE_PAIRS]
)
def test_eq_across_kinds_is_pythons_equality(engine, a, b):
    assert engine.eq(a, b) is (a == b)
