"""The planted bugs: each one a realistic mistake in an engine or a collection.

A mutant replaces one exact snippet of one file by a replacement. The runner
(run.py) refuses to start when a snippet does not occur exactly once in its
file, so a mutant never rots silently when the code it targets changes: fix
the snippet (or retire the mutant) in the same change.

``targets`` are pytest arguments that kill the mutant fast (a test file and a
``-k`` expression); they only order the work. A mutant that survives them is
run against the whole ``pytest properties/`` before it is declared alive, so
every verdict is about the suite, not about a hand-picked test.

Where a file is a header of the vector engines (``cpp/simd/generic``,
``cpp/collections/generic``) the mutant reaches every vector engine, native
and SIMDe-emulated; a file under ``cpp/simd/<isa>`` or
``cpp/collections/<isa>`` reaches that ISA's builds only; ``scalar`` files the
reference engine only (caught against CPython); ``cpp/strings`` and
``cpp/unicode`` every engine at once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mutant:
    name: str
    description: str
    file: str  # relative to the repository root
    snippet: str  # must occur exactly once in `file`
    replacement: str
    targets: tuple[str, ...] = ()  # pytest arguments for the fast first run


STRING_ENGINES = "properties/test_string_engines.py"
STRING_ERRORS = "properties/test_string_errors.py"
SIMD_LIST = "properties/test_simd_list.py"
SIMD_LIST_ERRORS = "properties/test_simd_list_errors.py"
SWISS_DICT = "properties/test_swiss_dict.py"
SWISS_DICT_ENGINES = "properties/test_swiss_dict_engines.py"
SWISS_ITERATION = "properties/test_swiss_dict_iteration.py"
SWISS_CPYTHON_SUITE = "properties/test_swiss_dict_cpython_suite.py"
SWISS_OPERATORS = "cpp/bindings/swiss_dict_operators.cpp"
FINDINGS = "properties/test_mutant_findings.py"

STRING_KERNELS = "cpp/simd/generic/string_kernels.h"
TEXT_OPS = "cpp/strings/text_ops.cpp"
LIST_KERNELS = "cpp/collections/generic/list_kernels.h"

MUTANTS: tuple[Mutant, ...] = (
    # --- string kernels, written once for avx2, avx512 and neon -------------
    Mutant(
        name="find-byte-tail-drops-last-lane",
        description="find of a one-byte needle: the tail block's mask keeps one lane too few, "
        "so a match on the haystack's last byte is missed (vector engines)",
        file=STRING_KERNELS,
        snippet="const uint64_t bits = (load_block(haystack + i, lanes) == wanted).bits() "
        "& lanes_below(lanes);",
        replacement="const uint64_t bits = (load_block(haystack + i, lanes) == wanted).bits() "
        "& lanes_below(lanes - 1);",
        targets=(STRING_ENGINES, "-k", "find"),
    ),
    Mutant(
        name="find-misses-match-straddling-vectors",
        description="find/count: a candidate whose match runs past the end of its vector is "
        "skipped, as if matches had to lie inside one loaded block (vector engines)",
        file=STRING_KERNELS,
        snippet="if (position < wanted_from) continue;",
        replacement="if (position < wanted_from || position + needle_length > i + kWidth) "
        "continue;",
        targets=(STRING_ENGINES, "-k", "find"),
    ),
    Mutant(
        name="find-last-byte-filter-one-short",
        description="find/count: the last-byte filter compares the needle's last byte one "
        "position too early, so true matches are filtered out (vector engines)",
        file=STRING_KERNELS,
        snippet="last(needle_length - 1),",
        replacement="last(needle_length - 2),",
        targets=(STRING_ENGINES, "-k", "find"),
    ),
    Mutant(
        name="count-counts-overlapping-matches",
        description="count resumes one byte after a match instead of after the whole match, "
        "counting overlapping occurrences (vector engines)",
        file=STRING_KERNELS,
        snippet="return ++total == limit ? SIZE_MAX : position + needle_length;",
        replacement="return ++total == limit ? SIZE_MAX : position + 1;",
        targets=(STRING_ENGINES, "-k", "count"),
    ),
    Mutant(
        name="count-one-byte-ignores-limit",
        description="count of a one-byte needle never stops at its limit, so replace() with a "
        "count replaces every occurrence (vector engines)",
        file=STRING_KERNELS,
        snippet="      if (total >= limit) return limit;\n",
        replacement="",
        targets=(STRING_ENGINES, "-k", "replace"),
    ),
    Mutant(
        name="eq-ignores-fourth-vector",
        description="eq's four-vector step compares only three vectors: a difference in the "
        "fourth goes unseen (vector engines)",
        file=STRING_KERNELS,
        snippet="(Bytes::load(a + i + 2 * kWidth) == Bytes::load(b + i + 2 * kWidth)) &\n"
        + " " * 23
        + "(Bytes::load(a + i + 3 * kWidth) == Bytes::load(b + i + 3 * kWidth));",
        replacement="(Bytes::load(a + i + 2 * kWidth) == Bytes::load(b + i + 2 * kWidth));",
        targets=(STRING_ENGINES, "-k", "eq"),
    ),
    Mutant(
        name="code-points-miss-continuation-0xbf",
        description="the UTF-8 code-point count takes continuation bytes as 0x80..0xBE, so "
        "str offsets after a character ending in 0xBF (U+00FF, U+FFFF) are off (vector engines)",
        file=STRING_KERNELS,
        snippet="in_range(0x80, 0xBF)",
        replacement="in_range(0x80, 0xBE)",
        targets=(STRING_ENGINES, "-k", "find or count"),
    ),
    Mutant(
        name="whitespace-bitmap-misses-x1c",
        description="str whitespace split: the vector bitmap takes \\x1d..\\x1f but not \\x1c "
        "(vector engines)",
        file=STRING_KERNELS,
        snippet="block.in_range(0x1C, 0x1F)",
        replacement="block.in_range(0x1D, 0x1F)",
        targets=(STRING_ENGINES, "-k", "split"),
    ),
    Mutant(
        name="ascii-lower-range-misses-z",
        description="ASCII lower() maps A..Y, leaving 'Z' upper case (vector engines)",
        file=STRING_KERNELS,
        snippet="ascii_flip_case<'A', 'Z'>(source, destination, length);",
        replacement="ascii_flip_case<'A', 'Y'>(source, destination, length);",
        targets=(STRING_ENGINES, "-k", "lower"),
    ),
    # --- one ISA's vector layer ---------------------------------------------
    Mutant(
        name="neon-bits-drops-lane-15",
        description="NEON movemask emulation: the kept-bits constant loses lane 15, so no "
        "comparison ever reports the last byte of a vector (neon, strings and Swiss groups)",
        file="cpp/simd/neon/vector.h",
        snippet="& 0x8888888888888888ULL;",
        replacement="& 0x0888888888888888ULL;",
        targets=(STRING_ENGINES, "-k", "neon and (find or eq)"),
    ),
    Mutant(
        name="avx512-in-range-excludes-upper-bound",
        description="the AVX-512 layer's in_range() compares with < instead of <=, so the top "
        "of every range is left out: 'Z', 'z', continuation byte 0xBF, \\r (avx512 only)",
        file="cpp/simd/avx512/vector.h",
        snippet="_mm512_cmple_epu8_mask(shifted,",
        replacement="_mm512_cmplt_epu8_mask(shifted,",
        targets=(STRING_ENGINES, "-k", "avx512 and (lower or upper)"),
    ),
    Mutant(
        name="sse-group-high-bit-sign-swapped",
        description="the x86 Swiss group's high_bit() compares with swapped operands, so "
        "'empty or deleted' means 'positive byte' (avx2, avx512: find_free_slot)",
        file="cpp/simd/sse_group16.h",
        snippet="{_mm_cmpgt_epi8(_mm_setzero_si128(), value)}",
        replacement="{_mm_cmpgt_epi8(value, _mm_setzero_si128())}",
        targets=(SWISS_DICT_ENGINES,),
    ),
    # --- the scalar (reference) engine --------------------------------------
    Mutant(
        name="scalar-whitespace-lead-misses-c2",
        description="scalar str whitespace split: 0xC2 is not a candidate lead byte, so "
        "U+0085 and U+00A0 do not separate (scalar)",
        file="cpp/simd/scalar/string_kernels.cpp",
        snippet="return byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3);",
        replacement="return byte >= 0xE1 && byte <= 0xE3;",
        targets=(STRING_ENGINES, "-k", "split"),
    ),
    # --- the operations written once over the kernels (every engine) --------
    Mutant(
        name="count-empty-needle-off-by-one",
        description="count of an empty needle gives the unit count, not units + 1 (every engine)",
        file=TEXT_OPS,
        snippet="return units < limit ? units + 1 : limit;",
        replacement="return units < limit ? units : limit;",
        targets=(STRING_ENGINES, "-k", "count"),
    ),
    Mutant(
        name="replace-empty-needle-between-bytes",
        description="replace with an empty old string inserts between bytes instead of "
        "between code points (every engine, str)",
        file=TEXT_OPS,
        snippet="const size_t next = next_unit(text, position, encoding);",
        replacement="const size_t next = next_unit(text, position, Encoding::kBytes);",
        targets=(STRING_ENGINES, "-k", "replace"),
    ),
    Mutant(
        name="replace-count-zero-replaces-all",
        description="replace(old, new, 0) replaces everything: the 'no limit' test takes "
        "count <= 0 instead of count < 0 (every engine)",
        file=TEXT_OPS,
        snippet="const size_t limit = count_limit < 0 ? SIZE_MAX",
        replacement="const size_t limit = count_limit <= 0 ? SIZE_MAX",
        targets=(STRING_ENGINES, "-k", "replace"),
    ),
    Mutant(
        name="split-maxsplit-one-too-many",
        description="split by a separator does maxsplit + 1 splits (every engine)",
        file=TEXT_OPS,
        snippet="  size_t start = 0;\n"
        "  size_t splits_left = maxsplit < 0 ? SIZE_MAX : static_cast<size_t>(maxsplit);",
        replacement="  size_t start = 0;\n"
        "  size_t splits_left = maxsplit < 0 ? SIZE_MAX : static_cast<size_t>(maxsplit) + 1;",
        targets=(STRING_ENGINES, "-k", "split"),
    ),
    Mutant(
        name="join-short-part-loses-middle-byte",
        description="join copies a part of 1..3 bytes as first and last byte only, losing "
        "the middle byte of a 3-byte part (every engine)",
        file=TEXT_OPS,
        snippet="    out[length / 2] = data[length / 2];\n",
        replacement="",
        targets=(STRING_ENGINES, "-k", "join"),
    ),
    Mutant(
        name="case-mapping-copies-ascii-runs",
        description="lower/upper on UTF-8 copies the ASCII runs between non-ASCII characters "
        "instead of mapping them (every engine: str that needs the UTF-8 path)",
        file=TEXT_OPS,
        snippet="    ascii(text.data + in, out + written, run);\n",
        replacement="    if (run != 0) std::memcpy(out + written, text.data + in, run);\n",
        targets=(FINDINGS, STRING_ENGINES, "-k", "upper"),
    ),
    # --- Unicode tables and rules (every engine) -----------------------------
    Mutant(
        name="lower-table-simple-mapping-for-one-code-point",
        description="the table generator keeps only the first code point of a lowercase "
        "mapping: 'İ'.lower() (U+0130, the one multi-code-point lowercase) loses its dot",
        file="cpp/unicode/generate_tables.py",
        snippet="field(cp, ch.lower(), FLAG_LOWER_MULTI)",
        replacement="field(cp, ch.lower()[:1], FLAG_LOWER_MULTI)",
        targets=(STRING_ENGINES, "-k", "lower"),
    ),
    Mutant(
        name="final-sigma-does-not-skip-case-ignorables-after",
        description="final sigma: the look-ahead stops at the first character after Σ even "
        "when it is case-ignorable, so 'AΣ\\'A'.lower() ends in ς (every engine)",
        file="cpp/unicode/case_mapping.cpp",
        snippet="    flags = record_of(text[after]).flags;\n"
        "    if (!(flags & detail::kFlagCaseIgnorable)) return !(flags & detail::kFlagCased);",
        replacement="    flags = record_of(text[after]).flags;\n"
        "    return !(flags & detail::kFlagCased);",
        targets=(STRING_ENGINES, "-k", "sigma or lower"),
    ),
    # --- SimdList kernels -----------------------------------------------------
    Mutant(
        name="int-sum-carry-tested-before-add",
        description="exact int64 sum: the carry is tested against the accumulator before "
        "the value is added, so carries are lost and invented (vector engines)",
        file=LIST_KERNELS,
        snippet="    biased = biased + (x ^ sign);\n"
        "    carries = carries.increment_where(x > biased);",
        replacement="    carries = carries.increment_where(x > biased);\n"
        "    biased = biased + (x ^ sign);",
        targets=(SIMD_LIST, "-k", "int64_sum"),
    ),
    Mutant(
        name="avx2-float-sum-lane-order",
        description="float64 sum: the avx2 layer stores its accumulators with lanes 0 and 1 "
        "swapped, a different association order than every other engine (avx2 only)",
        file="cpp/simd/avx2/lanes64.h",
        snippet="void store(double* p) const { _mm256_storeu_pd(p, value); }",
        replacement="void store(double* p) const "
        "{ _mm256_storeu_pd(p, _mm256_permute4x64_pd(value, 0xE1)); }",
        targets=(SIMD_LIST, "-k", "float64_sum"),
    ),
    Mutant(
        name="avx2-compress-table-ignores-lane-3",
        description="filter_gt: the avx2 permutation table is built from lanes 0..2 only, so "
        "a selected lane 3 is never moved into place (avx2 only)",
        file="cpp/simd/avx2/lanes64.h",
        snippet="for (int lane = 0; lane < 4; ++lane) {",
        replacement="for (int lane = 0; lane < 3; ++lane) {",
        targets=(SIMD_LIST, "-k", "filter_gt"),
    ),
    Mutant(
        name="map-mul2-overflow-check-skips-fourth-vector",
        description="int64 map_mul2: the four-vector overflow test leaves out the fourth "
        "vector, so its overflow wraps silently (vector engines)",
        file=LIST_KERNELS,
        snippet="if (((a ^ a2) | (b ^ b2) | (c ^ c2) | (d ^ d2)).sign_bits() != 0) break;",
        replacement="if (((a ^ a2) | (b ^ b2) | (c ^ c2)).sign_bits() != 0) break;",
        targets=(SIMD_LIST, "-k", "map_mul2"),
    ),
    Mutant(
        name="index-prefers-second-vector",
        description="index(): when both vectors of a step hold the value, the second one's "
        "lane is returned, not the first match (vector engines)",
        file=LIST_KERNELS,
        snippet="return a != 0 ? i + first_lane(a) : i + kLanes + first_lane(b);",
        replacement="return b != 0 ? i + kLanes + first_lane(b) : i + first_lane(a);",
        targets=(SIMD_LIST, "-k", "index"),
    ),
    Mutant(
        name="neon-mask-lane-order-swapped",
        description="the NEON 64-bit lane mask reports lane 1 as bit 0 and lane 0 as bit 1: "
        "index() finds the wrong one of two matches, filter_gt reorders (neon only)",
        file="cpp/simd/neon/lanes64.h",
        snippet="(vgetq_lane_u64(value, 0) & 1) | (vgetq_lane_u64(value, 1) & 2)",
        replacement="(vgetq_lane_u64(value, 1) & 1) | (vgetq_lane_u64(value, 0) & 2)",
        targets=(SIMD_LIST, "-k", "index or filter_gt"),
    ),
    # --- SwissDict's index ------------------------------------------------------
    Mutant(
        name="swar-zero-byte-classic-borrow",
        description="scalar Swiss group: zero bytes found with the classic "
        "(w - 0x01..) & ~w & 0x80.. trick, whose borrow marks a 0x01 byte above a zero byte "
        "(scalar SWAR probe)",
        file="cpp/collections/scalar/group_kernels.cpp",
        snippet="return ~(((word & kLowBits) + kLowBits) | word) & kHighBits;",
        replacement="return (word - kEveryByte) & ~word & kHighBits;",
        targets=(FINDINGS, SWISS_DICT_ENGINES, "-k", "group"),
    ),
    Mutant(
        name="swiss-h2-six-bits",
        description="the probing loops take h2 as 6 bits of the mixed hash while insertion "
        "stores 7, so keys whose h2 has bit 6 set are never found (every engine)",
        file="cpp/collections/generic/group_kernels.h",
        snippet="return static_cast<uint8_t>(mixed_hash & 0x7F);",
        replacement="return static_cast<uint8_t>(mixed_hash & 0x3F);",
        targets=(SWISS_DICT, SWISS_DICT_ENGINES),
    ),
    Mutant(
        name="swiss-erase-empties-a-group-with-tombstones",
        description="erase writes kEmpty where the group holds an empty *or deleted* byte, "
        "cutting probe chains that passed a once-full group (every engine)",
        file="cpp/collections/swiss_index.cpp",
        snippet="if (kernels_->match_empty(view_.control + group_start) != 0) {",
        replacement="if (kernels_->match_empty_or_deleted(view_.control + group_start) != 0) {",
        targets=(SWISS_DICT, SWISS_DICT_ENGINES),
    ),
    # --- the SwissDict binding: what dict's own tests and unequal mappings see -----
    Mutant(
        name="swiss-eq-ignores-length",
        description="== with a dict or SwissDict skips the length check, so a mapping with "
        "the same items plus more compares equal (SwissDict() == {1: 2} is True)",
        file=SWISS_OPERATORS,
        snippet="if (self->length != other_length) return 0;",
        replacement="if (self->length > other_length + 1000000) return 0;",
        targets=(SWISS_DICT, "-k", "behaves and scalar"),
    ),
    Mutant(
        name="swiss-eq-ignores-values",
        description="== only checks that the other mapping has each key, not its value",
        file=SWISS_OPERATORS,
        snippet="if (status > 0) status = PyObject_RichCompareBool(value, other_value, Py_EQ);",
        replacement="if (status > 0) status = 1;",
        targets=(SWISS_DICT, "-k", "behaves and scalar"),
    ),
    Mutant(
        name="swiss-iterator-runs-on-across-compaction",
        description="the iterator ignores a renumbering of the entries (compaction) and goes "
        "on at its old position, skipping or repeating keys silently",
        file="cpp/bindings/swiss_dict_iterator.cpp",
        snippet="if (self->renumberings != dict->renumberings) {",
        replacement="if (self->renumberings != dict->renumberings && false) {",
        targets=(SWISS_ITERATION, "-k", "compaction and scalar"),
    ),
    Mutant(
        name="swiss-delete-drops-trailing-holes",
        description="a deletion gives trailing positions back (as only popitem may), so "
        "'for k in d: del d[0]; d[0] = 0' ends silently where dict raises",
        file="cpp/bindings/swiss_dict.cpp",
        snippet='during iteration"). Only popitem gives positions back.\n}',
        replacement='during iteration"). Only popitem gives positions back.\n'
        "  while (self->used > 0 && self->entries[self->used - 1].key == nullptr) {\n"
        "    --self->used;\n  }\n}",
        targets=(SWISS_ITERATION, "-k", "scalar and mutations"),
    ),
    Mutant(
        name="swiss-keywords-not-checked",
        description="SwissDict(**{1: 2}) accepts a non-str keyword where dict raises "
        "'keywords must be strings'",
        file="cpp/bindings/swiss_dict.cpp",
        snippet="status = PyArg_ValidateKeywordArguments(items) ? "
        "update_from_dict(self, items) : -1;",
        replacement="status = update_from_dict(self, items);",
        targets=(SWISS_ITERATION, "-k", "keywords and scalar"),
    ),
    Mutant(
        name="swiss-subclass-iter-override-ignored",
        description="building from a SwissDict subclass that overrides __iter__/keys() reads "
        "its entries directly, ignoring the overrides dict follows (test_dict_copy_order)",
        file="cpp/bindings/swiss_dict_update.cpp",
        snippet="if (check(other) && Py_TYPE(other)->tp_iter == Type.tp_iter) {",
        replacement="if (check(other)) {",
        targets=(SWISS_CPYTHON_SUITE, "-k", "scalar and copy_order"),
    ),
    Mutant(
        name="swiss-dict-source-rehashes",
        description="building from a dict calls __hash__ on every key again instead of "
        "reusing the dict's stored hashes",
        file="cpp/bindings/swiss_dict_update.cpp",
        snippet="return _PyDict_Next(dict, position, key, value, hash);",
        replacement="if (!PyDict_Next(dict, position, key, value)) return 0;\n"
        "  *hash = hash_key(*key);\n  return 1;",
        targets=(SWISS_ITERATION, "-k", "hashes and scalar"),
    ),
    Mutant(
        name="swiss-iterator-pickles-everything",
        description="a pickled iterator reloads with every item, not only those left",
        file="cpp/bindings/swiss_dict_iterator.cpp",
        snippet="  copy->position = self->position;\n",
        replacement="  copy->position = self->reversed ? self->dict->used - 1 : 0;\n",
        targets=(SWISS_ITERATION, "-k", "pickle and scalar"),
    ),
    # The same classes reached another way: the counter the iterator reads, the
    # other entry point of the keyword check, the pickled iterator used again.
    Mutant(
        name="swiss-compaction-not-counted",
        description="compacting the entries (holes squeezed out, entries renumbered) forgets "
        "to bump the count iterators watch, so they run on over the new positions",
        file="cpp/bindings/swiss_dict.cpp",
        snippet="    ++self->renumberings;",
        replacement="",
        targets=(SWISS_ITERATION, "-k", "compaction and scalar"),
    ),
    Mutant(
        name="swiss-update-keywords-not-checked",
        description="d.update(**{1: 2}) inserts a non-str keyword where dict raises "
        "'keywords must be strings' (the constructor still checks)",
        file="cpp/bindings/swiss_dict_methods.cpp",
        snippet="(!PyArg_ValidateKeywordArguments(kwargs) || "
        "update_from_dict(as_dict(op), kwargs) < 0)) {",
        replacement="(update_from_dict(as_dict(op), kwargs) < 0)) {",
        targets=(SWISS_CPYTHON_SUITE, "-k", "scalar and invalid_keyword"),
    ),
    Mutant(
        name="swiss-iterator-pickle-advances-it",
        description="pickling an iterator lists what is left by consuming the iterator itself "
        "instead of a copy: the reloaded one is right, the pickled one is exhausted",
        file="cpp/bindings/swiss_dict_iterator.cpp",
        snippet="PyObject* remaining = PySequence_List(reinterpret_cast<PyObject*>(copy));",
        replacement="PyObject* remaining = PySequence_List(op);",
        targets=(SWISS_ITERATION, "-k", "pickle and scalar"),
    ),
    # --- the dispatcher -----------------------------------------------------------
    Mutant(
        name="cpu-disable-reads-only-first-name",
        description="DXPY_CPU_DISABLE honours only the first name of its list, so "
        "'avx512,avx2' leaves AVX2 to the dispatcher (dispatcher)",
        file="cpp/simd/cpu_features.cpp",
        snippet="while (!rest.empty()) {",
        replacement="if (!rest.empty()) {",
        targets=(FINDINGS, "-k", "cpu_disable"),
    ),
    Mutant(
        name="xgetbv-ymm-state-ignored",
        description="the dispatcher takes AVX2 from CPUID alone, without XGETBV's "
        "OS-enabled YMM state (dispatcher; seen through DXPY_CPU_XCR0_MASK)",
        file="cpp/simd/cpu_features.cpp",
        snippet="features.avx2 = avx2 && bmi1 && popcnt && ymm_state;",
        replacement="features.avx2 = avx2 && bmi1 && popcnt;",
        targets=("properties/test_dispatch.py", "-k", "vector_state"),
    ),
    # --- the UTF-8 case mapping (str reaches it only as a fallback) ----------------
    Mutant(
        name="utf8-lower-final-sigma-inverted",
        description="lower() on UTF-8: the fast final-sigma decision from the sigma's "
        "neighbours is inverted (every engine; held through Engine._lower_utf8)",
        file="cpp/unicode/case_mapping.cpp",
        snippet="return (after & detail::kFlagCased) ? 0 : 1;",
        replacement="return (after & detail::kFlagCased) ? 1 : 0;",
        targets=(STRING_ENGINES, "-k", "utf8 or sigma"),
    ),
)

# --- classes of bug the properties once could not see (issue 11) ---------------
STRING_MIXED_KINDS = "properties/test_string_mixed_kinds.py"
STRING_GIL = "properties/test_string_gil.py"
STRING_GUARD_PAGES = "properties/test_string_guard_pages.py"
STRING_METHODS = "cpp/bindings/string_methods.cpp"

MUTANTS += (
    Mutant(
        name="eq-bytes-never-equals-bytearray",
        description="eq answers False for a bytes and a bytearray of equal contents: equality "
        "asked only of two values of one kind cannot see it (bindings, every engine)",
        file=STRING_METHODS,
        snippet="if (a_str != b_str) Py_RETURN_FALSE;",
        replacement="if (a_str != b_str || PyBytes_Check(a) != PyBytes_Check(b)) Py_RETURN_FALSE;",
        targets=(STRING_MIXED_KINDS, "-k", "eq"),
    ),
    Mutant(
        name="find-keeps-the-gil-on-large-inputs",
        description="find never releases the GIL, however large its haystack: right answers, "
        "but no other thread runs meanwhile (bindings, every engine)",
        file=STRING_METHODS,
        snippet="    GilReleasedFor unlocked(text.text().size, kReleaseGilBytes);\n"
        "    found = strings::find(",
        replacement="    found = strings::find(",
        targets=(STRING_GIL, "-k", "find"),
    ),
    Mutant(
        name="split-scan-keeps-the-gil",
        description="split scans a large text with the GIL held (the pieces' bounds recorded "
        "without a release) (bindings, every engine)",
        file=STRING_METHODS,
        snippet="      GilReleasedFor unlocked(text.text().size, kReleaseGilBytes);\n"
        "      done = scan(bounds);",
        replacement="      done = scan(bounds);",
        targets=(STRING_GIL, "-k", "split"),
    ),
    Mutant(
        name="find-byte-tail-reads-one-past-the-end",
        description="find of a one-byte needle loads one byte more than the tail holds; the "
        "extra lane is masked off, so every answer is right and only a guard page sees the "
        "read past the buffer (vector engines)",
        file=STRING_KERNELS,
        snippet="const uint64_t bits = (load_block(haystack + i, lanes) == wanted).bits() "
        "& lanes_below(lanes);",
        replacement="const uint64_t bits = (load_block(haystack + i, lanes + (lanes < kWidth)) "
        "== wanted).bits() & lanes_below(lanes);",
        targets=(STRING_GUARD_PAGES, "-k", "find"),
    ),
)

# Realistic bugs the suite cannot kill, kept runnable (run.py --known-survivors)
# so the blind spot stays visible: each needs more than a property to close (a
# way for the tests to reach the code). When one starts being killed, move it
# into MUTANTS.
KNOWN_SURVIVORS: tuple[Mutant, ...] = ()
