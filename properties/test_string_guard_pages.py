"""Every engine reads and writes only inside its inputs: the string properties'
inputs placed against inaccessible pages, in this process.

Each text argument that test_string_engines.py draws is turned into an object
whose storage CPython keeps outside the object header, and that storage is
moved against a PROT_NONE page (``dxpy._native.GuardedStorage``, see
cpp/bindings/guard_pages.h): a bytes-like argument becomes a bytearray (or a
memoryview of one), a str a str subclass instance (its characters, and the
UTF-8 form the engines read, both guarded). The data ends at the page after
it, or (now and then) starts at the page before it. One byte too far is a
fault that the handler records and lets complete, so the example that did it
fails with the argument and the offset, deterministically (Hypothesis shrinks
it), instead of a read that succeeds by chance or a crashed worker.

What cannot be guarded: exact bytes and compact str (their bytes live inside
the object, with a NUL after them), and empty bytearrays (CPython hands out
one shared empty buffer); the other suites hold those, and the sanitizer run
(ci/sanitizers.sh) checks them with ASan. A quarter of the profile's
examples: the inputs are the same-kind suite's, only placed differently.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pytest
import test_string_engines as same_kind
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, composite
from strategies import KINDS
from string_ops import TASKS_OF_OP, task_marks, typed

import dxpy

GuardedStorage = dxpy._native.GuardedStorage


class GuardedStr(str):
    """A str subclass: CPython keeps its characters in a separate block, which can be moved."""


def unguarded_twin(value: Any) -> Any:
    """The same text in the same kind, in ordinary memory: CPython's input."""
    if isinstance(value, str):
        return GuardedStr(value)
    if isinstance(value, memoryview):
        return memoryview(bytearray(value))
    return bytearray(value)


class Placement:
    """The guarded forms of one call's arguments; release() puts them back."""

    def __init__(self) -> None:
        self.storages: list[tuple[str, GuardedStorage]] = []

    def guard(self, value: Any, what: str, at_start: bool, as_view: bool) -> Any:
        if isinstance(value, str):
            storage = GuardedStorage(GuardedStr(value), at_start)
            self.storages.append((what, storage))
            return storage.value
        if not isinstance(value, (bytes, bytearray, memoryview)):
            return value  # an int needle, None, a count
        storage = GuardedStorage(bytearray(value), at_start)
        self.storages.append((what, storage))
        return memoryview(storage.value) if as_view else storage.value

    def faults(self) -> list[str]:
        return [
            f"{what}'s {storage_name}: access at offset {offset} of {size} bytes"
            for what, storage in self.storages
            if storage.fault is not None
            for storage_name, offset, size in [storage.fault]
        ]

    def release(self) -> None:
        for _, storage in self.storages:
            storage.release()


@composite
def guarded_arguments(draw: DrawFn, op: str, kind: str) -> tuple[tuple, tuple, Placement]:
    """(guarded args, CPython's args, the placement) for ``op``."""
    args = draw(same_kind.ARGUMENTS[op, kind])
    placement = Placement()

    def guarded(value: Any, what: str, receiver: bool) -> Any:
        at_start = draw(st.integers(0, 3)) == 0
        as_view = not receiver and op != "eq" and draw(st.booleans())
        return placement.guard(value, what, at_start, as_view)

    if op == "join":
        separator, parts, container = args
        guarded_args = (
            guarded(separator, "the separator", True),
            tuple(guarded(part, f"part {index}", False) for index, part in enumerate(parts)),
            container,
        )
        expected_args = (
            unguarded_twin(separator),
            tuple(unguarded_twin(part) for part in parts),
            container,
        )
    else:
        guarded_args = tuple(
            guarded(value, f"argument {index}", index == 0) for index, value in enumerate(args)
        )
        expected_args = tuple(
            unguarded_twin(value)
            if isinstance(value, (str, bytes, bytearray, memoryview))
            else value
            for value in args
        )
    return guarded_args, expected_args, placement


def on_cpython(op: str, args: tuple) -> Any:
    if op == "eq":
        return args[0] == args[1]
    if op == "join":
        separator, parts, container = args
        return separator.join(container(parts))
    receiver, *rest = args
    return getattr(receiver, op)(*rest)


def on_engine(engine, op: str, args: tuple) -> Any:
    if op == "join":
        separator, parts, container = args
        return engine.join(separator, container(parts))
    return getattr(engine, op)(*args)


@pytest.mark.parametrize(
    ("op", "kind"),
    [
        pytest.param(op, kind, id=f"{op}-{kind}", marks=task_marks(*TASKS_OF_OP[op]))
        for op in TASKS_OF_OP
        for kind in KINDS
    ],
)
@settings(max_examples=max(10, settings.default.max_examples // 4))
@given(data=st.data())
def test_engines_stay_inside_guard_paged_inputs(engine, op, kind, data):
    guarded_args, expected_args, placement = data.draw(guarded_arguments(op, kind), label="args")
    try:
        expected = typed(on_cpython(op, expected_args))
        actual = typed(on_engine(engine, op, guarded_args))
        faults = placement.faults()
    finally:
        placement.release()
    assert not faults, f"{engine.name} {op} went outside its input: {'; '.join(faults)}"
    assert actual == expected, f"{engine.name} {op}{expected_args!r}"


@pytest.mark.parametrize("at_start", [False, True], ids=["after-the-end", "before-the-start"])
def test_a_read_outside_guarded_storage_is_reported_not_a_crash(at_start):
    """The guard itself can fail: ctypes reads one byte past (or before) the data."""
    storage = GuardedStorage(bytearray(b"hello"), at_start)
    try:
        address = ctypes.addressof((ctypes.c_char * 5).from_buffer(storage.value))
        assert storage.fault is None
        if at_start:
            ctypes.string_at(address - 1, 1)
        else:
            ctypes.string_at(address, 6)
        assert storage.fault == ("storage", -1 if at_start else 5, 5)
    finally:
        storage.release()
    assert storage.value == bytearray(b"hello")


def test_guarded_str_storage_and_utf8_form_hold_the_same_text(engine):
    for text in ("abc", "héllo", "😀x", "\ud800a", ""):
        storage = GuardedStorage(GuardedStr(text))
        try:
            guarded = storage.value
            assert guarded == text and engine.eq(guarded, text)
            assert engine.upper(guarded) == text.upper()
            assert storage.fault is None
        finally:
            storage.release()
        assert storage.value == text


def test_guarded_bytearray_cannot_resize_until_released():
    storage = GuardedStorage(bytearray(b"abc"))
    with pytest.raises(BufferError):
        storage.value.extend(b"d")
    storage.release()
    storage.value.extend(b"d")
    assert storage.value == bytearray(b"abcd")
