"""scripts/reportgen.py, the synthetic report generator: faithful text, template-shaped Word tables, consistent values."""
from __future__ import annotations

import random
import zipfile
from datetime import date

import pytest
from lxml import etree

import make_fixtures  # noqa: E402
import reportgen as rg  # noqa: E402
from conftest import FIXTURES, ROOT, SEED, shared_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_tables(path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml")).findall(f"{W}body/{W}tbl")


def spans(tbl: etree._Element) -> dict[tuple[int, int], tuple[int, int, str]]:
    """(row, grid column) of each cell's top-left slot → (rowspan, colspan, text), read from gridSpan/vMerge."""
    found: dict[tuple[int, int], tuple[int, int, str]] = {}
    open_at: dict[int, tuple[int, int]] = {}  # grid column → top-left slot of the vertical span running there
    for r, tr in enumerate(tbl.findall(f"{W}tr")):
        c = 0
        for tc in tr.findall(f"{W}tc"):
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            cols = int(span.get(f"{W}val")) if span is not None else 1
            v_merge = tc.find(f"{W}tcPr/{W}vMerge")
            if v_merge is not None and v_merge.get(f"{W}val") == "continue":
                top = open_at[c]
                rows, cols_, text = found[top]
                found[top] = (rows + 1, cols_, text)
            else:
                found[r, c] = (1, cols, "".join(tc.itertext()))
                open_at[c] = (r, c)
            c += cols
    return found


def shape(tbl: etree._Element) -> tuple[int, int]:
    return len(tbl.findall(f"{W}tr")), len(tbl.findall(f"{W}tblGrid/{W}gridCol"))


def test_to_text_of_the_fixture_body_reproduces_the_seed_export():
    seed = shared_file(SEED).read_text(encoding="utf-8").replace("[bookmark: _GoBack]", "")
    assert rg.to_text(make_fixtures.BODY) == seed


def test_make_fixtures_still_builds_the_committed_docx_byte_for_byte():
    committed = (FIXTURES / "docx" / "seed-2021.docx").read_bytes()
    assert rg.docx_bytes(make_fixtures.build()) == committed


def test_2021_tables_from_values_are_the_hand_written_fixture_tables():
    seed = {("applications", row, column): "1" for row in ("new_received", "carried_over", "results.unavailable.not_held",
                                                          "results.other.other") for column in ("natural_person", "total")}
    seed |= {("applications", "results.total", column): "2" for column in ("natural_person", "total")}
    for built, written in [(rg.applications_table(seed, "2021"), make_fixtures.APPLICATIONS),
                           (rg.active_table({}, "2021"), make_fixtures.PROACTIVE_DISCLOSURE)]:
        assert (built.grid, rg.layout(built)) == (written.grid, rg.layout(written))


def test_a_2019_docx_has_the_template_table_shapes(tmp_path):
    values = rg.random_values("2019", random.Random(7))
    body = rg.report_body("2019", values, agency="某区财政局", year=2020, published=date(2021, 1, 25), padding=False)
    rg.write_docx(body, tmp_path / "r.docx")
    active, applications, review = docx_tables(tmp_path / "r.docx")

    assert shape(active) == (18, 4)  # five blocks: (一)(五)(六) with two rows, (八)(九) with one
    cells = spans(active)
    assert cells[0, 0] == (1, 4, "第二十条第（一）项")
    assert cells[5, 3] == (1, 1, "处理决定数量")
    assert cells[7, 0][2] == "其他对外管理服务事项"
    assert cells[13, 2] == (1, 2, "本年增/减")
    assert cells[17, 0][2] == "政府集中采购" and cells[17, 2][:2] == (1, 2)

    assert shape(applications) == (26, 10)  # 3 header rows, 2, 20 results rows, 1
    cells = spans(applications)
    assert cells[0, 0][:2] == (3, 3)
    assert cells[1, 4] == (1, 5, "法人或其他组织")
    assert cells[5, 0] == (20, 1, "三、本年度办理结果")
    assert cells[7, 1] == (8, 1, "（三）不予公开")
    assert cells[23, 1] == (1, 2, "（六）其他处理")
    assert cells[24, 1] == (1, 2, "（七）总计")

    assert shape(review) == (4, 15)
    assert spans(review)[1, 0] == (2, 1, "结果维持")


def test_2021_applications_docx_table_has_22_result_rows(tmp_path):
    rg.write_docx([rg.applications_table({}, "2021")], tmp_path / "a.docx")
    (table,) = docx_tables(tmp_path / "a.docx")
    assert shape(table) == (28, 10)
    assert spans(table)[5, 0] == (22, 1, "三、本年度办理结果")
    assert spans(table)[23, 1] == (3, 1, "（六）其他处理")


def test_extra_subtotal_and_label_variants():
    values = {("applications", "new_received", key): str(n) for n, key in enumerate(rg.APPLICATION_COLUMNS)}
    table = rg.applications_table(values, "2021", extra_subtotal=True, labels={"商业企业": "企业", "总计": "合计"})
    rows = rg.tc_rows(table)
    assert len(table.grid) == 11
    assert rows[1] == ["", "自然人", "法人或其他组织", "合计"] and table.rows[1][1].cols == 6
    assert rows[2][2:] == ["企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他", "法人或其他组织小计", ""]
    assert rows[3][1:] == ["0", "1", "2", "3", "4", "5", "15", "6"]  # subtotal: 1+2+3+4+5
    assert rows[-2][1] == "（七）总计"  # only the exact label is replaced


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("seed", range(20))
def test_random_values_are_consistent(template, seed):
    values = {key: int(text) for key, text in rg.random_values(template, random.Random(seed)).items()
              if key[0] != "active_disclosure"}
    leaves = rg.result_leaves(template)
    for column in rg.APPLICATION_COLUMNS:
        cell = {row: values["applications", row, column] for row in rg.application_rows(template)}
        assert cell["results.total"] == sum(cell[row] for row in leaves)
        assert cell["new_received"] + cell["carried_over"] == cell["results.total"] + cell["carried_forward"]
        assert min(cell.values()) >= 0
    for row in rg.application_rows(template):
        applicants = [values["applications", row, column] for column in rg.APPLICATION_COLUMNS[:-1]]
        assert values["applications", row, "total"] == sum(applicants)
    for row in rg.REVIEW_ROWS:
        outcomes = [values["review_litigation", row, key] for key, _ in rg.REVIEW_OUTCOMES]
        assert outcomes[-1] == sum(outcomes[:-1])


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_random_values_cover_exactly_the_contract_cells(template):
    keys, active = {}, set()
    for line in (ROOT / "src/extractor/template/keys.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            table, axis, key, templates, _ = line.split("\t")
            if template in templates.split(","):
                keys.setdefault((table, axis), []).append(key)
    for line in (ROOT / "src/extractor/template/cells.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith(template):
            _, row, columns = line.split("\t")
            active |= {("active_disclosure", row, column) for column in columns.split(",")}
    expected = {(table, row, column) for table in ("applications", "review_litigation")
                for row in keys[table, "row"] for column in keys[table, "column"]} | active
    assert set(rg.random_values(template, random.Random(0))) == expected


def test_random_reports_are_about_10_kb_of_text_in_document_order():
    rng = random.Random(3)
    texts = [rg.to_text(rg.random_report(rng).body) for _ in range(20)]
    assert 8_000 < sum(len(text.encode()) for text in texts) / len(texts) < 14_000
    headings = ["一、总体情况", "（一）主动公开", "（四）政府信息公开平台建设", "二、主动公开政府信息情况", "\t第二十条第（一）项",
                "三、收到和处理政府信息公开申请情况", "\t行政复议", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    lines = texts[0].split("\n")
    assert [lines.index(h) for h in headings] == sorted(lines.index(h) for h in headings)
    assert "所列数据的统计时限为" in texts[0]


def test_generation_is_reproducible(tmp_path):
    for name in ("a", "b"):
        report = rg.random_report(random.Random(11))
        report.write_docx(tmp_path / f"{name}.docx")
        report.write_text(tmp_path / f"{name}.txt")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes()
