"""Headings inside running text (segment/inline.py), on bodies written here by hand."""
from __future__ import annotations

from extractor.segment.inline import BODY, split_inline

STREAM = ("当前位置：首页 > 政务公开 某局2022年政府信息公开工作年度报告 根据《条例》要求，编制本报告。"
        "一、总体情况2022年，我局共发布信息35条。（一）主动公开方面。全年公开信息12条，第（一）项规定的信息均已公开。"
        "（二）依申请公开方面 1.办理情况。收到申请2件。2.答复质量。均按期答复。"
        "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数规章000"
        "三、收到和处理政府信息公开申请情况三、本年度办理结果（一）予以公开2000002（二）部分公开0000000"
        "五、存在的主要问题及改进措施（一）存在问题。人员不足。六、其他需要报告的事项无。")


def test_a_body_on_one_line_is_cut_before_each_heading():
    pieces = split_inline(STREAM)
    texts = [t for t, _ in pieces]
    assert texts[0].startswith("当前位置") and texts[0].endswith("编制本报告。")
    assert [(t, o) for t, o in pieces if o and o > 0] == [("一、总体情况", 1), ("二、主动公开政府信息情况", 2),
                                                ("三、收到和处理政府信息公开申请情况", 3), ("五、存在的主要问题及改进措施", 5),
                                                ("六、其他需要报告的事项", 6)]
    for start in ("（一）主动公开方面", "（二）依申请公开方面", "1.办理情况", "2.答复质量", "（一）存在问题"):
        assert sum(t.startswith(start) for t in texts) == 1, start
    # numbers inside sentences and tables are not headings, nor is a body that starts like one
    assert not any(t.startswith(("（一）项", "（一）予以", "（二）部分")) for t in texts)
    assert ("三、本年度办理结果（一）予以公开2000002（二）部分公开0000000", BODY) in pieces


def test_a_list_of_contents_or_a_short_paragraph_is_left_alone():
    contents = "本报告包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；" * 4
    assert split_inline(contents) == [(contents, None)]
    assert split_inline("一、总体情况 二、主动公开政府信息情况") == [("一、总体情况 二、主动公开政府信息情况", None)]
