"""Properties that planted bugs (ci/mutants) showed the suite was missing.

Each test here exists because a realistic mutant of ci/mutants/mutants.py
survived the rest of ``pytest properties/``; the mutant named in each
docstring is the one it kills.
"""

from __future__ import annotations

import json
import textwrap

import fresh_process
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, composite

import dxpy

# Best first, as the dispatcher prefers them.
PREFERENCE = ("avx512", "avx2", "neon")

REPORT_ENGINES = textwrap.dedent(
    """
    import json, dxpy
    print(json.dumps({
        "modes": {info.name: info.mode for info in dxpy.engines()},
        "default": dxpy.default_engine(),
    }))
    """
)


def engines_in_a_child(cpu_disable: str | None) -> dict:
    """engines() and default_engine() of this same dxpy in a fresh interpreter
    (features are read once per process) with DXPY_CPU_DISABLE set or unset."""
    variables = {} if cpu_disable is None else {"DXPY_CPU_DISABLE": cpu_disable}
    finished = fresh_process.run_python(REPORT_ENGINES, **variables)
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)


@pytest.fixture(scope="module")
def undisabled_modes() -> dict[str, str]:
    return engines_in_a_child(None)["modes"]


@pytest.mark.task("1.7")
@pytest.mark.task("2.5")
@pytest.mark.parametrize(
    "setting",
    [
        "avx512",
        "avx2",
        "neon",
        "avx512,avx2",
        "avx2,avx512",
        "neon,avx512,avx2",
        "bogus,avx2",
        "avx512,,neon,avx2",
        "",
    ],
)
def test_cpu_disable_hides_every_listed_feature_from_the_dispatcher(undisabled_modes, setting):
    """README: ``DXPY_CPU_DISABLE=avx512,avx2`` hides CPU features from the
    dispatcher. Every name of the list counts (unknown ones are ignored), and
    hiding AVX2 hides AVX-512 too, whose code uses AVX2: the hidden engines run
    emulated and the default is the best engine still native.

    Kills the mutant cpu-disable-reads-only-first-name."""
    hidden = set(setting.split(","))
    if "avx2" in hidden:
        hidden.add("avx512")
    expected = {
        name: "emulated" if name in hidden else mode for name, mode in undisabled_modes.items()
    }
    seen = engines_in_a_child(setting)
    assert seen["modes"] == expected
    best = next((name for name in PREFERENCE if expected.get(name) == "native"), "scalar")
    assert seen["default"] == best


# --- Swiss table groups: exact next to a match ---------------------------------

EMPTY = 0x80


@composite
def groups_with_near_misses_above_matches(draw: DrawFn) -> tuple[bytes, int]:
    """(16 control bytes, h2) in which a byte equal to h2 (or kEmpty) is followed
    by the same byte with its lowest bit flipped, anywhere in the group.

    That is where zero-byte tests on 64-bit words go wrong: the classic
    ``(w - 0x01..) & ~w & 0x80..`` borrows out of a zero byte (a match, after
    xor with the pattern) and so also marks a 0x01 byte above it (the near
    miss), which the scalar engine's SWAR group must not.
    """
    h2 = draw(st.integers(0, 0x7F))
    group = bytearray(draw(st.lists(st.integers(0, 0xFF), min_size=16, max_size=16).map(bytes)))
    for slot in draw(st.lists(st.integers(0, 14), min_size=1, max_size=4)):
        matched = draw(st.sampled_from((h2, EMPTY)))
        group[slot] = matched
        group[slot + 1] = matched ^ 0x01
    return bytes(group), h2


def group_masks_by_definition(group: bytes, h2: int) -> tuple[int, int, int]:
    def mask(predicate) -> int:
        return sum(1 << slot for slot, byte in enumerate(group) if predicate(byte))

    return (
        mask(lambda byte: byte == h2),
        mask(lambda byte: byte == EMPTY),
        mask(lambda byte: byte >= 0x80),
    )


@pytest.mark.task("3.6")
@given(group_and_h2=groups_with_near_misses_above_matches())
def test_group_matches_have_no_false_positive_next_to_a_match(engine, group_and_h2):
    """Match h2 / kEmpty / kEmpty-or-kDeleted are exact for any 16 bytes
    (collections/group_kernels.h), near misses above a match included. A false
    h2 match is filtered out by the full hash, so no mapping operation can show
    it: only the group primitives can.

    Kills the mutant swar-zero-byte-classic-borrow."""
    group, h2 = group_and_h2
    masks = dxpy._native.swiss_group_match(engine.name, engine.mode, group, h2)
    assert masks == group_masks_by_definition(group, h2)
