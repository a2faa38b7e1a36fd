"""What a web page says about the report outside the report's body: the title printed above it, the page's
<title> and <meta> tags, the 发布时间 line — and the text cleaning every line of the page is read with."""
from __future__ import annotations

import re

from lxml import etree

from ..grammar import ANY_DATE, ANY_DATE_IN, ascii_digits, date_of

STRING = etree.XPath("string()")
SPACE = re.compile(r"[ \t\n\r\f\v]+")
_INVISIBLE_CHARS = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\xad"))
_TITLE_SEPARATORS = re.compile(r"\s*[_|｜–—]+\s*|\s+-\s+")


def clean(text: str) -> str:
    """A line of the page as shown: whitespace runs as one space, zero-width characters dropped, &nbsp; a space."""
    return SPACE.sub(" ", text).translate(_INVISIBLE_CHARS).replace("\xa0", " ").strip()


def page_heading(root: etree._Element, body: etree._Element) -> str | None:
    """The report's title printed on the page before the body: the last h1–h3 or *title* element naming a 报告."""
    around = {body, *body.iterancestors()}
    title = None
    for el in root.iter():
        if el is body:
            break
        if el in around or not isinstance(el.tag, str):
            continue
        if el.tag in ("h1", "h2", "h3") or "title" in f"{el.get('id') or ''} {el.get('class') or ''}".lower():
            text = clean(STRING(el))
            title = text if "报告" in text and len(text) <= 80 else title
    return title


def _meta(root: etree._Element, names: tuple[str, ...]) -> str:
    """The content of the first <meta name=…> among `names` (case-insensitive), "" when there is none."""
    metas = {(m.get("name") or "").lower(): m.get("content") or "" for m in root.iterfind("head/meta")}
    return next((clean(metas[name]) for name in names if metas.get(name)), "")


def head_title(root: etree._Element) -> str | None:
    """The part of the page's <meta name="ArticleTitle"> or <title> that names a 报告
    (某局2022年…年度报告_某市人民政府 → 某局2022年…年度报告)."""
    head_title = root.find("head/title")
    texts = [_meta(root, ("articletitle",)), clean(STRING(head_title)) if head_title is not None else ""]
    parts = [part for text in texts for part in _TITLE_SEPARATORS.split(text)]
    return next((p for p in parts if "报告" in p and len(p) <= 80), None)


_DATELINE = re.compile(rf"(?:发布时间|发布日期|发文日期)\s*[:：]\s*{ANY_DATE}")
_DATELINE_CHARS = 200  # a 发布时间/来源/浏览次数 line, not a block of the page


def page_published(root: etree._Element, body: etree._Element) -> str | None:
    """The page's publication date: <meta name="PubDate">, else the 发布时间 line printed before the body (the
    element whose own text names 发布/日期, or its parent when the date is in a sibling: <span>发布时间：</span><span>…)."""
    stated = ANY_DATE_IN.match(ascii_digits(_meta(root, ("pubdate", "publishdate"))))
    if stated:
        return date_of(stated.groups())
    around = {body, *body.iterancestors()}
    for el in root.iter():
        if el is body:
            break
        own = el.text or ""
        if el in around or not isinstance(el.tag, str) or ("发布" not in own and "日期" not in own):
            continue
        for line in (el, el.getparent()):
            text = ascii_digits(clean(STRING(line))) if line is not None and line not in around else ""
            stated = _DATELINE.search(text) if len(text) <= _DATELINE_CHARS else None
            if stated:
                return date_of(stated.groups())
    return None
