"""The section segmenter: heading grammar (paired-line fixture) and the tree it builds."""
from __future__ import annotations

import pytest

from conftest import FIXTURES
from extractor.model import Paragraph, Picture, Table
from extractor.segment.tree import parse_heading, segment


def _pairs():
    for line in (FIXTURES / "segment" / "headings.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            text, expected = line.split("\t")
            yield pytest.param(text, expected, id=text[:12])


@pytest.mark.parametrize(("text", "expected"), list(_pairs()))
def test_heading_grammar(text, expected):
    heading = parse_heading(text)
    read = "-" if heading is None else f"{heading.style} {heading.level} {heading.number} {heading.title}"
    assert read == expected


def _blocks(*texts):
    return tuple(Paragraph(t, i) for i, t in enumerate(texts))


def test_levels_nest_and_text_follows_its_heading():
    _, sections, warnings = segment(_blocks("一、总体情况", "正文一", "（一）网站", "正文二", "1、栏目", "二、主动公开政府信息情况"))
    assert [(s.number, s.title, s.text) for s in sections] == [("一", "总体情况", "正文一"), ("二", "主动公开政府信息情况", "")]
    child = sections[0].children[0]
    assert (child.level, child.title, child.text, child.children[0].title) == (2, "网站", "正文二", "栏目")
    assert warnings == []


def test_text_before_the_first_heading_is_the_preamble():
    preamble, sections, _ = segment(_blocks("某区2021年政府信息公开", "工作年度报告", "一、总体情况"))
    assert preamble.paragraphs == ("某区2021年政府信息公开", "工作年度报告") and len(sections) == 1


def test_skipped_and_repeated_numbers_are_warned_and_kept():
    _, sections, warnings = segment(_blocks("一、总体情况", "（一）甲", "（三）乙", "（三）丙"))
    assert [c.title for c in sections[0].children] == ["甲", "乙", "丙"]
    assert [w.code for w in warnings] == ["heading_out_of_order", "heading_out_of_order"]


def test_template_section_with_wrong_numbering_is_top_level_with_a_warning():
    _, sections, warnings = segment(_blocks("一、总体情况", "（五）行政机关收到和处理政府信息公开申请情况", "2、 主动公开政府信息情况", "表前说明"))
    assert [(s.title, s.key, s.level) for s in sections] == [("总体情况", "overview", 1), ("主动公开政府信息情况", "active_disclosure", 1)]
    assert sections[0].children[0].key is None  # a sub-heading that only resembles section 三 stays where it is
    assert [w.code for w in warnings] == ["heading_out_of_order", "heading_promoted"]  # （五） had no （一）…（四）


def test_tables_belong_to_the_section_they_stand_in():
    blocks = (Paragraph("一、总体情况", 0), Paragraph("二、主动公开政府信息情况", 1), Table(0, 2, 1, 1, ()))
    _, sections, _ = segment(blocks)
    assert [s.tables for s in sections] == [(), (0,)] and sections[1].blocks == (1, 2)


@pytest.mark.parametrize(("heading", "key"), [
    ("四、因政府信息公开申请行政复议、提起行政诉讼的情况", "review_litigation"),
    ("四、因政府信息公开申请行政法复议、提起行政诉讼的情况", "review_litigation"),  # typo: one character added
    ("四、政府信息公开行政法复议、行政诉讼情况", "review_litigation"),
    ("五、存在问题及改进情况", "problems"),
    ("五、政府信息公开工作存在的主要问题及改进情况", "problems"),
    ("五、存在的主要问题及改进措施", "problems"),
    ("五、存在的主要问题和改进情况", "problems"),  # one character changed
    ("五、具体问题", None),
])
def test_common_variants_of_the_template_titles_name_their_section(heading, key):
    _, sections, _ = segment(_blocks("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", heading))
    assert [s.key for s in sections] == ["overview", "active_disclosure", "applications", key]


def test_a_short_title_one_character_off_is_not_a_template_section():
    _, sections, _ = segment(_blocks("一、具体情况", "二、主动公开政府信息情况"))
    assert [s.key for s in sections] == [None, "active_disclosure"]


def test_pictures_are_held_by_the_section_they_stand_in_and_add_no_text():
    blocks = (Paragraph("标题", 0), Picture(1, "word/media/logo.png"), Paragraph("二、主动公开政府信息情况", 2),
              Picture(3, "word/media/image1.png", 2048), Paragraph("正文", 4))
    preamble, sections, warnings = segment(blocks)
    assert preamble.blocks == (0, 1) and preamble.paragraphs == ("标题",)
    assert sections[0].blocks == (2, 3, 4) and sections[0].paragraphs == ("正文",) and sections[0].tables == ()
    assert warnings == []
