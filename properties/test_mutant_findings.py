"""Properties that planted bugs (ci/mutants) showed the suite was missing.

Each test here exists because a realistic mutant of ci/mutants/mutants.py
survived the rest of ``pytest properties/``; the mutant named in each
docstring is the one it kills.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

import dxpy

pytestmark = [pytest.mark.task("1.7"), pytest.mark.task("2.5")]

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
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DXPY_CPU_DISABLE", "DXPY_ENGINE")
    }
    if cpu_disable is not None:
        environment["DXPY_CPU_DISABLE"] = cpu_disable
    package_root = str(Path(dxpy.__file__).resolve().parents[1])
    environment["PYTHONPATH"] = os.pathsep.join(
        [package_root, *filter(None, [environment.get("PYTHONPATH")])]
    )
    finished = subprocess.run(
        [sys.executable, "-c", REPORT_ENGINES],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        # Not the repository root, whose dxpy/ source folder may lack the module.
        cwd=tempfile.gettempdir(),
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)


@pytest.fixture(scope="module")
def undisabled_modes() -> dict[str, str]:
    return engines_in_a_child(None)["modes"]


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
