"""Report metadata: title, agency, year covered, statistical period, publication date — and where each came from.

Read from the report's text lines in order (never from its section structure, so a body that arrived as one
long line reads like a well-cut one), from every place a report carries them:

- `crawler_header`: the lines a web crawler writes before the text (标题: …, 发布时间: 2022-02-08 16:34,
  发布机构: …, up to a ==== 正文 ==== line) — kept out of the title and the agency;
- `title_line`: the title printed at the top, over up to four lines or as the head of a line that runs on
  into the first sentence; spaces and a Markdown `#` or a converter's 正文 prefix are dropped;
- `page_title`: a web page's <title> or <meta name="ArticleTitle"> (Document.title), used when the page prints
  no title line;
- `page_date`: a web page's <meta name="PubDate"> or the 发布时间 line above its article (Document.published);
- `signature`: the agency's name and the date at the end, on their own lines or ending the last line
  (…特此报告。某某局 2022年1月13日);
- `period`: the 统计期限 sentence (自2021年1月1日起至2021年12月31日止).

Which one wins: the title from title_line > page_title > crawler_header; the agency from the signature >
the title (as above) > the crawler's 发布机构 (often a parent body that posted the page, not the reporting
agency); the year from the title, else the period; the date from the signature, else the page's, else the crawler's
发布时间. Dates are read as 2022年1月20日, 二〇二二年一月二十日 (or 二○…), 2022-01-20 and in full-width digits
(read as ASCII ones where a date or year is looked for; the title keeps them as printed).
When the signature's name differs from the title's by one character, the title's spelling is kept (a typo in
the signature: 财政全融局 under a title naming 财政金融局). The agency is always a name as printed, never
completed or guessed. `metadata["sources"]` names where each of title, agency, year, published came from
(None when it was not found); nothing is inferred from the file name or the current date.
"""
from __future__ import annotations

import re

from .grammar import ANY_DATE, ANY_DATE_IN, PERIOD, YEAR, ascii_digits, clean_title, date_of, iso_date, title_from
from .model import Section, report_texts

# How an issuing body's name ends; a signature must end so to be taken as the agency.
AGENCY_SUFFIXES = ("人民政府", "政府", "办事处", "办公室", "办公厅", "委员会", "管委会", "管理委员会", "局", "厅", "委",
                   "部", "署", "院", "中心", "所", "站", "街道", "乡", "镇", "集团", "公司", "会")
# Where the agency's name ends in a title: at the year, 关于 or 政府信息公开 (某局2021年…, 某局关于2021年度…的报告,
# 某局政府信息公开工作2021年度报告); a title opening with its year names the agency after it (2021年某局政府信息…).
_AFTER_AGENCY = re.compile(r"(?:19|20)\d{2}\s*年度?|关于|政府信息公开")

# A crawler's header lines: field → what it tells (None: kept out of the text, read for nothing).
_HEADER_FIELDS = {"标题": "title", "发布时间": "published", "发布日期": "published", "发布机构": "agency",
                  "来源": "agency", "信息来源": "agency", "文号": None, "栏目": None, "原文链接": None, "本地目录": None,
                  "索引号": None, "主题分类": None, "成文日期": None}
_HEADER_LINE = re.compile(r"\s*([\u4e00-\u9fff]{2,6})\s*[:：]\s*(.*)")
_SEPARATOR = re.compile(r"\s*[=＝—-]{3,}\s*正文\s*[=＝—-]{3,}\s*")
_HEADER_SPAN = 20  # a separator further down is not a crawler's
# A name and a date ending a line: "…特此报告。某某局 2022年1月13日", "某某局\u30002025年1月20日", "2022年1月20日".
_AFTER_BREAK = r"(?:^|(?<=[。！？!?；;\s]))"  # a name starts a line or follows a sentence or a space
_NAME = r"[^\s。！？!?；;，,：:、]{2,40}"
_SIGNED = re.compile(rf"{_AFTER_BREAK}(?P<name>{_NAME}?)?\s*[（(]?\s*{ANY_DATE}\s*[）)]?\s*$")
_NAME_TAIL = re.compile(rf"{_AFTER_BREAK}{_NAME}$")
_SIGNATURE_LINES = 6  # the signature is among the last lines of the text
_SIGNATURE_CHARS = 100  # …and ends its line: a name of at most 40 characters and a date (a long line is not scanned whole)


def _header(lines: list[str]) -> tuple[dict[str, str], int]:
    """(what the crawler's header says, where the report's text starts)."""
    end = next((i for i, line in enumerate(lines[:_HEADER_SPAN]) if _SEPARATOR.fullmatch(line)), None)
    fields: dict[str, str] = {}
    for i, line in enumerate(lines[:end] if end is not None else lines):
        match = _HEADER_LINE.fullmatch(line)
        if not match or match.group(1) not in _HEADER_FIELDS:
            if end is None:
                return fields, i
            continue
        what = _HEADER_FIELDS[match.group(1)]
        if what and match.group(2).strip() and what not in fields:
            fields[what] = match.group(2).strip()
    return fields, (end + 1 if end is not None else len(lines))


def _agency_like(name: str | None) -> bool:
    return bool(name) and len(name) <= 40 and name.endswith(AGENCY_SUFFIXES)


def _signature(lines: list[str]) -> tuple[str | None, str | None]:
    """(agency, date) from the signature block: a date ending one of the last lines, the name before it."""
    tail = [ascii_digits(line.strip()) for line in lines[-_SIGNATURE_LINES:] if line.strip()]
    for i in range(len(tail) - 1, -1, -1):
        match = _SIGNED.search(tail[i], max(0, len(tail[i]) - _SIGNATURE_CHARS))
        if not match:
            continue
        name = match.group("name")
        if name is None and match.start() == 0 and i:  # a date alone: the name is the line above
            above = _NAME_TAIL.search(tail[i - 1])
            name = above.group(0) if above else None
        elif name is not None and not _agency_like(name):
            continue  # a sentence ending with a date (截至2021年12月31日), not a signature
        return (name if _agency_like(name) else None), date_of(match.groups()[1:])
    return None, None


def _agency_from_title(title: str | None) -> str | None:
    if not title:
        return None
    pieces = [piece.strip(" \u3000：:") for piece in _AFTER_AGENCY.split(ascii_digits(title))]
    name = pieces[0] or (pieces[1] if len(pieces) > 1 else "")
    return name if name.endswith(AGENCY_SUFFIXES) else None


def _one_letter_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def _period(lines: list[str]) -> list[str] | None:
    for text in lines[:60]:
        match = PERIOD.search(ascii_digits(text))
        if match:
            y1, m1, d1, y2, m2, d2 = match.groups()
            start, end = iso_date(int(y1), int(m1), int(d1)), iso_date(int(y2 or y1), int(m2), int(d2))
            if start and end:
                return [start, end]
    return None


def _first(candidates: list[tuple[str, object]]) -> tuple[object, str | None]:
    """(value, source) of the first candidate that has a value."""
    return next(((value, source) for source, value in candidates if value), (None, None))


def extract_metadata(preamble: Section, sections: tuple[Section, ...], template: str, page_title: str | None = None,
                     page_published: str | None = None) -> dict:
    """The contract's `metadata` object, with `sources` naming where title, agency, year and published came from."""
    lines = report_texts(preamble, sections)
    header, start = _header(lines)
    body = lines[start:]
    titles = [("title_line", title_from(body)), ("page_title", clean_title(page_title or "") or None),
              ("crawler_header", clean_title(header.get("title", "")) or None)]
    title, title_source = _first(titles)
    signed_agency, signed_date = _signature(body)
    titled_agency, titled_source = _first([(source, _agency_from_title(t)) for source, t in titles])
    if signed_agency and titled_agency and _one_letter_apart(signed_agency, titled_agency):
        signed_agency = None
    agency, agency_source = _first([("signature", signed_agency), (titled_source, titled_agency),
                                    ("crawler_header", header.get("agency"))])
    period = _period(body)
    years = [(source, YEAR.search(ascii_digits(t))) for source, t in titles if t]
    year, year_source = _first([*((source, int(m.group(1))) for source, m in years if m),
                                ("period", int(period[0][:4]) if period else None)])
    posted = ANY_DATE_IN.search(ascii_digits(header.get("published", "")))
    published, published_source = _first([("signature", signed_date), ("page_date", page_published),
                                          ("crawler_header", date_of(posted.groups()) if posted else None)])
    return {"title": title, "agency": agency, "year": year, "published": published, "period": period,
            "template": template, "sources": {"title": title_source, "agency": agency_source, "year": year_source,
                                              "published": published_source}}
