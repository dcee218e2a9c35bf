"""The C++ tokenizer from Python: building ``dxpy_tokenize`` and talking to it.

The tokenizer has no Python binding of its own (the parser's bindings are
``dxpy.parse``); its tests drive the ``dxpy_tokenize`` command
(cpp/parser/tools/tokenize_main.cpp), built here with CMake and Ninja from
PyPI into ``build/parser-tools`` (only the parser's objects, a few seconds).
Also here: what CPython says for the same input, in the same shape, and the
host's part of a source in a declared encoding (decoding it with Python's
codec, as the bindings do).
"""

from __future__ import annotations

import ast
import codecs
import contextlib
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import sys
import sysconfig
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Under ci/sanitizers.sh (DXPY_SANITIZED=address,undefined) the driver is
# built with the same sanitizers, in a folder of its own.
SANITIZERS = os.environ.get("DXPY_SANITIZED", "")
BUILD_DIR = REPO / "build" / ("parser-tools-sanitized" if SANITIZERS else "parser-tools")
DRIVER = BUILD_DIR / "cpp" / "dxpy_tokenize"

# The fields of a SyntaxError the tests compare, in this order.
FIELDS = ("kind", "msg", "lineno", "offset", "end_lineno", "end_offset", "text")


def _tool(name: str) -> str:
    """cmake/ninja: the PyPI wheels' (installed with the test extras) or PATH's."""
    candidate = Path(sys.executable).parent / name
    found = str(candidate) if candidate.exists() else shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} is needed to build dxpy_tokenize (pip install {name})")
    return found


def _sanitizer_flags() -> list[str]:
    if not SANITIZERS:
        return []
    flags = f"-fsanitize={SANITIZERS} -fno-sanitize-recover=all -fno-omit-frame-pointer -g"
    return [f"-DCMAKE_CXX_FLAGS={flags}", f"-DCMAKE_EXE_LINKER_FLAGS=-fsanitize={SANITIZERS}"]


def build_driver() -> Path:
    """Configure (once) and build dxpy_tokenize; safe when xdist workers race."""
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    with open(BUILD_DIR / ".build-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (BUILD_DIR / "build.ninja").exists():
            import simde_py  # the runtime's CMake configuration asks for its headers

            subprocess.run(
                [
                    _tool("cmake"),
                    "-S",
                    str(REPO),
                    "-B",
                    str(BUILD_DIR),
                    "-G",
                    "Ninja",
                    f"-DCMAKE_MAKE_PROGRAM={_tool('ninja')}",
                    "-DCMAKE_BUILD_TYPE=Release",
                    "-DDXPY_BUILD_PARSER_TOOLS=ON",
                    f"-DPython_EXECUTABLE={sys.executable}",
                    f"-DDXPY_SIMDE_INCLUDE_DIR={simde_py.get_include()}",
                    *_sanitizer_flags(),
                ],
                check=True,
                capture_output=True,
            )
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        subprocess.run(
            [_tool("ninja"), "-C", str(BUILD_DIR), "-j", jobs, "dxpy_tokenize"],
            check=True,
            capture_output=True,
        )
    return DRIVER


def stdlib_files() -> list[Path]:
    """Every .py file of the host's standard library, tests included, site-packages not."""
    root = Path(sysconfig.get_paths()["stdlib"])
    return sorted(p for p in root.rglob("*.py") if "site-packages" not in p.parts)


class Server:
    """One dxpy_tokenize --serve process: many sources, no process each.

    ``tokenize`` answers within ``timeout`` seconds or raises TimeoutError
    (a hang is a failure); a crash raises RuntimeError with the exit status.
    """

    def __init__(self, driver: Path, timeout: float = 10.0) -> None:
        self.timeout = timeout
        self.process = subprocess.Popen(
            [str(driver), "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def tokenize(self, source: str | bytes, mode: str = "exec", encoding: str = "") -> dict:
        if isinstance(source, str):
            kind, data = "str", source.encode("utf-8", "surrogatepass")
        else:
            kind, data = ("host" if encoding else "bytes"), source
        header = f"{kind} {int(mode == 'exec')} {len(data)} {encoding}\n".encode()
        return self._request(header + data)

    def _request(self, message: bytes) -> dict:
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write(message)
            self.process.stdin.flush()
        except BrokenPipeError:
            raise RuntimeError(f"dxpy_tokenize died: status {self.process.wait()}") from None
        ready, _, _ = select.select([self.process.stdout], [], [], self.timeout)
        if not ready:
            self.process.kill()
            raise TimeoutError(f"dxpy_tokenize gave no answer in {self.timeout} s")
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"dxpy_tokenize died: status {self.process.wait()}")
        return json.loads(line)

    def nfkc(self, names: list[str]) -> dict:
        """normalize_identifier and identifier_needs_normalization of each name."""
        data = "\n".join(names).encode("utf-8")
        return self._request(f"nfkc 1 {len(data)}\n".encode() + data)

    def close(self) -> None:
        if self.process.stdin:
            with contextlib.suppress(BrokenPipeError):
                self.process.stdin.close()
        self.process.wait(timeout=10)


def host_decode(server: Server, answer: dict, mode: str = "exec") -> dict:
    """The bindings' part for a declared encoding the tokenizer leaves to the host.

    CPython decodes with the codec and raises any failure as a SyntaxError
    with lineno 0, offset -1 and no text (_PyPegen_raise_tokenizer_init_error).
    ``answer`` must come from a request whose bytes are in ``answer["_bytes"]``.
    """
    data: bytes = answer["_bytes"]
    try:
        text = codecs.decode(data, answer["encoding"])
        utf8 = text.encode("utf-8")
    except (LookupError, UnicodeError, ValueError) as exc:
        return {
            "state": "error",
            "tokens": [],
            "warnings": [],
            "error": {
                "kind": "SyntaxError",
                "origin": "none",
                "msg": str(exc),
                "lineno": 0,
                "offset": -1,
                "end_lineno": None,
                "end_offset": None,
                "text": None,
            },
        }
    return server.tokenize(utf8, mode, encoding=answer["encoding"])


def translated_newlines(data: bytes, exec_input: bool = True) -> bytes:
    """CPython's translate_newlines, written from its definition (for the host bytes)."""
    out = bytearray()
    i = 0
    last = 0
    while i < len(data):
        c = data[i]
        if c == 0x0D:
            out.append(0x0A)
            last = 0x0A
            i += 1
            if i < len(data) and data[i] == 0x0A:
                i += 1
                if i == len(data):
                    last = 0  # CPython's loop ends on the terminator here
            continue
        out.append(c)
        last = c
        i += 1
    if exec_input and last != 0x0A:
        out.append(0x0A)
    return bytes(out)


def tokenize_bytes(server: Server, data: bytes, mode: str = "exec") -> dict:
    """Tokenize bytes as compile() of bytes would, host decoding included."""
    answer = server.tokenize(data, mode)
    if answer["state"] == "host":
        host = translated_newlines(data, mode == "exec")
        if host.startswith(codecs.BOM_UTF8):
            host = host[len(codecs.BOM_UTF8) :]
        answer["_bytes"] = host
        answer = host_decode(server, answer, mode)
    return answer


def error_fields(error: dict | None) -> tuple | None:
    if error is None:
        return None
    return tuple(error[name] for name in FIELDS)


def cpython_error(source: str | bytes, mode: str = "exec") -> tuple | None:
    """ast.parse's SyntaxError for the source as the tuple FIELDS, or None.

    A UnicodeDecodeError (CPython lets one through when its full-source check
    after a parser error meets an undecodable name) is ("UnicodeDecodeError",
    str(exc)).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ast.parse(source, mode=mode)
        except UnicodeDecodeError as exc:
            return ("UnicodeDecodeError", str(exc))
        except SyntaxError as exc:
            return (
                type(exc).__name__,
                exc.msg,
                exc.lineno,
                exc.offset,
                exc.end_lineno,
                exc.end_offset,
                exc.text,
            )
    return None


def cpython_warnings(source: str | bytes, mode: str = "exec") -> list[tuple[int, str]]:
    """The SyntaxWarnings ast.parse emits, as (lineno, message)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with contextlib.suppress(SyntaxError):
            ast.parse(source, mode=mode)
    return [(w.lineno, str(w.message)) for w in caught if w.category is SyntaxWarning]


@contextlib.contextmanager
def running_server():
    """A built dxpy_tokenize --serve process, closed at the end."""
    server = Server(build_driver())
    try:
        yield server
    finally:
        server.close()


# The messages of CPython 3.11's tokenizer: the SyntaxErrors tokenizer.c
# raises itself ("raised"), and the tok->done conditions pegen turns into
# errors ("done"). "(unicode error) ..." is left out: the parser raises it too
# (for string literals), so a message alone does not say who found it.
RAISED_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        r"unterminated string literal \(detected at line \d+\)",
        r"unterminated triple-quoted string literal \(detected at line \d+\)",
        r"invalid character '.' \(U\+[0-9A-F]{4,}\)",
        r"invalid non-printable character U\+[0-9A-F]{4,}",
        r"unmatched '[)\]}]'",
        r"closing parenthesis '.' does not match opening parenthesis '.'( on line \d+)?",
        r"too many nested parentheses",
        r"invalid (decimal|hexadecimal|octal|binary|imaginary) literal",
        r"invalid digit '\d' in (octal|binary) literal",
        r"leading zeros in decimal integer literals are not permitted; "
        r"use an 0o prefix for octal integers",
    )
)
DONE_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        r"unexpected EOF while parsing",
        r"unindent does not match any outer indentation level",
        r"inconsistent use of tabs and spaces in indentation",
        r"too many levels of indentation",
        r"unexpected character after line continuation character",
        r"'[(\[{]' was never closed",
    )
)


def tokenizer_message_origin(message: str) -> str | None:
    """'raised' or 'done' for a message only CPython's tokenizer gives, else None."""
    if any(p.fullmatch(message) for p in RAISED_PATTERNS):
        return "raised"
    if any(p.fullmatch(message) for p in DONE_PATTERNS):
        return "done"
    return None
