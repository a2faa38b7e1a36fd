"""w:tbl → model.Table, reading the cell XML directly (ECMA-376 §17.4).

Each merged cell is emitted once at its anchor: horizontal spans from w:gridSpan (and legacy w:hMerge),
vertical spans by folding w:vMerge continuation cells into the open cell above (a w:vMerge without w:val
means "continue", §17.4.85). Rows start late or end early with w:gridBefore/w:gridAfter. Deleted rows
(w:trPr/w:del, §17.13.5.12) are skipped; tracked insertions are ordinary content.
"""
from __future__ import annotations

from lxml import etree

from ..model import Cell, Message, Table
from .ooxml import TRANSPARENT, W, block_text

_VAL = W + "val"
_TC, _TC_PR, _DEL = W + "tc", W + "tcPr", W + "del"
_GRID_SPAN, _VMERGE, _HMERGE = W + "gridSpan", W + "vMerge", W + "hMerge"
_GRID_BEFORE, _GRID_AFTER = W + "gridBefore", W + "gridAfter"


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


def read_table(tbl: etree._Element, index: int, block: int) -> tuple[Table, list[Message]]:
    """The table's cells with their spans, and warnings for merges that do not line up."""
    cells: list[_OpenCell] = []
    messages: list[Message] = []
    above: dict[int, _OpenCell] = {}  # grid column → cell whose bottom edge is the previous row
    width = 0
    r = 0
    for tr in _children(tbl, W + "tr"):
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
                                                f"table {index}, row {r}, column {col}"))
                    col += span
                    continue
                messages.append(Message("merge_mismatch", "a vertically merged cell does not line up with the cell above; "
                                        "read as a cell of its own", f"table {index}, row {r}, column {col}"))
            cell = _OpenCell(r, col, text, span)
            cells.append(cell)
            row_cells.append(cell)
            col += span
        for cell in row_cells:
            above[cell.col] = cell
        width = max(width, col + after)
        r += 1
    if width == 0:
        width = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
    return Table(index, block, r, width, tuple(c.freeze() for c in cells)), messages
