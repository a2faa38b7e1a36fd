"""Read a PDF report's text layer into the document model with pdfplumber: paragraphs and ruled tables.

1. Open. A password-protected file is `encrypted`, one pdfminer cannot parse is `corrupt_pdf`; a file
   with (almost) no characters is a scan, `no_text_layer` — extractor does not OCR.
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
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from ..errors import ExtractorError
from ..model import Block, Cell, Message, Paragraph, Table
from ..segment.patterns import HEADING_STYLES

# Tolerances, in PDF points (1/72 inch) unless said otherwise.
SNAP = 3.0  # cell edges closer than this are one grid line
RULE_WIDTH = 2.0  # a filled rectangle at most this thick is a drawn rule, wider ones are backgrounds
LINE_TOLERANCE = 0.5  # characters whose vertical centres differ by less than this × font size share a line
WORD_GAP = 0.25  # a horizontal gap wider than this × font size between characters is a space
COLUMN_GAP = 2.0  # …and one wider than this separates columns
MARGIN_BAND = 0.08  # running headers and footers sit in this fraction of the page height at top and bottom
INDENT = 1.0  # a line starting this many font sizes right of the left margin starts a paragraph
MAX_INDENT = 3.0  # …and at most this many: a first-line indent, not a centred line
MIN_INDENTED = 3  # lines indented so before the text counts as indenting its paragraphs
SHORT_LINE = 2.0  # a line ending this many font sizes before the right margin ends its paragraph
MIN_CHARS_PER_PAGE = 20  # fewer characters than this per page on average: a scan without a text layer
VERTICAL_LINES = 3  # a cell of at least this many lines of one character each (one may have two) is vertical writing
RUNNING_SHARE = 0.5  # a margin line printed on at least this share of the pages (and two) is a running header

_WIDE = r"[\u2014-\u2026\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"  # CJK, CJK punctuation, full width
_SPACE_BY_WIDE = re.compile(rf" +(?={_WIDE})|(?<={_WIDE}) +")
_PAGE_NUMBER = re.compile(r"^[\s\-－—–_·•]*(?:第\s*\d+\s*页(?:\s*[，,/／]?\s*共\s*\d+\s*页)?|\d+\s*[/／]\s*\d+|\d+)[\s\-－—–_·•]*$")
_PARAGRAPH_END = ("。", "：", "；", ":", ";", "！", "？", "!", "?")
_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_TRAILING_NUMBERS = re.compile(r"(?:\s*[-+]?\d[\d,]*(?:\.\d+)?)+\s*$")
_MIN_ROW_LINES = 2  # template rows printed as text on a page before it is warned about


@dataclass(frozen=True, slots=True)
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class _Page:
    """What is read of one page through pdfplumber; everything after works on these."""

    number: int
    height: float
    chars: tuple[_Char, ...]
    rules: tuple[tuple[float, float, float], ...]  # visible horizontal rules: (y, x0, x1)
    tables: tuple[tuple[tuple[float, float, float, float], ...], ...]  # per table, its cells' (x0, top, x1, bottom)


@dataclass(slots=True)
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str
    columns: bool = False  # printed in columns: a row of a table without rules


@dataclass(slots=True)
class _Box:
    """A cell while its table is assembled: x extent on the page, grid rows, and whether a rule closes it."""

    x0: float
    x1: float
    row: int
    row_span: int
    text: str
    page: int
    open_top: bool
    open_bottom: bool


@dataclass(slots=True)
class _Grid:
    """A ruled table, on one page or joined across pages."""

    page: int
    last_page: int
    top: float
    bottom: float
    xs: list[float]  # column edges
    n_rows: int
    boxes: list[_Box] = field(default_factory=list)


def read_pdf(data: bytes) -> tuple[list[Block], list[Message]]:
    """Blocks (paragraphs and tables, in reading order) of a PDF given as bytes, and warnings."""
    pages = _read_pages(data)
    _require_text(pages)
    grids: list[_Grid] = []
    lines: list[_Line] = []
    for page in pages:
        page_grids = sorted((_grid(page, cells) for cells in page.tables), key=lambda g: g.top)
        grids.extend(page_grids)
        lines.extend(_body_lines(page, page_grids))
    lines = _drop_running_lines(lines, pages)
    grids = _join_continuations(grids, lines)
    return _blocks(lines, grids), _unruled_tables(lines)


# 1. Open ------------------------------------------------------------------------------------------------


def _read_pages(data: bytes) -> list[_Page]:
    try:
        import pdfplumber
    except ImportError as exc:
        raise ExtractorError("missing_dependency", "reading PDF needs pdfplumber: pip install 'extractor[pdf]'") from exc
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


def _read_page(page) -> _Page:
    """The page's characters, visible horizontal rules and ruled tables (the only pdfplumber calls)."""
    page = page.dedupe_chars().filter(_visible)
    chars = tuple(_Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], max(c["size"], 1.0)) for c in page.chars)
    edges = page.edges
    closing = _closing_rules(edges)
    tables = page.find_tables({"explicit_horizontal_lines": closing}) if edges else []
    rules = tuple((e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h")
    return _Page(page.page_number, float(page.height), chars, rules, tuple(tuple(t.cells) for t in tables))


def _require_text(pages: list[_Page]) -> None:
    chars = [c.text for page in pages for c in page.chars if c.text.strip()]
    readable = sum(1 for t in chars if not t.startswith("(cid:"))
    if readable >= MIN_CHARS_PER_PAGE * len(pages):
        return
    if len(chars) - readable >= MIN_CHARS_PER_PAGE * len(pages):
        raise ExtractorError("no_text_layer", "the PDF's fonts map no characters to text (it extracts as (cid:…)); "
                                              "OCR it first — extractor does not OCR")
    raise ExtractorError("no_text_layer", "the PDF has no text layer (a scanned image); OCR it first — extractor does not OCR")


# 2. Ruling ----------------------------------------------------------------------------------------------


def _is_white(color) -> bool:
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not color or not all(isinstance(v, (int, float)) for v in color):
        return False  # unset (black by default) or a pattern
    return all(v == 0 for v in color) if len(color) == 4 else all(v >= 0.95 for v in color)  # CMYK or gray/RGB


def _visible(obj: dict) -> bool:
    """Keep characters and what draws a rule; drop white paint and filled backgrounds."""
    kind = obj.get("object_type")
    if kind == "line":
        return not _is_white(obj.get("stroking_color"))
    if kind in ("rect", "curve"):
        if obj.get("stroke") and not _is_white(obj.get("stroking_color")):
            return True
        thin = min(obj.get("width", 0), obj.get("height", 0)) <= RULE_WIDTH
        return bool(obj.get("fill")) and thin and not _is_white(obj.get("non_stroking_color"))
    return True


def _closing_rules(edges: list[dict]) -> list[dict]:
    """Horizontal rules across the ends of vertical rules that stop together with no rule across them."""
    verticals = [e for e in edges if e["orientation"] == "v"]
    rules = [(e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h"]
    closing = []
    for end in ("top", "bottom"):
        for group in _clusters(verticals, lambda e, end=end: e[end]):
            if len(group) < 2:
                continue
            y = min(e[end] for e in group) if end == "top" else max(e[end] for e in group)
            x0, x1 = min(e["x0"] for e in group), max(e["x0"] for e in group)
            if not _ruled(rules, y, x0, x1):
                closing.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0})
    return closing


def _clusters(items: list, key) -> list[list]:
    """Items grouped by `key` values that lie within SNAP of their neighbours."""
    groups: list[list] = []
    for item in sorted(items, key=key):
        if groups and key(item) - key(groups[-1][-1]) <= SNAP:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _ruled(rules, y: float, x0: float, x1: float) -> bool:
    """Whether visible horizontal rules at height y cover x0…x1."""
    reach = x0 + SNAP
    for _, a, b in sorted(r for r in rules if abs(r[0] - y) <= SNAP and r[2] > x0 and r[1] < x1):
        if a > reach:
            return False
        reach = max(reach, b)
    return reach >= x1 - SNAP


# 3. Cells and lines -------------------------------------------------------------------------------------


def _grid(page: _Page, cells) -> _Grid:
    """A table of the page: its grid edges, and each cell's rows, text and whether rules close it."""
    xs = _snap([c[0] for c in cells] + [c[2] for c in cells])
    ys = _snap([c[1] for c in cells] + [c[3] for c in cells])
    chars = [c for c in page.chars if xs[0] <= (c.x0 + c.x1) / 2 <= xs[-1] and ys[0] <= c.middle <= ys[-1]]
    boxes = []
    for x0, top, x1, bottom in cells:
        row = _nearest(ys, top)
        inside = [c for c in chars if x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= c.middle <= bottom]
        boxes.append(_Box(x0, x1, row, max(_nearest(ys, bottom) - row, 1), _text(inside), page.number,
                          not _ruled(page.rules, top, x0, x1), not _ruled(page.rules, bottom, x0, x1)))
    boxes.sort(key=lambda b: (b.row, b.x0))
    return _Grid(page.number, page.number, ys[0], ys[-1], xs, len(ys) - 1, boxes)


def _snap(values: list[float]) -> list[float]:
    return [sum(group) / len(group) for group in _clusters(values, float)]


def _nearest(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _text_lines(chars) -> list[list[_Char]]:
    """Characters grouped into lines (top to bottom), each left to right."""
    lines: list[list[_Char]] = []
    for ch in sorted(chars, key=lambda c: (c.middle, c.x0)):
        if lines and abs(ch.middle - lines[-1][0].middle) <= LINE_TOLERANCE * min(ch.size, lines[-1][0].size):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _line_text(line: list[_Char]) -> str:
    return " ".join(_segments(line))


def _segments(line: list[_Char]) -> list[str]:
    """A line's text, cut where a gap wider than COLUMN_GAP separates columns (a table printed without rules);
    narrower gaps are spaces that `tidy` judges."""
    segments, out = [], []
    for before, ch in zip([None, *line], line):
        if before is not None:
            gap, size = ch.x0 - before.x1, min(before.size, ch.size)
            if gap > COLUMN_GAP * size:
                segments.append("".join(out))
                out = []
            elif gap > WORD_GAP * size:
                out.append(" ")
        out.append(ch.text)
    segments.append("".join(out))
    return [t for t in map(tidy, segments) if t]


def tidy(text: str) -> str:
    """Spaces collapsed, and removed next to Chinese characters and full-width punctuation ("2023 年" → "2023年");
    spaces between Latin words and between numbers stay."""
    return _SPACE_BY_WIDE.sub("", " ".join(text.split()))


def _text(chars) -> str:
    """A cell's text: its lines joined by "\\n"; a column of single characters (vertical writing) as one line."""
    lines = [t for t in (_line_text(line) for line in _text_lines(chars)) if t]
    return "".join(lines) if _vertical(lines) else "\n".join(lines)


def _vertical(lines: list[str]) -> bool:
    wide = [t for t in lines if re.fullmatch(f"{_WIDE}{{1,2}}", t)]
    return len(lines) >= VERTICAL_LINES and len(wide) == len(lines) and sum(len(t) == 2 for t in lines) <= 1


def _body_lines(page: _Page, grids: list[_Grid]) -> list[_Line]:
    """Lines of the page's text outside its tables."""
    areas = [(g.xs[0], g.top, g.xs[-1], g.bottom) for g in grids]
    free = [c for c in page.chars
            if not any(x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= c.middle <= bottom for x0, top, x1, bottom in areas)]
    lines = []
    for chars in _text_lines(free):
        segments = _segments(chars)
        if segments:
            size = Counter(round(c.size) for c in chars).most_common(1)[0][0]
            lines.append(_Line(page.number, min(c.top for c in chars), max(c.bottom for c in chars), chars[0].x0,
                               chars[-1].x1, size, " ".join(segments), len(segments) > 1))
    return lines


def _drop_running_lines(lines: list[_Line], pages: list[_Page]) -> list[_Line]:
    """Lines without page numbers and running headers/footers (text repeated in the page margins)."""
    heights = {p.number: p.height for p in pages}

    def in_margin(line: _Line) -> bool:
        band = MARGIN_BAND * heights[line.page]
        return line.bottom <= band or line.top >= heights[line.page] - band

    def shape(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text)

    seen = {(ln.page, shape(ln)) for ln in lines if in_margin(ln)}
    pages_per_shape = Counter(s for _, s in seen)
    repeated = {s for s, n in pages_per_shape.items() if n >= 2 and n >= RUNNING_SHARE * len(pages)}
    return [ln for ln in lines if not (in_margin(ln) and (_PAGE_NUMBER.match(ln.text) or shape(ln) in repeated))]


# 4. Continuations ---------------------------------------------------------------------------------------


def _join_continuations(grids: list[_Grid], lines: list[_Line]) -> list[_Grid]:
    """The tables, each joined with the parts it continues in on the following pages."""
    joined: list[_Grid] = []
    for grid in grids:
        if joined and _continues(joined[-1], grid, lines):
            _append(joined[-1], grid)
        else:
            joined.append(grid)
    return joined


def _continues(table: _Grid, part: _Grid, lines: list[_Line]) -> bool:
    """Whether `part` goes on with `table`: it starts the next page, the table ends its page, same columns."""
    if part.page != table.last_page + 1:
        return False
    if any(ln.page == table.last_page and ln.top > table.bottom or ln.page == part.page and ln.bottom < part.top for ln in lines):
        return False
    a, b = table.xs, part.xs
    if abs(a[0] - b[0]) > SNAP or abs(a[-1] - b[-1]) > SNAP:
        return False
    return _within(a, b) or _within(b, a)


def _within(xs: list[float], ys: list[float]) -> bool:
    return all(any(abs(x - y) <= SNAP for y in ys) for x in xs)


def _append(table: _Grid, part: _Grid) -> None:
    """Add `part` below `table`: without the header rows it repeats, its cut cells rejoined with those above."""
    drop = _repeated_header(table, part)
    boxes = [b for b in part.boxes if b.row >= drop]
    for box in boxes:
        box.row -= drop
    if not drop:
        boxes = _rejoin_cut_cells(table, boxes)
    for box in boxes:
        box.row += table.n_rows
    table.boxes.extend(boxes)
    table.n_rows += part.n_rows - drop
    table.xs = _snap(table.xs + part.xs)
    table.last_page, table.bottom = part.page, part.bottom


def _row_texts(grid: _Grid, row: int) -> tuple[str, ...]:
    return tuple("".join(b.text.split()) for b in grid.boxes if b.row == row)


def _repeated_header(table: _Grid, part: _Grid) -> int:
    """How many leading rows of `part` repeat the table's leading rows (texts only, no numbers)."""
    count = 0
    while count < min(part.n_rows, table.n_rows):
        texts = _row_texts(part, count)
        if not any(texts) or texts != _row_texts(table, count) or any(_NUMBER.match(t) for t in texts):
            break
        count += 1
    while count and any(b.row < count < b.row + b.row_span for b in part.boxes):
        count -= 1  # never cut a cell that reaches below the repeated rows
    return count


def _rejoin_cut_cells(table: _Grid, boxes: list[_Box]) -> list[_Box]:
    """The boxes of a continuation, less those that are the rest of a cell the page break cut (which grows)."""
    last = [b for b in table.boxes if b.row + b.row_span == table.n_rows]
    labels_end = min((b.x0 for b in (*table.boxes, *boxes) if _NUMBER.match(b.text)), default=float("inf"))
    kept = []
    for box in boxes:
        above = next((b for b in last if abs(b.x0 - box.x0) <= SNAP and abs(b.x1 - box.x1) <= SNAP), None)
        if box.row == 0 and above is not None and _cut(above, box, labels_end):
            above.row_span += box.row_span
            above.text = "\n".join(t for t in (above.text, box.text) if t)
            above.open_bottom = box.open_bottom
        else:
            kept.append(box)
    return kept


def _cut(above: _Box, below: _Box, labels_end: float) -> bool:
    """Whether `below`, atop a continuation, is the rest of `above`: no rule was drawn at the cut, or it is a
    row label column where the cell goes on blank or with the rest of a numbered label (（四）无 / 法提供)."""
    if above.open_bottom and below.open_top:
        return True
    if below.x1 > labels_end + SNAP or not above.text or _NUMBER.match(above.text):
        return False
    return not below.text or (_numbered(above.text) and not _numbered(below.text))


def _numbered(text: str) -> bool:
    return any(pattern.match(text) for _, _, pattern in HEADING_STYLES)


# 5. Paragraphs and blocks -------------------------------------------------------------------------------


def _blocks(lines: list[_Line], grids: list[_Grid]) -> list[Block]:
    """Paragraphs and tables in page order."""
    layout = _layout(lines)
    items = sorted([(ln.page, ln.top, ln) for ln in lines] + [(g.page, g.top, g) for g in grids], key=lambda i: i[:2])
    blocks: list[Block] = []
    current: list[_Line] = []
    n_tables = 0
    for _, _, item in items:
        if isinstance(item, _Line) and not (current and _starts_paragraph(current[-1], item, layout)):
            current.append(item)
            continue
        if current:
            blocks.append(Paragraph(_join_lines(current), len(blocks)))
            current = []
        if isinstance(item, _Line):
            current.append(item)
        else:
            blocks.append(_table(item, n_tables, len(blocks)))
            n_tables += 1
    if current:
        blocks.append(Paragraph(_join_lines(current), len(blocks)))
    return blocks


@dataclass(frozen=True, slots=True)
class _Layout:
    left: float  # where most lines start
    right: float  # where most lines end
    indented: bool  # paragraphs start with an indented line (the Chinese norm: two characters)


def _layout(lines: list[_Line]) -> _Layout:
    if not lines:
        return _Layout(0.0, float("inf"), False)
    left = Counter(round(ln.x0) for ln in lines).most_common(1)[0][0]
    right = Counter(round(ln.x1) for ln in lines).most_common(1)[0][0]
    indents = sum(1 for ln in lines if left + INDENT * ln.size < ln.x0 <= left + MAX_INDENT * ln.size)
    return _Layout(left, right, indents >= MIN_INDENTED)


def _starts_paragraph(previous: _Line, line: _Line, layout: _Layout) -> bool:
    """An indented or numbered line, or one after a line that stops short; a table row printed in columns is a
    paragraph of its own. After a line ending in 。：； only in text that does not indent its paragraphs:
    where it does, a sentence may well end at the margin."""
    return (line.x0 > layout.left + INDENT * line.size or _numbered(line.text) or line.columns or previous.columns
            or previous.x1 < layout.right - SHORT_LINE * previous.size
            or not layout.indented and previous.text.endswith(_PARAGRAPH_END))


def _join_lines(lines: list[_Line]) -> str:
    """A paragraph's lines joined: no space at a line break, except between two Latin words or numbers."""
    text = lines[0].text
    for line in lines[1:]:
        latin = text[-1:].isascii() and text[-1:].isalnum() and line.text[:1].isascii() and line.text[:1].isalnum()
        text += (" " if latin else "") + line.text
    return text


def _table(grid: _Grid, index: int, block: int) -> Table:
    """The model table: grid rows and columns where some cell starts (a rejoined cut leaves none in its row)."""
    rows = sorted({b.row for b in grid.boxes})
    cols = sorted({_nearest(grid.xs, b.x0) for b in grid.boxes})
    cells = []
    for b in grid.boxes:
        r0, r1 = bisect_left(rows, b.row), bisect_left(rows, b.row + b.row_span)
        c0, c1 = bisect_left(cols, _nearest(grid.xs, b.x0)), bisect_left(cols, _nearest(grid.xs, b.x1))
        cells.append(Cell(r0, c0, b.text, max(r1 - r0, 1), max(c1 - c0, 1), b.page))
    cells.sort(key=lambda c: (c.row, c.col))
    return Table(index, block, len(rows), len(cols), tuple(cells))


# 6. Unruled tables --------------------------------------------------------------------------------------


def _unruled_tables(lines: list[_Line]) -> list[Message]:
    """A warning per page whose free text prints template rows: a row label followed by its numbers."""
    from ..template.labels import normalize_label, vocabulary

    row_labels = {label for (_, axis, label) in vocabulary().lookup if axis == "row"}
    found: dict[int, list[str]] = {}
    for line in lines:
        numbers = _TRAILING_NUMBERS.search(line.text)
        if numbers and normalize_label(line.text[: numbers.start()]) in row_labels:
            found.setdefault(line.page, []).append(line.text[: numbers.start()].strip())
    return [Message("pdf_table_not_ruled", f"page {page} prints template rows as text outside any ruled table "
                    f"({', '.join(repr(label) for label in labels[:3])} …); they are kept as paragraphs, no cells are made",
                    f"page {page}") for page, labels in found.items() if len(labels) >= _MIN_ROW_LINES]
