"""Web-page reports: the report body of an HTML page → paragraphs and tables with their spans, in reading order.

Reports are published as full government web pages: a site header with navigation, a left menu, a breadcrumb,
the title and a 发布时间/来源 line, the article itself, a share bar and a footer (版权所有, 网站标识码, ICP备案).
Only the article is the report. Finding it:

1. Decode (the BOM; else UTF-8 if the bytes are valid UTF-8; else the <meta> charset, GB2312 and GBK read as
   GB18030; else GB18030) and parse with libxml2's HTML parser through lxml: no network, no DTD entities,
   comments and processing instructions dropped. A fragment (no <html>/<body>) parses like a page.
2. Remove what a reader never sees: `_INVISIBLE` elements (script, style, iframe, form controls …) and hidden
   ones (display:none, visibility:hidden, the `hidden` attribute).
3. Remove site chrome: `_CHROME_TAGS` (nav, header, footer, aside, form, menu) and elements whose id or class
   contains one of `_CHROME_WORDS` (nav, menu, breadcrumb, share, copyright …) — unless the element holds more
   than half of the page's text (whole pages wrapped in <form id="form1"> or <div class="has-sidebar">) or
   sits inside a data table (a <th class="header"> is the table's own).
4. Descend from <body> into the child that holds the report, as long as one child keeps
   - at least `_KEEP` (80%) of its parent's text, counted in wide (Chinese) characters outside links — menus,
     breadcrumbs and related-article lists are links;
   - at least 80% of its numeric table cells (a cell holding a number only) — the report's data;
   - every landmark: a line outside links holding a template section title (总体情况 …), or a date alone
     (2022年1月20日, the signature's).
   Layout tables are descended like any container; data tables never. Where the descent stops is the body.
   The page's unlabelled leftovers — a title/发布时间 block, a related-links box, an unclassed footer — are
   each far below 20% of a report's text, so the descent leaves them behind; the landmarks keep it from
   leaving behind a piece of the report (the last sections, the signature) that is that small.
5. If the body's first lines hold no title (grammar.title_from), the title printed on the page before the body
   is put before them: the last h1–h3 or *title* element that names a 报告. The page's <title> is handed on
   apart, as Document.title (the part of it naming a 报告, without the site's name): it is not printed on the
   page, so it is not made a paragraph of the text; metadata reads it when the text names no title. A
   <meta name="ArticleTitle"> (the government-site standard's) is read before <title>. The page's publication
   date is handed on the same way, as Document.published: a <meta name="PubDate"> or the 发布时间/发布日期 line
   printed before the body (metadata ranks it after the signature's date).

The body is then walked in document order. Block elements (`_BLOCKS`) and <br> end a line, text directly inside
a container included; inline elements (span, font, b, a …) flow within the line, so a block holding only a <font>
is one paragraph. Each non-empty line is a Paragraph: whitespace runs collapsed to one space, &nbsp; read as a
space and full-width spaces kept, both stripped at the ends. Not rendered: <ol> numbers, CSS text. An <img> with a
src becomes a Picture block (its src as `part`) after the line it is shown in; images in a data table's cells do not.
A data table becomes a Table laid out as HTML does (rowspan/colspan on an occupancy grid, <thead> rows first and
<tfoot> rows last); a layout table — one column, a cell of over 300 characters, or cells holding more nested
cells than the table has — is walked as blocks. A table nested inside a data table's cell stays in that cell's
text: one line per paragraph, <br> or nested cell.
"""
from __future__ import annotations

import functools
import re

from lxml import etree

from ..errors import ExtractorError
from ..grammar import DATE_LINE, title_from
from ..model import Block, Message, Paragraph, Picture
from ..vocabulary import TEMPLATE_SECTIONS, template_section
from .html_decode import decode_html
from .html_page import SPACE, STRING, clean, head_title, page_heading, page_published
from .html_tables import read_table

# Never shown as text.
_INVISIBLE = frozenset(("script", "style", "noscript", "iframe", "frame", "select", "button", "input", "textarea",
                        "option", "template", "svg", "math", "object", "embed", "audio", "video", "canvas", "map"))
# Site chrome by element and by id/class (a case-insensitive substring of either).
_CHROME_TAGS = frozenset(("nav", "header", "footer", "aside", "form", "menu"))
_CHROME_WORDS = ("nav", "menu", "header", "footer", "breadcrumb", "crumb", "share", "sidebar", "copyright",
                 "toolbar", "banner", "location")
_CHROME_NAME = re.compile("|".join(_CHROME_WORDS), re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Elements that end a line of text. Everything else (span, font, a, b, strong …) flows inline.
_BLOCKS = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
                     "article", "main", "blockquote", "pre", "center", "address", "figure", "figcaption", "caption",
                     "table", "thead", "tbody", "tfoot", "tr", "td", "th", "hr", "body", "html", "fieldset",
                     "legend", "details", "summary", "nav", "header", "footer", "aside", "form", "menu"))
_LINE_ENDS = _BLOCKS | {"br"}

_TEXTS = etree.XPath(".//text()")
_COUNT_CELLS = etree.XPath("count(.//td) + count(.//th)")
_OWN_ROWS = "(tr | thead/tr | tbody/tr | tfoot/tr)"  # a table's own rows, not those of tables nested in its cells
_ONE_COLUMN = etree.XPath(f"not({_OWN_ROWS}[count(td | th) > 1])")
_OWN_CELLS = etree.XPath(f"count({_OWN_ROWS}/td | {_OWN_ROWS}/th)")
_LONG_CELL = etree.XPath(f"boolean({_OWN_ROWS}/td[string-length(normalize-space(.)) > 300])")  # report labels: < 60
# A table's own cells holding a number and nothing else (spaces and &nbsp; aside): the report's data.
_NUMERIC_CELLS = etree.XPath(f"count({_OWN_ROWS}/td[normalize-space(translate(., '0123456789.,%\u00a0', '')) = ''"
                             " and translate(., '0123456789', '') != .])")

_KEEP = 0.8  # share of its parent's text and numeric cells a child must hold to be descended into
# Landmarks of a report: lines naming one of the template's sections (vocabulary.template_section), or a date
# alone (the signature's). A line ending none of the titles' ways nor with 日 is not looked at further.
_LANDMARK_HINTS = tuple(sorted({title[-2:] for _, _, title in TEMPLATE_SECTIONS} | {"日"}))


def read_html(data: bytes) -> tuple[list[Block], list[Message], str | None, str | None]:
    """Blocks (paragraphs and tables, in reading order) of the report held in a web page or an HTML fragment,
    the warnings, the report's title from the page's <title> (None when it names no 报告) and the page's
    publication date (ISO; None when the page states none outside the body).

    Raises ExtractorError `undecodable_text` when the bytes are in no known encoding, `too_deeply_nested`
    when elements nest deeper than the parser's limit.
    """
    text, messages = decode_html(data)
    root = _parse(text)
    if root is None:
        return [], messages, None, None
    page = root.find("body")
    page = root if page is None else page
    invisible, chrome = _unread(root)
    for el in invisible:
        _remove(el)
    _drop_chrome(chrome, _text_weight(page) / 2)
    body = _report_body(page, _Counts(page))
    items = _flow(body, tables=True)
    if title_from([item for item in [i for i in items if not _is_image(i)][:4] if isinstance(item, str)]) is None:
        heading = page_heading(root, body)
        items = [heading, *items] if heading else items
    return _blocks(items, messages), messages, head_title(root), page_published(root, body)


# ---------------------------------------------------------------- decoding and parsing


def _parse(text: str) -> etree._Element | None:
    # Re-encoded as UTF-8 and parsed with that encoding forced: the <meta> charset no longer applies.
    # huge_tree lifts libxml2's depth limit from 256 to 2048 levels: old pages nest unclosed <font> tags deeply.
    # lxml's HTML parser (libxml2) without lxml.html's element classes: they slow every element access by a third.
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True,
                              huge_tree=True, default_doctype=False)
    root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    if any("depth" in entry.message.lower() for entry in parser.error_log):
        raise ExtractorError("too_deeply_nested", "the page nests elements more than 2048 levels deep; refused as a safety limit")
    return root


# ---------------------------------------------------------------- finding the report body


def _unread(root: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """(invisible elements, site chrome candidates), each in document order."""
    invisible, chrome = [], []
    for el in root.iter():
        tag, attributes = el.tag, el.attrib
        if tag in _INVISIBLE:
            invisible.append(el)
        elif not attributes:
            if tag in _CHROME_TAGS:
                chrome.append(el)
        elif "hidden" in attributes or _hides(attributes.get("style", "")):
            invisible.append(el)
        elif tag in _CHROME_TAGS or _names_chrome(attributes.get("class", "")) or _names_chrome(attributes.get("id", "")):
            chrome.append(el)
    return invisible, chrome


# Cached: a page repeats the same few styles and class names on hundreds of elements.
@functools.lru_cache(maxsize=4096)
def _hides(style: str) -> bool:
    return bool(_HIDDEN_STYLE.search(style))


@functools.lru_cache(maxsize=4096)
def _names_chrome(name: str) -> bool:
    return bool(_CHROME_NAME.search(name))


def _drop_chrome(candidates: list[etree._Element], most: float) -> None:
    """Remove site chrome (keeping tail text), unless it holds more than `most` of the text (then it wraps the page)
    or is part of a data table (a <th class="header"> is the table's own header)."""
    dropped: set[etree._Element] = set()
    for el in candidates:
        ancestors = list(el.iterancestors())
        if (el.tag in ("html", "body") or dropped.intersection(ancestors) or _text_weight(el) > most
                or any(a.tag == "table" and not _is_layout(a) for a in ancestors)):
            continue
        dropped.add(el)
        _remove(el)


def _remove(el: etree._Element) -> None:
    """Take an element out of the tree, keeping the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


class _Counts:
    """What the descent compares, for any element of the page: (text outside links, numeric cells, landmarks)."""

    def __init__(self, page: etree._Element):
        self.landmarks = _landmarks(page)
        self.numbers = {table: int(_NUMERIC_CELLS(table)) for table in page.iter("table")}

    def __call__(self, el: etree._Element) -> tuple[int, int, int]:
        numbers = sum(self.numbers.get(table, 0) for table in el.iter("table"))
        return _text_weight(el), numbers, self.landmarks.get(el, 0)


def _text_weight(el: etree._Element) -> int:
    return _wide(STRING(el)) - _wide("".join(STRING(a) for a in el.iter("a")))


def _wide(text: str) -> int:
    """Wide characters (Chinese, full-width punctuation): each takes two bytes more in UTF-8 than a letter."""
    return (len(text.encode("utf-8", errors="replace")) - len(text)) // 2


def _landmarks(page: etree._Element) -> dict[etree._Element, int]:
    """Landmarks in each element's subtree: lines outside links holding a section title, or a date alone."""
    counts: dict[etree._Element, int] = {}
    for text in _TEXTS(page):
        if len(text) > 80 or not any(hint in text for hint in _LANDMARK_HINTS):
            continue
        line = SPACE.sub("", text).replace("\xa0", "").replace("\u3000", "")
        owner = text.getparent()
        owner = owner.getparent() if text.is_tail else owner
        if owner is None or len(line) > 40:
            continue
        if template_section(line) is None and not (DATE_LINE.fullmatch(line) and _dated_line(owner)):
            continue
        holders = [owner, *owner.iterancestors()]
        if all(holder.tag != "a" for holder in holders):
            for holder in holders:
                counts[holder] = counts.get(holder, 0) + 1
    return counts


def _dated_line(el: etree._Element) -> bool:
    """Whether a date in `el` is a line by itself (a signature's date), not part of 发布时间：… or a list entry."""
    while el.tag not in _BLOCKS and el.getparent() is not None:
        el = el.getparent()
    return any(DATE_LINE.fullmatch(line.replace(" ", "")) for line in _flow(el, tables=False) if isinstance(line, str))


def _report_body(node: etree._Element, counts: _Counts) -> etree._Element:
    """The lowest element holding the report: see the module docstring, step 4."""
    text, numbers, landmarks = counts(node)
    while True:
        only = _only_child(node)
        if only is not None:  # a plain wrapper: same counts
            node = only
            continue
        for child in node:
            if not isinstance(child.tag, str) or (child.tag == "table" and not _is_layout(child)):
                continue
            if _wide(STRING(child)) < _KEEP * text:  # cheap bound: link text not yet taken off
                continue
            c_text, c_numbers, c_landmarks = counts(child)
            if c_text and c_text >= _KEEP * text and c_numbers >= _KEEP * numbers and c_landmarks == landmarks:
                node, text, numbers, landmarks = child, c_text, c_numbers, c_landmarks
                break
        else:
            return node


def _only_child(node: etree._Element) -> etree._Element | None:
    """The one child of an element that has no text of its own, unless that child is a data table."""
    children = list(node)
    if len(children) != 1 or not isinstance(children[0].tag, str) or (node.text or "").strip() or (children[0].tail or "").strip():
        return None
    child = children[0]
    return None if child.tag == "table" and not _is_layout(child) else child


# ---------------------------------------------------------------- walking the body


def _flow(container: etree._Element, tables: bool) -> list:
    """Lines of text and (with `tables`) data-table and <img> elements inside `container`, in document order;
    an image comes after the line it is shown in, so that it never cuts a paragraph in two."""
    items: list = []
    parts: list[str] = []  # the line being gathered
    images: list[etree._Element] = []  # the <img> of that line
    pre = 0  # inside <pre>: newlines end lines

    def end_line() -> None:
        if parts:
            line = clean("".join(parts))
            parts.clear()
            if line:
                items.append(line)
        items.extend(images)
        images.clear()

    walker = etree.iterwalk(container, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if tag in _LINE_ENDS:
                end_line()
            if tag == "head":
                walker.skip_subtree()
                continue
            if tables and tag == "table" and el is not container and not _is_layout(el):
                items.extend(caption for caption in map(clean, map(STRING, el.iterchildren("caption"))) if caption)
                items.append(el)
                walker.skip_subtree()
                continue
            if tables and tag == "img" and (el.get("src") or "").strip():
                images.append(el)
            pre += tag == "pre"
            text = el.text
        else:
            pre -= tag == "pre"
            if tag in _BLOCKS:
                end_line()
            text = el.tail if el is not container else None
        if text:
            lines = text.split("\n") if pre else (text,)
            parts.append(lines[0])
            for line in lines[1:]:
                end_line()
                parts.append(line)
    end_line()
    return items


def _blocks(items: list[str | etree._Element], messages: list[Message]) -> list[Block]:
    blocks: list[Block] = []
    n_tables = 0
    for item in items:
        if isinstance(item, str):
            blocks.append(Paragraph(item, len(blocks)))
        elif _is_image(item):
            blocks.append(Picture(len(blocks), item.get("src").strip()))
        else:
            table, table_messages = read_table(item, n_tables, len(blocks), _cell_text)
            blocks.append(table)
            messages.extend(table_messages)
            n_tables += 1
    return blocks


def _is_image(item: str | etree._Element) -> bool:
    return getattr(item, "tag", None) == "img"


# ---------------------------------------------------------------- tables


def _is_layout(table: etree._Element) -> bool:
    """A table used for page layout: one column, a cell holding an article's worth of text, or nested tables
    with more cells than its own."""
    if _ONE_COLUMN(table) or _LONG_CELL(table):
        return True
    return _COUNT_CELLS(table) >= 2 * _OWN_CELLS(table)


def _cell_text(cell: etree._Element) -> str:
    """A cell's text: one line per paragraph, <br> or nested cell."""
    el = cell
    while len(el) == 1 and not (el.text or "").strip() and not (el[0].tail or "").strip() and el[0].tag != "br":
        el = el[0]  # <td><p><span>0</span></p></td>, as Word writes every cell: one line at the end of the chain
    if len(el) == 0 and el.tag != "pre":
        return clean(el.text or "")
    return "\n".join(_flow(cell, tables=False))


