"""What the command line asks to measure: engines and sizes, checked before anything runs.

An unknown name is a :class:`SelectionError` whose message lists what is valid;
the command line turns it into exit status 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ENGINE_GROUPS = {
    "all": "every engine build that runs here, emulated ones included",
    "native": "every build this CPU runs natively",
    "default": "the dispatcher's choice",
    "each": "one build per engine: native where the CPU can, else emulated",
}
SIZE_SUFFIXES = {"": 1, "b": 1, "k": 1 << 10, "ki": 1 << 10, "kib": 1 << 10,
                 "m": 1 << 20, "mi": 1 << 20, "mib": 1 << 20}  # fmt: skip


class SelectionError(ValueError):
    """An engine, size or filter the run cannot have; the message lists the valid ones."""


def _tokens(values: Iterable[str] | None) -> list[str]:
    return [token.strip() for value in values or () for token in value.split(",") if token.strip()]


def resolve_engines(values: Iterable[str] | None, *, quick: bool) -> tuple[str, ...]:
    """``NAME:MODE`` specs for the engines asked for (default: ``each`` quick, ``all`` full)."""
    import dxpy

    builds = [(build.name, build.mode) for build in dxpy.engine_builds()]
    preferred = {info.name: info.mode for info in dxpy.engines()}
    tokens = _tokens(values) or (["each"] if quick else ["all"])
    chosen: list[tuple[str, str]] = []
    for token in tokens:
        lowered = token.lower()
        if lowered == "all":
            chosen += builds
        elif lowered == "native":
            chosen += [build for build in builds if build[1] == "native"]
        elif lowered == "default":
            name = dxpy.default_engine()
            chosen.append((name, preferred.get(name, "native")))
        elif lowered == "each":
            chosen += list(preferred.items())
        elif lowered in preferred:
            chosen.append((lowered, preferred[lowered]))
        elif tuple(lowered.split(":", 1)) in builds:
            name, mode = lowered.split(":", 1)
            chosen.append((name, mode))
        else:
            valid = [*ENGINE_GROUPS, *preferred, *(f"{name}:{mode}" for name, mode in builds)]
            raise SelectionError(
                f"unknown engine {token!r}; choose from: {', '.join(valid)} "
                f"(groups: {'; '.join(f'{k} = {v}' for k, v in ENGINE_GROUPS.items())})"
            )
    unique = list(dict.fromkeys(chosen))
    return tuple(f"{name}:{mode}" for name, mode in unique)


def parse_size(text: str) -> int:
    """``64``, ``4K``, ``4KiB``, ``16M`` -> bytes (or elements, keys)."""
    match = re.fullmatch(r"\s*(\d+)\s*([a-zA-Z]*)\s*", text)
    if not match or match.group(2).lower() not in SIZE_SUFFIXES:
        raise SelectionError(f"cannot read size {text!r}; write e.g. 64, 4K, 4KiB, 16M")
    return int(match.group(1)) * SIZE_SUFFIXES[match.group(2).lower()]


def resolve_sizes(values: Iterable[str] | None, valid: Iterable[int]) -> tuple[int, ...] | None:
    """The sizes asked for, each one the catalogue has; ``None`` when none was asked for."""
    from dxpy.bench.cases import size_label

    tokens = _tokens(values)
    if not tokens:
        return None
    valid = sorted(set(valid))
    sizes = []
    for token in tokens:
        size = parse_size(token)
        if size not in valid:
            raise SelectionError(
                f"no case is measured at size {token!r}; sizes: "
                f"{', '.join(size_label(v, 'bytes') for v in valid)}"
            )
        sizes.append(size)
    return tuple(sorted(set(sizes)))


def split_filters(values: Iterable[str] | None) -> tuple[str, ...]:
    """The --filter patterns (repeatable, or comma-separated)."""
    return tuple(_tokens(values))
