"""The review page and the batch index, rendered in headless Chromium and read back from the DOM."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from lxml import html

import extractor
import reportgen
from browser import dump_dom, screenshot
from extractor.review import render_index, render_report

# A text report whose numbers were run together (read by splitting: inferred), with a "/" (checks it touches
# cannot be assessed) in 结转下年度, and a 上年结转 row whose 总计 (1) is not the sum of its columns (0): a failed check.
TEXT_REPORT = """某局2021年政府信息公开工作年度报告
一、总体情况
本机关全年收到申请70件。
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量640020470
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 1
四、结转下年度继续办理 / 0 0 0 0 0 0
"""


def _planted_docx(tmp_path: Path, template: str) -> tuple[Path, dict]:
    """A template-built report whose 予以公开 count for 自然人 is one more than the sums allow."""
    rng = random.Random(14)
    values = reportgen.random_values(template, rng)
    key = ("applications", "results.granted", "natural_person")
    values[key] = str(int(values[key]) + 1)
    body = reportgen.report_body(template, values, agency="江岸区财政局", year=2021 if template == "2021" else 2020,
                                 published=reportgen.date(2022, 1, 20), rng=rng)
    path = tmp_path / f"planted-{template}.docx"
    reportgen.write_docx(body, path)
    return path, values


def _page(tmp_path: Path, report: dict, name: str) -> html.HtmlElement:
    page = tmp_path / f"{name}.html"
    page.write_text(render_report(report), encoding="utf-8")
    return html.fromstring(dump_dom(page))


def _value_cells(dom) -> dict[tuple[str, str, str], html.HtmlElement]:
    found = {}
    for td in dom.xpath("//td[@data-row]"):
        key = (td.get("data-table"), td.get("data-row"), td.get("data-column"))
        assert key not in found, f"{key} drawn twice"
        found[key] = td
    return found


def _structure(table) -> list[tuple[str, int, int]]:
    """(text, rowspan, colspan) of every cell in document order; a value cell's text is its printed value."""
    out = []
    for cell in table.xpath(".//th | .//td"):
        text = "".join(cell.xpath("./span[@class='v']/text()")) if cell.tag == "td" else cell.text_content()
        out.append((text, int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))))
    return out


def _template_structure(spec) -> list[tuple[str, int, int]]:
    """The same for reportgen's table, laid out as the official blank template draws it (its corner note is not drawn)."""
    note = reportgen.APPLICATIONS_NOTE
    return [("" if cell.text == note else cell.text.replace("\n", ""), cell.rows, cell.cols) for _, _, cell in reportgen.layout(spec)]


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_review_page_draws_the_template_and_flags_the_planted_error(tmp_path, template):
    path, values = _planted_docx(tmp_path, template)
    report = extractor.parse(path).to_dict()
    dom = _page(tmp_path, report, f"review-{template}")
    assert screenshot(tmp_path / f"review-{template}.html", tmp_path / "shot.png").stat().st_size > 10_000

    # the tables as the template draws them: spans everywhere, and (2021 wording) every label and value
    specs = {"applications": reportgen.applications_table(values, template), "review_litigation": reportgen.review_table(values),
             "active_disclosure": reportgen.active_table(values, template)}
    for name, spec in specs.items():
        drawn, expected = _structure(dom.xpath(f"//table[@data-table='{name}']")[0]), _template_structure(spec)
        assert [s[1:] for s in drawn] == [s[1:] for s in expected], name
        if template == "2021":
            assert drawn == expected, name

    # every value as the report has it, once, with its source
    cells = {(c["table"], c["row"], c["column"]): c for rows in report["tables"].values() for c in rows}
    shown = _value_cells(dom)
    assert set(shown) == set(cells)
    for key, td in shown.items():
        assert "".join(td.xpath("./span[@class='v']/text()")) == cells[key]["raw"] == values[key], key
        assert json.loads(td.get("data-source")) == cells[key]["source"]
        assert f"第{cells[key]['source']['row']}行" in td.get("title")

    # the planted error: 予以公开 + … ≠ （七）总计 in 自然人, and 予以公开's applicants ≠ its 总计
    failed = {(c["rule"], c["where"]) for c in report["checks"] if c["status"] == "fail"}
    assert failed == {("applications.results_total", "column natural_person"), ("applications.applicant_total", "row results.granted")}
    involved = {tuple(ref) for c in report["checks"] if c["status"] == "fail" for ref in c["cells"]}
    for key, td in shown.items():
        assert ("fail" in td.get("class").split()) == (key in involved), key
        assert ("✗" in td.text_content()) == (key in involved), key
    granted = shown[("applications", "results.granted", "natural_person")].get("title")
    assert "applications.results_total" in granted and "应为" in granted and "实为" in granted
    assert len(dom.xpath("//ul[@class='checks']/li[@class='fail']")) == 2


def test_review_page_tells_failed_not_assessable_inferred_and_missing_apart(tmp_path):
    source = tmp_path / "run-together.txt"
    source.write_text(TEXT_REPORT, encoding="utf-8")
    report = extractor.parse(source).to_dict()
    dom = _page(tmp_path, report, "text")
    shown = _value_cells(dom)

    def marks(row, column):
        td = shown[("applications", row, column)]
        return set(td.get("class").split()), td.text_content()

    classes, text = marks("new_received", "natural_person")  # 64, split from 640020470
    assert "inferred" in classes and "≈" in text and "64" in text
    classes, text = marks("carried_over", "total")  # 总计 1 ≠ 0 + … + 0
    assert "fail" in classes and "✗" in text
    classes, text = marks("carried_forward", "natural_person")  # "/": its row and column cannot be assessed
    assert {"not-assessable"} <= classes and "fail" not in classes and "?" in text and "/" in text
    classes, text = marks("results.granted", "natural_person")  # not in the report at all
    assert "missing" in classes and "未找到" in text and not _value_text(shown[("applications", "results.granted", "natural_person")])
    assert dom.xpath("//p[@class='missing-table']")  # the review table is absent
    warnings = dom.xpath("//ul[@class='warnings']/li")
    assert len(warnings) == len(report["warnings"]) and any("paragraph 4" in w.text_content() for w in warnings)
    outline = [li.text_content().split("正文")[0].strip() for li in dom.xpath("//ol[@class='outline']/li")]
    assert outline == [f"{s['number']} {s['title']} {s['key'] or ''}".strip() for s in report["sections"]]
    assert outline[0] == "一 总体情况 overview"


def _value_text(td) -> str:
    return "".join(td.xpath("./span[@class='v']/text()"))


def _index_rows(n: int) -> list[dict]:
    rng = random.Random(3)
    statuses = ("ok", "partial", "failed")
    return [{"agency": f"{rng.choice(reportgen.CITIES)}{rng.choice(reportgen.OFFICES)}", "year": rng.randint(2019, 2024),
             "format": rng.choice(("docx", "text", "pdf")), "status": statuses[i % 3], "failed_checks": rng.randint(0, 12),
             "warnings": rng.randint(0, 30), "href": f"{i:05d}.html", "path": f"in/{i:05d}.docx"} for i in range(n)]


def test_index_sorts_and_filters_1000_reports_in_the_browser(tmp_path):
    rows = _index_rows(1000)
    page = tmp_path / "index.html"
    page.write_text(render_index(rows), encoding="utf-8")

    def shown(fragment: str) -> tuple[list[list[str]], html.HtmlElement]:
        dom = html.fromstring(dump_dom(page, fragment))
        assert dom.body.get("data-ready") == "1"
        return [[td.text_content() for td in tr] for tr in dom.xpath("//table[@id='reports']/tbody/tr[not(@hidden)]")], dom

    unsorted, _ = shown("")
    assert [r[6] for r in unsorted] == [r["path"] for r in rows]
    by_checks, dom = shown("sort=failed_checks&dir=desc")
    counts = [int(r[4].lstrip("✗ ")) for r in by_checks]
    assert counts == sorted((r["failed_checks"] for r in rows), reverse=True) and len(by_checks) == 1000
    assert dom.xpath("//th[@data-key='failed_checks']/@aria-sort") == ["descending"]
    by_year, _ = shown("sort=year")
    assert [int(r[1]) for r in by_year] == sorted(r["year"] for r in rows)
    partial_2021, dom = shown("status=partial&q=2021")
    expected = [r["path"] for r in rows if r["status"] == "partial" and "2021" in "".join(str(v) for k, v in r.items() if k != "href")]
    assert [r[6] for r in partial_2021] == expected and expected
    assert dom.xpath("//span[@id='count']/text()") == [f"显示 {len(expected)} / 1000 份报告"]
    links = dom.xpath("//table[@id='reports']/tbody/tr/td[1]/a/@href")
    assert sorted(links) == sorted(r["href"] for r in rows)


def test_a_cell_read_by_ocr_from_a_picture_and_settled_by_the_sums_says_so():
    from extractor.review.page import describe_source

    said = describe_source({"table_index": 3, "row": 4, "col": 2, "picture": "word/media/image2.png", "ocr": True,
                            "inferred": True, "candidates": ["9", "0"], "read": "9"})
    assert said == "图片 word/media/image2.png 表3 第4行 第2列 OCR 识别 识别存疑，由勾稽关系从候选读数中推断"
    assert describe_source({"paragraph": 7, "token": 0, "inferred": True}) == "段落7 第1个数 由连写数字拆分推断"
