"""Tables that reached us as text without their grid: rows per line in several styles, rows as
"label numbers", and numbers run together — read only where the template makes the reading certain."""
from __future__ import annotations

import pytest

import extractor
import make_fixtures
from extractor.model import Paragraph
from extractor.template.lines import read_lines, unique_split
from extractor.vocabulary import vocabulary
from reportgen import Table, tc_rows


def _render(style) -> str:
    """The seed report (make_fixtures.BODY, whose to_text is the seed export) with its tables in `style`."""
    lines = []
    for block in make_fixtures.BODY:
        if isinstance(block, Table):
            lines += [style([c.replace("\n", "") for c in row]) for row in tc_rows(block)] + [""]
        else:
            lines.append(block)
    return "\n".join(lines) + "\n"


def _values(report):
    return {(r.table, r.row, r.column): (r.value, r.state) for r in report.records}


STYLES = {
    "pipes": lambda cells: " | ".join(cells),
    "markdown": lambda cells: "| " + " | ".join(cells) + " |",
    "tabs on one line": lambda cells: "\t".join(cells),
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_rows_per_line_styles_give_the_seed_tables(tmp_path, style, seed_docx_report):
    path = tmp_path / "report.txt"
    path.write_text(_render(STYLES[style]), encoding="utf-8")
    report = extractor.parse(path)
    assert report.to_dict()["tables"] == seed_docx_report.to_dict()["tables"]


def _as_lines(cells):
    """A row the way page text prints it: its filled cells separated by spaces (header rows too)."""
    return " ".join(c for c in cells if c)


def test_label_then_numbers_lines_give_every_seed_cell(tmp_path, seed_docx_report):
    path = tmp_path / "report.txt"
    path.write_text(_render(_as_lines), encoding="utf-8")
    report = extractor.parse(path)
    assert _values(report) == _values(seed_docx_report)
    assert report.records[0].source == {"paragraph": report.records[0].source["paragraph"], "token": 0}
    assert not [w for w in report.warnings if w.code in ("unplaced_row", "missing_cell", "ambiguous_digits")]


def _read(*texts):
    return read_lines([Paragraph(t, i) for i, t in enumerate(texts)], vocabulary())


def test_a_row_with_fewer_numbers_than_columns_is_not_guessed():
    records, warnings = _read("一、本年新收政府信息公开申请数量 3 0 3")
    assert records == [] and [w.code for w in warnings] == ["unplaced_row"]
    assert "3 values (3 0 3) for 7 columns" in warnings[0].message


def test_digits_run_together_are_split_only_when_the_sums_allow_one_split():
    # 640020470 → 64 0 0 2 0 4 | 70: the six applicant columns add up to 总计 in no other split
    records, warnings = _read("一、本年新收政府信息公开申请数量640020470")
    assert [r.value for r in records] == [64, 0, 0, 2, 0, 4, 70]
    assert all(r.source["inferred"] for r in records) and [w.code for w in warnings] == ["inferred_split"]


def test_digits_that_fit_no_split_or_no_arithmetic_are_left_unread():
    records, warnings = _read("二、上年结转政府信息公开申请数量10000011", "行政规范性文件693665")
    assert records == [] and [w.code for w in warnings] == ["ambiguous_digits", "ambiguous_digits"]


def test_unique_split_refuses_leading_zeros_and_checks_every_review_group():
    assert unique_split("1100311002", 10, "review_litigation") is None  # 1+1+0+0 is not 3
    assert unique_split("11002" * 3, 15, "review_litigation") == [1, 1, 0, 0, 2] * 3
    assert unique_split("0102", 3, "applications") is None


def test_context_tells_other_from_other():
    records, _ = _read("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0", "3.其他 2 0 0 0 0 0 2")
    assert {r.row for r in records} == {"results.other.no_correction", "results.other.other"}
