"""OCR readings in doubt settled by the template's arithmetic (template/doubt.py): the tables of a report built
from the template with known values (scripts/reportgen.py), some cells turned into what the OCR reader hands
over when it is unsure (`doubt` and `candidates`), fed through the normalizer."""
from __future__ import annotations

import random

import pytest

pytest.importorskip("docx", reason="reportgen needs python-docx (pip install 'extractor[test]')")

import reportgen  # noqa: E402
from extractor.model import Cell, Table  # noqa: E402
from extractor.readers import read_bytes  # noqa: E402
from extractor.template import normalize  # noqa: E402


@pytest.fixture(scope="module")
def printed():
    """(the report's values, its tables as read from its .docx, where each cell sits: key → (table, row, col))."""
    report = reportgen.random_report(random.Random(5), "2021")
    tables = read_bytes(reportgen.docx_bytes(reportgen.build_document(report.body)), "r.docx").tables
    records, template, _ = normalize(tables)
    assert template == "2021"
    at = {(r.table, r.row, r.column): (r.source["table_index"], r.source["row"], r.source["col"]) for r in records}
    return report.values, tables, at


def _in_doubt(printed, doubts: dict[tuple[str, str, str], tuple[str, ...]]):
    """The tables with each cell of `doubts` read as its first candidate, in doubt, with those candidates."""
    _, tables, at = printed
    where = {at[key]: candidates for key, candidates in doubts.items()}

    def cell(table: Table, c: Cell) -> Cell:
        candidates = where.get((table.index, c.row, c.col))
        if candidates is None:
            return c
        source = (("ocr", True), ("confidence", 0.41), ("doubt", True), ("candidates", candidates))
        return c._replace(text=candidates[0], page=2, source=source)

    changed = tuple(Table(t.index, t.block, t.n_rows, t.n_cols, tuple(cell(t, c) for c in t.cells)) for t in tables)
    records, _, warnings = normalize(changed)
    return {(r.table, r.row, r.column): r for r in records}, warnings


def _other(value: str, step: int = 5) -> str:
    return str(int(value) + step)


def test_a_digit_in_doubt_that_the_sums_force_is_read_and_marked_inferred(printed):
    values = printed[0]
    key = ("applications", "new_received", "natural_person")
    true = values[key]
    cells, warnings = _in_doubt(printed, {key: (_other(true), true)})  # the OCR's first reading is the wrong one
    rec = cells[key]
    assert (rec.value, rec.raw, rec.state in ("numeric", "zero")) == (int(true), true, True)
    assert rec.source["inferred"] is True and rec.source["ocr"] is True and "doubt" not in rec.source
    assert rec.source["candidates"] == [_other(true), true] and rec.source["read"] == _other(true)
    [said] = [w for w in warnings if w.code == "ocr_inferred"]
    assert said.message.startswith("page 2:") and said.where.startswith("table ") and "column" in said.where
    assert not [w for w in warnings if w.code in ("ocr_doubt", "missing_cell")]


def test_two_candidates_that_both_keep_the_sums_leave_the_cells_missing(printed):
    values = printed[0]
    upheld, total = ("review_litigation", "review", "upheld"), ("review_litigation", "review", "total")
    # upheld+1 with total+1 keeps the row's sum as well as the printed pair: the arithmetic cannot choose
    cells, warnings = _in_doubt(printed, {upheld: (values[upheld], _other(values[upheld], 1)),
                                          total: (values[total], _other(values[total], 1))})
    assert cells[upheld].value is None and cells[total].value is None
    assert cells[upheld].state == "text" and cells[upheld].source["doubt"] is True
    doubts = [w for w in warnings if w.code == "ocr_doubt"]
    assert len(doubts) == 2 and all("leaves more than one" in w.message for w in doubts)
    assert not [w for w in warnings if w.code == "ocr_inferred"]


def test_candidates_the_sums_all_reject_leave_the_cell_missing_never_a_wrong_number(printed):
    values = printed[0]
    key = ("applications", "results.granted", "total")
    cells, warnings = _in_doubt(printed, {key: (_other(values[key]), _other(values[key], 7))})
    assert cells[key].value is None and cells[key].source["doubt"] is True
    assert any(w.code == "arithmetic_broken" and w.where == "tables" for w in warnings)
    assert any(w.code == "ocr_doubt" and "does not hold" in w.message for w in warnings)


def test_a_cell_no_relation_checks_stays_in_doubt_even_with_one_candidate(printed):
    values = printed[0]
    key = next(k for k in values if k[0] == "active_disclosure" and values[k].isdigit())  # 主动公开: no sums
    cells, warnings = _in_doubt(printed, {key: (values[key],)})
    assert cells[key].value is None
    assert any(w.code == "ocr_doubt" and "no relation of the template checks it" in w.message for w in warnings)


def test_a_sure_sum_the_report_breaks_elsewhere_does_not_block_a_forced_doubt(printed):
    values, tables, at = printed
    broken = ("review_litigation", "litigation.direct", "total")  # a printed total off by one, far from the doubt
    t, r, c = at[broken]
    tables = tuple(Table(x.index, x.block, x.n_rows, x.n_cols, tuple(
        cell._replace(text=_other(values[broken], 1)) if (x.index, cell.row, cell.col) == (t, r, c) else cell
        for cell in x.cells)) for x in tables)
    key = ("applications", "carried_over", "total")
    cells, warnings = _in_doubt((values, tables, at), {key: (values[key], _other(values[key], 3))})
    assert cells[key].value == int(values[key]) and cells[key].source["inferred"] is True
