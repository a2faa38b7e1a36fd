"""Web-page reports (readers/html.py): the report body found inside a government page, its tables laid out as HTML does.

The seed page (fixtures/html/seed-2021.html, written by make_seed_page.py beside it) is the seed report served the
way a government site serves it, chrome and all, in GB18030 declared as gb2312.
"""
from __future__ import annotations

import json
import re

import pytest

import extractor
from conftest import FIXTURES
from extractor.errors import ExtractorError
from extractor.model import Cell, Paragraph, Picture, Table
from extractor.readers import sniff
from extractor.readers.html import read_html

SEED_PAGE = FIXTURES / "html" / "seed-2021.html"
CHROME = ("版权所有", "网站标识码", "ICP备", "首页", "走进江岸", "当前位置", "信息公开目录", "分享到", "发布时间",
          "浏览次数", "打印本页", "相关信息", "扫一扫", "欢迎访问", "浏览器不支持", "党政机关", "_hmt")


def read(page: str) -> tuple[list, list]:
    return read_html(page.encode("utf-8"))[:2]


def texts(page: str) -> list[str]:
    return [b.text for b in read(page)[0] if isinstance(b, Paragraph)]


def only_table(page: str) -> Table:
    blocks, messages = read(page)
    assert messages == []
    [table] = [b for b in blocks if isinstance(b, Table)]
    return table


def seed_page_text() -> str:
    return SEED_PAGE.read_bytes().decode("gb18030")


@pytest.fixture(scope="module")
def seed_page_report():
    return extractor.parse(SEED_PAGE)


# The seed page, end to end


def test_seed_page_gives_the_docx_tables_cell_for_cell(seed_page_report, seed_docx_report):
    assert seed_page_report.to_dict()["tables"] == seed_docx_report.to_dict()["tables"]
    assert seed_page_report.to_dict()["raw_tables"] == seed_docx_report.to_dict()["raw_tables"]


def test_seed_page_metadata_and_sections_are_the_docx_ones(seed_page_report, seed_docx_report):
    page, docx = seed_page_report.to_dict(), seed_docx_report.to_dict()
    assert page["metadata"] == docx["metadata"]
    assert (page["metadata"]["agency"], page["metadata"]["year"], page["metadata"]["published"], page["metadata"]["template"]) == (
        "江岸区人民政府二七街道办事处", 2021, "2022-01-20", "2021")
    assert [s["title"] for s in page["sections"]] == [s["title"] for s in docx["sections"]]
    assert page["sections"] == docx["sections"] and page["preamble"] == docx["preamble"]
    assert page["source"]["format"] == "html"


def test_seed_page_leaves_the_site_chrome_out(seed_page_report):
    text = json.dumps({k: seed_page_report.to_dict()[k] for k in ("preamble", "sections")}, ensure_ascii=False)
    assert [word for word in CHROME if word in text] == []
    assert [p.text for p in seed_page_report.document.paragraphs[:2]] == ["二七街道2021年政府信息公开工作", "年度报告"]


def test_seed_page_is_gb18030_declared_as_gb2312():
    data = SEED_PAGE.read_bytes()
    assert b"charset=gb2312" in data[:1024] and "翀".encode("gb18030") in data  # 项翀: 翀 is outside GB2312
    assert sniff(data) == "html"


def test_without_any_class_or_id_the_article_is_still_found_by_its_text():
    page = re.sub(r'\s(?:class|id)="[^"]*"', "", seed_page_text())
    blocks, _ = read(page)
    assert [b.n_rows for b in blocks if isinstance(b, Table)] == [14, 28, 4]
    lines = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert lines[0] == "二七街道2021年政府信息公开工作" and lines[-1] == "2022年1月20日"


def test_dates_in_the_info_line_and_the_related_list_do_not_hold_the_descent():
    page = seed_page_text().replace("<span>发布时间：2022-01-20 09:30</span>", "<span>发布时间：</span><span>2022年1月20日</span>")
    page = page.replace("年度报告</a></li>", "年度报告</a><span>2021年1月20日</span></li>")
    assert not any("发布时间" in line or "2019年" in line for line in texts(page))


def test_a_signature_outside_the_inner_wrapper_is_kept():
    page = seed_page_text()
    signature = page[page.index('<p class="MsoNormal" align="right"'):page.index("</div></div>")]
    page = page.replace(signature, "").replace("</div></div>", '</div></div><p align="right">江岸区人民政府二七街道办事处<br>2022年1月20日</p>', 1)
    assert texts(page)[-2:] == ["江岸区人民政府二七街道办事处", "2022年1月20日"]



def test_a_last_section_outside_the_inner_wrapper_is_kept_when_its_title_is_a_variant():
    """存在的问题及改进措施 is one of vocabulary.TEMPLATE_SECTIONS' variants: the line is a landmark of the report, so the
    descent into the inner wrapper does not leave the section behind (here the report ends with it)."""
    page = seed_page_text()
    tail = page[page.index('<p class="MsoNormal" style="text-indent:32.0pt"><b><span style="font-family:黑体">五、'):page.index("</div></div>")]
    section = "<p><b>五、存在的问题及改进措施</b></p><p>一是信息公开人员专业能力有待进一步提升。</p>"
    page = page.replace(tail, "").replace("</div></div>", "</div></div>" + section, 1)
    assert texts(page)[-2:] == ["五、存在的问题及改进措施", "一是信息公开人员专业能力有待进一步提升。"]

# Tables


def test_rowspan_and_colspan_are_placed_on_the_grid_like_a_browser():
    # +---+-------+---+
    # | A |  B    | C |
    # |   +---+---+   |
    # |   | D | E |   |
    # +---+---+---+---+
    # | F | G     | H |
    # +---+-------+---+
    table = only_table("<table><tr><td rowspan=2>A</td><td colspan=2>B</td><td rowspan=2>C</td></tr>"
                       "<tr><td>D</td><td>E</td></tr><tr><td>F</td><td colspan=2>G</td><td>H</td></tr></table>")
    assert (table.n_rows, table.n_cols) == (3, 4)
    assert table.cells == (Cell(0, 0, "A", 2), Cell(0, 1, "B", 1, 2), Cell(0, 3, "C", 2), Cell(1, 1, "D"), Cell(1, 2, "E"),
                           Cell(2, 0, "F"), Cell(2, 1, "G", 1, 2), Cell(2, 3, "H"))


def test_thead_rows_come_first_and_tfoot_rows_last_as_a_browser_shows_them():
    table = only_table("<table><tfoot><tr><td>合计</td><td>1</td></tr></tfoot><tbody><tr><td>a</td><td>1</td></tr></tbody>"
                       "<thead><tr><th>列</th><th>值</th></tr></thead></table>")
    assert table.text_grid() == [["列", "值"], ["a", "1"], ["合计", "1"]]


def test_br_p_and_div_inside_a_cell_are_newlines():
    table = only_table("<table><tr><td>商业<br>企业</td><td><p>科研</p><p>机构</p></td><td><div>社会</div>公益<span>组织</span></td></tr>"
                       "<tr><td>1</td><td>2</td><td>3</td></tr></table>")
    assert [c.text for c in table.cells[:3]] == ["商业\n企业", "科研\n机构", "社会\n公益组织"]


def test_nbsp_alone_is_a_blank_cell_and_around_a_number_is_trimmed():
    table = only_table("<table><tr><td>&nbsp;</td><td>&nbsp;0&nbsp;</td><td>　</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>")
    assert [c.text for c in table.cells[:3]] == ["", "0", ""]


def test_spans_past_the_last_row_stop_there_and_absurd_spans_are_read_as_one():
    blocks, messages = read("<table><tr><td rowspan=9>A</td><td colspan=5000>B</td></tr><tr><td>C</td></tr></table>")
    [table] = blocks
    assert table.cells == (Cell(0, 0, "A", 2), Cell(0, 1, "B"), Cell(1, 1, "C"))
    assert [(m.code, m.where) for m in messages] == [("absurd_span", "table 0, row 0, column 1")]


def test_rowspan_zero_runs_to_the_last_row():
    table = only_table("<table><tr><td rowspan=0>A</td><td>B</td></tr><tr><td>C</td></tr><tr><td>D</td></tr></table>")
    assert table.cells[0] == Cell(0, 0, "A", 3)


def test_a_table_nested_in_a_data_cell_stays_in_that_cell():
    table = only_table("<table><tr><td>项目</td><td><table><tr><td>甲</td><td>乙</td></tr></table></td></tr>"
                       "<tr><td>a</td><td>1</td></tr></table>")
    assert table.text_grid() == [["项目", "甲\n乙"], ["a", "1"]]


def test_a_layout_table_wrapping_the_article_is_walked_as_blocks():
    article = ("<p>一、总体情况</p><p>正文。</p><table border=1><tr><td>信息内容</td><td>本年制发件数</td></tr>"
               "<tr><td>规章</td><td>0</td></tr></table><p>二、主动公开政府信息情况</p>")
    blocks, _ = read(f"<table width=900><tr><td>{article}</td></tr></table>")
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Table", "Paragraph"]
    assert (blocks[2].index, blocks[2].block, blocks[2].text_grid()) == (0, 2, [["信息内容", "本年制发件数"], ["规章", "0"]])


def test_a_two_column_layout_table_menu_beside_article_is_not_a_data_table():
    article = "".join(f"<p>第{i}段：本机关认真贯彻落实政府信息公开条例，推进政务公开工作。</p>" for i in range(12))
    blocks, _ = read(f"<table><tr><td width=180><a href=#>机构概况</a><br><a href=#>政务公开</a></td><td>{article}</td></tr></table>")
    assert len(blocks) == 12 and all(isinstance(b, Paragraph) for b in blocks)


def test_an_old_table_layout_page_keeps_only_its_article():
    report = "".join(f"<p>{i}、报告正文第{i}段，内容较长以便占据页面的大部分文字。</p>" for i in range(1, 30))
    page = (f"<table><tr><td colspan=2>江岸区人民政府 欢迎您</td></tr><tr><td width=200>网站导航 机构设置</td>"
            f"<td><table><tr><td>{report}<table border=1><tr><td>规章</td><td>0</td></tr><tr><td>文件</td><td>1</td></tr>"
            "</table></td></tr></table></td></tr><tr><td colspan=2>主办单位：江岸区人民政府办公室 地址：沿江大道</td></tr></table>")
    blocks, _ = read(page)
    assert blocks[0].text.startswith("1、报告正文") and isinstance(blocks[-1], Table)
    assert not any("主办单位" in b.text or "欢迎您" in b.text for b in blocks if isinstance(b, Paragraph))


def test_images_of_the_report_body_are_picture_blocks_after_their_line():
    page = ("<div class='nav'><img src='logo.png'></div><div id='zoom'><p>二、主动公开政府信息情况</p>"
            "<p><img src='/pic/t1.jpg'></p><p>三、收到和处理<img src=icon.gif>政府信息公开申请情况</p><p><img></p>"
            "<table border=1><tr><td>规章</td><td><img src=cell.png>0</td></tr></table></div>")
    blocks, _ = read(page)
    assert blocks == [Paragraph("二、主动公开政府信息情况", 0), Picture(1, "/pic/t1.jpg"), Paragraph("三、收到和处理政府信息公开申请情况", 2),
                      Picture(3, "icon.gif"), Table(0, 4, 1, 2, (Cell(0, 0, "规章"), Cell(0, 1, "0")))]


# Paragraphs


def test_br_splits_lines_and_text_directly_in_a_container_counts():
    assert texts("<div>标题<p>第一段</p>段间文字<br>第二行<br/><font>第三行</font></div>") == ["标题", "第一段", "段间文字", "第二行", "第三行"]


def test_whitespace_collapses_and_nbsp_and_full_width_spaces_are_kept_inside():
    assert texts("<p>\n  陈&nbsp;&nbsp;欣：工委\n书记 </p><p>　　全角缩进　</p>") == ["陈  欣：工委 书记", "全角缩进"]


def test_hidden_and_script_text_is_never_read():
    page = "<p>正文</p><script>document.write('广告')</script><div style='DISPLAY: none'>隐藏</div><p hidden>也隐藏</p><style>p{}</style>"
    assert texts(page) == ["正文"]


def test_a_fragment_string_reads_like_a_page():
    blocks, _ = read("<p>一、总体情况</p>正文直接写在片段里<table><tr><td>a</td><td>1</td></tr></table>")
    assert [getattr(b, "text", None) for b in blocks[:2]] == ["一、总体情况", "正文直接写在片段里"]
    assert isinstance(blocks[2], Table)


def test_the_page_title_is_put_before_a_body_that_lacks_it():
    article = "".join(f"<p>第{i}段正文，说明本机关政府信息公开工作的情况和数据。</p>" for i in range(12))
    page = (f"<html><head><title>某局2022年政府信息公开工作年度报告_某市人民政府</title></head><body><div class='nav'>首页</div>"
            f"<div class='detail'><h1>某局2022年政府信息公开工作年度报告</h1><div id='zoom'><div>{article}</div></div></div></body></html>")
    assert texts(page)[:2] == ["某局2022年政府信息公开工作年度报告", "第0段正文，说明本机关政府信息公开工作的情况和数据。"]


def test_a_chrome_class_on_an_element_wrapping_the_page_is_not_chrome():
    page = "<form id='form1'><div class='nav'><a>首页</a>导航</div><div class='main has-sidebar'><p>报告正文很长很长很长。</p></div></form>"
    assert texts(page) == ["报告正文很长很长很长。"]


def test_a_chrome_class_inside_a_data_table_is_the_tables_own():
    table = only_table("<table><tr class='header'><th class='table-header'>信息内容</th><th>数量</th></tr><tr><td>规章</td><td>0</td></tr></table>")
    assert table.text_grid() == [["信息内容", "数量"], ["规章", "0"]]


# Encodings and hostile input


def test_utf8_page_with_meta_charset():
    page = '<html><head><meta charset="utf-8"><title>t</title></head><body><p>二七街道“三安全一稳定”</p></body></html>'
    assert texts(page) == ["二七街道“三安全一稳定”"]


@pytest.mark.parametrize("declared", ["gb2312", "GBK", "gb18030"])
def test_chinese_charsets_decode_as_gb18030(declared):
    page = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}"><p>项翀：工委委员</p>'
    assert read_html(page.encode("gb18030"))[0] == [Paragraph("项翀：工委委员", 0)]


def test_declared_big5_wins_over_the_guess():
    page = '<meta charset="big5"><p>政府資訊公開</p>'.encode("big5")  # these bytes are valid (wrong) GB18030 too
    assert read_html(page)[0] == [Paragraph("政府資訊公開", 0)]


def test_undeclared_gb18030_page_is_recognised():
    assert read_html("<p>政府信息公开</p>".encode("gb18030"))[0] == [Paragraph("政府信息公开", 0)]


def test_undecodable_page_is_refused_with_a_one_line_reason():
    with pytest.raises(ExtractorError) as error:
        read_html(b"<html><body><p>" + b"\xff\xfe\x80\x81" * 200 + b"</p></body></html>")
    assert error.value.code == "undecodable_text" and "\n" not in str(error.value)


def test_dtd_entities_are_not_resolved_and_nothing_is_fetched():
    page = '<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">]><p>before &secret; after</p><img src="http://example.invalid/x.png">'
    assert not any("root:" in t for t in texts(page))


def test_deep_nesting_reads_without_recursion():
    page = "<div>" * 1500 + "<p>深处的正文</p>" + "</div>" * 1500
    assert texts(page) == ["深处的正文"]


def test_nesting_beyond_the_parser_limit_is_refused():
    with pytest.raises(ExtractorError) as error:
        read("<div>" * 3000 + "x")
    assert error.value.code == "too_deeply_nested"


def test_a_stray_bad_byte_is_replaced_with_a_warning():
    blocks, messages, *_ = read_html("<p>政府信息公开</p>".encode() + b"<p>\xff</p>" + "<p>正文</p>".encode() * 400)
    assert blocks[:2] == [Paragraph("政府信息公开", 0), Paragraph("\ufffd", 1)]
    assert [m.code for m in messages] == ["decode_errors"]


def test_a_utf8_page_under_a_stale_gb2312_declaration_reads_as_utf8():
    page = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>政府信息公开</p>'
    assert read_html(page.encode("utf-8"))[0] == [Paragraph("政府信息公开", 0)]


@pytest.mark.parametrize("start", ["<h1>", "<span>", "<strong>", "<font size=4>", "<center>", "<section>", "<title>x</title>"])
def test_fragments_starting_with_any_usual_element_are_read_as_html(start):
    from extractor.readers import sniff

    assert sniff(f"{start}一、总体情况</h1><p>正文</p>".encode()) == "html"


def test_a_utf16_web_page_is_read_as_html():
    from extractor.readers import sniff

    assert sniff("<html><body><p>一、总体情况</p></body></html>".encode("utf-16")) == "html"
