"""The peers beside CPython: StringZilla and glibc's ``memmem`` and ``memchr`` (through ctypes)."""

from __future__ import annotations

import ctypes
import functools
import importlib.metadata
import platform
from collections.abc import Callable

try:
    import stringzilla
except ImportError:  # the benchmark still runs; StringZilla's rows are left out
    stringzilla = None


def stringzilla_version() -> str | None:
    """The installed StringZilla version, or ``None`` where it is not installed."""
    if stringzilla is None:
        return None
    try:
        return importlib.metadata.version("stringzilla")
    except importlib.metadata.PackageNotFoundError:
        return getattr(stringzilla, "__version__", "unknown")


def stringzilla_str(text: str | bytes) -> object | None:
    """A StringZilla ``Str`` viewing ``text`` (built once, outside any timing), or ``None``."""
    return None if stringzilla is None else stringzilla.Str(text)


@functools.cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None)
    except OSError:
        return None


@functools.cache
def _memmem() -> Callable[..., int | None] | None:
    libc = _libc()
    function = getattr(libc, "memmem", None) if libc is not None else None
    if function is None:
        return None
    # void *memmem(const void *haystack, size_t haystacklen,
    #              const void *needle, size_t needlelen);
    # c_char_p passes a bytes object's own buffer, without a copy.
    function.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t]
    function.restype = ctypes.c_void_p
    return function


@functools.cache
def _memchr() -> Callable[..., int | None] | None:
    libc = _libc()
    function = getattr(libc, "memchr", None) if libc is not None else None
    if function is None:
        return None
    # void *memchr(const void *s, int c, size_t n);
    function.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_size_t]
    function.restype = ctypes.c_void_p
    return function


def glibc_version() -> str | None:
    """The C library's version (``gnu_get_libc_version``), or ``None`` where unknown."""
    libc = _libc()
    version_function = getattr(libc, "gnu_get_libc_version", None) if libc else None
    if version_function is None:
        name, version = platform.libc_ver()
        return f"{name} {version}".strip() or None
    version_function.restype = ctypes.c_char_p
    return version_function().decode("ascii")


def memmem_call(haystack: bytes, needle: bytes) -> Callable[[], object] | None:
    """A zero-argument call of ``memmem`` on the two buffers (the timed form), or ``None``."""
    function = _memmem()
    if function is None:
        return None
    return functools.partial(function, haystack, len(haystack), needle, len(needle))


def memmem_find(haystack: bytes, needle: bytes) -> int:
    """``haystack.find(needle)`` computed by ``memmem``: the match's offset, or -1."""
    function = _memmem()
    if function is None:
        raise RuntimeError("memmem is not available in this C library")
    address = function(haystack, len(haystack), needle, len(needle))
    if address is None:
        return -1
    start = ctypes.cast(ctypes.c_char_p(haystack), ctypes.c_void_p).value
    return address - start


def memchr_call(haystack: bytes, needle: bytes) -> Callable[[], object] | None:
    """A zero-argument call of ``memchr`` for the one byte of ``needle``, or ``None``."""
    function = _memchr()
    if function is None or len(needle) != 1:
        return None
    return functools.partial(function, haystack, needle[0], len(haystack))


def memchr_find(haystack: bytes, needle: bytes) -> int:
    """``haystack.find(needle)`` of a one-byte needle computed by ``memchr``, or -1."""
    function = _memchr()
    if function is None:
        raise RuntimeError("memchr is not available in this C library")
    address = function(haystack, needle[0], len(haystack))
    if address is None:
        return -1
    start = ctypes.cast(ctypes.c_char_p(haystack), ctypes.c_void_p).value
    return address - start
