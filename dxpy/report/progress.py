"""A progress bar on stderr while measuring (no dependency; stdout stays free).

On a terminal the bar redraws one line: done/total, elapsed, an estimate of
what is left, and the case in flight. Elsewhere (CI logs, a pipe) it prints a
plain line every tenth of the way, and at least every half minute, instead of
carriage returns.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

from dxpy.bench.run import ProgressSink

PLAIN_EVERY_SECONDS = 30


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
        self.total_weight = 0.0
        self.done_weight = 0.0
        self.started = time.monotonic()
        self._last_plain_tenth = -1
        self._last_plain_line = time.monotonic()
        self._drawn = False

    def start(self, total: int, message: str, weight: float = 0.0) -> None:
        """Restart counts and clock; ``weight`` (else ``total``) paces the time-left estimate."""
        self.total = max(total, 1)
        self.done = 0
        self.total_weight = weight if weight > 0 else float(self.total)
        self.done_weight = 0.0
        self.started = time.monotonic()
        self._line(f"measuring {message}")

    def advance(self, label: str, weight: float = 1.0) -> None:
        """Count one measured case; off a terminal, print only every tenth or half minute."""
        self.done += 1
        self.done_weight += weight
        if self.interactive:
            self._draw(label)
            return
        tenth = (10 * self.done) // self.total
        now = time.monotonic()
        if tenth != self._last_plain_tenth or now - self._last_plain_line >= PLAIN_EVERY_SECONDS:
            self._last_plain_tenth = tenth
            self._last_plain_line = now
            self.stream.write(f"  {self._status()}  {label}\n")
            self.stream.flush()

    def note(self, message: str) -> None:
        """Print ``message`` on a line of its own, below the bar."""
        self._line(message)

    def finish(self) -> None:
        """End the bar's line, so what is printed next starts on a fresh one."""
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False

    def _status(self) -> str:
        elapsed = time.monotonic() - self.started
        share = self.done / self.total
        work_share = min(1.0, self.done_weight / self.total_weight) if self.total_weight else 0
        left = elapsed / work_share - elapsed if work_share > 0 else 0.0
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
