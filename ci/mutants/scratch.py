"""The scratch copy of the tree and its build, for ci/mutants/run.py.

The tree (working tree or a commit) is mirrored into ``<scratch>/src`` writing
only what differs, built in ``<scratch>/build``, and every output of the
unmutated build is kept in ``<scratch>/pristine`` with its modification time,
so that a mutant's build can be undone by copying files back instead of
rebuilding.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# Ninja's own records: they may differ from the pristine build without harm.
NINJA_STATE_FILES = {".ninja_log", ".ninja_deps", ".ninja_lock"}


class MutantSetError(Exception):
    """The mutant set or the scratch build is broken: fix it, no verdict possible."""


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
