"""Every Python example of README.md runs, in order, as a new user would type it.

The blocks are one session, as a reader follows them: each ``>>>`` line runs in
one namespace, in order, as at the prompt; where
the README shows what it prints, that is what it must print (the repr of the
value, or ``ErrorClass: message`` for an exception). Lines whose output depends
on the machine (``dxpy.engines()``) show none, and are only run.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
ERROR = re.compile(r"^(\w+(?:Error|Exception|Warning)): (.*)$", re.DOTALL)


def _examples(block: str) -> list[tuple[str, str]]:
    """(source, expected output) pairs: each ``>>>`` line and the lines shown after it."""
    examples: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith(">>> "):
            examples.append((line[4:], []))
        elif line.startswith("... ") and examples:
            examples[-1] = (examples[-1][0] + "\n" + line[4:], examples[-1][1])
        elif line.strip() and examples:
            examples[-1][1].append(line)
    return [(source, "\n".join(shown)) for source, shown in examples]


BLOCKS = [match.group(1) for match in BLOCK.finditer(README.read_text(encoding="utf-8"))]


def _run(source: str, namespace: dict) -> str:
    """What the prompt prints for ``source``: the repr of an expression statement's value."""
    shown: list[str] = []
    previous = sys.displayhook
    sys.displayhook = lambda value: shown.append(repr(value)) if value is not None else None
    try:
        exec(compile(source, "<README.md>", "single"), namespace)
    finally:
        sys.displayhook = previous
    return "\n".join(shown)


@pytest.mark.needs_native
def test_every_readme_example_prints_what_the_readme_says():
    pytest.importorskip("numpy")
    namespace: dict = {}
    examples = [example for block in BLOCKS for example in _examples(block)]
    assert all(_examples(block) for block in BLOCKS), "a python block holds no >>> example"
    for source, expected in examples:
        error = ERROR.match(expected)
        if error:
            with pytest.raises(Exception) as raised:
                _run(source, namespace)
            assert type(raised.value).__name__ == error.group(1), source
            assert str(raised.value) == error.group(2), source
            continue
        printed = _run(source, namespace)
        if expected:
            assert printed == expected, source


def test_the_readme_has_python_examples():
    assert len(BLOCKS) >= 3
