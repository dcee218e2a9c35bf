"""Set-up of the harness tests (tests/): which dxpy is imported, and the fixtures' paths.

* A working tree with a built module (the development symlink
  ``dxpy/_native*.so``) is tested from the tree itself; otherwise the installed
  package is (CI: ``pip install ".[test]"`` first).
* Rendering a report needs no compiled module. Where none can be imported,
  a stand-in ``dxpy._native`` lets ``import dxpy`` succeed, and tests that
  measure (marked ``needs_native``) are skipped.
"""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _tree_has_native() -> bool:
    return any(path.exists() for path in (REPOSITORY / "dxpy").glob("_native*.so"))


def _stand_in_native() -> types.ModuleType:
    """Enough of dxpy._native for ``import dxpy``; anything that measures is skipped."""
    module = types.ModuleType("dxpy._native")
    module.__doc__ = "stand-in: no compiled dxpy._native could be imported"
    for name in ("Engine", "SimdList", "SwissDict"):
        setattr(module, name, type(name, (), {}))
    module.STAND_IN = True
    return module


def _import_dxpy() -> bool:
    """Import dxpy; True when its compiled module is real."""
    if _tree_has_native():
        sys.path.insert(0, str(REPOSITORY))
    try:
        importlib.import_module("dxpy")
        return True
    except ImportError:
        for name in [name for name in sys.modules if name == "dxpy" or name.startswith("dxpy.")]:
            del sys.modules[name]
        if str(REPOSITORY) not in sys.path:
            sys.path.insert(0, str(REPOSITORY))
        sys.modules["dxpy._native"] = _stand_in_native()
        importlib.import_module("dxpy")
        return False


HAVE_NATIVE = _import_dxpy()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_native: measures, so needs the compiled dxpy")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if HAVE_NATIVE:
        return
    skip = pytest.mark.skip(reason="no compiled dxpy._native to measure with")
    for item in items:
        if "needs_native" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
