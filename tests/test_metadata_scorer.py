"""Who and when, scored: title, agency, year and publication date on realistic variants of how reports print them.

Each case is a whole report generated from the 2021 template (scripts/reportgen.py) whose first lines, last
lines or web page around it are printed the way real sites print them; the expected values are read off the
text the case writes (what a reader of the page would copy down), never computed by the code under test.
The real corpus (../shared/corpus: page texts with crawler headers, text-layer PDFs, the seed and the seed as
.docx and as a web page) is scored against the values read off those files, and must be right on at least 95%
of fields (all 40 are, today).
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

import pytest

import extractor
import reportgen
from conftest import CORPUS, FIXTURES, SEED, shared_file

AGENCY = "某市教育局"
TITLE = "某市教育局2021年政府信息公开工作年度报告"


def _body_lines(agency: str = AGENCY, year: int = 2021) -> list[str]:
    """The report's lines after its title line, without the two signature lines (agency, date)."""
    body = reportgen.report_body("2021", reportgen.random_values("2021", random.Random(3)), agency=agency, year=year,
                                 published=date(year + 1, 1, 25), padding=False)
    return reportgen.to_text(body).split("\n")[1:-2]


@dataclass(frozen=True)
class Case:
    name: str
    head: tuple[str, ...]  # lines before the body (title lines, crawler header)
    tail: tuple[str, ...]  # lines after the body (signature)
    expected: tuple  # title, agency, year, published
    sources: tuple  # where each came from
    html: str | None = None  # a web page: `{article}` stands for the body's paragraphs

    def write(self, tmp_path):
        lines = [*self.head, *_body_lines(), *self.tail]
        if self.html is None:
            path = tmp_path / "report.txt"
            path.write_text("\n".join(lines), encoding="utf-8")
        else:
            article = "".join(f"<p>{line}</p>" for line in lines if line)
            path = tmp_path / "report.html"
            path.write_text(self.html.format(article=article), encoding="utf-8")
        return path


SIGNED = (AGENCY, "2022年1月20日")
PLAIN = (TITLE, AGENCY, 2021, "2022-01-20")
FROM_LINES = ("title_line", "signature", "title_line", "signature")
CRAWLER = ("标题: 某市教育局2021年政府信息公开工作年度报告", "发布时间: 2022-02-08 16:34", "文号: ", "发布机构: 某市人民政府",
           "栏目: 政府信息公开年报", "==================== 正文 ====================")


def _page(head: str = "", before: str = "") -> str:
    return (f"<html><head><meta charset='utf-8'>{head}</head><body><div class='nav'>首页 政务公开</div>"
            f"<div class='main'>{before}<div id='zoom'>{{article}}</div></div>"
            "<div class='footer'>版权所有：某市人民政府 网站标识码1234</div></body></html>")


CASES = [
    Case("title line and signature", (TITLE,), SIGNED, PLAIN, FROM_LINES),
    Case("title over two lines", ("某市教育局", "2021年政府信息公开工作年度报告"), SIGNED, PLAIN, FROM_LINES),
    Case("title over three lines", ("某市教育局", "2021年度政府信息公开工作", "年度报告"), SIGNED,
         ("某市教育局2021年度政府信息公开工作年度报告", AGENCY, 2021, "2022-01-20"), FROM_LINES),
    Case("title broken by spaces", ("某市教育局 2021 年 政府信息公开 工作 年度报告",), SIGNED, PLAIN, FROM_LINES),
    Case("title as a Markdown heading", ("# 某市教育局2021年政府信息公开工作年度报告",), SIGNED, PLAIN, FROM_LINES),
    Case("title in book-title marks", ("《某市教育局2021年政府信息公开工作年度报告》",), SIGNED, PLAIN, FROM_LINES),
    Case("title after a converter's 正文", ("正文：某市教育局2021年政府信息公开工作年度报告",), SIGNED, PLAIN, FROM_LINES),
    Case("signature dated in Chinese numerals", (TITLE,), (AGENCY, "二〇二二年一月二十日"), PLAIN, FROM_LINES),
    Case("signature dated with ○ for zero", (TITLE,), (AGENCY, "二○二二年一月二十日"), PLAIN, FROM_LINES),
    Case("signature dated 2022-01-20", (TITLE,), (AGENCY, "2022-01-20"), PLAIN, FROM_LINES),
    Case("signature dated in full-width digits", (TITLE,), (AGENCY, "２０２２年１月２０日"), PLAIN, FROM_LINES),
    Case("title and signature in full-width digits: the title as printed", ("某市教育局２０２１年政府信息公开工作年度报告",),
         (AGENCY, "２０２２年１月２０日"), ("某市教育局２０２１年政府信息公开工作年度报告", AGENCY, 2021, "2022-01-20"), FROM_LINES),
    Case("signature dated with zero-padded month", (TITLE,), (AGENCY, "2022年01月20日"), PLAIN, FROM_LINES),
    Case("signature dated in brackets", (TITLE,), (AGENCY, "（2022年1月20日）"), PLAIN, FROM_LINES),
    Case("signature on one line", (TITLE,), ("某市教育局　　2022年1月20日",), PLAIN, FROM_LINES),
    # The title prints the body without its city; the signature with it: the signature's name, as printed.
    Case("signature with the city prefix", ("洪泽区人民政府2021年政府信息公开工作年度报告",), ("淮安市洪泽区人民政府", "2022年1月20日"),
         ("洪泽区人民政府2021年政府信息公开工作年度报告", "淮安市洪泽区人民政府", 2021, "2022-01-20"), FROM_LINES),
    Case("no signature: the title's agency without a city", ("洪泽区人民政府2021年政府信息公开工作年度报告",), (),
         ("洪泽区人民政府2021年政府信息公开工作年度报告", "洪泽区人民政府", 2021, None),
         ("title_line", "title_line", "title_line", None)),
    Case("year printed before the agency", ("2021年某市教育局政府信息公开工作年度报告",), (),
         ("2021年某市教育局政府信息公开工作年度报告", AGENCY, 2021, None), ("title_line", "title_line", "title_line", None)),
    Case("year after 政府信息公开工作", ("某市教育局政府信息公开工作2021年度报告",), (),
         ("某市教育局政府信息公开工作2021年度报告", AGENCY, 2021, None), ("title_line", "title_line", "title_line", None)),
    Case("title with 关于 and 的", ("某市教育局关于2021年度政府信息公开工作的报告",), (),
         ("某市教育局关于2021年度政府信息公开工作的报告", AGENCY, 2021, None), ("title_line", "title_line", "title_line", None)),
    # No year in the title: the 统计时限 sentence (…为2021年1月1日至2021年12月31日) gives it.
    Case("year from the statistical period", ("某市教育局政府信息公开工作年度报告",), SIGNED,
         ("某市教育局政府信息公开工作年度报告", AGENCY, 2021, "2022-01-20"), ("title_line", "signature", "period", "signature")),
    Case("crawler header and a signature", CRAWLER, SIGNED, PLAIN, ("crawler_header", "signature", "crawler_header", "signature")),
    Case("crawler header, no signature: its 发布时间", (*CRAWLER, TITLE), (),
         (TITLE, AGENCY, 2021, "2022-02-08"), ("title_line", "title_line", "title_line", "crawler_header")),
    Case("crawler header dated in Chinese", ("标题：某市教育局2021年政府信息公开工作年度报告", "发布日期：2022年02月08日", "发布机构：某市人民政府",
                                             "==================== 正文 ===================="), (),
         # no title line: the crawler's 标题 names the agency, before its 发布机构
         (TITLE, AGENCY, 2021, "2022-02-08"), ("crawler_header", "crawler_header", "crawler_header", "crawler_header")),
    Case("web page: title only in <title>", (), SIGNED, PLAIN, ("page_title", "signature", "page_title", "signature"),
         html=_page("<title>某市教育局2021年政府信息公开工作年度报告_某市人民政府门户网站</title>")),
    Case("web page: <title> cut by ' - '", (), (), (TITLE, AGENCY, 2021, None), ("page_title", "page_title", "page_title", None),
         html=_page("<title>某市教育局2021年政府信息公开工作年度报告 - 某市人民政府</title>")),
    Case("web page: heading above the article", (), SIGNED, PLAIN, FROM_LINES,
         html=_page("<title>政府信息公开年报_某市人民政府</title>", "<h1>某市教育局2021年政府信息公开工作年度报告</h1>")),
    Case("web page: 发布时间 line above the article, no signature", (), (), (TITLE, AGENCY, 2021, "2022-01-20"),
         ("title_line", "title_line", "title_line", "page_date"),
         html=_page("<title>政府信息公开年报</title>", "<h1>某市教育局2021年政府信息公开工作年度报告</h1>"
                    "<div class='info'><span>发布时间：2022-01-20 09:30</span> <span>来源：某市教育局</span> 浏览次数：120</div>")),
    Case("web page: 发布时间 and its date in two spans", (), (), (TITLE, AGENCY, 2021, "2022-01-20"),
         ("title_line", "title_line", "title_line", "page_date"),
         html=_page("<title>政府信息公开年报</title>", "<h1>某市教育局2021年政府信息公开工作年度报告</h1>"
                    "<div class='info'><span>发布时间：</span><span>2022年01月20日</span> <span>来源：某市教育局</span></div>")),
    Case("web page: the site standard's <meta> tags", (), (), (TITLE, AGENCY, 2021, "2022-01-20"),
         ("page_title", "page_title", "page_title", "page_date"),
         html=_page("<meta name='ArticleTitle' content='某市教育局2021年政府信息公开工作年度报告'>"
                    "<meta name='PubDate' content='2022-01-20 09:30'><title>某市人民政府门户网站</title>")),
    Case("web page: the signature's date wins over the page's", (), SIGNED, PLAIN,
         ("title_line", "signature", "title_line", "signature"),
         html=_page("<meta name='PubDate' content='2022-02-03 09:30'><title>政府信息公开年报</title>",
                    "<h1>某市教育局2021年政府信息公开工作年度报告</h1>")),
    Case("web page: title in the article", (TITLE,), SIGNED, PLAIN, FROM_LINES,
         html=_page("<title>某市教育局2021年政府信息公开工作年度报告_某市人民政府</title>")),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_metadata_read_off_a_realistic_variant(case, tmp_path):
    metadata = extractor.parse(case.write(tmp_path)).metadata
    assert (metadata["title"], metadata["agency"], metadata["year"], metadata["published"]) == case.expected
    assert tuple(metadata["sources"][k] for k in ("title", "agency", "year", "published")) == case.sources


# The real reports: title, agency, year, published as printed in each file (read off the file by eye).
SEED_WHO = ("二七街道2021年政府信息公开工作年度报告", "江岸区人民政府二七街道办事处", 2021, "2022-01-20")
REAL = {
    SEED: SEED_WHO,
    FIXTURES / "docx" / "seed-2021.docx": SEED_WHO,  # the seed as Word and as its web page print it
    FIXTURES / "html" / "seed-2021.html": SEED_WHO,
    CORPUS / "page-text" / "pt-czj-2021.txt": ("平潭综合实验区财政金融局2021年度政府信息公开工作年度报告", "平潭综合实验区财政金融局",
                                               2021, "2022-01-13"),
    CORPUS / "page-text" / "pt-gyz-2019.txt": ("平潭综合实验区国有资产管理局2019年政府信息公开工作年度报告", "平潭综合实验区国有资产管理局",
                                               2019, "2020-01-07"),
    CORPUS / "page-text" / "pt-jsp-2023.txt": ("平潭综合实验区君山片区管理局2023年政府信息公开工作年度报告", "平潭综合实验区君山片区管理局",
                                               2023, "2024-01-12"),
    CORPUS / "page-text" / "pt-shs-2024.txt": ("平潭综合实验区社会事业局2024年政府信息公开工作年度报告", "平潭综合实验区社会事业局",
                                               2024, "2025-01-20"),
    CORPUS / "huaian-2024.pdf": ("淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府", 2024, None),
    CORPUS / "hzq-2023.pdf": ("洪泽区人民政府2023年政府信息公开工作年度报告", "洪泽区人民政府", 2023, None),
    CORPUS / "hzq-2024.pdf": ("淮安市洪泽区人民政府2024年政府信息公开工作年度报告", "淮安市洪泽区人民政府", 2024, None),
}


def test_the_real_reports_score_at_least_95_percent():
    pytest.importorskip("pdfplumber")
    right = total = 0
    wrong = []
    for path, expected in REAL.items():
        metadata = extractor.parse(shared_file(path)).metadata
        got = (metadata["title"], metadata["agency"], metadata["year"], metadata["published"])
        right += sum(g == e for g, e in zip(got, expected))
        total += len(expected)
        wrong += [(path.name, g, e) for g, e in zip(got, expected) if g != e]
    assert total == 4 * len(REAL) and right / total >= 0.95, wrong
