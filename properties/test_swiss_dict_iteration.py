"""SwissDict's iterators against dict's: mutation during iteration, at sizes
past the entry array's transitions, pickling, and what building reuses.

The entry array doubles when full, or is compacted (holes squeezed out, every
entry renumbered) when holes are a quarter of it (cpp/bindings/swiss_dict.cpp,
make_room; the index behind it grows and rebuilds per swiss_index.h). A dict of
8 to 64 keys changed a few times never reaches either, so the churn tests run
thousands of keys through enough deletions and insertions to compact, and
check that they did.
"""

from __future__ import annotations

import itertools
import pickle

import pytest

import dxpy

pytestmark = [pytest.mark.task("3.7")]

FORMS = {
    "keys": (lambda m: iter(m), lambda key, m: key),
    "values": (lambda m: iter(m.values()), lambda key, m: m[key]),
    "items": (lambda m: iter(m.items()), lambda key, m: (key, m[key])),
    "reversed-keys": (lambda m: reversed(m), lambda key, m: key),
    "reversed-values": (lambda m: reversed(m.values()), lambda key, m: m[key]),
    "reversed-items": (lambda m: reversed(m.items()), lambda key, m: (key, m[key])),
}


def outcome(run):
    try:
        return ("ok", run())
    except RuntimeError as error:
        return ("RuntimeError", str(error))


@pytest.mark.parametrize("form", ["keys", "values", "items"])
def test_delete_and_reinsert_during_iteration_raises_as_dict(engine, form):
    """The issue's case: the size is the same, but an entry past the cursor is new."""

    def program(mapping):
        seen = []
        for item in FORMS[form][0](mapping):
            seen.append(item)
            del mapping[0]
            mapping[0] = 0
        return seen

    expected = outcome(lambda: program({0: 0}))
    assert expected[0] == "RuntimeError"  # the oracle itself, so the test can fail
    assert outcome(lambda: program(dxpy.SwissDict({0: 0}, engine=engine))) == expected


# Forwards only: dict's reversed iterator has no "keys changed" check and,
# once dict resizes its 8-slot table, repeats keys ({0..3}: del the first, add
# one, reversed gives 3, 2, 3); the churn test below holds SwissDict's reversed
# iterators to the current order instead.
@pytest.mark.parametrize("form", ["keys", "values", "items"])
@pytest.mark.parametrize(
    "program",
    [
        "del-last-add",  # a trailing hole, then an append
        "popitem-add",  # popitem gives the position back: the new key is seen
        "del-first-add",
        "pop-add-two",
    ],
)
def test_small_mutations_during_iteration_as_dict(engine, form, program):
    """Same-size changes on a small dict: the very same items and error as dict."""

    def run(mapping):
        seen = []
        fresh = itertools.count(100)
        for step, item in enumerate(FORMS[form][0](mapping)):
            seen.append(item)
            if step > 6:
                break
            if program == "del-last-add":
                del mapping[next(reversed(mapping))]
            elif program == "popitem-add":
                mapping.popitem()
            elif program == "del-first-add":
                del mapping[next(iter(mapping))]
            else:
                mapping.pop(next(iter(mapping)))
                mapping.popitem()
                mapping[next(fresh)] = 1
            mapping[next(fresh)] = 0
        return seen

    pairs = [(key, key * 10) for key in range(4)]
    expected = outcome(lambda: run(dict(pairs)))
    assert outcome(lambda: run(dxpy.SwissDict(pairs, engine=engine))) == expected


def churn(size: int, mapping, form: str, deletions: int):
    """Iterate `form` of `mapping`, built as {k: k for k in range(size)}; after
    each item delete the `deletions` oldest keys and add as many new ones (the
    size stays). (outcome, seen items, items that were not the next one in the
    current order, compactions seen).

    The n-th key ever inserted is n for n < size and FRESH + n after: the live
    keys are always those numbered [deleted, inserted), so the next key in the
    current order is known at once. An iterator that runs on across a
    renumbering skips or repeats items, which shows here."""
    make_iterator, item_of = FORMS[form]
    backwards = form.startswith("reversed")

    def key_of(number):
        return number if number < size else FRESH + number

    deleted, inserted = 0, size
    seen, strays, compactions = [], 0, 0
    previous = None  # the number of the key of the last item seen
    swiss = isinstance(mapping, dxpy.SwissDict)
    used = mapping._check_index()["entries_used"] if swiss else 0
    try:
        for item in make_iterator(mapping):
            if previous is None:
                expected = inserted - 1 if backwards else deleted
            elif backwards:
                expected = previous - 1  # below `deleted`: nothing is left to see
            else:
                expected = max(previous + 1, deleted)
            live = deleted <= expected < inserted
            if not live or item != item_of(key_of(expected), mapping):
                strays += 1
            key = item[0] if form.endswith("items") else item  # values are the keys
            previous = key if key < size else key - FRESH
            seen.append(item)
            for _ in range(deletions):
                del mapping[key_of(deleted)]
                deleted += 1
            for _ in range(deletions):
                mapping[key_of(inserted)] = key_of(inserted)
                inserted += 1
            if swiss:
                now = mapping._check_index()["entries_used"]
                compactions += now < used
                used = now
        result = ("ok",)
    except RuntimeError as error:
        result = ("RuntimeError", str(error))
    return result, seen, strays, compactions


FRESH = 10**7
CHURN = [(3000, 1), (3000, 3)]


@pytest.mark.parametrize("form", list(FORMS))
@pytest.mark.parametrize(("size", "deletions"), CHURN, ids=[f"{s}x{d}" for s, d in CHURN])
def test_iteration_across_a_compaction_raises_instead_of_skipping(engine, form, size, deletions):
    """Past the transition: SwissDict never yields other than the next item, and
    raises 'keys changed' once its entries were renumbered; wherever dict raises,
    it raises the same. (dict itself, after its own resize, may skip or repeat
    keys silently: its outcome is compared only where it raises.)"""
    pairs = [(key, key) for key in range(size)]
    result, seen, strays, compactions = churn(
        size, dxpy.SwissDict(pairs, engine=engine), form, deletions
    )
    assert compactions >= 1, "the churn never compacted: the test is below the transition"
    assert strays == 0, f"{strays} items out of order before the error"
    assert result == ("RuntimeError", "dictionary keys changed during iteration")
    oracle, oracle_seen, oracle_strays, _ = churn(size, dict(pairs), form, deletions)
    if oracle[0] == "RuntimeError":
        assert result == oracle
    if oracle_strays == 0:  # dict never reorganised under its iterator: the same items
        common = min(len(seen), len(oracle_seen))
        assert seen[:common] == oracle_seen[:common]


@pytest.mark.parametrize("form", list(FORMS))
def test_iterators_pickle_as_dicts_do(engine, form):
    """iter(list of what is left), at every point, exhausted included, without
    advancing the pickled iterator; after a size change both refuse alike."""
    make_iterator = FORMS[form][0]
    pairs = [(key, str(key)) for key in range(6)]
    for advanced in range(8):
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            mine = make_iterator(dxpy.SwissDict(pairs, engine=engine))
            theirs = make_iterator(dict(pairs))
            for _ in range(advanced):
                assert next(mine, None) == next(theirs, None)
            restored = pickle.loads(pickle.dumps(mine, protocol))
            assert type(restored) is type(pickle.loads(pickle.dumps(theirs, protocol)))
            remaining = list(theirs)
            assert list(restored) == remaining
            assert list(mine) == remaining
    swiss, plain = dxpy.SwissDict(pairs, engine=engine), dict(pairs)
    mine, theirs = make_iterator(swiss), make_iterator(plain)
    next(mine), next(theirs)
    swiss[99] = plain[99] = "new"
    assert outcome(lambda: pickle.dumps(mine)) == outcome(lambda: pickle.dumps(theirs))


class CountedHash:
    calls = 0

    def __init__(self, number):
        self.number = number

    def __hash__(self):
        CountedHash.calls += 1
        return self.number % 7

    def __eq__(self, other):
        return isinstance(other, CountedHash) and other.number == self.number


class DictSubclass(dict):
    pass


class DictSubclassOwnIteration(dict):
    def __iter__(self):
        return iter(list(dict.__iter__(self)))


def hash_calls(build) -> int:
    before = CountedHash.calls
    build()
    return CountedHash.calls - before


@pytest.mark.parametrize(
    "source_kind", ["dict", "dict-subclass", "dict-subclass-own-iter", "keywords"]
)
def test_building_from_a_dict_hashes_as_dict_does(engine, source_kind):
    """dict(d) reuses d's stored hashes unless d's class overrides __iter__."""
    keys = [CountedHash(number) for number in range(40)]
    if source_kind == "keywords":
        source = {f"k{number}": number for number in range(40)}
        assert hash_calls(lambda: dxpy.SwissDict(**source, engine=engine)) == 0
        return
    source = {"dict": dict, "dict-subclass": DictSubclass}.get(
        source_kind, DictSubclassOwnIteration
    )(zip(keys, range(40), strict=True))
    expected = hash_calls(lambda: dict(source))
    assert hash_calls(lambda: dxpy.SwissDict(source, engine=engine)) == expected
    target = dxpy.SwissDict(engine=engine)
    assert hash_calls(lambda: target.update(source)) == expected
    assert hash_calls(lambda: dxpy.SwissDict(target, engine=engine)) == 0


@pytest.mark.parametrize("call", ["constructor", "update"])
def test_keywords_must_be_strings(engine, call):
    def run(kind):
        target = kind() if call == "update" else None
        try:
            (target.update if call == "update" else kind)(**{1: 2})
        except TypeError as error:
            return str(error)
        return "no error"

    expected = run(dict)
    assert expected == "keywords must be strings"
    # The call goes straight to SwissDict (a Python wrapper would raise itself).
    assert run(lambda: dxpy.SwissDict(engine=engine)) == expected if call == "update" else True
    if call == "constructor":
        try:
            dxpy.SwissDict(**{1: 2, "engine": engine})
        except TypeError as error:
            assert str(error) == expected
        else:
            raise AssertionError("SwissDict(**{1: 2}) accepted a non-str keyword")
