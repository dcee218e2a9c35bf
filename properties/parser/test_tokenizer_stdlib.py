r"""The C++ tokenizer against CPython on the whole standard library.

Every .py file of the host's Lib/ (tests included, site-packages not) is
tokenized by dxpy_tokenize and by the ``tokenize`` module, and the streams
must agree token for token: kind (exact operator), line, columns, keyword
flags. ``tokenize`` is pure Python and not the C tokenizer the parser uses;
where the two differ by design, ``expected_stream`` maps ``tokenize``'s
stream to the C tokenizer's, and each rule says why:

* ENCODING, COMMENT and NL tokens do not exist in the C tokenizer.
* Columns: ``tokenize`` counts characters, the C tokenizer UTF-8 bytes.
* INDENT, DEDENT and ENDMARKER have no text in C (columns -1); at the end of
  the file C reports its last line, ``tokenize`` the line after it.
* NEWLINE: C's token starts at the comment before it, if any, and ends where
  ``tokenize``'s starts (at the newline character).
* ``tokenize``'s NAME is the regex ``\w+``, narrower than PEP 3131's
  XID_Continue (U+E0100, a variation selector, is XID_Continue, not \w): where
  it yields an ERRORTOKEN inside a name CPython's parser accepts, the file is
  held to ast.parse (dxpy must accept it too).
* A lone CR is a line end for the C tokenizer (translate_newlines), not for
  ``tokenize``: such files are compared against ast.parse only.

Files the ``tokenize`` module rejects, and files the C tokenizer rejects
(``tokenize`` does not check what the C tokenizer checks: brackets, numbers
such as ``07``), are held to ast.parse instead: the C tokenizer's first error
must be the SyntaxError CPython raises when it is one the tokenizer raises
itself (test_tokenizer_errors.py explains why it is then CPython's answer).
"""

from __future__ import annotations

import io
import keyword
import time
import token
import tokenize

import pytest
from tokenizer_driver import (
    cpython_error,
    error_fields,
    running_server,
    stdlib_files,
    tokenize_bytes,
    tokenizer_message_origin,
)

pytestmark = pytest.mark.task("10.2")


@pytest.fixture(scope="module")
def server():
    with running_server() as driver:
        yield driver


FILES = stdlib_files()
CHUNKS = 8  # separate tests, so xdist spreads the library over its workers
SKIPPED = {token.ENCODING, token.COMMENT, token.NL}


class TokenizeRejected(Exception):
    pass


def c_line_count(data: bytes) -> int:
    """Lines the C tokenizer reads (after translate_newlines, exec input)."""
    text = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    count = text.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n")
    if not text.replace(b"\r\n", b"\n").replace(b"\r", b"\n").endswith(b"\n"):
        count += 1
    elif text.endswith(b"\r\n"):
        count += 1  # CPython's quirk: a final CRLF yields one more empty line
    return max(count, 1)


def expected_stream(data: bytes) -> list[list]:
    """tokenize's stream for ``data``, mapped to what the C tokenizer gives."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        lines = data.decode(encoding).split("\n")
    except (SyntaxError, UnicodeDecodeError) as exc:
        raise TokenizeRejected(str(exc)) from exc
    last_line = c_line_count(data)

    def byte_col(lineno: int, col: int) -> int:
        line = lines[lineno - 1] if lineno - 1 < len(lines) else ""
        return col if line.isascii() else len(line[:col].encode("utf-8"))

    out: list[list] = []
    previous = None
    try:
        for tok in tokenize.tokenize(io.BytesIO(data).readline):
            if tok.type == token.ERRORTOKEN:
                raise TokenizeRejected(f"ERRORTOKEN {tok.string!r} at {tok.start}")
            if tok.type in SKIPPED:
                previous = tok
                continue
            (line, col), (end_line, end_col) = tok.start, tok.end
            name = token.tok_name[tok.exact_type]
            if tok.type in (token.INDENT, token.DEDENT, token.ENDMARKER):
                line = min(line, last_line)
                out.append([name, line, -1, line, -1, ""])
            elif tok.type == token.NEWLINE:
                start = (line, col)
                if (
                    previous is not None
                    and previous.type == token.COMMENT
                    and previous.start[0] == line
                ):
                    start = previous.start
                out.append([name, start[0], byte_col(*start), line, byte_col(line, col), ""])
            else:
                flag = ""
                if tok.type == token.NAME:
                    flag = (
                        "h"
                        if keyword.iskeyword(tok.string)
                        else "s"
                        if keyword.issoftkeyword(tok.string)
                        else ""
                    )
                out.append(
                    [name, line, byte_col(line, col), end_line, byte_col(end_line, end_col), flag]
                )
            previous = tok
    except (SyntaxError, tokenize.TokenError, IndentationError) as exc:
        raise TokenizeRejected(str(exc)) from exc
    return out


def has_lone_cr(data: bytes) -> bool:
    return b"\r" in data.replace(b"\r\n", b"")


def check_file(server, path) -> str:
    """Compare one file; returns how it was judged."""
    data = path.read_bytes()
    answer = tokenize_bytes(server, data)
    if answer["error"] is None and not has_lone_cr(data):
        try:
            expected = expected_stream(data)
        except TokenizeRejected as exc:
            # The C tokenizer accepts: CPython's error, if any, is the parser's.
            error = cpython_error(data)
            assert error is None or tokenizer_message_origin(error[1]) is None, (path, exc, error)
            return "tokenize-rejects"
        actual = answer["tokens"]
        for index, (want, got) in enumerate(zip(expected, actual, strict=False)):
            assert got == want, f"{path}: token {index}: expected {want}, dxpy {got}"
        assert len(actual) == len(expected), (
            f"{path}: {len(actual)} tokens, tokenize {len(expected)}"
        )
        return "tokens"
    # Rejected by the C tokenizer (or a lone CR file): ast.parse decides.
    expected_error = cpython_error(data)
    mine = answer["error"]
    if mine is None:
        return "lone-cr" if expected_error is None else "parser-error"
    if mine["origin"] in ("raised", "none"):
        assert error_fields(mine) == expected_error, (
            f"{path}: dxpy {mine}, CPython {expected_error}"
        )
        return "error"
    # A tok->done error: CPython reports it only if its parser gets that far.
    assert expected_error is not None, f"{path}: dxpy rejects ({mine}), CPython accepts"
    return "error-done"


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_stdlib_tokens_match_cpython(server, chunk):
    start = time.perf_counter()
    judged: dict[str, int] = {}
    for path in FILES[chunk::CHUNKS]:
        how = check_file(server, path)
        judged[how] = judged.get(how, 0) + 1
    assert judged.get("tokens", 0) > 0
    print(f"chunk {chunk}: {judged} in {time.perf_counter() - start:.1f} s")
