"""Hypothesis strategies aimed at where SIMD string code breaks.

Every engine works on raw bytes (UTF-8 for ``str``) in blocks of 16, 32 or 64
bytes, then finishes a tail. The bugs live at the seams: lengths one short of or
one past a block, matches that start in one block and end in the next, a match
on the haystack's very last byte, a needle whose first byte is everywhere but
which is itself absent, multi-byte characters split by a block edge, and byte
offsets that must come back as code-point offsets. These strategies build inputs
byte-exactly around those seams.

Texts are built from *units*: one-character ``str`` or one-byte ``bytes``. Every
strategy that takes ``kind`` produces ``str`` for ``"str"`` and ``bytes``-like
objects for ``"bytes"``.
"""

# Confusable characters (Greek sigma, dotless i, long s) are the point of this data.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, composite

Kind = Literal["str", "bytes"]
KINDS: tuple[Kind, ...] = ("str", "bytes")

# Vector widths of the engines: NEON and SSE-sized tails 16, AVX2 32, AVX-512 64.
BLOCK_EDGES = (16, 32, 48, 64, 96, 128, 192, 256)
BLOCK_EDGE_LENGTHS = tuple(
    sorted(
        {0, 1, 2, 3, 4, 7, 8, 9} | {edge + delta for edge in BLOCK_EDGES for delta in (-1, 0, 1)}
    )
)
NEEDLE_LENGTHS = (1, 2, 3, 4, 5, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65)

# Every code point str.split() treats as whitespace; the ones past ASCII are
# multi-byte in UTF-8 and so can straddle a block edge.
UNICODE_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(chr(code) for code in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)
# Not whitespace, but made of the same bytes: 'Å' is C3 85 and 'Š' is C5 A0 (the
# second bytes of U+0085 and U+00A0); '†' is E2 80 A0 (like U+2028, E2 80 A8).
# U+200B, U+180E, U+2060 and U+FEFF look blank and are not whitespace.
WHITESPACE_LOOKALIKES = "ÅŠ†…\u200b\u180e\u2060\ufeff"
# bytes.split() splits on ASCII whitespace only: \x1c-\x1f, 0x85 and 0xA0 are
# separators for str.split() and ordinary bytes for bytes.split().
BYTES_WHITESPACE = b" \t\n\x0b\x0c\r"
BYTES_WHITESPACE_LOOKALIKES = b"\x1c\x1d\x1e\x1f\x85\xa0\x00\x08\x0e"

# Characters whose case mapping is not one code point to one code point of the
# same UTF-8 length, or depends on context (final sigma), or is easy to get wrong.
CASE_SPECIAL_CHARACTERS = (
    "ß",  # upper: 'SS'
    "ẞ",  # lower: 'ß' (3 bytes to 2)
    "İ",  # lower: 'i̇', two code points
    "ı",  # upper: 'I' (2 bytes to 1)
    "ŉ",  # upper: 'ʼN'
    "ΐ",  # upper: three code points
    "ﬃ",  # upper: 'FFI'
    "Σ",  # lower: 'σ' or final 'ς' depending on context
    "σ",
    "ς",
    "ǅ",  # titlecase: lower 'ǆ', upper 'Ǆ'
    "\u0345",  # combining ypogegrammeni: upper 'Ι'
    "ᾳ",  # upper: 'ΑΙ'
    "\u0301",  # combining acute: case-ignorable, transparent to final sigma
    "\u0307",
    "'",  # apostrophe: case-ignorable
    "\u2019",
    "K",  # Kelvin sign: lower 'k' (3 bytes to 1)
    "ſ",  # long s: upper 'S'
    "ȿ",  # upper 'Ȿ' (2 bytes to 3)
    "ɐ",  # upper 'Ɐ' (2 bytes to 3)
    "µ",  # upper 'Μ'
    "ÿ",  # upper 'Ÿ'
    "𐐀",  # astral capital (Deseret): lower '𐐨'
    "𐐨",
    "𞤀",  # astral capital (Adlam)
)
LONE_SURROGATES = ("\ud800", "\udbff", "\udc00", "\udfff")
ASTRAL_CHARACTERS = ("😀", "😁", "𝔘", "\U0010ffff", "\U00010000")

STR_ALPHABETS: dict[str, tuple[str, ...]] = {
    "two_letters": ("a", "b"),
    "ascii_with_nul": ("a", "b", "\x00", " ", "\x7f", "A"),
    # Shared lead byte C3: a first-byte match is a false positive.
    "two_byte_utf8": ("a", "é", "è", "Å", "Š", "ß", "Ã"),
    # Shared lead bytes E2 80/82.
    "three_byte_utf8": ("a", "€", "₤", "†", "\u2028", "\ufeff", "\uffff"),
    # Shared lead bytes F0 9F.
    "four_byte_utf8": ("a", *ASTRAL_CHARACTERS),
    "lone_surrogates": ("a", *LONE_SURROGATES, "😀", "\ue000"),
    "unicode_whitespace": (*UNICODE_WHITESPACE, "a", "b", *WHITESPACE_LOOKALIKES),
    "case_special": (*CASE_SPECIAL_CHARACTERS, "a", "A", " ", "Ω"),
}
BYTES_ALPHABETS: dict[str, bytes] = {
    "two_letters": b"ab",
    "with_nul": b"a\x00",
    # Sign bit set: signed byte comparisons and UTF-8 lead bytes.
    "high_bytes": b"a\x80\xc3\xa9\xe2\xff\x7f",
    "whitespace_and_lookalikes": BYTES_WHITESPACE + BYTES_WHITESPACE_LOOKALIKES + b"ab",
    # Bytes next to the ASCII letter ranges, and Latin-1 letters that bytes must not map.
    "case_boundaries": b"@AZ[`az{\x00\x7f\x80\xc0\xc9\xdf\xe0\xe9\xff",
}


def byte_length(unit: str | bytes) -> int:
    """Length in bytes of a unit or text as the engines see it (UTF-8, surrogatepass)."""
    if isinstance(unit, str):
        return len(unit.encode("utf-8", "surrogatepass"))
    return len(unit)


def _units_of(kind: Kind, alphabet_name: str) -> tuple[str | bytes, ...]:
    if kind == "str":
        return STR_ALPHABETS[alphabet_name]
    return tuple(bytes([value]) for value in BYTES_ALPHABETS[alphabet_name])


def _alphabet_names(kind: Kind) -> tuple[str, ...]:
    return tuple(STR_ALPHABETS if kind == "str" else BYTES_ALPHABETS)


def _join(kind: Kind, units: Sequence[str | bytes]) -> str | bytes:
    return ("" if kind == "str" else b"").join(units)  # type: ignore[arg-type]


def _dot(kind: Kind) -> str | bytes:
    return "." if kind == "str" else b"."


def _fill(kind: Kind, pattern: Sequence[str | bytes], target_bytes: int) -> list[str | bytes]:
    """Units repeating ``pattern`` whose UTF-8 length is exactly ``target_bytes``.

    When the next unit of the pattern would overshoot, the rest is padded with
    the pattern's first one-byte unit (or '.'), so a caller controls where
    every following byte lands.
    """
    units: list[str | bytes] = []
    used = 0
    index = 0
    while pattern:
        unit = pattern[index % len(pattern)]
        width = byte_length(unit)
        if used + width > target_bytes:
            break
        units.append(unit)
        used += width
        index += 1
    one_byte_units = [unit for unit in pattern if byte_length(unit) == 1]
    pad = one_byte_units[0] if one_byte_units else _dot(kind)
    units.extend([pad] * (target_bytes - used))
    return units


@composite
def block_edge_lengths(draw: DrawFn, maximum: int = 300) -> int:
    """A length next to a 16/32/64-byte block edge, or now and then any length."""
    return draw(
        st.one_of(
            st.sampled_from([length for length in BLOCK_EDGE_LENGTHS if length <= maximum]),
            st.integers(0, maximum),
        )
    )


@composite
def offsets_straddling_block_edges(draw: DrawFn, needle_bytes: int) -> int:
    """Where a needle of ``needle_bytes`` bytes starts: aligned on a block edge,
    crossing it by any amount, just past it, at 0, or anywhere."""
    edge = draw(st.sampled_from((0, *BLOCK_EDGES)))
    delta = draw(st.integers(-needle_bytes, 1))
    return draw(st.one_of(st.just(max(0, edge + delta)), st.integers(0, 300)))


@composite
def unit_patterns(draw: DrawFn, kind: Kind, alphabet_name: str | None = None) -> list:
    """A short run of units from one small alphabet; texts repeat it (long runs,
    periodic text, frequent partial matches)."""
    if alphabet_name is None:
        alphabet_name = draw(st.sampled_from(_alphabet_names(kind)))
    units = _units_of(kind, alphabet_name)
    return draw(st.lists(st.sampled_from(units), min_size=1, max_size=6))


@composite
def _with_mutations(draw: DrawFn, units: list, pattern: Sequence) -> list:
    """``units`` with up to three of them replaced, so repetition is not perfect."""
    units = list(units)
    if units:
        for _ in range(draw(st.integers(0, 3))):
            position = draw(st.integers(0, len(units) - 1))
            units[position] = draw(st.sampled_from(pattern))
    return units


@composite
def texts_around_block_edges(
    draw: DrawFn, kind: Kind, alphabet_name: str | None = None, maximum: int = 300
) -> str | bytes:
    """A text whose UTF-8 length is next to a block edge, from one small alphabet
    (or, now and then, any characters at all: lone surrogates and astral included)."""
    if draw(st.integers(0, 9)) == 0 and alphabet_name is None:
        if kind == "str":
            return draw(st.text(st.characters(exclude_categories=()), max_size=80))
        return draw(st.binary(max_size=200))
    pattern = draw(unit_patterns(kind, alphabet_name))
    units = _fill(kind, pattern, draw(block_edge_lengths(maximum)))
    return _join(kind, draw(_with_mutations(units, pattern)))


@composite
def texts_straddling_block_edges_with_multibyte_characters(draw: DrawFn) -> str:
    """A str in which a 2-, 3- or 4-byte UTF-8 character (or a lone surrogate)
    starts one, two or three bytes before a block edge."""
    wide = draw(
        st.sampled_from(("é", "€", "\u2028", "\u3000", "😀", "\ud800", "\udfff", "ß", "İ", "Σ"))
    )
    edge = draw(st.sampled_from(BLOCK_EDGES))
    start = max(0, edge - draw(st.integers(1, byte_length(wide) - 1)))
    filler = draw(unit_patterns("str", draw(st.sampled_from(("two_letters", "ascii_with_nul")))))
    prefix = _fill("str", filler, start)
    suffix = _fill("str", filler, draw(block_edge_lengths(70)))
    return _join("str", [*prefix, wide, *suffix])


@composite
def haystacks_with_planted_needles(draw: DrawFn, kind: Kind) -> tuple:
    """(haystack, needle): the needle planted (or, as often, left out) at a byte
    offset around a block edge, among decoys that match its first unit, all but
    its last unit, its first and last units with the middle wrong, or all of it
    but one unit that is neither first, middle nor last."""
    alphabet_name = draw(st.sampled_from(_alphabet_names(kind)))
    alphabet = _units_of(kind, alphabet_name)
    pattern = draw(unit_patterns(kind, alphabet_name))
    needle_length = draw(st.one_of(st.sampled_from(NEEDLE_LENGTHS), st.integers(1, 8)))
    needle = draw(_with_mutations(_fill(kind, pattern, needle_length), alphabet))
    decoy_style = draw(
        st.sampled_from(
            ("pattern", "first_unit", "all_but_last", "first_and_last_only", "one_unit_wrong")
        )
    )
    if decoy_style == "first_unit":
        decoy = needle[:1]
    elif decoy_style == "all_but_last" and len(needle) > 1:
        decoy = needle[:-1]
    elif decoy_style == "first_and_last_only" and len(needle) > 2:
        others = [unit for unit in alphabet if unit not in needle[1:-1]] or [_dot(kind)]
        middle = draw(st.sampled_from(others))
        decoy = [needle[0], *([middle] * (len(needle) - 2)), needle[-1]]
    elif decoy_style == "one_unit_wrong" and len(needle) > 3:
        # First, middle and last units all match: a filter on those three passes.
        wrong_at = draw(
            st.sampled_from([i for i in range(1, len(needle) - 1) if i != len(needle) // 2])
        )
        others = [unit for unit in alphabet if unit != needle[wrong_at]] or [_dot(kind)]
        decoy = [*needle[:wrong_at], draw(st.sampled_from(others)), *needle[wrong_at + 1 :]]
    else:
        decoy = pattern
    needle_bytes = sum(byte_length(unit) for unit in needle)
    prefix = _fill(kind, decoy, draw(offsets_straddling_block_edges(needle_bytes)))
    planted = needle if draw(st.booleans()) else _fill(kind, decoy, needle_bytes)
    suffix_bytes = draw(st.one_of(st.just(0), block_edge_lengths(130)))
    suffix = _fill(kind, decoy, suffix_bytes)
    return _join(kind, [*prefix, *planted, *suffix]), _join(kind, needle)


@composite
def haystack_needle_pairs(draw: DrawFn, kind: Kind, allow_empty_needle: bool = True) -> tuple:
    """(haystack, needle) for find/count/split/replace: planted needles, two texts
    over the same tiny alphabet (matches everywhere, overlapping ones too), a
    needle one unit longer than the haystack, and empty haystacks or needles."""
    empty = "" if kind == "str" else b""
    shape = draw(st.integers(0, 9))
    if shape <= 5:
        return draw(haystacks_with_planted_needles(kind))
    alphabet_name = draw(st.sampled_from(_alphabet_names(kind)))
    haystack = draw(texts_around_block_edges(kind, alphabet_name))
    if shape <= 7:
        needle = draw(texts_around_block_edges(kind, alphabet_name, maximum=5))
    elif shape == 8:
        needle = haystack + draw(texts_around_block_edges(kind, alphabet_name, maximum=2))
    else:
        needle, haystack = draw(st.sampled_from(((empty, haystack), (haystack[:1], empty))))
    if not needle and not allow_empty_needle:
        needle = haystack[-1:] or _units_of(kind, alphabet_name)[0]
    return haystack, needle


@composite
def bytes_haystack_forms(draw: DrawFn, data: bytes) -> bytes | bytearray:
    """``data`` as bytes, as bytearray, or as a bytearray whose buffer starts at an
    odd, unaligned address (deleting a bytearray's head only moves its start)."""
    form = draw(st.sampled_from(("bytes", "bytearray", "unaligned_bytearray")))
    if form == "bytes":
        return bytes(data)
    if form == "bytearray":
        return bytearray(data)
    skip = draw(st.sampled_from((1, 3, 7, 15, 31, 33, 63)))
    buffer = bytearray(b"\xaa" * skip + data)
    del buffer[:skip]
    return buffer


@composite
def bytes_argument_forms(draw: DrawFn, data: bytes, allow_int: bool = False):
    """``data`` as any bytes-like object CPython accepts for an argument: bytes,
    bytearray, a memoryview at an unaligned offset of a larger buffer, or (for
    find/count and a single byte) an int."""
    forms = ["bytes", "bytearray", "memoryview"]
    if allow_int and len(data) == 1:
        forms.append("int")
    form = draw(st.sampled_from(forms))
    if form == "bytes":
        return bytes(data)
    if form == "bytearray":
        return bytearray(data)
    if form == "int":
        return data[0]
    skip = draw(st.integers(1, 7))
    return memoryview(b"\xaa" * skip + data + b"\xaa")[skip : skip + len(data)]


@composite
def find_arguments(draw: DrawFn, kind: Kind) -> tuple:
    """(haystack, needle) for find and count, in every accepted form."""
    haystack, needle = draw(haystack_needle_pairs(kind))
    if kind == "bytes":
        haystack = draw(bytes_haystack_forms(haystack))
        needle = draw(bytes_argument_forms(needle, allow_int=True))
    return haystack, needle


@composite
def repeat_limits(draw: DrawFn) -> int:
    """A maxsplit or replace count: all (-1), none, a few, and the extremes a
    C Py_ssize_t holds."""
    return draw(
        st.one_of(
            st.sampled_from((-1, 0, 1, 2)),
            st.integers(-3, 70),
            st.sampled_from((2**31 - 1, 2**31, 2**32, 2**63 - 1, -(2**63), -(2**31))),
        )
    )


@composite
def replace_arguments(draw: DrawFn, kind: Kind) -> tuple:
    """(text, old, new, count): old planted around block edges or empty (inserted
    between code points), new shorter, longer, empty or multi-byte."""
    text, old = draw(haystack_needle_pairs(kind))
    new = draw(
        st.one_of(
            texts_around_block_edges(kind, maximum=40),
            st.sampled_from(("", "-", "é", "😀", "\ud800") if kind == "str" else (b"", b"-")),
            st.just(old + old),
        )
    )
    count = draw(repeat_limits())
    if kind == "bytes":
        text = draw(bytes_haystack_forms(text))
        old = draw(bytes_argument_forms(old))
        new = draw(bytes_argument_forms(new))
    return text, old, new, count


@composite
def whitespace_separated_texts(draw: DrawFn, kind: Kind) -> str | bytes:
    """Words between runs of whitespace (every Unicode kind for str, with the
    lookalikes that are not whitespace), with leading and trailing runs."""
    alphabet_name = "unicode_whitespace" if kind == "str" else "whitespace_and_lookalikes"
    whitespace = _units_of(kind, alphabet_name)
    leading = draw(st.lists(st.sampled_from(whitespace), max_size=4))
    body = draw(texts_around_block_edges(kind, alphabet_name))
    trailing = draw(st.lists(st.sampled_from(whitespace), max_size=4))
    return _join(kind, [*leading, body, *trailing])


@composite
def split_arguments(draw: DrawFn, kind: Kind) -> tuple:
    """(text, separator, maxsplit): whitespace splitting (separator None) or a
    non-empty separator planted around block edges."""
    maxsplit = draw(repeat_limits())
    if draw(st.booleans()):
        text = draw(st.one_of(whitespace_separated_texts(kind), texts_around_block_edges(kind)))
        separator = None
    else:
        text, separator = draw(haystack_needle_pairs(kind, allow_empty_needle=False))
    if kind == "bytes":
        text = draw(bytes_haystack_forms(text))
        if separator is not None:
            separator = draw(bytes_argument_forms(separator))
    return text, separator, maxsplit


@composite
def join_arguments(draw: DrawFn, kind: Kind) -> tuple:
    """(separator, parts, container): no part, one part, many parts of lengths
    around block edges (empty ones too); container is list, tuple or iter, so
    the engine must take any iterable."""
    alphabet_name = draw(st.sampled_from(_alphabet_names(kind)))
    pattern = draw(unit_patterns(kind, alphabet_name))
    part_count = draw(st.one_of(st.sampled_from((0, 1, 2, 17, 33, 65)), st.integers(0, 6)))
    maximum = draw(st.sampled_from((1, 20, 70)))
    part_lengths = draw(
        st.lists(
            st.one_of(st.sampled_from((0, 1, 15, 16, 17, 31, 32, 33)), st.integers(0, maximum)),
            min_size=part_count,
            max_size=part_count,
        )
    )
    # Each part starts at a different place in the pattern, so parts differ.
    parts = [
        _join(kind, _fill(kind, [*pattern[index:], *pattern[:index]], length))
        for index, length in enumerate(part_lengths)
    ]
    separator = draw(
        texts_around_block_edges(kind, alphabet_name, maximum=draw(st.sampled_from((0, 3, 40))))
    )
    if kind == "bytes":
        separator = bytearray(separator) if draw(st.booleans()) else bytes(separator)
        parts = [draw(bytes_argument_forms(part)) for part in parts]
    container = draw(st.sampled_from((list, tuple, iter)))
    return separator, tuple(parts), container


@composite
def equality_pairs(draw: DrawFn, kind: Kind) -> tuple:
    """(a, b): equal but distinct objects, texts differing in exactly one unit at
    a block edge, the first or the last unit, a text and its proper prefix, and
    (str) texts of one code-point length but different UTF-8 lengths."""
    alphabet_name = draw(st.sampled_from(_alphabet_names(kind)))
    alphabet = _units_of(kind, alphabet_name)
    pattern = draw(unit_patterns(kind, alphabet_name))
    units = _fill(kind, pattern, draw(block_edge_lengths()))
    a = _join(kind, units)
    shape = draw(st.sampled_from(("equal", "one_unit_differs", "prefix", "same_length_other")))
    if shape == "equal" or not units:
        return a, _join(kind, list(units))
    if shape == "prefix":
        return a, _join(kind, units[: draw(st.integers(0, len(units) - 1))])
    if shape == "same_length_other":
        return a, _join(
            kind,
            draw(st.lists(st.sampled_from(alphabet), min_size=len(units), max_size=len(units))),
        )
    starts, offset = [], 0
    for unit in units:
        starts.append(offset)
        offset += byte_length(unit)
    near_edges = [
        index
        for index, start in enumerate(starts)
        if index in (0, len(units) - 1) or any(0 <= edge - start <= 3 for edge in BLOCK_EDGES)
    ]
    index = draw(st.sampled_from(near_edges))
    others = [unit for unit in alphabet if unit != units[index]]
    changed = list(units)
    changed[index] = draw(st.sampled_from(others))
    return (a, _join(kind, changed)) if draw(st.booleans()) else (_join(kind, changed), a)


@composite
def final_sigma_contexts(draw: DrawFn) -> str:
    """Greek text in which capital sigma ends a word, starts one, stands alone, or
    sits next to case-ignorable marks and apostrophes, shifted across a block edge."""
    units = draw(
        st.lists(
            st.sampled_from(
                ("Σ", "Σ", "σ", "ς", "Α", "α", " ", "\u0301", "\u0345", "'", ".", "1", "𐐀")
            ),
            min_size=1,
            max_size=10,
        )
    )
    shift = draw(st.sampled_from((0, 14, 15, 30, 31, 62, 63)))
    return " " * shift + "".join(units)


@composite
def case_mapping_texts(draw: DrawFn, kind: Kind) -> str | bytes:
    """Texts for lower()/upper(): letters next to the bytes that bound the ASCII
    letter ranges, special and context-dependent casing, and everything else."""
    if kind == "str":
        return draw(
            st.one_of(
                texts_around_block_edges("str", "case_special"),
                texts_around_block_edges("str"),
                texts_straddling_block_edges_with_multibyte_characters(),
                final_sigma_contexts(),
            )
        )
    text = draw(
        st.one_of(
            texts_around_block_edges("bytes", "case_boundaries"), texts_around_block_edges("bytes")
        )
    )
    return draw(bytes_haystack_forms(text))


@composite
def str_find_arguments_with_multibyte_prefix(draw: DrawFn) -> tuple:
    """(haystack, needle) where wide characters come before the match, so the
    byte offset and the code-point offset differ."""
    text = draw(texts_straddling_block_edges_with_multibyte_characters())
    needle = draw(st.sampled_from(("a", "b", "é", "😀", "\x00", "ab", "\ud800")))
    return text + needle + text, needle
