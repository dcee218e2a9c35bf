"""Which probe builds the properties run on: ``DXPY_QEMU_PROBES``.

``DXPY_QEMU_PROBES`` lists dxpy_probe executables separated by ``:``
(ci/cross/run.sh sets it). Each may end in ``=name,name`` to keep only those
engines of that probe (``build/cross-s390x/cpp/probe/dxpy_probe=scalar``).
Every build a probe runs becomes one ProbeVariant: a parameter of the
``engine`` fixture, with an id that says engine, mode and architecture
(``neon-qemu-aarch64``, ``avx2-emulated-qemu-aarch64``, ``scalar-qemu-s390x``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from probe_engines.engine import ProbeEngine
from probe_engines.process import BuildInfo, probe_process

ENVIRONMENT_VARIABLE = "DXPY_QEMU_PROBES"


@dataclass(frozen=True)
class ProbeVariant:
    path: str
    build: BuildInfo
    arch: str
    runner: str  # qemu-aarch64-static, ..., or "direct" for this machine's own architecture

    @property
    def name(self) -> str:
        return self.build.name

    @property
    def how(self) -> str:
        """qemu-native / qemu-emulated, or probe-native / probe-emulated when run directly."""
        return f"{'probe' if self.runner == 'direct' else 'qemu'}-{self.build.mode}"

    @property
    def id(self) -> str:
        mode = "-emulated" if self.build.mode == "emulated" else ""
        return f"{self.build.name}{mode}-{self.how.split('-')[0]}-{self.arch}"

    def engine(self) -> ProbeEngine:
        process = probe_process(self.path)
        return ProbeEngine(process, process.info.builds[self.build.index])


def parse_entry(entry: str) -> tuple[str, set[str] | None]:
    path, _, names = entry.partition("=")
    return path, (set(names.split(",")) if names else None)


def probe_variants(setting: str | None = None) -> list[ProbeVariant]:
    """The variants of every probe in ``setting`` (default: the environment)."""
    if setting is None:
        setting = os.environ.get(ENVIRONMENT_VARIABLE, "")
    variants = []
    for entry in filter(None, setting.split(os.pathsep)):
        path, wanted = parse_entry(entry)
        process = probe_process(path)
        builds = [build for build in process.info.builds if build.runs]
        if wanted is not None:
            unknown = wanted - {build.name for build in builds}
            if unknown:
                raise ValueError(f"{ENVIRONMENT_VARIABLE}: {path} runs no {sorted(unknown)}")
            builds = [build for build in builds if build.name in wanted]
        variants.extend(
            ProbeVariant(str(process.path), build, process.arch, process.runner) for build in builds
        )
    return variants
