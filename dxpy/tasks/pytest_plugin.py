"""A pytest plugin that records each test's ``task`` marks and outcome as JSON.

Loaded by ``dxpy-tasks`` with ``-p dxpy.tasks.pytest_plugin --dxpy-tasks-out FILE``.
With ``--collect-only`` it writes the collected tests and their marks; otherwise
each test's outcome too, in the ``dxpy-properties/1`` schema that
``reports/properties/last-run.json`` uses::

    {"schema": "dxpy-properties/1", "created": ISO-8601, "profile": "ci",
     "totals": {"passed": n, ...}, "engines": [...],
     "tests": [{"nodeid", "outcome", "tasks": [ids], "duration", "reason"?}]}

It works under pytest-xdist: the marks travel from the workers to the
controller in each report's ``user_properties``.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

SCHEMA = "dxpy-properties/1"
_TASKS_PROPERTY = "dxpy_tasks"
_ENGINE_PROPERTY = "dxpy_engine"
# A test's outcome over its phases (setup, call, teardown): the highest rank wins.
_RANK = {"not run": 0, "passed": 1, "xpassed": 1, "skipped": 2, "xfailed": 2, "failed": 3}


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--dxpy-tasks-out FILE``."""
    group = parser.getgroup("dxpy-tasks")
    group.addoption(
        "--dxpy-tasks-out",
        default=None,
        metavar="FILE",
        help="write each test's task marks (and outcome) to FILE as JSON",
    )


def _task_ids(item: pytest.Item) -> list[str]:
    return sorted({str(mark.args[0]) for mark in item.iter_markers("task") if mark.args})


class _Recorder:
    def __init__(self, config: pytest.Config, path: Path) -> None:
        self.config = config
        self.path = path
        self.tests: dict[str, dict] = {}
        self.collected = False

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            tasks = _task_ids(item)
            item.user_properties.append((_TASKS_PROPERTY, tasks))
            self.tests[item.nodeid] = {"nodeid": item.nodeid, "outcome": "not run", "tasks": tasks}
        self.collected = True

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        entry = self.tests.setdefault(
            report.nodeid, {"nodeid": report.nodeid, "outcome": "not run", "tasks": []}
        )
        for name, value in report.user_properties:
            if name == _TASKS_PROPERTY:
                entry["tasks"] = list(value)
            elif name == _ENGINE_PROPERTY:  # set by the properties' own run record
                entry["engine"] = value
        entry["duration"] = entry.get("duration", 0.0) + report.duration
        outcome = _phase_outcome(report)
        if outcome is None or _RANK[outcome] < _RANK[entry["outcome"]]:
            return
        entry["outcome"] = outcome
        if outcome in ("skipped", "xfailed", "failed"):
            entry["reason"] = _reason(report)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if hasattr(self.config, "workerinput"):
            return  # an xdist worker: the controller writes the file
        totals: dict[str, int] = {}
        for entry in self.tests.values():
            totals[entry["outcome"]] = totals.get(entry["outcome"], 0) + 1
        document = {
            "schema": SCHEMA,
            "writer": "dxpy.tasks.pytest_plugin",
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "profile": os.environ.get("HYPOTHESIS_PROFILE", "ci"),
            "collect_only": bool(self.config.option.collectonly),
            "exit_status": int(session.exitstatus),
            "totals": totals,
            "engines": _engines(),
            "tests": list(self.tests.values()),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(self.path.suffix + ".tmp")
        temporary.write_text(json.dumps(document, indent=1), encoding="utf-8")
        temporary.replace(self.path)


def _phase_outcome(report: pytest.TestReport) -> str | None:
    was_xfail = hasattr(report, "wasxfail")
    if report.failed:
        return "failed"
    if report.skipped:
        return "xfailed" if was_xfail else "skipped"
    if report.when == "call":
        return "xpassed" if was_xfail else "passed"
    return None


def _reason(report: pytest.TestReport) -> str:
    if hasattr(report, "wasxfail"):
        return str(report.wasxfail) or "xfail"
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    lines = str(longrepr or "").strip().splitlines()
    errors = [line[1:].strip() for line in lines if line.startswith("E ")]
    return (errors or lines[-1:] or [""])[0][:300]


def _engines() -> list[dict[str, str]]:
    try:
        import dxpy

        return [info._asdict() for info in dxpy.engines()]
    except Exception:  # the record is still useful without the engine list
        return []


def pytest_configure(config: pytest.Config) -> None:
    """Start recording when ``--dxpy-tasks-out`` names a file."""
    out = config.getoption("--dxpy-tasks-out")
    if out:
        config.pluginmanager.register(_Recorder(config, Path(out)), "dxpy-tasks-recorder")
