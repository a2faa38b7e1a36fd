"""主动公开 rows whose digits ran together (`行政规范性文件12345`: issued | repealed | in_force, no relation among
them) settled by a count the report's text states, or by last year's report of the same agency.

Streams are generated from the template with known values (scripts/reportgen.py to_page_text); the expected
cuts are worked out here by hand from the digits, never from the code under test.
"""
from __future__ import annotations

import random
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractor
import reportgen

ROW = ("active_disclosure", "normative_documents")
COLUMNS = ("issued", "repealed", "in_force")


def _values(issued: str, repealed: str, in_force: str, seed: int = 5) -> dict:
    values = reportgen.random_values("2021", random.Random(seed))
    values |= {("active_disclosure", "regulations", c): "0" for c in COLUMNS}  # "000": one cut, read as printed
    values |= {(*ROW, c): v for c, v in zip(COLUMNS, (issued, repealed, in_force))}
    return values


def _page(values, sentence: str | None = None, year: int = 2022) -> bytes:
    body = reportgen.report_body("2021", values, agency="某区财政局", year=year, published=date(year + 1, 1, 15),
                                 rng=random.Random(1), padding=False, narrative=sentence)
    header = {"title": f"某区财政局{year}年政府信息公开工作年度报告", "published": f"{year + 1}-01-15", "agency": "某区财政局"}
    return reportgen.to_page_text(body, header=header, chrome="当前位置：首页 > 政务公开 ").encode()


def _row(report) -> dict:
    return {r.column: r for r in report.records if (r.table, r.row) == ROW}


def test_without_a_stated_count_the_row_stays_missing():
    # "12345" cuts into three counts six ways (1|2|345, 12|3|45, …): nothing in the report chooses one
    report = extractor.parse_bytes(_page(_values("12", "3", "45")), "page.txt")
    assert _row(report) == {}
    assert any(w.code == "ambiguous_digits" and "'12345'" in w.message for w in report.warnings)
    assert report.status == "partial"


def test_a_stated_count_settles_the_one_cut_that_agrees_with_it():
    # issued 12 is stated; of the cuts of "12345" only 12 | 3 | 45 and 12 | 34 | 5 begin with 12 — so the text's
    # in-force count 45 is needed as well, and then exactly one cut is left
    sentence = "2022年，本机关制发行政规范性文件12件；截至年底，现行有效规范性文件45件。"
    report = extractor.parse_bytes(_page(_values("12", "3", "45"), sentence), "page.txt")
    row = _row(report)
    assert {c: r.value for c, r in row.items()} == {"issued": 12, "repealed": 3, "in_force": 45}
    assert all(r.source["inferred"] and r.source["run"] == "12345" and r.source["settled_by"] == "narrative" for r in row.values())
    [warning] = [w for w in report.warnings if w.code == "settled_split"]
    assert "12 3 45" in warning.message and "制发行政规范性文件12件" in warning.message
    assert not any(w.code == "missing_cell" and "normative_documents" in w.message for w in report.warnings)
    checks = {c.rule: c for c in report.checks}
    assert checks["narrative.normative_documents.issued"].status == "pass"


def test_a_stated_count_that_leaves_two_cuts_settles_nothing():
    sentence = "2022年，本机关制发行政规范性文件12件。"  # 12 | 3 | 45 and 12 | 34 | 5 both agree
    report = extractor.parse_bytes(_page(_values("12", "3", "45"), sentence), "page.txt")
    assert _row(report) == {}
    [warning] = [w for w in report.warnings if w.code == "ambiguous_digits" and "'12345'" in w.message]
    assert "leave 2 cuts" in warning.message
    assert not any(w.code == "settled_split" for w in report.warnings)


def test_a_stated_count_that_no_cut_agrees_with_settles_nothing():
    sentence = "2022年，本机关制发行政规范性文件7件。"  # no cut of "12345" begins with 7
    report = extractor.parse_bytes(_page(_values("12", "3", "45"), sentence), "page.txt")
    assert _row(report) == {}
    assert any(w.code == "ambiguous_digits" and "leave 0 cuts" in w.message for w in report.warnings)
    assert {c.rule: c.status for c in report.checks}["narrative.normative_documents.issued"] == "not_assessable"


def test_the_in_force_count_alone_settles_a_run_whose_rest_is_forced():
    # "1045": 1|0|45, 10|4|5, 1|04…(no leading zero) → with in_force 45 stated only 1 | 0 | 45 is left
    sentence = "截至2022年底，现行有效行政规范性文件45件。"
    report = extractor.parse_bytes(_page(_values("1", "0", "45"), sentence), "page.txt")
    assert {c: r.value for c, r in _row(report).items()} == {"issued": 1, "repealed": 0, "in_force": 45}


def test_last_years_in_force_settles_the_cut_when_exactly_one_satisfies_the_relation():
    # last year 36 in force; "12345": 36 + issued − repealed = in_force holds for 12 | 3 | 45 only
    # (1|2|345: 35≠345, 1|23|45: 14≠45, 1|234|5, 12|34|5: 14≠5, 123|4|5: 155≠5)
    last_year = {(*ROW, "in_force"): 36}
    report = extractor.parse_bytes(_page(_values("12", "3", "45")), "page.txt", last_year=last_year)
    row = _row(report)
    assert {c: r.value for c, r in row.items()} == {"issued": 12, "repealed": 3, "in_force": 45}
    assert {r.source["settled_by"] for r in row.values()} == {"previous_year"}
    assert any(w.code == "settled_split" and "in_force 36" in w.message for w in report.warnings)


def test_last_years_in_force_that_two_cuts_satisfy_settles_nothing():
    # last year 2; "9110" cuts into 9|1|10 (2+9−1 = 10 ✓), 9|11|0 (2+9−11 = 0 ✓) and 91|1|0 (92 ≠ 0): two agree
    report = extractor.parse_bytes(_page(_values("9", "1", "10")), "page.txt", last_year={(*ROW, "in_force"): 2})
    assert _row(report) == {}
    assert any(w.code == "ambiguous_digits" and "'9110'" in w.message and "leave 2 cuts" in w.message for w in report.warnings)


def test_last_year_without_a_number_settles_nothing():
    report = extractor.parse_bytes(_page(_values("12", "3", "45")), "page.txt", last_year={(*ROW, "in_force"): None})
    assert _row(report) == {}
    assert not any(w.code == "settled_split" for w in report.warnings)


def test_the_text_and_last_year_must_agree_together():
    # last year 36 alone leaves 12 | 3 | 45; a text stating 13 issued contradicts it: nothing is read
    sentence = "2022年，本机关制发行政规范性文件13件。"
    report = extractor.parse_bytes(_page(_values("12", "3", "45"), sentence), "page.txt", last_year={(*ROW, "in_force"): 36})
    assert _row(report) == {}
    assert any(w.code == "ambiguous_digits" and "leave 0 cuts" in w.message for w in report.warnings)


def test_a_batch_settles_a_year_from_the_year_before_and_that_year_the_next(tmp_path):
    # 2021 prints "0036" (only 0 | 0 | 36); 2022 prints "12345", settled by 36 as 12 | 3 | 45; 2023 prints "5050",
    # which only the settled 45 decides: 45 + 5 − 0 = 50 (50 | 5 | 0: 90 ≠ 0). A lone 2022 stays missing.
    from extractor.batch import run_batch

    root = tmp_path / "in"
    root.mkdir()
    printed = {2021: ("0", "0", "36"), 2022: ("12", "3", "45"), 2023: ("5", "0", "50")}
    for year, (issued, repealed, in_force) in printed.items():
        (root / f"{year}.txt").write_bytes(_page(_values(issued, repealed, in_force, seed=year), year=year))
    run_batch(root, tmp_path / "out", jobs=1)
    cells = _csv(tmp_path / "out" / "cells.csv")
    got = {(c["year"], c["column_key"]): c["value"] for c in cells if (c["table_key"], c["row_key"]) == ROW}
    assert got == {(str(y), c): v for y, values in printed.items() for c, v in zip(COLUMNS, values)}
    reports = {r["year"]: r for r in _csv(tmp_path / "out" / "reports.csv")}
    assert reports["2022"]["status"] == reports["2023"]["status"] == "ok"
    settled = [w for w in _csv(tmp_path / "out" / "warnings.csv") if w["code"] == "settled_split"]
    assert sorted(w["source_file"].rsplit("/", 1)[1] for w in settled) == ["2022.txt", "2023.txt"]
    assert "in_force 45" in next(w["message"] for w in settled if w["source_file"].endswith("2023.txt"))
    in_force = {c["year"]: c for c in _csv(tmp_path / "out" / "checks.csv")
                if c["rule"] == "panel.in_force" and c["location"].startswith("row normative_documents")}
    assert {y: c["status"] for y, c in in_force.items()} == {"2022": "pass", "2023": "pass"}  # 36+12−3 = 45, 45+5−0 = 50
    assert all("holds by construction" in c["message"] for c in in_force.values())

    (root / "2021.txt").unlink()
    (root / "2023.txt").unlink()
    run_batch(root, tmp_path / "alone", jobs=1)
    assert not [c for c in _csv(tmp_path / "alone" / "cells.csv") if (c["table_key"], c["row_key"]) == ROW]
    assert [r["status"] for r in _csv(tmp_path / "alone" / "reports.csv")] == ["partial"]


def _csv(path):
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _cuts(run: str) -> list[tuple[int, int, int]]:
    """Every cut of a run into three counts (no leading zero but a lone 0), by brute force."""
    from itertools import combinations

    pieces = ([run[:a], run[a:b], run[b:]] for a, b in combinations(range(1, len(run)), 2))
    return [tuple(int(p) for p in cut) for cut in pieces if all(p == "0" or not p.startswith("0") for p in cut)]


_SAID = {"issued": "制发行政规范性文件{}件", "repealed": "废止规范性文件{}件", "in_force": "现行有效规范性文件{}件"}


@given(st.integers(0, 60), st.integers(0, 60), st.integers(0, 400), st.sets(st.sampled_from(COLUMNS)),
       st.one_of(st.none(), st.just("true"), st.integers(0, 400)))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_row_is_read_only_when_the_facts_leave_one_cut(issued, repealed, in_force, stated, last):
    printed = dict(zip(COLUMNS, (issued, repealed, in_force)))
    sentence = "；".join(_SAID[c].format(printed[c]) for c in COLUMNS if c in stated) + "。" if stated else None
    before = in_force - issued + repealed if last == "true" else last
    last_year = {(*ROW, "in_force"): before} if before is not None and before >= 0 else None
    report = extractor.parse_bytes(_page(_values(*(str(v) for v in printed.values())), sentence), "page.txt",
                                   last_year=last_year)
    cuts = _cuts(f"{issued}{repealed}{in_force}")
    agree = [c for c in cuts if all(c[COLUMNS.index(k)] == printed[k] for k in stated)
             and (last_year is None or before + c[0] - c[1] == c[2])]
    row = {c: r.value for c, r in _row(report).items()}
    if (stated or last_year) and len(agree) == 1:
        assert row == dict(zip(COLUMNS, agree[0]))
    else:  # the facts decide nothing: only what every cut agrees on is read (one cut: the row as printed)
        assert row == {c: v for i, (c, v) in enumerate(zip(COLUMNS, cuts[0])) if all(cut[i] == v for cut in cuts)}
    if last in (None, "true"):  # true facts never settle a wrong cut
        assert all(printed[c] == v for c, v in row.items())


def test_a_2019_row_is_settled_by_the_count_its_text_states():
    # 2019's 规范性文件 row: 本年新制作 | 本年新公开 | 对外公开总数量, no relation among them. "1411" cuts as
    # 1|4|11, 1|41|1 and 14|1|1; the text's 新制作 1 leaves two, its 新公开 4 then one: 1 | 4 | 11.
    columns = ("new_made", "new_published", "total_published")
    values = reportgen.random_values("2019", random.Random(5))
    values |= {("active_disclosure", "regulations", c): "0" for c in columns}
    values |= {(*ROW, c): v for c, v in zip(columns, ("1", "4", "11"))}
    body = reportgen.report_body("2019", values, agency="某区财政局", year=2019, published=date(2020, 1, 15),
                                 rng=random.Random(1), padding=False,
                                 narrative="本年新制作规范性文件1件，新公开规范性文件4件。")
    page = reportgen.to_page_text(body, chrome="当前位置：首页 > 政务公开 ").encode()
    assert "规范性文件1411" in page.decode()
    report = extractor.parse_bytes(page, "page.txt")
    row = _row(report)
    assert {c: r.value for c, r in row.items()} == {"new_made": 1, "new_published": 4, "total_published": 11}
    assert all(r.source["settled_by"] == "narrative" for r in row.values())
    unstated = extractor.parse_bytes(page.decode().replace("本年新制作规范性文件1件，新公开规范性文件4件。", "").encode(), "page.txt")
    assert _row(unstated) == {}  # three cuts left: missing, with a warning
    assert any(w.code == "ambiguous_digits" and "1411" in w.message for w in unstated.warnings)
