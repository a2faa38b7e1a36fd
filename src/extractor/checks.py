"""Arithmetic checks over the cell records (勾稽关系) and against counts stated in the text. Flag, never repair.

Each check compares two sums of printed cells. A check touching a cell that is missing, blank, "/" or text
is `not_assessable`: a blank is never taken for 0. The printed values are only read, never changed.
"""
from __future__ import annotations

from functools import lru_cache

from .model import CellRecord, Check, Section, report_texts
from .relations import Ref, assess, relations
from .statements import statements
from .template import prints_single_other_row
from .template.values import NUMBER_STATES
from .vocabulary import TABLES, vocabulary


def numeric_cells(records) -> dict[Ref, int | float]:
    """The cells that hold a number (numeric or zero), by key; blanks, "/" and text are absent, never 0."""
    return {(r.table, r.row, r.column): r.value for r in records if r.state in NUMBER_STATES}


def narrative_checks(sections: tuple[Section, ...], preamble: Section, numbers: dict[Ref, int | float],
                     template: str = "2021") -> list[Check]:
    """Compare counts stated in the text (statements.py) with the tables; the sentence is quoted in the message.
    A count of a cell the template does not have (2021's 现行有效 in a 2019 report) is no check."""
    cells = _template_cells(template if template != "unknown" else "2021")
    return [_narrative_check(s.rule, s.cells, s.stated, s.sentence, numbers)
            for s in statements(report_texts(preamble, sections)) if set(s.cells) <= cells]


@lru_cache(maxsize=2)
def _template_cells(template: str) -> frozenset[Ref]:
    return frozenset((table, row, column) for table in TABLES for row, column in vocabulary().cells(table, template))


def _narrative_check(rule: str, refs: tuple[Ref, ...], stated: int, sentence: str, numbers: dict[Ref, int | float]) -> Check:
    values = [numbers.get(r) for r in refs]
    if any(v is None for v in values):
        return Check(rule, "text", refs, "not_assessable", stated, None,
                     f"the text states {stated} (“{sentence}”) but the table cell is not a number")
    actual = sum(values)
    return Check(rule, "text", refs, "pass" if actual == stated else "fail", stated, actual,
                 f"the text states {stated} (“{sentence}”), the table {actual}")


def run_checks(records: list[CellRecord], sections: tuple[Section, ...], preamble: Section, template: str) -> list[Check]:
    """Every template relation, then every count the text states. Tables absent from the report are skipped."""
    cells = {(r.table, r.row, r.column): r for r in records}
    tables = {r.table for r in records}
    other = "2019" if prints_single_other_row(cells) else None
    numbers = numeric_cells(records)
    def state(ref: Ref) -> str:
        return cells[ref].state if ref in cells else "missing"

    out = [assess(rel, numbers, state=state) for rel in relations(template, other) if rel.table in tables]
    return out + narrative_checks(sections, preamble, numbers, template)
