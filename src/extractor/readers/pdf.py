"""Read a PDF report's text layer into the document model with pdfplumber: paragraphs and ruled tables.

1. Open. A password-protected file is `encrypted`, one pdfminer cannot parse is `corrupt_pdf`. A page that
   paints an image (not blank) but has (almost) no characters is a scan: readers/ocr.py reads it into the
   same lines and grids (needs the `ocr` extra); a file with neither text nor such a page is `no_text_layer`.
2. Ruling. Only what is visible rules a table: WPS and Word paint a white rectangle behind every line of
   text, which pdfplumber would otherwise read as a grid. A table cut by a page break lacks the rule on
   the cut side (its vertical rules just stop), so that rule is added before `find_tables`.
3. Cells. The grid of a table is the snapped x and y edges of all its cells; each cell gets its row,
   column and spans from them, and the characters whose centre it contains (lines top to bottom, joined
   by "\\n"). Spaces next to Chinese characters are layout, not text, and are removed.
4. Continuations. A table that ends a page and one that starts the next, with the same outer edges and
   column rules, are one table. Header rows the continuation repeats are dropped; a cell the page break
   cut in two (no rule drawn at the cut, or a row label split like 「（四）无」/「法提供」) is joined
   again. Cells keep the page they are printed on.
5. Paragraphs. Text outside tables, without running headers, footers and page numbers, is cut into
   lines and the lines joined into paragraphs: a paragraph starts at an indented line, at a heading
   number (一、 （一） 1.), after a line ending in 。：；, or after a line that stops short of the margin.
   Tables stand between the paragraphs where they are printed.
6. Unruled tables. A page whose free text prints template rows (a row label followed by numbers) has a
   table drawn without rules; its lines stay paragraphs and a `pdf_table_not_ruled` warning names the
   page, so that a line reader can take the numbers. No cells are invented.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from ..errors import DIST, ExtractorError
from ..grammar import NUMBER_TOKEN, starts_with_heading_number
from ..model import Block, Message, Paragraph, where
from ..vocabulary import normalize_label, vocabulary
from .pdf_grid import (
    Char,
    Grid,
    Line,
    Page,
    closing_rules,
    join_continuations,
    line_segments,
    ruled_table,
    text_lines,
    to_table,
    visible,
)

MARGIN_BAND = 0.08  # running headers and footers sit in this fraction of the page height at top and bottom
INDENT = 1.0  # a line starting this many font sizes right of the left margin starts a paragraph
MAX_INDENT = 3.0  # …and at most this many: a first-line indent, not a centred line
MIN_INDENTED = 3  # lines indented so before the text counts as indenting its paragraphs
SHORT_LINE = 2.0  # a line ending this many font sizes before the right margin ends its paragraph
MIN_CHARS_PER_PAGE = 20  # fewer characters than this per page on average: a scan without a text layer
RUNNING_SHARE = 0.5  # a margin line printed on at least this share of the pages (and two) is a running header
_PAGE_NUMBER = re.compile(r"^[\s\-－—–_·•]*(?:第\s*\d+\s*页(?:\s*[，,/／]?\s*共\s*\d+\s*页)?|\d+\s*[/／]\s*\d+|\d+)[\s\-－—–_·•]*$")
_PARAGRAPH_END = ("。", "：", "；", ":", ";", "！", "？", "!", "?")
_TRAILING_NUMBERS = re.compile(rf"(?:\s*{NUMBER_TOKEN})+\s*$")
_MIN_ROW_LINES = 2  # template rows printed as text on a page before it is warned about

def read_pdf(data: bytes) -> tuple[list[Block], list[Message]]:
    """Blocks (paragraphs and tables, in reading order) of a PDF given as bytes, and warnings."""
    pages = _read_pages(data)
    scanned = _scanned_pages(data, pages)
    if not scanned:
        _require_text(pages)
    grids: list[Grid] = []
    lines: list[Line] = []
    for page in pages:
        page_grids = sorted((ruled_table(page, cells) for cells in page.tables), key=lambda g: g.top)
        grids.extend(page_grids)
        lines.extend(_body_lines(page, page_grids))
    if scanned:
        from .ocr import ocr_pages

        ocr_lines, ocr_grids = ocr_pages(data, scanned)
        if not ocr_lines and not ocr_grids and not lines:
            raise ExtractorError("no_text_layer", "the PDF has no text layer, and OCR found no text on its scanned pages")
        lines, grids = lines + ocr_lines, sorted(grids + ocr_grids, key=lambda g: (g.page, g.top))
    lines = _drop_running_lines(lines, pages)
    grids = join_continuations(grids, lines)
    return _blocks(lines, grids), _unruled_tables(lines)


# 1. Open ------------------------------------------------------------------------------------------------


def _read_pages(data: bytes) -> list[Page]:
    try:
        import pdfplumber
    except ImportError as exc:
        raise ExtractorError("missing_dependency", f"reading PDF needs pdfplumber, a dependency of {DIST}: "
                             f"pip install --force-reinstall {DIST}") from exc
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types on damaged input; all mean the same to the user
        raise _open_error(exc) from exc
    with pdf:
        try:
            pages = [_read_page(page) for page in pdf.pages]
        except Exception as exc:
            raise ExtractorError("corrupt_pdf", f"a page of the PDF cannot be parsed ({_reason(exc)}); re-download "
                                                "or re-save the file") from exc
    if not pages:
        raise ExtractorError("corrupt_pdf", "the PDF has no pages; re-download or re-save the file")
    return pages


def _open_error(exc: Exception) -> ExtractorError:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc  # PdfminerException wraps
    if "password" in type(inner).__name__.lower() or "encrypt" in type(inner).__name__.lower():
        return ExtractorError("encrypted", "the PDF is password-protected; save an unprotected copy and retry")
    return ExtractorError("corrupt_pdf", f"the PDF cannot be parsed ({_reason(inner)}); re-download or re-save the file")


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:120]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _read_page(page) -> Page:
    """The page's characters, visible horizontal rules, ruled tables and whether it has an image (the only pdfplumber calls)."""
    page = page.dedupe_chars().filter(visible)
    chars = tuple(Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], max(c["size"], 1.0)) for c in page.chars)
    edges = page.edges
    closing = closing_rules(edges)
    tables = page.find_tables({"explicit_horizontal_lines": closing}) if edges else []
    rules = tuple((e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h")
    return Page(page.page_number, float(page.height), chars, rules, tuple(tuple(t.cells) for t in tables), bool(page.images))


def _scanned_pages(data: bytes, pages: list[Page]) -> list[int]:
    """Numbers of the pages to OCR: those that paint an image that is not blank paper but have (almost) no
    readable characters. Pages with a text layer are never OCR'd."""
    candidates = [p.number for p in pages if p.images and sum(1 for c in p.chars if c.text.strip() and not c.text.startswith("(cid:"))
                  < MIN_CHARS_PER_PAGE]
    if not candidates:
        return []
    from .ocr import blank

    return [n for n in candidates if not blank(data, n - 1)]


def _require_text(pages: list[Page]) -> None:
    chars = [c.text for page in pages for c in page.chars if c.text.strip()]
    readable = sum(1 for t in chars if not t.startswith("(cid:"))
    if readable >= MIN_CHARS_PER_PAGE * len(pages):
        return
    if len(chars) - readable >= MIN_CHARS_PER_PAGE * len(pages):
        raise ExtractorError("no_text_layer", "the PDF's fonts map no characters to text (it extracts as (cid:…)); "
                                              "OCR it first")
    raise ExtractorError("no_text_layer", "the PDF has no text layer and no scanned page image to OCR")



# 3. Lines of text outside the tables------------------------------------------------------------


def _body_lines(page: Page, grids: list[Grid]) -> list[Line]:
    """Lines of the page's text outside its tables."""
    areas = [(g.xs[0], g.top, g.xs[-1], g.bottom) for g in grids]
    free = [c for c in page.chars
            if not any(x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= c.middle <= bottom for x0, top, x1, bottom in areas)]
    lines = []
    for chars in text_lines(free):
        parts = line_segments(chars)
        if parts:
            size = Counter(round(c.size) for c in chars).most_common(1)[0][0]
            lines.append(Line(page.number, min(c.top for c in chars), max(c.bottom for c in chars), chars[0].x0,
                              chars[-1].x1, size, " ".join(parts), len(parts) > 1))
    return lines


def _drop_running_lines(lines: list[Line], pages: list[Page]) -> list[Line]:
    """Lines without page numbers and running headers/footers (text repeated in the page margins)."""
    heights = {p.number: p.height for p in pages}

    def in_margin(line: Line) -> bool:
        band = MARGIN_BAND * heights[line.page]
        return line.bottom <= band or line.top >= heights[line.page] - band

    def shape(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text)

    seen = {(ln.page, shape(ln)) for ln in lines if in_margin(ln)}
    pages_per_shape = Counter(s for _, s in seen)
    repeated = {s for s, n in pages_per_shape.items() if n >= 2 and n >= RUNNING_SHARE * len(pages)}
    return [ln for ln in lines if not (in_margin(ln) and (_PAGE_NUMBER.match(ln.text) or shape(ln) in repeated))]


# 5. Paragraphs and blocks -------------------------------------------------------------------------------


def _blocks(lines: list[Line], grids: list[Grid]) -> list[Block]:
    """Paragraphs and tables in page order."""
    layout = _layout(lines)
    items = sorted([(ln.page, ln.top, ln) for ln in lines] + [(g.page, g.top, g) for g in grids], key=lambda i: i[:2])
    blocks: list[Block] = []
    current: list[Line] = []
    n_tables = 0
    for _, _, item in items:
        if isinstance(item, Line) and not (current and _starts_paragraph(current[-1], item, layout)):
            current.append(item)
            continue
        if current:
            blocks.append(Paragraph(_join_lines(current), len(blocks)))
            current = []
        if isinstance(item, Line):
            current.append(item)
        else:
            blocks.append(to_table(item, n_tables, len(blocks)))
            n_tables += 1
    if current:
        blocks.append(Paragraph(_join_lines(current), len(blocks)))
    return blocks


@dataclass(frozen=True, slots=True)
class _Layout:
    left: float  # where most lines start
    right: float  # where most lines end
    indented: bool  # paragraphs start with an indented line (the Chinese norm: two characters)


def _layout(lines: list[Line]) -> _Layout:
    if not lines:
        return _Layout(0.0, float("inf"), False)
    left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
    right = Counter(round(ln.x1) for ln in lines).most_common(1)[0][0]
    indents = sum(1 for ln in lines if left + INDENT * ln.size < ln.x0 <= left + MAX_INDENT * ln.size)
    return _Layout(left, right, indents >= MIN_INDENTED)


def _starts_paragraph(previous: Line, line: Line, layout: _Layout) -> bool:
    """An indented or numbered line, or one after a line that stops short; a table row printed in columns is a
    paragraph of its own. After a line ending in 。：； only in text that does not indent its paragraphs:
    where it does, a sentence may well end at the margin."""
    return (line.x0 > layout.left + INDENT * line.size or starts_with_heading_number(line.text) or line.columns or previous.columns
            or previous.x1 < layout.right - SHORT_LINE * previous.size
            or not layout.indented and previous.text.endswith(_PARAGRAPH_END))


def _join_lines(lines: list[Line]) -> str:
    """A paragraph's lines joined: no space at a line break, except between two Latin words or numbers."""
    text = lines[0].text
    for line in lines[1:]:
        latin = text[-1:].isascii() and text[-1:].isalnum() and line.text[:1].isascii() and line.text[:1].isalnum()
        text += (" " if latin else "") + line.text
    return text


# 6. Unruled tables --------------------------------------------------------------------------------------


def _unruled_tables(lines: list[Line]) -> list[Message]:
    """A warning per page whose free text prints template rows: a row label followed by its numbers."""
    row_labels = vocabulary().folded_labels("row")
    found: dict[int, list[str]] = {}
    for line in lines:
        numbers = _TRAILING_NUMBERS.search(line.text)
        if numbers and normalize_label(line.text[: numbers.start()]) in row_labels:
            found.setdefault(line.page, []).append(line.text[: numbers.start()].strip())
    return [Message("pdf_table_not_ruled", f"page {page} prints template rows as text outside any ruled table "
                    f"({', '.join(repr(label) for label in labels[:3])} …); they are kept as paragraphs, no cells are made",
                    where(page=page)) for page, labels in found.items() if len(labels) >= _MIN_ROW_LINES]
