"""The string operations every engine provides, and how CPython answers them.

Shared by the property suites: ``call`` runs one operation on an engine or (with
``engine=None``) on CPython, the oracle; ``typed`` makes results comparable with
their types, so ``bytearray`` never passes for ``bytes`` nor ``int`` for ``bool``.
"""

from __future__ import annotations

from typing import Any

import pytest

OPS = ("find", "count", "eq", "lower", "upper", "split", "join", "replace")

# The seed's tasks.md entries each operation verifies: NEON (1.x), AVX-512 (2.x).
TASKS_OF_OP = {
    "find": ("1.2", "2.2"),
    "eq": ("1.3", "2.3"),
    "lower": ("1.4", "2.4"),
    "upper": ("1.4", "2.4"),
    "split": ("1.5", "2.4"),
    "join": ("1.5", "2.4"),
    "replace": ("1.5", "2.4"),
    "count": ("1.6", "2.4"),
}


def task_marks(*task_ids: str) -> list:
    return [pytest.mark.task(task_id) for task_id in task_ids]


def call(engine: Any, op: str, args: tuple) -> Any:
    """``op`` on ``args`` by ``engine``, or by CPython's own methods when ``engine`` is None.

    ``join`` takes (separator, parts, container): the container (list, tuple,
    iter) is built afresh for each call, so an iterator is never shared.
    """
    if op == "join":
        separator, parts, container = args
        parts = container(parts)
        return separator.join(parts) if engine is None else engine.join(separator, parts)
    if engine is not None:
        return getattr(engine, op)(*args)
    receiver, *rest = args
    if op == "eq":
        return receiver == rest[0]
    return getattr(receiver, op)(*rest)


def typed(value: Any) -> Any:
    """``value`` with the type of every element spelled out, for exact comparison."""
    if isinstance(value, list):
        return ("list", [typed(item) for item in value])
    return (type(value).__name__, value)


def snapshot(args: Any) -> list:
    """The contents of the arguments, mutable buffers copied, to check they are unchanged."""
    if isinstance(args, (tuple, list)):
        return [snapshot(item) for item in args]
    if isinstance(args, (bytearray, memoryview)):
        return [type(args).__name__, bytes(args)]
    if callable(args):
        return [getattr(args, "__name__", repr(args))]
    return [type(args).__name__, args]
