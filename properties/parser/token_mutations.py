"""Broken programs for error parity: stdlib files with one token deleted,
duplicated, or swapped with its neighbour.

Deterministic: the files, the tokens and the operations come from one seeded
``random.Random``, so every run (and every machine with the same CPython)
holds the same corpus. Small files are used (a mutation's cost is a parse of
the whole file by both parsers); the tokens are those of ``tokenize``, less the
layout-only ones (NEWLINE, NL, INDENT, DEDENT, COMMENT, ENDMARKER), whose
removal mostly yields another valid program or a pure indentation error.

A mutant is identified by (file, operation, token index): its ``category``
(operation and the token's kind, e.g. ``delete OP ')'``) is what the parity
record groups its figures by.
"""

from __future__ import annotations

import functools
import io
import random
import token
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

OPERATIONS = ("delete", "duplicate", "swap")
LAYOUT_TOKENS = {
    token.NEWLINE,
    token.NL,
    token.INDENT,
    token.DEDENT,
    token.COMMENT,
    token.ENDMARKER,
    token.ENCODING,
}
MAX_FILE_BYTES = 12_000
SEED = 20261201


@dataclass(frozen=True)
class Mutant:
    path: Path
    operation: str
    token_index: int
    token_text: str
    token_kind: str
    source: str

    @property
    def category(self) -> str:
        shown = self.token_text if self.token_kind == "OP" else self.token_kind
        return f"{self.operation} {shown}"

    @property
    def id(self) -> str:
        return f"{self.path.name}:{self.operation}:{self.token_index}"


def _line_offsets(source: str) -> list[int]:
    offsets = [0]
    for line in source.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    return offsets


def significant_tokens(source: str) -> list[tokenize.TokenInfo]:
    readline = io.StringIO(source).readline
    return [t for t in tokenize.generate_tokens(readline) if t.type not in LAYOUT_TOKENS]


def _span(offsets: list[int], tok: tokenize.TokenInfo) -> tuple[int, int]:
    (start_line, start_col), (end_line, end_col) = tok.start, tok.end
    return offsets[start_line - 1] + start_col, offsets[end_line - 1] + end_col


def mutate(source: str, tokens: list[tokenize.TokenInfo], operation: str, index: int) -> str:
    """``source`` with tokens[index] deleted, doubled, or swapped with tokens[index + 1]."""
    offsets = _line_offsets(source)
    start, end = _span(offsets, tokens[index])
    if operation == "delete":
        return source[:start] + source[end:]
    if operation == "duplicate":
        # Doubled with a space between, as a typo would (names must not fuse).
        return source[:end] + " " + source[start:end] + source[end:]
    if operation == "swap":
        next_start, next_end = _span(offsets, tokens[index + 1])
        return (
            source[:start]
            + source[next_start:next_end]
            + source[end:next_start]
            + source[start:end]
            + source[next_end:]
        )
    raise ValueError(f"unknown operation {operation!r}")


def candidate_files(files: list[Path]) -> list[Path]:
    """The files a mutant may come from: small, UTF-8, tokenizable, accepted by CPython."""
    return list(_candidate_files(tuple(files)))


@functools.lru_cache(maxsize=4)
def _candidate_files(files: tuple[Path, ...]) -> tuple[Path, ...]:
    # Cached: choosing compiles a thousand files, and every corpus starts here.
    chosen = []
    for path in files:
        if path.stat().st_size > MAX_FILE_BYTES:
            continue
        try:
            source = path.read_bytes().decode("utf-8")
            compile(source, str(path), "exec", 0x400, dont_inherit=True)  # PyCF_ONLY_AST
            if len(significant_tokens(source)) < 2:
                continue
        except (UnicodeDecodeError, SyntaxError, tokenize.TokenError, ValueError):
            continue
        chosen.append(path)
    return tuple(chosen)


def mutants(files: list[Path], count: int, seed: int = SEED) -> Iterator[Mutant]:
    """``count`` mutants, the three operations in turn, each file at most a few times."""
    generator = random.Random(seed)
    pool = candidate_files(files)
    generator.shuffle(pool)
    made = 0
    cache: dict[Path, tuple[str, list[tokenize.TokenInfo]]] = {}
    while made < count:
        path = pool[made % len(pool)]
        if path not in cache:
            source = path.read_bytes().decode("utf-8")
            cache[path] = (source, significant_tokens(source))
        source, tokens = cache[path]
        operation = OPERATIONS[made % len(OPERATIONS)]
        last = len(tokens) - (2 if operation == "swap" else 1)
        index = generator.randint(0, last)
        tok = tokens[index]
        yield Mutant(
            path=path,
            operation=operation,
            token_index=index,
            token_text=tok.string,
            token_kind="OP" if tok.type == token.OP else token.tok_name[tok.type],
            source=mutate(source, tokens, operation, index),
        )
        made += 1
