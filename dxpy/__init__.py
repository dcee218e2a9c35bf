"""dxpy: a native Python runtime in C++, held to CPython by executable properties.

The string engines are reached through :func:`engines`, :func:`engine` and
:func:`default_engine`. Every engine answers exactly what CPython's ``str`` and
``bytes`` methods answer; they differ only in the instructions they run.

:class:`SimdList` is a fixed-length int64 / float64 list whose ``sum``,
``filter_gt``, ``map_mul2``, ``index`` and ``count`` run on an engine's SIMD
kernels (``engine=`` picks one); it shares memory with NumPy arrays and any
other int64 / float64 buffer without copying.

:class:`SwissDict` is a mutable mapping with dict's semantics whose index is a
Swiss table, probed 16 control bytes at a time with an engine's SIMD.

:func:`parse` is ``ast.parse`` done by dxpy's own C++ parser: the same tree,
node for node, or the same SyntaxError.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import NamedTuple

from dxpy import _native
from dxpy._native import Engine, SimdList, SwissDict
from dxpy._parse import parse

__all__ = [
    "Engine",
    "EngineInfo",
    "SimdList",
    "SwissDict",
    "default_engine",
    "engine",
    "engine_builds",
    "engines",
    "parse",
]


# A SwissDict is a MutableMapping: isinstance() and the abc registry say so.
MutableMapping.register(SwissDict)


class EngineInfo(NamedTuple):
    """One engine of this build: its ``name``, its ``isa`` (instruction set) and how it runs here.

    ``mode`` is ``"native"`` when the CPU executes the engine's instructions
    itself and ``"emulated"`` when the engine is the SIMDe translation of them.
    """

    name: str
    isa: str
    mode: str


def engines() -> list[EngineInfo]:
    """Every engine this build can run here, scalar first."""
    return [EngineInfo(*entry) for entry in _native.engine_table()]


def engine_builds() -> list[EngineInfo]:
    """Every build this machine can run: one per engine and mode.

    Where an engine runs natively its emulated build is listed as well, so a
    test suite can hold both to the same answers (``engine(name, mode=...)``).
    """
    return [EngineInfo(*entry) for entry in _native.runnable_builds()]


def default_engine() -> str:
    """The engine :func:`engine` returns by default.

    ``DXPY_ENGINE`` names it when set (an unknown name raises ``ValueError``
    listing the engines); otherwise it is the best native engine that both the
    CPU and the operating system support. An emulated engine is never chosen
    unless named.
    """
    return _native.default_engine_name()


def engine(name: str | None = None, *, mode: str | None = None) -> Engine:
    """The engine called ``name`` (``None``: :func:`default_engine`).

    ``mode`` may ask for ``"native"`` or ``"emulated"`` explicitly; by default
    an engine runs natively where the CPU supports it and emulated otherwise,
    so asking for any engine never ends in SIGILL.
    """
    # CPython's wording for a wrong argument type, never pybind11's overload listing.
    if name is not None and not isinstance(name, str):
        raise TypeError(f"engine() argument 'name' must be str or None, not {type(name).__name__}")
    if mode is not None and not isinstance(mode, str):
        raise TypeError(f"engine() argument 'mode' must be str or None, not {type(mode).__name__}")
    if name is None:
        name = default_engine()
    return _native.get_engine(name, mode)
