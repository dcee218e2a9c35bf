"""Every benchmark family with its sizes, and the plan of a run: which cases, in which order.

Sizes are powers of four. Texts go from 64 B to 16 MiB; SimdList from 64 to
4 Mi elements (8 bytes each; a Python list of more would dominate the run's
memory); SwissDict from 1 Ki to 1 Mi keys (each timed call is a Python loop
over all keys). The targets of the engines and collections issues are
defined at :data:`TARGET_SIZE` (1 MiB of text, 1 Mi elements, 1 Mi keys).

Components that land later add their own family with :func:`register_family`
(from the module that defines their cases, imported here).

A quick run measures fewer sizes, and at each of them only the cases marked
``quick`` plus, at the targets' size, every case a target names; SwissDict,
whose calls are slowest, is measured at 64 Ki keys only (its targets are then
read there, and say so).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from dxpy.bench.cases import STRING_FAMILIES, Case, CaseContext
from dxpy.bench.dict_cases import swiss_dict_cases
from dxpy.bench.list_cases import simd_list_cases
from dxpy.bench.targets import DEFAULT_CAPABLE, TARGET_SIZE, all_targets

KIBI, MEBI = 1 << 10, 1 << 20

TEXT_SIZES = tuple(64 << (2 * step) for step in range(10))  # 64 B .. 16 MiB
LIST_SIZES = tuple(64 << (2 * step) for step in range(9))  # 64 .. 4 Mi elements
DICT_SIZES = tuple(KIBI << (2 * step) for step in range(6))  # 1 Ki .. 1 Mi keys

QUICK_TEXT_SIZES = (64, 4 * KIBI, MEBI)
QUICK_LIST_SIZES = (64, 4 * KIBI, MEBI)
QUICK_DICT_SIZES = (64 * KIBI,)

# C++-timed twins are measured up to this size: beyond it a Python call's
# overhead is below the noise of the kernel's own time.
NATIVE_TIMING_MAX_SIZE = 256 * KIBI


@dataclass(frozen=True)
class Family:
    """A family of cases and the sizes it is measured at."""

    name: str
    cases: Callable[[CaseContext, int], Iterator[Case]]
    sizes: tuple[int, ...]
    quick_sizes: tuple[int, ...]
    unit: str

    @property
    def quick_target_size(self) -> int:
        """The size at which a quick run measures every case a target names."""
        return TARGET_SIZE if TARGET_SIZE in self.quick_sizes else max(self.quick_sizes)


FAMILIES: list[Family] = [
    *(
        Family(family.__name__.removesuffix("_cases"), family, TEXT_SIZES, QUICK_TEXT_SIZES,
               "bytes")
        for family in STRING_FAMILIES
    ),
    Family("simdlist", simd_list_cases, LIST_SIZES, QUICK_LIST_SIZES, "elements"),
    Family("swissdict", swiss_dict_cases, DICT_SIZES, QUICK_DICT_SIZES, "keys"),
]  # fmt: skip


def register_family(family: Family) -> None:
    """Add a component's benchmarks (interpreter, JIT, GC, reactor, ...) to every run.

    Its cases are measured, verified, charted and tabled like the engines':
    each is a :class:`~dxpy.bench.cases.Case` whose ``prepare`` builds the
    CPython oracle and the candidates (a ``call`` timed from Python, or a
    ``timer`` that loops in native code and answers nanoseconds). Targets of
    the component's issue go in :mod:`dxpy.bench.targets`.
    """
    if any(existing.name == family.name for existing in FAMILIES):
        raise ValueError(f"a benchmark family called {family.name!r} is already registered")
    FAMILIES.append(family)


def all_sizes() -> tuple[int, ...]:
    """Every size any family is measured at, ascending."""
    return tuple(sorted({size for family in FAMILIES for size in family.sizes}))


def _target_case_ids() -> set[str]:
    return {target.case_id for target in all_targets()}


def plan_cases(
    context: CaseContext,
    *,
    quick: bool,
    sizes: Iterable[int] | None = None,
    target_context: CaseContext | None = None,
    capable_context: CaseContext | None = None,
) -> list[Case]:
    """Every case of a run, smallest size first (a size's data is built once, then dropped).

    ``sizes`` restricts the sizes (each family keeps those it has). In a quick
    run, a target's case that is not swept across sizes is measured with
    ``target_context``'s engines only (the engines the targets are held
    against), when given: one point of an emulated engine charts nothing. A case that a
    default-capable target names is measured with ``capable_context``'s engines (scalar
    too) instead, when given.
    """
    wanted = None if sizes is None else set(sizes)
    target_ids = _target_case_ids()
    capable_ids = {t.case_id for t in all_targets() if t.engines == DEFAULT_CAPABLE}
    planned: list[tuple[int, int, Case]] = []
    for order, family in enumerate(FAMILIES):
        family_sizes = family.quick_sizes if quick else family.sizes
        for size in family_sizes:
            if wanted is not None and size not in wanted:
                continue
            narrow = {}
            if quick and target_context is not None:
                narrow = {case.id: case for case in family.cases(target_context, size)}
            if quick and capable_context is not None:
                narrow.update(
                    (case.id, case)
                    for case in family.cases(capable_context, size)
                    if case.id in capable_ids
                )
            for case in family.cases(context, size):
                at_target = case.id in target_ids and size == family.quick_target_size
                if not quick or case.quick:
                    planned.append((size, order, case))
                elif at_target:
                    planned.append((size, order, narrow.get(case.id, case)))
    planned.sort(key=lambda entry: (entry[0], entry[1]))
    return [case for _, _, case in planned]


def matches(case: Case, pattern: str) -> bool:
    """Whether ``pattern`` names ``case``.

    A pattern with ``/``, ``@`` or a glob character is matched (fnmatch) against
    the case's key (``find/ascii-bytes/absent-9@4KiB``) and its id; a bare word
    must equal the case's family, op, input or data kind (``find``,
    ``swissdict``, ``mixed-str``, ``adversarial``).
    """
    if any(mark in pattern for mark in "/@*?["):
        return fnmatch.fnmatchcase(case.key, pattern) or fnmatch.fnmatchcase(case.id, pattern)
    word = pattern.lower()
    return word in (case.family, case.op, case.input, case.data_kind.lower().replace(" ", "-"))


def filter_cases(cases: list[Case], patterns: Iterable[str]) -> tuple[list[Case], list[str]]:
    """The cases any pattern names, and the patterns that named none."""
    patterns = list(patterns)
    if not patterns:
        return list(cases), []
    unmatched = [p for p in patterns if not any(matches(case, p) for case in cases)]
    kept = [case for case in cases if any(matches(case, p) for p in patterns)]
    return kept, unmatched


def vocabulary(cases: Iterable[Case]) -> dict[str, list[str]]:
    """The words a filter may use, for error messages: families, ops, inputs, data kinds."""
    cases = list(cases)
    return {
        "families": sorted({case.family for case in cases}),
        "inputs": sorted({case.input for case in cases}),
        "data kinds": sorted({case.data_kind.lower().replace(" ", "-") for case in cases}),
    }
