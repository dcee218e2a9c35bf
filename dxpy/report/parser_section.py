"""The report's parser section: parity with ``ast.parse`` and the parser's speed.

Read from the records the parser's runs leave in ``reports/parser/`` (the
stdlib shards of ``test_stdlib_regressions.py``, ``error-parity.json`` of
``check_error_parity.py``, ``speed.json`` of ``python -m
dxpy.bench.parser_speed``); each is optional, and the section says which is
missing and the command that makes it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path


def _read(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def parser_summary(parser_dir: str | Path) -> dict[str, object]:
    """What the section shows, gathered once into results.json."""
    base = Path(parser_dir)
    shards = [_read(path) for path in sorted((base / "stdlib").glob("shard-*.json"))]
    shards = [shard for shard in shards if shard]
    stdlib = None
    if shards:
        stdlib = {
            "files": sum(int(shard.get("files", 0)) for shard in shards),
            "identical": sum(int(shard.get("identical", 0)) for shard in shards),
            "differing": sorted(name for shard in shards for name in shard.get("differing", [])),
        }
    return {
        "available": bool(shards) or (base / "speed.json").is_file(),
        "stdlib": stdlib,
        "error_parity": _read(base / "error-parity.json"),
        "speed": _read(base / "speed.json"),
    }


def _e(value: object) -> str:
    return html.escape(str(value))


def _percent(value: object) -> str:
    return f"{float(value) * 100:.1f}%" if isinstance(value, (int, float)) else "-"


def parser_section(document: Mapping[str, object]) -> str:
    """HTML of the section (its body; the page gives it its heading)."""
    parser = document.get("parser") or {}
    if not isinstance(parser, Mapping) or not parser.get("available"):
        return (
            '<p class="empty">No parser run recorded: run <code>pytest '
            "properties/parser/</code> and <code>python -m dxpy.bench.parser_speed</code>.</p>"
        )
    parts = []
    stdlib = parser.get("stdlib")
    if isinstance(stdlib, Mapping):
        parts.append(
            f"<p>Standard library: {stdlib['identical']} of {stdlib['files']} files parse to "
            "<code>ast.parse</code>'s tree (or its error) exactly.</p>"
        )
        if stdlib.get("differing"):
            listed = ", ".join(_e(name) for name in stdlib["differing"][:10])
            parts.append(f"<p>Differing: {listed}</p>")
    parity = parser.get("error_parity")
    if isinstance(parity, Mapping):
        figures = parity.get("figures", {})
        parts.append(
            f"<p>Error parity on {parity.get('mutants')} token mutants "
            f"({parity.get('rejected_by_cpython')} rejected by CPython): class "
            f"{_percent(figures.get('class'))}, line {_percent(figures.get('lineno'))}, "
            f"message + line + offset {_percent(figures.get('msg_lineno_offset'))}.</p>"
        )
        rows = "".join(
            f"<tr><td>{_e(row['name'])}</td><td>{row['rejected']}</td>"
            f"<td>{_percent(row['msg_lineno_offset'])}</td></tr>"
            for row in parity.get("worst_categories", [])[:8]
        )
        parts.append(
            "<table><tr><th>worst mutation</th><th>cases</th><th>full match</th></tr>"
            f"{rows}</table>"
        )
    speed = parser.get("speed")
    if isinstance(speed, Mapping):
        arena, objects = speed.get("arena", {}), speed.get("ast_objects", {})
        parts.append(
            f"<p>Speed on {speed.get('files')} files ({speed.get('bytes', 0) / 1e6:.1f} MB): "
            f"tokenize + parse into the C++ AST {arena.get('mb_per_s', 0):.1f} MB/s "
            f"(target {arena.get('target_mb_per_s', 0):.0f}); dxpy.parse "
            f"{objects.get('dxpy_mb_per_s', 0):.2f} MB/s against ast.parse "
            f"{objects.get('ast_mb_per_s', 0):.2f} MB/s: {objects.get('ratio_total', 0):.2f}x "
            f"in total, {objects.get('files_below_target')} files below 1.0x.</p>"
        )
        rows = "".join(
            f"<tr><td>{_e(band['band'])}</td><td>{band['files']}</td>"
            f"<td>{band['arena_mb_per_s']:.1f}</td><td>{band['dxpy_mb_per_s']:.2f}</td>"
            f"<td>{band['ast_mb_per_s']:.2f}</td></tr>"
            for band in speed.get("bands", [])
        )
        parts.append(
            "<table><tr><th>file size</th><th>files</th><th>C++ AST MB/s</th>"
            f"<th>dxpy.parse MB/s</th><th>ast.parse MB/s</th></tr>{rows}</table>"
        )
        memory = speed.get("memory", {})
        parts.append(
            "<p>Peak RSS over the baseline, per byte of the largest file: "
            + ", ".join(
                f"{_e(name)} {values.get('per_source_byte_of_largest_file', 0):.1f}"
                for name, values in memory.items()
                if isinstance(values, Mapping)
            )
            + ".</p>"
        )
    return "\n".join(parts)
