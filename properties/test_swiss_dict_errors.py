"""P27 for SwissDict: every failure raises CPython's class, with context, and changes nothing.

dict is the oracle: a key whose ``__hash__`` or ``__eq__`` raises, a missing
key, an empty ``popitem``, a change of size during iteration and arguments
of the wrong type fail on a SwissDict exactly as on a dict (same exception
class and arguments), the SwissDict holds the same items afterwards as before
(and as the dict), and the process survives ``__eq__`` and ``__del__`` methods
that change the mapping under the lookup or the removal that runs them.
"""

from __future__ import annotations

import gc
import weakref

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mapping_keys import COLLIDING_HASHES, CollidingKey, pool_keys, same_items

import dxpy

pytestmark = [pytest.mark.task(task_id) for task_id in ("4.3", "3.7", "4.6", "4.8")]


class RaisingHash:
    """A key whose hash raises."""

    def __hash__(self) -> int:
        raise ZeroDivisionError("hash of a RaisingHash")


class RaisingEq:
    """A key colliding with the pool's CollidingKeys whose comparison raises."""

    def __init__(self, hash_value: int) -> None:
        self.hash_value = hash_value

    def __hash__(self) -> int:
        return self.hash_value

    def __eq__(self, other: object) -> bool:
        raise ArithmeticError(f"eq of a RaisingEq with {other!r}")


def outcome(call):
    try:
        return ("ok", call())
    except Exception as error:
        return ("raises", type(error), error.args)


OPERATIONS = {
    "getitem": lambda mapping, key: mapping[key],
    "setitem": lambda mapping, key: mapping.__setitem__(key, "new"),
    "delitem": lambda mapping, key: mapping.__delitem__(key),
    "contains": lambda mapping, key: key in mapping,
    "get": lambda mapping, key: mapping.get(key),
    "pop": lambda mapping, key: mapping.pop(key),
    "pop-default": lambda mapping, key: mapping.pop(key, "default"),
    "setdefault": lambda mapping, key: mapping.setdefault(key, "default"),
    "update-pairs": lambda mapping, key: mapping.update([(key, "new")]),
    "update-dict-of-one": lambda mapping, key: mapping.update({key: "new"}),
    "or-assign": lambda mapping, key: mapping.__ior__([("first", 1), (key, 2)]),
}

failing_keys = st.one_of(
    st.builds(RaisingHash),
    st.sampled_from(COLLIDING_HASHES).map(RaisingEq),
    st.sampled_from([[1], {}, {1: 2}, set()]),  # unhashable
    pool_keys(),  # missing or present: KeyError or success, as in dict
)


@given(
    initial=st.lists(st.tuples(pool_keys(), st.integers(0, 3)), max_size=25),
    key=failing_keys,
    operation=st.sampled_from(sorted(OPERATIONS)),
)
def test_failing_operations_fail_as_on_dict_and_change_nothing(engine, initial, key, operation):
    swiss = dxpy.SwissDict(initial, engine=engine)
    model = dict(initial)
    before = list(swiss.items())
    expected = outcome(lambda: OPERATIONS[operation](model, key))
    actual = outcome(lambda: OPERATIONS[operation](swiss, key))
    assert actual[:2] == expected[:2]
    if expected[0] == "raises":
        assert actual[2] == expected[2]  # the context: the key, the type name, the message
    if expected[0] == "raises" and operation not in ("update-pairs", "or-assign"):
        assert same_items(swiss, dict(before))  # unchanged, item for item
    assert same_items(swiss, model)
    swiss._check_index()


def test_key_error_carries_the_key_even_a_tuple():
    swiss = dxpy.SwissDict({1: 2})
    for key in ("missing", (1, 2), ()):
        for fail in (lambda k: swiss[k], lambda k: swiss.__delitem__(k), lambda k: swiss.pop(k)):
            with pytest.raises(KeyError) as raised:
                fail(key)
            assert raised.value.args == (key,)
    assert dxpy.SwissDict().pop([], "default") == {}.pop([], "default") == "default"
    with pytest.raises(KeyError) as raised:
        dxpy.SwissDict().popitem()
    assert raised.value.args == ("popitem(): dictionary is empty",)


ITERATIONS = {
    "keys": lambda mapping: iter(mapping),
    "values": lambda mapping: iter(mapping.values()),
    "items": lambda mapping: iter(mapping.items()),
    "reversed": lambda mapping: reversed(mapping),
}
MUTATIONS = {
    "insert": lambda mapping: mapping.__setitem__("new", 1),
    "delete": lambda mapping: mapping.__delitem__(next(iter(mapping))),
    "clear": lambda mapping: mapping.clear(),
    "popitem": lambda mapping: mapping.popitem(),
    "update": lambda mapping: mapping.update({"a": 1, "b": 2}),
    "replace-a-key": lambda mapping: (mapping.popitem(), mapping.__setitem__("other", 0)),
    "change-a-value": lambda mapping: mapping.__setitem__(next(iter(mapping)), "changed"),
}


def iterate_while(mutate, iteration, mapping):
    """What an iteration yields and raises when `mutate` runs after its first step."""
    events = []
    iterator = ITERATIONS[iteration](mapping)
    for step in range(12):
        result = outcome(lambda: next(iterator))
        events.append(result)
        if result[0] == "raises":
            if result[1] is StopIteration:
                break
            events.append(outcome(lambda: next(iterator)))  # the error stays
            break
        if step == 0:
            mutate(mapping)
    return events


@pytest.mark.parametrize("iteration", sorted(ITERATIONS))
@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_changes_during_iteration_raise_as_in_dict(engine, mutation, iteration):
    model = {key: key * 10 for key in range(3)}
    swiss = dxpy.SwissDict(model, engine=engine)
    expected = iterate_while(MUTATIONS[mutation], iteration, model)
    assert iterate_while(MUTATIONS[mutation], iteration, swiss) == expected
    assert same_items(swiss, model)


def test_keys_changed_during_iteration(engine):
    """Same size, but a yielded key was swapped for a new one: dict's second message."""
    for mapping in ({0: 0, 1: 1, 2: 2}, dxpy.SwissDict({0: 0, 1: 1, 2: 2}, engine=engine)):
        iterator = iter(mapping)
        first = next(iterator)
        del mapping[first]
        mapping["new"] = 3
        with pytest.raises(RuntimeError, match="dictionary keys changed during iteration"):
            list(iterator)


WRONG_ARGUMENTS = [
    ("constructor-int", lambda cls: cls(1)),
    ("constructor-ints", lambda cls: cls([1, 2])),
    ("constructor-triples", lambda cls: cls([(1, 2, 3)])),
    ("constructor-strings", lambda cls: cls(["abc"])),
    ("update-two-arguments", lambda cls: cls().update({}, {})),
    ("update-none", lambda cls: cls().update(None)),
    ("get-no-argument", lambda cls: cls().get()),
    ("get-three-arguments", lambda cls: cls().get(1, 2, 3)),
    ("pop-no-argument", lambda cls: cls().pop()),
    ("setdefault-no-argument", lambda cls: cls().setdefault()),
    ("popitem-argument", lambda cls: cls().popitem(1)),
    ("fromkeys-int", lambda cls: cls.fromkeys(1)),
    ("fromkeys-no-argument", lambda cls: cls.fromkeys()),
    ("or-list", lambda cls: cls() | [(1, 2)]),
    ("ror-list", lambda cls: [(1, 2)] | cls()),
    ("ior-int", lambda cls: cls().__ior__(1)),
    ("less-than", lambda cls: cls() < cls()),
    ("hash", lambda cls: hash(cls())),
    ("unhashable-key", lambda cls: cls({(1, [2]): 3})),
]


@pytest.mark.parametrize(("name", "call"), WRONG_ARGUMENTS, ids=[n for n, _ in WRONG_ARGUMENTS])
def test_wrong_arguments_raise_dicts_exception_class(name, call):
    expected = outcome(lambda: call(dict))
    actual = outcome(lambda: call(dxpy.SwissDict))
    assert expected[0] == actual[0] == "raises"
    assert actual[1] is expected[1], (name, actual, expected)
    message, expected_message = str(actual[2]), str(expected[2])
    # Same message, up to the type's name (dict -> dxpy.SwissDict).
    message = message.replace("dxpy.SwissDict", "dict").replace("SwissDict", "dict")
    assert message == expected_message, (message, expected_message)


def test_bad_engine_arguments():
    with pytest.raises(ValueError, match="unknown engine 'nope'"):
        dxpy.SwissDict(engine="nope")
    with pytest.raises(TypeError, match=r"engine must be a str, a dxpy\.Engine or None, not 'int'"):
        dxpy.SwissDict({}, 3)
    with pytest.raises(TypeError, match="multiple values for argument 'engine'"):
        dxpy.SwissDict({}, "scalar", engine="avx2")


class NastyKey:
    """CPython's test_mutating_lookup: __eq__ deletes a key from the dict being probed."""

    mutate = None

    def __init__(self, value):
        self.value = value

    def __hash__(self):
        return 1

    def __eq__(self, other):
        if NastyKey.mutate is not None:
            mapping, key = NastyKey.mutate
            NastyKey.mutate = None
            del mapping[key]
        return self.value == other.value


def test_eq_that_mutates_the_dict_during_lookup(engine):
    for mapping in ({}, dxpy.SwissDict(engine=engine)):
        first, second = NastyKey(1), NastyKey(2)
        mapping[first] = 1
        NastyKey.mutate = (mapping, first)
        mapping[second] = 2
        assert list(mapping.items()) == [(second, 2)]
    swiss = dxpy.SwissDict(engine=engine)
    swiss._check_index()


class ClearingKey:
    """A colliding key whose __eq__ empties (or refills) the mapping that compares it."""

    def __init__(self, mapping, refill):
        self.mapping, self.refill = mapping, refill

    def __hash__(self):
        return 5

    def __eq__(self, other):
        self.mapping.clear()
        if self.refill:
            self.mapping.update({n: n for n in range(100)})
        return False


@pytest.mark.parametrize("refill", [False, True])
def test_eq_that_clears_the_dict_during_lookup(engine, refill):
    results = []
    for mapping in ({}, dxpy.SwissDict(engine=engine)):
        mapping[ClearingKey(mapping, refill=False)] = "stored"
        probe = ClearingKey(mapping, refill)
        results.append((outcome(lambda mapping=mapping, p=probe: mapping.get(p)), len(mapping)))
    assert results[0] == results[1]


class AlwaysMutating:
    """An __eq__ that changes the dict on every call: dict would restart forever."""

    def __init__(self, mapping):
        self.mapping = mapping

    def __hash__(self):
        return 9

    def __eq__(self, other):
        self.mapping[object()] = None
        return False


def test_eq_that_mutates_on_every_call_ends_in_runtime_error(engine):
    swiss = dxpy.SwissDict(engine=engine)
    swiss[AlwaysMutating(swiss)] = 1
    with pytest.raises(RuntimeError, match="__eq__ keeps mutating it"):
        AlwaysMutating(swiss) in swiss  # noqa: B015
    swiss._check_index()


class MeddlingValue:
    """A value whose destructor changes the dict it was removed from."""

    def __init__(self, mapping):
        self.mapping = mapping

    def __del__(self):
        self.mapping["from __del__"] = len(self.mapping)
        self.mapping.pop(0, None)


def test_destructors_run_after_the_dict_is_consistent(engine):
    swiss = dxpy.SwissDict(engine=engine)
    for removal in ("delete", "replace", "pop", "popitem", "clear"):
        swiss.update({0: 0, 1: MeddlingValue(swiss), 2: 2})
        if removal == "delete":
            del swiss[1]
        elif removal == "replace":
            swiss[1] = "plain"
        elif removal == "pop":
            swiss.pop(1)
        elif removal == "popitem":
            swiss.pop(2)
            swiss.popitem()
        else:
            swiss.clear()
        swiss._check_index()
        assert "from __del__" in swiss


def test_cycles_through_values_are_collected(engine):
    class Node:
        pass

    node = Node()
    node.mapping = dxpy.SwissDict({"node": node, "self": None}, engine=engine)
    node.mapping["self"] = node.mapping
    alive = weakref.ref(node)
    del node
    gc.collect()
    assert alive() is None


def test_iterator_survives_its_dict_and_reports_length():
    swiss = dxpy.SwissDict({1: 1, 2: 2})
    iterator = iter(swiss.items())
    assert iterator.__length_hint__() == 2
    next(iterator)
    del swiss
    gc.collect()
    assert list(iterator) == [(2, 2)] and iterator.__length_hint__() == 0


def test_eq_logged_keys_are_compared_stored_first():
    """dict compares stored == probe, the stored key's __eq__ first."""
    CollidingKey.log = []
    try:
        stored, probe = CollidingKey(1, 0), CollidingKey(2, 0)
        swiss = dxpy.SwissDict({stored: 1})
        assert probe not in swiss
        assert CollidingKey.log == [(1, 2)]
    finally:
        CollidingKey.log = None
