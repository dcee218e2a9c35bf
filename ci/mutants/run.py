#!/usr/bin/env python3
"""Detection power: plant each bug of mutants.py and check that the properties kill it.

    python3 ci/mutants/run.py [--only NAME] [--list] [--jobs N] [--time-limit S]

The source tree (the working tree, or a commit with --rev) is copied once into
a scratch folder (default: $TMPDIR/dxpy-mutants) and built there as the Python
module (CMake + Ninja, Release); the build is kept, so reruns are incremental.
The real tree is never written. For each mutant:

1. its snippet is replaced in the scratch copy and Ninja rebuilds what depends
   on the file (the engines it reaches, then the module);
2. ``pytest properties/<targets>`` runs with the ``ci`` Hypothesis profile,
   stopping at the first failure; if the mutant survives it, the whole
   ``pytest properties/`` runs before the mutant is declared alive;
3. the file gets its original bytes and modification time back, and every
   build output the mutant changed is restored from a pristine copy, so the
   next mutant starts from the unmutated build without rebuilding it.

A mutant is killed by a failing (or crashing) test, or by running past the time
limit (a kernel that loops forever). One that does not compile, or whose
targets select no test, is an error of the mutant set, not a kill. At the end
the tests that killed mutants run again on the unmutated build: a kill only
counts if its test passes there.

The scratch copy and its build are scratch.py's, the pytest runs and their
verdicts pytest_runs.py's, the bugs mutants.py's.

Prints a table and the kill ratio, writes reports/mutants/latest.json
(partial.json for an --only run), and exits 0 only when every mutant is killed
(1: a mutant survived, 2: the mutant set or the build is broken).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutants import KNOWN_SURVIVORS, MUTANTS, Mutant
from pytest_runs import Pytest, judge
from scratch import (
    REPO_ROOT,
    MutantSetError,
    Scratch,
    check_tools,
    commit_files,
    locked,
    sync_tree,
    tail,
    worktree_files,
)

SCHEMA = "dxpy-mutants/1"


@dataclass
class Verdict:
    mutant: Mutant
    status: str  # "killed", "survived" or "error"
    killed_by: str | None = None
    detail: str = ""
    seconds: float = 0.0
    build_seconds: float = 0.0
    stage: str = ""  # "targets" or "suite": the run that decided

    @property
    def killed(self) -> bool:
        return self.status == "killed"


# --- one mutant ---------------------------------------------------------------


def mutated(content: str, mutant: Mutant) -> str:
    occurrences = content.count(mutant.snippet)
    if occurrences != 1:
        raise MutantSetError(
            f"{mutant.name}: its snippet occurs {occurrences} times in {mutant.file} "
            "(must be exactly once); update ci/mutants/mutants.py"
        )
    return content.replace(mutant.snippet, mutant.replacement)


def check_mutant_set(mutants: Sequence[Mutant], files: dict[str, bytes]) -> None:
    problems = []
    names = [mutant.name for mutant in mutants]
    for name in sorted({name for name in names if names.count(name) > 1}):
        problems.append(f"{name}: two mutants of this name")
    for mutant in mutants:
        if mutant.file not in files:
            problems.append(f"{mutant.name}: no file {mutant.file}")
            continue
        if mutant.snippet == mutant.replacement:
            problems.append(f"{mutant.name}: the replacement equals the snippet")
        try:
            mutated(files[mutant.file].decode(), mutant)
        except MutantSetError as error:
            problems.append(str(error))
    if problems:
        raise MutantSetError("the mutant set does not fit the tree:\n  " + "\n  ".join(problems))


def run_mutant(
    mutant: Mutant, scratch: Scratch, pytest: Pytest, time_limit: float, suite_time_limit: float
) -> Verdict:
    """Applies, builds, tests and reverts one mutant (the scratch build is
    unmutated again when this returns, whatever happened)."""
    path = scratch.source / mutant.file
    original = path.read_bytes()
    status = path.stat()
    scratch.dirty_marker.write_text(mutant.file)
    try:
        path.write_text(mutated(original.decode(), mutant))
        build_started = time.monotonic()
        built = scratch.ninja()
        build_seconds = time.monotonic() - build_started
        if built.returncode != 0:
            return Verdict(
                mutant,
                "error",
                detail=f"does not compile:\n{tail(built.stdout, 20)}",
                build_seconds=build_seconds,
            )
        stages = [("targets", list(mutant.targets), time_limit)] if mutant.targets else []
        stages.append(("suite", ["properties/"], suite_time_limit))
        for stage, arguments, limit in stages:
            print(f"  {stage}: pytest {' '.join(arguments)}", flush=True)
            run = pytest.run(arguments, limit)
            outcome, killed_by, detail = judge(run, limit)
            if outcome == "error" and stage == "targets":
                detail = f"its targets {' '.join(arguments)}: {detail}"
            if outcome != "survived":
                return Verdict(
                    mutant, outcome, killed_by, detail, build_seconds=build_seconds, stage=stage
                )
        return Verdict(mutant, "survived", build_seconds=build_seconds, stage="suite")
    finally:
        path.write_bytes(original)
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
        scratch.restore_pristine()
        scratch.dirty_marker.unlink(missing_ok=True)
        scratch.check_up_to_date()


def confirm_kills(verdicts: Sequence[Verdict], pytest: Pytest, limit: float) -> None:
    """A kill counts only if its test passes on the unmutated build."""
    killers = sorted(
        {verdict.killed_by for verdict in verdicts if verdict.killed and "::" in verdict.killed_by}
    )
    if not killers:
        return
    print(f"confirming {len(killers)} killing tests on the unmutated build", flush=True)
    run = pytest.run(killers, limit, stop_first=False)
    if run.returncode is None:
        failing = set(killers)
    elif run.returncode == 0:
        return
    else:
        failing = set(run.failing) or set(killers)
    for verdict in verdicts:
        if verdict.killed and verdict.killed_by in failing:
            verdict.status = "error"
            verdict.detail = (
                f"{verdict.killed_by} fails on the unmutated build too: "
                "not a kill; fix the suite first"
            )


# --- output -------------------------------------------------------------------


def print_table(verdicts: Sequence[Verdict]) -> None:
    width = max(len(verdict.mutant.name) for verdict in verdicts)
    print()
    print(f"{'mutant':<{width}}  {'verdict':<8}  {'seconds':>7}  killed by")
    for verdict in verdicts:
        by = verdict.killed_by or ""
        if verdict.detail and verdict.status != "error":
            by += f"  ({verdict.detail})" if by else verdict.detail
        if verdict.status == "killed" and verdict.stage == "suite":
            by += "  [only the whole suite killed it]"
        print(f"{verdict.mutant.name:<{width}}  {verdict.status:<8}  {verdict.seconds:7.1f}  {by}")
        if verdict.status == "error":
            for line in verdict.detail.splitlines():
                print(f"{'':<{width}}    {line}")


def write_json(verdicts: Sequence[Verdict], path: Path) -> None:
    report = {
        "schema": SCHEMA,
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "killed": sum(verdict.killed for verdict in verdicts),
        "total": len(verdicts),
        "mutants": [
            {
                "name": verdict.mutant.name,
                "description": verdict.mutant.description,
                "file": verdict.mutant.file,
                "killed": verdict.killed,
                "killed_by": verdict.killed_by if verdict.killed else None,
                "seconds": round(verdict.seconds, 1),
            }
            for verdict in verdicts
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n")


# --- main ---------------------------------------------------------------------


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Plant the bugs of ci/mutants/mutants.py and check the properties kill them."
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="run only these mutants (repeat, or separate with commas)",
    )
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument(
        "--jobs",
        type=int,
        default=2,
        help="parallel jobs for Ninja and pytest-xdist workers (default 2)",
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=300,
        metavar="S",
        help="limit of a mutant's targeted pytest run, seconds (default 300)",
    )
    parser.add_argument(
        "--suite-time-limit",
        type=float,
        default=1800,
        metavar="S",
        help="limit of a survivor's whole-suite run, seconds (default 1800)",
    )
    parser.add_argument(
        "--test-time-limit",
        type=int,
        default=120,
        metavar="S",
        help="DXPY_TEST_TIME_LIMIT: one test's watchdog, seconds (default 120)",
    )
    parser.add_argument(
        "--scratch",
        type=Path,
        default=Path(
            os.environ.get("DXPY_MUTANTS_DIR") or Path(tempfile.gettempdir()) / "dxpy-mutants"
        ),
        help="scratch folder, kept between runs ($DXPY_MUTANTS_DIR, default $TMPDIR/dxpy-mutants)",
    )
    parser.add_argument("--rev", metavar="REV", help="copy this commit instead of the working tree")
    parser.add_argument(
        "--json",
        type=Path,
        help="where to write the results (default reports/mutants/latest.json; "
        "partial.json with --only, known-survivors.json with --known-survivors)",
    )
    parser.add_argument(
        "--nice",
        type=int,
        default=10,
        help="niceness of builds and tests (default 10; 0 leaves it)",
    )
    parser.add_argument(
        "--known-survivors",
        action="store_true",
        help="run the documented blind spots (KNOWN_SURVIVORS) instead; exits 1 if one of "
        "them is killed now (then move it into MUTANTS)",
    )
    parser.add_argument(
        "--no-confirm",
        action="store_true",
        help="skip re-running the killing tests on the unmutated build",
    )
    return parser.parse_args(argv)


def select(names: Sequence[str], pool: Sequence[Mutant]) -> list[Mutant]:
    wanted = [name for entry in names for name in entry.split(",") if name]
    if not wanted:
        return list(pool)
    known = {mutant.name: mutant for mutant in pool}
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise MutantSetError(f"unknown mutants {unknown}; --list shows them")
    return [known[name] for name in dict.fromkeys(wanted)]


def main(argv: Sequence[str]) -> int:
    arguments = parse_arguments(argv)
    if arguments.list:
        for title, pool in (("mutants", MUTANTS), ("known survivors", KNOWN_SURVIVORS)):
            print(f"{len(pool)} {title}:")
            for mutant in pool:
                print(f"  {mutant.name}\n      {mutant.file}\n      {mutant.description}")
        return 0
    started = time.monotonic()
    try:
        pool = KNOWN_SURVIVORS if arguments.known_survivors else MUTANTS
        mutants = select(arguments.only, pool)
        files = commit_files(arguments.rev) if arguments.rev else worktree_files()
        check_mutant_set((*MUTANTS, *KNOWN_SURVIVORS), files)
        check_tools()
        scratch = Scratch(arguments.scratch.resolve(), max(1, arguments.jobs), arguments.nice)
        with locked(scratch.root):
            if scratch.dirty_marker.exists() and (scratch.pristine / ".complete").exists():
                scratch.restore_pristine()  # an interrupted run left a mutant's build
            scratch.dirty_marker.unlink(missing_ok=True)
            written = sync_tree(files, scratch.source, scratch.root / "manifest")
            source = arguments.rev or "the working tree"
            print(f"scratch: {scratch.root} ({written} files updated from {source})", flush=True)
            build_started = time.monotonic()
            fresh = scratch.configure()
            built = scratch.ninja()
            if built.returncode != 0:
                raise MutantSetError(f"the unmutated tree does not build:\n{tail(built.stdout)}")
            scratch.link_module()
            scratch.refresh_pristine()
            build_seconds = time.monotonic() - build_started
            kind = "first build" if fresh else "incremental build"
            print(f"{kind}: {build_seconds:.0f} s", flush=True)
            pytest = Pytest(scratch, arguments.test_time_limit)
            verdicts = []
            for number, mutant in enumerate(mutants, 1):
                print(f"[{number}/{len(mutants)}] {mutant.name} ({mutant.file})", flush=True)
                mutant_started = time.monotonic()
                verdict = run_mutant(
                    mutant, scratch, pytest, arguments.time_limit, arguments.suite_time_limit
                )
                verdict.seconds = time.monotonic() - mutant_started
                print(
                    f"  {verdict.status}"
                    + (f" by {verdict.killed_by}" if verdict.killed_by else "")
                    + f" in {verdict.seconds:.0f} s (build {verdict.build_seconds:.0f} s)",
                    flush=True,
                )
                verdicts.append(verdict)
            if not arguments.no_confirm:
                confirm_kills(verdicts, pytest, arguments.suite_time_limit)
    except MutantSetError as error:
        print(f"ci/mutants: {error}", file=sys.stderr)
        return 2
    print_table(verdicts)
    killed = sum(verdict.killed for verdict in verdicts)
    errors = sum(verdict.status == "error" for verdict in verdicts)
    total_seconds = time.monotonic() - started
    print(
        f"\nkill ratio: {killed}/{len(verdicts)} ({100 * killed / len(verdicts):.0f}%)"
        f"  build {build_seconds:.0f} s, total {total_seconds:.0f} s"
    )
    # latest.json is the record of a whole set (dxpy-report and dxpy-tasks read
    # it); a partial run never replaces it unless asked to with --json.
    if arguments.known_survivors:
        default_name = "known-survivors.json"
    else:
        default_name = "partial.json" if arguments.only else "latest.json"
    report = arguments.json or REPO_ROOT / "reports" / "mutants" / default_name
    write_json(verdicts, report)
    print(f"wrote {report}")
    if errors:
        print(f"{errors} mutants are errors of the mutant set (see above)", file=sys.stderr)
        return 2
    if arguments.known_survivors:
        if killed:
            now_killed = [verdict.mutant.name for verdict in verdicts if verdict.killed]
            print(f"now killed (move into MUTANTS): {', '.join(now_killed)}", file=sys.stderr)
            return 1
        return 0
    if killed < len(verdicts):
        survivors = [verdict.mutant.name for verdict in verdicts if not verdict.killed]
        print(f"survived: {', '.join(survivors)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
