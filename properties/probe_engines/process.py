"""One running dxpy_probe (cpp/probe/): started on first use, asked one request
at a time, restarted after it dies.

A probe built for this machine's architecture runs directly; one built for
another runs under qemu-user (``qemu-<arch>-static``), which the ELF header of
the file decides. Each pytest worker process starts its own probes.
"""

from __future__ import annotations

import contextlib
import os
import platform
import selectors
import shutil
import signal
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from probe_engines.wire import Reply, Request

PROTOCOL = "dxpy-probe/1"
OK, ERROR, FAULT = 0, 1, 2  # a response's status
# One request's limit: a stuck kernel must fail its example, not the whole run.
REQUEST_TIMEOUT_SECONDS = float(os.environ.get("DXPY_PROBE_TIMEOUT", "60"))

# e_machine of the ELF header -> the architecture's name, as qemu names it.
ELF_MACHINES = {62: "x86_64", 183: "aarch64", 22: "s390x"}


class ProbeError(RuntimeError):
    """The probe refused a request or faulted while serving it (the message says which)."""


class ProbeCrashed(ProbeError):
    """The probe process died or stopped answering."""


@dataclass(frozen=True)
class BuildInfo:
    index: int  # the build's number in the probe's registry
    name: str
    isa: str
    mode: str  # native or emulated, on the probe's own machine
    runs: bool


@dataclass(frozen=True)
class ProbeInfo:
    arch: str
    byte_order: str  # as observed by the probe, e.g. "big (0x01020304 is stored as 01 02 03 04)"
    compiler: str
    builds: tuple[BuildInfo, ...]

    @property
    def big_endian(self) -> bool:
        return self.byte_order.startswith("big")


def elf_architecture(path: Path) -> str:
    header = path.read_bytes()[:20]
    if header[:4] != b"\x7fELF":
        raise ProbeError(f"{path} is not an ELF executable")
    order = "<" if header[5] == 1 else ">"
    machine = struct.unpack(order + "H", header[18:20])[0]
    try:
        return ELF_MACHINES[machine]
    except KeyError:
        raise ProbeError(f"{path}: unknown ELF machine {machine}") from None


def runner_for(arch: str) -> list[str]:
    """The command prefix that runs a program of ``arch`` here (empty: directly)."""
    if arch == platform.machine():
        return []
    for name in (f"qemu-{arch}-static", f"qemu-{arch}"):
        if shutil.which(name):
            return [name]
    raise ProbeError(f"no qemu-{arch}-static on PATH (apt-get install qemu-user-static)")


def death_of(returncode: int | None) -> str:
    if returncode is None:
        return "did not answer"
    if returncode < 0:
        return f"was killed by {signal.Signals(-returncode).name}"
    return f"exited with status {returncode}"


class ProbeProcess:
    """A probe executable and, while it runs, its process."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path).resolve()
        self.arch = elf_architecture(self.path)
        self.command = [*runner_for(self.arch), str(self.path)]
        self.runner = Path(self.command[0]).name if len(self.command) > 1 else "direct"
        self._process: subprocess.Popen | None = None
        self._stderr = None
        self._operations: dict[str, int] = {}
        self.info = self._hello()

    # -- the process ---------------------------------------------------------

    def _start(self) -> None:
        # Kept while the process runs, closed by close(): a crash report reads it.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115
        self._process = subprocess.Popen(
            self.command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            bufsize=0,
        )

    def close(self) -> None:
        if self._process is not None:
            process, self._process = self._process, None
            process.stdin.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            process.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def _died(self, during: str) -> ProbeCrashed:
        """The probe is gone (or hung and is killed now): an error saying so, with its stderr."""
        process = self._process
        if process.poll() is None:
            process.kill()
            process.wait()
            how = f"did not answer within {REQUEST_TIMEOUT_SECONDS:g} s and was killed"
        else:
            how = death_of(process.returncode)
        self._stderr.seek(0)
        stderr = self._stderr.read().decode("utf-8", "replace").strip()
        self.close()
        detail = f"; its stderr: {stderr[-2000:]}" if stderr else ""
        return ProbeCrashed(f"{' '.join(self.command)} {how} during {during}{detail}")

    def _read_exactly(self, size: int, during: str) -> bytes:
        chunks, remaining = [], size
        stdout = self._process.stdout
        with selectors.DefaultSelector() as selector:
            selector.register(stdout, selectors.EVENT_READ)
            while remaining:
                if not selector.select(REQUEST_TIMEOUT_SECONDS):
                    raise self._died(during)
                chunk = os.read(stdout.fileno(), remaining)
                if not chunk:
                    raise self._died(during)
                chunks.append(chunk)
                remaining -= len(chunk)
        return b"".join(chunks)

    def _exchange(self, payload: bytes, during: str) -> tuple[int, Reply]:
        if self._process is None:
            self._start()
        frame = memoryview(struct.pack("<I", len(payload)) + payload)
        try:
            while frame:  # an unbuffered pipe may take a large frame in parts
                frame = frame[os.write(self._process.stdin.fileno(), frame) :]
        except (BrokenPipeError, ConnectionResetError):
            raise self._died(during) from None
        size = struct.unpack("<I", self._read_exactly(4, during))[0]
        frame = self._read_exactly(size, during)
        return frame[0], Reply(frame[1:])

    # -- requests ------------------------------------------------------------

    def call(self, operation: str, request: Request) -> Reply:
        """The probe's answer to ``operation``; ProbeError when it reports an error."""
        try:
            number = self._operations[operation]
        except KeyError:
            raise ProbeError(f"{self.path} serves no operation {operation!r}") from None
        status, reply = self._exchange(request.payload(number), operation)
        if status == FAULT:  # the probe exits after a fault: the next call starts a fresh one
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=5)
            self.close()
        if status != OK:
            raise ProbeError(reply.text())
        return reply

    def _hello(self) -> ProbeInfo:
        status, reply = self._exchange(Request().payload(0), "hello")
        if status != OK:
            raise ProbeError(reply.text())
        protocol = reply.text()
        if protocol != PROTOCOL:
            raise ProbeError(f"{self.path} speaks {protocol!r}, not {PROTOCOL!r}")
        arch, byte_order, compiler = reply.text(), reply.text(), reply.text()
        self._operations = {reply.text(): number for number in range(reply.u32())}
        builds = tuple(
            BuildInfo(index, reply.text(), reply.text(), reply.text(), reply.u8() == 1)
            for index in range(reply.u32())
        )
        reply.end()
        if arch != self.arch:
            raise ProbeError(f"{self.path} is an {self.arch} file but says it runs on {arch}")
        return ProbeInfo(arch, byte_order, compiler, builds)


_processes: dict[Path, ProbeProcess] = {}


def probe_process(path: str | os.PathLike) -> ProbeProcess:
    """The one ProbeProcess of this pytest process for ``path``."""
    key = Path(path).resolve()
    if key not in _processes:
        _processes[key] = ProbeProcess(key)
    return _processes[key]


def close_all() -> None:
    for process in _processes.values():
        process.close()
