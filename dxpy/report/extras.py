"""What the report shows beside the measurements: the last property run, the task matrix,
the mutation kill ratio. Each is read once, when a report is made, and stored in
results.json, so that re-rendering needs nothing but that file.

Every source is optional: a missing or unreadable one becomes ``{"available":
false, "reason": ...}`` and the page says why, instead of the report failing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from dxpy.report.parser_section import parser_summary

PROPERTIES_SCHEMA = "dxpy-properties/1"
MUTANTS_SCHEMA = "dxpy-mutants/1"


def _unavailable(reason: str) -> dict[str, object]:
    return {"available": False, "reason": reason}


def _read_json(path: Path, schema: str) -> tuple[dict | None, str | None]:
    if not path.is_file():
        return None, f"{path} does not exist"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return None, f"{path} is unreadable: {error}"
    if not isinstance(data, dict) or data.get("schema") != schema:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        return None, f"{path}: schema {found!r}, expected {schema!r}"
    return data, None


def properties_summary(path: str | Path) -> dict[str, object]:
    """The latest ``pytest properties/`` run (``reports/properties/last-run.json``).

    Kept: when and how it ran, the totals, the engine matrix it covered (qemu
    rows included), and the tests that did not pass; per-test durations are
    left in the source file.
    """
    data, reason = _read_json(Path(path), PROPERTIES_SCHEMA)
    if data is None:
        return _unavailable(reason or "unknown")
    tests = [t for t in data.get("tests", []) if isinstance(t, Mapping)]
    not_passed = [
        {key: test.get(key) for key in ("nodeid", "outcome", "duration")}
        for test in tests
        if test.get("outcome") not in ("passed", "skipped")
    ]
    totals = data.get("totals", {})
    return {
        "available": True,
        "source": str(path),
        "created": data.get("created"),
        "profile": data.get("profile"),
        "totals": {
            key: int(totals.get(key, 0)) for key in ("passed", "failed", "skipped", "error")
        },
        "engines": [
            {key: engine.get(key) for key in ("name", "isa", "arch", "mode")}
            for engine in data.get("engines", [])
            if isinstance(engine, Mapping)
        ],
        "tests": len(tests),
        "not_passed": not_passed,
        "duration_seconds": sum(float(t.get("duration") or 0) for t in tests),
    }


def task_matrix() -> dict[str, object]:
    """dxpy-tasks' matrix (claimed vs verified per task), where that component exists."""
    try:
        from dxpy.tasks import task_matrix as compute_matrix
    except ImportError as error:
        return _unavailable(f"dxpy.tasks is not available ({error})")
    try:
        rows = compute_matrix(spec_path=None, run=False)
    except Exception as error:  # another component's failure must not end the report
        return _unavailable(f"dxpy.tasks.task_matrix failed: {type(error).__name__}: {error}")
    fields = ("id", "title", "claimed", "verified", "reason", "evidence", "depth", "commands")
    matrix = []
    for row in rows:
        entry = {key: _plain(row.get(key)) for key in fields}
        matrix.append(entry)
    return {"available": True, "rows": matrix}


def _plain(value: object) -> object:
    """A JSON-ready form of a task matrix cell."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    return str(value)


def mutants_summary(path: str | Path) -> dict[str, object]:
    """The mutation run's kill ratio (``reports/mutants/latest.json``)."""
    data, reason = _read_json(Path(path), MUTANTS_SCHEMA)
    if data is None:
        return _unavailable(reason or "unknown")
    mutants = [m for m in data.get("mutants", []) if isinstance(m, Mapping)]
    return {
        "available": True,
        "source": str(path),
        "killed": int(data.get("killed", 0)),
        "total": int(data.get("total", 0)),
        "survivors": [
            {key: mutant.get(key) for key in ("name", "description")}
            for mutant in mutants
            if not mutant.get("killed")
        ],
    }


def gather(reports_dir: str | Path) -> dict[str, dict[str, object]]:
    """Every extra, from the reports folder (``reports/``) and the installed components."""
    base = Path(reports_dir)
    return {
        "properties": properties_summary(base / "properties" / "last-run.json"),
        "tasks": task_matrix(),
        "mutants": mutants_summary(base / "mutants" / "latest.json"),
        "parser": parser_summary(base / "parser"),
    }
