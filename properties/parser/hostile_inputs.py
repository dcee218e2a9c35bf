"""Hostile inputs for a parser, and a child process that parses them.

A crash or a hang of the parser must not take the test run with it, so every
input is parsed in a child (``python -m hostile_inputs PARSER CASE...`` with
this folder on sys.path), under a timeout, by CPython (``ast``) and by dxpy
(``dxpy``, or ``dxpy-arena``: the C++ parse into the arena only, with no
Python objects, for inputs too large to build an ``ast`` tree of). The child
builds each input itself from its name (a 100 MB source is not sent through a
pipe) and prints one JSON line per case: the outcome (class, msg), a digest
of the tree's dump when one was built, and the child's peak RSS.

Case names are ``builder:argument``, e.g. ``parens:10000`` or
``random_bytes:7``; :data:`BUILDERS` lists them.
"""

from __future__ import annotations

import gc
import hashlib
import json
import random
import resource
import sys
import time
import warnings
from collections.abc import Callable


def _nested(opening: str, closing: str) -> Callable[[int], bytes]:
    return lambda depth: (opening * depth + "0" + closing * depth + "\n").encode()


def _prefix(prefix: str, tail: str = "0") -> Callable[[int], bytes]:
    return lambda depth: (prefix * depth + tail + "\n").encode()


def _suffix(head: str, suffix: str) -> Callable[[int], bytes]:
    return lambda depth: (head + suffix * depth + "\n").encode()


def nested_blocks(depth: int) -> bytes:
    lines = [" " * level + "if x:\n" for level in range(depth)]
    return ("".join(lines) + " " * depth + "pass\n").encode()


def nested_functions(depth: int) -> bytes:
    lines = ["    " * level + f"def f{level}():\n" for level in range(depth)]
    return ("".join(lines) + "    " * depth + "return 0\n").encode()


def random_bytes(seed: int) -> bytes:
    """A few hundred bytes, mostly from a Python-ish alphabet, some of any value."""
    generator = random.Random(seed)
    alphabet = b"abcxyz019_ ()[]{}:;,.=+-*/%@<>!~'\"#\\\n\t\r\x0c fdefifclassreturnlambda"
    length = generator.randint(0, 400)
    return bytes(
        generator.randrange(256) if generator.random() < 0.1 else generator.choice(alphabet)
        for _ in range(length)
    )


def invalid_utf8(seed: int) -> bytes:
    """Valid code around a malformed UTF-8 sequence, in code, a string or a comment."""
    generator = random.Random(seed)
    bad = generator.choice(
        [
            b"\xff",
            b"\xc0\x80",
            b"\xe2\x82",
            b"\xed\xa0\x80",
            b"\xf4\x90\x80\x80",
            b"\x80",
            b"\xf0\x9f",
        ]
    )
    where = generator.choice([b"x = %s\n", b"x = '%s'\n", b"# %s\n", b"x = 1\ny = b'%s'\n"])
    return where.replace(b"%s", bad)


def statements(count: int) -> bytes:
    return b"x = 1\n" * count


# A million lines, most of them comments and blank lines (a million statements
# cost CPython half a minute and 3 GB to build as ast objects).
def million_lines(_: int) -> bytes:
    return (b"# a comment\n\nx = 1\n" + b"\n" * 7) * 100_000


def million_lines_error_at_end(_: int) -> bytes:
    return (b"# a comment\n" + b"\n" * 8 + b"x = 1\n") * 99_999 + b"\n" * 9 + b"x = )\n"


# One chunk of ordinary code (an accepted module); the 100 MB source repeats it.
LARGE_CHUNK = b'''\
class Point:
    """A point."""

    def __init__(self, x: float, y: float = 0.0) -> None:
        self.x, self.y = x, y

    def scaled(self, factor):
        return Point(self.x * factor, self.y * factor) if factor else None


values = [i ** 2 for i in range(10) if i % 3] + list({1: "a", 2: f"{3!r:>4}"})
'''


def repeated_source(megabytes: int) -> bytes:
    copies = megabytes * 1_000_000 // len(LARGE_CHUNK) + 1
    return LARGE_CHUNK * copies


BUILDERS: dict[str, Callable[[int], bytes]] = {
    "parens": _nested("(", ")"),
    "brackets": _nested("[", "]"),
    "braces": _nested("{", "}"),
    "unclosed_parens": lambda depth: b"(" * depth + b"\n",
    "unary_minus": _prefix("-"),
    "not": _prefix("not ", "x"),
    "additions": _prefix("1 + "),
    "powers": _prefix("2 ** "),
    "comparisons": _prefix("a < "),
    "conditionals": _prefix("a if b else "),
    "lambdas": _prefix("lambda: "),
    "awaits": lambda depth: ("async def f():\n    " + "await " * depth + "x\n").encode(),
    "attributes": _suffix("a", ".b"),
    "subscripts": _suffix("a", "[0]"),
    "calls": _suffix("f", "()"),
    "tuple_items": _suffix("x = 0", ", 0"),
    "string_concatenation": _suffix("x = ''", " 'a'"),
    "blocks": nested_blocks,
    "functions": nested_functions,
    "random_bytes": random_bytes,
    "invalid_utf8": invalid_utf8,
    "statements": statements,
    "million_lines": million_lines,
    "million_lines_error_at_end": million_lines_error_at_end,
    "megabytes": repeated_source,
}


def build(case: str) -> bytes:
    name, _, argument = case.partition(":")
    return BUILDERS[name](int(argument or 0))


def _parse_with(parser: str) -> Callable[[bytes], object]:
    if parser == "ast":
        import ast

        return lambda source: ast.parse(source)
    import dxpy

    if parser == "dxpy":
        return lambda source: dxpy.parse(source)
    if parser == "dxpy-arena":
        from dxpy import _native

        return lambda source: _native.parse_timed(source)
    raise SystemExit(f"unknown parser {parser!r}")


def tree_digest(tree: object) -> str:
    """A digest of everything ``ast.dump(tree, include_attributes=True)`` shows.

    Nodes in ``ast.walk`` order, each with its type and every field and
    attribute (child nodes by type; their own contents follow in the walk), so
    equal digests mean equal dumps. Iterative: a tree deeper than ast.dump can
    recurse (``-`` * 1000 + ``1``) is digested too.
    """
    import ast

    digest = hashlib.sha256()
    for node in ast.walk(tree):  # type: ignore[arg-type]
        parts = [type(node).__name__]
        for name in node._fields + node._attributes:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                parts.append(type(value).__name__)
            elif isinstance(value, list):
                shown = [type(v).__name__ if isinstance(v, ast.AST) else v for v in value]
                parts.append(repr(shown))
            else:
                parts.append(repr(value))
        digest.update("\x00".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def run_case(parse: Callable[[bytes], object], case: str) -> dict:
    source = build(case)
    started = time.perf_counter()
    result: dict = {"case": case, "bytes": len(source)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gc.disable()  # both parsers alike: no collections while millions of nodes are made
        try:
            tree = parse(source)
        except (SyntaxError, ValueError, MemoryError, RecursionError) as error:
            result["error"] = [type(error).__name__, getattr(error, "msg", None) or str(error)]
            result["lineno"] = getattr(error, "lineno", None)
        else:
            result["error"] = None
            result["parse_seconds"] = time.perf_counter() - started
            if not isinstance(tree, tuple):  # an ast tree (dxpy-arena gives its stats)
                result["tree_sha256"] = tree_digest(tree)
        finally:
            gc.enable()
    result.setdefault("parse_seconds", time.perf_counter() - started)
    result["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return result


def main(arguments: list[str]) -> None:
    parser, *cases = arguments
    parse = _parse_with(parser)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"baseline_rss_bytes": baseline}), flush=True)
    for case in cases:
        print(json.dumps({"start": case}), flush=True)
        print(json.dumps(run_case(parse, case)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
