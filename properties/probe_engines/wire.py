"""The probe's wire format (cpp/probe/wire.h): little-endian fields in frames.

A request is an operation number and its fields; a response is a status byte
(0 ok, 1 error, 2 fault: the probe exits after it) and the fields, or one text
explaining the error.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable


class Request:
    """The fields of one request, appended in the order the operation reads them."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def u8(self, value: int) -> Request:
        self._parts.append(struct.pack("<B", value))
        return self

    def u32(self, value: int) -> Request:
        self._parts.append(struct.pack("<I", value))
        return self

    def u64(self, value: int) -> Request:
        self._parts.append(struct.pack("<Q", value))
        return self

    def i64(self, value: int) -> Request:
        self._parts.append(struct.pack("<q", value))
        return self

    def f64(self, value: float) -> Request:
        self._parts.append(struct.pack("<d", value))
        return self

    def blob(self, data: bytes) -> Request:
        self._parts.append(struct.pack("<I", len(data)))
        self._parts.append(bytes(data))
        return self

    def raw(self, packed: bytes) -> Request:
        """Fields packed by the caller (little-endian)."""
        self._parts.append(bytes(packed))
        return self

    def blobs(self, items: Iterable[bytes]) -> Request:
        items = list(items)
        self.u32(len(items))
        for item in items:
            self.blob(item)
        return self

    def payload(self, operation: int) -> bytes:
        return struct.pack("<B", operation) + b"".join(self._parts)


class Reply:
    """The fields of one response, read in the order the operation wrote them."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._position = 0

    def _take(self, size: int) -> bytes:
        end = self._position + size
        if end > len(self._data):
            raise ValueError(f"probe response ends early ({len(self._data)} bytes)")
        chunk = self._data[self._position : end]
        self._position = end
        return chunk

    def u8(self) -> int:
        return self._take(1)[0]

    def u32(self) -> int:
        return struct.unpack("<I", self._take(4))[0]

    def u64(self) -> int:
        return struct.unpack("<Q", self._take(8))[0]

    def i64(self) -> int:
        return struct.unpack("<q", self._take(8))[0]

    def f64(self) -> float:
        return struct.unpack("<d", self._take(8))[0]

    def blob(self) -> bytes:
        return self._take(self.u32())

    def text(self) -> str:
        return self.blob().decode("utf-8")

    def end(self) -> None:
        if self._position != len(self._data):
            raise ValueError(f"{len(self._data) - self._position} unread bytes in a probe response")
