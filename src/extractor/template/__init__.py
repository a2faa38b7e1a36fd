"""Template normalization: the document's tables → the contract's cell records, with the template version."""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from .. import relations as _relations  # a module, not its names: relations.py imports this package
from ..model import CellRecord, Message, Paragraph, Table
from ..vocabulary import TABLES, Vocabulary, vocabulary
from .doubt import settle_doubts
from .lines import read_lines
from .locate import locate, where
from .pieces import align_pieces
from .stream import read_stream

Key = tuple[str, str, str]  # (table, row, column)


def detect_template(cells: dict[Key, CellRecord]) -> tuple[str, list[Message]]:
    """"2021", "2019" or "unknown", from the template-specific keys among the cells; mixing is warned about."""
    seen = {(t, "row", r) for t, r, _ in cells} | {(t, "column", c) for t, _, c in cells}
    only_2021, only_2019 = _only_in("2021"), _only_in("2019")
    votes_2021, votes_2019 = len(seen & only_2021), len(seen & only_2019)
    messages = []
    single_other_row = seen & only_2019 == {("applications", "row", "results.other")}  # see other_single_row
    if votes_2021 and votes_2019 and not single_other_row:
        messages.append(Message("mixed_template", f"the tables mix 2021-format labels ({votes_2021}) and 2019-format "
                                f"labels ({votes_2019}); each cell keeps the keys of the labels it was printed under"))
    if votes_2021 == votes_2019:
        return "unknown", messages
    return ("2021" if votes_2021 > votes_2019 else "2019"), messages


@lru_cache(maxsize=2)
def _only_in(template: str) -> frozenset[Key]:
    """(table, axis, key) of the keys that keys.tsv gives to this template alone: what a report prints of them
    tells which template it follows."""
    return frozenset(ref for ref, key in vocabulary().keys.items() if key.templates == {template})


def normalize(tables: tuple[Table, ...], paragraphs: tuple[Paragraph, ...] = (),
              last_year: Mapping[Key, int | float | None] | None = None) -> tuple[list[CellRecord], str, list[Message]]:
    """(cell records in template order, template version, warnings). Rows printed as lines of text (see
    lines.py) add to what the tables give; a cell read from both is kept from the table. `last_year` (the
    numbers of the agency's report of the year before) may settle digits run together in running text."""
    vocab = vocabulary()
    located = locate(tables, vocab)
    line_records, line_messages = read_lines(list(paragraphs), vocab)
    messages = located.messages + line_messages
    records = located.records + line_records
    absent = set(TABLES) - {r.table for r in records}
    if absent:  # a table not found as a table or as lines: look for it in running text (stream.py)
        stream_records, stream_messages = read_stream(list(paragraphs), vocab, absent, last_year)
        absent -= {r.table for r in stream_records}
        placed = {r.source.get("table_index") for r in located.records}
        aligned, aligned_messages = align_pieces(tables, vocab, absent, placed) if absent else ([], [])
        records, messages = records + stream_records + aligned, messages + stream_messages + aligned_messages
    cells = _first_readings(records, messages)
    template, detected = detect_template(cells)
    messages += detected
    order = _order(template if template != "unknown" else "2021")  # every cell of either format, in print order
    if template != "unknown":
        for key in [key for key in cells if key not in order]:  # a row and column that never meet
            rec = cells.pop(key)
            messages.append(Message("not_a_template_cell", f"{rec.table} {rec.row} × {rec.column} ({rec.raw!r}) is not a "
                                    f"cell of the {template} template; not read", where(rec)))
        messages.extend(_other_printed_as_one_row(cells, template))
    messages.extend(settle_doubts(cells, _relations.relations(template, "2019" if prints_single_other_row(cells) else None)))
    messages.extend(_missing(cells, template, vocab))
    return [rec for _, rec in sorted(cells.items(), key=lambda item: order.get(item[0], len(order)))], template, messages


@lru_cache(maxsize=2)
def _order(template: str) -> dict[Key, int]:
    """Print order of a template's cells, table by table; the other format's cells follow."""
    vocab = vocabulary()
    cells = [(t, r, c) for fmt in (template, _OTHER[template]) for t in TABLES for r, c in vocab.cells(t, fmt)]
    return {cell: i for i, cell in enumerate(dict.fromkeys(cells))}


_OTHER = {"2021": "2019", "2019": "2021"}


def _first_readings(records: list[CellRecord], messages: list[Message]) -> dict[Key, CellRecord]:
    """Each cell's first reading, by key; a cell read again is reported with both values."""
    first: dict[Key, CellRecord] = {}
    for rec in records:
        key = (rec.table, rec.row, rec.column)
        if key in first:
            messages.append(Message("duplicate_cell", f"{rec.table} {rec.row} × {rec.column} printed again ({rec.raw!r}); "
                                    f"the first reading ({first[key].raw!r}) is kept", where(rec)))
        else:
            first[key] = rec
    return first


def prints_single_other_row(keys) -> bool:
    """Whether the applications cells (keys: (table, row, column)) print （六）其他处理 as the 2019 format's single
    row, results.other, and none of the 2021 format's three sub-rows."""
    rows = {r for t, r, _ in keys if t == "applications"}
    return "results.other" in rows and not any(r.startswith("results.other.") for r in rows)


def _other_printed_as_one_row(cells: dict[Key, CellRecord], template: str) -> list[Message]:
    if template == "2021" and prints_single_other_row(cells):
        return [Message("other_single_row", "（六）其他处理 is printed as one row, as in the 2019 format; its cells keep the key "
                        "results.other and the three 2021 sub-rows are absent from the report", "applications")]
    return []


def _missing(cells: dict[Key, CellRecord], template: str, vocab: Vocabulary) -> list[Message]:
    """Each template table absent (`missing_table`) and each cell absent from a table that is there (`missing_cell`).
    With the version unknown, a present table is held to the cells both formats share."""
    single_other_row = template == "2021" and prints_single_other_row(cells)
    messages = []
    for table in TABLES:
        expected = vocab.cells(table, template) if template != "unknown" else _shared_cells(vocab, table)
        absent = [(r, c) for r, c in expected if (table, r, c) not in cells
                  and not (single_other_row and table == "applications" and r.startswith("results.other."))]
        if len(absent) == len(expected):
            messages.append(Message("missing_table", f"no cell of the {table} table was read: it was not found, or none of its "
                                    "values could be placed (other warnings name those)", table))
        else:
            messages.extend(Message("missing_cell", f"{table} {r} × {c} was not found in the tables", table) for r, c in absent)
    return messages


def _shared_cells(vocab: Vocabulary, table: str) -> tuple[tuple[str, str], ...]:
    in_2019 = set(vocab.cells(table, "2019"))
    return tuple(cell for cell in vocab.cells(table, "2021") if cell in in_2019)


__all__ = ["normalize", "detect_template", "vocabulary", "TABLES"]
