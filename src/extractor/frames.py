"""A document table → pandas DataFrame with multi-level headers (the only pandas use outside exporters).

Header labels (the rows above the first data row, the columns left of the first number) are spread over
their merged span, so every column and row has its full label path. Body cells appear once, at their
anchor; the slots a merged body cell spans are None, so no value is ever counted twice.
"""
from __future__ import annotations

import pandas as pd

from .model import Table
from .template.locate import header_rows
from .template.values import NUMBER_STATES, collapse, parse_value
from .vocabulary import display_label


def table_frame(table: Table) -> pd.DataFrame:
    grid = table.grid()
    n_header = header_rows(grid)
    numeric_cols = [c for row in grid[n_header:] for c, cell in enumerate(row)
                    if cell is not None and parse_value(cell.text)[1] in NUMBER_STATES]
    label_cols = min(numeric_cols, default=0)

    def label(cell) -> str:
        return display_label(cell.text) if cell is not None else ""

    columns = [tuple(label(grid[r][c]) for r in range(n_header)) or (str(c),) for c in range(label_cols, table.n_cols)]
    index = [tuple(label(grid[r][c]) for c in range(label_cols)) or (str(r),) for r in range(n_header, table.n_rows)]
    body = [[collapse(cell.text) if cell is not None and (cell.row, cell.col) == (r, c) else None
             for c, cell in enumerate(grid[r][label_cols:], start=label_cols)] for r in range(n_header, table.n_rows)]
    return pd.DataFrame(body, index=pd.MultiIndex.from_tuples(index) if index else None,
                        columns=pd.MultiIndex.from_tuples(columns) if columns else None)
