"""Which tests verify which task, and how they last came out.

Tests are bound to tasks by ``@pytest.mark.task("1.2")``. The binding is always
read fresh (``pytest --collect-only`` with :mod:`dxpy.tasks.pytest_plugin`); the
outcomes come from a pytest run: a new one (``run=True``), or else the
records of earlier runs, ``reports/properties/last-run.json`` (written by the
properties' conftest) or ``reports/tasks/last-run.json`` (written by
``dxpy-tasks --run``); each test takes its outcome from the newest record that
ran it. A test that is in none is "not run".

pytest runs in a scratch folder with the repository as its rootdir and the same
``dxpy`` package importable that this process imported, so a source checkout
without a compiled module never shadows an installed dxpy (and the other way
round in a development tree).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import dxpy

TEST_FOLDERS = ("properties", "tests")
RESULT_FILES = ("reports/properties/last-run.json", "reports/tasks/last-run.json")
OWN_RESULT_FILE = "reports/tasks/last-run.json"

PASSED = "passed"
FAILED = "failed"
SKIPPED = "skipped"
NOT_RUN = "not run"
_OUTCOMES = {
    "passed": PASSED,
    "xpassed": PASSED,
    "failed": FAILED,
    "error": FAILED,
    "xfailed": FAILED,  # an expected failure still leaves the claim unproven
    "skipped": SKIPPED,
    "not run": NOT_RUN,
}


@dataclass
class TestRecord:
    """One collected test: its node ID, the tasks it verifies and its last outcome."""

    nodeid: str
    tasks: list[str]
    outcome: str = NOT_RUN
    reason: str = ""
    engine: str | None = None  # the engine fixture's parameter id, where the run says


@dataclass
class TestEvidence:
    """The collected tests, where their outcomes came from, and what went wrong."""

    tests: list[TestRecord] = field(default_factory=list)
    source: str = "not run"
    problems: list[str] = field(default_factory=list)
    # The engine builds the run held to the same answers, as its record lists them:
    # {"name", "isa", "arch", "mode" (native, emulated, qemu-native, ...), "id", "runner"}.
    engines: list[dict] = field(default_factory=list)
    has_run: bool = False
    collected: int = 0  # how many of ``tests`` this checkout's collection found
    missing_tool: str = ""  # "pytest" when the tests could not even be collected

    def for_task(self, task_id: str) -> list[TestRecord]:
        """The tests marked with ``task_id``."""
        return [test for test in self.tests if task_id in test.tasks]

    def task_ids(self) -> set[str]:
        """Every task ID some test is marked with."""
        return {task_id for test in self.tests for task_id in test.tasks}


def python_environment() -> dict[str, str]:
    """This process's environment, with the dxpy it imported first on PYTHONPATH.

    A subprocess started in a scratch folder with it imports the same dxpy as
    this process, whichever folder that came from.
    """
    package_parent = str(Path(dxpy.__file__).resolve().parent.parent)
    inherited = os.environ.get("PYTHONPATH")
    path = package_parent if not inherited else os.pathsep.join([package_parent, inherited])
    return dict(os.environ, PYTHONPATH=path)


def _test_paths(root: Path) -> list[str]:
    return [str(root / folder) for folder in TEST_FOLDERS if (root / folder).is_dir()]


def _pytest(
    root: Path, arguments: list[str], out: Path, capture: bool
) -> subprocess.CompletedProcess:
    """pytest on the test folders with the recording plugin; shown on stderr unless captured."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        f"--rootdir={root}",
        "-p",
        "dxpy.tasks.pytest_plugin",
        f"--dxpy-tasks-out={out}",
        "-p",
        "no:cacheprovider",
        *arguments,
        *_test_paths(root),
    ]
    config = root / "pyproject.toml"
    if config.is_file():
        command[3:3] = ["-c", str(config)]
    environment = python_environment()
    with tempfile.TemporaryDirectory(prefix="dxpy-tasks-") as scratch:
        return subprocess.run(
            command,
            cwd=scratch,
            env=environment,
            # Not captured: pytest's progress goes to this process's stderr (fd 2),
            # so a JSON document on stdout stays clean.
            stdout=subprocess.PIPE if capture else 2,
            stderr=subprocess.PIPE if capture else 2,
            text=True,
            check=False,
        )


def _read_document(path: Path) -> dict | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or not isinstance(document.get("tests"), list):
        return None
    return document


def collect(root: Path) -> TestEvidence:
    """Every test under the test folders with its task marks (nothing is run)."""
    evidence = TestEvidence()
    if not _test_paths(root):
        evidence.problems.append("no test folders (properties/, tests/) in the repository")
        return evidence
    if importlib.util.find_spec("pytest") is None:
        evidence.missing_tool = "pytest"
        evidence.problems.append(
            "pytest is not installed, so no test was collected or run "
            "(pip install '.[test]' && dxpy-tasks --run)"
        )
        evidence.source = "not run (pytest is not installed)"
        return evidence
    with tempfile.TemporaryDirectory(prefix="dxpy-tasks-collect-") as folder:
        out = Path(folder) / "collected.json"
        # -p no:dxpy-run-record: the properties' own run record would otherwise be
        # overwritten by this collection, which runs nothing.
        completed = _pytest(
            root, ["--collect-only", "-q", "-p", "no:dxpy-run-record"], out, capture=True
        )
        document = _read_document(out)
    if document is None or completed.returncode not in (0, 5):
        tail = ((completed.stdout or "") + (completed.stderr or "")).strip().splitlines()[-8:]
        evidence.problems.append(
            f"pytest --collect-only exited {completed.returncode}: " + " | ".join(tail)
        )
    if document is not None:
        evidence.tests = [
            TestRecord(nodeid=entry["nodeid"], tasks=list(entry.get("tasks", [])))
            for entry in document["tests"]
        ]
        evidence.collected = len(evidence.tests)
    return evidence


def _age(created: str | None, path: Path) -> str:
    try:
        when = datetime.fromisoformat(created) if created else None
    except ValueError:
        when = None
    if when is None:
        when = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    seconds = max(0, int((datetime.now(timezone.utc) - when).total_seconds()))
    if seconds < 120:
        return f"{seconds} s old"
    if seconds < 7200:
        return f"{seconds // 60} min old"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h old"
    return f"{seconds // 86400} days old"


def run_records(root: Path) -> list[tuple[Path, dict]]:
    """Every readable record of a test run, oldest first."""
    found = []
    for name in RESULT_FILES:
        path = root / name
        document = _read_document(path) if path.is_file() else None
        if document is not None and not document.get("collect_only"):
            found.append((path.stat().st_mtime, path, document))
    return [(path, document) for _, path, document in sorted(found, key=lambda entry: entry[0])]


def apply_results(evidence: TestEvidence, path: Path, document: dict, root: Path) -> None:
    """Give each collected test its outcome from a run record."""
    by_nodeid = {entry.get("nodeid"): entry for entry in document["tests"]}
    # Tests this collection did not see (parameters of engines the run had, such as
    # the qemu probes of DXPY_QEMU_PROBES) join with the tasks the record gives them.
    collected = {test.nodeid for test in evidence.tests}
    evidence.tests += [
        TestRecord(nodeid=str(nodeid), tasks=list(entry.get("tasks") or []))
        for nodeid, entry in by_nodeid.items()
        if nodeid and nodeid not in collected
    ]
    for test in evidence.tests:
        entry = by_nodeid.get(test.nodeid)
        if entry is None:
            continue
        test.outcome = _OUTCOMES.get(str(entry.get("outcome")), NOT_RUN)
        test.reason = str(entry.get("reason") or entry.get("longrepr") or "")[:300]
        test.engine = entry.get("engine") or test.engine
        if not test.tasks and entry.get("tasks"):
            test.tasks = list(entry["tasks"])
    engines = document.get("engines")
    if isinstance(engines, list) and engines and "id" in engines[0]:
        known = {row.get("id") for row in evidence.engines}
        evidence.engines += [
            row for row in engines if isinstance(row, dict) and row.get("id") not in known
        ]
    try:
        shown = path.relative_to(root)
    except ValueError:
        shown = path
    profile = document.get("profile")
    source = f"{shown}, {_age(document.get('created'), path)}" + (
        f", profile {profile}" if profile else ""
    )
    evidence.source = f"{evidence.source}; then {source}" if evidence.has_run else source
    evidence.has_run = True


def run_tests(root: Path, workers: int | None = None) -> tuple[Path, dict] | None:
    """Run every test folder with pytest now (its output goes to stderr) and record it."""
    out = root / OWN_RESULT_FILE
    arguments = ["-q", "-rfE"]
    count = workers if workers is not None else int(os.environ.get("DXPY_TEST_WORKERS", "2"))
    try:
        import xdist  # noqa: F401

        if count > 1:
            arguments += ["-n", str(count)]
    except ImportError:
        pass
    _pytest(root, arguments, out, capture=False)
    document = _read_document(out) if out.is_file() else None
    return None if document is None else (out, document)


def gather(root: Path, run: bool = False) -> TestEvidence:
    """The tests bound to tasks, with outcomes from a new run or the records of earlier ones.

    Without a new run, every record is read, oldest first, so each test has its
    newest outcome (a partial run, such as the qemu one, overrides only its own
    tests) and the engines of every record are known.
    """
    evidence = collect(root)
    started = time.time()
    if run and evidence.missing_tool:
        return evidence
    if run:
        record = run_tests(root)
        if record is None:
            evidence.problems.append("pytest wrote no results")
            evidence.source = "not run (pytest wrote no results)"
            return evidence
        # The properties' own record of the same run names the engine each test ran on.
        properties_record = root / RESULT_FILES[0]
        document = _read_document(properties_record) if properties_record.is_file() else None
        if document is not None and properties_record.stat().st_mtime >= started:
            apply_results(evidence, properties_record, document, root)
            evidence.source, evidence.has_run = "", False
        apply_results(evidence, *record, root)
        return evidence
    records = run_records(root)
    if not records:
        evidence.source = "not run (no record of a test run; dxpy-tasks --run runs them)"
    for path, document in records:
        apply_results(evidence, path, document, root)
    return evidence
