"""Rebuild a spanned grid from ragged rows: tables whose export kept one entry per cell but lost the spans.

Flattened text (one TAB line per Word cell) says how many cells a row had, not how wide each was. The
rules below are written for the statistical tables of these reports and are all local and explainable:

1. A row with as many cells as the widest row is one cell per column; a one-cell row spans the table.
2. A *data row* is label cells followed by a run of value-like cells (numbers, "/", blanks). A row with the
   cell count of the row above copies its spans (a value under a wide header stays as wide). Otherwise its
   labels cover the label columns (as many as the most label cells any data row has) and its values the
   rest, one column each, the last label and the last value widening to fill (本年增/减 over two columns).
3. A *header row* starts with the corner cell over the label columns (as wide as the most label cells any
   data row has). Its other cells are placed over the row below: an empty cell below is the continuation
   of exactly one cell above it (a vertical merge); a run of filled cells below is shared by the cells
   above that head it, split where the width of the cells below changes, else evenly.
4. Empty cells in header rows or in the label part of data rows that sit exactly under a cell of the same
   width are vertical continuations of it and fold into it. Empty cells among the values stay blank cells.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..grammar import AMOUNT_UNITS, COUNT_UNITS, NA_TOKENS
from ..model import Cell

# A number, with one of the units a value cell may print (元 as well: a plain amount is a value too).
_NUMBER = re.compile(rf"[-+]?\d[\d,.]*\s*(?:{'|'.join((*COUNT_UNITS, *AMOUNT_UNITS, '元'))})?")


@lru_cache(maxsize=4096)
def _value_like(text: str) -> bool:
    """A blank, a number or a "not applicable" token (compared folded to half width, as template/values.py does)."""
    folded = unicodedata.normalize("NFKC", text.strip())
    return not folded or folded.lower() in NA_TOKENS or bool(_NUMBER.fullmatch(folded))


def _data_label_count(row: list[str]) -> int | None:
    """Number of label cells if the row is a data row, else None (header or blank row)."""
    if not any(cell.strip() for cell in row):
        return 0  # a blank row is data whose cells are all blank
    split = len(row)
    while split > 0 and _value_like(row[split - 1]):
        split -= 1
    values = row[split:]
    if any(v.strip() for v in values) or (len(values) >= 2 and split > 0):
        return split
    return None


def _ones(n: int) -> list[int]:
    return [1] * n


def _widen_last(n_cells: int, width: int) -> list[int]:
    return _ones(n_cells - 1) + [width - n_cells + 1]


def _split_evenly(widths: list[int], parts: int) -> list[int]:
    """Group consecutive widths into `parts` groups: at changes of width if that gives `parts`, else evenly."""
    groups: list[list[int]] = []
    for w in widths:
        if groups and groups[-1][-1] == w:
            groups[-1].append(w)
        else:
            groups.append([w])
    if len(groups) == parts:
        return [sum(g) for g in groups]
    size, extra = divmod(len(widths), parts)
    out, start = [], 0
    for i in range(parts):
        n = size + (1 if i >= parts - extra else 0)
        out.append(sum(widths[start:start + n]))
        start += n
    return out


def _header_spans(n_cells: int, width: int, label_width: int, below: list[tuple[str, int]] | None) -> list[int] | None:
    corner = [label_width] if label_width and n_cells > 1 else []
    rest, area = n_cells - len(corner), width - sum(corner)
    if rest == area:
        return corner + _ones(rest)
    if rest == 1:
        return corner + [area]
    if below is None:
        return None
    # The cells below, past the corner: an empty one continues one cell above; filled neighbours form a run.
    segments: list[tuple[bool, list[int]]] = []  # (is_continuation, widths)
    col = 0
    for text, w in below:
        if col >= sum(corner):
            filled = bool(text.strip())
            if filled and segments and not segments[-1][0]:
                segments[-1][1].append(w)
            else:
                segments.append((not filled, [w]))
        col += w
    runs = [widths for is_cont, widths in segments if not is_cont]
    extra = rest - len(segments)
    if extra < 0 or (extra and not runs):
        return None
    shares = [1] * len(runs)
    for i in range(extra):  # the cells above beyond one per segment head the widest runs
        shares[sorted(range(len(runs)), key=lambda j: -len(runs[j]))[i % len(runs)]] += 1
    spans, run_index = list(corner), 0
    for is_cont, widths in segments:
        if is_cont:
            spans.append(widths[0])
        elif shares[run_index] > len(widths):
            return None
        else:
            spans.extend(_split_evenly(widths, shares[run_index]))
            run_index += 1
    return spans


def align(rows: list[list[str]]) -> tuple[int, int, tuple[Cell, ...]]:
    """(n_rows, n_cols, cells) for ragged rows of cell texts, following the module's rules."""
    width = max((len(r) for r in rows), default=0)
    labels = [_data_label_count(r) for r in rows]
    label_width = max((n for n in labels if n is not None), default=0)
    spans: list[list[int] | None] = [None] * len(rows)
    for i, row in enumerate(rows):  # top-down: full rows, data rows, headers that need nothing below
        if len(row) == width:
            spans[i] = _ones(width)
        elif len(row) == 1:
            spans[i] = [width]
        elif labels[i] is not None:
            prev = spans[i - 1] if i else None
            if prev is not None and len(prev) == len(row):
                spans[i] = list(prev)
            elif labels[i] == 0:
                spans[i] = [width - len(row) + 1] + _ones(len(row) - 1)
            else:  # labels over the label columns, values over the rest; the last of each widens
                n_values = len(row) - labels[i]
                label_area = min(max(label_width, labels[i]), width - n_values)
                spans[i] = _widen_last(labels[i], label_area) + _widen_last(n_values, width - label_area)
        else:
            spans[i] = _header_spans(len(row), width, label_width, None)
    for i in range(len(rows) - 1, -1, -1):  # bottom-up: headers placed over the row below
        if spans[i] is None:
            below = list(zip(rows[i + 1], spans[i + 1])) if i + 1 < len(rows) and spans[i + 1] else None
            spans[i] = _header_spans(len(rows[i]), width, label_width, below) or _widen_last(len(rows[i]), width)
    return len(rows), width, _fold_continuations(rows, spans, labels)


def _fold_continuations(rows: list[list[str]], spans: list, labels: list[int | None]) -> tuple[Cell, ...]:
    anchors: list[list] = []  # [row, col, row_span, col_span, text] per cell
    previous: dict[tuple[int, int], list] = {}  # (col, width) of a label or header cell of the row above → its anchor
    for r, (row, row_spans) in enumerate(zip(rows, spans)):
        current: dict[tuple[int, int], list] = {}
        n_labels = len(row) if labels[r] is None else labels[r]  # cells that may continue, or be continued
        col = 0
        for k, (text, w) in enumerate(zip(row, row_spans)):
            if k >= n_labels:  # a value: never merged with the cell above or below
                anchors.append([r, col, 1, w, text])
                col += w
                continue
            above = previous.get((col, w)) if not text.strip() else None
            if above is not None:
                above[2] = r - above[0] + 1
            else:
                above = [r, col, 1, w, text]
                anchors.append(above)
            current[(col, w)] = above
            col += w
        previous = current
    return tuple(Cell(a[0], a[1], a[4], a[2], a[3]) for a in anchors)
