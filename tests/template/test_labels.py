"""Printed labels → template keys: spelling variants fold away, context picks between namesakes."""
from __future__ import annotations

import pytest

from extractor.template.labels import resolve
from extractor.vocabulary import normalize_label, vocabulary

VOCAB = vocabulary()


@pytest.mark.parametrize(("printed", "key"), [
    ("（三）不予公开", "results.withheld"),
    ("(三)不予公开", "results.withheld"),
    ("1.属于国家秘密", "results.withheld.state_secret"),
    ("1、属于国家秘密", "results.withheld.state_secret"),
    ("1．属于国家秘密", "results.withheld.state_secret"),
    ("（1）属于国家秘密", "results.withheld.state_secret"),
    ("3.危及“三安全一稳定”", "results.withheld.security_stability"),
    ('3.危及"三安全一稳定"', "results.withheld.security_stability"),
    ("危及三安全一稳定", "results.withheld.security_stability"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "results.partially_granted"),
    ("（二）部分公开(区分处理的,只计这一情形,不计其他情形)", "results.partially_granted"),
    ("一、本年新收政府信息\n公开申请数量", "new_received"),
    ("四、结转下年度继续办理", "carried_forward"),
])
def test_application_row_labels_in_their_printed_variants(printed, key):
    assert VOCAB.match("applications", "row", printed) == {key}


@pytest.mark.parametrize(("printed", "key"), [("商业\n企业", "legal_person.commercial"), ("科 研 机 构", "legal_person.research"),
                                              ("社会公益组织", "legal_person.social_welfare"), ("总计", "total")])
def test_application_column_labels(printed, key):
    assert VOCAB.match("applications", "column", printed) == {key}


def test_other_is_resolved_by_the_label_above_it():
    assert resolve(VOCAB, "applications", "row", ["三、本年度办理结果", "（六）其他处理", "3.其他"]) == ("results.other.other", None)
    assert resolve(VOCAB, "applications", "column", ["申请人情况", "法人或其他组织", "其他"]) == ("legal_person.other", None)


def test_an_unknown_innermost_label_is_reported_not_replaced_by_its_parent():
    assert resolve(VOCAB, "applications", "row", ["三、本年度办理结果", "（三）不予公开", "9.属于其他情形"]) == (None, "9.属于其他情形")


def test_normalization_keeps_numbers_that_are_not_numbering():
    assert normalize_label("2.13万件") == "2.13万件"
    assert normalize_label("第二十条第（一）项") == "第二十条第(一)项"


def test_every_template_cell_is_defined_for_both_formats():
    assert [len(VOCAB.cells(t, "2021")) for t in ("applications", "review_litigation", "active_disclosure")] == [175, 15, 10]
    assert [len(VOCAB.cells(t, "2019")) for t in ("applications", "review_litigation", "active_disclosure")] == [161, 15, 22]
