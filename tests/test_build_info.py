"""The build records the source commit in dxpy/_build_info.py, so every report is traceable;
a tree without git history (an sdist, a tarball) records "unknown" instead of failing, and
a tree unpacked inside another project's repository never takes that project's commit."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "cpp" / "bindings" / "build_info.cmake"
cmake = shutil.which("cmake")
git = shutil.which("git")
needs_tools = pytest.mark.skipif(cmake is None or git is None, reason="needs cmake and git")


def _record(source: Path, tmp_path: Path) -> dict[str, object]:
    output = tmp_path / "_build_info.py"
    subprocess.run(
        [cmake, f"-DSOURCE_DIR={source}", f"-DOUTPUT={output}", "-P", str(SCRIPT)],
        check=True,
        capture_output=True,
    )
    namespace: dict[str, object] = {}
    exec(output.read_text(encoding="utf-8"), namespace)
    return namespace


def _git(folder: Path, *arguments: str) -> str:
    return subprocess.run(
        [git, "-C", str(folder), *arguments], check=True, capture_output=True, text=True
    ).stdout.strip()


@needs_tools
def test_a_checkout_records_its_commit_and_whether_it_was_changed(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    _git(tree, "init", "-q")
    (tree / "a.txt").write_text("one\n")
    _git(tree, "add", "a.txt")
    _git(tree, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one")
    head = _git(tree, "rev-parse", "HEAD")
    info = _record(tree, tmp_path)
    assert (info["COMMIT"], info["DIRTY"]) == (head, False)
    (tree / "a.txt").write_text("two\n")
    assert _record(tree, tmp_path)["DIRTY"] is True


@needs_tools
def test_a_tree_without_git_records_unknown(tmp_path):
    tree = tmp_path / "sdist"
    tree.mkdir()
    info = _record(tree, tmp_path)
    assert (info["COMMIT"], info["DIRTY"]) == ("unknown", False)


@needs_tools
def test_a_tree_inside_another_repository_does_not_take_its_commit(tmp_path):
    _git(tmp_path, "init", "-q")
    (tmp_path / "x").write_text("x")
    _git(tmp_path, "add", "x")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "outer")
    inner = tmp_path / "site-packages" / "dxpy-src"
    inner.mkdir(parents=True)
    assert _record(inner, tmp_path / "site-packages")["COMMIT"] == "unknown"


@pytest.mark.needs_native
def test_the_installed_dxpy_says_where_it_came_from():
    from dxpy import _build_info
    from dxpy.bench import machine

    assert _build_info.COMMIT == "unknown" or re.fullmatch(r"[0-9a-f]{40}", _build_info.COMMIT)
    commit = machine.software_versions()["dxpy_commit"]
    assert commit and (commit.startswith("unknown") or re.match(r"[0-9a-f]{12}", commit))
