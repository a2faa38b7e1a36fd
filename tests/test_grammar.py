"""The shared grammar: Chinese numerals, dates and the shape of a title line."""
from __future__ import annotations

import re

import pytest

from extractor.grammar import ANY_DATE, DATE_LINE, PERIOD, date_of, numeral_value, title_from


@pytest.mark.parametrize(("number", "value"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("〇", 0),
                                               ("7", 7), ("12", 12), ("③", 3)])
def test_numerals(number, value):
    assert numeral_value(number) == value


@pytest.mark.parametrize(("text", "iso"), [("2022年1月20日", "2022-01-20"), ("2022 年 1 月 20 日", "2022-01-20"),
                                           ("二〇二二年一月二十日", "2022-01-20"), ("二零二一年十二月三十一日", "2021-12-31"),
                                           ("二○二二年一月二十日", "2022-01-20"), ("2022-01-20", "2022-01-20"),
                                           ("2022/1/20", "2022-01-20"),
                                           ("2022年13月1日", None), ("二〇二二年十三月一日", None)])
def test_dates(text, iso):
    assert date_of(re.fullmatch(ANY_DATE, text).groups()) == iso


def test_a_date_line_is_a_date_alone():
    assert DATE_LINE.fullmatch("\u30002022年1月20日 ") and not DATE_LINE.fullmatch("发布时间：2022年1月20日")


def test_a_period_without_the_second_year():
    assert PERIOD.search("统计期限为2019年9月1日至12月31日。").groups() == ("2019", "9", "1", None, "12", "31")


@pytest.mark.parametrize(("lines", "title"), [
    (["二七街道2021年政府信息公开工作", "年度报告", "一、总体情况"], "二七街道2021年政府信息公开工作年度报告"),
    (["某局2021年度政府信息公开工作年度报告 根据《条例》要求，编制本报告。"], "某局2021年度政府信息公开工作年度报告"),
    (["# 某局 2021 年政府信息公开年报"], "某局2021年政府信息公开年报"),
    (["附件1", "某局2021年政府信息公开工作年度报告"], "某局2021年政府信息公开工作年度报告"),
    (["附件：某局2021年政府信息公开工作年度报告"], "某局2021年政府信息公开工作年度报告"),
    (["根据《条例》要求，编制本报告。"], None),
    (["第0段正文，说明本机关的情况。"], None),
])
def test_title_lines(lines, title):
    assert title_from(lines) == title
