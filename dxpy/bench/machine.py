"""What the numbers were measured on: CPU, relevant ISA flags, OS, Python, peer versions."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
from pathlib import Path

import dxpy
from dxpy.bench import peers

RELEVANT_FLAGS = (
    "sse4_2", "avx", "avx2", "bmi2", "avx512f", "avx512bw", "avx512vl", "avx512vbmi",
    "asimd", "sve", "sve2",
)  # fmt: skip
PEER_DISTRIBUTIONS = ("numpy", "stringzilla", "pyperf", "matplotlib", "pandas")


def _cpuinfo_fields() -> dict[str, str]:
    """The first processor's ``key: value`` lines of /proc/cpuinfo (empty elsewhere)."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            if fields:
                break
            continue
        key, _, value = line.partition(":")
        fields.setdefault(key.strip(), value.strip())
    return fields


def _usable_cpus() -> int | None:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count()


def machine_info() -> dict[str, object]:
    """The machine, as a JSON-ready mapping."""
    fields = _cpuinfo_fields()
    flags = set((fields.get("flags") or fields.get("Features") or "").split())
    try:
        load = list(os.getloadavg())
    except OSError:
        load = None
    return {
        "cpu_model": fields.get("model name") or platform.processor() or platform.machine(),
        "cpu_flags": {flag: flag in flags for flag in RELEVANT_FLAGS},
        "usable_cpus": _usable_cpus(),
        "logical_cpus": os.cpu_count(),
        "compiler": native_module_compiler(),
        "pyperf_metadata": _pyperf_metadata(),
        "machine": platform.machine(),
        "os": platform.platform(),
        "load_average_at_start": load,
        "python": {
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
            "build": " ".join(platform.python_build()),
            "compiler": platform.python_compiler(),
            "executable": sys.executable,
        },
    }


def native_module_compiler() -> str | None:
    """The compiler that built dxpy._native, as its ELF ``.comment`` strings name it."""
    path = getattr(dxpy._native, "__file__", None)
    if not path:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    found = re.findall(
        rb"(GCC: \([^\x00]{1,80}\) [0-9][^\x00]{0,40}|clang version [^\x00]{1,80})", data
    )
    names = list(dict.fromkeys(item.decode("ascii", "replace") for item in found))
    return "; ".join(names[:2]) if names else None


def _pyperf_metadata() -> dict[str, object] | None:
    """pyperf's own view of the machine (CPU frequency and config, ASLR, timer), if installed."""
    try:
        from pyperf._collect_metadata import collect_metadata  # pyperf's, not public API
    except ImportError:
        return None
    try:
        metadata = collect_metadata(process=False)
    except Exception:  # a probe failing must not stop a benchmark
        return None
    wanted = ("cpu_model_name", "cpu_count", "cpu_freq", "cpu_config", "aslr", "timer",
              "python_compiler", "platform", "boot_time", "perf_version")  # fmt: skip
    return {key: metadata[key] for key in wanted if key in metadata}


def _distribution_version(name: str) -> str | None:
    import importlib.metadata

    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def software_versions() -> dict[str, str | None]:
    """Versions of everything measured: CPython, the peers and dxpy's engines' host."""
    return {
        "cpython": platform.python_version(),
        **{name: _distribution_version(name) for name in PEER_DISTRIBUTIONS},
        "stringzilla": peers.stringzilla_version(),
        "glibc": peers.glibc_version(),
        "dxpy": getattr(dxpy, "__version__", None) or _dxpy_distribution_version(),
        "dxpy_commit": _dxpy_commit(),
    }


def _dxpy_commit() -> str | None:
    """The commit dxpy was built from (with ``+dirty`` for local changes): the checkout's,
    where dxpy is imported from a git checkout of itself, else the one the build wrote
    into ``dxpy/_build_info.py``; "unknown" for a build from a tree without git."""
    checkout = _checkout_commit()
    if checkout is not None:
        return checkout
    try:
        from dxpy import _build_info  # written by cpp/bindings/build_info.cmake
    except ImportError:
        return None
    if _build_info.COMMIT == "unknown":
        return "unknown (built from a tree without git history: an sdist or a tarball)"
    return _build_info.COMMIT[:12] + ("+dirty" if _build_info.DIRTY else "")


def _checkout_commit() -> str | None:
    """The source tree's commit, where dxpy is imported from a git checkout of itself.
    An installed dxpy has none: the git repository around site-packages (a pyenv
    checkout, say) is another project's."""
    source = Path(dxpy.__file__).resolve().parent

    def git(*arguments: str) -> str:
        return subprocess.run(
            ["git", *arguments], cwd=source, capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()

    try:
        if Path(git("rev-parse", "--show-toplevel")).resolve() != source.parent:
            return None
        commit = git("rev-parse", "--short", "HEAD")
        changes = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{commit}+dirty" if changes else commit


def _dxpy_distribution_version() -> str | None:
    import importlib.metadata

    try:
        return importlib.metadata.version("dxpy")
    except importlib.metadata.PackageNotFoundError:
        return None
