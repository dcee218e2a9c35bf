"""The parser harness checked against CPython alone: its corpus really makes
the errors it names, and its comparisons can fail.

The parity suites (test_stdlib_parse, test_syntax_errors, test_error_parity,
test_hypothesmith, test_parser_hostile) hold dxpy.parse to ast.parse through
these pieces; a comparison that could not tell two trees apart, or a corpus
case that no longer makes its message, would let them pass for nothing.
"""

from __future__ import annotations

import ast
import copy
import pickle
import warnings

import pytest
from error_parity import THRESHOLDS, measure
from hostile_inputs import tree_digest
from hostile_runs import parse_in_child
from parse_outcomes import (
    Outcome,
    ParseError,
    describe_mismatch,
    oracle_parse,
    outcome,
    stdlib_files,
    trees_equal,
)
from syntax_error_corpus import CASES, MESSAGES, UNREACHABLE, template_pattern
from token_mutations import mutants


def _oracle_message(source: str | bytes, mode: str) -> str | None:
    result = outcome(oracle_parse, source, "<unknown>", mode)
    return None if result.error is None else result.error.msg


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_each_corpus_case_makes_its_message_in_cpython(case):
    assert _oracle_message(case.source, case.mode) == case.message


def test_every_message_template_has_a_case():
    produced = [_oracle_message(case.source, case.mode) for case in CASES]
    uncovered = [
        template
        for _, template in MESSAGES
        if not any(message and template_pattern(template).match(message) for message in produced)
    ]
    assert uncovered == []


def test_the_templates_left_out_are_made_by_no_case():
    produced = {_oracle_message(case.source, case.mode) for case in CASES}
    assert not produced & set(UNREACHABLE)
    assert not {template for _, template in MESSAGES} & set(UNREACHABLE)


SAMPLE_SOURCE = """\
def f(a, /, b: int = 1, *c, d, **e) -> "x":
    return [x async for x in y] if a else {b: f"{c!r:>{d}}"}
"""


def _perturbed(tree: ast.AST, change) -> ast.AST:
    other = copy.deepcopy(tree)
    change(other)
    return other


def _last_node(tree: ast.AST, kind: type) -> ast.AST:
    return [node for node in ast.walk(tree) if isinstance(node, kind)][-1]


def _shift_end(tree):
    _last_node(tree, ast.Name).end_col_offset += 1


def _mark_kind(tree):
    _last_node(tree, ast.Constant).kind = "u"


def _store_context(tree):
    _last_node(tree, ast.Name).ctx = ast.Store()


def _int_for_float(tree):
    _last_node(tree, ast.Constant).value = 1.0


@pytest.mark.parametrize("change", [_shift_end, _mark_kind, _store_context, _int_for_float])
def test_tree_comparisons_see_a_one_field_difference(change):
    tree = ast.parse(SAMPLE_SOURCE + "z = 1\n")
    other = _perturbed(tree, change)
    assert trees_equal(tree, copy.deepcopy(tree))
    assert not trees_equal(tree, other)
    assert describe_mismatch(Outcome(tree=tree), Outcome(tree=other)) is not None
    assert tree_digest(tree) == tree_digest(copy.deepcopy(tree))
    assert tree_digest(tree) != tree_digest(other)


def test_trees_that_share_differently_still_compare_equal():
    # Pickles differ when one tree shares an object the other copies (pickle's
    # memo); the dump, which is what is compared, does not.
    tree = ast.parse("name = name\n")
    unshared = copy.deepcopy(tree)
    unshared.body[0].value.id = "".join(["na", "me"])  # an equal str, another object
    assert tree.body[0].targets[0].id is tree.body[0].value.id
    assert pickle.dumps(tree) != pickle.dumps(unshared)
    assert trees_equal(tree, unshared)


def test_error_comparison_sees_each_field():
    error = ParseError("SyntaxError", "invalid syntax", 1, 2, 1, 3, "a b\n")
    for field, value in [
        ("cls", "IndentationError"),
        ("msg", "x"),
        ("lineno", 2),
        ("offset", 3),
        ("end_lineno", 2),
        ("end_offset", 4),
        ("text", "a c\n"),
    ]:
        other = ParseError(**{**error.__dict__, field: value})
        assert describe_mismatch(Outcome(error=error), Outcome(error=other)) is not None, field
    assert describe_mismatch(Outcome(error=error), Outcome(error=error)) is None


def test_mutants_are_deterministic_and_of_every_operation():
    files = stdlib_files()
    first = list(mutants(files, 60))
    assert [(m.id, m.source) for m in first] == [(m.id, m.source) for m in mutants(files, 60)]
    assert {m.operation for m in first} == {"delete", "duplicate", "swap"}


def _off_by_one(source, filename="<unknown>", mode="exec"):
    try:
        return ast.parse(source, filename, mode)
    except SyntaxError as error:
        error.offset = (error.offset or 0) + 1
        raise


def test_error_parity_figures_are_one_for_cpython_and_fall_for_a_worse_parser():
    corpus = list(mutants(stdlib_files(), 150))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        perfect = measure(corpus, oracle_parse)
        worse = measure(corpus, _off_by_one)
    assert perfect["rejected_by_cpython"] > 50
    assert perfect["figures"] == dict.fromkeys(THRESHOLDS, 1.0)
    assert worse["figures"]["class"] == 1.0
    assert worse["figures"]["msg_lineno_offset"] < THRESHOLDS["msg_lineno_offset"]


def test_the_hostile_input_child_reports_cpythons_outcomes():
    cases = ["parens:300", "blocks:100", "unary_minus:100000", "random_bytes:3", "invalid_utf8:1"]
    results = parse_in_child("ast", cases, timeout=120)
    assert results["parens:300"]["error"] == ["SyntaxError", "too many nested parentheses"]
    assert results["blocks:100"]["error"] == ["IndentationError", "too many levels of indentation"]
    assert results["unary_minus:100000"]["error"][0] == "MemoryError"
    assert results["invalid_utf8:1"]["error"][0] == "SyntaxError"
    assert all(results[case]["peak_rss_bytes"] > 0 for case in cases)
