"""The benchmark's definitions: which operation on which input, and who is measured on it.

A :class:`Case` is one operation on one input (``find`` of an absent 9-byte
needle in 1 MiB of ASCII bytes). Its candidates are the dxpy engines under
test and the peers measured beside them in the same process: CPython's own
method (which is also the oracle), StringZilla and glibc's ``memmem``.
Every candidate is a zero-argument call with its arguments bound, so the
measurement module can time any of them alike.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import dxpy
from dxpy.bench import peers
from dxpy.bench.inputs import Inputs, utf8_size

CPYTHON = "cpython"
STRINGZILLA = "stringzilla"
MEMMEM = "memmem"

COUNT_NEEDLES = {"1-byte": "e", "3-byte": "the"}
REPLACE_OLD, REPLACE_NEW = "the", "these"


@dataclass(frozen=True)
class Candidate:
    """One contender of a case: an engine or a peer, as a bound zero-argument call.

    ``answer`` computes the value compared with the oracle where the timed
    ``call`` does not return it directly (``memmem`` returns an address).
    """

    id: str
    label: str
    role: str  # "engine" or "peer"
    call: Callable[[], object]
    answer: Callable[[], object] | None = None

    def compute_answer(self) -> object:
        """The value this candidate gives, comparable with the case's oracle."""
        return (self.answer or self.call)()


@dataclass(frozen=True)
class Case:
    """One operation on one input, with the CPython oracle and the candidates to time."""

    id: str
    op: str
    input: str
    variant: str
    size_bytes: int
    oracle: Callable[[], object]
    candidates: tuple[Candidate, ...]

    def describe(self) -> dict[str, object]:
        """The case as a JSON-ready mapping (without its calls)."""
        return {
            "id": self.id,
            "op": self.op,
            "input": self.input,
            "variant": self.variant,
            "size_bytes": self.size_bytes,
        }


def engine_candidate_id(engine: dxpy.Engine) -> str:
    """The candidate id of an engine: ``dxpy:<name>/<mode>``."""
    return f"dxpy:{engine.name}/{engine.mode}"


def select_engines(specs: list[str]) -> list[dxpy.Engine]:
    """Engines named ``NAME`` or ``NAME:MODE`` (mode ``native`` or ``emulated``)."""
    selected = []
    for spec in specs:
        name, _, mode = spec.partition(":")
        selected.append(dxpy.engine(name, mode=mode or None))
    return selected


def _engine_candidates(
    engines: list[dxpy.Engine], method: str, *arguments: object, **keywords: object
) -> list[Candidate]:
    return [
        Candidate(
            id=engine_candidate_id(engine),
            label=f"dxpy {engine.name} ({engine.mode})",
            role="engine",
            call=functools.partial(getattr(engine, method), *arguments, **keywords),
        )
        for engine in engines
    ]


def _cpython(label: str, call: Callable[[], object]) -> Candidate:
    return Candidate(id=CPYTHON, label=f"CPython {label}", role="peer", call=call)


def _stringzilla(method: str, text: str | bytes, *arguments: object) -> list[Candidate]:
    view = peers.stringzilla_str(text)
    if view is None:
        return []
    call = functools.partial(getattr(view, method), *arguments)
    return [Candidate(id=STRINGZILLA, label=f"StringZilla Str.{method}", role="peer", call=call)]


def _memmem(haystack: bytes, needle: bytes) -> list[Candidate]:
    call = peers.memmem_call(haystack, needle)
    if call is None:
        return []
    answer = functools.partial(peers.memmem_find, haystack, needle)
    return [Candidate(id=MEMMEM, label="glibc memmem", role="peer", call=call, answer=answer)]


def _texts(inputs: Inputs, kinds: tuple[str, ...]) -> Iterator[tuple[str, str | bytes]]:
    available = {
        "ascii-bytes": inputs.ascii_bytes,
        "ascii-str": inputs.ascii_text,
        "mixed-str": inputs.mixed_text,
        "non-ascii-str": inputs.non_ascii_text,
    }
    for kind in kinds:
        yield kind, available[kind]


def _like(text: str | bytes, value: str) -> str | bytes:
    """``value`` in the type of ``text`` (needles and separators follow their haystack)."""
    return value.encode("utf-8") if isinstance(text, bytes) else value


def _type_name(text: str | bytes) -> str:
    return type(text).__name__


def find_cases(inputs: Inputs, engines: list[dxpy.Engine]) -> Iterator[Case]:
    """``find`` of an absent needle (5 to 16 bytes) in ASCII text, bytes and str."""
    for kind, text in _texts(inputs, ("ascii-bytes", "ascii-str")):
        for length, needle_text in sorted(inputs.absent_needles.items()):
            needle = _like(text, needle_text)
            candidates = [
                *_engine_candidates(engines, "find", text, needle),
                _cpython(f"{_type_name(text)}.find", functools.partial(text.find, needle)),
                *_stringzilla("find", text, needle),
            ]
            if isinstance(text, bytes):
                candidates += _memmem(text, needle)
            yield Case(
                id=f"find/{kind}/absent-{length}",
                op="find",
                input=kind,
                variant=f"absent {length}-byte needle",
                size_bytes=utf8_size(text),
                oracle=functools.partial(text.find, needle),
                candidates=tuple(candidates),
            )


def count_cases(inputs: Inputs, engines: list[dxpy.Engine]) -> Iterator[Case]:
    """``count`` of a 1-byte and a multi-byte needle that occur often, bytes and str."""
    for kind, text in _texts(inputs, ("ascii-bytes", "ascii-str")):
        for variant, needle_text in COUNT_NEEDLES.items():
            needle = _like(text, needle_text)
            yield Case(
                id=f"count/{kind}/{variant}",
                op="count",
                input=kind,
                variant=f"{variant} needle {needle_text!r}",
                size_bytes=utf8_size(text),
                oracle=functools.partial(text.count, needle),
                candidates=(
                    *_engine_candidates(engines, "count", text, needle),
                    _cpython(f"{_type_name(text)}.count", functools.partial(text.count, needle)),
                    *_stringzilla("count", text, needle),
                ),
            )


def eq_cases(inputs: Inputs, engines: list[dxpy.Engine]) -> Iterator[Case]:
    """``==`` of two equal but distinct 1 MiB bytes objects (no identity shortcut)."""
    first = inputs.ascii_bytes
    second = bytes(bytearray(first))
    assert first is not second and first == second
    candidates = [
        *_engine_candidates(engines, "eq", first, second),
        _cpython("bytes ==", functools.partial(operator.eq, first, second)),
    ]
    if peers.stringzilla is not None:
        call = functools.partial(peers.stringzilla.equal, first, second)
        candidates.append(
            Candidate(id=STRINGZILLA, label="StringZilla equal", role="peer", call=call)
        )
    yield Case(
        id="eq/ascii-bytes/equal-distinct",
        op="eq",
        input="ascii-bytes",
        variant="equal, distinct objects",
        size_bytes=len(first),
        oracle=functools.partial(operator.eq, first, second),
        candidates=tuple(candidates),
    )


def case_mapping_cases(inputs: Inputs, engines: list[dxpy.Engine]) -> Iterator[Case]:
    """``lower`` and ``upper`` of ASCII bytes and str, mixed str and mostly non-ASCII str."""
    kinds = ("ascii-str", "ascii-bytes", "mixed-str", "non-ascii-str")
    for op in ("lower", "upper"):
        for kind, text in _texts(inputs, kinds):
            method = getattr(text, op)
            yield Case(
                id=f"{op}/{kind}/whole",
                op=op,
                input=kind,
                variant="whole text",
                size_bytes=utf8_size(text),
                oracle=method,
                candidates=(
                    *_engine_candidates(engines, op, text),
                    _cpython(f"{_type_name(text)}.{op}", method),
                ),
            )


def split_cases(inputs: Inputs, engines: list[dxpy.Engine]) -> Iterator[Case]:
    """``split`` with a one-space separator and without one (runs of whitespace)."""
    for kind, text in _texts(inputs, ("ascii-str", "ascii-bytes", "mixed-str")):
        for variant, separator_text in (("separator-space", " "), ("whitespace", None)):
            separator = None if separator_text is None else _like(text, separator_text)
            cpython_call = functools.partial(text.split, separator)
            yield Case(
                id=f"split/{kind}/{variant}",
                op="split",
                input=kind,
                variant=f"sep={separator!r}",
                size_bytes=utf8_size(text),
                oracle=cpython_call,
                candidates=(
                    *_engine_candidates(engines, "split", text, separator),
                    _cpython(f"{_type_name(text)}.split", cpython_call),
                ),
            )


def replace_cases(inputs: Inputs, engines: list[dxpy.Engine]) -> Iterator[Case]:
    """``replace`` of a frequent 3-byte needle by a longer one (the result grows)."""
    for kind, text in _texts(inputs, ("ascii-str", "ascii-bytes", "mixed-str")):
        old, new = _like(text, REPLACE_OLD), _like(text, REPLACE_NEW)
        cpython_call = functools.partial(text.replace, old, new)
        yield Case(
            id=f"replace/{kind}/frequent",
            op="replace",
            input=kind,
            variant=f"{REPLACE_OLD!r} -> {REPLACE_NEW!r} ({text.count(old)} matches)",
            size_bytes=utf8_size(text),
            oracle=cpython_call,
            candidates=(
                *_engine_candidates(engines, "replace", text, old, new),
                _cpython(f"{_type_name(text)}.replace", cpython_call),
            ),
        )


def join_cases(inputs: Inputs, engines: list[dxpy.Engine]) -> Iterator[Case]:
    """``join`` with one space of the list that splitting the text on one space gives."""
    for kind, text in _texts(inputs, ("ascii-str", "ascii-bytes", "mixed-str")):
        separator = _like(text, " ")
        parts = text.split(separator)
        cpython_call = functools.partial(separator.join, parts)
        yield Case(
            id=f"join/{kind}/split-parts",
            op="join",
            input=kind,
            variant=f"{len(parts)} parts",
            size_bytes=utf8_size(text),
            oracle=cpython_call,
            candidates=(
                *_engine_candidates(engines, "join", separator, parts),
                _cpython(f"{_type_name(text)}.join", cpython_call),
            ),
        )


CASE_FAMILIES = (
    find_cases,
    count_cases,
    eq_cases,
    case_mapping_cases,
    split_cases,
    replace_cases,
    join_cases,
)


def build_cases(inputs: Inputs, engines: list[dxpy.Engine]) -> list[Case]:
    """Every case of the benchmark, in a fixed order (SimdList's, then SwissDict's last)."""
    # dict_cases and list_cases build on this module's Case and Candidate, so they come in here.
    from dxpy.bench.dict_cases import swiss_dict_cases
    from dxpy.bench.list_cases import simd_list_cases

    cases = [case for family in CASE_FAMILIES for case in family(inputs, engines)]
    return cases + simd_list_cases(inputs, engines) + swiss_dict_cases(inputs, engines)
