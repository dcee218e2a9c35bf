"""SimdList for the properties while a probe engine is under test.

``dxpy.SimdList`` is a native type whose methods take only in-process
engines. While a test runs on a probe engine, the plugin puts this front in
its place: a real SimdList holds the values (construction, indexing, buffers
and errors are the real ones), and ``sum``, ``filter_gt``, ``map_mul2``,
``index`` and ``count`` with ``engine=<ProbeEngine>`` reduce their operand to
one kernel argument exactly as cpp/bindings/simd_list_values.cpp does and run
the kernel on the probe. Any other engine argument goes to the real method.
"""

from __future__ import annotations

import math
import operator
import struct
import sys
from array import array

from dxpy import _native
from probe_engines.engine import ProbeEngine

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
TWO_TO_63 = 2.0**63


def _little_endian(values: array) -> bytes:
    if sys.byteorder == "big":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _from_little_endian(typecode: str, data: bytes) -> array:
    values = array(typecode, data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def _operand(value: object) -> tuple[str, object]:
    """("int", int) / ("float", float) / ("other", None), as Operand::classify."""
    if isinstance(value, int):
        return "int", int(value)
    if isinstance(value, float):
        return "float", float(value)
    if hasattr(type(value), "__index__"):
        try:
            return "int", operator.index(value)
        except TypeError:
            return "other", None
    return "other", None


def _int64_equal_to(kind: str, value) -> int | None:
    if kind == "float":
        if not -TWO_TO_63 <= value < TWO_TO_63 or math.floor(value) != value:
            return None
        return int(value)
    return value if INT64_MIN <= value <= INT64_MAX else None


def _float64_equal_to(kind: str, value) -> float | None:
    if kind == "float":
        return value
    try:
        nearest = float(value)
    except OverflowError:
        return None
    return nearest if nearest == value else None


def _int64_threshold(kind: str, value) -> int | str:
    """The kernel threshold, or "nothing" / "everything" when no int64 / every int64 is greater."""
    if kind == "float":
        if math.isnan(value) or value >= TWO_TO_63:
            return "nothing"
        if value < -TWO_TO_63:
            return "everything"
        return math.floor(value)
    if value > INT64_MAX:
        return "nothing"
    if value < INT64_MIN:
        return "everything"
    return value


def _float64_threshold(kind: str, value) -> float:
    if kind == "float":
        return value
    try:
        nearest = float(value)
    except OverflowError:
        return sys.float_info.max if value > 0 else -math.inf
    return math.nextafter(nearest, -math.inf) if nearest > value else nearest


class ProbeSimdList:
    """A SimdList whose kernel methods also take a ProbeEngine."""

    def __init__(self, *args, **kwargs) -> None:
        self._local = _native.SimdList(*args, **kwargs)

    @classmethod
    def _wrapping(cls, local) -> ProbeSimdList:
        front = cls.__new__(cls)
        front._local = local
        return front

    # Everything but the kernel methods is the real SimdList's.
    def __getattr__(self, name):
        if name == "_local":  # not set: construction failed
            raise AttributeError(name)
        return getattr(self._local, name)

    def __len__(self) -> int:
        return len(self._local)

    def __iter__(self):
        return iter(self._local)

    def __contains__(self, value) -> bool:
        return value in self._local

    def __getitem__(self, index):
        return self._local[index]

    def __setitem__(self, index, value) -> None:
        self._local[index] = value

    def __delitem__(self, index) -> None:
        del self._local[index]

    def __repr__(self) -> str:
        return repr(self._local)

    def __buffer__(self, flags):
        return memoryview(self._local)

    # -- on the probe ---------------------------------------------------------

    @property
    def _typecode(self) -> str:
        return "q" if self._local.dtype == "int64" else "d"

    def _values(self) -> bytes:
        return _little_endian(array(self._typecode, memoryview(self._local).tobytes()))

    def _result(self, data: bytes) -> ProbeSimdList:
        values = _from_little_endian(self._typecode, data)
        return self._wrapping(_native.SimdList(values, dtype=self._local.dtype, copy=True))

    def sum(self, engine=None):
        if not isinstance(engine, ProbeEngine):
            return self._local.sum(engine=engine)
        if self._typecode == "q":
            reply = engine.list_kernel("sum_i64", self._values())
            low, high = reply.u64(), reply.i64()
            return high * 2**64 + low
        return engine.list_kernel("sum_f64", self._values()).f64()

    def filter_gt(self, threshold, engine=None):
        if not isinstance(engine, ProbeEngine):
            return self._wrapping(self._local.filter_gt(threshold, engine=engine))
        kind, value = _operand(threshold)
        values = self._local.tolist()
        if kind == "other":  # Python's own comparisons, errors included
            kept = [item for item in values if item > threshold]
            return self._wrapping(_native.SimdList(kept, dtype=self._local.dtype))
        if self._typecode == "q":
            limit = _int64_threshold(kind, value)
            if limit == "nothing":
                return self._result(b"")
            if limit == "everything":
                return self._result(self._values())
            reply = engine.list_kernel("filter_gt_i64", self._values(), struct.pack("<q", limit))
        else:
            limit = _float64_threshold(kind, value)
            reply = engine.list_kernel("filter_gt_f64", self._values(), struct.pack("<d", limit))
        return self._result(reply.blob())

    def map_mul2(self, engine=None):
        if not isinstance(engine, ProbeEngine):
            return self._wrapping(self._local.map_mul2(engine=engine))
        if self._typecode == "d":
            return self._result(engine.list_kernel("map_mul2_f64", self._values()).blob())
        reply = engine.list_kernel("map_mul2_i64", self._values())
        stopped_at, doubled = reply.u64(), reply.blob()
        if stopped_at != len(self._local):
            value = self._local[stopped_at]
            raise OverflowError(f"map_mul2: element {stopped_at} ({value}) * 2 overflows int64")
        return self._result(doubled)

    def _search(self, operation: str, value, engine: ProbeEngine) -> int:
        """index (the first position, or len when absent) or count, as the bindings' search."""
        kind, number = _operand(value)
        values = self._local.tolist()
        if kind == "other":
            matches = [position for position, item in enumerate(values) if item == value]
            if operation == "count":
                return len(matches)
            return matches[0] if matches else len(values)
        if self._typecode == "q":
            wanted = _int64_equal_to(kind, number)
            if wanted is None:
                return 0 if operation == "count" else len(values)
            operand = struct.pack("<q", wanted)
        else:
            wanted = _float64_equal_to(kind, number)
            if wanted is None:
                return 0 if operation == "count" else len(values)
            operand = struct.pack("<d", wanted)
        suffix = "_i64" if self._typecode == "q" else "_f64"
        return engine.list_kernel(operation + suffix, self._values(), operand).u64()

    def index(self, value, engine=None):
        if not isinstance(engine, ProbeEngine):
            return self._local.index(value, engine=engine)
        found = self._search("index", value, engine)
        if found == len(self._local):
            raise ValueError(f"{value!r} is not in SimdList")
        return found

    def count(self, value, engine=None):
        if not isinstance(engine, ProbeEngine):
            return self._local.count(value, engine=engine)
        return self._search("count", value, engine)
