"""SwissDict behaves as dict: a stateful model, run once per engine build.

Hypothesis drives a SwissDict and a dict (the oracle) through the same
operations, from keys built to collide (fixed hashes, -1/-2, b"a"/"a"), keys
equal across types (1, 1.0, True, 1+0j), NaN objects, str of every kind,
bulk inserts that force the index to grow and bulk deletions that fill it
with tombstones. After every step the two hold the same items in the same
order (the very same key objects), answer the same lookups, iterate and
reverse alike, compare equal both ways, compare unequal with every mapping
one key or one value away (dict or SwissDict, either side, == and !=), and the
index's invariants hold.
"""

from __future__ import annotations

import pickle
from collections.abc import ItemsView, KeysView, MutableMapping, ValuesView

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from mapping_keys import KEY_POOL, FreshKeys, pool_keys, same_items

import dxpy

pytestmark = [pytest.mark.task("3.6"), pytest.mark.task("3.7")]

ENGINE_NAMES = [info.name for info in dxpy.engines()]

values = st.integers(-5, 5) | st.sampled_from([None, "v", (1,)])


def outcome(call):
    """('ok', result) or ('raises', exception class, args): comparable across mappings."""
    try:
        return ("ok", call())
    except Exception as error:
        return ("raises", type(error), error.args)


class SwissDictAgainstDict(RuleBasedStateMachine):
    """One SwissDict and one dict, changed alike; engine_variant is set per engine."""

    engine_variant: tuple[str, str] = ("scalar", "native")

    @initialize(initial=st.lists(st.tuples(pool_keys(), values), max_size=20))
    def start(self, initial):
        name, mode = self.engine_variant
        self.engine = dxpy.engine(name, mode=mode)
        self.swiss = dxpy.SwissDict(initial, engine=self.engine)
        self.model = dict(initial)
        self.fresh = FreshKeys()

    def both(self, operation):
        """Run operation on both mappings; they must return or raise alike."""
        expected = outcome(lambda: operation(self.model))
        actual = outcome(lambda: operation(self.swiss))
        assert actual == expected, (actual, expected)
        return actual

    @rule(key=pool_keys(), value=values)
    def set_item(self, key, value):
        self.swiss[key] = value
        self.model[key] = value

    @rule(key=pool_keys())
    def delete_item(self, key):
        def delete(mapping):
            del mapping[key]

        self.both(delete)

    @rule(key=pool_keys())
    def get_item(self, key):
        self.both(lambda mapping: mapping[key])
        self.both(lambda mapping: mapping.get(key, "missing"))
        self.both(lambda mapping: key in mapping)

    @rule(key=pool_keys(), default=st.none() | values)
    def pop(self, key, default):
        self.both(lambda mapping: mapping.pop(key))
        self.both(lambda mapping: mapping.pop(key, default))

    @rule()
    def popitem(self):
        self.both(lambda mapping: mapping.popitem())

    @rule(key=pool_keys(), value=values)
    def setdefault(self, key, value):
        self.both(lambda mapping: mapping.setdefault(key, value))

    @rule(
        pairs=st.lists(st.tuples(pool_keys(), values), max_size=12),
        form=st.sampled_from(["pairs", "dict", "swiss", "iterator", "or-assign"]),
    )
    def update(self, pairs, form):
        if form == "pairs":
            self.swiss.update(pairs)
        elif form == "dict":
            self.swiss.update(dict(pairs))
        elif form == "swiss":
            self.swiss.update(dxpy.SwissDict(pairs, engine="scalar"))
        elif form == "iterator":
            self.swiss.update(iter(pairs))
        else:
            self.swiss |= pairs
        self.model.update(pairs)

    @rule(names=st.lists(st.sampled_from(["x", "y", "engine_like", "a"]), max_size=3))
    def update_keywords(self, names):
        keywords = {name: len(name) for name in names}
        self.swiss.update(**keywords)
        self.model.update(**keywords)

    @rule(other=st.lists(st.tuples(pool_keys(), values), max_size=8))
    def merge_operators(self, other):
        other_dict = dict(other)
        assert same_items(self.swiss | other_dict, self.model | other_dict)
        assert same_items(other_dict | self.swiss, other_dict | self.model)
        assert (self.swiss | other_dict).engine.name == self.engine.name

    @rule()
    def clear(self):
        self.swiss.clear()
        self.model.clear()

    @rule()
    def copy(self):
        copied = self.swiss.copy()
        assert type(copied) is dxpy.SwissDict and copied is not self.swiss
        assert copied.engine.name == self.engine.name
        self.swiss = copied

    @rule(count=st.sampled_from([17, 100, 700]), kind=st.sampled_from(["int", "str", "colliding"]))
    def bulk_insert(self, count, kind):
        """Enough new keys to grow the index. A colliding batch shares one hash and
        spans several groups; it stays small, as each insert compares with all of it."""
        if kind == "colliding":
            count = min(count, 40)
        for index, key in enumerate(self.fresh.take(count, kind)):
            self.swiss[key] = index
            self.model[key] = index

    @precondition(lambda self: len(self.model) > 0)
    @rule(share=st.sampled_from([2, 3, 10]), offset=st.integers(0, 9))
    def bulk_delete(self, share, offset):
        """Every share-th key: leaves tombstones and holes behind."""
        for key in list(self.model)[offset % share :: share]:
            del self.swiss[key]
            del self.model[key]

    @rule(engine=st.sampled_from(ENGINE_NAMES))
    def rebuild_through_pickle(self, engine):
        """A pickled copy, and a copy on another engine, hold the same items."""
        restored = pickle.loads(pickle.dumps(self.swiss))
        # New key objects (NaN among them): compared by their reprs.
        assert repr(list(restored.items())) == repr(list(self.model.items()))
        assert restored.engine.name == self.engine.name
        assert dxpy.SwissDict(self.swiss, engine=engine) == self.model

    @invariant()
    def same_contents(self):
        swiss, model = self.swiss, self.model
        assert len(swiss) == len(model)
        assert same_items(swiss, model)
        assert list(swiss) == list(model)
        assert list(swiss.keys()) == list(model.keys())
        assert list(swiss.values()) == list(model.values())
        assert list(reversed(swiss)) == list(reversed(model))
        assert list(reversed(swiss.items())) == list(reversed(model.items()))
        assert list(reversed(swiss.values())) == list(reversed(model.values()))
        swiss._check_index()

    @invariant()
    def same_answers(self):
        swiss, model = self.swiss, self.model
        assert swiss == model and model == swiss
        assert (swiss != model) is False
        assert swiss.keys() == model.keys() and swiss.items() == model.items()
        for key in KEY_POOL[::7]:
            assert (key in swiss) == (key in model)
            assert swiss.get(key, "missing") == model.get(key, "missing")

    @rule()
    def unequal_mappings_compare_unequal(self):
        """One key more, one less, one value changed: as a dict and as a SwissDict,
        on either side of == and !=, SwissDict answers as the model does."""
        variants = [{**self.model, object(): 0}]
        if self.model:
            last = next(reversed(self.model))
            fewer = dict(self.model)
            del fewer[last]
            changed = dict(self.model)
            changed[last] = object()  # equal to no value
            variants += [fewer, changed]
        for variant in variants:
            for other in (variant, dxpy.SwissDict(variant, engine=self.engine)):
                expected = (self.model == variant, self.model != variant)
                assert expected == (False, True)
                assert (self.swiss == other, self.swiss != other) == expected
                assert (other == self.swiss, other != self.swiss) == expected
                assert (self.swiss.items() == other.items()) is False


def test_swiss_dict_behaves_as_dict(engine):
    """The model, on every engine build (the engine fixture of conftest)."""
    machine = type(f"SwissDictAgainstDict_{engine.name}_{engine.mode}", (SwissDictAgainstDict,), {})
    machine.engine_variant = (engine.name, engine.mode)
    run_state_machine_as_test(machine, settings=settings(stateful_step_count=40))


def test_swiss_dict_is_a_mutable_mapping_with_dict_views():
    swiss = dxpy.SwissDict({1: "a", "b": 2})
    assert isinstance(swiss, MutableMapping)
    assert isinstance(swiss.keys(), KeysView) and isinstance(swiss.items(), ItemsView)
    assert isinstance(swiss.values(), ValuesView)
    assert swiss.keys() | {3} == {1, "b", 3} and swiss.keys() & {1} == {1}
    assert (1, "a") in swiss.items() and (1, "b") not in swiss.items()
    assert swiss.keys().mapping == {1: "a", "b": 2}
    assert repr(swiss) == "SwissDict({1: 'a', 'b': 2})"
    assert repr(dxpy.SwissDict()) == "SwissDict({})"
    assert repr(swiss.keys()) == "SwissDictKeys([1, 'b'])"


def test_repr_of_a_swiss_dict_inside_itself():
    swiss = dxpy.SwissDict()
    swiss["self"] = swiss
    assert repr(swiss) == "SwissDict({'self': ...})"


def test_one_key_for_equal_numbers_and_nan_by_identity():
    swiss = dxpy.SwissDict()
    swiss[1] = "int"
    swiss[1.0] = "float"
    swiss[True] = "bool"
    assert list(swiss.items()) == [(1, "bool")] and type(next(iter(swiss))) is int
    nan = float("nan")
    swiss[nan] = "nan"
    assert swiss[nan] == "nan" and float("nan") not in swiss


def test_engine_argument_forms(engine):
    assert dxpy.SwissDict().engine.name == dxpy.default_engine()
    assert dxpy.SwissDict(engine=engine).engine.mode == engine.mode
    assert dxpy.SwissDict({}, engine.name).engine.name == engine.name
    assert dxpy.SwissDict.fromkeys("ab", 0, engine="neon").engine.name == "neon"
    assert dxpy.SwissDict(x=1, engine="scalar") == {"x": 1}
