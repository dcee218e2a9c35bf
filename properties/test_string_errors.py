"""P27 for the string engines: bad input fails as in CPython, clearly, and harmlessly.

For every operation and argument position, a wrong type, an empty separator, a
maxsplit or count that is not an int or does not fit a C ``Py_ssize_t``, and a
byte out of range raise the exception class CPython raises for the same call
(found by making that call), with a message that names what was wrong; the
process survives and no argument changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest
from string_ops import TASKS_OF_OP, snapshot, task_marks, typed

pytestmark = [pytest.mark.task(task_id) for task_id in ("4.4", "4.6", "4.8")]


def as_given(parts: Any) -> Any:
    """A join 'container' that passes its parts on untouched (e.g. a non-iterable)."""
    return parts


def failing_after_first(parts: tuple) -> Iterable:
    """An iterable whose iteration raises midway: the engine must pass it on."""
    yield parts[0]
    raise ZeroDivisionError("raised by the iterable itself")


def on_cpython(op: str, args: tuple) -> Any:
    """CPython's answer through the unbound method (``str.find(h, n)``), so a
    receiver of the wrong type gets CPython's TypeError rather than AttributeError."""
    receiver = args[0] if args else ""
    owner = type(receiver) if isinstance(receiver, (str, bytes, bytearray)) else str
    if op == "join":
        separator, parts, container = args
        return owner.join(separator, container(parts))
    return getattr(owner, op)(*args)


def on_engine(engine, op: str, args: tuple) -> Any:
    if op == "join":
        separator, parts, container = args
        return engine.join(separator, container(parts))
    return getattr(engine, op)(*args)


def outcome(run: Callable[[], Any]) -> tuple[str, Any, str]:
    """('returns', typed result, '') or ('raises', exception class, message)."""
    try:
        return ("returns", typed(run()), "")
    except Exception as error:
        return ("raises", type(error), str(error))


def error_case(op: str, *args, mentions: tuple[str, ...] = (), id: str) -> pytest.param:
    return pytest.param(op, args, mentions, id=id, marks=task_marks(*TASKS_OF_OP[op]))


def for_find_and_count(*args, mentions: tuple[str, ...] = (), id: str) -> list:
    return [error_case(op, *args, mentions=mentions, id=f"{op}-{id}") for op in ("find", "count")]


ERROR_CASES = [
    *for_find_and_count("abc", 1, mentions=("int",), id="str-with-int-needle"),
    *for_find_and_count("abc", b"a", mentions=("bytes",), id="str-with-bytes-needle"),
    *for_find_and_count("abc", None, mentions=("NoneType",), id="str-with-none-needle"),
    *for_find_and_count(b"abc", "a", mentions=("str",), id="bytes-with-str-needle"),
    *for_find_and_count(b"abc", 1.0, mentions=("float",), id="bytes-with-float-needle"),
    *for_find_and_count(b"abc", [97], mentions=("list",), id="bytes-with-list-needle"),
    *for_find_and_count(b"abc", 256, mentions=("256",), id="bytes-with-int-needle-256"),
    *for_find_and_count(b"abc", -1, mentions=("256",), id="bytes-with-negative-int-needle"),
    *for_find_and_count(b"abc", 2**64, id="bytes-with-huge-int-needle"),
    *for_find_and_count(bytearray(b"abc"), "a", mentions=("str",), id="bytearray-with-str"),
    *for_find_and_count(123, "a", mentions=("int",), id="int-haystack"),
    *for_find_and_count(None, "a", mentions=("NoneType",), id="none-haystack"),
    *for_find_and_count(memoryview(b"abc"), b"a", mentions=("memoryview",), id="memoryview-hay"),
    *for_find_and_count("abc", id="missing-needle"),
    *for_find_and_count(b"abcd", memoryview(b"abcd")[::2], id="non-contiguous-needle"),
    error_case(
        "replace", b"abcd", memoryview(b"abcd")[::2], b"", -1, id="replace-non-contiguous-old"
    ),
    error_case("lower", 123, mentions=("int",), id="lower-int"),
    error_case("upper", None, mentions=("NoneType",), id="upper-none"),
    error_case("lower", ["A"], mentions=("list",), id="lower-list"),
    error_case("upper", memoryview(b"a"), mentions=("memoryview",), id="upper-memoryview"),
    error_case("lower", id="lower-missing-text"),
    error_case("split", "a b", "", -1, mentions=("empty separator",), id="split-empty-separator"),
    error_case("split", b"a b", b"", -1, mentions=("empty separator",), id="split-bytes-empty-sep"),
    error_case(
        "split", bytearray(b"a"), memoryview(b""), -1, mentions=("empty",), id="split-empty-view"
    ),
    error_case("split", "a b", b" ", -1, mentions=("bytes",), id="split-str-by-bytes"),
    error_case("split", b"a b", " ", -1, mentions=("str",), id="split-bytes-by-str"),
    error_case("split", "a b", 1, -1, mentions=("int",), id="split-by-int"),
    error_case("split", "a b", None, "1", mentions=("str",), id="split-maxsplit-str"),
    error_case("split", "a b", None, 1.0, mentions=("float",), id="split-maxsplit-float"),
    error_case("split", "a b", None, None, mentions=("NoneType",), id="split-maxsplit-none"),
    error_case("split", 123, None, -1, mentions=("int",), id="split-int-text"),
    error_case("replace", "abc", 1, "x", -1, mentions=("int",), id="replace-int-old"),
    error_case("replace", "abc", "a", 1, -1, mentions=("int",), id="replace-int-new"),
    error_case("replace", "abc", "a", b"x", -1, mentions=("bytes",), id="replace-bytes-new"),
    error_case("replace", "abc", "a", "x", "1", mentions=("str",), id="replace-count-str"),
    error_case("replace", "abc", "a", "x", 1.5, mentions=("float",), id="replace-count-float"),
    error_case("replace", "abc", "a", "x", None, mentions=("NoneType",), id="replace-count-none"),
    error_case("replace", b"abc", "a", b"x", -1, mentions=("str",), id="replace-bytes-str-old"),
    error_case("replace", b"abc", b"a", "x", -1, mentions=("str",), id="replace-bytes-str-new"),
    error_case("replace", b"abc", 97, b"x", -1, mentions=("int",), id="replace-bytes-int-old"),
    error_case("replace", None, "a", "x", -1, mentions=("NoneType",), id="replace-none-text"),
    error_case("replace", "abc", "a", id="replace-missing-new"),
    error_case("join", ",", 5, as_given, mentions=("iterable",), id="join-non-iterable"),
    error_case("join", ",", None, as_given, mentions=("iterable",), id="join-none"),
    error_case("join", ",", ("a", 1), list, mentions=("item 1", "int"), id="join-int-item"),
    error_case("join", ",", ("a", "b", b"c"), list, mentions=("item 2", "bytes"), id="join-bytes"),
    error_case("join", ",", ("a",) * 40 + (None,), iter, mentions=("item 40",), id="join-late"),
    error_case("join", b",", (b"a", "b"), list, mentions=("item 1", "str"), id="join-bytes-str"),
    error_case("join", b",", (b"a", 1), tuple, mentions=("item 1", "int"), id="join-bytes-int"),
    error_case("join", bytearray(b","), (1,), list, mentions=("item 0",), id="join-bytearray-int"),
    error_case("join", 5, ("a",), list, mentions=("int",), id="join-int-separator"),
    error_case("join", ",", ("a", "b"), failing_after_first, id="join-iterable-raises"),
]


@pytest.mark.parametrize(("op", "args", "mentions"), ERROR_CASES)
def test_bad_input_raises_cpythons_exception_class_with_a_clear_message(engine, op, args, mentions):
    expected = outcome(lambda: on_cpython(op, args))
    assert expected[0] == "raises", f"CPython accepts {op}{args!r}: not an error case"
    before = snapshot(args)
    actual = outcome(lambda: on_engine(engine, op, args))
    assert actual[:2] == expected[:2], f"{engine.name}.{op}{args!r}: {actual[2]!r}"
    message = actual[2]
    assert message.strip(), "the exception carries no message"
    for context in mentions:
        assert context in message, f"message {message!r} does not mention {context!r}"
    assert snapshot(args) == before, "a failed operation changed its arguments"


@pytest.mark.task("1.3")
@pytest.mark.task("2.3")
@pytest.mark.parametrize(
    ("a", "b"),
    [("a", 1), (1, "a"), (None, None), (b"a", 1.0), ("a", ["a"]), (["a"], ["a"])],
    ids=["str-int", "int-str", "none-none", "bytes-float", "str-list", "list-list"],
)
def test_eq_of_anything_but_str_or_bytes_raises_type_error_naming_the_type(engine, a, b):
    with pytest.raises(TypeError) as raised:
        engine.eq(a, b)
    wrong = next(value for value in (a, b) if not isinstance(value, (str, bytes)))
    assert type(wrong).__name__ in str(raised.value)


EXTREME_LIMITS = [2**63 - 1, -(2**63), 2**63, -(2**63) - 1, 2**100, -(2**100), 2**31, 2**32]


@pytest.mark.task("1.5")
@pytest.mark.task("2.4")
@pytest.mark.task("4.5")
@pytest.mark.parametrize("limit", EXTREME_LIMITS, ids=[f"{limit:#x}" for limit in EXTREME_LIMITS])
@pytest.mark.parametrize(
    ("op", "args"),
    [
        ("split", ("a b  c ", None)),
        ("split", ("a,b,,c", ",")),
        ("split", (b"a b", None)),
        ("replace", ("abcabc", "b", "XY")),
        ("replace", ("ab", "", "-")),
        ("replace", (bytearray(b"abab"), b"a", b"")),
    ],
    ids=[
        "split-whitespace",
        "split-separator",
        "split-bytes",
        "replace",
        "replace-empty-old",
        "replace-bytearray",
    ],
)
def test_extreme_maxsplit_and_count_answer_or_overflow_exactly_like_cpython(
    engine, op, args, limit
):
    expected = outcome(lambda: on_cpython(op, (*args, limit)))
    actual = outcome(lambda: on_engine(engine, op, (*args, limit)))
    assert actual[:2] == expected[:2], actual[2]
