"""The scalar engine's word-at-a-time (SWAR) kernels at every byte value and every seam.

SWAR tests eight bytes at once with adds and masks; a wrong constant shows only at
the bytes next to a range's edge ('@' 'A', 'Z' '['; 0x7F 0x80; 0xE0 0xE1, 0xE3
0xE4), and a wrong tail or load only where a match straddles a word or the end.
Random texts seldom place those bytes there, so every byte value is tried at
every offset of a word and at the tail, against CPython (and the engine's own
UTF-8 case mapping against str's on the UTF-8 path).
"""

from __future__ import annotations

import pytest

import dxpy

pytestmark = pytest.mark.task("7.8")


@pytest.fixture(scope="module")
def scalar():
    return dxpy.engine("scalar", mode="native")


# A text of 19 bytes (two words and a tail) with `byte` at `position`.
def _with_byte_at(byte: int, position: int, length: int = 19, fill: int = ord("m")) -> bytes:
    data = bytearray([fill]) * length
    data[position] = byte
    return bytes(data)


@pytest.mark.parametrize("position", range(19))
def test_case_mapping_and_search_at_every_byte_value(scalar, position):
    for byte in range(256):
        text = _with_byte_at(byte, position)
        assert scalar.lower(text) == text.lower(), (byte, position)
        assert scalar.upper(text) == text.upper(), (byte, position)
        needle = bytes([byte])
        assert scalar.find(text, needle) == text.find(needle), (byte, position)
        assert scalar.count(text, needle) == text.count(needle), (byte, position)
        assert scalar.split(text) == text.split(), (byte, position)
        assert scalar.split(text, needle) == text.split(needle), (byte, position)


@pytest.mark.parametrize("position", range(19))
def test_str_whitespace_code_points_and_ascii_runs_at_every_seam(scalar, position):
    # Every whitespace character (and its neighbours) at every offset: the lead
    # bytes 0xC2 and 0xE1..0xE3 and the ASCII \t..\r, \x1c..\x1f, space.
    characters = [chr(c) for c in range(0x00, 0x81)] + [
        "\x85", "\xa0", "\xa1", "\u1680", "\u2000", "\u200a", "\u200b", "\u2028",
        "\u205f", "\u3000", "\u0e00", "\u4e00", "\u00e9", "\U0001f600",
    ]  # fmt: skip
    for character in characters:
        text = "m" * position + character + "m" * (18 - position)
        assert scalar.split(text) == text.split(), (character, position)
        assert scalar.lower(text) == text.lower(), (character, position)
        assert scalar._upper_utf8(text) == text.upper(), (character, position)
        assert scalar.find(text, "m" * 3) == text.find("m" * 3), (character, position)
        assert scalar.count(text, "m") == text.count("m"), (character, position)


@pytest.mark.parametrize("length", [2, 3, 4, 7, 8, 9, 16])
def test_multibyte_needles_at_every_offset_and_near_misses(scalar, length):
    needle = bytes(range(97, 97 + length))
    for size in range(length, 40):
        for position in range(size - length + 1):
            text = bytearray(b"x" * size)
            text[position : position + length] = needle
            text = bytes(text)
            assert scalar.find(text, needle) == text.find(needle), (size, position)
            assert scalar.count(text, needle) == text.count(needle), (size, position)
            # The same with the last byte wrong: first and middle match, no match.
            miss = needle[:-1] + b"!"
            assert scalar.find(text, miss) == text.find(miss), (size, position)


def test_byte_counts_past_the_lane_flush(scalar):
    # count and code points sum flags in byte lanes flushed every 255 words.
    for size in (255 * 8 - 1, 255 * 8, 255 * 8 + 1, 3 * 255 * 8 + 5):
        text = b"e" * size
        assert scalar.count(text, b"e") == size
        assert scalar.count(text, b"ee") == size // 2
        assert scalar.find(text + b"!", b"!") == size
        greek = "\N{GREEK SMALL LETTER ALPHA}" * size
        assert scalar.find(greek + "!", "!") == size
        assert scalar.count(greek, "\N{GREEK SMALL LETTER ALPHA}") == size
