"""Identifiers in the C++ tokenizer against CPython: which characters make a
name (PEP 3131), which names are keywords, and the NFKC normalisation CPython
applies to non-ASCII names before storing them (unicodedata.normalize).

The tables behind all three are generated at build time from the building
Python; these tests hold the result to the running CPython, exhaustively over
every identifier character and with Hypothesis over combinations of the
characters normalisation is hard for (combining marks, Hangul jamo,
compatibility characters).
"""

from __future__ import annotations

import ast
import keyword
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tokenizer_driver import running_server

pytestmark = pytest.mark.task("10.2")


@pytest.fixture(scope="module")
def server():
    with running_server() as driver:
        yield driver


IDENTIFIER_CHARACTERS = [
    chr(c) for c in range(0x80, sys.maxunicode + 1) if ("a" + chr(c)).isidentifier()
]
# Characters whose NFKC is not themselves, or that combine with a neighbour.
UNSTABLE = [
    ch
    for ch in IDENTIFIER_CHARACTERS
    if unicodedata.normalize("NFKC", ch) != ch or unicodedata.combining(ch)
]
HANGUL_JAMO = [chr(c) for c in range(0x1100, 0x1200)] + ["\uac00", "\ud7a3", "\uac01"]


def test_every_identifier_character_normalises_as_cpython(server):
    names = IDENTIFIER_CHARACTERS + ["a" + ch for ch in UNSTABLE]
    answer = server.nfkc(names)
    expected = [unicodedata.normalize("NFKC", name) for name in names]
    wrong = [(n, a, e) for n, a, e in zip(names, answer["nfkc"], expected, strict=True) if a != e]
    assert not wrong, wrong[:10]
    missed = [
        name
        for name, needs, normal in zip(names, answer["needs"], expected, strict=True)
        if not needs and name != normal
    ]
    assert not missed, missed[:10]


@given(
    st.lists(
        st.sampled_from(UNSTABLE + HANGUL_JAMO + ["a", "e", "\u00e9", "\u0301", "\u0327", "A"]),
        min_size=1,
        max_size=8,
    ).map("".join)
)
def test_combinations_normalise_as_cpython(server, tail):
    name = "a" + tail
    answer = server.nfkc([name])
    assert answer["nfkc"] == [unicodedata.normalize("NFKC", name)]
    if not answer["needs"][0]:
        assert unicodedata.is_normalized("NFKC", name)


def test_cpython_stores_names_normalised():
    """The premise: ast.parse gives the NFKC form (what the parser will call)."""
    tree = ast.parse("\uff49\uff46 = \u2168")
    assert ast.dump(tree).count("'if'") == 1 and "'IX'" in ast.dump(tree)


def test_every_identifier_character_tokenizes_as_a_name(server):
    source = "".join(f"a{ch}\n" for ch in IDENTIFIER_CHARACTERS)
    answer = server.tokenize(source)
    assert answer["error"] is None
    names = [t for t in answer["tokens"] if t[0] == "NAME"]
    assert len(names) == len(IDENTIFIER_CHARACTERS)
    starts = "".join(ch for ch in IDENTIFIER_CHARACTERS if ch.isidentifier())
    answer = server.tokenize(" ".join(starts) + "\n")
    assert answer["error"] is None
    assert sum(t[0] == "NAME" for t in answer["tokens"]) == len(starts)


@given(st.characters(min_codepoint=0x80, blacklist_categories=("Cs",)))
def test_other_characters_are_rejected_as_cpython(server, ch):
    source = f"x = a{ch}b\n"
    answer = server.tokenize(source)
    try:
        ast.parse(source)
        expected = None
    except SyntaxError as exc:
        expected = (exc.msg, exc.lineno, exc.offset, exc.end_offset)
    mine = answer["error"]
    got = (
        None if mine is None else (mine["msg"], mine["lineno"], mine["offset"], mine["end_offset"])
    )
    assert got == expected


def test_keyword_flags_equal_the_keyword_module(server):
    words = keyword.kwlist + keyword.softkwlist + ["print", "Match", "_x", "async_", "iff"]
    answer = server.tokenize(" ".join(words) + "\n")
    flags = [t[5] for t in answer["tokens"] if t[0] == "NAME"]
    expected = [
        "h" if keyword.iskeyword(w) else "s" if keyword.issoftkeyword(w) else "" for w in words
    ]
    assert flags == expected
