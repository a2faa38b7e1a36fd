"""The geometry of a PDF page for the PDF reader: characters into lines, visible rules into ruled tables.

Steps 2–4 of readers/pdf.py's list: which drawn objects rule a table (white paint and filled backgrounds do
not), the grid of each table with its cells' spans and text, and tables joined across page breaks.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ..grammar import NUMBER, starts_with_heading_number
from ..model import Cell, Table

# Tolerances, in PDF points (1/72 inch) unless said otherwise.
SNAP = 3.0  # cell edges closer than this are one grid line
RULE_WIDTH = 2.0  # a filled rectangle at most this thick is a drawn rule, wider ones are backgrounds
LINE_TOLERANCE = 0.5  # characters whose vertical centres differ by less than this × font size share a line
WORD_GAP = 0.25  # a horizontal gap wider than this × font size between characters is a space
COLUMN_GAP = 2.0  # …and one wider than this separates columns
VERTICAL_LINES = 3  # a cell of at least this many lines of one character each (one may have two) is vertical writing

_WIDE = r"[\u2014-\u2026\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"  # CJK, CJK punctuation, full width
_SPACE_BY_WIDE = re.compile(rf" +(?={_WIDE})|(?<={_WIDE}) +")
_NUMBER = re.compile(rf"^{NUMBER}$")



@dataclass(frozen=True, slots=True)
class Char:
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
class Page:
    """What is read of one page through pdfplumber; everything after works on these."""

    number: int
    height: float
    chars: tuple[Char, ...]
    rules: tuple[tuple[float, float, float], ...]  # visible horizontal rules: (y, x0, x1)
    tables: tuple[tuple[tuple[float, float, float, float], ...], ...]  # per table, its cells' (x0, top, x1, bottom)
    images: bool = False  # the page paints an image (a scan, when it has no characters)


@dataclass(slots=True)
class Line:
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
    source: tuple = ()  # how the cell was read, for its record's source (readers/ocr.py: ocr, confidence, doubt)


@dataclass(slots=True)
class Grid:
    """A ruled table, on one page or joined across pages."""

    page: int
    last_page: int
    top: float
    bottom: float
    xs: list[float]  # column edges
    n_rows: int
    boxes: list[_Box] = field(default_factory=list)


# 2. Ruling ----------------------------------------------------------------------------------------------


def _is_white(color) -> bool:
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not color or not all(isinstance(v, (int, float)) for v in color):
        return False  # unset (black by default) or a pattern
    return all(v == 0 for v in color) if len(color) == 4 else all(v >= 0.95 for v in color)  # CMYK or gray/RGB


def visible(obj: dict) -> bool:
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


def closing_rules(edges: list[dict]) -> list[dict]:
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


def ruled_table(page: Page, cells) -> Grid:
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
    return Grid(page.number, page.number, ys[0], ys[-1], xs, len(ys) - 1, boxes)


def _snap(values: list[float]) -> list[float]:
    return [sum(group) / len(group) for group in _clusters(values, float)]


def _nearest(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def text_lines(chars) -> list[list[Char]]:
    """Characters grouped into lines (top to bottom), each left to right."""
    lines: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: (c.middle, c.x0)):
        if lines and abs(ch.middle - lines[-1][0].middle) <= LINE_TOLERANCE * min(ch.size, lines[-1][0].size):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _line_text(line: list[Char]) -> str:
    return " ".join(line_segments(line))


def line_segments(line: list[Char]) -> list[str]:
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
    lines = [t for t in (_line_text(line) for line in text_lines(chars)) if t]
    return "".join(lines) if _vertical(lines) else "\n".join(lines)


def _vertical(lines: list[str]) -> bool:
    wide = [t for t in lines if re.fullmatch(f"{_WIDE}{{1,2}}", t)]
    return len(lines) >= VERTICAL_LINES and len(wide) == len(lines) and sum(len(t) == 2 for t in lines) <= 1


# 4. Continuations ---------------------------------------------------------------------------------------


def join_continuations(grids: list[Grid], lines: list[Line]) -> list[Grid]:
    """The tables, each joined with the parts it continues in on the following pages."""
    joined: list[Grid] = []
    for grid in grids:
        if joined and _continues(joined[-1], grid, lines):
            _append(joined[-1], grid)
        else:
            joined.append(grid)
    return joined


def _continues(table: Grid, part: Grid, lines: list[Line]) -> bool:
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


def _append(table: Grid, part: Grid) -> None:
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


def _row_texts(grid: Grid, row: int) -> tuple[str, ...]:
    return tuple("".join(b.text.split()) for b in grid.boxes if b.row == row)


def _repeated_header(table: Grid, part: Grid) -> int:
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


def _rejoin_cut_cells(table: Grid, boxes: list[_Box]) -> list[_Box]:
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
    return not below.text or (starts_with_heading_number(above.text) and not starts_with_heading_number(below.text))


def to_table(grid: Grid, index: int, block: int) -> Table:
    """The model table: grid rows and columns where some cell starts (a rejoined cut leaves none in its row)."""
    rows = sorted({b.row for b in grid.boxes})
    cols = sorted({_nearest(grid.xs, b.x0) for b in grid.boxes})
    cells = []
    for b in grid.boxes:
        r0, r1 = bisect_left(rows, b.row), bisect_left(rows, b.row + b.row_span)
        c0, c1 = bisect_left(cols, _nearest(grid.xs, b.x0)), bisect_left(cols, _nearest(grid.xs, b.x1))
        cells.append(Cell(r0, c0, b.text, max(r1 - r0, 1), max(c1 - c0, 1), b.page, b.source))
    cells.sort(key=lambda c: (c.row, c.col))
    return Table(index, block, len(rows), len(cols), tuple(cells))


