"""ProbeEngine: one build of a dxpy_probe, with the Python API of a dxpy.Engine.

Each call checks and encodes its arguments as the bindings do
(text_arguments.py), sends one request, and builds the result object the
bindings would build, so the string properties run unchanged against a
build of another architecture. The collection kernels are reached through
``list_kernel``, ``group_match`` and ``index_program``, for the SimdList front
(list_front.py) and the probe-only properties.
"""

from __future__ import annotations

import sys
from array import array
from dataclasses import dataclass

from probe_engines.process import BuildInfo, ProbeProcess
from probe_engines.text_arguments import (
    TextKind,
    haystack_kind,
    haystack_view,
    index_argument,
    join_views,
    needle_view,
    result_text,
    same_family_view,
    str_view,
    type_name,
)
from probe_engines.wire import Reply, Request

BYTES_ENCODING, UTF8_ENCODING = 0, 1


def encoding_of(kind: TextKind) -> int:
    return UTF8_ENCODING if kind is TextKind.STR else BYTES_ENCODING


@dataclass(frozen=True)
class IndexRun:
    """What a SwissIndex program did: per step (entry, slot); then the index's
    counts, or the first step after which an invariant was broken."""

    answers: list[tuple[int, int]]
    broken: tuple[int, str] | None
    counts: tuple[int, int, int, int] | None  # size, capacity, tombstones, growth_left


class ProbeEngine:
    """An engine build served by a probe process (native or emulated on its machine)."""

    def __init__(self, process: ProbeProcess, build: BuildInfo) -> None:
        self._process = process
        self._build = build
        self.name = build.name
        self.isa = build.isa
        self.mode = build.mode
        self.arch = process.arch
        self.runner = process.runner

    def sibling(self, name: str) -> ProbeEngine:
        """The build called ``name`` of the same probe (its scalar engine, say)."""
        build = next(build for build in self._process.info.builds if build.name == name)
        return ProbeEngine(self._process, build)

    @property
    def probe(self):
        """What the probe says of its machine (ProbeInfo: arch, byte order, builds)."""
        return self._process.info

    def __repr__(self) -> str:
        return f"<probe engine {self.name} ({self.mode}) on {self.arch} via {self.runner}>"

    def _call(self, operation: str, request: Request) -> Reply:
        return self._process.call(operation, request)

    def _build_request(self) -> Request:
        return Request().u8(self._build.index)

    # -- Engine API: find, count, eq ------------------------------------------

    def _search(self, operation: str, haystack: object, needle: object) -> Reply:
        kind = haystack_kind(haystack, operation)
        text = haystack_view(haystack, kind)
        wanted = needle_view(needle, kind)
        encoding = BYTES_ENCODING if text.ascii else encoding_of(kind)
        request = self._build_request().u8(encoding).blob(text.data).blob(wanted.data)
        return self._call(operation, request)

    def find(self, haystack, needle):
        reply = self._search("find", haystack, needle)
        return reply.i64()

    def count(self, haystack, needle):
        reply = self._search("count", haystack, needle)
        return reply.u64()

    def eq(self, a, b):
        for value in (a, b):
            if not isinstance(value, (str, bytes, bytearray)):
                raise TypeError(
                    f"eq() arguments must be str, bytes or bytearray, not {type_name(value)}"
                )
        if isinstance(a, str) != isinstance(b, str):
            return False
        if isinstance(a, str):
            if len(a) != len(b) or str.isascii(a) != str.isascii(b):
                return False
            first, second = str_view(a).data, str_view(b).data
        else:
            first, second = bytes(a), bytes(b)
        if len(first) != len(second):
            return False
        reply = self._call("equal", self._build_request().blob(first).blob(second))
        return reply.u8() == 1

    def unit_count(self, text):
        """Length in units (code points of a str, bytes of a bytes-like), by the kernel."""
        kind = haystack_kind(text, "unit_count")
        view = haystack_view(text, kind)
        request = self._build_request().u8(encoding_of(kind)).blob(view.data)
        return self._call("unit_count", request).u64()

    # -- lower, upper ---------------------------------------------------------

    def _map_in_storage_kind(self, text: str, lower: bool) -> str | None:
        """A non-ASCII str case-mapped in CPython's storage kind (1, 2 or 4 bytes
        per character), in the probe's byte order; None when a mapped character
        does not fit the kind (the bindings then take the UTF-8 path)."""
        widest = max(map(ord, text))
        width = 1 if widest < 0x100 else 2 if widest < 0x10000 else 4
        if width == 1:
            units = str.encode(text, "latin-1")
        else:
            codes = array("H" if width == 2 else "I", map(ord, text))
            if self._process.info.big_endian != (sys.byteorder == "big"):
                codes.byteswap()
            units = codes.tobytes()
        request = Request().u8(1 if lower else 0).u8(width).blob(units)
        reply = self._call("case_fixed_width", request)
        fitted, mapped = reply.u8() == 1, reply.blob()
        if not fitted:
            return None
        if width == 1:
            return mapped.decode("latin-1")
        codes = array("H" if width == 2 else "I", mapped)
        if self._process.info.big_endian != (sys.byteorder == "big"):
            codes.byteswap()
        return "".join(map(chr, codes))

    def _map_case(self, operation: str, text: object, in_kind: bool = True):
        if in_kind and isinstance(text, str) and not str.isascii(text):
            mapped = self._map_in_storage_kind(text, operation == "lower")
            if mapped is not None:
                return mapped
        kind = haystack_kind(text, operation)
        view = haystack_view(text, kind)
        byte_for_byte = kind is not TextKind.STR or view.ascii
        encoding = BYTES_ENCODING if byte_for_byte else UTF8_ENCODING
        reply = self._call(operation, self._build_request().u8(encoding).blob(view.data))
        return result_text(reply.blob(), kind)

    def lower(self, text):
        return self._map_case("lower", text)

    def upper(self, text):
        return self._map_case("upper", text)

    def _lower_utf8(self, text):
        return self._map_case("lower", text, in_kind=False)

    def _upper_utf8(self, text):
        return self._map_case("upper", text, in_kind=False)

    # -- split, join, replace -------------------------------------------------

    def split(self, text, sep=None, maxsplit=-1):
        kind = haystack_kind(text, "split")
        view = haystack_view(text, kind)
        separator = None
        if sep is not None:
            try:
                separator = same_family_view(sep, kind, "split() separator")
            except TypeError:
                if kind is not TextKind.STR:
                    raise
                raise TypeError(f"must be str or None, not {type_name(sep)}") from None
        limit = index_argument(maxsplit)
        if separator is not None and not separator.data:
            raise ValueError("empty separator")
        if separator is None:
            request = self._build_request().u8(encoding_of(kind)).blob(view.data).i64(limit)
            reply = self._call("split_whitespace", request)
        else:
            request = self._build_request().blob(view.data).blob(separator.data).i64(limit)
            reply = self._call("split", request)
        ranges = [(reply.u64(), reply.u64()) for _ in range(reply.u32())]
        return [result_text(view.data[begin:end], kind) for begin, end in ranges]

    def join(self, sep, parts):
        kind = haystack_kind(sep, "join")
        separator = haystack_view(sep, kind)
        views, _ = join_views(parts, kind)
        reply = self._call("join", Request().blob(separator.data).blobs(views))
        if reply.u8() == 0:
            raise OverflowError("join() result is too long")
        return result_text(reply.blob(), kind)

    def replace(self, text, old, new, count=-1):
        kind = haystack_kind(text, "replace")
        view = haystack_view(text, kind)
        old_view = same_family_view(old, kind, "replace() argument 1")
        new_view = same_family_view(new, kind, "replace() argument 2")
        limit = index_argument(count)
        encoding = BYTES_ENCODING if view.ascii else encoding_of(kind)
        request = (
            self._build_request()
            .u8(encoding)
            .blob(view.data)
            .blob(old_view.data)
            .blob(new_view.data)
            .i64(limit)
        )
        reply = self._call("replace", request)
        if reply.u8() == 0:
            raise OverflowError("replace string is too long")
        replacements, output = reply.u64(), reply.blob()
        if replacements == 0 and type(text) in (str, bytes):
            return text  # as CPython: an immutable text with nothing to replace
        return result_text(output, kind)

    # -- collections ----------------------------------------------------------

    def list_kernel(self, operation: str, values: bytes, operand: bytes = b"") -> Reply:
        """One SimdList kernel (``sum_i64`` ... ``count_f64``) on little-endian
        8-byte values; ``operand`` holds the kernel's other field, packed."""
        return self._call(operation, self._build_request().blob(values).raw(operand))

    def group_match(self, group: bytes, h2: int) -> tuple[int, int, int]:
        """(match(h2), match_empty, match_empty_or_deleted) of 16 control bytes."""
        reply = self._call("group_match", self._build_request().blob(group).u8(h2))
        return reply.u32(), reply.u32(), reply.u32()

    def index_program(self, steps: list[tuple[int, int, int]]) -> IndexRun:
        """Runs (step, key, hash) steps on a fresh SwissIndex over int64 keys
        (cpp/probe/swiss_operations.cpp names the steps)."""
        request = self._build_request().u32(len(steps))
        for step, key, hash_value in steps:
            request.u8(step).i64(key).u64(hash_value)
        reply = self._call("index_program", request)
        answers = [(reply.i64(), reply.i64()) for _ in steps]
        if reply.u8() == 0:
            return IndexRun(answers, (reply.u32(), reply.text()), None)
        counts = (reply.u64(), reply.u64(), reply.u64(), reply.u64())
        return IndexRun(answers, None, counts)
