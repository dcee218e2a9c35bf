"""SwissDict's benchmark cases: lookups, inserts and deletions of int and str keys against dict.

Every case runs one Python-level loop over all keys (the case's size: the
targets' size is 1 Mi keys), the way a program uses a mapping: the
interpreter's own subscript for ``dict``, the mapping slots of SwissDict. Keys
are drawn from the run's seed; lookups visit them in a shuffled order, so
neither mapping gets the memory order of its insertions for free. The keys
and the mappings built from them are made on first use (a run that selects
no dict case pays nothing) and shared by the cases of one key kind; the timed
calls leave a mapping's contents as they found them.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Hashable, Iterator, MutableMapping

import dxpy
from dxpy.bench.cases import CPYTHON, Candidate, Case, CaseContext, Prepared, engine_candidate_id

KEY_KINDS = ("int-keys", "str-keys")
# op -> what its timed call does
DICT_OPS = {
    "lookup": "m[k] for every key, shuffled order",
    "insert": "m[k] = k for every key into an empty mapping",
    "miss": "k in m for as many absent keys",
    "delete": "del m[k] then m[k] = k for half of the keys",
}

Factory = Callable[[], MutableMapping]


def _lookup_all(mapping: MutableMapping, keys: list) -> None:
    for key in keys:
        mapping[key]


def _contains_all(mapping: MutableMapping, keys: list) -> None:
    for key in keys:
        key in mapping  # noqa: B015 -- the lookup is the work


def _insert_all(factory: Factory, keys: list) -> MutableMapping:
    mapping = factory()
    for key in keys:
        mapping[key] = key
    return mapping


def _delete_and_reinsert(mapping: MutableMapping, keys: list) -> MutableMapping:
    for key in keys:
        del mapping[key]
    for key in keys:
        mapping[key] = key
    return mapping


class _KeySet:
    """The keys of one kind, and the mapping each candidate built from them."""

    def __init__(self, kind: str, count: int, seed: int) -> None:
        self.kind, self.count, self.seed = kind, count, seed
        self._built: dict[str, MutableMapping] = {}

    @functools.cached_property
    def _drawn(self) -> tuple[list[Hashable], list[Hashable], list[Hashable]]:
        """(keys, absent keys, the keys in probing order)."""
        rng = random.Random(f"dict-{self.kind}-{self.seed}")
        numbers = rng.sample(range(1 << 62), 2 * self.count)  # their own hash; 2 digits each
        if self.kind == "str-keys":
            numbers = [f"k{number:x}" for number in numbers]
        keys, absent = numbers[: self.count], numbers[self.count :]
        return keys, absent, rng.sample(keys, len(keys))

    @property
    def keys(self) -> list[Hashable]:
        return self._drawn[0]

    @property
    def absent(self) -> list[Hashable]:
        return self._drawn[1]

    @property
    def probes(self) -> list[Hashable]:
        return self._drawn[2]

    @property
    def half(self) -> list[Hashable]:
        return self.probes[: self.count // 2]

    def built(self, candidate_id: str, factory: Factory) -> MutableMapping:
        if candidate_id not in self._built:
            self._built[candidate_id] = _insert_all(factory, self.keys)
        return self._built[candidate_id]


def _calls(key_set: _KeySet, op: str, candidate_id: str, factory: Factory) -> tuple:
    """(timed call, answer) of one candidate: the answer is what the oracle compares."""

    def built() -> MutableMapping:
        return key_set.built(candidate_id, factory)

    if op == "insert":

        def insert() -> MutableMapping:
            return _insert_all(factory, key_set.keys)

        return insert, lambda: list(insert().items())
    if op == "delete":

        def delete_half_of_fresh() -> list:
            fresh = _insert_all(factory, key_set.keys)
            return list(_delete_and_reinsert(fresh, key_set.half).items())

        return lambda: _delete_and_reinsert(built(), key_set.half), delete_half_of_fresh
    if op == "lookup":
        return lambda: _lookup_all(built(), key_set.probes), lambda: [
            built()[key] for key in key_set.probes
        ]
    return lambda: _contains_all(built(), key_set.absent), lambda: [
        key in built() for key in key_set.absent
    ]


def _candidates(engines: tuple[dxpy.Engine, ...]) -> list[tuple]:
    """(id, label, role, factory, engine): each engine's SwissDict, then CPython's dict."""
    rows = [
        (
            engine_candidate_id(engine),
            f"dxpy SwissDict {engine.name} ({engine.mode})",
            "engine",
            functools.partial(dxpy.SwissDict, engine=engine),
            engine,
        )
        for engine in engines
    ]
    return [*rows, (CPYTHON, "CPython dict", "peer", dict, None)]


@functools.lru_cache(maxsize=2)
def _key_set(kind: str, count: int, seed: int) -> _KeySet:
    """The keys of one kind and size (the cases of a size follow each other)."""
    return _KeySet(kind, count, seed)


def _prepare(context: CaseContext, kind: str, count: int, op: str) -> Prepared:
    key_set = _key_set(kind, count, context.corpus.seed)
    candidates = []
    for candidate_id, label, role, factory, engine in _candidates(context.engines):
        call, answer = _calls(key_set, op, candidate_id, factory)
        candidates.append(
            Candidate(
                candidate_id,
                label,
                role,
                call,
                answer,
                engine=None if engine is None else engine.name,
                mode=None if engine is None else engine.mode,
            )
        )
    # size_bytes: one "byte" per key, so the GB/s columns read Gkeys/s.
    return Prepared(count, candidates[-1].answer, tuple(candidates))  # oracle: CPython's dict


def swiss_dict_cases(context: CaseContext, count: int) -> Iterator[Case]:
    """Every SwissDict case at ``count`` keys: each op on int and on str keys."""
    for kind in KEY_KINDS:
        for op in DICT_OPS:
            yield Case(
                id=f"swissdict/{kind}/{op}",
                op=f"dict-{op}",
                input=kind,
                variant=DICT_OPS[op],
                size=count,
                unit="keys",
                prepare=functools.partial(_prepare, context, kind, count, op),
                quick=True,
            )
