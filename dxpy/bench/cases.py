"""The benchmark's definitions: which operation on which input at which size, and who runs it.

A :class:`Case` is one operation on one input at one size (``find`` of an
absent 9-byte needle in 4 KiB of ASCII bytes). Cases are cheap to list: the
data is touched only when :meth:`Case.prepare` builds the oracle and the
candidates, just before the case is measured. Its candidates are the dxpy
engines under test and the peers measured beside them in the same process:
CPython's own method (which is also the oracle), StringZilla and glibc's
``memmem``. Every Python-timed candidate is a zero-argument call with its
arguments bound; a C++-timed one (:mod:`dxpy.bench.native_timing`) is a timer
that runs the kernel ``loops`` times in C++ and answers in nanoseconds.

The string families live here; SimdList's and SwissDict's in
:mod:`dxpy.bench.list_cases` and :mod:`dxpy.bench.dict_cases`; the catalogue
of all of them, with their sizes, in :mod:`dxpy.bench.catalogue`.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import dxpy
from dxpy.bench import native_timing, peers
from dxpy.bench.corpus import NEAR_MISS_NEEDLE_BYTES, NEAR_MISS_NEEDLE_TEXT, Corpus, SizedInputs
from dxpy.bench.inputs import NEEDLE_SWEEP_LENGTHS, utf8_size

CPYTHON = "cpython"
STRINGZILLA = "stringzilla"
MEMMEM = "memmem"
MEMCHR = "memchr"
NATIVE_PREFIX = "c++:"

COUNT_NEEDLES = {"1-byte": "e", "3-byte": "the"}
REPLACE_OLD, REPLACE_NEW = "the", "these"

# What kind of data an input is, for the report's grouping.
DATA_KINDS = {
    "ascii-bytes": "ASCII",
    "ascii-str": "ASCII",
    "mixed-str": "mixed UTF-8",
    "non-ascii-str": "mixed UTF-8",
    "near-miss-bytes": "adversarial",
    "near-miss-str": "adversarial",
    "late-non-ascii-str": "adversarial",
    "dense-str": "adversarial",
    "int64-array": "numbers",
    "float64-array": "numbers",
    "int-keys": "keys",
    "str-keys": "keys",
}

Timer = Callable[[int], int]  # loops -> nanoseconds


@dataclass(frozen=True)
class Candidate:
    """One contender of a case: an engine or a peer, Python-timed or C++-timed.

    A Python-timed candidate has ``call`` (a bound zero-argument call the
    measurement loops over); a C++-timed one has ``timer`` (runs itself
    ``loops`` times, returns nanoseconds). ``answer`` computes the value
    compared with the oracle where the timed call does not return it directly,
    and ``expect`` turns the oracle's value into what this candidate answers
    (a C++ loop answers a result's size, not the result).
    """

    id: str
    label: str
    role: str  # "engine" or "peer"
    call: Callable[[], object] | None = None
    answer: Callable[[], object] | None = None
    timer: Timer | None = None
    timing: str = "python"  # "python" or "c++"
    engine: str | None = None
    mode: str | None = None
    expect: Callable[[object], object] | None = None
    # Engine rows only: whether the timed path runs the engine's kernels (False:
    # an engine-independent path, which the label then says), and a call that
    # runs it once over the engine's counting twin and answers {kernel: calls}
    # (tests/test_bench_rows.py holds every row to its label with it).
    runs_engine_kernels: bool = True
    trace: Callable[[], dict[str, int]] | None = None

    def compute_answer(self) -> object:
        """The value this candidate gives, comparable with ``expected_from(oracle)``."""
        if self.answer is not None:
            return self.answer()
        if self.call is None:
            raise ValueError(f"candidate {self.id} has neither a call nor an answer")
        return self.call()

    def expected_from(self, oracle_value: object) -> object:
        """What this candidate must answer when the oracle answers ``oracle_value``."""
        return oracle_value if self.expect is None else self.expect(oracle_value)

    def describe(self) -> dict[str, object]:
        """The candidate as a JSON-ready mapping (without its calls)."""
        return {
            "id": self.id,
            "label": self.label,
            "role": self.role,
            "timing": self.timing,
            "engine": self.engine,
            "mode": self.mode,
        }


@dataclass(frozen=True)
class Prepared:
    """A case made concrete: its input's real size, the oracle and the candidates."""

    size_bytes: int
    oracle: Callable[[], object]
    candidates: tuple[Candidate, ...]
    detail: str = ""  # what only the data can tell (matches, parts)


@dataclass(frozen=True)
class Case:
    """One operation on one input at one size; :meth:`prepare` builds its data and calls.

    ``size`` is nominal: UTF-8 bytes for texts, elements for SimdList, keys
    for SwissDict (``unit`` says which). ``quick`` marks the cases a quick
    run sweeps across its sizes (besides the targets' cases).
    """

    id: str
    op: str
    input: str
    variant: str
    size: int
    unit: str
    prepare: Callable[[], Prepared] = field(compare=False, repr=False)
    quick: bool = False

    @property
    def family(self) -> str:
        """The first part of the id: the operation family (find, simdlist, swissdict, ...)."""
        return self.id.split("/", 1)[0]

    @property
    def data_kind(self) -> str:
        """The input's kind (ASCII, mixed UTF-8, adversarial, ...); a --filter may name it."""
        return DATA_KINDS.get(self.input, "other")

    @property
    def key(self) -> str:
        """The case's unique name in a run: its id and its size."""
        return f"{self.id}@{size_label(self.size, self.unit)}"

    def describe(self) -> dict[str, object]:
        """The case as a JSON-ready mapping (without its calls)."""
        return {
            "key": self.key,
            "id": self.id,
            "family": self.family,
            "op": self.op,
            "input": self.input,
            "data_kind": self.data_kind,
            "variant": self.variant,
            "size": self.size,
            "unit": self.unit,
        }


def size_label(size: int, unit: str = "bytes") -> str:
    """``64B``, ``4KiB``, ``16MiB`` for bytes; ``64``, ``4Ki``, ``1Mi`` for elements and keys."""
    suffix = "B" if unit == "bytes" else ""
    for shift, prefix in ((20, "Mi"), (10, "Ki")):
        if size >= 1 << shift and size % (1 << shift) == 0:
            return f"{size >> shift}{prefix}{suffix}"
    return f"{size}{suffix}"


@dataclass(frozen=True)
class CaseContext:
    """What every family needs: the texts, the engines, and where C++ timing applies."""

    corpus: Corpus
    engines: tuple[dxpy.Engine, ...]
    native_timing_max_size: int = 0  # C++-timed candidates at sizes up to this; 0: none

    def native_timing_at(self, size: int) -> bool:
        """Whether cases of this size get C++-timed twins (the build has them; size in range)."""
        return native_timing.available() and size <= self.native_timing_max_size


def engine_candidate_id(engine: dxpy.Engine) -> str:
    """The candidate id of an engine: ``dxpy:<name>/<mode>``."""
    return f"dxpy:{engine.name}/{engine.mode}"


def native_candidate_id(candidate_id: str) -> str:
    """The id of the C++-timed twin of a candidate."""
    return f"{NATIVE_PREFIX}{candidate_id}"


def select_engines(specs: list[str]) -> list[dxpy.Engine]:
    """Engines named ``NAME`` or ``NAME:MODE`` (mode ``native`` or ``emulated``)."""
    selected = []
    for spec in specs:
        name, _, mode = spec.partition(":")
        selected.append(dxpy.engine(name, mode=mode or None))
    return selected


# The label of a row whose timed path is the same code on every engine.
ENGINE_INDEPENDENT = "no engine kernel"


def _engine_candidates(
    engines: tuple[dxpy.Engine, ...],
    method: str,
    *arguments: object,
    engine_independent: str | None = None,
    **keywords: object,
) -> list[Candidate]:
    """The engines' rows; ``engine_independent`` names the path when no engine kernel runs."""
    suffix = f", {engine_independent} ({ENGINE_INDEPENDENT})" if engine_independent else ""
    return [
        Candidate(
            id=engine_candidate_id(engine),
            label=f"dxpy {engine.name} ({engine.mode}){suffix}",
            role="engine",
            call=functools.partial(getattr(engine, method), *arguments, **keywords),
            engine=engine.name,
            mode=engine.mode,
            runs_engine_kernels=engine_independent is None,
            trace=functools.partial(
                native_timing.traced_call, engine.name, engine.mode, method, arguments, keywords
            ),
        )
        for engine in engines
    ]


def _utf8_size_of(value: object) -> int:
    return utf8_size(value)  # type: ignore[arg-type]


# How the oracle's value becomes what a C++ loop answers, per operation.
_NATIVE_EXPECTATIONS: dict[str, Callable[[object], object] | None] = {
    "find": None,
    "count": None,
    "eq": int,
    "lower": _utf8_size_of,
    "upper": _utf8_size_of,
    "replace": _utf8_size_of,
    "split": len,
}


def _native_engine_candidates(
    context: CaseContext,
    size: int,
    op: str,
    text: str | bytes,
    operand: str | bytes | None = None,
    replacement: str | bytes | None = None,
) -> list[Candidate]:
    """C++-timed twins of the engine candidates (none where C++ timing is off or missing)."""
    if not context.native_timing_at(size):
        return []
    utf8 = isinstance(text, str)
    arguments = native_timing.TextArguments.of(text, operand, replacement)
    candidates = []
    for engine in context.engines:
        timer, answer = native_timing.text_kernel(op, engine.name, engine.mode, arguments, utf8)
        candidates.append(
            Candidate(
                id=native_candidate_id(engine_candidate_id(engine)),
                label=f"dxpy {engine.name} ({engine.mode}), C++ loop",
                role="engine",
                answer=answer,
                timer=timer,
                timing="c++",
                engine=engine.name,
                mode=engine.mode,
                expect=_NATIVE_EXPECTATIONS[op],
                trace=functools.partial(
                    native_timing.traced_text_kernel, op, engine.name, engine.mode, arguments, utf8
                ),
            )
        )
    return candidates


def _native_libc_peer(
    context: CaseContext, size: int, peer: str, first: bytes, second: bytes
) -> list[Candidate]:
    """glibc ``memchr``, ``memmem`` or ``memcmp`` looped in C++ (bytes only)."""
    if not context.native_timing_at(size):
        return []
    timer, answer = native_timing.libc_peer(peer, first, second)
    return [
        Candidate(
            id=native_candidate_id(peer),
            label=f"glibc {peer}, C++ loop",
            role="peer",
            answer=answer,
            timer=timer,
            timing="c++",
            expect=int if peer == "memcmp" else None,
        )
    ]


def _cpython(label: str, call: Callable[[], object]) -> Candidate:
    return Candidate(id=CPYTHON, label=f"CPython {label}", role="peer", call=call)


def _stringzilla(method: str, text: str | bytes, *arguments: object) -> list[Candidate]:
    view = peers.stringzilla_str(text)
    if view is None:
        return []
    call = functools.partial(getattr(view, method), *arguments)
    return [Candidate(id=STRINGZILLA, label=f"StringZilla Str.{method}", role="peer", call=call)]


def _stringzilla_split(text: str | bytes, separator: str | bytes) -> list[Candidate]:
    """StringZilla's split returns views (Strs); the answer converts them to compare."""
    view = peers.stringzilla_str(text)
    if view is None:
        return []
    convert = bytes if isinstance(text, bytes) else str
    call = functools.partial(view.split, separator)

    def answer() -> list:
        return [convert(piece) for piece in call()]

    label = "StringZilla Str.split (views)"
    return [Candidate(id=STRINGZILLA, label=label, role="peer", call=call, answer=answer)]


def _stringzilla_translate(text: bytes, op: str) -> list[Candidate]:
    """ASCII case mapping of bytes as StringZilla's 256-byte table translation."""
    if peers.stringzilla is None:
        return []
    identity = bytes(range(256))
    table = identity.lower() if op == "lower" else identity.upper()
    call = functools.partial(peers.stringzilla.translate, text, table)
    label = "StringZilla translate (ASCII table)"
    return [Candidate(id=STRINGZILLA, label=label, role="peer", call=call)]


def _memmem(haystack: bytes, needle: bytes) -> list[Candidate]:
    call = peers.memmem_call(haystack, needle)
    if call is None:
        return []
    answer = functools.partial(peers.memmem_find, haystack, needle)
    label = "glibc memmem (ctypes)"
    return [Candidate(id=MEMMEM, label=label, role="peer", call=call, answer=answer)]


def _memchr(haystack: bytes, needle: bytes) -> list[Candidate]:
    call = peers.memchr_call(haystack, needle)
    if call is None:
        return []
    answer = functools.partial(peers.memchr_find, haystack, needle)
    label = "glibc memchr (ctypes)"
    return [Candidate(id=MEMCHR, label=label, role="peer", call=call, answer=answer)]


def _like(text: str | bytes, value: str) -> str | bytes:
    """``value`` in the type of ``text`` (needles and separators follow their haystack)."""
    return value.encode("utf-8") if isinstance(text, bytes) else value


def _type_name(text: str | bytes) -> str:
    return type(text).__name__


def _prose(inputs: SizedInputs, kind: str) -> str | bytes:
    return {
        "ascii-bytes": inputs.ascii_bytes,
        "ascii-str": inputs.ascii_text,
        "mixed-str": inputs.mixed_text,
        "non-ascii-str": inputs.non_ascii_text,
        "near-miss-bytes": inputs.near_miss_bytes,
        "near-miss-str": inputs.near_miss_text,
        "late-non-ascii-str": inputs.late_non_ascii_text,
        "dense-str": inputs.dense_text,
    }[kind]


def _case(
    context: CaseContext,
    size: int,
    case_id: str,
    variant: str,
    build: Callable[[SizedInputs], Prepared],
    *,
    quick: bool = False,
) -> Case:
    op, input_kind, _ = case_id.split("/", 2)
    corpus = context.corpus
    return Case(
        id=case_id,
        op=op,
        input=input_kind,
        variant=variant,
        size=size,
        unit="bytes",
        prepare=lambda: build(corpus.at(size)),
        quick=quick,
    )


def _search_case(
    context: CaseContext, size: int, op: str, text: str | bytes, needle: str | bytes
) -> Prepared:
    """find or count of ``needle``: engines, CPython, StringZilla, memmem (find on bytes)."""
    method = getattr(text, op)
    candidates = [
        *_engine_candidates(context.engines, op, text, needle),
        _cpython(f"{_type_name(text)}.{op}", functools.partial(method, needle)),
        *_stringzilla(op, text, needle),
    ]
    one_byte_find = op == "find" and isinstance(text, bytes) and len(needle) == 1
    if op == "find" and isinstance(text, bytes):
        candidates += _memmem(text, needle)
    if one_byte_find:
        candidates += _memchr(text, needle)
    candidates += _native_engine_candidates(context, size, op, text, needle)
    if op == "find" and isinstance(text, bytes):
        candidates += _native_libc_peer(context, size, "memmem", text, needle)
    if one_byte_find:
        candidates += _native_libc_peer(context, size, "memchr", text, needle)
    return Prepared(utf8_size(text), functools.partial(method, needle), tuple(candidates))


def find_cases(context: CaseContext, size: int) -> Iterator[Case]:
    """``find`` of absent needles of every length from one byte in prose (ASCII and mixed), and
    of a needle among near misses."""
    for kind in ("ascii-bytes", "ascii-str"):
        for length in NEEDLE_SWEEP_LENGTHS:

            def build(inputs: SizedInputs, kind: str = kind, length: int = length) -> Prepared:
                text = _prose(inputs, kind)
                needle = _like(text, inputs.absent_needles[length])
                return _search_case(context, size, "find", text, needle)

            yield _case(context, size, f"find/{kind}/absent-{length}",
                        f"absent {length}-byte needle", build,
                        quick=length in (1, 9))  # fmt: skip

    def build_mixed(inputs: SizedInputs) -> Prepared:
        return _search_case(context, size, "find", inputs.mixed_text, inputs.absent_needles[9])

    yield _case(context, size, "find/mixed-str/absent-9", "absent 9-byte ASCII needle",
                build_mixed, quick=True)  # fmt: skip

    def build_near_bytes(inputs: SizedInputs) -> Prepared:
        return _search_case(context, size, "find", inputs.near_miss_bytes, NEAR_MISS_NEEDLE_BYTES)

    yield _case(context, size, "find/near-miss-bytes/near-miss-16",
                f"{NEAR_MISS_NEEDLE_BYTES!r} among copies changed in the middle byte",
                build_near_bytes, quick=True)  # fmt: skip

    def build_near_text(inputs: SizedInputs) -> Prepared:
        return _search_case(context, size, "find", inputs.near_miss_text, NEAR_MISS_NEEDLE_TEXT)

    yield _case(context, size, "find/near-miss-str/near-miss-8",
                f"{NEAR_MISS_NEEDLE_TEXT!r} among copies changed in one continuation byte",
                build_near_text)  # fmt: skip


def count_cases(context: CaseContext, size: int) -> Iterator[Case]:
    """``count`` of frequent needles in prose, and of a needle that only nearly occurs."""
    for kind in ("ascii-bytes", "ascii-str", "mixed-str"):
        for variant, needle_text in COUNT_NEEDLES.items():
            if kind == "mixed-str" and variant == "1-byte":
                continue

            def build(inputs: SizedInputs, kind: str = kind, needle_text: str = needle_text):
                text = _prose(inputs, kind)
                return _search_case(context, size, "count", text, _like(text, needle_text))

            quick = kind == "ascii-str" and variant == "1-byte"
            yield _case(context, size, f"count/{kind}/{variant}",
                        f"{variant} needle {needle_text!r}", build, quick=quick)  # fmt: skip

    def build_near(inputs: SizedInputs) -> Prepared:
        return _search_case(context, size, "count", inputs.near_miss_bytes, NEAR_MISS_NEEDLE_BYTES)

    yield _case(context, size, "count/near-miss-bytes/near-miss-16",
                f"{NEAR_MISS_NEEDLE_BYTES!r} (no match) among near misses", build_near)  # fmt: skip


def _eq_case(context: CaseContext, size: int, first: str | bytes, second: str | bytes) -> Prepared:
    assert first is not second
    candidates = [
        *_engine_candidates(context.engines, "eq", first, second),
        _cpython(f"{_type_name(first)} ==", functools.partial(operator.eq, first, second)),
    ]
    if peers.stringzilla is not None:
        call = functools.partial(peers.stringzilla.equal, first, second)
        candidates.append(
            Candidate(id=STRINGZILLA, label="StringZilla equal", role="peer", call=call)
        )
    candidates += _native_engine_candidates(context, size, "eq", first, second)
    if isinstance(first, bytes) and isinstance(second, bytes):
        candidates += _native_libc_peer(context, size, "memcmp", first, second)
    oracle = functools.partial(operator.eq, first, second)
    return Prepared(utf8_size(first), oracle, tuple(candidates))


def _distinct_copy(text: str | bytes) -> str | bytes:
    """An equal object that is not ``text`` (no identity shortcut)."""
    if isinstance(text, bytes):
        return bytes(bytearray(text))
    return (text + "x")[:-1]


def eq_cases(context: CaseContext, size: int) -> Iterator[Case]:
    """``==`` of equal distinct texts, and of texts that differ only in their last byte."""
    for kind in ("ascii-bytes", "mixed-str"):

        def build(inputs: SizedInputs, kind: str = kind) -> Prepared:
            text = _prose(inputs, kind)
            return _eq_case(context, size, text, _distinct_copy(text))

        yield _case(context, size, f"eq/{kind}/equal-distinct", "equal, distinct objects",
                    build, quick=kind == "ascii-bytes")  # fmt: skip

    def build_last(inputs: SizedInputs) -> Prepared:
        first = inputs.ascii_bytes
        second = first[:-1] + bytes([first[-1] ^ 1]) if first else b"x"
        return _eq_case(context, size, first, second)

    yield _case(context, size, "eq/near-miss-bytes/last-byte-differs",
                "equal but for the last byte", build_last)  # fmt: skip


def case_mapping_cases(context: CaseContext, size: int) -> Iterator[Case]:
    """``lower``/``upper`` of ASCII, mixed and mostly non-ASCII text, and of a late non-ASCII."""
    kinds = ("ascii-str", "ascii-bytes", "mixed-str", "non-ascii-str", "late-non-ascii-str")
    quick_kinds = {"lower": ("ascii-str", "mixed-str", "late-non-ascii-str"),
                   "upper": ("ascii-str", "mixed-str")}  # fmt: skip
    for op in ("lower", "upper"):
        for kind in kinds:

            def build(inputs: SizedInputs, op: str = op, kind: str = kind) -> Prepared:
                text = _prose(inputs, kind)
                method = getattr(text, op)
                # A non-ASCII str is mapped in its storage kind (the bindings'
                # unicode::map_fixed_width): no engine kernel, and no C++ twin,
                # whose UTF-8 path the Python call never takes.
                in_kind = isinstance(text, str) and not text.isascii()
                candidates = [
                    *_engine_candidates(context.engines, op, text,
                                        engine_independent="storage-kind mapping" if in_kind
                                        else None),
                    _cpython(f"{_type_name(text)}.{op}", method),
                ]  # fmt: skip
                if isinstance(text, bytes):
                    candidates += _stringzilla_translate(text, op)
                if not in_kind:
                    candidates += _native_engine_candidates(context, size, op, text)
                return Prepared(utf8_size(text), method, tuple(candidates))

            variant = (
                "ASCII with one Greek capital at the end"
                if kind.startswith("late")
                else ("whole text")
            )
            yield _case(context, size, f"{op}/{kind}/whole", variant, build,
                        quick=kind in quick_kinds[op])  # fmt: skip


def split_cases(context: CaseContext, size: int) -> Iterator[Case]:
    """``split`` with a one-space separator and without one, of prose and of one-letter words."""
    for kind in ("ascii-str", "ascii-bytes", "mixed-str", "dense-str"):
        for variant, separator_text in (("separator-space", " "), ("whitespace", None)):

            def build(inputs: SizedInputs, kind: str = kind, separator_text=separator_text):
                text = _prose(inputs, kind)
                separator = None if separator_text is None else _like(text, separator_text)
                cpython_call = functools.partial(text.split, separator)
                candidates = [
                    *_engine_candidates(context.engines, "split", text, separator),
                    _cpython(f"{_type_name(text)}.split", cpython_call),
                ]
                if separator is not None:
                    candidates += _stringzilla_split(text, separator)
                candidates += _native_engine_candidates(context, size, "split", text, separator)
                return Prepared(utf8_size(text), cpython_call, tuple(candidates))

            separator_repr = "None" if separator_text is None else repr(separator_text)
            quick = variant == "whitespace" and kind in ("ascii-str", "mixed-str", "dense-str")
            yield _case(context, size, f"split/{kind}/{variant}", f"sep={separator_repr}", build,
                        quick=quick)  # fmt: skip


def replace_cases(context: CaseContext, size: int) -> Iterator[Case]:
    """``replace`` of a frequent 3-byte needle by a longer one, and of a near-missed one."""
    for kind in ("ascii-str", "ascii-bytes", "mixed-str"):

        def build(inputs: SizedInputs, kind: str = kind) -> Prepared:
            text = _prose(inputs, kind)
            old, new = _like(text, REPLACE_OLD), _like(text, REPLACE_NEW)
            return _replace_case(context, size, text, old, new)

        yield _case(context, size, f"replace/{kind}/frequent",
                    f"{REPLACE_OLD!r} -> {REPLACE_NEW!r}", build,
                    quick=kind == "ascii-str")  # fmt: skip

    def build_near(inputs: SizedInputs) -> Prepared:
        new = NEAR_MISS_NEEDLE_BYTES.upper()
        return _replace_case(context, size, inputs.near_miss_bytes, NEAR_MISS_NEEDLE_BYTES, new)

    yield _case(context, size, "replace/near-miss-bytes/absent-16",
                f"{NEAR_MISS_NEEDLE_BYTES!r} (no match) among near misses", build_near)  # fmt: skip


def _replace_case(
    context: CaseContext, size: int, text: str | bytes, old: str | bytes, new: str | bytes
) -> Prepared:
    cpython_call = functools.partial(text.replace, old, new)
    candidates = [
        *_engine_candidates(context.engines, "replace", text, old, new),
        _cpython(f"{_type_name(text)}.replace", cpython_call),
        *_native_engine_candidates(context, size, "replace", text, old, new),
    ]
    detail = f"{text.count(old)} matches"  # type: ignore[arg-type]
    return Prepared(utf8_size(text), cpython_call, tuple(candidates), detail)


def join_cases(context: CaseContext, size: int) -> Iterator[Case]:
    """``join`` with one space of the words of prose, and of one-letter words.

    No C++ loop: joining is copying (engine-independent), the Python objects
    are the work.
    """
    for kind in ("ascii-str", "ascii-bytes", "mixed-str", "dense-str"):

        def build(inputs: SizedInputs, kind: str = kind) -> Prepared:
            text = _prose(inputs, kind)
            separator = _like(text, " ")
            parts = text.split(separator)
            cpython_call = functools.partial(separator.join, parts)
            candidates = (
                *_engine_candidates(
                    context.engines, "join", separator, parts, engine_independent="copying"
                ),
                _cpython(f"{_type_name(text)}.join", cpython_call),
            )
            return Prepared(utf8_size(text), cpython_call, candidates, f"{len(parts)} parts")

        variant_id = "one-letter-parts" if kind == "dense-str" else "split-parts"
        yield _case(context, size, f"join/{kind}/{variant_id}", "the words, joined by ' '",
                    build, quick=kind == "ascii-str")  # fmt: skip


STRING_FAMILIES = (
    find_cases,
    count_cases,
    eq_cases,
    case_mapping_cases,
    split_cases,
    replace_cases,
    join_cases,
)
