"""SimdList's benchmark cases: sum, filter_gt and map_mul2 of int64 and float64 against NumPy.

Each case works on one array of ``count`` elements (the case's size; the
targets' size is 1 Mi elements, 8 MiB), drawn from the run's seed: int64 values uniform in
[-2**40, 2**40) (so NumPy's wrapping sum is also exact), float64 values normal
with a spread of 1000. The SimdList views the very NumPy array its peer works
on, so both read the same memory. filter_gt keeps the elements above the
median (half of them, in random places: the worst case for a branch).

CPython's list (the oracle) is measured beside them for reference, and where
the build can, each engine's kernel looped in C++ (no Python call per run). Every
candidate is verified first: the int64 answers must equal Python's exactly;
a float64 sum must lie within n * eps * sum(|x|) of math.fsum (no two
association orders agree bit for bit, CPython's included).
"""

from __future__ import annotations

import functools
import math
import sys
from collections.abc import Callable, Iterator

import dxpy
from dxpy.bench import native_timing
from dxpy.bench.cases import (
    CPYTHON,
    Candidate,
    Case,
    CaseContext,
    Prepared,
    engine_candidate_id,
    native_candidate_id,
)

try:
    import numpy
except ImportError:  # the benchmark still runs; the SimdList cases are left out
    numpy = None

NUMPY = "numpy"
ELEMENT_TYPES = ("int64", "float64")
LIST_OPS = {
    "sum": "sum of all elements",
    "filter_gt": "elements > the median (half of them), order kept",
    "map_mul2": "every element * 2, a new list",
}


class _Arrays:
    """The arrays of a run, made on first use (a run that selects no list case pays nothing)."""

    def __init__(self, count: int, seed: int) -> None:
        self.count, self.seed = count, seed

    @functools.cached_property
    def int64(self):
        generator = numpy.random.default_rng([self.seed, 64])
        return generator.integers(-(2**40), 2**40, size=self.count, dtype=numpy.int64)

    @functools.cached_property
    def float64(self):
        generator = numpy.random.default_rng([self.seed, 32])
        return generator.normal(0.0, 1000.0, size=self.count)

    def array(self, element_type: str):
        return getattr(self, element_type)

    @functools.cache  # noqa: B019 -- one _Arrays per run, kept for the run anyway
    def python_list(self, element_type: str) -> list:
        return self.array(element_type).tolist()

    @functools.cache  # noqa: B019
    def simd_list(self, element_type: str) -> dxpy.SimdList:
        return dxpy.SimdList(self.array(element_type))  # a view: no copy

    @functools.cache  # noqa: B019
    def threshold(self, element_type: str) -> int | float:
        """The median, as a Python number of the element type."""
        median = numpy.median(self.array(element_type))
        return int(median) if element_type == "int64" else float(median)


def _within_float_bound(values: list[float], result: float) -> bool:
    """True when ``result`` is within n * eps * sum(|x|) of the exact sum."""
    bound = len(values) * sys.float_info.epsilon * math.fsum(abs(v) for v in values)
    return abs(float(result) - math.fsum(values)) <= bound


def _list_calls(arrays: _Arrays, element_type: str, op: str) -> tuple[Callable, Callable]:
    """CPython's (timed call, answer): the oracle."""
    values = arrays.python_list(element_type)
    if op == "sum":
        call = functools.partial(sum, values)
        if element_type == "float64":
            return call, lambda: _within_float_bound(values, sum(values))
        return call, call
    if op == "filter_gt":
        threshold = arrays.threshold(element_type)

        def filtered() -> list:
            return [value for value in values if value > threshold]

        return filtered, filtered

    def doubled() -> list:
        return [value * 2 for value in values]

    return doubled, doubled


def _simd_list_calls(
    arrays: _Arrays, element_type: str, op: str, engine: dxpy.Engine
) -> tuple[Callable, Callable]:
    def simd_list() -> dxpy.SimdList:
        return arrays.simd_list(element_type)

    if op == "sum":

        def total():
            return simd_list().sum(engine=engine)

        if element_type == "float64":
            values = arrays.python_list(element_type)
            return total, lambda: _within_float_bound(values, total())
        return total, total
    if op == "filter_gt":
        threshold = arrays.threshold(element_type)

        def filtered() -> dxpy.SimdList:
            return simd_list().filter_gt(threshold, engine=engine)

        return filtered, lambda: filtered().tolist()

    def doubled() -> dxpy.SimdList:
        return simd_list().map_mul2(engine=engine)

    return doubled, lambda: doubled().tolist()


def _numpy_calls(arrays: _Arrays, element_type: str, op: str) -> tuple[Callable, Callable]:
    array = arrays.array(element_type)
    if op == "sum":
        if element_type == "float64":
            values = arrays.python_list(element_type)
            return array.sum, lambda: _within_float_bound(values, array.sum())
        return array.sum, lambda: int(array.sum())
    if op == "filter_gt":
        threshold = arrays.threshold(element_type)

        def filtered():
            return array[array > threshold]

        return filtered, lambda: filtered().tolist()

    def doubled():
        return array * 2

    return doubled, lambda: doubled().tolist()


def _numpy_label(op: str) -> str:
    return {"sum": "a.sum()", "filter_gt": "a[a > t]", "map_mul2": "a * 2"}[op]


@functools.lru_cache(maxsize=2)
def _arrays(count: int, seed: int) -> _Arrays:
    """The arrays of one size (the cases of a size follow each other)."""
    return _Arrays(count, seed)


def _native_expectation(element_type: str, op: str) -> Callable[[object], object] | None:
    """What a C++ loop answers, from the oracle's answer: the sum, or a length."""
    if op == "sum":
        return None  # the exact int sum, or the float bound check (True)
    return len


def _native_candidates(
    context: CaseContext, arrays: _Arrays, element_type: str, op: str
) -> list[Candidate]:
    if not context.native_timing_at(arrays.count):
        return []
    array = arrays.array(element_type)
    threshold = arrays.threshold(element_type) if op == "filter_gt" else 0
    candidates = []
    for engine in context.engines:
        timer, answer = native_timing.list_kernel(op, engine.name, engine.mode, array, threshold)
        if op == "sum" and element_type == "float64":
            values = arrays.python_list(element_type)

            def answer(answer=answer, values=values) -> bool:
                return _within_float_bound(values, answer())

        candidates.append(
            Candidate(
                id=native_candidate_id(engine_candidate_id(engine)),
                label=f"dxpy SimdList.{op} {engine.name} ({engine.mode}), C++ loop",
                role="engine",
                answer=answer,
                timer=timer,
                timing="c++",
                engine=engine.name,
                mode=engine.mode,
                expect=_native_expectation(element_type, op),
            )
        )
    return candidates


def _prepare(context: CaseContext, count: int, element_type: str, op: str) -> Prepared:
    arrays = _arrays(count, context.corpus.seed)
    candidates = []
    for engine in context.engines:
        call, answer = _simd_list_calls(arrays, element_type, op, engine)
        candidates.append(
            Candidate(
                engine_candidate_id(engine),
                f"dxpy SimdList.{op} {engine.name} ({engine.mode})",
                "engine",
                call,
                answer,
                engine=engine.name,
                mode=engine.mode,
            )
        )
    call, answer = _numpy_calls(arrays, element_type, op)
    candidates.append(Candidate(NUMPY, f"NumPy {_numpy_label(op)}", "peer", call, answer))
    list_call, list_answer = _list_calls(arrays, element_type, op)
    python_label = {"sum": "sum(list)", "filter_gt": "[x for x in list if x > t]"}.get(
        op, "[x * 2 for x in list]"
    )
    candidates.append(Candidate(CPYTHON, f"CPython {python_label}", "peer", list_call, list_answer))
    candidates += _native_candidates(context, arrays, element_type, op)
    return Prepared(8 * count, list_answer, tuple(candidates))


QUICK_LIST_CASES = {("int64", "sum"), ("float64", "sum"), ("int64", "filter_gt")}


def simd_list_cases(context: CaseContext, count: int) -> Iterator[Case]:
    """Every SimdList case at ``count`` elements: each op on int64 and float64."""
    if numpy is None:
        return
    for element_type in ELEMENT_TYPES:
        for op in LIST_OPS:
            yield Case(
                id=f"simdlist/{element_type}/{op}",
                op=f"list-{op}",
                input=f"{element_type}-array",
                variant=LIST_OPS[op],
                size=count,
                unit="elements",
                prepare=functools.partial(_prepare, context, count, element_type, op),
                quick=(element_type, op) in QUICK_LIST_CASES,
            )
