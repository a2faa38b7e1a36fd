"""Value rows that lost their labels: a PDF converted to Markdown, its tables cut into small pieces under
generic headers (| 列1 | 列2 | … |), the row labels printed apart from the numbers.

For a standard table found nowhere else, the rows made only of numbers are lined up with the template's rows
by order and width: accepted only when the numbers of rows and of cells agree exactly (one run of value rows
as wide as the template's rows, as many as it has) and every relation of the table then holds
(relations.py). The cells carry `"inferred": true` and `"aligned": true` in `source`; value rows that do not
line up are named in a warning with their piece (table and row).
"""
from __future__ import annotations

from .. import relations as _relations  # a module, not its names: relations.py imports this package
from ..model import CellRecord, Message, Table, where
from ..vocabulary import Vocabulary, display_label
from .locate import anchors_of
from .values import NUMBER_STATES, collapse, parse_value

_ALIGNED = ("applications", "review_litigation")  # tables with relations to confirm an alignment


def _value_rows(tables: tuple[Table, ...], skip: set[int]) -> list[tuple[Table, int, list]]:
    out = []
    for table in tables:
        if table.index in skip:
            continue
        for r, row in enumerate(table.grid()):
            cells = [c for c in anchors_of(row) if c.row == r and collapse(c.text)]
            if cells and all(parse_value(c.text)[1] in NUMBER_STATES for c in cells):
                out.append((table, r, cells))
    return out


def align_pieces(tables: tuple[Table, ...], vocab: Vocabulary, absent: set[str],
                 placed_tables: set[int]) -> tuple[list[CellRecord], list[Message]]:
    """Cell records of the `absent` tables lined up from label-less value rows (outside the tables in
    `placed_tables`), and warnings for the value rows that do not line up."""
    rows = _value_rows(tables, placed_tables)
    records: list[CellRecord] = []
    messages: list[Message] = []
    for name in (t for t in _ALIGNED if t in absent and rows):
        tried = [(fmt, _run(rows, vocab, name, fmt)) for fmt in ("2021", "2019")]
        tried = [(fmt, run) for fmt, run in tried if run]
        if not tried:
            messages.append(Message("unaligned_piece", f"value rows without labels were found, but not exactly as many as "
                                    f"wide as the {name} table's rows; not read", "tables"))
            continue
        fmt, chosen = tried[0]
        expected = vocab.cells(name, fmt)
        cells = {(name, r, c): cell for (r, c), cell in zip(expected, (c for i in chosen for c in rows[i][2]))}
        numbers = {key: parse_value(cell.text)[0] for key, cell in cells.items()}
        rels = [rel for rel in _relations.relations(fmt) if all(ref in cells for ref in rel.cells)]
        if any(_relations.assess(rel, numbers).status != "pass" for rel in rels):
            messages.append(Message("unaligned_piece", f"{len(chosen)} value rows as wide as the {name} table were found "
                                    "without labels, but the template's relations do not hold once they are lined up "
                                    f"with its rows; not read ({_shown(rows, chosen)})", _at(rows, chosen)))
            continue
        for (table, row, column), cell in cells.items():
            value, state, _ = parse_value(cell.text)
            source = {"table_index": rows[chosen[0]][0].index, "row": cell.row, "col": cell.col, "inferred": True, "aligned": True}
            records.append(CellRecord(table, row, column, value, state, collapse(cell.text),
                                      display_label(vocab.keys[(table, "row", row)].label), "", source))
        messages.append(Message("aligned_rows", f"{name}: {len(chosen)} value rows without labels lined up with the "
                                f"template's rows by order and width ({fmt} format); every relation holds", _at(rows, chosen)))
    return records, messages


def _run(rows, vocab: Vocabulary, name: str, fmt: str) -> list[int]:
    """The value rows that give exactly the table's cells in this format: the one row holding all of them, or
    exactly as many rows as the table has, each as wide as its rows; [] otherwise."""
    n_cells, width = len(vocab.cells(name, fmt)), len(vocab.keys_of(name, "column"))
    whole = [i for i, (_, _, cells) in enumerate(rows) if len(cells) == n_cells]
    narrow = [i for i, (_, _, cells) in enumerate(rows) if len(cells) == width]
    if len(whole) == 1 and not narrow:
        return whole
    return narrow if not whole and len(narrow) == n_cells // width else []


def _shown(rows, chosen: list[int]) -> str:
    return "; ".join(" ".join(collapse(c.text) for c in rows[i][2]) for i in chosen[:3]) + (" …" if len(chosen) > 3 else "")


def _at(rows, chosen: list[int]) -> str:
    first, last = rows[chosen[0]], rows[chosen[-1]]
    return f"{where(table=first[0].index, row=first[1])} to {where(table=last[0].index, row=last[1])}"
