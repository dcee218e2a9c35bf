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

Prints a table and the kill ratio, writes reports/mutants/latest.json
(partial.json for an --only run), and exits 0 only when every mutant is killed
(1: a mutant survived, 2: the mutant set or the build is broken).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import fcntl
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutants import KNOWN_SURVIVORS, MUTANTS, Mutant

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMA = "dxpy-mutants/1"
# Ninja's own records: they may differ from the pristine build without harm.
NINJA_STATE_FILES = {".ninja_log", ".ninja_deps", ".ninja_lock"}


class MutantSetError(Exception):
    """The mutant set or the scratch build is broken: fix it, no verdict possible."""


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


# --- the scratch tree -------------------------------------------------------


def git(*args: str, text: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-C", str(REPO_ROOT), *args], capture_output=True, text=text, check=True
    )


def worktree_files() -> dict[str, bytes]:
    """Tracked and untracked-but-not-ignored files of the working tree."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout
    files = {}
    for relative in filter(None, listed.split("\0")):
        path = REPO_ROOT / relative
        if path.is_file() and not path.is_symlink():
            files[relative] = path.read_bytes()
    return files


def commit_files(revision: str) -> dict[str, bytes]:
    """Every file of a commit, read in one `git cat-file --batch`."""
    listing = git("ls-tree", "-r", "-z", "--full-tree", revision).stdout
    entries = []
    for line in filter(None, listing.split("\0")):
        meta, relative = line.split("\t", 1)
        mode, kind, sha = meta.split()
        if kind == "blob" and mode != "120000":
            entries.append((relative, sha))
    batch = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "cat-file", "--batch"],
        input="".join(f"{sha}\n" for _, sha in entries).encode(),
        capture_output=True,
        check=True,
    ).stdout
    files, offset = {}, 0
    for relative, _ in entries:
        header_end = batch.index(b"\n", offset)
        size = int(batch[offset:header_end].split()[2])
        files[relative] = batch[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1
    return files


def sync_tree(files: dict[str, bytes], destination: Path, manifest: Path) -> int:
    """Makes `destination` hold exactly `files` (plus untracked build links),
    writing only what differs so that Ninja rebuilds only what changed."""
    if not manifest.exists():
        shutil.rmtree(destination, ignore_errors=True)  # unknown contents: start afresh
    written = 0
    for relative, content in files.items():
        path = destination / relative
        if path.is_file() and not path.is_symlink() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            path.unlink()
        path.write_bytes(content)
        written += 1
    if manifest.exists():
        for relative in manifest.read_text().splitlines():
            if relative and relative not in files:
                (destination / relative).unlink(missing_ok=True)
    manifest.write_text("".join(f"{relative}\n" for relative in sorted(files)))
    return written


# --- the scratch build ------------------------------------------------------


@dataclass
class Scratch:
    root: Path
    jobs: int
    nice: int

    @property
    def source(self) -> Path:
        return self.root / "src"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def pristine(self) -> Path:
        return self.root / "pristine"

    @property
    def dirty_marker(self) -> Path:
        return self.root / "mutant-applied"

    def lower_priority(self) -> None:
        if self.nice:
            os.nice(self.nice)

    def run(self, command: Sequence[str], **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            list(command),
            capture_output=True,
            text=True,
            preexec_fn=self.lower_priority,
            **kwargs,
        )

    def configure(self) -> bool:
        """Configures the build folder once; True when it was (re)configured."""
        cache = self.build / "CMakeCache.txt"
        if (self.build / "build.ninja").exists() and cache.exists():
            home = re.search(r"^CMAKE_HOME_DIRECTORY:INTERNAL=(.*)$", cache.read_text(), re.M)
            if home and Path(home.group(1)) == self.source:
                return False
        shutil.rmtree(self.build, ignore_errors=True)
        shutil.rmtree(self.pristine, ignore_errors=True)
        pybind11 = subprocess.run(
            [sys.executable, "-m", "pybind11", "--cmakedir"], capture_output=True, text=True
        )
        if pybind11.returncode != 0:
            raise MutantSetError(f"python3 -m pybind11 --cmakedir failed:\n{pybind11.stderr}")
        finished = self.run(
            [
                "cmake",
                "-S",
                str(self.source),
                "-B",
                str(self.build),
                "-G",
                "Ninja",
                "-DCMAKE_BUILD_TYPE=Release",
                "-DDXPY_BUILD_PYTHON_MODULE=ON",
                f"-Dpybind11_DIR={pybind11.stdout.strip()}",
                f"-DPython_EXECUTABLE={sys.executable}",
            ]
        )
        if finished.returncode != 0:
            raise MutantSetError(f"cmake failed:\n{tail(finished.stdout + finished.stderr)}")
        return True

    def ninja(self, *extra: str) -> subprocess.CompletedProcess:
        return self.run(["ninja", "-C", str(self.build), f"-j{self.jobs}", *extra])

    def link_module(self) -> None:
        """The built extension, linked into the scratch copy's dxpy/ package."""
        built = sorted((self.build / "cpp" / "bindings").glob("_native*.so")) + sorted(
            (self.build / "cpp" / "bindings").glob("_native*.pyd")
        )
        if not built:
            raise MutantSetError("the build produced no dxpy._native module")
        package = self.source / "dxpy"
        for old in package.glob("_native*"):
            if old.suffix in (".so", ".pyd"):
                old.unlink()
        (package / built[0].name).symlink_to(built[0])

    def build_files(self) -> Iterator[tuple[str, os.stat_result]]:
        for directory, _, names in os.walk(self.build):
            for name in names:
                path = Path(directory) / name
                relative = str(path.relative_to(self.build))
                if relative not in NINJA_STATE_FILES and not path.is_symlink():
                    yield relative, path.stat()

    def refresh_pristine(self) -> None:
        """Mirrors the unmutated build's outputs, modification times included."""
        (self.pristine / ".complete").unlink(missing_ok=True)
        present = set()
        for relative, status in self.build_files():
            present.add(relative)
            copy = self.pristine / relative
            if copy.exists() and same_file_state(copy.stat(), status):
                continue
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(self.build / relative, copy)
        for directory, _, names in os.walk(self.pristine):
            for name in names:
                relative = str((Path(directory) / name).relative_to(self.pristine))
                if relative not in present:
                    (Path(directory) / name).unlink()
        (self.pristine / ".complete").write_text("")

    def restore_pristine(self) -> None:
        """Puts back every build output a mutant's build changed, with its old
        modification time: Ninja then sees the unmutated build as up to date."""
        if not (self.pristine / ".complete").exists():
            raise MutantSetError("no pristine copy of the build to restore")
        for directory, _, names in os.walk(self.pristine):
            for name in names:
                copy = Path(directory) / name
                relative = copy.relative_to(self.pristine)
                if str(relative) == ".complete":
                    continue
                target = self.build / relative
                if not target.exists() or not same_file_state(target.stat(), copy.stat()):
                    shutil.copy2(copy, target)

    def check_up_to_date(self) -> None:
        """The restored build must need no work; if Ninja disagrees, build and
        take the result as the new pristine copy (the sources are unmutated)."""
        dry = self.ninja("-n")
        if "no work to do" in dry.stdout:
            return
        print("  note: the restored build was not up to date; rebuilding", flush=True)
        finished = self.ninja()
        if finished.returncode != 0:
            raise MutantSetError(f"the unmutated tree does not build:\n{tail(finished.stdout)}")
        self.refresh_pristine()


def same_file_state(a: os.stat_result, b: os.stat_result) -> bool:
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns


def tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    with open(root / "lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise MutantSetError(f"another mutant run holds {root}/lock") from None
        yield


def check_tools() -> None:
    """What the scratch build and the tests need, named with the command that
    installs it (pip's build isolation keeps pybind11 and simde-py out of the
    environment that `pip install ".[test]"` leaves)."""
    missing = [tool for tool in ("cmake", "ninja") if shutil.which(tool) is None]
    modules = ("pybind11", "simde_py", "pytest", "hypothesis", "numpy")
    missing += [module for module in modules if importlib.util.find_spec(module) is None]
    if missing:
        packages = " ".join(name.replace("_", "-") for name in missing)
        raise MutantSetError(
            f"missing {', '.join(missing)}: python3 -m pip install {packages} "
            '(and ".[test]" for the test extras)'
        )


# --- pytest -----------------------------------------------------------------

SUMMARY_LINE = re.compile(r"^(?:FAILED|ERROR) (\S+?)(?: - .*)?$", re.M)


@dataclass
class TestRun:
    returncode: int | None  # None: killed at the time limit
    output: str
    seconds: float

    @property
    def failing(self) -> list[str]:
        return SUMMARY_LINE.findall(self.output)

    @property
    def crashed(self) -> bool:
        return "crashed while running" in self.output or "node down" in self.output


class Pytest:
    def __init__(self, scratch: Scratch, test_time_limit: int) -> None:
        self.scratch = scratch
        self.workers = scratch.jobs if importlib.util.find_spec("xdist") else 0
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DXPY_ENGINE", "DXPY_CPU_DISABLE", "PYTEST_ADDOPTS")
        }
        environment.update(
            HYPOTHESIS_PROFILE="ci",
            DXPY_TEST_TIME_LIMIT=str(test_time_limit),
            PYTHONDONTWRITEBYTECODE="1",
            # The scratch package first; then this folder, for the plugin.
            PYTHONPATH=os.pathsep.join(
                [
                    str(scratch.source),
                    str(Path(__file__).resolve().parent),
                    *filter(None, [os.environ.get("PYTHONPATH")]),
                ]
            ),
        )
        self.environment = environment

    def run(self, arguments: Sequence[str], limit: float, stop_first: bool = True) -> TestRun:
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfE"]
        command += ["-p", "hypothesis_no_shrink"]  # same examples, no search for the smallest
        if stop_first:
            command.append("-x")
        if self.workers:
            command += ["-n", str(self.workers)]
        started = time.monotonic()
        process = subprocess.Popen(
            [*command, *arguments],
            cwd=self.scratch.source,
            env=self.environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            preexec_fn=self.scratch.lower_priority,
        )
        try:
            output, _ = process.communicate(timeout=limit)
            returncode: int | None = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
            returncode = None
        return TestRun(returncode, output, time.monotonic() - started)


def judge(run: TestRun, limit: float) -> tuple[str, str | None, str]:
    """(status, killed_by, detail) of one pytest run on a mutant."""
    if run.returncode is None:
        return "killed", f"timeout ({limit:.0f} s)", "ran past the time limit"
    if run.returncode == 0:
        return "survived", None, ""
    failing = run.failing
    if run.returncode in (1, 2, 3) or run.returncode < 0:
        detail = "a test worker crashed" if run.crashed else ""
        if failing:
            return "killed", failing[0], detail
        if run.returncode < 0:
            return "killed", f"pytest ended by signal {-run.returncode}", detail
    return "error", None, f"pytest exit {run.returncode}:\n{tail(run.output)}"


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
