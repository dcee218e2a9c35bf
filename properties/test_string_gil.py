"""String kernels on large inputs run without the GIL and still answer what CPython does.

Every operation releases the GIL for inputs of at least
``dxpy._native._string_release_gil_bytes`` (256 KiB); join only when its parts
come in a sequence no other thread can change (a tuple, or an iterator join
collects itself), not a list the caller passed, whose items it reads in place.

How a release is seen, without depending on timing: a second thread counts,
sleeping a little between counts (each sleep releases the GIL, so the main
thread gets it back at once when it wants it). The switch interval is set to
100 s, so the main thread never hands the GIL over on its own between reading
the count and making the call: the count can advance during the call only if
the call released the GIL. A kernel that holds it gives exactly 0 on every
attempt; one that releases it gives a positive count as soon as the OS runs
the counting thread during one of the (up to 40) calls of tens of megabytes.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from string_ops import TASKS_OF_OP, task_marks, typed

import dxpy

RELEASE_BYTES = dxpy._native._string_release_gil_bytes
LARGE_BYTES = 32 << 20
ATTEMPTS = 40


def text_of_size(kind: str, size: int, unit: str = "aB cd\u00e9\n") -> str | bytes:
    """Lines of a short mixed-case pattern, ``size`` bytes as the engines see
    them (UTF-8 for str; bytes replace 'é' by 'e'), with an 'x' at the very end."""
    if kind == "bytes":
        pattern = unit.replace("\u00e9", "e").encode()
        return (pattern * (size // len(pattern) + 1))[: size - 1] + b"x"
    pattern = unit
    encoded = len(pattern.encode())
    text = pattern * (size // encoded)
    return text + "a" * (size - len(text.encode()) - 1) + "x"


def lines_of(kind: str, size: int) -> tuple:
    """Parts of about 1 KiB for join, ``size`` bytes in all."""
    part = text_of_size(kind, 1024)
    return (part,) * (size // 1024)


def arguments(op: str, kind: str, size: int) -> tuple:
    """Arguments whose scan covers ``size`` bytes (the match, if any, is at the end)."""
    text = text_of_size(kind, size)
    literal = (lambda s: s) if kind == "str" else str.encode
    if op in ("find", "count"):
        return text, literal("x" if op == "find" else "cd")
    if op == "eq":
        twin = text[:-1] + text[-1:]  # equal, but another object
        return text, twin
    if op in ("lower", "upper"):
        return (text,)
    if op == "split":
        return text, literal("x"), -1  # two pieces: the scan is the work
    if op == "join":
        return literal("-"), lines_of(kind, size)
    return text, literal("x"), literal("yz"), -1  # replace


def on_engine(engine, op: str, args: tuple) -> Any:
    return getattr(engine, op)(*args)


def on_cpython(op: str, args: tuple) -> Any:
    receiver, *rest = args
    if op == "eq":
        return receiver == rest[0]
    return getattr(receiver, op)(*rest)


class CountingThread:
    """Counts while it can get the GIL, giving it back between counts."""

    def __init__(self) -> None:
        self.count = 0
        self.running = True
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while self.running:
            self.count += 1
            time.sleep(0.0002)


@contextmanager
def counting_thread() -> Iterator[CountingThread]:
    interval = sys.getswitchinterval()
    counter = CountingThread()
    sys.setswitchinterval(100.0)
    counter.thread.start()
    try:
        yield counter
    finally:
        counter.running = False
        sys.setswitchinterval(interval)
        counter.thread.join()


def counts_during(counter: CountingThread, call: Callable[[], Any]) -> tuple[int, Any]:
    before = counter.count
    result = call()
    return counter.count - before, result


OP_KINDS = [
    pytest.param(op, kind, id=f"{op}-{kind}", marks=task_marks(*TASKS_OF_OP[op]))
    for op in TASKS_OF_OP
    for kind in ("str", "bytes")
]


@pytest.mark.parametrize(("op", "kind"), OP_KINDS)
def test_kernels_on_32_mib_release_the_gil_and_answer_like_cpython(engine, op, kind):
    args = arguments(op, kind, LARGE_BYTES)
    expected = typed(on_cpython(op, args))
    progress = []
    with counting_thread() as counter:
        for _ in range(ATTEMPTS):
            advanced, result = counts_during(counter, lambda: on_engine(engine, op, args))
            assert typed(result) == expected, f"{engine.name} {op} of 32 MiB"
            progress.append(advanced)
            if advanced > 0:
                break
    assert max(progress) > 0, (
        f"{engine.name} {op} of 32 MiB {kind} never let another thread run "
        f"({len(progress)} calls): it holds the GIL"
    )


def test_join_of_a_list_the_caller_passed_keeps_the_gil_and_answers_like_cpython(engine):
    """A list the caller passed may change under a join without the GIL (its
    items are read in place): that join holds it, and is right."""
    separator, parts = arguments("join", "str", 4 << 20)
    shared = list(parts)
    with counting_thread() as counter:
        advanced, result = counts_during(counter, lambda: engine.join(separator, shared))
    assert result == separator.join(shared)
    assert advanced == 0


THRESHOLD_SIZES = (RELEASE_BYTES - 1, RELEASE_BYTES, RELEASE_BYTES + 1)


@pytest.mark.parametrize("size", THRESHOLD_SIZES, ids=lambda size: f"{size}-bytes")
@pytest.mark.parametrize(("op", "kind"), OP_KINDS)
def test_inputs_around_the_gil_threshold_get_cpythons_answer(engine, op, kind, size):
    args = arguments(op, kind, size)
    assert typed(on_engine(engine, op, args)) == typed(on_cpython(op, args))
