"""Every engine == scalar == CPython, for every string operation, on str and bytes.

The generalised property holds every engine build (AVX2 included, and the
SIMDe-emulated builds) to CPython's answer; P25 and P26 compare NEON and
AVX-512 with the scalar engine directly. The explicit cases below are the inputs
on which the seed design (seeds/design.md) went wrong.
"""

# Confusable characters (Greek sigma, dotless i) are the point of these cases.
# ruff: noqa: RUF001

from __future__ import annotations

import array
import subprocess
import textwrap

import fresh_process
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import (
    CASE_SPECIAL_CHARACTERS,
    KINDS,
    case_mapping_texts,
    equality_pairs,
    final_sigma_contexts,
    find_arguments,
    join_arguments,
    replace_arguments,
    split_arguments,
    str_find_arguments_with_multibyte_prefix,
)
from string_ops import OPS, TASKS_OF_OP, call, snapshot, task_marks, typed

import dxpy

ARGUMENTS = {
    **{("find", kind): find_arguments(kind) for kind in KINDS},
    **{("count", kind): find_arguments(kind) for kind in KINDS},
    **{("eq", kind): equality_pairs(kind) for kind in KINDS},
    **{("lower", kind): st.tuples(case_mapping_texts(kind)) for kind in KINDS},
    **{("upper", kind): st.tuples(case_mapping_texts(kind)) for kind in KINDS},
    **{("split", kind): split_arguments(kind) for kind in KINDS},
    **{("join", kind): join_arguments(kind) for kind in KINDS},
    **{("replace", kind): replace_arguments(kind) for kind in KINDS},
}


def op_and_kind_params(*extra_tasks: str) -> list:
    return [
        pytest.param(op, kind, id=f"{op}-{kind}", marks=task_marks(*TASKS_OF_OP[op], *extra_tasks))
        for op in OPS
        for kind in KINDS
    ]


def assert_engine_answers_like(engine, reference, op: str, args: tuple) -> None:
    """``engine`` gives ``reference``'s answer (CPython's when None), of the same
    type, without changing any argument, and never hands back an argument buffer."""
    before = snapshot(args)
    expected = call(reference, op, args)
    actual = call(engine, op, args)
    assert typed(actual) == typed(expected), f"{engine.name} {op}{args!r}"
    assert snapshot(args) == before, f"{engine.name} {op} changed its arguments"
    for result in actual if isinstance(actual, list) else [actual]:
        if isinstance(result, bytearray):
            assert all(result is not argument for argument in args), "result aliases an argument"


@pytest.mark.parametrize(("op", "kind"), op_and_kind_params())
@given(data=st.data())
def test_every_engine_answers_what_cpython_answers(engine, op, kind, data):
    args = data.draw(ARGUMENTS[op, kind], label="args")
    assert_engine_answers_like(engine, None, op, args)


@pytest.fixture(scope="module")
def neon_engine():
    return dxpy.engine("neon")


@pytest.fixture(scope="module")
def avx512_engine():
    return dxpy.engine("avx512")


@pytest.mark.parametrize(("op", "kind"), op_and_kind_params("1.8"))
@given(data=st.data())
def test_p25_neon_engine_answers_what_scalar_engine_answers(
    neon_engine, scalar_engine, op, kind, data
):
    args = data.draw(ARGUMENTS[op, kind], label="args")
    assert_engine_answers_like(neon_engine, scalar_engine, op, args)


@pytest.mark.parametrize(("op", "kind"), op_and_kind_params("2.6"))
@given(data=st.data())
def test_p26_avx512_engine_answers_what_scalar_engine_answers(
    avx512_engine, scalar_engine, op, kind, data
):
    args = data.draw(ARGUMENTS[op, kind], label="args")
    assert_engine_answers_like(avx512_engine, scalar_engine, op, args)


@pytest.mark.task("1.2")
@pytest.mark.task("2.2")
@given(args=str_find_arguments_with_multibyte_prefix())
def test_find_on_str_counts_code_points_not_utf8_bytes(engine, args):
    assert_engine_answers_like(engine, None, "find", args)


@pytest.mark.task("1.4")
@pytest.mark.task("2.4")
@given(text=final_sigma_contexts())
def test_lower_chooses_final_sigma_from_context_as_cpython_does(engine, text):
    assert_engine_answers_like(engine, None, "lower", (text,))


@pytest.mark.task("1.4")
@pytest.mark.task("2.4")
@given(text=case_mapping_texts("str"), op=st.sampled_from(["lower", "upper"]))
def test_case_mapping_through_utf8_answers_what_cpython_answers(engine, op, text):
    """The UTF-8 path of lower()/upper(), the runtime's own string form, which a
    Python str reaches only when a mapped character does not fit its storage kind."""
    mapped = engine._lower_utf8(text) if op == "lower" else engine._upper_utf8(text)
    assert mapped == getattr(text, op)()


def seed_case(op: str, *args, id: str) -> pytest.param:
    return pytest.param(op, args, id=id, marks=task_marks(*TASKS_OF_OP[op]))


A, B = "a", "b"
SEED_DESIGN_CASES = [
    # An empty needle: the seed's count/replace advanced by len(needle) == 0 forever.
    seed_case("count", "abc", "", id="count-empty-needle"),
    seed_case("count", "", "", id="count-empty-needle-empty-haystack"),
    seed_case("count", "héllo😀\ud800", "", id="count-empty-needle-counts-code-points"),
    seed_case("count", b"h\xc3\xa9llo", b"", id="count-empty-needle-bytes-counts-bytes"),
    seed_case("find", "abc", "", id="find-empty-needle"),
    seed_case("find", "", "", id="find-empty-needle-empty-haystack"),
    seed_case("find", b"", b"", id="find-empty-needle-bytes"),
    seed_case("replace", "abc", "", "-", -1, id="replace-empty-old-inserts-everywhere"),
    seed_case("replace", "abc", "", "-", 2, id="replace-empty-old-with-count"),
    seed_case("replace", "abc", "", "-", 0, id="replace-empty-old-count-zero"),
    seed_case("replace", "héllo😀", "", "-", -1, id="replace-empty-old-between-code-points"),
    seed_case("replace", "é\ud800😀", "", "|", 2, id="replace-empty-old-non-ascii-count"),
    seed_case("replace", "", "", "x", -1, id="replace-empty-old-empty-text"),
    seed_case("replace", "", "", "x", 0, id="replace-empty-old-empty-text-count-zero"),
    seed_case("replace", b"\xc3\xa9", b"", b"-", -1, id="replace-empty-old-bytes-between-bytes"),
    seed_case("replace", b"abc", b"", b"-", 2, id="replace-empty-old-bytes-count"),
    # Offsets: a str answer counts code points, a bytes answer counts bytes.
    seed_case("find", "héllo wörld", "w", id="find-after-two-byte-characters"),
    seed_case("find", "😀😀x", "x", id="find-after-astral-characters"),
    seed_case("find", "\ud800\udfffx", "x", id="find-after-lone-surrogates"),
    seed_case("find", "é" * 40 + "ab", "ab", id="find-after-block-of-wide-characters"),
    seed_case("find", b"\xc3\xa9x", b"x", id="find-bytes-answers-byte-offset"),
    # Block tails and seams.
    seed_case("find", A * 63 + B, B, id="find-on-last-byte-of-64"),
    seed_case("find", A * 64 + B, B, id="find-on-first-byte-after-64"),
    seed_case("find", A * 31 + B, B, id="find-on-last-byte-of-32"),
    seed_case("find", A * 15 + B, B, id="find-on-last-byte-of-16"),
    seed_case("find", A * 15 + "bc" + A * 20, "bc", id="find-straddling-16"),
    seed_case("find", A * 62 + "xyz" + A * 70, "xyz", id="find-straddling-64"),
    seed_case("find", A * 30 + B * 40, B * 40, id="find-needle-longer-than-a-block"),
    seed_case("find", A * 100, "ab", id="find-first-byte-everywhere-needle-absent"),
    seed_case("find", "ac" * 40 + "abc", "abc", id="find-first-and-last-match-middle-not"),
    seed_case("find", "abc", "abcd", id="find-needle-longer-than-haystack"),
    seed_case("find", "x" * 20, "\x00", id="find-nul-absent"),
    seed_case("find", "x" * 20 + "\x00", "\x00", id="find-nul-at-end"),
    seed_case("find", b"\x00" * 40, 0, id="find-int-needle-nul"),
    seed_case("count", b"a\xffb" * 30, 255, id="count-int-needle-high-byte"),
    seed_case("count", "aaaa", "aa", id="count-overlapping-is-not-counted"),
    seed_case("count", "aaaaa", "aa", id="count-overlapping-odd"),
    seed_case("count", "ababa", "aba", id="count-overlapping-period"),
    seed_case("count", b"\x00" * 65, b"\x00\x00", id="count-overlapping-nul-bytes"),
    seed_case("count", A * 33, A * 32, id="count-needle-of-one-block"),
    # split: maxsplit limits, empty fields, whitespace rules of str and bytes.
    *[
        seed_case("split", "a,b,,c,", ",", maxsplit, id=f"split-maxsplit-{maxsplit}")
        for maxsplit in (-1, 0, 1, 2, 100, 2**63 - 1, -(2**63))
    ],
    seed_case("split", "aaa", "aa", -1, id="split-separator-overlapping-itself"),
    seed_case("split", "", ",", -1, id="split-empty-text-with-separator"),
    seed_case("split", "", None, -1, id="split-empty-text-on-whitespace"),
    seed_case("split", "   ", None, -1, id="split-only-whitespace"),
    seed_case("split", " a  b ", None, 0, id="split-whitespace-maxsplit-0-keeps-trailing"),
    seed_case("split", " a  b  c ", None, 1, id="split-whitespace-maxsplit-1"),
    seed_case("split", "\u3000a\u2028b\x1cc\x85d\xa0e\u200bf", None, -1, id="split-unicode-spaces"),
    seed_case("split", "a\u2028" * 20, None, -1, id="split-wide-spaces-across-blocks"),
    seed_case("split", "ÅŠ†a b", None, -1, id="split-space-lookalike-bytes-are-not-spaces"),
    seed_case("split", b"\x1ca b\x85\xa0c", None, -1, id="split-bytes-only-ascii-whitespace"),
    seed_case("split", b" a b ", None, 1, id="split-bytes-whitespace-maxsplit"),
    seed_case("split", "é,è" * 20, ",", -1, id="split-non-ascii-fields"),
    # join: no parts, one part, many parts, any iterable, bytes-like parts.
    seed_case("join", ",", (), list, id="join-no-parts"),
    seed_case("join", ",", ("a",), list, id="join-one-part"),
    seed_case("join", ",", ("a", "", "é", "😀"), iter, id="join-many-parts-from-iterator"),
    seed_case("join", "", ("",) * 70, tuple, id="join-empty-parts"),
    seed_case("join", "→", ("x" * 31,) * 3, list, id="join-parts-around-blocks"),
    seed_case("join", b", ", (b"a", bytearray(b"b"), memoryview(b"c")), list, id="join-bytes-like"),
    seed_case("join", bytearray(b"-"), (b"a", b"b"), list, id="join-bytearray-separator"),
    seed_case("join", b"", (), list, id="join-bytes-no-parts"),
    # Case mapping: special casing, final sigma, what bytes must leave alone.
    seed_case("upper", "ß", id="upper-sharp-s-is-SS"),
    seed_case("upper", "a" * 31 + "ß" + "a" * 31, id="upper-sharp-s-across-block-edge"),
    seed_case("lower", "İ", id="lower-dotted-capital-i-is-two-code-points"),
    seed_case("upper", "ﬃŉΐᾳ\u0345", id="upper-expanding-ligatures-and-marks"),
    seed_case("lower", "ΑΣ", id="lower-final-sigma"),
    seed_case("lower", "Σ", id="lower-lone-sigma-is-not-final"),
    seed_case("lower", "ΑΣ Α", id="lower-final-sigma-before-space"),
    seed_case("lower", "ΑΣ\u0301", id="lower-final-sigma-before-combining-mark"),
    seed_case("lower", "ΑΣ'Α", id="lower-sigma-before-apostrophe-and-letter"),
    seed_case("lower", "ΑΣΑ", id="lower-medial-sigma"),
    seed_case("lower", "KẞȾ𐐀", id="lower-length-changing-characters"),
    seed_case("upper", "ıſȿɐµÿ", id="upper-length-changing-characters"),
    seed_case("upper", "\ud800a\udfff", id="upper-keeps-lone-surrogates"),
    seed_case("lower", "\ud800A\udfff", id="lower-keeps-lone-surrogates"),
    seed_case("upper", b"\xc0\xe9\xff@[`{az", id="upper-bytes-ascii-only"),
    seed_case("lower", b"\xc0\xc9\xdf@[`{AZ", id="lower-bytes-ascii-only"),
    seed_case("upper", "", id="upper-empty"),
    seed_case("lower", b"", id="lower-empty-bytes"),
    # eq: lengths, the last byte, bytes whose sign bit differs, str vs bytes.
    seed_case("eq", "é", "è", id="eq-same-lead-byte"),
    seed_case("eq", "a" * 64, "a" * 63 + "b", id="eq-differs-in-last-byte-of-block"),
    seed_case("eq", "a" * 65, "a" * 64 + "b", id="eq-differs-in-tail"),
    seed_case("eq", "a" * 65, "a" * 64, id="eq-prefix"),
    seed_case("eq", b"\x80" * 32, b"\x00" * 32, id="eq-sign-bit"),
    seed_case("eq", "", "", id="eq-empty"),
    seed_case("eq", "\ud800", "\ud800", id="eq-lone-surrogates"),
    seed_case("eq", "a", b"a", id="eq-str-and-bytes-are-never-equal"),
    seed_case("eq", b"", "", id="eq-empty-bytes-and-empty-str"),
]


@pytest.mark.parametrize(("op", "args"), SEED_DESIGN_CASES)
def test_inputs_that_broke_the_seed_design_get_cpython_answers(engine, op, args):
    assert_engine_answers_like(engine, None, op, args)


@pytest.mark.task("1.4")
@pytest.mark.task("2.4")
@pytest.mark.parametrize("character", CASE_SPECIAL_CHARACTERS)
@pytest.mark.parametrize("op", ["lower", "upper"])
def test_each_special_cased_character_maps_as_in_cpython(engine, op, character):
    for text in (character, "a" * 15 + character, "Α" + character, character * 33):
        assert_engine_answers_like(engine, None, op, (text,))


class IntLike:
    """Not an int, but usable as one: CPython takes it wherever it takes an index."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value

    def __repr__(self) -> str:
        return f"IntLike({self.value})"


class TextSubclass(str):
    pass


class BytesSubclass(bytes):
    pass


@pytest.mark.parametrize(
    ("op", "args"),
    [
        seed_case("split", "a b c", None, IntLike(1), id="split-maxsplit-with-index"),
        seed_case("split", "a b c", None, True, id="split-maxsplit-bool"),
        seed_case("replace", "aaa", "a", "b", IntLike(2), id="replace-count-with-index"),
        seed_case("find", b"abc", IntLike(98), id="find-bytes-needle-with-index"),
        seed_case("find", b"\x00\x01", True, id="find-bytes-needle-bool"),
        seed_case("find", TextSubclass("xab"), "ab", id="find-in-str-subclass"),
        seed_case("upper", TextSubclass("ab"), id="upper-of-str-subclass-is-str"),
        seed_case("split", TextSubclass("a b"), None, -1, id="split-str-subclass"),
        seed_case("replace", TextSubclass("ab"), "x", "y", -1, id="replace-str-subclass-no-match"),
        seed_case("join", ",", (TextSubclass("a"),), list, id="join-one-str-subclass-part"),
        seed_case("lower", BytesSubclass(b"AB"), id="lower-of-bytes-subclass-is-bytes"),
        seed_case("count", b"abab", memoryview(b"xab")[1:], id="count-memoryview-needle"),
        seed_case("find", b"\x01\x00\x00\x00", array.array("i", [1]), id="find-array-needle"),
        seed_case("split", bytearray(b"a,b"), array.array("B", b","), -1, id="split-by-array"),
        seed_case("replace", b"ab", memoryview(b"ab").cast("c"), b"x", -1, id="replace-cast-view"),
    ],
)
def test_arguments_cpython_accepts_are_accepted(engine, op, args):
    assert_engine_answers_like(engine, None, op, args)


@pytest.mark.task("1.5")
@pytest.mark.task("2.4")
def test_split_and_replace_take_their_optional_arguments_by_keyword(engine):
    assert engine.split("a b  c", maxsplit=1) == ["a", "b  c"]
    assert engine.split("a,b,c", sep=",", maxsplit=1) == ["a", "b,c"]
    assert engine.split(b"a,b", sep=b",") == b"a,b".split(b",")
    assert engine.replace("aaa", "a", "b", count=2) == "aaa".replace("a", "b", 2)


MEBIBYTE = 1 << 20
LARGE_TEXT = ("ab é😀 \u3000" * (MEBIBYTE // 8))[:MEBIBYTE]


@pytest.mark.parametrize(
    ("op", "args"),
    [
        seed_case("find", LARGE_TEXT + "Σ", "Σ", id="find-after-a-mebibyte"),
        seed_case("find", b"a" * MEBIBYTE + b"b", b"ab", id="find-bytes-after-a-mebibyte"),
        seed_case("count", LARGE_TEXT, "b é", id="count-a-mebibyte"),
        seed_case("count", LARGE_TEXT, "", id="count-empty-needle-in-a-mebibyte"),
        seed_case("eq", LARGE_TEXT + "a", LARGE_TEXT + "b", id="eq-differs-after-a-mebibyte"),
        seed_case("eq", b"x" * MEBIBYTE, b"x" * MEBIBYTE, id="eq-bytes-a-mebibyte"),
        seed_case("lower", LARGE_TEXT.upper(), id="lower-a-mebibyte"),
        seed_case("upper", bytearray(b"aZ\xe9" * MEBIBYTE), id="upper-bytearray-three-mebibytes"),
        seed_case("split", LARGE_TEXT, None, -1, id="split-a-mebibyte-on-whitespace"),
        seed_case("split", LARGE_TEXT, "😀", 1000, id="split-a-mebibyte-on-astral"),
        seed_case("join", "é", (LARGE_TEXT, "x", LARGE_TEXT), list, id="join-mebibyte-parts"),
        seed_case("replace", LARGE_TEXT, "é", "e\u0301", -1, id="replace-in-a-mebibyte"),
        seed_case("replace", b"ab" * MEBIBYTE, b"", b"-", 10**6, id="replace-empty-old-a-million"),
    ],
)
def test_texts_of_mebibytes_get_cpython_answers(engine, op, args):
    assert_engine_answers_like(engine, None, op, args)


TERMINATION_CHECK = textwrap.dedent(
    """
    import dxpy
    for info in dxpy.engines():
        for mode in dict.fromkeys((info.mode, "emulated")):
            try:
                engine = dxpy.engine(info.name, mode=mode)
            except ValueError:
                continue
            for text in ("abc", "é😀", "", b"abc", b""):
                empty, dash = text[:0], ("-" if isinstance(text, str) else b"-")
                assert engine.count(text, empty) == text.count(empty)
                assert engine.find(text, empty) == 0
                for count in (-1, 2):
                    expected = text.replace(empty, dash, count)
                    assert engine.replace(text, empty, dash, count) == expected
            print(info.name, mode, "ok", flush=True)
    """
)


@pytest.mark.task("1.5")
@pytest.mark.task("1.6")
@pytest.mark.task("2.4")
def test_count_and_replace_with_an_empty_needle_terminate_on_every_engine():
    # In a child process: an engine stuck in C++ cannot be interrupted in ours.
    try:
        finished = fresh_process.run_python(TERMINATION_CHECK, timeout=60)
    except subprocess.TimeoutExpired as stuck:
        pytest.fail(f"an engine never returned; these had finished: {stuck.stdout!r}")
    assert finished.returncode == 0, finished.stderr
    finished_engines = {line.split()[0] for line in finished.stdout.splitlines()}
    assert finished_engines == {info.name for info in dxpy.engines()}
