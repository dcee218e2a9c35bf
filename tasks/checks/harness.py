"""Checks of the harness: benchmarks, dxpy-report, dxpy-tasks, the qemu and sanitizer runs."""

from __future__ import annotations

import importlib
import json
import re
import shutil
from pathlib import Path

from dxpy.tasks.registry import (
    CheckResult,
    check,
    failed,
    not_installed,
    not_run,
    passed,
    unverifiable,
)

STRING_FAMILIES = ("find", "count", "eq", "case_mapping", "split", "replace", "join")


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise LookupError(f"{name} cannot be imported: {error}") from None


@check("7.1")
def string_benchmarks_cover_every_operation(root: Path) -> CheckResult:
    """dxpy.bench has a case family per string operation, answers checked against CPython."""
    try:
        cases = _module("dxpy.bench.cases")
        verify = _module("dxpy.bench.verify")
    except LookupError as error:
        return failed(str(error))
    missing = [family for family in STRING_FAMILIES if not hasattr(cases, f"{family}_cases")]
    if missing:
        return failed(f"dxpy.bench.cases has no {', '.join(f'{m}_cases' for m in missing)}")
    if not hasattr(verify, "check_candidate"):
        return failed("dxpy.bench.verify does not check candidates' answers before timing them")
    return passed(
        "dxpy.bench times find, count, eq, lower/upper, split, replace and join per engine "
        "(scalar included, --engine) against CPython and peers, each answer checked first"
    )


@check("7.2")
def collection_benchmarks_cover_simd_list_and_swiss_dict(root: Path) -> CheckResult:
    """dxpy.bench times SimdList's sum/filter_gt/map_mul2 and SwissDict against list and dict."""
    try:
        lists = _module("dxpy.bench.list_cases")
        dicts = _module("dxpy.bench.dict_cases")
    except LookupError as error:
        return failed(str(error))
    list_ops = set(getattr(lists, "LIST_OPS", {}))
    dict_ops = set(getattr(dicts, "DICT_OPS", {}))
    problems = []
    if not {"sum", "filter_gt", "map_mul2"} <= list_ops:
        problems.append(f"SimdList cases cover {sorted(list_ops)}, not sum, filter_gt, map_mul2")
    if not {"lookup", "insert"} <= dict_ops:
        problems.append(f"SwissDict cases cover {sorted(dict_ops)}, not lookup and insert")
    if problems:
        return failed("; ".join(problems))
    return passed(
        f"SimdList: {', '.join(sorted(list_ops))} (against list and NumPy); "
        f"SwissDict: {', '.join(sorted(dict_ops))} (against dict)"
    )


def _console_scripts(root: Path) -> dict[str, str]:
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    table = re.search(r"^\[project\.scripts\]\s*$(.*?)(?=^\[|\Z)", text, re.MULTILINE | re.DOTALL)
    if table is None:
        return {}
    return dict(re.findall(r'^\s*([\w-]+)\s*=\s*"([^"]+)"', table.group(1), re.MULTILINE))


@check("7.6")
def dxpy_report_writes_html(root: Path) -> CheckResult:
    """dxpy-report is a console script, and its last run here left a complete,
    self-contained report: results.json with measurements and verdicts, index.html
    with no reference outside the file."""
    target = _console_scripts(root).get("dxpy-report")
    if target is None:
        return failed("pyproject.toml declares no dxpy-report console script yet")
    try:
        _module(target.split(":", 1)[0])
    except LookupError as error:
        return failed(str(error))
    latest = root / "reports" / "latest"
    try:
        results = json.loads((latest / "results.json").read_text())
        page = (latest / "index.html").read_text(encoding="utf-8")
    except (OSError, ValueError):
        return not_run(
            f"dxpy-report = {target!r} imports, but no report was written here yet "
            "(reports/latest); a report made now shows the matrix of the run before it",
            "dxpy-report --quick",
        )
    if results.get("schema") != "dxpy-report/1" or not results.get("measurements"):
        return failed(f"{latest}/results.json holds no measurements of schema dxpy-report/1")
    outside = re.findall(r"""(?:src|href)=["'](?:https?:)?//""", page)
    if outside:
        return failed(f"{latest}/index.html references {len(outside)} resources outside the file")
    if "<svg" not in page or "<table" not in page:
        return failed(f"{latest}/index.html has no inline chart or no table")
    targets = results.get("targets") or []
    partial = " (a partial run)" if results.get("partial") else ""
    return passed(
        f"{latest.resolve().name}: {len(results['measurements'])} measurements, "
        f"{len(targets)} targets judged, self-contained index.html{partial}"
    )


@check("11.1")
def dxpy_tasks_is_a_console_script(root: Path) -> CheckResult:
    """pyproject.toml declares dxpy-tasks = dxpy.tasks.cli:main."""
    target = _console_scripts(root).get("dxpy-tasks")
    if target != "dxpy.tasks.cli:main":
        return failed(f"[project.scripts] dxpy-tasks is {target!r}, not 'dxpy.tasks.cli:main'")
    return passed("[project.scripts] dxpy-tasks = 'dxpy.tasks.cli:main'")


def _qemu_engines(evidence, arch: str) -> list[dict]:
    return [
        row
        for row in evidence.engines
        if row.get("arch") == arch and str(row.get("mode", "")).startswith("qemu-")
    ]


def _properties_on(evidence, rows: list[dict], task_prefixes: tuple[str, ...]):
    ids = {row.get("id") for row in rows}
    tests = [
        test
        for test in evidence.tests
        if test.engine in ids and any(task.startswith(task_prefixes) for task in test.tasks)
    ]
    passed_tests = [test for test in tests if test.outcome == "passed"]
    failed_tests = [test for test in tests if test.outcome == "failed"]
    return tests, passed_tests, failed_tests


def _qemu_result(
    root: Path, evidence, engine: str, task_prefixes: tuple[str, ...], what: str
) -> CheckResult:
    rows = [row for row in _qemu_engines(evidence, "aarch64") if row.get("name") == engine]
    rows = [row for row in rows if row.get("mode") == "qemu-native"]
    if not rows:
        if not (root / "ci" / "cross").exists() and shutil.which("qemu-aarch64-static") is None:
            return not_installed(
                "no qemu-aarch64 here, and no record of a run under it",
                "bash ci/cross/run.sh aarch64",
            )
        if not evidence.has_run:
            return not_run(
                "no record of a property run (reports/properties/last-run.json)",
                "bash ci/cross/run.sh aarch64",
            )
        return not_run(
            f"the last property run ({evidence.source}) held no {engine} build of aarch64 under "
            "qemu; ci/cross runs one",
            "bash ci/cross/run.sh aarch64",
        )
    tests, passed_tests, failed_tests = _properties_on(evidence, rows, task_prefixes)
    ids = ", ".join(sorted({str(row.get("id")) for row in rows}))
    if failed_tests:
        shown = ", ".join(test.nodeid for test in failed_tests[:3])
        return failed(f"{len(failed_tests)} of {len(tests)} {what} failed on {ids}: {shown}")
    if not passed_tests:
        return unverifiable(f"{ids} was in the run, but none of its {what} passed or failed")
    return passed(
        f"{len(passed_tests)} {what} passed on {ids} (aarch64 under qemu, real NEON instructions); "
        f"record: {evidence.source}"
    )


@check("1.9")
def string_properties_pass_with_real_neon(root: Path, evidence) -> CheckResult:
    """P25 for strings held with NEON instructions executing: the aarch64 build under qemu."""
    return _qemu_result(root, evidence, "neon", ("1.",), "string properties (tasks 1.x)")


@check("3.8")
def collection_properties_pass_with_real_neon(root: Path, evidence) -> CheckResult:
    """P25 for collections held with NEON instructions executing: the aarch64 build under qemu."""
    return _qemu_result(root, evidence, "neon", ("3.",), "collection properties (tasks 3.x)")


@check("2.7")
def avx512_runs_natively_here(root: Path, evidence) -> CheckResult:
    """The P26 properties ran with real AVX-512 instructions (a CPU that has them)."""
    import dxpy

    row = next((info for info in dxpy.engines() if info.name == "avx512"), None)
    if row is None or row.mode != "native":
        return unverifiable("this CPU (or OS) cannot run AVX-512: the avx512 engine runs emulated")
    # The P26 tests take dxpy.engine("avx512"), which is the native build where it runs.
    tests = [t for t in evidence.tests if "2.6" in t.tasks]
    failed_tests = [t for t in tests if t.outcome == "failed"]
    passed_tests = [t for t in tests if t.outcome == "passed"]
    if failed_tests:
        return failed(f"{len(failed_tests)} P26 tests failed on the native avx512 build")
    if not passed_tests:
        return not_run(
            "avx512 runs natively here, but no record shows the P26 tests passing",
            "bash ci/test.sh",
        )
    return passed(
        f"avx512 is native on this CPU and {len(passed_tests)} P26 tests passed on it "
        f"({evidence.source})"
    )


@check("11.2")
def cross_architecture_run_passes(root: Path, evidence) -> CheckResult:
    """The properties pass on other architectures' builds under qemu-user (ci/cross)."""
    if not (root / "ci" / "cross").is_dir():
        return failed("ci/cross/ is absent")
    rows = [row for row in evidence.engines if str(row.get("mode", "")).startswith("qemu-")]
    if not rows:
        return not_run(
            f"no qemu engine in the last property run ({evidence.source}); ci/cross runs them",
            "bash ci/cross/run.sh all",
        )
    tests, passed_tests, failed_tests = _properties_on(evidence, rows, ("",))
    arches = ", ".join(sorted({str(row.get("arch")) for row in rows}))
    if failed_tests:
        shown = ", ".join(test.nodeid for test in failed_tests[:3])
        return failed(f"{len(failed_tests)} of {len(tests)} tests failed under qemu: {shown}")
    if not passed_tests:
        return unverifiable("qemu engines were listed but no test of theirs passed")
    return passed(f"{len(passed_tests)} tests passed on {len(rows)} qemu builds ({arches})")


@check("11.3")
def sanitizer_run_is_clean(root: Path) -> CheckResult:
    """The properties pass against an ASan+UBSan build of the module (ci/sanitizers.sh)."""
    script = root / "ci" / "sanitizers.sh"
    if not script.is_file():
        return failed("ci/sanitizers.sh is absent")
    path = root / "reports" / "sanitizers" / "last-run.json"
    try:
        record = json.loads(path.read_text())
    except (OSError, ValueError):
        return not_run(
            "ci/sanitizers.sh exists, but no record of a sanitizer run is kept here "
            "(reports/sanitizers/last-run.json)",
            "bash ci/sanitizers.sh",
        )
    if record.get("schema") != "dxpy-properties/1" or "address" not in record.get("sanitizers", ""):
        return failed(f"{path} is not the record of a run against a sanitized module")
    totals = record.get("totals", {})
    broken = totals.get("failed", 0) + totals.get("error", 0)
    if broken:
        names = [t["nodeid"] for t in record.get("tests", []) if t["outcome"] != "passed"]
        return failed(f"{broken} tests failed or crashed under {record['sanitizers']}: {names[:3]}")
    if not totals.get("passed"):
        return unverifiable(f"the sanitizer run of {record.get('created')} passed no test")
    return passed(
        f"{totals['passed']} tests passed against the {record['sanitizers']} build "
        f"({record.get('profile')} profile, {record.get('created')})"
    )


@check("11.4")
def every_mutant_is_killed(root: Path) -> CheckResult:
    """ci/mutants/run.py's last run: every planted bug killed by the properties."""
    if not (root / "ci" / "mutants" / "run.py").is_file():
        return failed("ci/mutants/run.py is absent")
    path = root / "reports" / "mutants" / "latest.json"
    try:
        record = json.loads(path.read_text())
    except (OSError, ValueError):
        return not_run(
            "no record of a mutant run here (reports/mutants/latest.json)",
            "python3 ci/mutants/run.py",
        )
    mutants = record.get("mutants") or []
    alive = [m["name"] for m in mutants if not m.get("killed")]
    if record.get("schema") != "dxpy-mutants/1" or not mutants:
        return failed(f"{path} is not a dxpy-mutants/1 record of any mutant")
    if alive:
        return failed(f"{len(alive)} of {len(mutants)} mutants survived: {', '.join(alive[:5])}")
    if len(mutants) < 15:
        return failed(f"only {len(mutants)} mutants were run (at least 15 are asked for)")
    return passed(f"all {len(mutants)} mutants killed ({record.get('created')})")
