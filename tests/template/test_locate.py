"""Finding the template's cells in tables laid out in the ways real reports print them (true merged cells)."""
from __future__ import annotations

from docx_xml import docx, p, tbl, tc, tr
from extractor.readers import read_bytes
from extractor.template import normalize

APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _cells(body: str):
    records, template, warnings = normalize(read_bytes(docx(body), "t.docx").tables)
    return {(r.table, r.row, r.column): r for r in records}, template, warnings


def _app_header(sub=("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"), total="总计") -> str:
    # +---------------+---------+---------------------------+------+
    # | (corner 2x2)  | 自然人  | 法人或其他组织 (len(sub)) | 总计 |
    # |               | (2 rows)| 商业企业 | … | 其他       |      |
    return (tr(tc("", vmerge="restart"), tc("自然人", vmerge="restart"), tc("法人或其他组织", span=len(sub)), tc(total, vmerge="restart"))
            + tr(tc("", vmerge="continue"), tc(vmerge="continue"), *[tc(s) for s in sub], tc(vmerge="continue")))


def _row(label: str, *values: str) -> str:
    return tr(tc(label), *[tc(v) for v in values])


def test_extra_subtotal_column_is_reported_and_left_out():
    header = _app_header(sub=("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "法人或其他组织小计"))
    cells, _, warnings = _cells(tbl(9, header, _row("一、本年新收政府信息公开申请数量", "5", "1", "0", "0", "0", "1", "2", "7")))
    new = {k[2]: v.value for k, v in cells.items() if k[1] == "new_received"}
    assert new == {"natural_person": 5, "legal_person.commercial": 1, "legal_person.research": 0, "legal_person.social_welfare": 0,
                   "legal_person.legal_service": 0, "legal_person.other": 1, "total": 7}
    [extra] = [w for w in warnings if w.code == "extra_column"]
    assert "法人或其他组织小计" in extra.message and "一、本年新收政府信息公开申请数量=2" in extra.message


def test_label_variants_map_to_the_same_keys():
    header = _app_header(sub=("企业", "科研机构", "社会组织", "法律服务机构", "其他"), total="合计")
    cells, _, _ = _cells(tbl(8, header, _row("本年新收政府信息公开申请数量", "1", "2", "3", "4", "5", "6", "21")))
    assert [cells[("applications", "new_received", c)].value for c in (
        "legal_person.commercial", "legal_person.social_welfare", "total")] == [2, 4, 21]
    assert cells[("applications", "new_received", "total")].column_label == "合计"


def test_unknown_row_label_is_warned_with_its_values():
    cells, _, warnings = _cells(tbl(8, _app_header(), _row("一、本年新收申请", "1", "0", "0", "0", "0", "0", "1"),
                                    _row("九、本年撤回申请", "3", "0", "0", "0", "0", "0", "3")))
    [unknown] = [w for w in warnings if w.code == "unknown_row_label"]
    assert "九、本年撤回申请" in unknown.message and "'3'" in unknown.message and unknown.where == "table 0, row 3"
    assert not any(k[1] not in ("new_received",) for k in cells)


def test_a_table_continued_after_a_page_break_keeps_its_header():
    first = tbl(8, _app_header(), _row("一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"))
    second = tbl(8, _row("二、上年结转政府信息公开申请数量", "4", "0", "0", "0", "0", "0", "4"))
    cells, _, _ = _cells(first + p("（续表）") + second)
    record = cells[("applications", "carried_over", "natural_person")]
    assert (record.value, record.source) == (4, {"table_index": 1, "row": 0, "col": 1})


def test_active_disclosure_printed_as_one_table_per_item():
    tables = [
        tbl(4, tr(tc("第二十条第（一）项", span=4)), _row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
            _row("规章", "1", "0", "5"), _row("行政规范性文件", "2", "1", "9")),
        tbl(2, tr(tc("第二十条第（五）项", span=2)), _row("信息内容", "本年处理决定数量"), _row("行政许可", "1,234")),
        tbl(2, _row("信息内容", "本年收费金额（单位：万元）"), _row("行政事业性收费", "12.5")),
    ]
    cells, template, _ = _cells("".join(tables))
    assert template == "2021"
    assert cells[("active_disclosure", "normative_documents", "in_force")].value == 9
    assert cells[("active_disclosure", "administrative_licensing", "decisions")].value == 1234
    assert cells[("active_disclosure", "administrative_fees", "fee_amount")].value == 12.5


def test_review_table_printed_with_rows_for_review_and_litigation():
    # | (corner)          | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
    # | 行政复议 (2 cols)  | …                                          |
    # | 行政诉讼 | 未经复议直接起诉 | …                                  |
    # |          | 复议后起诉       | …                                  |
    header = tr(tc("", span=2), *[tc(x) for x in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")])
    rows = (tr(tc("行政复议", span=2), *[tc(v) for v in "10012"])
            + tr(tc("行政诉讼", vmerge="restart"), tc("未经复议直接起诉"), *[tc(v) for v in "00101"])
            + tr(tc(vmerge="continue"), tc("复议后起诉"), *[tc(v) for v in ("/", "/", "/", "/", "/")]))
    cells, _, _ = _cells(tbl(7, header, rows))
    assert cells[("review_litigation", "review", "total")].value == 2
    assert cells[("review_litigation", "litigation.direct", "pending")].value == 0
    assert cells[("review_litigation", "litigation.after_review", "upheld")].state == "na"
    assert cells[("review_litigation", "litigation.direct", "other")].row_label == "行政诉讼 / 未经复议直接起诉"


def test_a_group_row_with_numbers_is_a_subtotal_not_a_cell():
    cells, _, warnings = _cells(tbl(8, _app_header(), _row("（三）不予公开", "2", "0", "0", "0", "0", "0", "2")))
    assert cells == {} and [w.code for w in warnings if w.code == "subtotal_row"] == ["subtotal_row"]


def test_a_header_row_with_unmerged_empty_cells_is_still_a_header():
    # | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
    # | 规章     | 1            | 0            | 5            |
    # | 信息内容 | 本年处理决定数量 |  (empty)  |  (empty)     |   <- not merged, just empty cells
    # | 行政许可 | 7            |              |              |
    table = tbl(4, _row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), _row("规章", "1", "0", "5"),
                _row("信息内容", "本年处理决定数量", "", ""), _row("行政许可", "7", "", ""))
    cells, _, warnings = _cells(table)
    assert cells[("active_disclosure", "administrative_licensing", "decisions")].value == 7
    assert not [w for w in warnings if w.code in ("unknown_row_label", "not_a_template_cell")]


def test_a_label_one_character_from_the_template_is_read_and_warned():
    cells, _, warnings = _cells(tbl(8, _app_header(), _row("一、本年新收政府信息公开申请数", "2", "0", "0", "0", "0", "0", "2"),
                                    _row("二、本年办结政府信息公开申请数量", "9", "0", "0", "0", "0", "0", "9")))
    assert cells[("applications", "new_received", "total")].value == 2  # 数量 → 数: one character missing
    assert [w.code for w in warnings if w.code in ("approximate_label", "unknown_row_label")] == ["approximate_label", "unknown_row_label"]
    assert not any(k[1] == "carried_over" for k in cells)  # 办结 ≠ 结转: two characters away is never guessed


def test_a_header_one_character_from_the_template_is_read_and_warned():
    header = _app_header(sub=("商业企业", "科研机构", "社会公益组织", "法律服务机机构", "其他"))
    cells, _, warnings = _cells(tbl(8, header, _row("一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "3", "0", "4")))
    assert cells[("applications", "new_received", "legal_person.legal_service")].value == 3
    assert [w.message for w in warnings if w.code == "approximate_label"] == [
        "column label '法律服务机机构' is not in the template; read as legal_person.legal_service (one character from '法律服务机构')"]


def test_a_header_word_broken_over_two_rows_is_joined():
    # | (corner) | 自然人 | 法人或其他组织 (5)                     | 总计 |
    # |          |        | 商业企 | 科研机构 | … | 其他 |        |
    # |          |        | 业     |          |   |      |        |      <- the converter's third header row
    header = (tr(tc("", vmerge="restart"), tc("自然人", vmerge="restart"), tc("法人或其他组织", span=5), tc("总计", vmerge="restart"))
              + tr(tc("", vmerge="continue"), tc(vmerge="continue"), tc("商业企"),
                   *[tc(x) for x in ("科研机构", "社会公益组织", "法律服务机构", "其他")], tc(vmerge="continue"))
              + tr(tc("", vmerge="continue"), tc(vmerge="continue"), tc("业"), tc(""), tc(""), tc(""), tc(""), tc(vmerge="continue")))
    cells, _, _ = _cells(tbl(8, header, _row("一、本年新收政府信息公开申请数量", "1", "5", "0", "0", "0", "0", "6")))
    assert cells[("applications", "new_received", "legal_person.commercial")].value == 5
