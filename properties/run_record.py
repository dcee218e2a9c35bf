"""The record of a property run: which engine builds ran where and how, and
each test's outcome, on the terminal and in reports/properties/last-run.json.

The JSON (schema ``dxpy-properties/1``), read by the report and the task
checks, holds::

    {"schema": "dxpy-properties/1", "created": ISO 8601 UTC, "profile": str,
     "totals": {"passed": n, "failed": n, "skipped": n, "error": n},
     "engines": [{"name", "isa", "arch", "mode", "id", "runner", "totals"}],
     "tests": [{"nodeid", "outcome", "tasks", "duration", "engine"}],
     "runs": [{"created", "profile", "sanitizers", "arguments", "keyword"}],
     "sanitizers": "" or the sanitizers the native module was built with}

An engine's ``mode`` says how its instructions ran:

* ``native`` / ``emulated``: in this process, on this machine's CPU, the
  instruction set's own instructions or their SIMDe translation;
* ``qemu-native`` / ``qemu-emulated``: a build for another architecture
  (``arch``) under qemu-user (``runner``), which executes that architecture's
  instructions, the ISA's own (NEON on aarch64) or its SIMDe translation;
* ``probe-native`` / ``probe-emulated``: a probe of this machine's own
  architecture, run directly (a check of the probe path itself).

``id`` is the engine's pytest parameter id, and each test names the ``engine``
it ran on (null when it takes none); ``tasks`` are the ids of its
``@pytest.mark.task`` markers; ``duration`` is setup + call + teardown in
seconds. With pytest-xdist only the controller writes the file, from the
reports the workers send (tasks and engine travel as user_properties).

A run replaces the record, unless ``DXPY_RECORD_MERGE=1``: then its engines
and tests are added to the earlier record (a test run again replaces its
earlier outcome) and ``runs`` lists every run merged. ci/cross/run.sh merges,
so after ``ci/test.sh`` and it the record holds the host's engines and the
qemu ones.
"""

from __future__ import annotations

import json
import os
import platform
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest

SCHEMA = "dxpy-properties/1"
OUTCOMES = ("passed", "failed", "skipped", "error")
RECORD_PATH = Path("reports") / "properties" / "last-run.json"
# Names another file for the record: ci/sanitizers.sh keeps its run apart, in
# reports/sanitizers/last-run.json, so it neither replaces nor mixes with the
# plain run's outcomes.
PATH_VARIABLE = "DXPY_RECORD_PATH"
# Set to 1 (ci/cross/run.sh does) to add this run's engines and tests to the
# record of an earlier run instead of replacing it.
MERGE_VARIABLE = "DXPY_RECORD_MERGE"
# The fixtures whose parameter is an engine build (probe_engine: test_probe_engines.py).
ENGINE_FIXTURES = ("engine", "probe_engine")


def local_engine_rows(variants: list[tuple[str, str]], variant_id) -> list[dict]:
    import dxpy

    isa_of = {info.name: info.isa for info in dxpy.engine_builds()}
    return [
        {
            "name": name,
            "isa": isa_of.get(name, ""),
            "arch": platform.machine(),
            "mode": mode,
            "id": variant_id((name, mode)),
            "runner": "in-process",
        }
        for name, mode in variants
    ]


def probe_engine_rows(variants: list) -> list[dict]:
    return [
        {
            "name": variant.name,
            "isa": variant.build.isa,
            "arch": variant.arch,
            "mode": variant.how,
            "id": variant.id,
            "runner": variant.runner,
        }
        for variant in variants
    ]


def worst(current: str | None, new: str) -> str:
    order = {"passed": 0, "skipped": 1, "failed": 2, "error": 3}
    return new if current is None or order[new] > order[current] else current


class RunRecord:
    def __init__(self, engines: list[dict], engine_id: Callable[[object], str]) -> None:
        self.engines = engines
        self.engine_id = engine_id  # the engine fixture's parameter -> its id
        self.tests: dict[str, dict] = {}

    # -- workers (and a run without xdist): what the reports carry -------------

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            tasks = sorted({str(mark.args[0]) for mark in item.iter_markers("task") if mark.args})
            item.user_properties.append(("dxpy_tasks", tasks))
            callspec = getattr(item, "callspec", None)
            for fixture in ENGINE_FIXTURES:
                if callspec is not None and fixture in callspec.params:
                    engine_id = self.engine_id(callspec.params[fixture])
                    item.user_properties.append(("dxpy_engine", engine_id))

    # -- the controller --------------------------------------------------------

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        test = self.tests.setdefault(
            report.nodeid,
            {
                "nodeid": report.nodeid,
                "outcome": None,
                "tasks": [],
                "duration": 0.0,
                "engine": None,
            },
        )
        properties = dict(report.user_properties)
        test["tasks"] = properties.get("dxpy_tasks", test["tasks"])
        test["engine"] = properties.get("dxpy_engine", test["engine"])
        test["duration"] += report.duration
        if report.passed:
            outcome = "passed"
        elif report.skipped:  # an expected failure (xfail) counts as skipped too
            outcome = "skipped"
        else:
            outcome = "failed" if report.when == "call" else "error"
        test["outcome"] = worst(test["outcome"], outcome)

    def totals(self, engine_id: str) -> dict[str, int]:
        return totals_of(test for test in self.tests.values() if test["engine"] == engine_id)

    def pytest_report_header(self) -> list[str]:
        lines = ["engine matrix (how each engine build runs):"]
        for row in self.engines:
            lines.append(
                f"  {row['id']:<30} {row['isa']:<24} arch={row['arch']:<8} "
                f"mode={row['mode']:<14} runner={row['runner']}"
            )
        return lines

    def pytest_terminal_summary(self, terminalreporter) -> None:
        terminalreporter.section("engine matrix: where and how each engine ran")
        for row in self.engines:
            counts = self.totals(row["id"])
            ran = ", ".join(f"{count} {outcome}" for outcome, count in counts.items() if count)
            terminalreporter.write_line(
                f"{row['name']:<7} {row['arch']:<8} {row['mode']:<14} "
                f"{row['id']:<30} {ran or 'no tests'}"
            )

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if hasattr(session.config, "workerinput"):  # an xdist worker: the controller writes
            return
        if session.config.option.collectonly:  # nothing ran: keep the last run's record
            return
        run = {
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "profile": os.environ.get("HYPOTHESIS_PROFILE", "ci"),
            "sanitizers": os.environ.get("DXPY_SANITIZED", ""),
            "arguments": [str(argument) for argument in session.config.args],
            "keyword": session.config.option.keyword or None,  # -k
        }
        engines = {row["id"]: row for row in self.engines}
        tests = dict(self.tests)
        runs = [run]
        path = session.config.rootpath / os.environ.get(PATH_VARIABLE, str(RECORD_PATH))
        previous = earlier_record(path) if os.environ.get(MERGE_VARIABLE) == "1" else None
        if previous is not None:
            engines = {row["id"]: row for row in previous["engines"]} | engines
            tests = {test["nodeid"]: test for test in previous["tests"]} | tests
            runs = previous.get("runs", []) + runs
        record = {
            "schema": SCHEMA,
            "created": run["created"],
            "profile": run["profile"],
            "sanitizers": run["sanitizers"],
            "totals": totals_of(tests.values()),
            "engines": [
                {**row, "totals": totals_of(t for t in tests.values() if t["engine"] == row["id"])}
                for row in engines.values()
            ],
            "tests": list(tests.values()),
            "runs": runs,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".json.tmp")
        temporary.write_text(json.dumps(record, indent=1) + "\n")
        temporary.replace(path)


def totals_of(tests) -> dict[str, int]:
    counts = Counter(test["outcome"] for test in tests)
    return {outcome: counts.get(outcome, 0) for outcome in OUTCOMES}


def earlier_record(path: Path) -> dict | None:
    """The record a merging run adds to, if there is a readable one of this schema."""
    try:
        record = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return record if record.get("schema") == SCHEMA else None
