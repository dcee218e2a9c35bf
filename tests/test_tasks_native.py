"""The disassembly helpers the instruction checks rest on, on a small object compiled here."""

from __future__ import annotations

import platform
import shutil
import subprocess
from pathlib import Path

import pytest

from dxpy.tasks import native

pytestmark = [
    pytest.mark.task("11.1"),
    pytest.mark.skipif(
        shutil.which("g++") is None or shutil.which("objdump") is None,
        reason="needs g++ and objdump",
    ),
    pytest.mark.skipif(
        platform.machine().lower() not in ("x86_64", "amd64"), reason="x86-64 code in the fixture"
    ),
]

SOURCE = """
#include <cstring>
namespace demo {
namespace {
__attribute__((noinline)) int helper(const char* a, const char* b, unsigned long n) {
  return std::memcmp(a, b, n);
}
int find_like(const char* a, const char* b, unsigned long n) { return helper(a, b, n) + 1; }
}  // namespace
int (*volatile exported)(const char*, const char*, unsigned long) = find_like;
}  // namespace demo
"""


@pytest.fixture(scope="module")
def demo_object(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("native")
    source = folder / "demo.cpp"
    source.write_text(SOURCE, encoding="utf-8")
    output = folder / "demo.o"
    subprocess.run(["g++", "-O2", "-fPIC", "-c", str(source), "-o", str(output)], check=True)
    return output


def test_functions_callees_and_short_names(demo_object):
    code = native.disassemble(demo_object, "objdump", "demo")
    function = code.function(r"find_like\(")
    assert function is not None
    assert native.short_name(function.name) == "find_like"
    reached = {native.short_name(body.name) for body in code.with_callees(function)}
    assert reached == {"find_like", "helper"}
    helper = code.function(r"helper\(")
    assert "memcmp" in helper.calls()  # a relocated call is followed by its symbol


def test_code_is_found_again_with_relocated_bytes_as_wildcards(demo_object):
    code = native.disassemble(demo_object, "objdump", "demo")
    helper = code.function(r"helper\(")
    assert helper.relocated  # the call to memcmp
    assert native.locate_in_module(helper, demo_object) is not None
    changed = bytearray(helper.code)
    first_fixed = next(i for i in range(len(changed)) if i not in helper.relocated)
    changed[first_fixed] ^= 0xFF
    helper.code = changed
    assert native.locate_in_module(helper, demo_object) is None


def test_engine_flags_come_from_cmake():
    root = Path(__file__).resolve().parents[1]
    flags = native.engine_flags(root, "avx512")
    assert {"-mavx512f", "-mavx512bw"} <= set(flags)
    assert native.engine_flags(root, "neon") == []
