"""The C++ tokenizer's errors against ast.parse, field for field.

A hand-written corpus with cases for every message CPython 3.11's tokenizer
gives (each checked to be one only the tokenizer gives, and every message
checked to have a case), for the source buffer's errors (NUL bytes, encoding
declarations, undecodable names), and for the places positions are easy to
get wrong (non-ASCII before the error, tabs, CRLF, strings over several
lines, eval input without a final newline, bytes input whose parser-level
offsets CPython keeps in bytes). The expected values are ast.parse's, computed
here.

Why comparing the tokenizer alone with ast.parse is sound for these cases:
CPython's parser asks for tokens until it fails; a SyntaxError tokenizer.c
raises itself is then CPython's answer however far the parser got, because
after any parser error pegen tokenizes the rest of the file and lets such an
error replace its own (_PyPegen_tokenize_full_source_to_check_for_errors).
The tok->done errors (unexpected EOF, dedent, tabs, ...) are CPython's answer
when the parser reaches them, which each case here makes sure of by being
valid up to the error.
"""

from __future__ import annotations

import pytest
from tokenizer_driver import (
    DONE_PATTERNS,
    RAISED_PATTERNS,
    cpython_error,
    cpython_warnings,
    error_fields,
    running_server,
    tokenize_bytes,
    tokenizer_message_origin,
)

pytestmark = pytest.mark.task("10.2")


@pytest.fixture(scope="module")
def server():
    with running_server() as driver:
        yield driver


NESTED_INDENTS = "if 1:\n" + "".join(" " * i + "if 1:\n" for i in range(1, 101)) + " " * 101 + "x\n"

# Tokenizer errors: (source, mode). str sources are compile()d as str, bytes as bytes.
TOKENIZER_CASES: list[tuple[str | bytes, str]] = [
    # strings
    ('"abc', "exec"),
    ("x = 'abc\ny = 1\n", "exec"),
    ('x = """abc\n\n', "exec"),
    ("f'''ab\n", "exec"),
    ('rb"abc', "exec"),
    ("é = 'abc", "exec"),
    ("x = 1; \t'abc\n", "exec"),
    ("'abc\\\ndef", "exec"),
    ('"""a\nb', "exec"),
    ("x = (\n'''\n", "exec"),
    ('"abc', "eval"),
    # characters
    ("€", "exec"),
    ("x = a€b", "exec"),
    ("a\xa0b", "exec"),
    ("x = 1 + \x0b", "exec"),
    ("a = 1\n\x01", "exec"),
    ("\ufeffx = 1", "exec"),
    ("x = ñ\u2028", "exec"),
    ("\U0001d518\U0001d52b\U0001d526 = 1; 1x€", "exec"),
    ("x = 1\n\x7f", "exec"),
    # brackets
    (")", "exec"),
    ("x = [1, 2]]", "exec"),
    ("(]", "exec"),
    ("(\n\n]", "exec"),
    ("{1: (2]}", "exec"),
    ("é(}", "exec"),
    ("(" * 201, "exec"),
    ("[" * 199 + "{" * 2, "exec"),
    ("(\n", "exec"),
    ("x = (1,\n2", "exec"),
    ("x=(\r\n", "exec"),
    ("f(a, [b,\n{c: d", "exec"),
    ("é = (", "exec"),
    ("(", "eval"),
    ("((((\n\n\n", "exec"),
    # numbers
    ("09", "exec"),
    ("0_7", "exec"),
    ("00012", "exec"),
    ("0x", "exec"),
    ("0x_", "exec"),
    ("0xg", "exec"),
    ("0x1_", "exec"),
    ("0o", "exec"),
    ("0o8", "exec"),
    ("0o1_9", "exec"),
    ("0o17a", "exec"),
    ("0b", "exec"),
    ("0b2", "exec"),
    ("0b1_", "exec"),
    ("0b1__1", "exec"),
    ("0b102", "exec"),
    ("1_", "exec"),
    ("1__0", "exec"),
    ("1e", "exec"),
    ("1.e", "exec"),
    ("1.5e+", "exec"),
    ("1.5e+_1", "exec"),
    ("1.5_", "exec"),
    ("1j2", "exec"),
    ("1_000j_", "exec"),
    ("1e5jx", "exec"),
    ("1_a", "exec"),
    ("0_", "exec"),
    ("00_", "exec"),
    ("0e", "exec"),
    ("0.5x", "exec"),
    (".5_", "exec"),
    ("x = 1abc", "exec"),
    ("1elseé", "exec"),
    ("1_é", "exec"),
    ("1eé", "exec"),
    # indentation
    ("if 1:\n  x\n y\n", "exec"),
    ("if 1:\n    if 2:\n        x\n      y\n", "exec"),
    ("if 1:\n\tx\n        y\n", "exec"),
    ("if 1:\n        x\n\ty\n", "exec"),
    ("if 1:\n  \tx\n\t  y\n", "exec"),
    ("def f():\n\tif 1:\n        x\n", "exec"),
    (NESTED_INDENTS, "exec"),
    # continuation lines and EOF
    ("x = \\ 1", "exec"),
    ("x = \\é", "exec"),
    ("é = \\ 1", "exec"),
    ("if 1:\n  \\ x", "exec"),
    ("x = 1 \\", "exec"),
    ("x = \\\n", "exec"),
    ("a\\\n", "exec"),
    ("if x:\n    \\\n", "exec"),
    ("1 + \\", "eval"),
    ("x\\\n\\", "exec"),
    ("x = \\\n\\ 1", "exec"),
    ("x = \\\n  \\\n\\ 1", "exec"),
    ('x = """a\nb""" \\ x', "exec"),
    ('x = """a\nb""" + (', "exec"),
    ("x = (1 +\\\n", "exec"),
    ("if 1:\n  x = '''\n'''\n y\n", "exec"),
    # bytes: CPython keeps offsets of pegen's errors in bytes without a declaration
    (b"\xc3\xa9 = (", "exec"),
    (b"\xc3\xa9 = \\ 1", "exec"),
    (b"\xc3\xa9 = )", "exec"),
    (b"# coding: utf-8\n\xc3\xa9 = (", "exec"),
    (b"\xef\xbb\xbf\xc3\xa9 = (", "exec"),
    (b"# coding: latin-1\n\xe9 = (", "exec"),
    (b"x = (\r\n1,\r\n", "exec"),
    (b"x = (\r1,\r", "exec"),
]

# Errors of the source buffer (before the first token) and of names that are
# not UTF-8: bytes and str.
SOURCE_CASES: list[tuple[str | bytes, str]] = [
    (b"a\x00b", "exec"),
    ("a\x00b", "exec"),
    (b"\x00", "eval"),
    (b"\xff", "exec"),
    (b"x=1\n\xff", "exec"),
    (b"ab\xffcd = 1", "exec"),
    (b"\xe2\x82 = 1", "exec"),
    (b"a\xed\xa0\x80 = 1", "exec"),
    (b"x = 1\n\xe9t\xe9 = 2", "exec"),
    (b"\xf0\x9f = 1", "exec"),
    (b"# -*- coding: utf-8 -*-\n\xff", "exec"),
    (b"\n\n# coding: latin-1\n\xe9=1", "exec"),
    (b"# coding: foo\n", "exec"),
    (b"# vim: set fileencoding=nope :\nx = 1\n", "exec"),
    (b"\xef\xbb\xbf# coding: latin-1\n", "exec"),
    (b"\xef\xbb\xbf# coding: cp1252\nx = 1\n", "exec"),
    (b"#!x\n# vim: set fileencoding=ascii :\nx='\xe9'", "exec"),
    (b"# coding: ascii\nx = 1\n\x80", "exec"),
    (b"# coding: cp1252\n\x81 = 1\n", "exec"),
    (b"# coding: utf-16\nx = 1\n", "exec"),
    (b"# coding: cp1252\n\x80 = 1\n", "exec"),
    (b"# coding: koi8-r\n\xc1\xc2 = (", "exec"),
]

# Sources the tokenizer accepts where a careless one would not (or reject
# for the wrong reason): ast.parse accepts them, so must the tokenizer.
ACCEPTED_CASES: list[str | bytes] = [
    "x = 1  # ok\n",
    b"# \xff in a comment\nx = 1\n",
    b"# coding: latin-1\n\xe9 = 1\n",
    b"# coding: cp1252\nx = '\x80'\n",
    b"\n# -*- coding: iso-8859-1 -*-\nx = '\xe9'\n",
    b"# coding=utf_8\nx = 1\n",
    b"x = 1 # coding: latin-1\n\xc3\xa9 = 2\n",
    b"\xef\xbb\xbfx = 1\n",
    b"\xef\xbb\xbf# coding: utf-8\nx = 1\n",
    "1if 1 else 2\n",
    "0x1for x in y\n",
    "[1or 1, 1and 2, 1in x, 1is x, 1not in x, 1.0if 1else 2]\n",
    "00\n0_0\n0.0_1e1_0j\n1E+1_0\n",
    "x = (\n\n# comment\n\t1)\n",
    "if 1:\n\x0c    x\n",
    "\\\n\\\nx = 1\n",
    "x = 1\r\ny = 2\rz = 3\r\n",
    "\uff49\uff46 = 1\n",
    "x = 1 \\\n\n",
    "Ā = \u210c = ᾼ = \U0001d518 = 1\n",
]

# SyntaxWarnings from the tokenizer: (source, mode).
WARNING_CASES = [
    "1if 1 else 2\n",
    "0x1for x in y\n",
    "[1or 1, 1and 2, 1in x, 1is x, 1not in x, 1.0if 1else 2, 0o7if 1 else 0, 0b1or 1]\n",
    "x = 1jif 1 else 2\n\ny = 5else\n",
]


def _id(case) -> str:
    source = case[0] if isinstance(case, tuple) else case
    return repr(source)[:40]


@pytest.mark.parametrize("case", TOKENIZER_CASES, ids=_id)
def test_tokenizer_error_equals_cpython(server, case):
    source, mode = case
    expected = cpython_error(source, mode)
    assert expected is not None, "the corpus holds only sources CPython rejects"
    assert tokenizer_message_origin(expected[1]), f"not a tokenizer message: {expected[1]!r}"
    answer = (
        tokenize_bytes(server, source, mode)
        if isinstance(source, bytes)
        else (server.tokenize(source, mode))
    )
    assert error_fields(answer["error"]) == expected


@pytest.mark.parametrize("case", SOURCE_CASES, ids=_id)
def test_source_error_equals_cpython(server, case):
    source, mode = case
    expected = cpython_error(source, mode)
    assert expected is not None
    answer = (
        tokenize_bytes(server, source, mode)
        if isinstance(source, bytes)
        else (server.tokenize(source, mode))
    )
    mine = error_fields(answer["error"])
    if mine is None and expected[1].startswith("(unicode error)"):
        pytest.fail(f"CPython: {expected}; the tokenizer accepts")
    assert mine == expected


@pytest.mark.parametrize("source", ACCEPTED_CASES, ids=_id)
def test_accepted_by_both(server, source):
    assert cpython_error(source) is None
    answer = (
        tokenize_bytes(server, source) if isinstance(source, bytes) else server.tokenize(source)
    )
    assert answer["error"] is None
    assert answer["tokens"][-1][0] == "ENDMARKER"


@pytest.mark.parametrize("source", WARNING_CASES, ids=_id)
def test_warnings_equal_cpython(server, source):
    expected = cpython_warnings(source)
    assert expected, "each case makes CPython warn"
    answer = server.tokenize(source)
    assert [tuple(w) for w in answer["warnings"]] == expected


def test_corpus_covers_every_tokenizer_message():
    """Each message pattern of CPython's tokenizer has a case CPython raises it for."""
    messages = [cpython_error(source, mode) for source, mode in TOKENIZER_CASES]
    for pattern in RAISED_PATTERNS + DONE_PATTERNS:
        assert any(m and pattern.fullmatch(m[1]) for m in messages), pattern.pattern
