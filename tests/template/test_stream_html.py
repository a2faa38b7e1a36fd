"""The same report as its web page and as a crawler's text of that page: every cell the text gives equals the
page's, and the text gives nearly all of them.

The page is built from a template report with known values (reportgen.to_html: <table> with rowspan/colspan in
the site's chrome); its text is what a crawler's get_text() keeps of the page: every text node of the article
run together on one line, a row's numbers with no separator between them.
"""
from __future__ import annotations

import random

import pytest
from lxml import html as lxml_html

import extractor
import reportgen

SEEDS = [(seed, template) for seed in range(8) for template in ("2021", "2019")]


def _crawled(page: str) -> str:
    tree = lxml_html.document_fromstring(page)
    (article,) = tree.xpath("//div[@class='article']")
    return "当前位置：首页 > 政务公开 > 政府信息公开年报 " + article.text_content().replace("\n", "")  # one line


def _cells(report) -> dict:
    return {(r.table, r.row, r.column): (r.raw, r.value) for r in report.records if r.raw}


@pytest.fixture(scope="module")
def pairs():
    out = []
    for seed, template in SEEDS:
        report = reportgen.random_report(random.Random(seed), template)
        page = report.html()
        out.append((report, extractor.parse_bytes(page.encode("utf-8"), "report.html"),
                    extractor.parse_bytes(_crawled(page).encode("utf-8"), "report.txt")))
    return out


def test_the_web_page_gives_every_printed_cell(pairs):
    for report, from_page, _ in pairs:
        assert {k: raw for k, (raw, _) in _cells(from_page).items()} == dict(report.values)


def test_the_crawled_text_gives_the_pages_cells_and_nothing_else(pairs):
    recovered = total = 0
    for report, from_page, from_text in pairs:
        page, text = _cells(from_page), _cells(from_text)
        assert {k: v for k, v in text.items() if page.get(k) != v} == {}  # 0 wrong numbers
        assert from_text.metadata["template"] == report.template
        recovered, total = recovered + len(text), total + len(page)
        if len(text) < len(page):
            assert from_text.status == "partial"  # a missing cell is never ok
            missing = {f"{t} {r} × {c}" for t, r, c in set(page) - set(text)}
            said = " ".join(w.message for w in from_text.warnings)
            assert all(m in said or m.split(" ", 1)[1] in said for m in missing), missing - set(said.split())
    assert recovered >= 0.9 * total, (recovered, total)
