"""w:tbl → model.Table, reading the cell XML directly (ECMA-376 §17.4).

Each merged cell is emitted once at its anchor: horizontal spans from w:gridSpan (and legacy w:hMerge),
vertical spans by folding w:vMerge continuation cells into the open cell above (a w:vMerge without w:val
means "continue", §17.4.85). Rows start late or end early with w:gridBefore/w:gridAfter. Deleted rows
(w:trPr/w:del, §17.13.5.12) are skipped; tracked insertions are ordinary content.

Layout tables (`is_layout`). Some reports put the whole body, or each section, in a frame table: a 1×1 table
holding every paragraph, or a 1×N / N×1 table whose cells hold paragraphs and the real tables. The body reader
walks such a table's cells as blocks instead of reading it as data. A w:tbl is a layout table when
  - the tables nested in its cells have more cells, together, than it has itself (a frame around tables; a data
    table with a small table in one cell keeps it as that cell's text), or
  - it has one column (no row holds two w:tc) and its cells hold three or more non-empty paragraphs, or one
    of over 300 characters (a frame around text; the template's tables have up to 9 columns and short labels), or
  - none of its cells holds any text but some hold pictures (a frame around images).
Anything else is data, and every template table is: it has several columns and no nested tables.

Split tables (`continues`). A table cut into several w:tbl (one per page, or one per row, as some converters
and hand edits leave it) is read as one: consecutive w:tbl with nothing between them but empty paragraphs
(page and section breaks included) are pieces of one table when
  - their grids agree: the same number of w:gridCol, each width within 10% (or 30 twips) of the first piece's
    (when a piece has no widths, the last row of the table so far and the new piece's first row must span the
    same number of grid columns), and
  - the new piece does not open by repeating the table's first row (a table of its own with the same header).
The pieces' rows are then read as one table, so a w:vMerge continuing across a cut is one merged cell. A
heading, a caption or any text between two tables keeps them apart.
"""
from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from lxml import etree

from ..model import Cell, Message, Table, where
from .ooxml import BLIP, IMAGEDATA, TRANSPARENT, W, block_text, paragraph_text

_VAL = W + "val"
_TC, _TC_PR, _DEL = W + "tc", W + "tcPr", W + "del"
_GRID_SPAN, _VMERGE, _HMERGE = W + "gridSpan", W + "vMerge", W + "hMerge"
_GRID_BEFORE, _GRID_AFTER = W + "gridBefore", W + "gridAfter"
_TBL, _TR, _P, _T, _GRID_COL, _W = W + "tbl", W + "tr", W + "p", W + "t", W + "gridCol", W + "w"
_LAYOUT_PARAGRAPHS, _LAYOUT_CHARS = 3, 300  # a one-column table holding this much text is a frame
_GRID_SLACK, _GRID_SHARE = 30, 0.1  # gridCol widths (twips) of two pieces of one table differ by at most this


class _OpenCell:
    __slots__ = ("row", "col", "text", "row_span", "col_span")

    def __init__(self, row: int, col: int, text: str, col_span: int):
        self.row, self.col, self.text, self.row_span, self.col_span = row, col, text, 1, col_span

    def freeze(self) -> Cell:
        return Cell(self.row, self.col, self.text, self.row_span, self.col_span)


def _children(element: etree._Element, tag: str):
    """Direct children with `tag`, looking through content controls and custom XML wrappers."""
    stack = [iter(element)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == tag:
            yield child
        elif child.tag in TRANSPARENT:
            stack.append(iter(child))


def _int_value(node: etree._Element, default: int) -> int:
    try:
        return max(int(node.get(_VAL)), 0)
    except (TypeError, ValueError):
        return default


def _row_grid(tr_pr: etree._Element | None) -> tuple[bool, int, int]:
    """(deleted, gridBefore, gridAfter) of a row."""
    deleted, before, after = False, 0, 0
    if tr_pr is not None:
        for child in tr_pr:
            if child.tag == _DEL:
                deleted = True
            elif child.tag == _GRID_BEFORE:
                before = _int_value(child, 0)
            elif child.tag == _GRID_AFTER:
                after = _int_value(child, 0)
    return deleted, before, after


def _cell_properties(tc: etree._Element) -> tuple[int, str | None, str | None]:
    """(gridSpan, vMerge, hMerge) of a cell; a merge without w:val means "continue" (§17.4.85)."""
    span, vmerge, hmerge = 1, None, None
    tc_pr = tc.find(_TC_PR)
    if tc_pr is not None:
        for child in tc_pr:
            tag = child.tag
            if tag == _GRID_SPAN:
                span = max(_int_value(child, 1), 1)
            elif tag == _VMERGE:
                vmerge = "restart" if child.get(_VAL) == "restart" else "continue"
            elif tag == _HMERGE:
                hmerge = "restart" if child.get(_VAL) == "restart" else "continue"
    return span, vmerge, hmerge


def _logical_cells(tr: etree._Element) -> list[tuple[etree._Element, int, str | None]]:
    """(w:tc, grid span, vMerge) per cell of a row, legacy w:hMerge continuations folded into the cell before them."""
    out: list[tuple[etree._Element, int, str | None]] = []
    for tc in _children(tr, _TC):
        span, vmerge, hmerge = _cell_properties(tc)
        if hmerge == "continue" and out:
            first, width, first_vmerge = out[-1]
            out[-1] = (first, width + span, first_vmerge)
        else:
            out.append((tc, span, vmerge))
    return out


def read_table(pieces: Sequence[etree._Element], index: int, block: int) -> tuple[Table, list[Message]]:
    """The cells, with their spans, of a table given as its w:tbl pieces (usually one), and warnings for merges
    that do not line up."""
    cells: list[_OpenCell] = []
    messages: list[Message] = []
    above: dict[int, _OpenCell] = {}  # grid column → cell whose bottom edge is the previous row
    width = 0
    r = 0
    for tr in (tr for tbl in pieces for tr in _children(tbl, _TR)):
        deleted, col, after = _row_grid(tr.find(W + "trPr"))
        if deleted:
            continue
        row_cells: list[_OpenCell] = []
        for tc, span, vmerge in _logical_cells(tr):
            text = block_text(tc)
            anchor = above.get(col)
            if vmerge == "continue":
                if anchor is not None and anchor.col_span == span and anchor.row + anchor.row_span == r:
                    anchor.row_span += 1
                    row_cells.append(anchor)
                    if text.strip():
                        messages.append(Message("merged_cell_text", f"text {text.strip()!r} inside a merged cell ignored, as Word does",
                                                where(table=index, row=r, column=col)))
                    col += span
                    continue
                messages.append(Message("merge_mismatch", "a vertically merged cell does not line up with the cell above; "
                                        "read as a cell of its own", where(table=index, row=r, column=col)))
            cell = _OpenCell(r, col, text, span)
            cells.append(cell)
            row_cells.append(cell)
            col += span
        for cell in row_cells:
            above[cell.col] = cell
        width = max(width, col + after)
        r += 1
    if width == 0:
        width = len(pieces[0].findall(f"{W}tblGrid/{W}gridCol"))
    return Table(index, block, r, width, tuple(c.freeze() for c in cells)), messages


def is_layout(tbl: etree._Element, pictures: bool) -> bool:
    """Whether a w:tbl frames the page rather than holding data (module docstring). `pictures`: whether the
    document shows any picture at all (a table holding nothing but pictures is looked for only then)."""
    if next(tbl.iterdescendants(_TBL), None) is not None:
        own = sum(1 for tr in _children(tbl, _TR) for _ in _children(tr, _TC))
        if sum(1 for _ in tbl.iter(_TC)) > 2 * own:  # the nested tables' cells (all but its own) outnumber its own
            return True
    if not any(next(islice(_children(tr, _TC), 1, None), None) is not None for tr in _children(tbl, _TR)):  # one column
        texts = [text for tr in _children(tbl, _TR) for tc in _children(tr, _TC) for p in _children(tc, _P)
                 if (text := paragraph_text(p).strip())]
        if len(texts) >= _LAYOUT_PARAGRAPHS or any(len(text) > _LAYOUT_CHARS for text in texts):
            return True
    if pictures and not any(t.text and t.text.strip() for t in tbl.iter(_T)):
        return next(tbl.iter(BLIP, IMAGEDATA), None) is not None
    return False


def continues(pieces: Sequence[etree._Element], tbl: etree._Element) -> bool:
    """Whether `tbl` carries on the table read so far as `pieces` (module docstring)."""
    grid, new_grid = _grid(pieces[0]), _grid(tbl)
    head, new_head = _first_row(pieces[0]), _first_row(tbl)
    if new_head is None or head is None:
        return False
    if grid and new_grid and None not in grid and None not in new_grid:
        if len(grid) != len(new_grid) or any(abs(a - b) > max(_GRID_SLACK, _GRID_SHARE * a) for a, b in zip(grid, new_grid)):
            return False
    elif _row_width(list(_children(pieces[-1], _TR))[-1]) != _row_width(new_head):
        return False
    texts = [block_text(tc) for tc in _children(head, _TC)]
    return not any(t.strip() for t in texts) or texts != [block_text(tc) for tc in _children(new_head, _TC)]


def _grid(tbl: etree._Element) -> list[int | None]:
    widths = []
    for col in tbl.iterfind(f"{W}tblGrid/{_GRID_COL}"):
        try:
            widths.append(int(col.get(_W)))
        except (TypeError, ValueError):
            widths.append(None)
    return widths


def _first_row(tbl: etree._Element) -> etree._Element | None:
    return next(_children(tbl, _TR), None)


def _row_width(tr: etree._Element) -> int:
    """Grid columns a row spans, gridBefore and gridAfter included."""
    _, before, after = _row_grid(tr.find(W + "trPr"))
    return before + sum(span for _, span, _ in _logical_cells(tr)) + after
