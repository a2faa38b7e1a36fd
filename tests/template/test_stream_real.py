"""The four crawled page texts of ../shared/corpus/page-text: body on one line, every cell run together.

Expected values are read by eye off each file (quoted in the comments), never from running the code.
"""
from __future__ import annotations

import pytest

import extractor
from conftest import CORPUS, shared_file

TEMPLATE_KEYS_2021 = ["overview", "active_disclosure", "applications", "review_litigation", "problems", "other"]


def _parse(name: str):
    return extractor.parse(shared_file(CORPUS / "page-text" / f"{name}.txt"))


def _cells(report) -> dict[tuple[str, str, str], int | float]:
    return {(r.table, r.row, r.column): r.value for r in report.records}


def _codes(report) -> list[str]:
    return [w.code for w in report.warnings]


@pytest.fixture(scope="module")
def page():
    """The four reports, parsed once: czj (2021), gyz (2019 format), jsp (2023), shs (2024)."""
    return {name.split("-")[1]: _parse(name) for name in ("pt-czj-2021", "pt-gyz-2019", "pt-jsp-2023", "pt-shs-2024")}


def test_czj_active_disclosure_as_printed(page):
    czj = page["czj"]
    cells = _cells(czj)
    # "规章000行政规范性文件303…行政许可0…行政处罚0行政强制0…行政事业性收费7816"
    assert [cells["active_disclosure", "regulations", c] for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert [cells["active_disclosure", "normative_documents", c] for c in ("issued", "repealed", "in_force")] == [3, 0, 3]
    assert cells["active_disclosure", "administrative_licensing", "decisions"] == 0
    assert cells["active_disclosure", "administrative_penalty", "decisions"] == 0
    assert cells["active_disclosure", "administrative_coercion", "decisions"] == 0
    assert cells["active_disclosure", "administrative_fees", "fee_amount"] == 7816


def test_czj_applications_and_review_are_all_zero(page):
    czj = page["czj"]
    # every applications row prints "0 0 0 0 0 00" (its last two cells glued); the review run is
    # "00 0 00 0 0 0 00 0 0 0 00" (15 zeros, irregular spaces)
    cells = _cells(czj)
    applications = {k: v for k, v in cells.items() if k[0] == "applications"}
    review = {k: v for k, v in cells.items() if k[0] == "review_litigation"}
    assert len(applications) == 25 * 7 and set(applications.values()) == {0}
    assert len(review) == 15 and set(review.values()) == {0}
    assert all(r.source.get("inferred") for r in czj.records if r.table == "review_litigation")
    assert len(czj.records) == 200 and "missing_cell" not in _codes(czj)


def test_czj_sections_and_preamble(page):
    czj = page["czj"]
    # 一 … 五 are printed inline; the report has no 六
    assert [s.key for s in czj.sections] == TEMPLATE_KEYS_2021[:5]
    # "作用。 （一）突出抓好财政预决算公开 1.主动公开…2.完善预算机制。…5.加强预决算公开考核"
    overview = czj.sections[0]
    assert overview.children[0].title == "突出抓好财政预决算公开"
    assert [c.number for c in overview.children[0].children] == ["1", "2", "3", "4", "5"]
    assert overview.children[0].children[1].title == "完善预算机制"
    preamble = czj.preamble.paragraphs
    assert preamble[0].startswith("标题:") and any(p.startswith("发布机构:") for p in preamble)
    assert any("正文" in p for p in preamble) and preamble[-1].startswith("平潭综合实验区财政金融局2021年度")


def test_gyz_2019_ambiguous_regulations_row_is_missing_with_a_warning(page):
    gyz = page["gyz"]
    cells = _cells(gyz)
    # "规章1411": 1/4/11, 1/41/1 or 14/1/1 — no relation tells them apart
    assert not any(k[:2] == ("active_disclosure", "regulations") for k in cells)
    ambiguous = [w for w in gyz.warnings if w.code == "ambiguous_digits" and "'1411'" in w.message]
    assert ambiguous and "regulations × new_made" in ambiguous[0].message
    assert sum(w.code == "missing_cell" and "regulations" in w.message for w in gyz.warnings) == 3
    # "规范性文件666", "行政许可000", "行政事业性收费00", "政府集中采购00"
    assert [cells["active_disclosure", "normative_documents", c] for c in ("new_made", "new_published", "total_published")] == [6, 6, 6]
    assert [cells["active_disclosure", "administrative_licensing", c] for c in ("prior_year_items", "change", "decisions")] == [0, 0, 0]
    assert cells["active_disclosure", "administrative_fees", "change"] == 0
    assert cells["active_disclosure", "centralized_procurement", "procurement_amount"] == 0


def test_gyz_2019_tables_and_sections(page):
    gyz = page["gyz"]
    cells = _cells(gyz)
    # "一、本年新收政府信息公开申请数量 00 00000", "（六）其他处理 0 0 0 0 0 00" (the 2019 single row), review 15 zeros
    assert cells["applications", "new_received", "total"] == 0 and cells["applications", "results.other", "total"] == 0
    assert sum(k[0] == "applications" for k in cells) == 23 * 7 and sum(k[0] == "review_litigation" for k in cells) == 15
    assert len(gyz.records) == 195
    assert [s.key for s in gyz.sections] == TEMPLATE_KEYS_2021
    assert [c.title for c in gyz.sections[0].children] == ["加强政策解读，充分利用门户网站公开渠道", "健全制度规范，提升公开质量",
                                                          "积极回应舆情，提升服务质量"]


def test_jsp_two_applications_granted(page):
    jsp = page["jsp"]
    cells = _cells(jsp)
    # "行政规范性文件0011" can only be 0/0/11; "一、本年新收政府信息公开申请数量2000002"; "（一）予以公开2000002";
    # "（七）总计2000002"; everything else 0
    assert [cells["active_disclosure", "normative_documents", c] for c in ("issued", "repealed", "in_force")] == [0, 0, 11]
    for row in ("new_received", "results.granted", "results.total"):
        assert cells["applications", row, "natural_person"] == 2 and cells["applications", row, "total"] == 2
        assert all(cells["applications", row, c] == 0 for c in ("legal_person.commercial", "legal_person.other"))
    assert cells["applications", "carried_forward", "total"] == 0
    assert len(jsp.records) == 200 and not [c for c in jsp.checks if c["status"] == "fail"]
    # section 5 is titled 存在的主要问题及改进措施: still the template's problems section
    assert [s.key for s in jsp.sections] == TEMPLATE_KEYS_2021
    assert jsp.sections[4].title == "存在的主要问题及改进措施"


def test_shs_review_run_breaks_its_own_arithmetic(page):
    shs = page["shs"]
    cells = _cells(shs)
    # "…尚未审结总计00202000001324015": 17 digits for 15 cells, and no cut keeps 维持+纠正+其他+尚未审结=总计
    assert not any(k[0] == "review_litigation" for k in cells)
    broken = [w for w in shs.warnings if w.code == "arithmetic_broken" and "00202000001324015" in w.message]
    assert broken
    assert any(w.code == "ambiguous_digits" and "review × upheld" in w.message for w in shs.warnings)
    # no 规章 row printed: "现行有效件数规范性文件500" is 5/0/0; "行政许可2650", "行政处罚31"
    assert [cells["active_disclosure", "normative_documents", c] for c in ("issued", "repealed", "in_force")] == [5, 0, 0]
    assert cells["active_disclosure", "administrative_licensing", "decisions"] == 2650
    assert cells["active_disclosure", "administrative_penalty", "decisions"] == 31
    assert sum(w.code == "missing_cell" and "regulations" in w.message for w in shs.warnings) == 3
    assert cells["applications", "new_received", "total"] == 2 and cells["applications", "results.granted", "natural_person"] == 2
    assert len(shs.records) == 182


def test_shs_sections_with_a_typo_in_a_title(page):
    shs = page["shs"]
    # "四、政府信息公开行政法复议、行政诉讼情况": one character off the template's title
    assert [s.key for s in shs.sections] == TEMPLATE_KEYS_2021
    assert shs.sections[3].title == "政府信息公开行政法复议、行政诉讼情况"
