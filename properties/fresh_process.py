"""Run Python code in a fresh interpreter that imports this same dxpy.

Dispatch is decided once per process (CPU features, DXPY_ENGINE), and an
engine stuck in C++ cannot be interrupted from Python, so some properties need
a child process. The child must import the very dxpy under test: a wheel in
site-packages, the tree's package with a development module, or the package
folder of a sanitizer build, whose files are symlinks into the tree (so the
path is made absolute, never resolved).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import dxpy

# Variables that steer dispatch: unset in the child unless a test sets them.
DISPATCH_VARIABLES = ("DXPY_ENGINE", "DXPY_CPU_DISABLE")


def run_python(code: str, timeout: float = 120, **variables: str) -> subprocess.CompletedProcess:
    """Run ``code`` (dedented) with ``variables`` added to the environment."""
    environment = {k: v for k, v in os.environ.items() if k not in DISPATCH_VARIABLES}
    environment.update(variables)
    package_root = str(Path(dxpy.__file__).absolute().parents[1])
    environment["PYTHONPATH"] = os.pathsep.join(
        [package_root, *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
        # Not the repository root: its dxpy/ source folder (no compiled module
        # there when dxpy is installed) would shadow the package on sys.path[0].
        cwd=tempfile.gettempdir(),
    )
