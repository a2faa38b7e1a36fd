"""relations.py: every arithmetic relation is an entry, in one report or across two years, assessed by one
assess() into a frozen Check. Expected sums are worked out by hand from the numbers given."""
from __future__ import annotations

import dataclasses

import pytest

from extractor.model import Check
from extractor.panel import cross_year_checks, panel_cells
from extractor.relations import Relation, Term, assess, cross_year, relations, terms

IN_FORCE = [("active_disclosure", "normative_documents", c) for c in ("issued", "repealed", "in_force")]


def test_a_relation_with_signed_and_last_year_terms_is_one_entry_assessed_by_assess():
    issued, repealed, in_force = IN_FORCE
    rel = Relation("example.in_force", "row normative_documents",
                   (Term(in_force, last_year=True), Term(issued), Term(repealed, -1)), terms(in_force),
                   "{left} = {right}{unequal}")
    now = {issued: 3, repealed: 1, in_force: 12}
    check = assess(rel, now, {in_force: 10})  # 10 + 3 − 1 = 12
    assert (check.status, check.expected, check.actual, check.message) == ("pass", 12, 12, "12 = 12")
    check = assess(rel, now | {in_force: 13}, {in_force: 10})
    assert (check.status, check.expected, check.actual, check.message) == ("fail", 12, 13, "12 = 13，不相等")
    check = assess(rel, now, None)  # no last year: the term cannot be read
    assert (check.status, check.expected, check.actual) == ("not_assessable", None, None)
    assert check.cells == (in_force, issued, repealed, in_force)


def test_a_check_is_frozen_and_reads_as_the_report_jsons_mapping():
    [rel] = [r for r in relations("2021") if r.rule == "review_litigation.row_total" and r.where == "row review"]
    numbers = {ref: 1 for ref in rel.cells[:-1]}
    check = assess(rel, numbers, state={rel.cells[-1]: "blank"}.get)
    assert isinstance(check, Check) and check.status == "not_assessable"
    assert check.message == "not assessable: review × total (blank) not a number"
    with pytest.raises(dataclasses.FrozenInstanceError):
        check.status = "pass"
    assert check["cells"] == [list(ref) for ref in rel.cells] and list(dict(check)) == [
        "rule", "where", "cells", "status", "expected", "actual", "message"]
    rendered = check.as_dict()  # what the report JSON holds: the mapping, key for key and in its order
    assert rendered == dict(check) and list(rendered) == list(dict(check))


def test_the_cross_year_checks_are_the_cross_year_relations_assessed():
    assert {r.rule for r in cross_year()} == {"panel.carried_over", "panel.in_force"}
    issued, repealed, in_force = IN_FORCE
    checks = cross_year_checks({in_force: 5}, {issued: 3, repealed: 0, in_force: 8})  # 5 + 3 − 0 = 8
    normative = next(c for c in checks if c.where == "row normative_documents")
    assert (normative.rule, normative.status, normative.expected, normative.actual) == ("panel.in_force", "pass", 8, 8)
    assert all(c.status == "not_assessable" for c in checks if c is not normative)  # nothing else given
    assert set(IN_FORCE) <= set(panel_cells()) and ("applications", "carried_forward", "total") in panel_cells()
