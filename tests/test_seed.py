"""End to end on the real report the project started from (../shared/seed), values read from its text."""
from __future__ import annotations

import json

import extractor
from extractor.export import to_json

# Every non-zero cell printed in the seed (lines 107–361 of the text file); all other cells print "0".
SEED_NON_ZERO = {
    ("applications", "new_received", "natural_person"): 1,
    ("applications", "new_received", "total"): 1,
    ("applications", "carried_over", "natural_person"): 1,
    ("applications", "carried_over", "total"): 1,
    ("applications", "results.unavailable.not_held", "natural_person"): 1,
    ("applications", "results.unavailable.not_held", "total"): 1,
    ("applications", "results.other.other", "natural_person"): 1,
    ("applications", "results.other.other", "total"): 1,
    ("applications", "results.total", "natural_person"): 2,
    ("applications", "results.total", "total"): 2,
}


def test_seed_yields_every_cell_of_the_three_tables(seed_report):
    tables = seed_report.to_dict()["tables"]
    assert [len(tables[t]) for t in ("applications", "review_litigation", "active_disclosure")] == [175, 15, 10]


def test_seed_values_are_exactly_the_printed_ones(seed_report):
    for record in seed_report.records:
        key = (record.table, record.row, record.column)
        expected = SEED_NON_ZERO.get(key, 0)
        assert (record.value, record.state, record.raw) == (expected, "numeric" if expected else "zero", str(expected)), key
    assert {(r.table, r.row, r.column) for r in seed_report.records if r.value} == set(SEED_NON_ZERO)


def test_seed_cell_record_carries_labels_and_source(seed_report):
    record = next(r for r in seed_report.records if (r.row, r.column) == ("results.withheld.state_secret", "legal_person.commercial"))
    assert record.as_dict() == {
        "table": "applications", "row": "results.withheld.state_secret", "column": "legal_person.commercial",
        "value": 0, "state": "zero", "raw": "0",
        "row_label": "三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密", "column_label": "法人或其他组织 / 商业企业",
        "source": {"table_index": 1, "row": 7, "col": 4},
    }


def test_seed_review_cells_take_their_row_from_the_header(seed_report):
    record = next(r for r in seed_report.records if (r.table, r.row, r.column) == ("review_litigation", "litigation.after_review", "pending"))
    assert (record.row_label, record.column_label, record.source) == (
        "行政诉讼 / 复议后起诉", "尚未审结", {"table_index": 2, "row": 3, "col": 13})


def test_seed_metadata(seed_report):
    assert seed_report.metadata == {
        "title": "二七街道2021年政府信息公开工作年度报告", "agency": "江岸区人民政府二七街道办事处", "year": 2021,
        "published": "2022-01-20", "period": ["2021-01-01", "2021-12-31"], "template": "2021",
        "sources": {"title": "title_line", "agency": "signature", "year": "title_line", "published": "signature"}}


def test_seed_level_one_sections_are_the_reports_six(seed_report):
    assert [s.title for s in seed_report.sections] == [
        "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
        "存在的主要问题及改进情况", "其他需要报告的事项"]
    assert [s.key for s in seed_report.sections] == [
        "overview", "active_disclosure", "applications", "review_litigation", "problems", "other"]
    assert [s.tables for s in seed_report.sections] == [(), (0,), (1,), (2,), (), ()]


def test_seed_numbering_slips_are_warned_not_lost(seed_report):
    promoted = [w for w in seed_report.warnings if w.code == "heading_promoted"]
    assert [w.message.split("'")[1] for w in promoted] == [
        "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况"]
    overview = seed_report.sections[0]
    assert [c.title for c in overview.children] == [
        "强化政府网站公开能力建设", "深化政务服务信息公开", "推进政务新媒体平台发展", "强化组织领导", "行政机关收到和处理政府信息公开申请情况"]


def test_seed_every_paragraph_lands_in_exactly_one_section(seed_report):
    held = list(seed_report.preamble.blocks) + [i for top in seed_report.sections for s in top.walk() for i in s.blocks]
    printed = [b.index for b in seed_report.document.paragraphs if b.text.strip()]
    tables = [t.block for t in seed_report.document.tables]
    assert sorted(held) == sorted(printed + tables)
    assert "[bookmark" not in json.dumps(seed_report.to_dict(), ensure_ascii=False)


def test_seed_docx_with_true_merges_gives_the_same_tables(seed_report, seed_docx_report):
    text, docx = seed_report.to_dict(), seed_docx_report.to_dict()
    assert docx["tables"] == text["tables"]
    assert docx["metadata"] == text["metadata"]
    assert docx["sections"] == text["sections"]
    assert docx["raw_tables"] == text["raw_tables"]
    assert docx["source"]["format"] == "docx" and text["source"]["format"] == "text"


def test_seed_json_is_the_contract_shape(seed_path):
    report = json.loads(to_json(extractor.parse(seed_path)))
    assert set(report) >= {"schema_version", "source", "metadata", "sections", "tables", "checks", "warnings", "raw_tables"}
    assert report["source"]["bytes"] == seed_path.stat().st_size and len(report["source"]["sha256"]) == 64
    assert report["raw_tables"][1]["spans"][0] == {"row": 0, "col": 0, "rowspan": 3, "colspan": 3}


def test_blank_official_template_reads_every_cell_present_and_empty():
    from conftest import CORPUS, shared_file

    report = extractor.parse(shared_file(CORPUS / "template2021-blank.docx"))
    assert report.metadata["template"] == "2021"
    assert [len(report.to_dict()["tables"][t]) for t in ("applications", "review_litigation", "active_disclosure")] == [175, 15, 10]
    assert {(r.state, r.value) for r in report.records} == {("empty", None)}  # full-width spaces included: blank, never 0
    assert {c["status"] for c in report.checks if not c["rule"].startswith("narrative")} == {"not_assessable"}


def test_fast_json_writes_the_same_bytes_as_the_standard_library(seed_report):
    from extractor.export import dumps

    report = seed_report.to_dict()
    assert dumps(report) == json.dumps(report, ensure_ascii=False, separators=(",", ":"))
