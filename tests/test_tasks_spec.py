"""dxpy-tasks reads the Kiro tasks.md format and the variations hand-written lists have."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxpy.tasks.spec import DONE, IN_PROGRESS, NOT_STARTED, QUEUED, parse_tasks

pytestmark = pytest.mark.task("11.1")

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "tasks.md"

KIRO_LIST = """\
# Implementation Plan

## Tasks

- [x] 1. ARM NEON String Engine (Priority: High)
  - [x] 1.1 Create neon.rs module structure
    - Create crates/dx-py-runtime/dx-py-simd/src/neon.rs
    - Add conditional compilation for aarch64
    - _Requirements: 1.1_

  - [-] 1.2 Implement NEON find operation
    - _Requirements: 1.3, 2.1_

  - [ ]* 1.3 Optional property tests
  - [~] 1.4 Queued task

- [ ] 10. Python Parser (Priority: Low)
  - [X] 10.8 Checkpoint - Parser complete

## Progress Summary

- Task 1: ARM NEON String Engine - Full implementation with 9 tests
"""


def by_id(text: str) -> dict:
    return parse_tasks(text).by_id()


def test_ids_titles_and_statuses_with_text_after_the_title():
    tasks = by_id(KIRO_LIST)
    assert list(tasks) == ["1", "1.1", "1.2", "1.3", "1.4", "10", "10.8"]
    assert tasks["1"].title == "ARM NEON String Engine (Priority: High)"
    assert tasks["1"].status == DONE
    assert tasks["1.2"].status == IN_PROGRESS
    assert tasks["1.3"].status == NOT_STARTED
    assert tasks["1.4"].status == QUEUED
    assert tasks["10.8"].status == DONE  # [X] counts as done too


def test_nesting_details_and_requirements():
    tasks = by_id(KIRO_LIST)
    assert tasks["1"].children == ["1.1", "1.2", "1.3", "1.4"]
    assert tasks["1.1"].parent == "1"
    assert tasks["1.1"].depth == 1
    assert tasks["1.1"].details == [
        "Create crates/dx-py-runtime/dx-py-simd/src/neon.rs",
        "Add conditional compilation for aarch64",
    ]
    assert tasks["1.1"].requirements == ["1.1"]
    assert tasks["1.2"].requirements == ["1.3", "2.1"]
    assert tasks["10.8"].parent == "10"


def test_optional_marker_and_progress_bullets_without_a_box():
    tasks = by_id(KIRO_LIST)
    assert tasks["1.3"].optional
    assert tasks["1.3"].title == "Optional property tests"
    # "- Task 1: ..." under a later heading has no box: not a task, not a detail.
    assert all("Full implementation" not in detail for t in tasks.values() for detail in t.details)


@pytest.mark.parametrize(
    ("line", "task_id", "title"),
    [
        ("- [x] 1.2 Title", "1.2", "Title"),
        ("* [x] 1.2 Title", "1.2", "Title"),
        ("+ [x] 1.2 Title", "1.2", "Title"),
        ("1. [x] 1.2 Title", "1.2", "Title"),
        ("- [x] **1.2** Title", "1.2", "Title"),
        ("- [x] Task 1.2: Title", "1.2", "Title"),
        ("- [x] 1.2: Title", "1.2", "Title"),
        ("- [x] 1.2 - Title", "1.2", "Title"),
        ("- [x] 3. Title", "3", "Title"),
        ("- [x] 10.8 Checkpoint - Parser complete", "10.8", "Checkpoint - Parser complete"),
        ("- [x] 1.2.3 Deep", "1.2.3", "Deep"),
        ("- [x]   1.2   Spaced   ", "1.2", "Spaced"),
    ],
)
def test_list_markers_and_id_spellings(line, task_id, title):
    (task,) = parse_tasks(line).tasks
    assert (task.id, task.title, task.status) == (task_id, title, DONE)


def test_a_task_without_an_id_gets_one_from_its_line():
    (task,) = parse_tasks("\n\n- [ ] Write the docs").tasks
    assert task.id == "?3"
    assert task.title == "Write the docs"


def test_tabs_and_deeper_indentation_nest_by_indentation():
    text = "- [x] 1. Top\n\t- [x] 1.1 Tab-indented\n\t\t- [ ] 1.1.1 Deeper\n- [ ] 2. Next\n"
    tasks = by_id(text)
    assert tasks["1.1"].parent == "1"
    assert tasks["1.1.1"].parent == "1.1"
    assert tasks["2"].parent is None


def test_flush_left_sub_tasks_nest_by_id():
    text = "- [x] 1. Top\n- [x] 1.1 Flush left\n- [x] 2. Other\n"
    tasks = by_id(text)
    assert tasks["1.1"].parent == "1"
    assert tasks["2"].parent is None


def test_requirements_spelled_variously():
    text = (
        "- [x] 1.1 A\n"
        "  - _Requirements: 1.1, 1.2_\n"
        "  - Requirements: 2.1; 2.2\n"
        "  - _Requirement: 3.1_\n"
    )
    (task,) = parse_tasks(text).tasks
    assert task.requirements == ["1.1", "1.2", "2.1", "2.2", "3.1"]


@pytest.mark.skipif(not SEED.is_file(), reason="the seeds are not beside this checkout")
def test_the_seed_list_parses_completely():
    tasks = parse_tasks(SEED.read_text(encoding="utf-8")).by_id()
    leaves = [task_id for task_id in tasks if "." in task_id]
    assert len(tasks) == 87
    assert len(leaves) == 77
    assert tasks["8.8"].status == IN_PROGRESS
    assert tasks["9.3"].status == DONE
    assert tasks["1.9"].parent == "1"
    assert tasks["7.6"].requirements == ["7.2", "7.3"]


def test_the_project_list_keeps_the_seed_ids():
    own = Path(__file__).resolve().parents[1] / "tasks" / "tasks.md"
    tasks = parse_tasks(own.read_text(encoding="utf-8")).by_id()
    for section, last in {1: 9, 2: 7, 3: 8, 4: 9, 5: 6, 6: 7, 7: 7, 8: 9, 9: 7, 10: 8}.items():
        for number in range(1, last + 1):
            assert f"{section}.{number}" in tasks
