"""Template normalization: the document's tables → the contract's cell records, with the template version."""
from __future__ import annotations

from functools import lru_cache

from ..model import CellRecord, Message, Paragraph, Table
from .labels import TABLES, Vocabulary, vocabulary
from .lines import read_lines
from .locate import locate

# Keys that exist in one template only: what a report prints tells which template it follows.
_ONLY_2021 = {("active_disclosure", "column", k) for k in ("issued", "repealed", "in_force", "fee_amount")} | {
    ("applications", "row", k) for k in ("results.other.no_correction", "results.other.unpaid_fee", "results.other.other")}
_ONLY_2019 = {("active_disclosure", "column", k) for k in ("new_made", "new_published", "total_published", "prior_year_items",
                                                           "change", "procurement_items", "procurement_amount")} | {
    ("active_disclosure", "row", "other_external_services"), ("active_disclosure", "row", "centralized_procurement"),
    ("applications", "row", "results.other")}


def detect_template(records: list[CellRecord]) -> tuple[str, list[Message]]:
    """"2021", "2019" or "unknown", from the template-specific keys among the records; mixing is warned about."""
    seen = {(r.table, "row", r.row) for r in records} | {(r.table, "column", r.column) for r in records}
    votes_2021, votes_2019 = len(seen & _ONLY_2021), len(seen & _ONLY_2019)
    messages = []
    single_other_row = seen & _ONLY_2019 == {("applications", "row", "results.other")}  # see other_single_row
    if votes_2021 and votes_2019 and not single_other_row:
        messages.append(Message("mixed_template", f"the tables mix 2021-format labels ({votes_2021}) and 2019-format "
                                f"labels ({votes_2019}); each cell keeps the keys of the labels it was printed under"))
    if votes_2021 == votes_2019:
        return "unknown", messages
    return ("2021" if votes_2021 > votes_2019 else "2019"), messages


def normalize(tables: tuple[Table, ...], paragraphs: tuple[Paragraph, ...] = ()) -> tuple[list[CellRecord], str, list[Message]]:
    """(cell records in template order, template version, warnings). Rows printed as lines of text (see
    lines.py) add to what the tables give; a cell read from both is kept from the table."""
    vocab = vocabulary()
    located = locate(tables, vocab)
    line_records, line_messages = read_lines(list(paragraphs), vocab)
    found = located.records + line_records
    template, messages = detect_template(found)
    messages = located.messages + line_messages + messages
    records = _deduplicated(found, messages)
    if template != "unknown":
        records = _in_template(records, template, vocab, messages)
        messages.extend(_missing(records, template, vocab))
        messages.extend(_other_printed_as_one_row(records, template))
    order = _order(template if template != "unknown" else "2021")
    records.sort(key=lambda rec: order.get((rec.table, rec.row, rec.column), len(order)))
    return records, template, messages


@lru_cache(maxsize=2)
def _order(template: str) -> dict[tuple[str, str, str], int]:
    """Print order of a template's cells, table by table; the other format's cells follow."""
    vocab = vocabulary()
    cells = [(t, r, c) for fmt in (template, _OTHER[template]) for t in TABLES for r, c in vocab.cells(t, fmt)]
    return {cell: i for i, cell in enumerate(dict.fromkeys(cells))}


def _deduplicated(records: list[CellRecord], messages: list[Message]) -> list[CellRecord]:
    first: dict[tuple[str, str, str], CellRecord] = {}
    for rec in records:
        key = (rec.table, rec.row, rec.column)
        if key in first:
            messages.append(Message("duplicate_cell", f"{rec.table} {rec.row} × {rec.column} printed again ({rec.raw!r}); "
                                    f"the first reading ({first[key].raw!r}) is kept", _where(rec)))
        else:
            first[key] = rec
    return list(first.values())


def _in_template(records: list[CellRecord], template: str, vocab: Vocabulary, messages: list[Message]) -> list[CellRecord]:
    """Records whose row and column meet in either format (a cell of the other format keeps its own keys and
    `mixed_template` says so); a row and column that never meet are reported with their value."""
    kept = []
    for rec in records:
        if vocab.is_cell(rec.table, rec.row, rec.column, template) or vocab.is_cell(rec.table, rec.row, rec.column, _OTHER[template]):
            kept.append(rec)
        else:
            messages.append(Message("not_a_template_cell", f"{rec.table} {rec.row} × {rec.column} ({rec.raw!r}) is not a "
                                    f"cell of the {template} template; not read", _where(rec)))
    return kept


_OTHER = {"2021": "2019", "2019": "2021"}


def _other_printed_as_one_row(records: list[CellRecord], template: str) -> list[Message]:
    rows = {r.row for r in records if r.table == "applications"}
    if template == "2021" and "results.other" in rows and not any(r.startswith("results.other.") for r in rows):
        return [Message("other_single_row", "（六）其他处理 is printed as one row, as in the 2019 format; its cells keep the key "
                        "results.other and the three 2021 sub-rows are absent from the report", "applications")]
    return []


def _missing(records: list[CellRecord], template: str, vocab: Vocabulary) -> list[Message]:
    have = {(r.table, r.row, r.column) for r in records}
    if template == "2021" and any(t == "applications" and r == "results.other" for t, r, _ in have):
        have |= {("applications", r, c) for r, c in vocab.cells("applications", "2021") if r.startswith("results.other.")}
    messages = []
    for table in TABLES:
        expected = vocab.cells(table, template)
        absent = [(r, c) for r, c in expected if (table, r, c) not in have]
        if len(absent) == len(expected):
            messages.append(Message("missing_table", f"no {table} table found", table))
        else:
            messages.extend(Message("missing_cell", f"{table} {r} × {c} was not found in the tables", table) for r, c in absent)
    return messages


def _where(rec: CellRecord) -> str:
    s = rec.source
    if "paragraph" in s:
        return f"paragraph {s['paragraph']}, value {s['token'] + 1}"
    return f"table {s.get('table_index')}, row {s.get('row')}, column {s.get('col')}"


__all__ = ["normalize", "detect_template", "vocabulary", "TABLES"]
