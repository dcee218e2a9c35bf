"""What only a probe engine can show: its machine, and SwissDict's index without Python.

Collected only when DXPY_QEMU_PROBES names probes (ci/cross/run.sh). Each probe
says which architecture and byte order it runs on, observed by itself: the
aarch64 build must run NEON natively, the s390x one must be big-endian. The
group primitives and a SwissIndex over int64 keys (the owner the benchmark
uses) run on every build of every probe, so the SWAR group of the scalar
engine meets a big-endian machine, where byte-order bugs in masks and bit
tricks live.
"""

from __future__ import annotations

import platform

import pytest
from collection_strategies import INT64_MAX, INT64_MIN
from hypothesis import given
from hypothesis import strategies as st
from probe_engines import ProbeError, ProbeVariant, probe_variants
from probe_engines.process import probe_process
from probe_engines.wire import Request
from strategies import KINDS, texts_around_block_edges
from test_swiss_dict_engines import control_bytes, expected_masks

import dxpy

PROBE_VARIANTS = probe_variants()  # the probes of DXPY_QEMU_PROBES, as conftest has them

EXPECTED_BYTE_ORDER = {"aarch64": "little", "x86_64": "little", "s390x": "big"}
# How each engine runs on each architecture (README's engine table).
EXPECTED_MODES = {
    "aarch64": {"scalar": "native", "neon": "native", "avx2": "emulated", "avx512": "emulated"},
    "s390x": {"scalar": "native", "neon": "emulated", "avx2": "emulated", "avx512": "emulated"},
}


def machine_id(variant: ProbeVariant) -> str:
    """The id of a probe's machine: qemu-aarch64, qemu-s390x, probe-x86_64."""
    return f"{'probe' if variant.runner == 'direct' else 'qemu'}-{variant.arch}"


def pytest_generate_tests(metafunc):
    if "probe_engine" in metafunc.fixturenames:
        metafunc.parametrize(
            "probe_engine",
            PROBE_VARIANTS,
            ids=lambda variant: variant.id,
            indirect=True,
            scope="module",
        )
    if "probe_variant" in metafunc.fixturenames:
        one_per_probe = list({variant.path: variant for variant in PROBE_VARIANTS}.values())
        metafunc.parametrize("probe_variant", one_per_probe, ids=machine_id)


@pytest.fixture(scope="module")
def probe_engine(request):
    """Every build of every probe (module-scoped, so Hypothesis may reuse it)."""
    return request.param.engine()


def test_each_probe_reports_its_architecture_byte_order_and_engine_modes(
    probe_variant: ProbeVariant,
):
    info = probe_variant.engine().probe
    print(f"{probe_variant.path}: {info.arch}, byte order {info.byte_order}, {info.compiler}")
    assert info.byte_order.split()[0] == EXPECTED_BYTE_ORDER[info.arch]
    modes = {build.name: build.mode for build in info.builds if build.runs}
    if info.arch == platform.machine():  # this machine's own architecture: as in-process
        expected = {(build.name, build.mode) for build in dxpy.engine_builds()}
        assert {(build.name, build.mode) for build in info.builds if build.runs} == expected
    else:
        assert modes == EXPECTED_MODES[info.arch]


@pytest.mark.parametrize(
    ("operation", "request_fields", "message"),
    [
        ("find", Request().u8(99), "no build number 99"),
        ("find", Request().u8(0).u8(1).blob(b"abc"), "request ends early"),
        ("split", Request().u8(0).blob(b"a b").blob(b"").i64(-1), "empty separator"),
        ("sum_i64", Request().u8(0).blob(b"1234567"), "whole number of 8-byte lanes"),
        ("group_match", Request().u8(0).blob(b"\x80" * 15).u8(0), "16 control bytes"),
        ("index_program", Request().u8(0).u32(1).u8(9).i64(0).u64(0), "unknown index step 9"),
        ("hello", Request().u8(0), "left over"),
    ],
    ids=["unknown-build", "short", "empty-separator", "odd-lanes", "short-group", "step", "extra"],
)
def test_malformed_requests_get_error_responses_and_the_probe_serves_on(
    probe_variant: ProbeVariant, operation, request_fields, message
):
    process = probe_process(probe_variant.path)
    with pytest.raises(ProbeError, match=message):
        process.call(operation, request_fields)
    assert probe_variant.engine().find("a needle", "needle") == 2


@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 4096])
def test_a_read_past_an_argument_faults_and_names_it(probe_variant: ProbeVariant, size):
    """The guard pages work on this machine: a kernel reading one byte too far
    fails its example with the argument and offset named, and the next request
    gets a fresh probe."""
    process = probe_process(probe_variant.path)
    expected = f"offset {size} of the first argument, whose size is {size}"
    with pytest.raises(ProbeError, match=expected):
        process.call("touch_past_end", Request().blob(b"x" * size))
    assert probe_variant.engine().find("a needle", "needle") == 2


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_unit_count_is_the_length_in_code_points_or_bytes(probe_engine, kind, data):
    text = data.draw(texts_around_block_edges(kind), label="text")
    assert probe_engine.unit_count(text) == len(text)


@pytest.mark.task("3.6")
@given(
    group=st.lists(control_bytes, min_size=16, max_size=16).map(bytes),
    h2=st.integers(0, 0x7F),
    plant=st.lists(st.integers(0, 15), max_size=4),
)
def test_group_primitives_equal_the_definition(probe_engine, group, h2, plant):
    planted = bytearray(group)
    for slot in plant:
        planted[slot] = h2
    group = bytes(planted)
    assert probe_engine.group_match(group, h2) == expected_masks(group, h2)


INSERT, FIND, ERASE, COMPACT, RESERVE, CLEAR = range(6)
BULK = -1  # expanded into 50 inserts of new keys: growth and rebuilds
BULK_KEYS = range(10**6, 10**7, 7)


def hash_of(key: int) -> int:
    """Keys' hashes, colliding on purpose: negative keys share three full
    hashes with each other and with 0, 1, 2, so equality decides."""
    return (key % 3 if key < 0 else key) & (2**64 - 1)


keys = st.one_of(st.integers(-9, 40), st.integers(INT64_MIN, INT64_MAX))


@st.composite
def index_programs(draw) -> list[tuple[int, int, int]]:
    """(step, key, hash) steps: inserts, finds and erases of colliding keys,
    bulk growth, compaction, reservation and clearing."""
    kinds = st.sampled_from([INSERT, INSERT, FIND, ERASE, ERASE, BULK, COMPACT, RESERVE, CLEAR])
    steps, bulk_keys = [], iter(BULK_KEYS)
    for kind, key in draw(st.lists(st.tuples(kinds, keys), min_size=1, max_size=60)):
        if kind == BULK:
            steps.extend(
                (INSERT, new, hash_of(new)) for new in (next(bulk_keys) for _ in range(50))
            )
        elif kind == RESERVE:
            steps.append((RESERVE, key % 300, 0))
        else:
            steps.append((kind, key, hash_of(key)))
    return steps


def model_answers(steps: list[tuple[int, int, int]]) -> list[int]:
    """The entry each step answers, by a dict over a dense entry list."""
    entries: list[int | None] = []
    index: dict[int, int] = {}
    answers = []
    for kind, key, _ in steps:
        if kind == INSERT:
            if key not in index:
                index[key] = len(entries)
                entries.append(key)
            answers.append(index[key])
        elif kind == FIND:
            answers.append(index.get(key, -1))
        elif kind == ERASE:
            entry = index.pop(key, -1)
            if entry >= 0:
                entries[entry] = None
            answers.append(entry)
        elif kind == COMPACT:
            entries = [key for key in entries if key is not None]
            index = {key: entry for entry, key in enumerate(entries)}
            answers.append(len(entries))
        else:
            if kind == CLEAR:
                entries, index = [], {}
            answers.append(-1)
    return answers


@pytest.mark.task("3.6")
@given(steps=index_programs())
def test_index_program_answers_as_a_dict_and_probes_as_the_scalar_build(probe_engine, steps):
    """Entries as the model says, every invariant after every step, and the
    same slot for every key as the scalar SWAR group of the same machine."""
    run = probe_engine.index_program(steps)
    assert run.broken is None, f"step {run.broken[0]} {steps[run.broken[0]]}: {run.broken[1]}"
    assert [entry for entry, _ in run.answers] == model_answers(steps)
    scalar = probe_engine.sibling("scalar").index_program(steps)
    assert run.answers == scalar.answers
    assert run.counts == scalar.counts
