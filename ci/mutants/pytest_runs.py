"""pytest runs against the scratch copy, and what a run says of a mutant."""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scratch import Scratch, tail

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
