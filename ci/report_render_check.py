"""Open a dxpy report in headless Chromium; fail on any console message, exception or failed load.

Usage: python3 ci/report_render_check.py [REPORT_DIR_OR_INDEX_HTML]   (default: reports/latest)

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
commands on fd 3, events on fd 4; no port, no extra package). The check:

* loads index.html and waits for the load event;
* collects console API calls, uncaught exceptions and log entries (a resource that
  fails to load is one): the page has no script and embeds everything, so any of
  them is a failure, a warning included;
* asks the page what it rendered: the title, the sections, the inline charts
  (non-empty SVGs) and tables, and that nothing points outside the file;
* asks whether a person can read the summary without scrolling or zooming: it is
  there, with its headline chart at least HEADLINE_MIN_WIDTH x HEADLINE_MIN_HEIGHT
  px, every text of that chart and of the summary at least MIN_FONT_PX on screen
  (an SVG's font sizes scaled by how large the SVG is drawn), and the summary's
  bottom within the first screen (1400 x SCREEN_HEIGHT);
* saves screenshot.png (the top of the page, 1400 px wide, up to 6000 px tall)
  beside index.html.

Exit status 0 when the page rendered cleanly, 1 when not, 2 for a usage error.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

WIDTH = 1400
SCREEN_HEIGHT = 1000
MAX_HEIGHT = 6000
MIN_FONT_PX = 12
HEADLINE_MIN_WIDTH = 900
HEADLINE_MIN_HEIGHT = 200
TIMEOUT_SECONDS = 60
REQUIRED_SECTIONS = ("summary", "machine", "engines", "targets", "charts", "speedups", "method")

PAGE_FACTS = """(() => {
  const svgs = [...document.querySelectorAll('figure svg')];
  const external = [...document.querySelectorAll('[src],[href]')]
    .map(e => e.getAttribute('src') || e.getAttribute('href'))
    .filter(u => u && !u.startsWith('#') && !u.startsWith('data:'));
  return JSON.stringify({
    title: document.title,
    h1: (document.querySelector('h1') || {}).textContent || '',
    sections: [...document.querySelectorAll('section')].map(s => s.id),
    charts: svgs.length,
    empty_charts: svgs.filter(
      s => s.getBBox().width < 10 || s.querySelectorAll('path').length < 5).length,
    tables: document.querySelectorAll('table').length,
    scripts: document.querySelectorAll('script').length,
    external: external,
    height: document.documentElement.scrollHeight,
    summary: (() => {
      const section = document.getElementById('summary');
      if (!section) return null;
      const svg = section.querySelector('figure svg');
      const fonts = [...section.querySelectorAll('p, li, b, code')]
        .map(e => parseFloat(getComputedStyle(e).fontSize));
      let chart = null;
      if (svg) {
        const box = svg.getBoundingClientRect();
        const scale = box.width / (svg.viewBox.baseVal.width || box.width);
        const texts = [...svg.querySelectorAll('text')]
          .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
        chart = {width: box.width, height: box.height, texts: texts.length,
                 min_font: Math.min(...texts)};
      }
      return {bottom: section.getBoundingClientRect().bottom + window.scrollY,
              min_font: Math.min(...fonts), chart: chart};
    })(),
  });
})()"""


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class DevTools:
    """A minimal DevTools protocol client over Chromium's pipe."""

    def __init__(self, browser: str, profile: Path) -> None:
        to_browser_read, self._write_fd = os.pipe()
        self._read_fd, from_browser_write = os.pipe()
        # Chromium reads commands on fd 3 and writes replies and events on fd 4.
        arguments = [
            browser,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--hide-scrollbars",
            "--mute-audio",
            f"--user-data-dir={profile}",
            "--remote-debugging-pipe",
            "about:blank",
        ]

        def wire_fds() -> None:
            # Through fresh copies: a pipe end may itself be 3 or 4, and os.pipe()'s
            # descriptors are close-on-exec while dup2's copies are inheritable.
            reading, writing = os.dup(to_browser_read), os.dup(from_browser_write)
            os.dup2(reading, 3)
            os.dup2(writing, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        # close_fds would close 3 and 4 after wire_fds placed them; the pipe ends are
        # the only descriptors this process opened, so keeping the rest is harmless.
        self.process = subprocess.Popen(
            arguments,
            close_fds=False,
            preexec_fn=wire_fds,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def _send(self, message: dict) -> None:
        os.write(self._write_fd, json.dumps(message).encode() + b"\0")

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._read_fd, 1 << 16)
            if not chunk:
                raise ConnectionError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._send(message)
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> dict:
        deadline = time.monotonic() + TIMEOUT_SECONDS
        for event in self.events:
            if event.get("method") == method and event.get("sessionId") == session:
                return event
        while True:
            event = self._receive(deadline)
            self.events.append(event)
            if event.get("method") == method and event.get("sessionId") == session:
                return event

    def close(self) -> None:
        try:
            self._send({"id": 0, "method": "Browser.close", "params": {}})
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self._write_fd)
            os.close(self._read_fd)


def problems_in(events: list[dict]) -> list[str]:
    """Console calls, exceptions and log entries of the page, as lines."""
    problems = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            problems.append(f"console.{params.get('type')}: {text}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            problems.append(f"exception: {details.get('text')} {details.get('exception', {})}")
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            problems.append(
                f"log {entry.get('level')} ({entry.get('source')}): {entry.get('text')} "
                f"{entry.get('url', '')}"
            )
    return problems


def summary_problems(summary: dict | None) -> list[str]:
    """What keeps a person from reading the summary on the first screen, unzoomed."""
    if summary is None:
        return ["no summary section (id=summary)"]
    problems = []
    if summary["bottom"] > SCREEN_HEIGHT:
        problems.append(
            f"the summary ends at {summary['bottom']:.0f} px, below the first screen "
            f"({SCREEN_HEIGHT} px)"
        )
    if summary["min_font"] < MIN_FONT_PX:
        problems.append(f"summary text at {summary['min_font']:.1f} px (< {MIN_FONT_PX})")
    chart = summary.get("chart")
    if chart is None:
        problems.append("the summary has no headline chart")
        return problems
    if chart["width"] < HEADLINE_MIN_WIDTH or chart["height"] < HEADLINE_MIN_HEIGHT:
        problems.append(
            f"headline chart drawn at {chart['width']:.0f} x {chart['height']:.0f} px "
            f"(needs {HEADLINE_MIN_WIDTH} x {HEADLINE_MIN_HEIGHT})"
        )
    if not chart["texts"] or chart["min_font"] < MIN_FONT_PX:
        problems.append(
            f"headline chart's smallest text {chart['min_font']:.1f} px on screen "
            f"(< {MIN_FONT_PX}): unreadable without zooming"
        )
    return problems


def check(index: Path) -> int:
    browser = find_chromium()
    if browser is None:
        print(
            "report_render_check: no chromium found (apt-get install -y chromium)", file=sys.stderr
        )
        return 2
    profile = index.parent / ".chromium-profile"
    shutil.rmtree(profile, ignore_errors=True)
    tools = DevTools(browser, profile)
    try:
        target = tools.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Runtime", "Log", "Page"):
            tools.call(f"{domain}.enable", session=session)
        tools.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": WIDTH, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        tools.call("Page.navigate", {"url": index.resolve().as_uri()}, session=session)
        tools.wait_for("Page.loadEventFired", session)
        time.sleep(0.5)  # late console messages, if any
        facts = json.loads(
            tools.call(
                "Runtime.evaluate", {"expression": PAGE_FACTS, "returnByValue": True}, session
            )["result"]["value"]
        )
        height = min(int(facts["height"]), MAX_HEIGHT)
        shot = tools.call(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1},
            },
            session,
        )
        screenshot = index.parent / "screenshot.png"
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        problems = problems_in([e for e in tools.events if e.get("sessionId") == session])
    finally:
        tools.close()
        shutil.rmtree(profile, ignore_errors=True)
    missing = [name for name in REQUIRED_SECTIONS if name not in facts["sections"]]
    if missing:
        problems.append(f"sections missing: {', '.join(missing)}")
    if not facts["title"].startswith("dxpy report"):
        problems.append(f"unexpected title {facts['title']!r}")
    if facts["empty_charts"]:
        problems.append(f"{facts['empty_charts']} of {facts['charts']} charts drew nothing")
    problems += summary_problems(facts.get("summary"))
    if facts["tables"] == 0:
        problems.append("no table rendered")
    if facts["scripts"]:
        problems.append(f"{facts['scripts']} script elements: the page should need none")
    if facts["external"]:
        problems.append(f"references outside the file: {facts['external'][:5]}")
    print(
        f"report_render_check: {index}: {facts['charts']} charts, {facts['tables']} tables, "
        f"sections {', '.join(facts['sections'])}; {facts['height']} px tall; "
        f"summary {_summary_text(facts.get('summary'))}; "
        f"screenshot {screenshot}"
    )
    for problem in problems:
        print(f"report_render_check: FAIL: {problem}", file=sys.stderr)
    if not problems:
        print("report_render_check: rendered with no console messages")
    return 1 if problems else 0


def _summary_text(summary: dict | None) -> str:
    if not summary:
        return "absent"
    chart = summary.get("chart") or {}
    return (
        f"ends at {summary['bottom']:.0f} px, smallest text {summary['min_font']:.0f} px, "
        f"chart {chart.get('width', 0):.0f} x {chart.get('height', 0):.0f} px with smallest "
        f"text {chart.get('min_font', 0):.1f} px"
    )


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else Path("reports/latest")
    if target.is_file() and target.name != "index.html" and target.suffix != ".html":
        # reports/latest as a text file naming the run
        target = target.parent / target.read_text(encoding="utf-8").strip()
    index = target if target.suffix == ".html" else target / "index.html"
    if not index.is_file():
        print(f"report_render_check: {index} does not exist", file=sys.stderr)
        return 2
    return check(index)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
