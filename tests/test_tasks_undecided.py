"""A check that cannot decide says which of three things stops it, and the command that would
settle it: the platform (cannot be verified), a missing tool (not installed), a run not
made yet (not run). After a first run with nothing installed, nothing is called a failure
that is only "not run"."""

from __future__ import annotations

import pytest
from test_tasks_cli import make_repository, rows_by_id

from dxpy.tasks import testruns
from dxpy.tasks.cli import main

pytestmark = pytest.mark.task("11.1")

CHECKS = """\
from dxpy.tasks.registry import check, not_installed, not_run, passed, unverifiable


@check("1.1")
def needs_mypy(root):
    return not_installed("mypy is not installed here", "pip install mypy")


@check("1.2")
def reads_a_report(root):
    return not_run("no report was written here yet", "dxpy-report --quick")


@check("1.2")
def something_else_holds(root):
    return passed("fine")


@check("1.3")
def needs_bsd(root):
    return unverifiable("kqueue exists only on BSD and macOS")


@check("1.4")
def imports_a_missing_module(root):
    import a_module_nobody_installed  # noqa: F401
"""

TASKS = """\
- [x] 1. Parent
  - [x] 1.1 Stubs
  - [x] 1.2 Report
- [x] 1.3 kqueue
- [x] 1.4 Imports something absent
- [x] 1.5 Only tests bound
"""

TESTS = """\
import pytest


@pytest.mark.task("1.5")
def test_bound():
    assert True
"""


def test_not_installed_not_run_and_the_platform_are_three_verdicts(tmp_path):
    rows = rows_by_id(make_repository(tmp_path, TASKS, CHECKS, TESTS))
    assert rows["1.1"]["verified"] == "not installed"
    assert rows["1.1"]["commands"] == ["pip install mypy"]
    # a passing check beside it does not hide what was not run
    assert rows["1.2"]["verified"] == "not run"
    assert rows["1.2"]["commands"] == ["dxpy-report --quick"]
    assert rows["1.3"]["verified"] == "cannot be verified on this platform"
    assert rows["1.3"]["commands"] == []
    assert rows["1.4"]["verified"] == "not installed"
    assert "a_module_nobody_installed is not installed" in rows["1.4"]["reason"]
    assert rows["1.4"]["commands"] == ["pip install a_module_nobody_installed"]
    # the parent takes the worst, and the commands that settle it
    assert rows["1"]["verified"] == "not installed"
    assert "pip install mypy" in rows["1"]["commands"]
    # tests bound but never run: not run, with what runs them
    assert rows["1.5"]["verified"] == "not run"
    assert rows["1.5"]["commands"] == ["dxpy-tasks --run"]


def test_without_pytest_nothing_is_a_failure_or_unchecked_that_is_only_unknown(
    tmp_path, monkeypatch
):
    real_find_spec = testruns.importlib.util.find_spec

    def no_pytest(name, *arguments):
        return None if name == "pytest" else real_find_spec(name, *arguments)

    monkeypatch.setattr(testruns.importlib.util, "find_spec", no_pytest)
    rows = rows_by_id(make_repository(tmp_path, TASKS, CHECKS, TESTS))
    assert rows["1.5"]["verified"] == "not installed"
    assert "pytest is not installed" in rows["1.5"]["reason"]
    assert rows["1.5"]["commands"] == ["pip install '.[test]' && dxpy-tasks --run"]
    assert all(row["verified"] not in ("fail", "no check") for row in rows.values())


def test_the_table_names_the_commands(tmp_path, capsys):
    root = make_repository(tmp_path, TASKS, CHECKS, TESTS)
    main(["--root", str(root)])
    out = capsys.readouterr().out
    assert "to settle it: pip install mypy" in out
    assert "dxpy-report --quick" in out
