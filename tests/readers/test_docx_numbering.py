"""Word's automatic list numbering read as printed labels (readers/docx_numbering.py).

Each test builds a small .docx by hand and expects the paragraph text Word would display, label first.
"""
from __future__ import annotations

import io
import zipfile

import pytest

from extractor.readers import read_bytes
from extractor.readers.docx_numbering import format_number
from extractor.segment.tree import segment

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def package(body: str, numbering: str | None = None, styles: str = "", numbering_part: str = "numbering.xml") -> bytes:
    """A .docx with `body` paragraphs, w:abstractNum/w:num markup `numbering` and w:style markup `styles`."""
    rels = f'<Relationship Id="rId1" Type="{_REL}styles" Target="styles.xml"/>'
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                               '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": f"<w:document {_W}><w:body>{body}</w:body></w:document>",
        "word/styles.xml": f"<w:styles {_W}>{styles}</w:styles>",
    }
    if numbering is not None:
        parts["word/" + numbering_part] = f"<w:numbering {_W}>{numbering}</w:numbering>"
        rels += f'<Relationship Id="rId2" Type="{_REL}numbering" Target="{numbering_part}"/>'
    parts["word/_rels/document.xml.rels"] = f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, xml in parts.items():
            z.writestr(name, xml)
    return buffer.getvalue()


def lvl(ilvl: int, fmt: str, text: str, extra: str = "") -> str:
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>'


def abstract(aid: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{"".join(levels)}</w:abstractNum>'


def num(num_id: int, aid: int, start_override: int | None = None) -> str:
    override = f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>' if start_override else ""
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>'


def p(text: str, num_id: int | None = None, ilvl: int | None = None, style: str | None = None) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num_id is not None:
        props += "<w:numPr>" + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + f'<w:numId w:val="{num_id}"/></w:numPr>'
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}<w:r><w:t>{text}</w:t></w:r></w:p>"


def texts(data: bytes) -> list[str]:
    return [para.text for para in read_bytes(data, "x.docx").paragraphs]


CN = abstract(1, lvl(0, "chineseCounting", "%1、"), lvl(1, "chineseCounting", "（%2）"), lvl(2, "decimal", "%3."))


def test_chinese_counting_labels_one_two_three():
    body = p("总体情况", 1) + p("主动公开", 1) + p("依申请公开", 1)
    assert texts(package(body, CN + num(1, 1))) == ["一、总体情况", "二、主动公开", "三、依申请公开"]


def test_second_level_restarts_after_each_first_level_item():
    body = p("甲", 1, 0) + p("乙", 1, 1) + p("丙", 1, 1) + p("丁", 1, 0) + p("戊", 1, 1) + p("说明")
    assert texts(package(body, CN + num(1, 1))) == ["一、甲", "（一）乙", "（二）丙", "二、丁", "（一）戊", "说明"]


def test_decimal_label_is_separated_by_a_space():
    body = p("总体情况", 1, 2) + p("主动公开", 1, 2)
    assert texts(package(body, CN + num(1, 1))) == ["1. 总体情况", "2. 主动公开"]


def test_numbering_from_the_paragraph_style_and_its_base_style():
    # Heading1 numbers at level 0; Heading2 gives only a numId and is placed at level 1 by the lvl's w:pStyle.
    styles = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading2"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>')
    numbering = abstract(1, lvl(0, "chineseCounting", "%1、"), lvl(1, "chineseCounting", "（%2）", '<w:pStyle w:val="Heading2"/>')) + num(1, 1)
    body = p("总体情况", style="Heading1") + p("工作情况", style="Heading2") + p("主动公开", style="MyHeading") + p("正文", style="Normal")
    assert texts(package(body, numbering, styles)) == ["一、总体情况", "（一）工作情况", "二、主动公开", "正文"]


def test_num_id_zero_switches_off_the_style_numbering():
    styles = '<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    body = p("总体情况", style="Heading1") + p("不编号", 0, style="Heading1") + p("主动公开", style="Heading1")
    assert texts(package(body, CN + num(1, 1), styles)) == ["一、总体情况", "不编号", "二、主动公开"]


def test_start_override_restarts_while_plain_instances_share_counters():
    # num 2 shares abstractNum 1 with num 1 and continues it; num 3 overrides the start and counts on its own.
    body = p("甲", 1) + p("乙", 2) + p("丙", 3) + p("丁", 3) + p("戊", 1)
    numbering = CN + num(1, 1) + num(2, 1) + num(3, 1, start_override=5)
    assert texts(package(body, numbering)) == ["一、甲", "二、乙", "五、丙", "六、丁", "三、戊"]


def test_bullets_add_nothing():
    body = p("要点", 1) + p("要点二", 1)
    assert texts(package(body, abstract(1, lvl(0, "bullet", "\uf06c")) + num(1, 1))) == ["要点", "要点二"]


def test_without_a_numbering_part_the_text_is_unchanged():
    body = p("总体情况", 1) + p("主动公开", 1)
    assert texts(package(body)) == ["总体情况", "主动公开"]


def test_numbering_part_found_through_the_relationships():
    body = p("总体情况", 1)
    assert texts(package(body, CN + num(1, 1), numbering_part="lists.xml")) == ["一、总体情况"]


def test_auto_numbered_headings_segment_into_template_sections():
    body = p("总体情况", 1) + p("本年度工作概述。") + p("主动公开政府信息情况", 1) + p("详见下表。")
    document = read_bytes(package(body, CN + num(1, 1)), "x.docx")
    _, sections, messages = segment(document.blocks)
    assert [(s.number, s.title, s.key) for s in sections] == [("一", "总体情况", "overview"), ("二", "主动公开政府信息情况", "active_disclosure")]
    assert sections[0].paragraphs == ("本年度工作概述。",)
    assert messages == []


@pytest.mark.parametrize(("n", "fmt", "shown"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (21, "chineseCounting", "二十一"), (100, "chineseCounting", "一百"),
    (110, "chineseCountingThousand", "一百一十"), (10, "chineseLegalSimplified", "壹拾"), (100, "japaneseCounting", "百"),
    (3, "ideographTraditional", "丙"), (10, "ideographDigital", "一〇"), (3, "decimalEnclosedCircle", "③"),
    (2, "decimalEnclosedParen", "⑵"), (7, "decimalZero", "07"), (12, "decimalFullWidth", "１２"),
    (27, "upperLetter", "AA"), (2, "lowerLetter", "b"), (14, "upperRoman", "XIV"), (4, "lowerRoman", "iv"),
    (5, "none", ""), (5, "bullet", None), (5, "ordinalTitle", "5"),
])
def test_number_formats(n, fmt, shown):
    assert format_number(n, fmt) == shown


def test_legal_multi_level_template_no_suffix_and_a_level_that_never_restarts():
    numbering = abstract(1, lvl(0, "chineseCounting", "第%1章"), lvl(1, "decimal", "%1.%2", '<w:suff w:val="nothing"/><w:isLgl/>'),
                         lvl(2, "decimal", "(%3)", '<w:lvlRestart w:val="0"/>')) + num(1, 1)
    body = p("甲", 1, 0) + p("乙", 1, 1) + p("丙", 1, 2) + p("丁", 1, 0) + p("戊", 1, 1) + p("己", 1, 2)
    assert texts(package(body, numbering)) == ["第一章 甲", "1.1乙", "(1) 丙", "第二章 丁", "2.1戊", "(2) 己"]
