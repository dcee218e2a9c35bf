"""Kernels timed in C++: dxpy._native.time_kernel and time_list_kernel, where the build has them.

A Python call of an engine method costs about 100 ns before the kernel starts
(argument parsing, the result object); on 64 bytes that is most of the time
measured. The native module can loop a kernel in C++ instead
(``cpp/bindings/kernel_timing.cpp``): the same text operation of the same
engine build, on buffers prepared once, ``loops`` times with the GIL
released, answering the elapsed nanoseconds. Those numbers are labelled
"C++ loop" everywhere; they measure the kernels, not the bindings.

A build without the entry point (an older one) simply has no C++-timed rows;
:func:`available` says which is the case and the report states it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dxpy import _native

Timer = Callable[[int], int]


def available() -> bool:
    """Whether this build of dxpy._native can time kernels in C++."""
    return hasattr(_native, "time_kernel") and hasattr(_native, "time_list_kernel")


def _as_bytes(value: str | bytes | None) -> bytes:
    if value is None:
        return b""
    return value.encode("utf-8", errors="surrogatepass") if isinstance(value, str) else value


@dataclass(frozen=True)
class TextArguments:
    """A text operation's arguments as the bytes the C++ loop reads (UTF-8 for str)."""

    text: bytes
    operand: bytes
    replacement: bytes

    @classmethod
    def of(
        cls,
        text: str | bytes,
        operand: str | bytes | None = None,
        replacement: str | bytes | None = None,
    ) -> TextArguments:
        """The arguments of a call on ``text``; a missing operand or replacement is empty."""
        return cls(_as_bytes(text), _as_bytes(operand), _as_bytes(replacement))


def text_kernel(
    op: str, engine: str, mode: str, arguments: TextArguments, utf8: bool
) -> tuple[Timer, Callable[[], object]]:
    """(timer, answer) of one engine's text operation looped in C++.

    ``utf8`` says the text is a str's UTF-8; the loop then runs in the encoding the
    bindings choose for it (an ASCII str as bytes, except ``split`` on whitespace),
    so it times the kernels the Python call runs. The answer is what one call gives:
    find's index, count's count, eq's 0/1, the result's size in UTF-8 bytes (lower,
    upper, replace), or the number of pieces (split; an empty operand splits on
    whitespace).
    """
    time_kernel = _native.time_kernel

    def run(loops: int) -> tuple[int, object]:
        return time_kernel(
            op,
            engine,
            mode,
            arguments.text,
            arguments.operand,
            arguments.replacement,
            utf8=utf8,
            loops=loops,
        )

    return (lambda loops: run(loops)[0]), (lambda: run(1)[1])


def libc_peer(peer: str, first: bytes, second: bytes) -> tuple[Timer, Callable[[], object]]:
    """(timer, answer) of glibc ``memchr`` (one-byte find), ``memmem`` (find) or ``memcmp``
    (eq: 0/1) looped in C++."""
    time_kernel = _native.time_kernel

    def run(loops: int) -> tuple[int, object]:
        return time_kernel(peer, None, "", first, second, b"", utf8=False, loops=loops)

    return (lambda loops: run(loops)[0]), (lambda: run(1)[1])


def list_kernel(
    op: str, engine: str, mode: str, values: object, threshold: int | float = 0
) -> tuple[Timer, Callable[[], object]]:
    """(timer, answer) of one SimdList kernel on an int64/float64 buffer, looped in C++.

    The answer is the sum (an exact int for int64) or the result's length.
    """
    time_list_kernel = _native.time_list_kernel

    def run(loops: int) -> tuple[int, object]:
        return time_list_kernel(op, engine, mode, values, threshold, loops=loops)

    return (lambda loops: run(loops)[0]), (lambda: run(1)[1])


def traced_call(
    engine: str, mode: str, method: str, arguments: tuple, keywords: dict
) -> dict[str, int]:
    """{kernel: calls} of one Python call of ``engine.method`` (over its counting twin)."""

    def call(traced: object) -> object:
        return getattr(traced, method)(*arguments, **keywords)

    return _native._trace_kernels(engine, mode, call)[1]


def traced_text_kernel(
    op: str, engine: str, mode: str, arguments: TextArguments, utf8: bool
) -> dict[str, int]:
    """{kernel: calls} of one pass of :func:`text_kernel`'s C++ loop."""
    return _native._trace_kernel_loop(
        op, engine, mode, arguments.text, arguments.operand, arguments.replacement, utf8=utf8
    )
