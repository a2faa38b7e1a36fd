"""diff_reports on two template-built reports with planted changes, and on the corpus's real consecutive years."""
from __future__ import annotations

import json
import random
from datetime import date

import extractor
import reportgen
from conftest import CORPUS, shared_file
from extractor.diff import diff_reports, to_html, to_json, to_text

AGENCY = "江岸区财政局"
PROBLEM = "一是信息公开的及时性有待加强；二是政策解读的针对性还不够强。"


def _build(tmp_path, values, year, problems=None):
    body = reportgen.report_body("2021", values, agency=AGENCY, year=year, published=date(year + 1, 1, 20), rng=random.Random(9))
    if problems is not None:
        body[body.index("五、存在的主要问题及改进情况") + 1] = problems
    path = tmp_path / f"{year}.docx"
    reportgen.write_docx(body, path)
    return extractor.parse(path).to_dict(), body


def _planted(tmp_path):
    old = reportgen.random_values("2021", random.Random(21))
    old |= {("active_disclosure", "administrative_licensing", "decisions"): "20",  # → 150: 7.5×, a jump
            ("active_disclosure", "administrative_penalty", "decisions"): "12",  # → 50: 4.2×, none
            ("active_disclosure", "administrative_coercion", "decisions"): "3",  # → 40: 13× but 3 < 10, none
            ("active_disclosure", "regulations", "in_force"): "10", ("active_disclosure", "normative_documents", "in_force"): "30"}
    new = dict(old)
    columns = [c for _, _, c in [k for k in old if k[:2] == ("applications", "carried_forward")]]
    for column in columns:  # this year's 上年结转 is last year's 结转下年度 …
        new["applications", "carried_over", column] = old["applications", "carried_forward", column]
    for column in ("legal_person.commercial", "total"):  # … except one applicant column, one more
        new["applications", "carried_over", column] = str(int(old["applications", "carried_forward", column]) + 1)
    new |= {("active_disclosure", "administrative_licensing", "decisions"): "150",
            ("active_disclosure", "administrative_penalty", "decisions"): "50",
            ("active_disclosure", "administrative_coercion", "decisions"): "40",
            ("active_disclosure", "regulations", "issued"): "3", ("active_disclosure", "regulations", "repealed"): "1",
            ("active_disclosure", "regulations", "in_force"): "12",  # 10 + 3 − 1: holds
            ("active_disclosure", "normative_documents", "issued"): "2", ("active_disclosure", "normative_documents", "repealed"): "0",
            ("active_disclosure", "normative_documents", "in_force"): "34"}  # 30 + 2 − 0 = 32, not 34
    a, old_body = _build(tmp_path, old, 2021)
    b, new_body = _build(tmp_path, new, 2022, PROBLEM)
    return old, new, a, b, old_body, new_body


def test_diff_reports_exactly_the_planted_changes_and_flags(tmp_path):
    old, new, a, b, old_body, new_body = _planted(tmp_path)
    diff = diff_reports(a, b)

    changed = {(k, old[k], new[k]) for k in old if old[k] != new[k]}
    assert {((c.table, c.row, c.column), c.old, c.new) for c in diff.cells} == changed
    licensing = next(c for c in diff.cells if c.row == "administrative_licensing")
    assert (licensing.absolute, licensing.relative, licensing.jump) == (130, 6.5, "growth")
    expected_jumps = {k for k, x, y in changed if min(int(x), int(y)) >= 10 and max(int(x), int(y)) > 5 * min(int(x), int(y))}
    assert {(c.table, c.row, c.column) for c in diff.jumps} == expected_jumps
    assert ("active_disclosure", "administrative_licensing", "decisions") in expected_jumps
    assert ("active_disclosure", "administrative_coercion", "decisions") not in expected_jumps

    status = {(c["rule"], c["where"]): (c["status"], c["expected"], c["actual"]) for c in diff.cross_year}
    commercial = int(old["applications", "carried_forward", "legal_person.commercial"])
    assert status["panel.carried_over", "column legal_person.commercial"] == ("fail", commercial, commercial + 1)
    assert {w for (rule, w), s in status.items() if s[0] == "fail"} == {"column legal_person.commercial", "column total",
                                                                       "row normative_documents"}
    assert status["panel.in_force", "row regulations"] == ("pass", 12, 12)
    assert status["panel.in_force", "row normative_documents"] == ("fail", 32, 34)

    sections = {s.key: s for s in diff.sections}
    overview_old, overview_new = old_body[3], new_body[3]  # the opening paragraph names the year twice
    assert set(sections["overview"].removed) == {s + "。" for s in overview_old.split("。") if s}
    assert set(sections["overview"].added) == {s + "。" for s in overview_new.split("。") if s}
    problems_old = old_body[old_body.index("五、存在的主要问题及改进情况") + 1]
    assert sections["problems"].removed == (problems_old.split("；")[0] + "；", problems_old.split("；")[1])
    assert sections["problems"].added == ("一是信息公开的及时性有待加强；", "二是政策解读的针对性还不够强。")
    assert 0.5 < sections["problems"].similarity < 1 and 0.8 < sections["overview"].similarity < 1
    for table in ("active_disclosure", "applications", "review_litigation"):
        assert sections[table].similarity == 1.0 and not sections[table].added

    text = to_text(diff)
    assert "administrative_licensing × decisions: 20 → 150  +130 +650%  JUMP (growth)" in text
    assert json.loads(to_json(diff))["cross_year"] == [dict(c) for c in diff.cross_year]
    assert "✗ 突变（增长）" in to_html(diff)


def test_thresholds_are_options(tmp_path):
    _, _, a, b, _, _ = _planted(tmp_path)
    rows = {c.row: c.jump for c in diff_reports(a, b, factor=3.0, floor=3).jumps}
    assert rows.get("administrative_penalty") == "growth" and rows.get("administrative_coercion") == "growth"
    assert "administrative_licensing" not in {c.row for c in diff_reports(a, b, factor=10.0).jumps}  # 7.5×


def test_real_consecutive_years_flag_the_cross_year_relations_as_printed():
    # 洪泽区 2023 → 2024 (corpus PDFs): 行政规范性文件 现行有效 5, then 制发 3, 废止 0, 现行有效 8; nothing carried over
    old = extractor.parse(shared_file(CORPUS / "hzq-2023.pdf")).to_dict()
    new = extractor.parse(shared_file(CORPUS / "hzq-2024.pdf")).to_dict()
    diff = diff_reports(old, new)
    checks = {(c["rule"], c["where"]): c for c in diff.cross_year}
    normative = checks["panel.in_force", "row normative_documents"]
    assert (normative["status"], normative["expected"], normative["actual"]) == ("pass", 8, 8)
    assert {c["status"] for (rule, _), c in checks.items() if rule == "panel.carried_over"} == {"pass"}
    licensing = next(c for c in diff.cells if c.row == "administrative_licensing")
    assert (licensing.old, licensing.new, licensing.jump) == ("550", "9487", "growth")
