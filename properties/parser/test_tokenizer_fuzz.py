"""The C++ tokenizer on random input: it never crashes or hangs, and where its
answer is CPython's answer whatever the parser does, it is CPython's.

The driver runs as one --serve process; every answer must come within its
timeout (a hang fails), and the process must stay alive (a crash fails).
The sources are random bytes, random text, and random sequences of Python
fragments chosen to meet the tokenizer's hard cases (quotes, prefixes,
brackets, backslashes, tabs, form feeds, numbers, non-ASCII, CR).

The properties compared with ast.parse (test_tokenizer_errors.py says why
they hold in CPython):

* a SyntaxError the tokenizer raises itself ("raised") as the first error of
  the source is what ast.parse raises, all fields equal, unless CPython's
  parser stops first at an INDENT or DEDENT ("unexpected indent" /
  "unexpected unindent" skip pegen's full-source check);
* an undecodable name: ast.parse raises "(unicode error) ..." or, when its
  full-source check finds it, the bare UnicodeDecodeError with the same text;
* when ast.parse raises a message only the tokenizer gives, the tokenizer
  gives the same error (for the tok->done family, whose errors CPython meets
  only if its parser gets that far, this direction is the one that holds);
* when the tokenizer accepts the source, ast.parse raises no tokenizer message.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tokenizer_driver import (
    cpython_error,
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


FRAGMENTS = [
    "x",
    "é",
    "ñ1",
    "_",
    "if",
    "else",
    "for",
    "in",
    "or",
    "and",
    "not",
    "1",
    "0",
    "07",
    "0x",
    "0o",
    "0b",
    "1_",
    "_0",
    "1e",
    "e5",
    "j",
    ".",
    "..",
    "5",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "=",
    "==",
    "!=",
    "<>",
    "->",
    "**=",
    "//",
    "<<=",
    "@",
    ",",
    ";",
    "+",
    "-",
    "*",
    "'",
    '"',
    "'''",
    '"""',
    "r'",
    'b"',
    "rb'",
    "Rb'",
    "f'",
    'fR"',
    "u'",
    "bu'",
    "\\",
    "\\\n",
    "\n",
    "\r\n",
    "\r",
    " ",
    "  ",
    "    ",
    "\t",
    "\x0c",
    "#",
    "# c\n",
    "€",
    "\xa0",
    "\x0b",
    "\x01",
    "$",
    "?",
    "!",
    "`",
    "\u2028",
    "\U0001d518",
    "\uff49\uff46",
    "\ufeff",
    "\U000e0100",
]

# Parser errors after which CPython does not look for a tokenizer error further on.
STOPS_BEFORE_FULL_CHECK = ("unexpected indent", "unexpected unindent")

fragment_sources = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
text_sources = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60
)
byte_sources = st.binary(max_size=80)


def _answer(server, source, mode):
    if isinstance(source, bytes):
        return tokenize_bytes(server, source, mode)
    return server.tokenize(source, mode)


def check_against_cpython(server, source, mode="exec"):
    answer = _answer(server, source, mode)
    assert answer["state"] in ("ready", "error")
    mine = answer["error"]
    expected = cpython_error(source, mode)
    if expected is not None and expected[0] == "UnicodeDecodeError":
        assert mine is not None and mine["origin"] == "decode", (source, mine, expected)
        assert mine["decode_msg"] == expected[1]
        return
    if mine is not None and mine["origin"] == "decode" and expected is not None:
        if expected[1].startswith("(unicode error)"):
            assert error_fields(mine) == expected, (source, mine, expected)
        return  # or the parser stopped before the name
    if expected is not None and expected[1] in STOPS_BEFORE_FULL_CHECK:
        return
    if mine is not None and mine["origin"] in ("raised", "none"):
        assert error_fields(mine) == expected, (source, mine, expected)
        return
    if expected is not None and tokenizer_message_origin(expected[1]):
        assert mine is not None, (source, "accepted by dxpy", expected)
        if not expected[1].endswith("was never closed"):  # also the parser's, after it failed
            assert error_fields(mine) == expected, (source, mine, expected)
    if mine is None and expected is not None:
        assert tokenizer_message_origin(expected[1]) is None, (source, expected)


@given(fragment_sources, st.sampled_from(["exec", "eval"]))
def test_fragments_agree_with_cpython(server, source, mode):
    check_against_cpython(server, source, mode)


@given(text_sources)
def test_random_text_agrees_with_cpython(server, source):
    check_against_cpython(server, source)


@given(byte_sources)
def test_random_bytes_never_crash(server, source):
    # Bytes may need host decoding or fail to decode; CPython's answer is
    # compared where the tokenizer speaks for it, as above.
    check_against_cpython(server, source)


@given(
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map("".join), st.integers(1, 3000)
)
def test_repeated_fragments_terminate(server, fragment, repeat):
    """Long inputs (deep brackets, long strings, many lines) end, in time."""
    answer = server.tokenize(fragment * repeat)
    tokens = answer["tokens"]
    assert answer["error"] is not None or tokens[-1][0] == "ENDMARKER"


ATOMS = st.sampled_from(
    [
        "x",
        "é",
        "_a1",
        "0",
        "1_000",
        "0x_f",
        "0o7",
        "0b1",
        "1.5e-3",
        ".5j",
        "1J",
        "'s'",
        '"d"',
        "b'\\x00'",
        "rb'\\d'",
        "f'{x}'",
        "'''t\nq'''",
        "u'u'",
        "None",
        "match",
        "case",
        "\uff49",
    ]
)
OPERATORS = st.sampled_from(
    [
        " + ",
        "-",
        " ** ",
        "//",
        " @ ",
        " << ",
        " if x else ",
        " and ",
        " not in ",
        "<=",
        " != ",
        " is not ",
    ]
)
SPACES = st.sampled_from(["", " ", "\t", "  # c\n    ", " \\\n  ", "\x0c"])


@st.composite
def expressions(draw) -> str:
    parts = [draw(ATOMS)]
    for _ in range(draw(st.integers(0, 4))):
        parts += [draw(OPERATORS), draw(ATOMS)]
    text = "".join(parts)
    if draw(st.booleans()):
        text = "(" + draw(SPACES) + text + draw(st.sampled_from(["", "\n", "\n\n  # c\n"])) + ")"
    if draw(st.booleans()):
        text = "[" + text + ",\n" + draw(ATOMS) + "]"
    return text


@st.composite
def programs(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        expr = draw(expressions())
        template = draw(
            st.sampled_from(
                [
                    "x = {}\n",
                    "{}\n",
                    "if {}:\n    pass\n",
                    "def f():\n\treturn {}\n",
                    "# {}\n",
                    "while x:\n  y = {}  # c\n  break\n",
                    "\n",
                    "class C:\n\n    z = {}\n",
                ]
            )
        )
        lines.append(template.replace("{}", expr))
    text = "".join(lines)
    ending = draw(st.sampled_from(["", "\r\n", "\n\n", "  "]))
    return text.rstrip("\n") + ending if ending.strip() == "" and ending else text


@given(programs())
def test_valid_programs_tokenize_as_cpython(server, source):
    """Programs CPython accepts: the token streams equal tokenize's (mapped)."""
    from test_tokenizer_stdlib import TokenizeRejected, expected_stream

    if cpython_error(source) is not None:
        check_against_cpython(server, source)
        return
    answer = server.tokenize(source)
    assert answer["error"] is None
    data = source.encode("utf-8")
    try:
        expected = expected_stream(data)
    except TokenizeRejected:
        return  # tokenize's own limits (its \w names); the stdlib test explains
    assert answer["tokens"] == expected
