"""``dxpy-report``: measure dxpy against CPython and its peers, write results.json and the page.

    dxpy-report --quick                      # about two minutes: the first run, and CI's
    dxpy-report                              # every size, engine build and input
    dxpy-report --filter find --engines avx2,scalar --sizes 64,4K
    dxpy-report --compare reports/OLD/results.json
    dxpy-report --from-json reports/latest/results.json   # render again, measure nothing

Exit status: 0 when the report was written (missed targets and regressions
are findings, not failures), 2 for a usage error (an unknown filter, engine or
size, an unreadable --compare/--from-json file), 130 when Ctrl-C stopped the
measuring (the partial report is still written and rendered), 143 likewise for
SIGTERM.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Mapping
from pathlib import Path

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143
# --quick promises under 3 minutes in all. Measuring gets what is left once the
# sources are read, less a reserve for writing and drawing the page (~10 s); a
# further measuring process starts only if it would end within that.
QUICK_TOTAL_SECONDS = 170
RENDER_RESERVE_SECONDS = 20


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """``dxpy-report``'s options from ``argv`` (``sys.argv[1:]`` when None); exits on a bad one."""
    parser = argparse.ArgumentParser(
        prog="dxpy-report",
        description="Measure every dxpy component against CPython, NumPy, StringZilla and glibc "
        "on this machine and write reports/<run-id>/results.json and a self-contained "
        "index.html with charts and tables.",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a few sizes and inputs, fewer samples, 2 processes: under 3 minutes",
    )
    parser.add_argument(
        "--filter",
        action="append",
        metavar="PATTERN",
        help="measure only matching cases: a family, op, input or data kind (find, swissdict, "
        "mixed-str, adversarial) or a glob over case keys ('find/*@4KiB'); repeatable",
    )
    parser.add_argument(
        "--engines",
        action="append",
        metavar="LIST",
        help="engines to measure, comma-separated: names (avx2), builds (avx2:emulated), or "
        "all, native, each, default (default: each with --quick, all otherwise)",
    )
    parser.add_argument(
        "--sizes", action="append", metavar="LIST", help="only these sizes, e.g. 64,4K,1M"
    )
    parser.add_argument(
        "--compare",
        metavar="OLD.json",
        help="flag changes beyond noise against an earlier results.json",
    )
    parser.add_argument(
        "--out", metavar="DIR", help="write the report into DIR (default: reports/<run-id>)"
    )
    parser.add_argument(
        "--from-json",
        metavar="FILE",
        help="render FILE again (index.html beside it, or in --out); measure nothing",
    )
    parser.add_argument(
        "--reports-dir",
        metavar="DIR",
        default="reports",
        help="where runs go and where the property and mutation runs are read (default: reports)",
    )
    parser.add_argument("--processes", type=int, help="measuring processes (default 2 quick, 3)")
    parser.add_argument("--seed", type=int, help="seed of the generated inputs")
    parser.add_argument(
        "--no-cpp-loops", action="store_true", help="time everything from Python only"
    )
    return parser.parse_args(argv)


def _error(message: str) -> int:
    print(f"dxpy-report: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _say(message: str) -> None:
    """What the command is doing, on stderr (stdout keeps the summary), at once."""
    print(f"dxpy-report: {message}", file=sys.stderr, flush=True)


def _check_before_measuring(arguments: argparse.Namespace) -> str | None:
    """Whatever would fail after the measuring, checked first: the message, or None.

    A full run takes over an hour; an unknown ``DXPY_ENGINE``, a missing page
    renderer or an unwritable output folder must not cost it.
    """
    import os

    import dxpy

    try:
        dxpy.default_engine()
    except ValueError as error:  # the message names DXPY_ENGINE and lists the engines
        return str(error)
    try:
        import dxpy.report.render_html  # pandas and matplotlib draw the page
    except ImportError as error:
        return f"cannot draw the page ({error}); pip install 'dxpy[report]'"
    folder = Path(arguments.out) if arguments.out else Path(arguments.reports_dir)
    existing = folder.absolute()
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        return f"cannot write {folder}: {existing} is not a writable folder"
    return None


def _render(document: Mapping[str, object], out_dir: Path) -> Path:
    try:
        from dxpy.report.render_html import render
    except ImportError as error:  # results.json is already written; say how to get the page
        raise SystemExit(
            f"dxpy-report: cannot render the page ({error}); pip install 'dxpy[report]', then "
            f"dxpy-report --from-json {out_dir / 'results.json'}"
        ) from error
    page = out_dir / "index.html"
    page.write_text(render(document), encoding="utf-8")
    return page


def _rerender(arguments: argparse.Namespace) -> int:
    from dxpy.report import compare, document

    source = Path(arguments.from_json)
    try:
        report = document.load(source)
    except (OSError, ValueError) as error:
        return _error(f"cannot re-render {source}: {error}")
    if arguments.compare:
        try:
            old = document.load(arguments.compare)
        except (OSError, ValueError) as error:
            return _error(f"cannot compare with {arguments.compare}: {error}")
        report["comparison"] = compare.compare(report, old, source=arguments.compare)
    out_dir = Path(arguments.out) if arguments.out else source.resolve().parent
    out_dir.mkdir(parents=True, exist_ok=True)
    if arguments.compare and out_dir.resolve() != source.resolve().parent:
        document.write(report, out_dir / "results.json")
    page = _render(report, out_dir)
    _print_summary(report)
    print(f"dxpy-report: rendered {page}")
    return 0


def _config(arguments: argparse.Namespace):
    from dxpy.bench import catalogue, measure
    from dxpy.bench.inputs import DEFAULT_SEED
    from dxpy.bench.session import BenchConfig
    from dxpy.report import selection

    engines = selection.resolve_engines(arguments.engines, quick=arguments.quick)
    sizes = selection.resolve_sizes(arguments.sizes, catalogue.all_sizes())
    processes = arguments.processes or (2 if arguments.quick else 3)
    if processes < 1:
        raise selection.SelectionError("--processes must be at least 1")
    return BenchConfig(
        engines=engines,
        quick=arguments.quick,
        seed=DEFAULT_SEED if arguments.seed is None else arguments.seed,
        processes=processes,
        settings=measure.QUICK if arguments.quick else measure.FULL,
        filters=selection.split_filters(arguments.filter),
        sizes=sizes,
        native_timing_max_size=0 if arguments.no_cpp_loops else catalogue.NATIVE_TIMING_MAX_SIZE,
    )


def _measure(arguments: argparse.Namespace) -> int:
    _say("starting: loading the benchmark")
    from dxpy.bench import pyperf_export
    from dxpy.bench.run import plan, run_benchmark, terminate_as_interrupt
    from dxpy.bench.session import UnknownFilterError

    _say("checking the engines, the selection and the output folder")
    problem = _check_before_measuring(arguments)
    if problem is not None:
        return _error(problem)
    from dxpy.report import compare, document, extras
    from dxpy.report.progress import ProgressBar
    from dxpy.report.selection import SelectionError

    clock = time.perf_counter()
    old = None
    if arguments.compare:
        try:
            old = document.load(arguments.compare)
        except (OSError, ValueError) as error:
            return _error(f"cannot compare with {arguments.compare}: {error}")
    try:
        config = _config(arguments)
        plan(config)  # an unknown filter fails now, not after the sources below
    except (SelectionError, UnknownFilterError) as error:
        return _error(str(error))
    reports_dir = Path(arguments.reports_dir)
    # The property run, task matrix and mutation run describe the tree as it is
    # measured; the task matrix takes a while, so it comes first, off the clock
    # of the measuring, which a quick run then fits into what is left.
    _say(
        "reading the last property and mutation runs, and judging the task list "
        "(dxpy-tasks collects the tests: about 10 s)"
    )
    gathered = extras.gather(reports_dir)
    _say(f"task matrix ready after {time.perf_counter() - clock:.0f} s; measuring next")
    if arguments.quick:
        left = QUICK_TOTAL_SECONDS - RENDER_RESERVE_SECONDS - (time.perf_counter() - clock)
        config = dataclasses.replace(config, time_budget_seconds=max(left, 30.0))
    with terminate_as_interrupt():
        bench = run_benchmark(config, ProgressBar())
    run_id = document.new_run_id()
    out_dir = Path(arguments.out) if arguments.out else document.unique_run_dir(reports_dir, run_id)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = document.report_document(
        bench,
        run_id=out_dir.name if not arguments.out else run_id,
        command=["dxpy-report", *(sys.argv[1:] if arguments.argv is None else arguments.argv)],
        extras=gathered,
    )
    if old is not None:
        report["comparison"] = compare.compare(report, old, source=arguments.compare)
    document.write(report, out_dir / "results.json")  # first: Ctrl-C from here keeps it
    pyperf_export.write_suite(report["measurements"], out_dir / "pyperf.json")
    page = _render(report, out_dir)
    latest = None
    if not arguments.out:
        latest = document.point_latest(reports_dir, out_dir)
    _print_summary(report)
    print(f"dxpy-report: results {out_dir / 'results.json'}")
    print(f"dxpy-report: page    {page}")
    if latest is not None:
        print(f"dxpy-report: {latest} -> {out_dir.name}")
    print(f"dxpy-report: done in {time.perf_counter() - clock:.0f} s")
    reason = str((report.get("partial") or {}).get("reason", ""))
    if "Ctrl-C" in reason:
        return EXIT_INTERRUPTED
    return EXIT_TERMINATED if "SIGTERM" in reason else 0


def _print_summary(report: Mapping[str, object]) -> None:
    from dxpy.bench import table
    from dxpy.report.compare import summary_lines

    print(table.header_lines(report))
    summary = report.get("summary", {})
    missed = [v for v in report.get("targets", []) if v["met"] is False]
    print(
        f"Targets: {summary.get('met', 0)} of {summary.get('targets', 0)} met, "
        f"{summary.get('missed', 0)} missed"
        + (f", {summary['not_measured']} not measured" if summary.get("not_measured") else "")
    )
    for verdict in missed:
        ratio = "-" if verdict["ratio"] is None else f"{verdict['ratio']:.2f}x"
        need = verdict["threshold"]
        why = f" ({verdict['note']})" if verdict["note"] else ""
        print(f"  missed: {verdict['engine']}: {verdict['text']}: {ratio}, need {need:g}x{why}")
    if report.get("comparison"):
        for line in summary_lines(report["comparison"]):
            print(line)


def main(argv: list[str] | None = None) -> int:
    """Run ``dxpy-report`` (measure and render, or only render ``--from-json``); the exit status."""
    arguments = parse_arguments(argv)
    arguments.argv = argv
    if arguments.from_json:
        return _rerender(arguments)
    try:
        return _measure(arguments)
    except KeyboardInterrupt:  # outside measuring (which keeps its partial results)
        print("dxpy-report: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
