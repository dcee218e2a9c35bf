"""Every benchmark row runs what its label says.

A row labelled "dxpy scalar (native)" must run the scalar engine's kernels, and
its "C++ loop" twin exactly the kernels of the Python call it stands for: a
C++ loop that times another path (the UTF-8 case mapping of an ASCII str, where
Python maps it as bytes) gave 1.78 GB/s beside the Python row's 6.65 GB/s.
Each engine row is run once over its build's counting twin
(``dxpy._native._trace_kernels`` / ``_trace_kernel_loop``), which counts the
calls of every kernel, then forwards them to the build's own.
"""

from __future__ import annotations

import pytest

import dxpy
from dxpy.bench.cases import (
    ENGINE_INDEPENDENT,
    NATIVE_PREFIX,
    STRING_FAMILIES,
    CaseContext,
)
from dxpy.bench.corpus import Corpus

pytestmark = [pytest.mark.needs_native, pytest.mark.task("7.8")]

SIZE = 4096


@pytest.fixture(scope="module")
def prepared_cases():
    # The scalar reference, the dispatcher's engine, and one emulated build.
    engines = [dxpy.engine("scalar", mode="native"), dxpy.engine()]
    emulated = [b for b in dxpy.engine_builds() if b.mode == "emulated"]
    if emulated:
        engines.append(dxpy.engine(emulated[0].name, mode="emulated"))
    context = CaseContext(
        corpus=Corpus.generate(), engines=tuple(engines), native_timing_max_size=SIZE
    )
    return [(case, case.prepare()) for family in STRING_FAMILIES for case in family(context, SIZE)]


def _engine_rows(prepared):
    return [c for c in prepared.candidates if c.role == "engine"]


def test_every_engine_row_runs_its_engine_kernels_or_says_it_does_not(prepared_cases):
    independent = set()
    for case, prepared in prepared_cases:
        for candidate in _engine_rows(prepared):
            calls = candidate.trace()
            ran = sum(calls.values())
            if candidate.runs_engine_kernels:
                assert ran > 0, f"{case.key} {candidate.label}: no kernel of the engine ran"
            else:
                assert ran == 0, f"{case.key} {candidate.label}: engine kernels ran: {calls}"
                assert ENGINE_INDEPENDENT in candidate.label, candidate.label
                independent.add(case.op)
    # The engine-independent paths are exactly these: a str mapped in its storage
    # kind, and join (copying); anything else newly kernel-free must be looked at.
    assert independent == {"lower", "upper", "join"}


def test_every_cpp_loop_runs_the_kernels_of_its_python_row(prepared_cases):
    compared = 0
    for case, prepared in prepared_cases:
        rows = {c.id: c for c in _engine_rows(prepared)}
        for candidate in rows.values():
            if candidate.timing != "c++":
                continue
            python_row = rows[candidate.id.removeprefix(NATIVE_PREFIX)]
            assert python_row.runs_engine_kernels, f"{case.key}: a C++ twin of a kernel-free row"
            loop_calls, python_calls = candidate.trace(), python_row.trace()
            if case.op == "split":
                # Python also asks of every piece of a non-ASCII str whether it is
                # ASCII (to build it): the split itself must be the same.
                loop_calls.pop("ascii_prefix")
                python_calls.pop("ascii_prefix")
            assert loop_calls == python_calls, f"{case.key} {candidate.label}"
            compared += 1
    assert compared > 0


def test_the_case_mapping_of_an_ascii_str_is_one_kernel_call(prepared_cases):
    """The defect the check above exists for, pinned: both sides map an ASCII str as bytes."""
    for case, prepared in prepared_cases:
        if case.id != "lower/ascii-str/whole":
            continue
        for candidate in _engine_rows(prepared):
            calls = {k: v for k, v in candidate.trace().items() if v}
            assert calls == {"ascii_lower": 1}, (candidate.label, calls)
        return
    pytest.fail("no lower/ascii-str case")
