"""Shared set-up of the property suites: Hypothesis profiles and the engine matrix.

``HYPOTHESIS_PROFILE`` picks the profile: ``ci`` (the default) is deterministic
and bounded so ``pytest -n 2 properties/`` stays within a few minutes;
``thorough`` runs many more examples per property and keeps a database;
``quick`` is ``ci`` with a fifth of the examples.
"""

from __future__ import annotations

import faulthandler
import os

import pytest
from hypothesis import HealthCheck, settings
from probe_engines import ProbeVariant, probe_variants
from probe_engines.pytest_plugin import ProbeEnginesPlugin
from run_record import RunRecord, local_engine_rows, probe_engine_rows

import dxpy

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    max_examples=150,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# The same deterministic examples, fewer of each: for runs that are slow per
# example (the sanitizer build in .ci/run; ci/nightly runs it with "ci").
settings.register_profile("quick", parent=settings.get_profile("ci"), max_examples=30)
settings.register_profile(
    "thorough",
    max_examples=5000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def engine_variants() -> list[tuple[str, str]]:
    """(name, mode) of every engine build this machine runs.

    Each engine in the mode the dispatcher gives it (native where the CPU can,
    emulated otherwise), plus the SIMDe-emulated build of the engines that also
    run natively: that build is what runs on CPUs without the instruction set,
    so it is held to the same answers here.
    """
    variants = []
    for info in dxpy.engines():
        variants.append((info.name, info.mode))
        if info.mode == "native" and info.name != "scalar":
            try:
                dxpy.engine(info.name, mode="emulated")
            except ValueError:
                continue
            variants.append((info.name, "emulated"))
    return variants


ENGINE_VARIANTS = engine_variants()
# Builds of other architectures served by dxpy_probe under qemu (ci/cross sets
# DXPY_QEMU_PROBES; probe_engines/pytest_plugin.py says which tests they join).
PROBE_VARIANTS = probe_variants()


def _variant_id(variant: tuple[str, str] | ProbeVariant) -> str:
    if isinstance(variant, ProbeVariant):
        return variant.id
    name, mode = variant
    default_mode = next(info.mode for info in dxpy.engines() if info.name == name)
    return name if mode == default_mode else f"{name}-{mode}"


@pytest.fixture(scope="session", params=ENGINE_VARIANTS + PROBE_VARIANTS, ids=_variant_id)
def engine(request):
    """Every engine build in turn (session-scoped, so Hypothesis may reuse it)."""
    if isinstance(request.param, ProbeVariant):
        return request.param.engine()
    name, mode = request.param
    return dxpy.engine(name, mode=mode)


@pytest.fixture(scope="session")
def scalar_engine():
    """The reference engine the SIMD engines are compared with (P25, P26)."""
    return dxpy.engine("scalar")


# A kernel that loops forever (the seed design's count/replace with an empty
# needle did) holds the GIL inside C++, where no Python timeout reaches it. The
# watchdog thread of faulthandler needs no GIL: past the limit it prints every
# thread's stack and ends the process, which pytest-xdist reports as a crash of
# that test. 0 turns the watchdog off.
TEST_TIME_LIMIT_SECONDS = float(
    os.environ.get(
        "DXPY_TEST_TIME_LIMIT",
        "0" if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else "240",
    )
)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    if TEST_TIME_LIMIT_SECONDS > 0:
        faulthandler.dump_traceback_later(TEST_TIME_LIMIT_SECONDS, exit=True)
    try:
        yield
    finally:
        if TEST_TIME_LIMIT_SECONDS > 0:
            faulthandler.cancel_dump_traceback_later()


def pytest_configure(config):
    config.pluginmanager.register(ProbeEnginesPlugin(PROBE_VARIANTS), "dxpy-probe-engines")
    engines = local_engine_rows(ENGINE_VARIANTS, _variant_id) + probe_engine_rows(PROBE_VARIANTS)
    config.pluginmanager.register(RunRecord(engines, _variant_id), "dxpy-run-record")


def pytest_report_header(config):
    try:
        default = dxpy.default_engine()
    except ValueError as error:  # an unknown DXPY_ENGINE: test_dispatch says so
        default = f"none ({error})"
    lines = [f"dxpy engines (default: {default}; DXPY_ENGINE={os.environ.get('DXPY_ENGINE')!r}):"]
    for info in dxpy.engines():
        marker = "  <- default" if info.name == default else ""
        lines.append(f"  {info.name:<8} isa={info.isa:<24} mode={info.mode}{marker}")
    emulated_too = [name for name, mode in ENGINE_VARIANTS if mode == "emulated"]
    lines.append(f"  emulated builds tested: {', '.join(emulated_too) or 'none'}")
    lines.append(f"hypothesis profile: {os.environ.get('HYPOTHESIS_PROFILE', 'ci')}")
    return lines
