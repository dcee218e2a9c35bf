"""A progress bar on stderr while measuring (no dependency; stdout stays free).

On a terminal the bar redraws one line: done/total, elapsed, an estimate of
what is left, and the case in flight. Elsewhere (CI logs, a pipe) it prints a
plain line every tenth of the way instead of carriage returns.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

from dxpy.bench.run import ProgressSink


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}m{seconds:02d}s" if minutes else f"{seconds}s"


class ProgressBar(ProgressSink):
    """Draws the run's progress on ``stream`` (stderr by default)."""

    def __init__(self, stream: TextIO | None = None, width: int = 28) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.interactive = bool(getattr(self.stream, "isatty", lambda: False)())
        self.total = 0
        self.done = 0
        self.started = time.monotonic()
        self._last_plain_tenth = -1
        self._drawn = False

    def start(self, total: int, message: str) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.started = time.monotonic()
        self._line(f"measuring {message}")

    def advance(self, label: str) -> None:
        self.done += 1
        if self.interactive:
            self._draw(label)
            return
        tenth = (10 * self.done) // self.total
        if tenth != self._last_plain_tenth:
            self._last_plain_tenth = tenth
            self.stream.write(f"  {self._status()}  {label}\n")
            self.stream.flush()

    def note(self, message: str) -> None:
        self._line(message)

    def finish(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False

    def _status(self) -> str:
        elapsed = time.monotonic() - self.started
        share = self.done / self.total
        left = elapsed / share - elapsed if share > 0 else 0.0
        return (
            f"{self.done}/{self.total} {share:4.0%} elapsed {_duration(elapsed)}"
            f" left ~{_duration(left)}"
        )

    def _draw(self, label: str) -> None:
        filled = int(self.width * self.done / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        text = f"\r[{bar}] {self._status()}  {label}"
        columns = shutil.get_terminal_size((100, 20)).columns
        self.stream.write(text[: columns - 1].ljust(columns - 1))
        self.stream.flush()
        self._drawn = True

    def _line(self, message: str) -> None:
        self.finish()
        self.stream.write(f"dxpy-report: {message}\n")
        self.stream.flush()
