"""Deterministic benchmark inputs: pseudo-English text, mixed-script text, absent needles.

Everything is drawn from ``random.Random(seed)``, so every process of a run
(and every later run with the same seed) measures the very same bytes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

MEBIBYTE = 1 << 20
DEFAULT_SEED = 20240611

# English letter frequencies (per mille), so first-byte candidates of a needle
# turn up in the haystack about as often as they would in real prose.
LETTER_WEIGHTS = {
    "e": 127, "t": 91, "a": 82, "o": 75, "i": 70, "n": 67, "s": 63, "h": 61, "r": 60,
    "d": 43, "l": 40, "c": 28, "u": 28, "m": 24, "w": 24, "f": 22, "g": 20, "y": 20,
    "p": 19, "b": 15, "v": 10, "k": 8, "j": 2, "x": 2, "q": 1, "z": 1,
}  # fmt: skip
LETTERS = tuple(LETTER_WEIGHTS)
WEIGHTS = tuple(LETTER_WEIGHTS.values())
WORD_LENGTH_WEIGHTS = (3, 17, 20, 16, 11, 9, 8, 6, 4, 3)  # lengths 1..10
COMMON_WORDS = ("the", "of", "and", "to", "in", "is", "that", "it", "was", "for", "on", "with")
PUNCTUATION = (",", ",", ",", ".", ".", ";", ":", "!", "?")

GREEK_LOWER = "αβγδεζηθικλμνξοπρστυφχψω" + "άέήίόύώ"
CYRILLIC_LOWER = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
ACCENTED_LATIN = "àáâäçèéêëíîïñóôöúùûüøåæœß"

ABSENT_NEEDLE_LENGTHS = (5, 9, 16)
# find is also measured for every needle length from one byte (the most common
# needle: CPython and glibc answer it with memchr) up to 32.
NEEDLE_SWEEP_LENGTHS = (1, 2, 3, 4, 5, 8, 9, 16, 32)
# Bytes prose never contains: short needles no letters can make absent are runs
# of the first of these the text lacks.
ABSENT_FILLERS = "#@~^|"


@dataclass(frozen=True)
class Inputs:
    """The texts and needles every benchmark case is built from."""

    seed: int
    ascii_text: str
    ascii_bytes: bytes
    mixed_text: str
    non_ascii_text: str
    absent_needles: dict[int, str]


def utf8_size(text: str | bytes) -> int:
    """Bytes a text occupies in UTF-8 (the length of a ``bytes`` object)."""
    return len(text) if isinstance(text, bytes) else len(text.encode("utf-8"))


def _ascii_word(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return rng.choice(COMMON_WORDS)
    length = rng.choices(range(1, 11), WORD_LENGTH_WEIGHTS)[0]
    return "".join(rng.choices(LETTERS, WEIGHTS, k=length))


def _non_ascii_word(rng: random.Random) -> str:
    alphabet = rng.choice((GREEK_LOWER, CYRILLIC_LOWER, ACCENTED_LATIN + "aeiounrst"))
    length = rng.choices(range(1, 11), WORD_LENGTH_WEIGHTS)[0]
    word = "".join(rng.choices(alphabet, k=length))
    if alphabet is GREEK_LOWER and rng.random() < 0.3:
        # A word-final sigma: lower() of the capitalised word must give the final form.
        word += "\N{GREEK SMALL LETTER SIGMA}"
    return word


def _text(rng: random.Random, size: int, non_ascii_share: float) -> str:
    """Words separated by spaces (now and then a newline) up to ``size`` UTF-8 bytes."""
    pieces: list[str] = []
    produced = 0
    start_of_sentence = True
    while produced < size:
        use_non_ascii = non_ascii_share > 0 and rng.random() < non_ascii_share
        word = _non_ascii_word(rng) if use_non_ascii else _ascii_word(rng)
        shape = rng.random()
        if start_of_sentence or shape < 0.06:
            word = word.capitalize()
        elif shape < 0.08:
            word = word.upper()
        start_of_sentence = False
        if rng.random() < 0.1:
            mark = rng.choice(PUNCTUATION)
            word += mark
            start_of_sentence = mark in ".!?"
        word += "\n" if rng.random() < 0.02 else " "
        pieces.append(word)
        produced += utf8_size(word)
    encoded = "".join(pieces).encode("utf-8")[:size]
    # Cutting may split the last character; drop its leading bytes.
    return encoded.decode("utf-8", errors="ignore")


def ascii_text(size: int, seed: int) -> str:
    """Pseudo-English: words of 1-10 lowercase letters, some capitals and punctuation."""
    text = _text(random.Random(f"ascii-{seed}"), size, non_ascii_share=0.0)
    assert text.isascii() and len(text) == size
    return text


def mixed_text(size: int, seed: int, non_ascii_share: float) -> str:
    """Pseudo-English with a share of Greek, Cyrillic and accented-Latin words."""
    return _text(random.Random(f"mixed-{non_ascii_share}-{seed}"), size, non_ascii_share)


def absent_needle(haystack: str, length: int, rng: random.Random) -> str:
    """A needle of ``length`` letters in the haystack's letter mix that does not occur in it."""
    for _ in range(10_000):
        needle = "".join(rng.choices(LETTERS, WEIGHTS, k=length))
        if needle not in haystack:
            return needle
    raise RuntimeError(f"no absent needle of length {length} in {len(haystack)} characters")


def sweep_needle(haystack: str, length: int, rng: random.Random) -> str:
    """An absent needle of ``length``: letters where some mix is absent, else a filler run.

    One or two letters of prose all occur; a run of a byte the text lacks is then the
    needle every kernel must scan the whole text for.
    """
    if length >= 3:
        for _ in range(200):
            needle = "".join(rng.choices(LETTERS, WEIGHTS, k=length))
            if needle not in haystack:
                return needle
    filler = next(c for c in ABSENT_FILLERS if c not in haystack)
    return filler * length


def build_inputs(size: int = MEBIBYTE, seed: int = DEFAULT_SEED) -> Inputs:
    """All inputs of a run: each text has ``size`` UTF-8 bytes (the non-ASCII ones at most)."""
    text = ascii_text(size, seed)
    rng = random.Random(f"needles-{seed}")
    needles = {length: absent_needle(text, length, rng) for length in ABSENT_NEEDLE_LENGTHS}
    sweep_rng = random.Random(f"sweep-needles-{seed}")  # the needles above stay as they were
    for length in NEEDLE_SWEEP_LENGTHS:
        if length not in needles:
            needles[length] = sweep_needle(text, length, sweep_rng)
    for needle in needles.values():
        assert needle not in text, needle
    return Inputs(
        seed=seed,
        ascii_text=text,
        ascii_bytes=text.encode("ascii"),
        mixed_text=mixed_text(size, seed, non_ascii_share=0.1),
        non_ascii_text=mixed_text(size, seed, non_ascii_share=0.9),
        absent_needles=needles,
    )
