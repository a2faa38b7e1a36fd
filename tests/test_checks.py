"""Arithmetic checks (勾稽关系) on reports built with deliberate errors: flag every broken relation, never repair.

The reports come from scripts/reportgen.py with consistent random values, then a few cells are changed by
hand; the expected outcome of every relation is worked out below from the template's relations, not from
the code under test.
"""
from __future__ import annotations

import random
from datetime import date

import pytest

import extractor
import reportgen
from extractor.cli import main


def _report(tmp_path, template, edits, kind, narrative=None, seed=7):
    values = reportgen.random_values(template, random.Random(seed))
    values.update(edits)
    body = reportgen.report_body(template, values, agency="某市某区人民政府", year=2021 if template == "2021" else 2020,
                                 published=date(2022, 1, 15), narrative=narrative(values) if narrative else None)
    path = tmp_path / f"report-{template}.{kind}"
    (reportgen.write_docx if kind == "docx" else reportgen.write_text)(body, path)
    return path, values


def _bump(values, ref, delta):
    return {ref: str(int(values[ref]) + delta)}


def _statuses(report):
    return {(c["rule"], c["where"]): c["status"] for c in report.checks}


@pytest.mark.parametrize("kind", ["docx", "txt"])
def test_2021_report_with_deliberate_errors(tmp_path, kind):
    base = reportgen.random_values("2021", random.Random(7))
    edits = {
        **_bump(base, ("applications", "results.granted", "legal_person.commercial"), 2),  # results ≠ （七）总计; applicants ≠ 总计
        **_bump(base, ("review_litigation", "review", "total"), 1),  # outcomes ≠ total
        ("applications", "carried_forward", "legal_person.research"): "",  # blank: never taken for 0
        ("review_litigation", "litigation.direct", "pending"): "/",
    }
    path, values = _report(tmp_path, "2021", edits, kind)
    report = extractor.parse(path)
    statuses = _statuses(report)
    assert {k for k, s in statuses.items() if s == "fail"} == {
        ("applications.results_total", "column legal_person.commercial"), ("applications.applicant_total", "row results.granted"),
        ("review_litigation.row_total", "row review")}
    assert {k for k, s in statuses.items() if s == "not_assessable"} == {
        ("applications.balance", "column legal_person.research"), ("applications.applicant_total", "row carried_forward"),
        ("review_litigation.row_total", "row litigation.direct")}
    assert len(statuses) == 7 + 7 + 25 + 3  # every relation of the 2021 template, each once
    assert {(r.table, r.row, r.column): r.raw for r in report.records} == values  # printed values untouched
    failed = next(c for c in report.checks if c["where"] == "row results.granted")
    assert failed["actual"] == int(values[("applications", "results.granted", "total")])
    assert failed["expected"] == failed["actual"] + 2 and len(failed["cells"]) == 7


@pytest.mark.parametrize("kind", ["docx", "txt"])
def test_2019_report_with_deliberate_errors(tmp_path, kind):
    base = reportgen.random_values("2019", random.Random(7))
    edits = {
        **_bump(base, ("applications", "results.other", "natural_person"), 1),  # the 2019 single （六）其他处理 row
        **_bump(base, ("applications", "carried_over", "total"), 3),
    }
    path, values = _report(tmp_path, "2019", edits, kind)
    report = extractor.parse(path)
    assert report.metadata["template"] == "2019"
    statuses = _statuses(report)
    assert {k for k, s in statuses.items() if s != "pass"} == {
        ("applications.results_total", "column natural_person"), ("applications.applicant_total", "row results.other"),
        ("applications.balance", "column total"), ("applications.applicant_total", "row carried_over")}
    assert set(statuses.values()) == {"pass", "fail"} and len(statuses) == 7 + 7 + 23 + 3
    assert {(r.table, r.row, r.column): r.raw for r in report.records} == values
    assert not any(r.row.startswith("results.other.") for r in report.records)  # nothing folded into 2021 keys


def test_a_report_mixing_the_formats_is_warned_and_keeps_each_formats_keys(tmp_path):
    values = {**reportgen.random_values("2021", random.Random(1)), **reportgen.random_values("2019", random.Random(1))}
    body = reportgen.report_body("2021", values, agency="某县人民政府", year=2021, published=date(2022, 1, 1))
    body[body.index("二、主动公开政府信息情况") + 1] = reportgen.active_table(values, "2019")  # a 2019 主动公开 table
    reportgen.write_text(body, tmp_path / "mixed.txt")
    report = extractor.parse(tmp_path / "mixed.txt")
    assert "mixed_template" in [w.code for w in report.warnings]
    rows = {(r.table, r.row, r.column) for r in report.records}
    assert ("active_disclosure", "regulations", "new_made") in rows and ("applications", "results.other.other", "total") in rows


def test_a_count_stated_in_the_text_is_compared_with_the_table(tmp_path):
    def wrong_count(values):  # the text says one more application than the table
        received = int(values[("applications", "new_received", "total")])
        return f"2021年，本机关共收到政府信息公开申请{received + 1}件，均已按时答复。"

    path, values = _report(tmp_path, "2021", {}, "txt", narrative=wrong_count)
    [check] = [c for c in extractor.parse(path).checks if c["rule"] == "narrative.new_received"]
    received = int(values[("applications", "new_received", "total")])
    assert (check["status"], check["expected"], check["actual"]) == ("fail", received + 1, received)
    assert f"共收到政府信息公开申请{received + 1}件" in check["message"]


def test_seed_checks_all_pass(seed_report):
    assert {c["status"] for c in seed_report.checks} == {"pass"}
    assert {c["rule"] for c in seed_report.checks} >= {"applications.balance", "narrative.new_received", "narrative.no_review"}


def test_strict_exits_1_only_when_a_check_fails(tmp_path, seed_path, capsys):
    base = reportgen.random_values("2021", random.Random(7))
    path, _ = _report(tmp_path, "2021", _bump(base, ("review_litigation", "review", "total"), 1), "txt")
    assert main([str(path), "--strict", "-q"]) == 1
    assert main([str(path), "-q"]) == 0
    assert main([str(seed_path), "--strict", "-q"]) == 0


@pytest.mark.parametrize(("sentence", "stated"), [
    ("2021年收到自然人申请公开相关政府信息的申请1条。", 1),
    ("本年度新收政府信息公开申请12件，办结12件。", 12),
    ("共收到依申请公开件3件。", 3),
    # a count in another clause is not the number of applications (seen in generated prose)
    ("相关业务科室围绕申请受理工作，不断优化政府信息公开申请办理流程，对8件规范性文件开展清理评估。", None),
])
def test_the_stated_number_of_applications_is_read_from_one_clause(sentence, stated):
    from extractor.statements import NARRATIVE

    [pattern] = [p for rule, _, _, p in NARRATIVE if rule == "narrative.new_received"]
    match = pattern.search(sentence)
    assert (int(match.group(1)) if match else None) == stated
