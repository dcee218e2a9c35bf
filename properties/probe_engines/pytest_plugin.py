"""How probe engines take part in the property suites.

* They are parameters of conftest's ``engine`` fixture, kept only in the
  modules whose properties a pipe can serve (strings and SimdList kernels);
  elsewhere (SwissDict with Python keys, NumPy buffers, the dispatcher) their
  items are deselected, because those properties need the engine in-process.
* While such a test runs, ``dxpy.SimdList`` is the front of list_front.py, so
  ``dxpy.SimdList(values).sum(engine=engine)`` reaches the probe.
* test_probe_engines.py (group primitives, SwissIndex programs, byte order)
  is collected only when probes are configured.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import dxpy
from probe_engines.list_front import ProbeSimdList
from probe_engines.process import close_all
from probe_engines.variants import ProbeVariant

# Modules whose every engine test runs on probe engines as on local ones.
PROBE_MODULES = frozenset(
    {
        "test_string_engines.py",
        "test_string_errors.py",
        "test_simd_list.py",
        "test_simd_list_errors.py",
    }
)
PROBE_ONLY_MODULES = frozenset({"test_probe_engines.py"})


def engine_parameter(item: pytest.Item) -> object:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("engine") if callspec is not None else None


class ProbeEnginesPlugin:
    def __init__(self, variants: list[ProbeVariant]) -> None:
        self.variants = variants

    def pytest_ignore_collect(self, collection_path: Path, config) -> bool | None:
        if not self.variants and collection_path.name in PROBE_ONLY_MODULES:
            return True
        return None

    def pytest_collection_modifyitems(self, config, items: list[pytest.Item]) -> None:
        kept, dropped = [], []
        for item in items:
            in_process_only = item.path.name not in PROBE_MODULES
            if isinstance(engine_parameter(item), ProbeVariant) and in_process_only:
                dropped.append(item)
            else:
                kept.append(item)
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = kept

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item):
        if not isinstance(engine_parameter(item), ProbeVariant):
            return (yield)
        real = dxpy.SimdList
        dxpy.SimdList = ProbeSimdList
        try:
            return (yield)
        finally:
            dxpy.SimdList = real

    def pytest_sessionfinish(self) -> None:
        close_all()
