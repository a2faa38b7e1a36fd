"""Find the template's cells in the document's tables, whichever way the tables were split or merged.

Rows are read one by one. Header rows (text only) build, per grid column, the path of labels above it; the
columns whose path names a column key are the value columns of the block below. Data rows take their row
key from their label cells (or, in review_litigation, from the header path) and emit one record per value
cell anchored in the row. A new header row after data starts a new block (主动公开 has one per 第二十条 item),
and a table that starts with data rows continues the previous table's block when it is as wide.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Cell, CellRecord, Message, Table
from ..model import where as place
from ..vocabulary import TABLES, Vocabulary, display_label
from .labels import resolve
from .values import AMOUNT_COLUMNS, NUMBER_STATES, VALUE_STATES, collapse, parse_value


@dataclass
class _Block:
    """The header above a run of data rows."""

    paths: dict[int, list[Cell]] = field(default_factory=dict)
    table: str | None = None
    columns: dict[int, str] = field(default_factory=dict)  # grid column → column key
    extras: dict[int, str] = field(default_factory=dict)  # grid column → label of a column the template lacks
    extra_values: list[str] = field(default_factory=list)
    approximated: dict[str, str] = field(default_factory=dict)  # header label with a typo → how it was read
    width: int = 0
    _info: dict[tuple[int, int], tuple[tuple[str, ...], list[str], str]] = field(default_factory=dict)

    def add_row(self, anchors: list[Cell]) -> None:
        for cell in anchors:
            for c in range(cell.col, cell.col + cell.col_span):
                path = self.paths.setdefault(c, [])
                if not path or path[-1] is not cell:
                    path.append(cell)

    def close(self, vocab: Vocabulary, fallback_table: str | None) -> None:
        votes = {t: 0 for t in TABLES}
        for path in self.paths.values():
            for cell in path:
                for t in _tables_naming(vocab, cell.text):
                    votes[t] += 1
        best = max(votes, key=votes.__getitem__)
        self.table = best if votes[best] else fallback_table
        if self.table is None:
            return
        for c, path in self.paths.items():
            labels = [cell.text for cell in path]
            key, unknown = resolve(vocab, self.table, "column", labels)
            if unknown is not None and len(labels) > 1:  # a header word broken over two rows (商业企 / 业)
                joined, still_unknown = resolve(vocab, self.table, "column", [*labels[:-2], labels[-2] + labels[-1]])
                if joined and still_unknown is None:
                    key, unknown = joined, None
            alias = vocab.nearest(self.table, "column", unknown) if unknown is not None else None
            if alias is not None:  # a typo in a header: read under the one label it is a character away from
                key, _ = resolve(vocab, self.table, "column", [*labels[:-1], alias])
                self.approximated[display_label(unknown)] = f"{key} (one character from {alias!r})"
            if key and vocab.keys.get((self.table, "column", key)):
                self.columns[c] = key
            elif key and key.startswith("extra."):
                self.extras[c] = display_label(path[-1].text)

    def flush(self, out: Located) -> None:
        """One warning per block for the columns read but left out of the canonical cells, and per header typo."""
        for label, read_as in self.approximated.items():
            out.messages.append(Message("approximate_label", f"column label {label!r} is not in the template; read as {read_as}",
                                        self.table or ""))
        self.approximated.clear()
        for label in dict.fromkeys(self.extras.values()):
            out.messages.append(Message("extra_column", f"column {label!r} is not in the national template; read and left "
                                        f"out of the cells: {', '.join(self.extra_values) or 'no values'}", self.table or ""))
        self.extras.clear()

    def column_info(self, cell: Cell, vocab: Vocabulary) -> tuple[tuple[str, ...], list[str], str]:
        """For a value cell: the column keys it spans, and the row-axis labels and the column label printed above
        it (a label over every value column left out). Asked once per column and span of the block."""
        info = self._info.get((cell.col, cell.col_span))
        if info is None:
            keys = tuple(self.columns[c] for c in range(cell.col, cell.col + cell.col_span) if c in self.columns)
            row_labels, col_labels = self._split_labels(cell.col, vocab)
            info = self._info[(cell.col, cell.col_span)] = (keys, row_labels, " / ".join(col_labels))
        return info

    def _split_labels(self, c: int, vocab: Vocabulary) -> tuple[list[str], list[str]]:
        lo, hi = min(self.columns), max(self.columns)
        row_labels, col_labels = [], []
        for cell in self.paths.get(c, []):
            if cell.col <= lo and cell.col + cell.col_span - 1 >= hi or not collapse(cell.text):
                continue
            names_row = vocab.match(self.table, "row", cell.text) and not vocab.match(self.table, "column", cell.text)
            target = row_labels if names_row else col_labels
            target.append(display_label(cell.text))
        return row_labels, col_labels


@dataclass
class Located:
    records: list[CellRecord]
    messages: list[Message]


def anchors_of(row: list[Cell | None]) -> list[Cell]:
    out: list[Cell] = []
    for cell in row:
        if cell is not None and (not out or out[-1] is not cell):
            out.append(cell)
    return out


def _has_values(r: int, anchors: list[Cell]) -> bool:
    return any(c.row == r and parse_value(c.text)[1] in VALUE_STATES for c in anchors)


def _labels_then_blanks(anchors: list[Cell]) -> bool:
    """Only blank cells, or labels followed only by blank cells: a data row of a template left empty."""
    filled = [bool(collapse(c.text)) for c in anchors]
    return not any(filled) or (not filled[-1] and filled == sorted(filled, reverse=True))


def _is_data_row(r: int, anchors: list[Cell]) -> bool:
    """Values here, or labels followed only by blank cells (a template left empty)."""
    return _has_values(r, anchors) or _labels_then_blanks(anchors)


def header_rows(grid: list[list[Cell | None]]) -> int:
    """How many rows of a table's dense grid (Table.grid()) head it: the rows above its first data row."""
    return next((r for r, row in enumerate(grid) if _is_data_row(r, anchors_of(row))), len(grid))


def _is_header_row(r: int, anchors: list[Cell], vocab: Vocabulary) -> bool:
    """No values here, and either two or more column headers (even with empty cells beside them) or not the
    shape of a blank data row."""
    if _has_values(r, anchors):
        return False
    return sum(1 for cell in anchors if _names_a_column(vocab, cell.text)) >= 2 or not _labels_then_blanks(anchors)


@lru_cache(maxsize=4096)
def _tables_naming(vocab: Vocabulary, text: str) -> frozenset[str]:
    return frozenset(vocab.tables_naming(text))


@lru_cache(maxsize=4096)
def _names_a_column(vocab: Vocabulary, text: str) -> bool:
    return bool(collapse(text)) and any(vocab.match(t, "column", text) for t in TABLES)


def locate(tables: tuple[Table, ...], vocab: Vocabulary) -> Located:
    """Cell records for every value cell under a known header, and warnings for what could not be placed."""
    out = Located([], [])
    block: _Block | None = None
    for table in tables:
        grid = table.grid()
        if block is not None and block.width != table.n_cols:
            block.flush(out)
            block = None
        in_header = False
        for r, row in enumerate(grid):
            anchors = anchors_of(row)
            if not anchors:
                continue
            if _is_header_row(r, anchors, vocab):
                if not in_header:
                    previous = block.table if block else None
                    if block is not None:
                        block.flush(out)
                    block = _Block(width=table.n_cols, table=previous)
                    in_header = True
                block.add_row(anchors)
                continue
            if in_header:
                block.close(vocab, block.table)
                in_header = False
            _read_data_row(table, r, anchors, block, vocab, out)
    if block is not None:
        block.flush(out)
    return out


def _covers(cell: Cell, columns: dict[int, str]) -> bool:
    if cell.col_span == 1:
        return cell.col in columns
    return any(c in columns for c in range(cell.col, cell.col + cell.col_span))


def _value_cells(cells: list[Cell]) -> str:
    return ", ".join(repr(collapse(c.text)) for c in cells if collapse(c.text)) or "blank"


def _read_data_row(table: Table, r: int, anchors: list[Cell], block: _Block | None, vocab: Vocabulary, out: Located) -> None:
    if block is None or not block.columns:
        if any(c.row == r and parse_value(c.text)[1] in NUMBER_STATES for c in anchors):
            out.messages.append(Message("unplaced_row", f"row {' | '.join(collapse(c.text) for c in anchors)!r} has no "
                                        "recognized header above it; its numbers are not read", _row_at(table, r)))
        return
    values, extras, labels = [], [], []
    for cell in anchors:
        if _covers(cell, block.columns):
            values.append(cell)
        elif _covers(cell, block.extras):
            extras.append(cell)
        elif parse_value(cell.text)[1] in VALUE_STATES:
            if cell.row == r:
                out.messages.append(Message("unplaced_cell", f"value {collapse(cell.text)!r} stands under no known "
                                            "column header; not read", _at(table, r, cell)))
        else:
            labels.append(cell)
    row_path = [c.text for c in labels if collapse(c.text)]
    if extras:
        block.extra_values.extend(f"{display_label(row_path[-1]) if row_path else r}={collapse(c.text)}" for c in extras if c.row == r)
    row_key, unknown = resolve(vocab, block.table, "row", row_path)
    alias = vocab.nearest(block.table, "row", unknown) if unknown is not None else None
    if alias is not None:  # a typo: read under the one label it is a character away from, and say so
        row_key, unknown = resolve(vocab, block.table, "row", [*row_path[:-1], alias])
        out.messages.append(Message("approximate_label", f"row label {display_label(row_path[-1])!r} is not in the template; "
                                    f"read as {row_key} (one character from {alias!r})", _row_at(table, r)))
    if unknown is not None or (row_key and not vocab.keys.get((block.table, "row", row_key))):
        fresh = [c for c in values if c.row == r]
        what = f"row label {display_label(unknown)!r} is not a row of the {block.table} table" if unknown else \
            f"row {display_label(row_path[-1])!r} is a group of the template (a subtotal), not a cell row"
        out.messages.append(Message("unknown_row_label" if unknown else "subtotal_row",
                                    f"{what}; its values ({_value_cells(fresh)}) are not read", _row_at(table, r)))
        return
    row_label = [display_label(t) for t in row_path]
    row_label_text = " / ".join(row_label)
    for cell in values:
        if cell.row == r:
            _emit(table, r, cell, row_key, row_label, row_label_text, block, vocab, out)


def _emit(table: Table, r: int, cell: Cell, row_key: str | None, row_label: list[str], row_label_text: str, block: _Block,
          vocab: Vocabulary, out: Located) -> None:
    keys, header_rows, column_label = block.column_info(cell, vocab)
    column = keys[0]
    key = row_key if row_key is not None else resolve(vocab, block.table, "row", header_rows)[0]
    raw = collapse(cell.text)
    if key is None or (key is not row_key and (block.table, "row", key) not in vocab.keys):
        if raw:
            out.messages.append(Message("unplaced_cell", f"value {raw!r} has no template row", _at(table, r, cell)))
        return
    if len(keys) > 1 and len(set(keys)) > 1:
        out.messages.append(Message("cell_spans_columns", f"value {raw!r} spans the columns "
                                    f"{', '.join(dict.fromkeys(keys))}; read as {column}", _at(table, r, cell)))
    value, state, note = parse_value(cell.text, column in AMOUNT_COLUMNS)
    in_doubt = ("doubt", True) in cell.source  # an OCR reading in doubt: doubt.py says what became of it
    if note and not in_doubt:
        out.messages.append(Message("text_value", note, _at(table, r, cell)))
    source = {"table_index": table.index, "row": r, "col": cell.col}
    if cell.page is not None:
        source["page"] = cell.page
    if cell.source:  # the reader's own notes (OCR); a reading in doubt is not taken as a number here
        source.update((k, list(v) if isinstance(v, tuple) else v) for k, v in cell.source)
        if in_doubt:  # settled, or warned about, once the template is known (doubt.py)
            value, state = None, "text"
    label = " / ".join([*row_label, *header_rows]) if header_rows else row_label_text
    out.records.append(CellRecord(block.table, key, column, value, state, raw, label, column_label, source))


def _row_at(table: Table, r: int) -> str:
    return place(table=table.index, row=r)


def _at(table: Table, r: int, cell: Cell) -> str:
    return place(table=table.index, row=r, column=cell.col)


def where(rec: CellRecord) -> str:
    """Where a cell record was printed, as warnings name it."""
    s = rec.source
    if "paragraph" in s:
        return place(paragraph=s["paragraph"], value=s["token"] + 1)
    return place(table=s.get("table_index"), row=s.get("row"), column=s.get("col"))
