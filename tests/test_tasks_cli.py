"""dxpy-tasks judges claims by the checks and tests bound to them, and says so in its exit status.

Each test builds a small repository in a temporary folder: a tasks/tasks.md,
checks in tasks/checks/, and sometimes a properties/ folder with marked tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import dxpy
from dxpy.tasks import judge, task_matrix
from dxpy.tasks.cli import main

pytestmark = pytest.mark.task("11.1")

CHECKS = """\
from dxpy.tasks.registry import CORROBORATION, PREREQUISITE, check, failed, passed, unverifiable


@check("1.1")
def always_passes(root):
    return passed("all good")


@check("1.1", kind=CORROBORATION)
def second_witness_absent_here(root):
    return unverifiable("the cross build is absent")


@check("1.3")
def always_fails(root):
    return failed("the kernel holds no vector compare")


@check("1.4")
def needs_another_platform(root):
    return unverifiable("kqueue exists only on BSD and macOS")


@check("1.5", kind=PREREQUISITE)
def component_exists(root):
    return passed("cpp/thing/ exists")


@check("1.6")
def raises(root):
    raise RuntimeError("broken check")


@check("1.7")
def sees_the_tests(root, evidence):
    return passed(f"{len(evidence.tests)} tests collected")
"""


def make_repository(
    folder: Path, tasks: str, checks: str = CHECKS, tests: str | None = None
) -> Path:
    (folder / "tasks" / "checks").mkdir(parents=True)
    (folder / "tasks" / "tasks.md").write_text(textwrap.dedent(tasks), encoding="utf-8")
    (folder / "tasks" / "checks" / "fixture_checks.py").write_text(checks, encoding="utf-8")
    (folder / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\nmarkers = ["task(id): the task a test verifies"]\n',
        encoding="utf-8",
    )
    if tests is not None:
        (folder / "properties").mkdir()
        (folder / "properties" / "test_fixture.py").write_text(
            textwrap.dedent(tests), encoding="utf-8"
        )
    return folder


def rows_by_id(root: Path, **arguments) -> dict[str, dict]:
    return {row["id"]: row for row in task_matrix(root=root, **arguments)}


def test_a_claim_done_with_a_passing_check_is_verified(tmp_path):
    root = make_repository(tmp_path, "- [x] 1.1 Passing\n")
    row = rows_by_id(root)["1.1"]
    assert (row["claimed"], row["verified"]) == ("done", "pass")
    assert any("always_passes" in line and "all good" in line for line in row["evidence"])
    # A second witness that cannot run here is shown, but the verdict does not rest on it.
    assert any("the cross build is absent" in line for line in row["evidence"])
    assert main(["--root", str(root)]) == 0


def test_a_claim_done_with_no_check_fails_the_run(tmp_path, capsys):
    root = make_repository(tmp_path, "- [x] 1.1 Passing\n- [x] 1.2 Nothing bound\n")
    assert rows_by_id(root)["1.2"]["verified"] == "no check"
    assert main(["--root", str(root)]) == 1
    output = capsys.readouterr().out
    assert "1.2" in output and "no check" in output
    assert "Claimed done but failing or unchecked: 1.2" in output


def test_a_claim_done_whose_check_fails_is_contradicted(tmp_path):
    root = make_repository(tmp_path, "- [x] 1.3 Vector find\n")
    row = rows_by_id(root)["1.3"]
    assert row["verified"] == "fail"
    assert "no vector compare" in row["reason"]
    assert main(["--root", str(root)]) == 1


def test_open_tasks_may_fail_without_failing_the_run(tmp_path):
    root = make_repository(tmp_path, "- [-] 1.3 Vector find\n- [ ] 1.2 Nothing bound\n")
    rows = rows_by_id(root)
    assert (rows["1.3"]["verified"], rows["1.2"]["verified"]) == ("fail", "no check")
    assert main(["--root", str(root)]) == 0


def test_a_check_that_cannot_run_here_says_why_and_does_not_fail_the_run(tmp_path):
    root = make_repository(tmp_path, "- [x] 1.4 kqueue\n")
    row = rows_by_id(root)["1.4"]
    assert row["verified"] == "cannot be verified on this platform"
    assert "BSD and macOS" in row["reason"]
    assert main(["--root", str(root)]) == 0


def test_a_passing_prerequisite_alone_verifies_nothing(tmp_path):
    root = make_repository(tmp_path, "- [x] 1.5 Thing\n")
    row = rows_by_id(root)["1.5"]
    assert row["verified"] == "no check"
    assert "prerequisite" in row["reason"]


def test_a_check_that_raises_counts_as_failed(tmp_path):
    root = make_repository(tmp_path, "- [x] 1.6 Broken\n")
    row = rows_by_id(root)["1.6"]
    assert row["verified"] == "fail"
    assert "RuntimeError: broken check" in row["reason"]


def test_a_parent_claimed_done_with_open_children_is_contradicted(tmp_path):
    tasks = """\
        - [x] 1. Engine
          - [x] 1.1 Passing
          - [-] 1.4 kqueue
        """
    root = make_repository(tmp_path, tasks)
    row = rows_by_id(root)["1"]
    assert row["verified"] == "fail"
    assert "1.4 (in progress)" in row["reason"]


def test_a_parent_and_a_checkpoint_take_the_worst_of_their_tasks(tmp_path):
    tasks = """\
        - [-] 1. Engine
          - [x] 1.1 Passing
          - [x] 1.4 kqueue
          - [ ] 1.9 Checkpoint - engine complete
        """
    root = make_repository(tmp_path, tasks)
    rows = rows_by_id(root)
    assert rows["1"]["verified"] == "cannot be verified on this platform"
    assert rows["1.9"]["verified"] == "cannot be verified on this platform"
    assert "1.4" in rows["1.9"]["reason"]


MARKED_TESTS = """\
    import pytest


    @pytest.mark.task("1.1")
    def test_passes():
        assert True


    @pytest.mark.task("1.2")
    def test_fails():
        assert 1 == 2, "one is not two"


    @pytest.mark.task("1.8")
    @pytest.mark.skip(reason="needs an aarch64 machine")
    def test_skipped():
        pass
    """


def test_marked_tests_bind_to_tasks_and_run_with_run(tmp_path):
    tasks = "- [x] 1.1 Passing\n- [x] 1.2 Failing test\n- [x] 1.7 Sees tests\n- [x] 1.8 Skipped\n"
    root = make_repository(tmp_path, tasks, tests=MARKED_TESTS)

    before = rows_by_id(root)
    assert before["1.2"]["verified"] == "not run"
    assert "1 bound tests not run" in before["1.2"]["reason"]
    assert any("3 tests collected" in line for line in before["1.7"]["evidence"])

    after = rows_by_id(root, run=True)
    assert after["1.1"]["verified"] == "pass"
    assert after["1.2"]["verified"] == "fail"
    assert "test_fails" in after["1.2"]["reason"]
    assert after["1.8"]["verified"] == "cannot be verified on this platform"
    assert "needs an aarch64 machine" in after["1.8"]["reason"]
    record = json.loads((root / "reports" / "tasks" / "last-run.json").read_text())
    assert record["schema"] == "dxpy-properties/1"
    assert {test["nodeid"]: test["tasks"] for test in record["tests"]} == {
        "properties/test_fixture.py::test_passes": ["1.1"],
        "properties/test_fixture.py::test_fails": ["1.2"],
        "properties/test_fixture.py::test_skipped": ["1.8"],
    }

    # Without --run, the record of that run is used, and its age said.
    judgement = judge(root=root)
    assert judgement.verdicts[1].verified == "fail"
    assert "reports/tasks/last-run.json" in judgement.evidence.source


def test_a_foreign_list_is_judged_by_id_against_this_code_base(tmp_path):
    root = make_repository(tmp_path, "- [x] 1.1 Our NEON translation unit\n- [ ] 1.3 Vector find\n")
    seed = tmp_path / "seed.md"
    seed.write_text(
        "- [x] 1.1 Create neon.rs module structure\n"
        "- [x] 1.3 Implement NEON find operation\n"
        "- [x] 4.1 Create error.rs\n",
        encoding="utf-8",
    )
    rows = rows_by_id(root, spec_path=seed)
    assert rows["1.1"]["verified"] == "pass"
    assert rows["1.1"]["judged_as"] == "1.1 Our NEON translation unit"
    assert rows["1.3"]["verified"] == "fail"
    assert rows["4.1"]["verified"] == "no check"
    assert "has no 4.1" in rows["4.1"]["reason"]
    assert main(["--root", str(root), "--spec", str(seed)]) == 1


def test_json_output_holds_every_task_row(tmp_path, capsys):
    root = make_repository(tmp_path, "- [x] 1.1 Passing\n- [-] 1.3 Failing\n")
    assert main(["--root", str(root), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "dxpy-tasks/1"
    assert [row["id"] for row in document["tasks"]] == ["1.1", "1.3"]
    assert set(document["tasks"][0]) >= {"id", "title", "claimed", "verified", "reason", "evidence"}
    assert document["summary"]["claimed_done"] == 1


def test_the_module_runs_as_a_command(tmp_path):
    root = make_repository(tmp_path, "- [x] 1.2 Nothing bound\n")
    package_parent = str(Path(dxpy.__file__).resolve().parent.parent)
    completed = subprocess.run(
        [sys.executable, "-m", "dxpy.tasks", "--root", str(root)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": package_parent, "PATH": ""},
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    assert "no check" in completed.stdout


def test_a_missing_task_list_is_a_usage_error(tmp_path, capsys):
    assert main(["--root", str(tmp_path)]) == 2
    assert "tasks.md" in capsys.readouterr().err
