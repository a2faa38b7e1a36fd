"""HTML's table model: rows as a browser shows them (<thead> first, <tfoot> last), each cell placed at the first free
slot of its row with its rowspan/colspan, absurd spans read as single cells (a hostile page cannot blow up the grid)."""
from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from ..model import Cell, Message, Table, where

_MAX_SPAN = 1000  # larger rowspan/colspan values are mistakes (HTML caps colspan at 1000 too)
_SPAN_BUDGET = 1_000_000  # grid slots covered by multi-row cells in one table, beyond which spans are ignored
_DIGITS = re.compile(r"\s*(\d+)")
_CELLS = ("td", "th")


def _rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows as a browser shows them: <thead> rows first, <tfoot> rows last, the rest in order."""
    groups: dict[str, list[etree._Element]] = {"thead": [], "tbody": [], "tfoot": []}
    for child in table:
        if child.tag == "tr":
            groups["tbody"].append(child)
        elif child.tag in groups:
            groups[child.tag].extend(child.iterchildren("tr"))
    return groups["thead"] + groups["tbody"] + groups["tfoot"]


def _span(value: str | None, zero: int) -> int | None:
    """A rowspan/colspan attribute: 1 when absent or unreadable, `zero` for 0, None when absurd (over 1000)."""
    match = _DIGITS.match(value) if value else None
    if match is None:
        return 1
    span = int(match.group())
    return None if span > _MAX_SPAN else span or zero


def read_table(table: etree._Element, index: int, block: int, cell_text: Callable[[etree._Element], str]) -> tuple[Table, list[Message]]:
    """The table's cells at their anchors with their spans, placed as HTML's table model places them; each cell's
    text is `cell_text(td)`."""
    rows = [[cell for cell in tr if cell.tag in _CELLS] for tr in _rows(table)]
    messages: list[Message] = []
    busy: dict[int, int] = {}  # column → first row not covered by a multi-row cell above
    budget = _SPAN_BUDGET
    cells: list[Cell] = []
    for r, row in enumerate(rows):
        c = 0
        for td in row:
            while busy.get(c, 0) > r:
                c += 1
            row_span, col_span = _span(td.get("rowspan"), len(rows) - r), _span(td.get("colspan"), 1)
            if row_span is not None:
                row_span = min(row_span, len(rows) - r)  # a span running past the last row stops there
            if row_span is None or col_span is None or (row_span > 1 and row_span * col_span > budget):
                if not messages:  # the first such cell of the table is warned about, not every one of a hostile page
                    messages.append(Message("absurd_span", f"rowspan={td.get('rowspan')} colspan={td.get('colspan')} is "
                                            "beyond reason; read as a single cell", where(table=index, row=r, column=c)))
                row_span = col_span = 1
            if row_span > 1:
                budget -= row_span * col_span
                busy.update(dict.fromkeys(range(c, c + col_span), r + row_span))
            cells.append(Cell(r, c, cell_text(td), row_span, col_span))
            c += col_span
    n_cols = max((cell.col + cell.col_span for cell in cells), default=0)
    return Table(index, block, len(rows), n_cols, tuple(cells)), messages
