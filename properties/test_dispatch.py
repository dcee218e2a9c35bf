"""The dispatcher: which engines exist, how each runs here, and which one is chosen.

Modes are checked against what the kernel reports in /proc/cpuinfo (a flag is
only listed there when the OS also saves that register state). Anything that
could end in SIGILL, or depends on DXPY_ENGINE at import, runs in a child process
so that a crash is reported as a failure instead of taking the test runner down.
"""

from __future__ import annotations

import platform
import signal
import subprocess
from pathlib import Path

import fresh_process
import pytest

import dxpy

ENGINE_NAMES = ("scalar", "avx2", "avx512", "neon")
# Best first: the dispatcher picks the first of these that runs natively.
PREFERENCE = ("avx512", "avx2", "neon", "scalar")
MACHINE = platform.machine().lower()
IS_X86_64 = MACHINE in ("x86_64", "amd64")
IS_AARCH64 = MACHINE in ("aarch64", "arm64")

pytestmark = [pytest.mark.task("1.7"), pytest.mark.task("2.5")]


def cpu_flags() -> set[str]:
    """The CPU feature flags the kernel reports ('flags' on x86, 'Features' on Arm)."""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features"):
            return set(value.split())
    return set()


def expected_modes() -> dict[str, str]:
    flags = cpu_flags()
    native = {"scalar"}
    if IS_X86_64 and "avx2" in flags:
        native.add("avx2")
    if IS_X86_64 and {"avx512f", "avx512bw"} <= flags:
        native.add("avx512")
    if IS_AARCH64:
        native.add("neon")
    return {name: "native" if name in native else "emulated" for name in ENGINE_NAMES}


def modes() -> dict[str, str]:
    return {info.name: info.mode for info in dxpy.engines()}


def run_python(
    code: str, dxpy_engine: str | None = None, **variables: str
) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter that imports this same dxpy, with
    DXPY_ENGINE set to ``dxpy_engine`` (or unset) and ``variables`` set."""
    if dxpy_engine is not None:
        variables["DXPY_ENGINE"] = dxpy_engine
    return fresh_process.run_python(code, **variables)


def assert_exited_cleanly(finished: subprocess.CompletedProcess) -> None:
    if finished.returncode < 0:
        pytest.fail(f"killed by {signal.Signals(-finished.returncode).name}: {finished.stderr}")
    assert finished.returncode == 0, finished.stderr


def test_engines_lists_scalar_first_then_avx2_avx512_and_neon():
    names = [info.name for info in dxpy.engines()]
    assert names[0] == "scalar"
    assert sorted(names) == sorted(ENGINE_NAMES)


def test_every_engine_runs_either_native_or_emulated_and_names_its_isa():
    for info in dxpy.engines():
        assert info.mode in ("native", "emulated"), info
        assert isinstance(info.isa, str) and info.isa.strip(), info


def test_engine_modes_follow_the_cpu_features_the_kernel_reports():
    assert modes() == expected_modes(), f"cpu flags: {sorted(cpu_flags() & {'avx2', 'avx512f'})}"


@pytest.mark.skipif(not IS_X86_64, reason="NEON is native off x86-64")
def test_neon_is_emulated_on_x86_64():
    assert modes()["neon"] == "emulated"


def test_default_engine_is_the_best_native_engine_and_never_an_emulated_one():
    finished = run_python("import dxpy; print(dxpy.default_engine(), dxpy.engine().name)")
    assert_exited_cleanly(finished)
    default, chosen = finished.stdout.split()
    best_native = next(name for name in PREFERENCE if modes()[name] == "native")
    assert default == best_native
    assert chosen == default
    assert modes()[default] == "native"


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_dxpy_engine_variable_overrides_the_default(name):
    finished = run_python(
        """
        import dxpy
        engine = dxpy.engine()
        print(dxpy.default_engine(), engine.name, engine.mode)
        """,
        dxpy_engine=name,
    )
    assert_exited_cleanly(finished)
    assert finished.stdout.split() == [name, name, modes()[name]]


@pytest.mark.task("1.7")
@pytest.mark.task("2.5")
@pytest.mark.parametrize(
    ("xcr0_mask", "hidden"),
    [
        ("0x3", {"avx2", "avx512"}),  # x87 + SSE state only: no YMM, so no AVX at all
        ("0x7", {"avx512"}),  # YMM but no opmask / ZMM state
        ("0xE7", set()),  # every state the engines need
        ("not-hex", {"avx2", "avx512"}),  # unparsable: hides everything, enables nothing
    ],
)
def test_dispatch_follows_the_vector_state_the_os_saves(xcr0_mask, hidden):
    """XGETBV's half of dispatch: an instruction set whose register state the OS
    does not save (DXPY_CPU_XCR0_MASK clears XCR0 bits, as such an OS would) is
    never native, however CPUID reports it; on other architectures nothing changes."""
    finished = run_python(
        """
        import dxpy
        print(dxpy.default_engine(), *(f"{i.name}={i.mode}" for i in dxpy.engines()))
        """,
        DXPY_CPU_XCR0_MASK=xcr0_mask,
    )
    assert_exited_cleanly(finished)
    default, *rows = finished.stdout.split()
    if not IS_X86_64:
        hidden = set()
    expected = {
        name: "native" if mode == "native" and name not in hidden else "emulated"
        for name, mode in modes().items()
    }
    assert dict(row.split("=") for row in rows) == expected
    assert default == next(name for name in PREFERENCE if expected[name] == "native")


@pytest.mark.parametrize("setting", ["nope", "AVX-9000", "scalar,avx2"])
def test_unknown_dxpy_engine_raises_value_error_listing_the_engines(setting):
    finished = run_python(
        """
        try:
            import dxpy
            dxpy.engine()
        except ValueError as error:
            print("ValueError:", error)
        else:
            print("no error; chose", dxpy.default_engine())
        """,
        dxpy_engine=setting,
    )
    assert_exited_cleanly(finished)
    assert finished.stdout.startswith("ValueError:"), finished.stdout
    for name in (*ENGINE_NAMES, setting):
        assert name in finished.stdout


def test_engine_with_an_unknown_name_raises_value_error_listing_the_engines():
    with pytest.raises(ValueError) as raised:
        dxpy.engine("nope")
    for name in (*ENGINE_NAMES, "nope"):
        assert name in str(raised.value)


def test_engine_with_an_unknown_mode_raises_value_error():
    with pytest.raises(ValueError) as raised:
        dxpy.engine("scalar", mode="turbo")
    assert "turbo" in str(raised.value)


EMULATED_HERE = [name for name, mode in expected_modes().items() if mode == "emulated"]


@pytest.mark.parametrize("name", EMULATED_HERE)
def test_native_mode_of_an_engine_this_cpu_cannot_run_raises_instead_of_crashing(name):
    finished = run_python(
        f"""
        import dxpy
        try:
            engine = dxpy.engine({name!r}, mode="native")
            print("returned", engine.mode, engine.find("abc" * 40, "ca"))
        except Exception as error:
            print(type(error).__name__ + ":", error)
        """
    )
    assert_exited_cleanly(finished)
    assert not finished.stdout.startswith("returned"), finished.stdout
    assert finished.stdout.startswith("ValueError:"), finished.stdout
    assert name in finished.stdout


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_engine_objects_report_the_name_isa_and_mode_that_engines_lists(name):
    info = next(info for info in dxpy.engines() if info.name == name)
    engine = dxpy.engine(name)
    assert (engine.name, engine.isa, engine.mode) == (info.name, info.isa, info.mode)
    explicitly = dxpy.engine(name, mode=info.mode)
    assert (explicitly.name, explicitly.mode) == (name, info.mode)


# Instruction sets this architecture cannot execute: built through SIMDe instead.
FOREIGN_ENGINES = (
    ["neon"] if IS_X86_64 else ["avx2", "avx512"] if IS_AARCH64 else ["avx2", "avx512", "neon"]
)


@pytest.mark.parametrize("name", FOREIGN_ENGINES)
def test_engines_of_foreign_instruction_sets_run_emulated(name):
    engine = dxpy.engine(name, mode="emulated")
    assert (engine.name, engine.mode) == (name, "emulated")
    assert engine.count("ab" * 100, "ba") == 99


@pytest.mark.task("4.8")
def test_every_engine_runs_every_operation_in_a_fresh_process_without_a_signal():
    finished = run_python(
        """
        import dxpy
        text = "ab é😀 " * 40
        for info in dxpy.engines():
            for mode in dict.fromkeys((info.mode, "emulated")):
                try:
                    engine = dxpy.engine(info.name, mode=mode)
                except ValueError:  # no emulated build of this one
                    continue
                for sample in (text, text.encode()):
                    assert engine.find(sample, sample[-3:]) == sample.find(sample[-3:])
                    assert engine.count(sample, sample[:2]) == sample.count(sample[:2])
                    assert engine.eq(sample, sample[:])
                    assert engine.lower(sample) == sample.lower()
                    assert engine.upper(sample) == sample.upper()
                    assert engine.split(sample) == sample.split()
                    head, pair = sample[:1], [sample, sample[2:]]
                    assert engine.join(head, pair) == head.join(pair)
                    assert engine.replace(sample, head, pair[1]) == sample.replace(head, pair[1])
                print(info.name, mode, "ok", flush=True)
        """
    )
    assert_exited_cleanly(finished)
    assert {line.split()[0] for line in finished.stdout.splitlines()} == set(ENGINE_NAMES)
