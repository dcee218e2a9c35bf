"""Generate the Unicode tables behind cpp/unicode/case_mapping.cpp.

Why this exists: dxpy's str.lower()/str.upper()/str.isspace() must agree with
the CPython the extension is built for, and CPython's Unicode database changes
with each release (new scripts, new special casings). Rather than vendoring
UnicodeData.txt or hand-writing code-point lists, CMake runs this script with
the *building* interpreter and every table is read off that interpreter's own
behaviour:

* full lowercase / uppercase mappings: chr(c).lower(), chr(c).upper()
  (1 to 3 code points, e.g. 'ß'.upper() == 'SS');
* whitespace: chr(c).isspace();
* "cased": chr(c).islower() or chr(c).isupper() or chr(c).istitle(), which for a
  single character is exactly CPython's _PyUnicode_IsCased;
* "case-ignorable": probed through CPython's own final-sigma rule when it
  lowercases U+03A3 (see case_ignorable below).

Usage: python generate_tables.py OUTPUT.inc

The output is a C++ fragment included by case_mapping.cpp inside
namespace dxpy::unicode::detail. It holds a three-stage lookup table from code
point to record index (each stage a list of deduplicated blocks, block sizes
chosen to minimise the total), the records (lower/upper mapping plus flag
bits), a pool of pre-encoded UTF-8 for mappings longer than one code point, an
ASCII whitespace bitmap and the largest UTF-8 expansion ratio of any mapping.
The script is deterministic: the same interpreter always writes the same bytes.
"""

from __future__ import annotations

import sys
import unicodedata
from fractions import Fraction
from pathlib import Path

MAX_CODE_POINT = 0x10FFFF
CAPITAL_SIGMA = "\u03a3"
FINAL_SIGMA = "\u03c2"
SMALL_SIGMA = "\u03c3"

# Flag bits of a record; mirrored by the constants emitted into the .inc file.
FLAG_CASED = 1
FLAG_CASE_IGNORABLE = 2
FLAG_WHITESPACE = 4
FLAG_LOWER_MULTI = 8
FLAG_UPPER_MULTI = 16

# Multi-code-point mappings are stored as (pool offset << POOL_SHIFT) | byte count.
POOL_SHIFT = 8

# Candidate (leaf, mid) block shifts; the pair giving the smallest tables is used.
SHIFT_CANDIDATES = tuple((leaf, mid) for leaf in range(3, 8) for mid in range(3, 8))

# The C++ side writes at most this many bytes for one character (case_mapping.h).
MAX_MAPPED_BYTES = 16


class GenerationError(Exception):
    """The interpreter does not behave as the derivations here assume."""


def check(condition: bool, message: str) -> None:
    """Fail the build loudly (asserts vanish under python -O, this does not)."""
    if not condition:
        raise GenerationError(message)


def utf8(text: str) -> bytes:
    """Generalised UTF-8: lone surrogates written as 3-byte sequences."""
    return text.encode("utf-8", "surrogatepass")


def is_cased(ch: str) -> bool:
    """CPython's _PyUnicode_IsCased for one character (Lowercase, Uppercase or Lt)."""
    return ch.islower() or ch.isupper() or ch.istitle()


def case_ignorable(ch: str, cased: bool) -> bool:
    """CPython's _PyUnicode_IsCaseIgnorable, read off its final-sigma rule.

    CPython lowercases U+03A3 to final sigma when a cased character precedes it
    (skipping case-ignorables) and no cased character follows it (likewise). So:
      ('a' + SIGMA + ch).lower()[1] is final  iff  ch is case-ignorable or not cased;
      ('a' + ch + SIGMA).lower()[-1] is final iff  ch is case-ignorable or cased.
    For a cased ch the first probe decides, otherwise the second one does; the
    other probe must then say "final" whatever ch is, which is checked.
    """
    after = ("a" + CAPITAL_SIGMA + ch).lower()[1] == FINAL_SIGMA
    before = ("a" + ch + CAPITAL_SIGMA).lower()[-1] == FINAL_SIGMA
    if cased:
        check(before, f"final-sigma probe inconsistent for cased U+{ord(ch):04X}")
        return after
    check(after, f"final-sigma probe inconsistent for uncased U+{ord(ch):04X}")
    return before


def verify_derivations() -> None:
    """Spot-check the derived properties against known answers."""
    for ch in ("a", "A", "\u01c5", "\u00df", "\u03a3", "\u0345"):
        check(is_cased(ch), f"U+{ord(ch):04X} should be cased")
    for ch in ("1", " ", "'", ".", "\u00ad", "\u0300", "\ud800"):
        check(not is_cased(ch), f"U+{ord(ch):04X} should not be cased")
    for ch in ("'", ".", ":", "\u00ad", "\u0300", "\u0345", "\u02b0", "\u2019", "^"):
        check(case_ignorable(ch, is_cased(ch)), f"U+{ord(ch):04X} should be case-ignorable")
    for ch in ("a", "A", "1", " ", "\u03a3", "\ud800", "-"):
        check(not case_ignorable(ch, is_cased(ch)), f"U+{ord(ch):04X} should not be ignorable")
    # The rule the C++ side reproduces, on the interpreter itself.
    check(CAPITAL_SIGMA.lower() == SMALL_SIGMA, "'\u03a3'.lower() should be '\u03c3'")
    check(("a" + CAPITAL_SIGMA).lower() == "a" + FINAL_SIGMA, "final sigma not applied")
    check(("a" + CAPITAL_SIGMA + "b").lower() == "a" + SMALL_SIGMA + "b", "medial sigma")


def build_records() -> tuple[list[int], list[tuple[int, int, int]], bytes, Fraction, int]:
    """Compute one record per code point.

    Returns (record index per code point, records, UTF-8 pool, largest
    expansion ratio, longest mapping in bytes).
    """
    verify_derivations()
    categories_always_ignorable = {"Mn", "Me", "Cf", "Lm", "Sk"}
    pool = bytearray()
    pool_offsets: dict[bytes, int] = {}
    record_ids: dict[tuple[int, int, int], int] = {}
    records: list[tuple[int, int, int]] = []
    per_code_point: list[int] = []
    ratio = Fraction(1)  # malformed bytes map to themselves
    longest = 4  # a supplementary character mapping to itself

    def field(cp: int, mapped: str, multi_flag: int) -> tuple[int, int]:
        nonlocal ratio, longest
        if mapped == chr(cp):
            return 0, 0  # the common case: no change, expansion ratio 1
        check(1 <= len(mapped) <= 3, f"U+{cp:04X} maps to {len(mapped)} code points")
        encoded = utf8(mapped)
        ratio = max(ratio, Fraction(len(encoded), len(utf8(chr(cp)))))
        longest = max(longest, len(encoded))
        if len(mapped) == 1:
            return ord(mapped) - cp, 0
        if encoded not in pool_offsets:
            pool_offsets[encoded] = len(pool)
            pool.extend(encoded)
        return (pool_offsets[encoded] << POOL_SHIFT) | len(encoded), multi_flag

    for cp in range(MAX_CODE_POINT + 1):
        ch = chr(cp)
        cased = is_cased(ch)
        ignorable = case_ignorable(ch, cased)
        if unicodedata.category(ch) in categories_always_ignorable:
            check(ignorable, f"U+{cp:04X} ({unicodedata.category(ch)}) must be case-ignorable")
        lower, lower_flag = field(cp, ch.lower(), FLAG_LOWER_MULTI)
        upper, upper_flag = field(cp, ch.upper(), FLAG_UPPER_MULTI)
        flags = lower_flag | upper_flag
        if cased:
            flags |= FLAG_CASED
        if ignorable:
            flags |= FLAG_CASE_IGNORABLE
        if ch.isspace():
            flags |= FLAG_WHITESPACE
        if cp < 0x80:
            # case_mapping.cpp fast-paths ASCII with the A-Z <-> a-z rule.
            check(lower == (32 if "A" <= ch <= "Z" else 0), f"ASCII lower of U+{cp:04X}")
            check(upper == (-32 if "a" <= ch <= "z" else 0), f"ASCII upper of U+{cp:04X}")
            check(not lower_flag and not upper_flag, f"ASCII U+{cp:04X} maps to several")
        record = (lower, upper, flags)
        if record not in record_ids:
            record_ids[record] = len(records)
            records.append(record)
        per_code_point.append(record_ids[record])

    check(longest <= MAX_MAPPED_BYTES, f"a mapping needs {longest} bytes > {MAX_MAPPED_BYTES}")
    check(len(pool) < (1 << (31 - POOL_SHIFT)), "multi-code-point pool too large")
    return per_code_point, records, bytes(pool), ratio, longest


def int_type(max_value: int) -> tuple[str, int]:
    """The smallest unsigned C++ type holding max_value, and its size."""
    for name, size in (("uint8_t", 1), ("uint16_t", 2), ("uint32_t", 4)):
        if max_value < (1 << (8 * size)):
            return name, size
    raise GenerationError(f"{max_value} does not fit in 32 bits")


def split_stages(values: list[int], shift: int) -> tuple[list[int], list[int]]:
    """Split values into blocks of 2**shift: (block id per block, deduplicated blocks)."""
    block_size = 1 << shift
    check(len(values) % block_size == 0, "block size must divide the table")
    block_ids: dict[tuple[int, ...], int] = {}
    stage1: list[int] = []
    stage2: list[int] = []
    for start in range(0, len(values), block_size):
        block = tuple(values[start : start + block_size])
        if block not in block_ids:
            block_ids[block] = len(block_ids)
            stage2.extend(block)
        stage1.append(block_ids[block])
    return stage1, stage2


def format_array(ctype: str, name: str, values: list[int], per_line: int = 16) -> str:
    """A constexpr C++ array definition, wrapped to a readable width."""
    lines = [f"inline constexpr {ctype} {name}[{len(values)}] = {{"]
    for start in range(0, len(values), per_line):
        chunk = values[start : start + per_line]
        lines.append("    " + ", ".join(str(v) for v in chunk) + ",")
    lines.append("};")
    return "\n".join(lines)


def render() -> tuple[str, int]:
    """The .inc text and the total size of its tables in bytes."""
    per_code_point, records, pool, ratio, longest = build_records()
    record_type, record_size = int_type(len(records) - 1)

    # Three stages: code point -> record index is split as
    # [ high bits | mid_shift bits | leaf_shift bits ], each level deduplicated.
    best = None
    leaf_splits = {shift: split_stages(per_code_point, shift) for shift, _ in SHIFT_CANDIDATES}
    for leaf_shift, mid_shift in SHIFT_CANDIDATES:
        leaf_ids, stage3 = leaf_splits[leaf_shift]
        stage1, stage2 = split_stages(leaf_ids, mid_shift)
        mid_type, mid_size = int_type(max(stage1))
        leaf_type, leaf_size = int_type(max(stage2))
        size = len(stage1) * mid_size + len(stage2) * leaf_size + len(stage3) * record_size
        if best is None or size < best[0]:
            best = (size, leaf_shift, mid_shift, stage1, stage2, stage3, mid_type, leaf_type)
    assert best is not None
    stage_bytes, leaf_shift, mid_shift, stage1, stage2, stage3, mid_type, leaf_type = best

    record_bytes = 12  # struct CaseRecord { int32_t; int32_t; uint8_t; } with padding
    total = stage_bytes + len(records) * record_bytes + max(len(pool), 1) + 16
    ascii_ws = sum(1 << cp for cp in range(0x80) if chr(cp).isspace())

    record_lines = [f"inline constexpr CaseRecord kCaseRecords[{len(records)}] = {{"]
    record_lines += [f"    {{{lo}, {up}, {fl}}}," for lo, up, fl in records]
    record_lines.append("};")

    parts = [
        "// Generated by cpp/unicode/generate_tables.py; do not edit.",
        f"// Source: Python {sys.version.split()[0]}, Unicode {unicodedata.unidata_version}.",
        f"// {len(records)} records; {len(stage3) >> leaf_shift} leaf blocks of"
        f" {1 << leaf_shift} code points;",
        f"// {len(stage2) >> mid_shift} mid blocks of {1 << mid_shift} leaf ids;"
        f" {len(pool)} bytes of multi-code-point mappings;",
        f"// {total} bytes of tables in all.",
        "",
        f"inline constexpr uint32_t kFlagCased = {FLAG_CASED};",
        f"inline constexpr uint32_t kFlagCaseIgnorable = {FLAG_CASE_IGNORABLE};",
        f"inline constexpr uint32_t kFlagWhitespace = {FLAG_WHITESPACE};",
        f"inline constexpr uint32_t kFlagLowerMulti = {FLAG_LOWER_MULTI};",
        f"inline constexpr uint32_t kFlagUpperMulti = {FLAG_UPPER_MULTI};",
        f"inline constexpr uint32_t kPoolShift = {POOL_SHIFT};",
        f"inline constexpr uint32_t kLeafShift = {leaf_shift};",
        f"inline constexpr uint32_t kMidShift = {mid_shift};",
        f"inline constexpr size_t kTableBytes = {total};",
        "",
        "// Largest (mapped UTF-8 bytes) / (input UTF-8 bytes) over every single",
        "// character's lower and upper mapping (at least 1: malformed bytes).",
        f"inline constexpr size_t kExpansionNumerator = {ratio.numerator};",
        f"inline constexpr size_t kExpansionDenominator = {ratio.denominator};",
        "// Longest UTF-8 output of one character's mapping (identity included).",
        f"inline constexpr size_t kLongestMappingBytes = {longest};",
        "",
        "// Bit c set when chr(c).isspace(), for c < 0x80.",
        f"inline constexpr uint64_t kAsciiWhitespace[2] = {{{ascii_ws & (2**64 - 1)}ull, "
        f"{ascii_ws >> 64}ull}};",
        "",
        "// lower/upper: code-point delta, or with kFlagLowerMulti/kFlagUpperMulti",
        "// set, (offset into kMultiPool << kPoolShift) | UTF-8 byte count.",
        "struct CaseRecord {",
        "  int32_t lower;",
        "  int32_t upper;",
        "  uint8_t flags;",
        "};",
        "",
        "\n".join(record_lines),
        "",
        "// UTF-8 of the mappings longer than one code point.",
        format_array("uint8_t", "kMultiPool", list(pool) or [0]),
        "",
        "// Mid block id per 2**(kLeafShift + kMidShift) code points.",
        format_array(mid_type, "kStage1", stage1),
        "",
        "// Deduplicated mid blocks: leaf block id per 2**kLeafShift code points.",
        format_array(leaf_type, "kStage2", stage2),
        "",
        "// Deduplicated leaf blocks: record index per code point.",
        format_array(record_type, "kStage3", stage3),
        "",
    ]
    return "\n".join(parts), total


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: generate_tables.py OUTPUT.inc", file=sys.stderr)
        return 2
    try:
        text, total = render()
    except GenerationError as error:
        print(f"generate_tables.py: {error}", file=sys.stderr)
        return 1
    output = Path(argv[1])
    # Always written, so the output is newer than this script and CMake's rule settles.
    output.write_text(text, encoding="ascii", newline="\n")
    print(f"generate_tables.py: wrote {output} ({total} bytes of tables)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
