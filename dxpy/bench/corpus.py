"""The benchmark's texts at every size, including the adversarial ones.

The pseudo-English and mixed-script texts are generated once at
:data:`BASE_SIZE` (1 MiB, the size the targets are defined at) by
:mod:`dxpy.bench.inputs`. A smaller size is a prefix of the base text (which is
exactly what generating at that size gives: the generator only cuts at the
end); a larger size repeats the base text. The needles are drawn absent from
the base text and checked absent across the repetition's seam, so every size
searches for the same needles.

The adversarial texts are built to hurt SIMD kernels, not to look like prose:

* **near-miss**: copies of the needle with one middle byte changed, back to
  back, so a kernel that filters on the needle's first and last bytes (or its
  first two) has a candidate every few bytes and each fails late;
* **late non-ASCII**: ASCII text whose very last character is a Greek capital,
  so no ASCII fast path can be decided before the end (and CPython stores the
  whole string two bytes per character);
* **dense**: one-letter words between single spaces, the most pieces ``split``
  can make and the most parts ``join`` can get per byte.
"""

from __future__ import annotations

import functools
import pickle
from dataclasses import dataclass
from pathlib import Path

from dxpy.bench.inputs import DEFAULT_SEED, MEBIBYTE, Inputs, build_inputs

BASE_SIZE = MEBIBYTE
NEAR_MISS_NEEDLE_BYTES = b"quartz vexing jo"  # 16 bytes
NEAR_MISS_NEEDLE_TEXT = "αβγδεζηθ"  # 8 Greek letters: 16 UTF-8 bytes
LATE_CHARACTER = "\N{GREEK CAPITAL LETTER SIGMA}"


def near_miss_bytes(needle: bytes) -> bytes:
    """``needle`` with its middle byte replaced by the next letter: a miss found only late."""
    middle = len(needle) // 2
    changed = needle[middle] + 1 if needle[middle] != 0x7F else 0x20
    return needle[:middle] + bytes([changed]) + needle[middle + 1 :]


def near_miss_text(needle: str) -> str:
    """``needle`` with its middle character replaced by the next code point.

    For the Greek needle the changed character keeps its lead byte and differs
    in its continuation byte, so a byte-level filter sees a match until the end.
    """
    middle = len(needle) // 2
    return needle[:middle] + chr(ord(needle[middle]) + 1) + needle[middle + 1 :]


def _fill(unit: bytes | str, size: int) -> bytes | str:
    """``unit`` repeated to ``size`` bytes (UTF-8 bytes for str, whole characters)."""
    if isinstance(unit, bytes):
        return (unit * (size // len(unit) + 1))[:size]
    unit_bytes = len(unit.encode("utf-8"))
    copies = size // unit_bytes
    text = unit * copies
    rest = unit.encode("utf-8")[: size - copies * unit_bytes]
    return text + rest.decode("utf-8", errors="ignore")


def _resize(text: str, size: int) -> str:
    """A prefix of ``text`` (``size`` UTF-8 bytes, whole characters) or ``text`` repeated."""
    encoded_size = len(text.encode("utf-8"))
    if size <= encoded_size:
        return text.encode("utf-8")[:size].decode("utf-8", errors="ignore")
    copies, rest = divmod(size, encoded_size)
    return text * copies + _resize(text, rest) if rest else text * copies


@dataclass(frozen=True)
class SizedInputs:
    """Every text of one size; ``size`` is the nominal size in UTF-8 bytes."""

    size: int
    seed: int
    ascii_text: str
    ascii_bytes: bytes
    mixed_text: str
    non_ascii_text: str
    absent_needles: dict[int, str]
    near_miss_bytes: bytes
    near_miss_text: str
    late_non_ascii_text: str
    dense_text: str

    def as_inputs(self) -> Inputs:
        """The prose texts as :class:`dxpy.bench.inputs.Inputs` (what the older API takes)."""
        return Inputs(
            seed=self.seed,
            ascii_text=self.ascii_text,
            ascii_bytes=self.ascii_bytes,
            mixed_text=self.mixed_text,
            non_ascii_text=self.non_ascii_text,
            absent_needles=self.absent_needles,
        )


class Corpus:
    """The base texts of a run, and the texts of any size made from them."""

    def __init__(self, base: Inputs) -> None:
        self.base = base
        for needle in base.absent_needles.values():
            seam = base.ascii_text[-len(needle) :] + base.ascii_text[: len(needle)]
            if needle in seam:
                raise ValueError(f"absent needle {needle!r} occurs across the repetition seam")

    @classmethod
    def generate(cls, seed: int = DEFAULT_SEED) -> Corpus:
        """The corpus of ``seed`` (a few seconds: the base texts are drawn word by word)."""
        return cls(build_inputs(BASE_SIZE, seed))

    @property
    def seed(self) -> int:
        """The seed the base texts were drawn from; the same seed draws the same texts."""
        return self.base.seed

    def save(self, path: str | Path) -> None:
        """Write the base texts, so a measuring process need not draw them again."""
        Path(path).write_bytes(pickle.dumps(self.base, protocol=pickle.HIGHEST_PROTOCOL))

    @classmethod
    def load(cls, path: str | Path) -> Corpus:
        """The corpus :meth:`save` wrote (a file this run made itself, never a foreign one)."""
        base = pickle.loads(Path(path).read_bytes())
        if not isinstance(base, Inputs):
            raise TypeError(f"{path}: not a dxpy.bench corpus")
        return cls(base)

    @functools.lru_cache(maxsize=2)  # noqa: B019 -- one corpus per run; sizes come in order
    def at(self, size: int) -> SizedInputs:
        """Every text at ``size`` UTF-8 bytes."""
        ascii_text = _resize(self.base.ascii_text, size)
        return SizedInputs(
            size=size,
            seed=self.seed,
            ascii_text=ascii_text,
            ascii_bytes=ascii_text.encode("ascii"),
            mixed_text=_resize(self.base.mixed_text, size),
            non_ascii_text=_resize(self.base.non_ascii_text, size),
            absent_needles=dict(self.base.absent_needles),
            near_miss_bytes=_fill(near_miss_bytes(NEAR_MISS_NEEDLE_BYTES), size),
            near_miss_text=_fill(near_miss_text(NEAR_MISS_NEEDLE_TEXT), size),
            late_non_ascii_text=_resize(self.base.ascii_text, max(size - 2, 0)) + LATE_CHARACTER,
            dense_text=_fill("a b c d e f g h ", size),
        )
