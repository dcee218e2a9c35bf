"""The string arguments of a probe engine, checked and seen as bytes exactly as
the bindings do it (cpp/bindings/text_argument.cpp, string_methods.cpp).

The probe receives what a kernel would: UTF-8 (generalised: lone surrogates
as ``surrogatepass`` writes them) for a str, the raw bytes of a C-contiguous
buffer otherwise. Every refusal raises the class the bindings raise, so the
same P27 properties hold a probe engine to CPython. Type names are
``type(x).__name__``, which is the bindings' ``tp_name`` for every type the
properties use.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from enum import Enum

SSIZE_MIN, SSIZE_MAX = -(2**63), 2**63 - 1
BYTES_LIKE_REQUIRED = "a bytes-like object is required, not '{}'"


class TextKind(Enum):
    STR = "str"
    BYTES = "bytes"
    BYTEARRAY = "bytearray"


@dataclass(frozen=True)
class TextView:
    data: bytes
    ascii: bool  # known for a str; never claimed for a buffer


def type_name(value: object) -> str:
    return type(value).__name__


def has_buffer(value: object) -> bool:
    try:
        memoryview(value).release()
    except TypeError:
        return False
    except Exception:
        return True  # it has the slot; asking for a view is where it fails
    return True


def has_index(value: object) -> bool:
    return hasattr(type(value), "__index__")


def str_view(text: str) -> TextView:
    return TextView(str.encode(text, "utf-8", "surrogatepass"), str.isascii(text))


def buffer_view(value: object) -> TextView:
    """PyObject_GetBuffer(PyBUF_SIMPLE): the bytes of a C-contiguous buffer."""
    with memoryview(value) as view:
        if not view.c_contiguous:
            raise BufferError("memoryview: underlying buffer is not C-contiguous")
        return TextView(view.tobytes(), False)


def haystack_kind(value: object, method: str) -> TextKind:
    if isinstance(value, str):
        return TextKind.STR
    if isinstance(value, bytes):
        return TextKind.BYTES
    if isinstance(value, bytearray):
        return TextKind.BYTEARRAY
    raise TypeError(
        f"{method}() argument 1 must be str, bytes or bytearray, not {type_name(value)}"
    )


def haystack_view(value: object, kind: TextKind) -> TextView:
    return str_view(value) if kind is TextKind.STR else buffer_view(value)


def same_family_view(value: object, kind: TextKind, what: str) -> TextView:
    """An argument of the haystack's family: str for str, bytes-like for bytes."""
    if kind is TextKind.STR:
        if not isinstance(value, str):
            raise TypeError(f"{what} must be str, not {type_name(value)}")
        return str_view(value)
    if isinstance(value, str) or not has_buffer(value):
        raise TypeError(BYTES_LIKE_REQUIRED.format(type_name(value)))
    return buffer_view(value)


def needle_view(value: object, kind: TextKind) -> TextView:
    """find/count's needle: for bytes also an int in range(256)."""
    if kind is not TextKind.STR and not isinstance(value, str) and not has_buffer(value):
        if has_index(value):
            byte = operator.index(value)
            if not 0 <= byte <= 255:
                raise ValueError("byte must be in range(0, 256)")
            return TextView(bytes([byte]), False)
        raise TypeError(
            f"argument should be integer or bytes-like object, not '{type_name(value)}'"
        )
    if kind is not TextKind.STR and isinstance(value, str):
        raise TypeError(
            f"argument should be integer or bytes-like object, not '{type_name(value)}'"
        )
    return same_family_view(value, kind, "substring argument")


def index_argument(value: object) -> int:
    """maxsplit / count: an index that fits a Py_ssize_t."""
    if not has_index(value):
        raise TypeError(f"'{type_name(value)}' object cannot be interpreted as an integer")
    number = operator.index(value)
    if not SSIZE_MIN <= number <= SSIZE_MAX:
        raise OverflowError("Python int too large to convert to C ssize_t")
    return number


def join_views(parts: object, kind: TextKind) -> tuple[list[bytes], bool]:
    """The parts of ``separator.join(parts)`` as bytes, and whether all are ASCII
    (PySequence_Fast, then each item checked in order)."""
    if type(parts) in (list, tuple):
        items = parts
    else:
        try:
            iterator = iter(parts)
        except TypeError:
            raise TypeError("can only join an iterable") from None
        items = list(iterator)
    views, all_ascii = [], True
    for position, item in enumerate(items):
        if kind is TextKind.STR:
            if not isinstance(item, str):
                raise TypeError(
                    f"sequence item {position}: expected str instance, {type_name(item)} found"
                )
            view = str_view(item)
            all_ascii = all_ascii and view.ascii
        elif type(item) is bytes:
            view = TextView(item, False)
        else:
            not_bytes_like = TypeError(
                f"sequence item {position}: expected a bytes-like object, {type_name(item)} found"
            )
            if isinstance(item, str) or not has_buffer(item):
                raise not_bytes_like
            try:
                view = buffer_view(item)
            except BufferError:
                raise not_bytes_like from None
        views.append(view.data)
    return views, all_ascii


def result_text(data: bytes, kind: TextKind) -> str | bytes | bytearray:
    """A result of the haystack's kind made from the bytes the probe wrote."""
    if kind is TextKind.STR:
        return data.decode("utf-8", "surrogatepass")
    return bytearray(data) if kind is TextKind.BYTEARRAY else bytes(data)
