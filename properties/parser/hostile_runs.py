"""Running hostile_inputs.py in a child process, from a test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


class ChildFailed(AssertionError):
    pass


def parse_in_child(parser: str, cases: list[str], timeout: float) -> dict[str, dict]:
    """Each case's outcome from one child; a crash or a timeout names the case it hit."""
    try:
        completed = subprocess.run(
            [sys.executable, "-P", str(HERE / "hostile_inputs.py"), parser, *cases],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd="/",
        )
        stdout, returncode = completed.stdout, completed.returncode
    except subprocess.TimeoutExpired as expired:
        stdout = (
            expired.stdout.decode() if isinstance(expired.stdout, bytes) else expired.stdout or ""
        )
        started = [json.loads(line) for line in stdout.splitlines() if '"start"' in line]
        hit = started[-1]["start"] if started else cases[0]
        raise ChildFailed(f"{parser}: no answer within {timeout} s, on case {hit!r}") from None
    lines = [json.loads(line) for line in stdout.splitlines()]
    results = {line["case"]: line for line in lines if line.get("case")}
    if returncode != 0:
        started = [line["start"] for line in lines if "start" in line]
        hit = started[-1] if started else "?"
        raise ChildFailed(
            f"{parser}: the child ended with status {returncode} on case {hit!r}:\n"
            f"{completed.stderr[-3000:]}"
        )
    results["baseline"] = next(line for line in lines if "baseline_rss_bytes" in line)
    return results
