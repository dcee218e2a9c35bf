"""Checks: functions that verify a task's claim where a unit test cannot see it.

A check is a function of the repository root (and, if it takes a second
argument, of the test evidence: :class:`dxpy.tasks.testruns.TestEvidence`)
returning a :class:`CheckResult`, registered for task IDs with :func:`check`::

    @check("2.2", "2.7")
    def avx512_find_compares_64_bytes_into_mask_registers(root: Path) -> CheckResult:
        ...
        return passed("7 x vpcmpeqb zmm -> k in find")

The project's checks live in ``tasks/checks/*.py`` of the repository and are
loaded by :func:`load_checks`. A check that raises counts as failed (a broken
check proves nothing), except one that imports a third-party module not
installed here: that check is *not installed*. A check that cannot decide
says why, in one of three words that are not the same thing: *unverifiable*
(this platform lacks the CPU, OS or architecture it needs), *not installed*
(a tool is missing: ``command`` installs it) and *not run* (the run whose
record it reads has not been made here: ``command`` makes it).

A *prerequisite* check (``kind=PREREQUISITE``) states a necessary condition
only, such as "the component's folder exists": when it fails it contradicts the
claim, when it passes it verifies nothing by itself.
A *corroborating* check (``kind=CORROBORATION``) is a second witness of what
another check already verifies: it counts when it can run, and when it
cannot, the task is not held unverifiable on its account.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PASS = "pass"
FAIL = "fail"
UNVERIFIABLE = "unverifiable"  # the platform lacks what the check needs (an ISA, an OS API)
NOT_INSTALLED = "not installed"  # a tool the check needs is missing here (pip install it)
NOT_RUN = "not run"  # the check reads a run's record, and that run has not happened here
STATUSES = (PASS, FAIL, UNVERIFIABLE, NOT_INSTALLED, NOT_RUN)

EVIDENCE = "evidence"
PREREQUISITE = "prerequisite"
CORROBORATION = "corroboration"


@dataclass(frozen=True)
class CheckResult:
    """What a check found (one of :data:`STATUSES`), why, and what command would settle it.

    ``command`` goes with ``not installed`` and ``not run``: what to run so the
    check can decide (``pip install mypy``, ``bash ci/test.sh``).
    """

    status: str
    detail: str
    command: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown check status {self.status!r}")


def passed(detail: str) -> CheckResult:
    """The claim holds; ``detail`` is the evidence."""
    return CheckResult(PASS, detail)


def failed(reason: str) -> CheckResult:
    """The claim is contradicted; ``reason`` says by what."""
    return CheckResult(FAIL, reason)


def unverifiable(reason: str) -> CheckResult:
    """The claim cannot be checked on this platform (its CPU, OS or architecture); ``reason``
    says what the platform lacks. A missing tool or a run not made yet is not this."""
    return CheckResult(UNVERIFIABLE, reason)


def not_installed(reason: str, command: str) -> CheckResult:
    """A tool the check needs is not installed here; ``command`` installs it."""
    return CheckResult(NOT_INSTALLED, reason, command)


def not_run(reason: str, command: str) -> CheckResult:
    """The run whose record the check reads has not been made here; ``command`` makes it."""
    return CheckResult(NOT_RUN, reason, command)


# A check takes the repository root, and optionally the test evidence (the
# collected tests with their outcomes, dxpy.tasks.testruns.TestEvidence).
CheckFunction = Callable[..., CheckResult]


@dataclass(frozen=True)
class Check:
    """A registered check: its name (the function's), task IDs, kind and function."""

    name: str
    task_ids: tuple[str, ...]
    kind: str
    function: CheckFunction = field(compare=False, repr=False)
    description: str = ""


@dataclass(frozen=True)
class CheckOutcome:
    """A check's result, with the time it took."""

    check: Check
    result: CheckResult
    seconds: float


_REGISTRY: dict[str, Check] = {}


def check(*task_ids: str, kind: str = EVIDENCE) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as a check of the tasks ``task_ids``."""
    if not task_ids:
        raise ValueError("a check needs at least one task ID")
    if kind not in (EVIDENCE, PREREQUISITE, CORROBORATION):
        raise ValueError(f"unknown check kind {kind!r}")

    def register(function: CheckFunction) -> CheckFunction:
        doc = (function.__doc__ or "").strip().splitlines()
        _REGISTRY[function.__name__] = Check(
            name=function.__name__,
            task_ids=tuple(task_ids),
            kind=kind,
            function=function,
            description=doc[0] if doc else "",
        )
        return function

    return register


def registered_checks() -> list[Check]:
    """Every registered check, in registration order."""
    return list(_REGISTRY.values())


def clear_registry() -> None:
    """Forget every registered check (tests use it between fixture folders)."""
    _REGISTRY.clear()


def load_checks(checks_folder: Path) -> list[Check]:
    """Import every ``*.py`` of ``checks_folder`` (its checks register) and list them all.

    The modules are imported by path under private names, so the folder needs
    no ``__init__.py`` and its name can clash with nothing installed.
    """
    checks_folder = Path(checks_folder)
    if not checks_folder.is_dir():
        return registered_checks()
    for path in sorted(checks_folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        module_name = f"_dxpy_task_checks.{path.stem}"
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return registered_checks()


def wants_evidence(function: CheckFunction) -> bool:
    """True when the check takes the test evidence as its second argument."""
    try:
        return len(inspect.signature(function).parameters) >= 2
    except (TypeError, ValueError):
        return False


def run_check(one: Check, root: Path, evidence: object = None) -> CheckOutcome:
    """Run one check; an exception inside it is a failure naming the exception."""
    start = time.perf_counter()
    try:
        if wants_evidence(one.function):
            result = one.function(root, evidence)
        else:
            result = one.function(root)
        if not isinstance(result, CheckResult):
            result = failed(f"check returned {type(result).__name__}, not a CheckResult")
    except ModuleNotFoundError as error:
        result = _missing_module(error)
    except Exception as error:  # a broken check proves nothing: it fails, saying why
        result = failed(f"the check raised {type(error).__name__}: {error}")
    return CheckOutcome(one, result, time.perf_counter() - start)


def _missing_module(error: ModuleNotFoundError) -> CheckResult:
    """A check that imports a module not installed here: not installed, unless it is dxpy's."""
    name = (error.name or "").split(".", 1)[0]
    if not name or name == "dxpy" or name.startswith("_dxpy"):
        return failed(f"the check raised ModuleNotFoundError: {error}")
    install = "pip install '.[test]'" if name in ("pytest", "hypothesis") else f"pip install {name}"
    return not_installed(f"{name} is not installed here, and the check imports it", install)
