"""Every file gets an honest outcome: ok, partial, no_tables — or not_a_report as an error. Never a silent ok."""
from __future__ import annotations

import json
import random
import shutil
from datetime import date

import pytest

import extractor
import reportgen as rg
from conftest import CORPUS, FIXTURES, shared_file
from docx_xml import docx, p
from extractor.cli import main
from extractor.errors import ExtractorError

DOCX = FIXTURES / "docx" / "seed-2021.docx"


def _report(template="2021", seed=3):
    rng = random.Random(seed)
    values = rg.random_values(template, rng)
    body = rg.report_body(template, values, agency="江岸区财政局", year=2022, published=date(2023, 1, 20), rng=rng)
    return values, body


def _codes(report):
    return [w.code for w in report.warnings]


def test_a_whole_report_is_ok_and_the_json_says_so(capsys):
    assert main([str(DOCX), "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "ok"


@pytest.mark.parametrize("drop", [0, 1, 2])
def test_a_report_without_one_table_is_partial_and_names_it(tmp_path, drop):
    _, body = _report()
    tables = [i for i, block in enumerate(body) if isinstance(block, rg.Table)]
    del body[tables[drop]]
    rg.write_docx(body, tmp_path / "r.docx")
    report = extractor.parse(tmp_path / "r.docx")
    missing = [w.where for w in report.warnings if w.code == "missing_table"]
    assert report.status == "partial" and missing == [("active_disclosure", "applications", "review_litigation")[drop]]


def test_a_cell_left_out_makes_the_report_partial(tmp_path):
    values, body = _report()
    text = rg.to_text(body).replace("\t一、本年新收政府信息公开申请数量", "\t一、本年新收的申请（改写的行名）", 1)
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    report = extractor.parse(tmp_path / "r.txt")
    assert report.status == "partial"
    assert {"unknown_row_label", "missing_cell"} <= set(_codes(report))


def test_a_report_whose_tables_are_only_prose_is_no_tables_with_its_sections(tmp_path):
    _, body = _report()
    body = [block for block in body if not isinstance(block, rg.Table)]
    rg.write_docx(body, tmp_path / "r.docx")
    report = extractor.parse(tmp_path / "r.docx")
    assert report.status == "no_tables" and report.records == ()
    assert [s.key for s in report.sections] == ["overview", "active_disclosure", "applications", "review_litigation",
                                                "problems", "other"]
    assert _codes(report).count("missing_table") == 3 and "no_tables_found" in _codes(report)


def test_tables_flattened_into_running_text_are_named_as_such(tmp_path):
    _, body = _report()
    text = rg.to_text(body)
    one_line = "".join(line.replace("\t", "") for line in text.splitlines())  # a page's text: no line breaks, no cells
    (tmp_path / "page.txt").write_text("当前位置：首页 > 政府信息公开 > 年报\n" + one_line, encoding="utf-8")
    report = extractor.parse(tmp_path / "page.txt")
    if report.records:  # the stream reader found its tables: then no cell may be missing silently
        assert report.status in ("ok", "partial")
    else:
        assert report.status == "no_tables" and "tables_in_text" in _codes(report)


def test_the_blank_official_template_is_ok_with_every_cell_empty_and_says_it_is_blank():
    report = extractor.parse(shared_file(CORPUS / "template2021-blank.docx"))
    assert report.status == "ok" and len(report.records) == 200
    assert {r.state for r in report.records} == {"empty"} and all(r.value is None for r in report.records)
    assert "blank_tables" in _codes(report)
    assert {c["status"] for c in report.checks} == {"not_assessable"}


@pytest.mark.parametrize("name,data", [
    ("notice.docx", docx(p("关于做好2022年政府信息公开工作年度报告编制公布工作的通知") + p("各区人民政府：") + p("现将有关事项通知如下。"))),
    ("news.txt", "市领导调研政务服务中心\n3月5日上午，市领导一行来到政务服务中心调研。\n一、提高效率\n二、优化服务\n".encode()),
    ("passwd.docx", b"root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"),
    ("news.html", "<html><head><title>新闻</title></head><body><h1>我区召开会议</h1><p>会议强调，要抓好落实。</p></body></html>".encode()),
])
def test_a_document_that_is_no_report_is_an_error_with_one_line_and_exit_2(tmp_path, capsys, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ExtractorError) as error:
        extractor.parse(path)
    assert error.value.code == "not_a_report"
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ": not_a_report: " in err


def test_etc_passwd_is_no_report():
    path = shared_file(__import__("pathlib").Path("/etc/passwd"))
    with pytest.raises(ExtractorError) as error:
        extractor.parse(path)
    assert error.value.code == "not_a_report"


def test_a_text_report_named_docx_is_read_by_its_content_and_warned_about(tmp_path, seed_path):
    shutil.copy(seed_path, tmp_path / "report.docx")
    report = extractor.parse(tmp_path / "report.docx")
    assert report.document.source.format == "text" and report.status == "ok" and len(report.records) == 200
    [mismatch] = [w for w in report.warnings if w.code == "extension_mismatch"]
    assert ".docx" in mismatch.message and "text" in mismatch.message


def test_a_web_page_named_pdf_is_read_as_html(tmp_path):
    shutil.copy(FIXTURES / "html" / "seed-2021.html", tmp_path / "report.pdf")
    report = extractor.parse(tmp_path / "report.pdf")
    assert report.document.source.format == "html" and len(report.records) == 200
    assert "extension_mismatch" in _codes(report)


def test_stderr_lists_each_failed_check_and_caps_warnings_of_one_code(tmp_path, capsys):
    values, body = _report(seed=4)
    text = rg.to_text(body)
    # the 总计 of 一、本年新收 printed one too high: applicant_total and balance fail on that row/column
    key = ("applications", "new_received", "total")
    row = next(line for line in text.splitlines() if line.startswith("\t一、本年新收"))
    assert row  # the seed-built text prints each cell on its own TAB line; the first data line names the row
    lines = text.splitlines()
    at = lines.index(row)
    total_line = at + 7  # label, six applicant columns, then 总计
    assert lines[total_line] == "\t" + values[key]
    lines[total_line] = "\t" + str(int(values[key]) + 1)
    junk = "\n".join(f"{i}、附记第{i}条" for i in (9, 3) * 30)  # numbered out of order, again and again
    (tmp_path / "r.txt").write_text("\n".join(lines) + "\n" + junk, encoding="utf-8")
    assert main([str(tmp_path / "r.txt"), "-o", str(tmp_path / "r.json")]) == 0
    err = capsys.readouterr().err.splitlines()
    failed = [line for line in err if ": check failed: " in line]
    assert any("applications.applicant_total (row new_received)" in line for line in failed)
    assert all("expected" in line and "printed" in line for line in failed)
    assert main([str(tmp_path / "r.txt"), "-o", str(tmp_path / "r.json"), "--strict"]) == 1
    out_of_order = [line for line in err if ": heading_out_of_order: " in line]
    in_json = [w for w in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["warnings"] if w["code"] == "heading_out_of_order"]
    assert len(in_json) > 50 and len(out_of_order) == 20  # 60 junk headings: the JSON keeps them all, stderr shows 20
    assert f"{tmp_path / 'r.txt'}: … and {len(in_json) - 20} more heading_out_of_order" in err
