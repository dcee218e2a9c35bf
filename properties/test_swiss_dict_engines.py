"""P25 and P26 for SwissDict: every engine probes exactly as the scalar engine does.

Two levels. The group primitives (match h2, match kEmpty, match kEmpty or
kDeleted over 16 control bytes) of every engine build give the scalar SWAR
group's bit masks, which are the definition written out in Python. And a
program of mapping operations run on a SwissDict of each engine gives the
same results as on the scalar engine *and the same sequence of __eq__ calls*:
all engines share the group width, the hash split and the probe order, so
even the order in which colliding keys are compared is the same.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mapping_keys import CollidingKey, pool_keys

import dxpy

EMPTY, DELETED = 0x80, 0xFE

control_bytes = st.one_of(
    st.sampled_from([EMPTY, DELETED, 0x00, 0x01, 0x7F, 0x81, 0xFF]),
    st.integers(0, 0x7F),  # full slots: 7-bit h2 values
    st.integers(0, 0xFF),  # any byte: the primitives are exact on every input
)


def expected_masks(group: bytes, h2: int) -> tuple[int, int, int]:
    def mask(predicate):
        return sum(1 << slot for slot, byte in enumerate(group) if predicate(byte))

    return (
        mask(lambda byte: byte == h2),
        mask(lambda byte: byte == EMPTY),
        mask(lambda byte: byte >= 0x80),
    )


@pytest.mark.task("3.6")
@given(
    group=st.lists(control_bytes, min_size=16, max_size=16).map(bytes),
    h2=st.integers(0, 0x7F),
    plant=st.lists(st.integers(0, 15), max_size=4),
)
def test_group_primitives_equal_the_definition(engine, group, h2, plant):
    """SSE2/AVX2/AVX-512 and NEON groups and the SWAR group: the same masks, bit for bit."""
    planted = bytearray(group)
    for slot in plant:  # matches at chosen slots, first and last included
        planted[slot] = h2
    group = bytes(planted)
    masks = dxpy._native.swiss_group_match(engine.name, engine.mode, group, h2)
    assert masks == expected_masks(group, h2)


OPERATIONS = ("set", "get", "contains", "delete", "pop", "setdefault", "bulk", "popitem", "clear")


@st.composite
def mapping_programs(draw):
    """A list of (operation, key, value) steps over colliding and cross-type keys."""
    steps = draw(
        st.lists(
            st.tuples(st.sampled_from(OPERATIONS), pool_keys(), st.integers(0, 9)),
            min_size=1,
            max_size=60,
        )
    )
    return steps


def run_program(engine: dxpy.Engine, steps: list) -> tuple[list, list, list]:
    """(results, __eq__ calls, final items) of the program on a fresh SwissDict."""
    CollidingKey.log = calls = []
    try:
        mapping = dxpy.SwissDict(engine=engine)
        results = []
        bulk_keys = iter(range(10**6, 10**7, 7))
        for operation, key, value in steps:
            try:
                if operation == "set":
                    mapping[key] = value
                    result = None
                elif operation == "get":
                    result = mapping.get(key, "missing")
                elif operation == "contains":
                    result = key in mapping
                elif operation == "delete":
                    del mapping[key]
                    result = None
                elif operation == "pop":
                    result = mapping.pop(key, "missing")
                elif operation == "setdefault":
                    result = mapping.setdefault(key, value)
                elif operation == "bulk":  # grow the index: 50 more int keys
                    mapping.update((next(bulk_keys), value) for _ in range(50))
                    result = len(mapping)
                elif operation == "popitem":
                    result = mapping.popitem()
                else:
                    mapping.clear()
                    result = None
            except KeyError as error:
                result = ("KeyError", error.args)
            results.append(repr(result))
        mapping._check_index()
        return results, calls, repr(list(mapping.items()))
    finally:
        CollidingKey.log = None


@pytest.mark.task("3.6")
@pytest.mark.task("3.7")
@given(steps=mapping_programs())
def test_every_engine_runs_a_program_as_scalar_does(engine, scalar_engine, steps):
    """P25 (neon), P26 (avx512), and avx2: results, items and __eq__ calls all equal."""
    assert run_program(engine, steps) == run_program(scalar_engine, steps)
