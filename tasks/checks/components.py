"""Prerequisites: the runtime components a task needs, and the platforms it runs on.

Most of the runtime (object model, parser, bytecode, interpreter, JIT, GC,
reactor, CLI) is not built yet. A task that needs one is contradicted while
the component is absent: that is what these prerequisite checks say. When a
component lands its prerequisite passes, which verifies nothing by itself:
the component's own tests, marked with the task's ID, must then do that.
"""

from __future__ import annotations

import platform
import re
from pathlib import Path

from dxpy.tasks.registry import PREREQUISITE, CheckResult, check, failed, passed, unverifiable

# component folder -> (what it is, the tasks that need it)
COMPONENTS = {
    "core": (
        "the object model and runtime error values",
        ("4.1", "4.2", "4.5", "4.9", "5.3", "7.5", "8.5"),
    ),
    "parser": ("the Python lexer and parser", ("10.1", "10.2", "10.3", "10.4", "10.5", "10.7")),
    "bytecode": ("the DPB bytecode format and its compiler", ("10.6",)),
    "interp": (
        "the interpreter",
        ("4.7", "5.1", "5.2", "5.4", "6.2", "7.5", "9.5"),
    ),
    "jit": ("the JIT", ("5.1", "6.3", "7.4", "8.4")),
    "gc": ("the garbage collector", ("5.3", "6.5", "7.3", "8.3")),
    "reactor": (
        "the I/O reactor",
        ("5.2", "6.4", "8.6", "9.1", "9.2", "9.3", "9.4", "9.5", "9.6"),
    ),
}


def _component_check(folder: str, what: str):
    def component_is_built(root: Path) -> CheckResult:
        path = root / "cpp" / folder
        sources = sorted(path.rglob("*.cpp")) if path.is_dir() else []
        if not sources:
            return failed(f"cpp/{folder}/ ({what}) is absent: not built in this code base")
        return passed(f"cpp/{folder}/ holds {len(sources)} C++ sources")

    component_is_built.__name__ = f"component_{folder}_is_built"
    component_is_built.__doc__ = f"cpp/{folder}/ ({what}) exists with sources (a prerequisite)."
    return component_is_built


for _folder, (_what, _task_ids) in COMPONENTS.items():
    check(*_task_ids, kind=PREREQUISITE)(_component_check(_folder, _what))


@check("5.5", kind=PREREQUISITE)
def dxpy_run_command_exists(root: Path) -> CheckResult:
    """A ``dxpy run FILE.py`` command exists (console script or ``python -m dxpy``)."""
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    scripts = re.search(
        r"^\[project\.scripts\]\s*$(.*?)(?=^\[|\Z)", pyproject, re.MULTILINE | re.DOTALL
    )
    declared = scripts is not None and re.search(r"^\s*dxpy\s*=", scripts.group(1), re.MULTILINE)
    main = root / "dxpy" / "__main__.py"
    if not declared and not main.is_file():
        return failed(
            "no `dxpy` console script, no dxpy/__main__.py: `dxpy run FILE.py` does not exist yet"
        )
    return passed("a dxpy command is declared")


def _platform_check(name: str, system_names: tuple[str, ...], what: str):
    def runs_on_its_platform(root: Path) -> CheckResult:
        system = platform.system()
        if system not in system_names:
            return unverifiable(
                f"{what} exists only on {', '.join(system_names)}; this is {system}"
            )
        return failed(f"{what}: no test of the reactor's {name} backend is bound to this task yet")

    runs_on_its_platform.__name__ = f"{name}_backend_runs_on_its_platform"
    runs_on_its_platform.__doc__ = (
        f"The reactor's {name} backend is exercised on {what.split()[0]}'s platform."
    )
    return runs_on_its_platform


check("9.2")(
    _platform_check("kqueue", ("Darwin", "FreeBSD", "OpenBSD", "NetBSD"), "kqueue (BSD, macOS)")
)
check("9.3")(_platform_check("iocp", ("Windows",), "IOCP (Windows)"))
