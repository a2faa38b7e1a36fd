"""The three tables found in running text: a crawler's page text, a copy-paste, a PDF's text layer dumped.

Such a body is one line (or a few): every cell's text concatenated, labels then the row's digits without a
separator ("…申请数量380030041二、上年结转…"). The template guides the cut:

1. The text is cut into text chunks and runs of digits (spaces, &nbsp; and Word's HTML comments inside are
   padding). A numbering glued to the digits before it ("…00000002.其他法律…") is given back to its label
   when the label's printed numbering in keys.tsv says so.
2. A table opens where a text chunk names two or more of its column labels (after the chunk's last
   sentence end, so prose never opens one) and closes at the next sentence end. Inside it, a chunk ending
   in one of its row labels (keys.tsv and aliases.tsv, as everywhere) owns the digits that follow; rows
   are taken in the template's order only. The review table's header is followed by one run for its
   fifteen cells.
3. A row whose digits print as many numbers as it has cells is read as printed. Otherwise its run is cut
   every way the template allows (splits.py), and the cuts of all rows are solved together under the
   template's relations (relations.py, solve.py): a cell is read only when every surviving assignment
   gives it the same value, and its `source` says `inferred` with the run it came from. A report that
   breaks its own arithmetic keeps only what each row forces on its own, with a warning. A row no relation
   touches (主动公开) may be settled by a count the text states or by last year's numbers (settle.py).

Every run that is not read, and every cell left open, is named in a warning with its text.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from .. import relations as _relations  # a module, not its names: relations.py imports this package
from ..grammar import DELIMITER
from ..model import CellRecord, Message, Paragraph
from ..model import where as place
from ..vocabulary import TABLES, Vocabulary, display_label, normalize_label
from .labels import resolve
from .lines import segments
from .settle import Clue, Number, Ref, Settled, clues, settle
from .solve import Group, solve_with_warnings
from .splits import number, piece_pattern, splits

_PADDING = re.compile(r"<!--.*?-->|&nbsp;?", re.S)
_SPACES = re.compile(r"\s+")
_RUN = re.compile(r"[-+]?\d(?:[\d.\s+\-]*\d)?")
_SENTENCE_END = re.compile(r"[。！？!?]")
_NUMBERED = re.compile(rf"^(\d{{1,2}}){DELIMITER}")
_NUMBER_DELIMITERS = (".", "、", "．")
_MIN_HEADER_LABEL = 3  # column labels this long or longer open a table (其他, 总计 name too much)
_MAX_LABEL = 60
_PROSE_AFTER = frozenset("年月日时条件个项次人%％号层篇万元")  # what follows a number in a sentence, never in a table
_TABLE_WORDS = ("申请人情况", "信息内容", "行政复议")  # words every stream of a table prints in its header


@dataclass
class _Row:
    table: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]  # per cell: the column key
    label: str
    text: str  # the run as printed
    paragraph: int

    @cached_property
    def cells(self) -> tuple[tuple[str, str, str], ...]:
        per_row = len(self.columns) // len(self.rows)
        return tuple((self.table, self.rows[i // per_row], c) for i, c in enumerate(self.columns))


def read_stream(paragraphs: list[Paragraph], vocab: Vocabulary, tables: set[str],
                last_year: Mapping[Ref, Number | None] | None = None) -> tuple[list[CellRecord], list[Message]]:
    """Cell records of `tables` found in running text, and warnings for every run or cell not read; a row no
    relation decides may be settled by what the text states or by `last_year`'s numbers (settle.py)."""
    text, starts = _stream(paragraphs)
    folded = _folded(text)
    if not any(word in folded for word in _TABLE_WORDS):  # no table header anywhere: nothing to cut
        return [], []
    template = _template(vocab, folded)
    messages: list[Message] = []
    rows = [row for row in _rows(vocab, text, starts, paragraphs, template, messages) if row.table in tables]
    if not rows:
        return [], messages
    other = "2019" if template == "2021" and any("results.other" in r.rows for r in rows) else None
    given = cache(lambda: clues([p.text for p in paragraphs], last_year))
    return _solve(rows, _relations.relations(template, other), messages, given)


def _folded(text: str) -> str:
    return _SPACES.sub("", text)


def _stream(paragraphs: list[Paragraph]) -> tuple[str, list[int]]:
    """The paragraphs as one text (padding blanked to spaces of the same length) and each one's start."""
    starts, pos = [], 0
    for p in paragraphs:
        starts.append(pos)
        pos += len(p.text) + 1
    joined = "\n".join(p.text for p in paragraphs)
    return _PADDING.sub(lambda m: " " * len(m.group()), joined), starts


def _template(vocab: Vocabulary, folded: str) -> str:
    """The format whose own 主动公开 labels the (folded) text prints (its columns and rows differ by format)."""
    votes = {"2021": 0, "2019": 0}
    for key in vocab.keys.values():
        if key.table == "active_disclosure" and len(key.templates) == 1 and _folded(key.label) in folded:
            votes[next(iter(key.templates))] += 1
    return "2019" if votes["2019"] > votes["2021"] else "2021"


def _items(text: str) -> list[list]:
    """[text chunk, run, run start] in order; a numbering glued to a run is left for the label to claim."""
    items, pos = [], 0
    for m in _RUN.finditer(text):
        items.append([text[pos:m.start()], m.group(), m.start()])
        pos = m.end()
    items.append([text[pos:], "", len(text)])
    return items


def _printed_number(vocab: Vocabulary, label: str) -> str | None:
    """The arabic numbering keys.tsv prints before the row a label names ("2" for ".其他法律行政法规禁止公开")."""
    for table in TABLES:
        keys = vocab.match(table, "row", label)
        found = vocab.keys.get((table, "row", next(iter(keys)))) if len(keys) == 1 else None
        numbered = _NUMBERED.match(found.label) if found else None
        if numbered:
            return numbered.group(1)
    return None


def _claim_numbering(vocab: Vocabulary, items: list[list]) -> None:
    for before, after in zip(items, items[1:]):
        label = after[0].lstrip()  # "3&nbsp;.危及…": padding may sit between a numbering's digit and its dot
        if not before[1] or not label.startswith(_NUMBER_DELIMITERS):
            continue
        head = segments(label[1:])[:1]
        n = _printed_number(vocab, head[0]) if head else None
        if n and before[1].endswith(n):
            before[1] = before[1][: -len(n)].rstrip()
            after[0] = n + label


def _opens(vocab: Vocabulary, tail: str) -> str | None:
    """The table two or more of whose column labels the chunk names, if any."""
    folded = normalize_label(tail)
    if len(folded) < 2 * _MIN_HEADER_LABEL:
        return None
    for table in TABLES:
        named = {key for label, keys in _header_labels(vocab, table) if label in folded for key in keys}
        if len(named) >= 2:
            return table
    return None


@lru_cache(maxsize=8)
def _header_labels(vocab: Vocabulary, table: str) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((label, keys) for (t, axis, label), keys in vocab.lookup.items()
                 if t == table and axis == "column" and len(label) >= _MIN_HEADER_LABEL)


def _row_label(vocab: Vocabulary, table: str, tail: str, context: list[str], fuzzy: bool) -> tuple[str | None, list[str]]:
    """The row key (leaf or group) the chunk ends with, and its label segments; `fuzzy` also tries the one
    label a character away (for a chunk that digits follow)."""
    segs = segments(tail)
    if not segs:
        return None, []
    last = segs[-1][-_MAX_LABEL:]
    for i in range(len(last)):
        if vocab.match(table, "row", last[i:]):
            key, unknown = resolve(vocab, table, "row", [*context, last[i:]])
            if key and not unknown:
                return key, [last[i:]]
    alias = vocab.nearest(table, "row", last) if fuzzy else None
    if alias is not None:
        key, unknown = resolve(vocab, table, "row", [*context, alias])
        return (key, [last]) if key and not unknown else (None, [])
    return None, []


def _rows(vocab: Vocabulary, text: str, starts: list[int], paragraphs: list[Paragraph], template: str,
          messages: list[Message]) -> list[_Row]:
    items = _items(text)
    _claim_numbering(vocab, items)
    order = {t: {k: i for i, k in enumerate(vocab.keys_of(t, "row"))} for t in TABLES}
    done = {t: -1 for t in TABLES}
    pending: dict[str, list[Message]] = {t: [] for t in TABLES}
    table, context, out = None, [], []
    for chunk, run, at in items:
        ends = list(_SENTENCE_END.finditer(chunk))
        tail = chunk[ends[-1].end():] if ends else chunk
        if ends:
            table, context = None, []
        opened = _opens(vocab, tail)
        table = opened or table
        where = paragraphs[bisect.bisect_right(starts, at) - 1].index
        if table is None:
            continue
        if table == "review_litigation":
            if opened and run:
                rows = vocab.keys_of(table, "row")
                columns = vocab.keys_of(table, "column") * len(rows)
                label = " / ".join(display_label(vocab.keys[(table, "row", r)].label) for r in rows)
                out.append(_Row(table, rows, columns, label, run, where))
                table = None
            continue
        if run and text[at + len(run):at + len(run) + 1] in _PROSE_AFTER:  # 2021年, 198条: a count in prose ends the table
            table, context = None, []
            continue
        key, label = _row_label(vocab, table, tail, context, bool(run))
        if key is not None and (table, "row", key) not in vocab.keys:
            context = label  # a group (三、本年度办理结果, （三）不予公开): its leaves follow
            key = None
        if not run:
            continue
        if key is None or order[table][key] <= done[table]:
            if opened is None:  # said only when a row of the table follows: digits after the table are prose
                pending[table].append(Message("unplaced_run", f"digits {run!r} after {display_label(tail.strip()[-30:])!r} "
                                              f"follow no {table} row label the template expects here; not read",
                                              place(paragraph=where)))
            continue
        done[table] = order[table][key]
        messages.extend(pending[table])
        pending[table].clear()
        columns = _columns(vocab, table, key, template)
        path = [*context, *label] if key.count(".") > 1 else label  # 1.属于国家秘密 under （三）不予公开
        out.append(_Row(table, (key,), columns, " / ".join(display_label(s) for s in path), run, where))
    return out


def _columns(vocab: Vocabulary, table: str, row: str, template: str) -> tuple[str, ...]:
    if table != "active_disclosure":
        return vocab.keys_of(table, "column")
    other = "2019" if template == "2021" else "2021"
    return vocab.active_columns.get((template, row)) or vocab.active_columns.get((other, row), ())


def _candidates(row: _Row, touching: dict, messages: list[Message]) -> tuple[tuple[tuple[str, ...], ...], bool]:
    """(the row's possible pieces, whether they were inferred from a run rather than printed apart);
    `touching` maps a cell to the relations it takes part in."""
    tokens = row.text.split()
    where = place(paragraph=row.paragraph)
    if len(tokens) == len(row.columns) and all(piece_pattern(c).fullmatch(t) for t, c in zip(tokens, row.columns)):
        return (tuple(tokens),), False
    run = "".join(tokens)
    cells = row.cells
    position = {cell: i for i, cell in enumerate(cells)}
    inside = [[(position[r], coef) for r, coef in rel.coefficients]
              for rel in dict.fromkeys(rel for cell in cells for rel in touching.get(cell, ()))
              if all(r in position for r in rel.cells)]
    found, bound_hit = splits(run, row.columns, inside)
    if not found and inside and not bound_hit:  # the row breaks its own sums: only a cut that is the only one
        plain, bound_hit = splits(run, row.columns)
        found = plain if len(plain) == 1 else []
        messages.append(Message("arithmetic_broken", f"{row.label}: no cut of the digits {run!r} into {len(cells)} values "
                                "keeps the row's own sums" + ("; read as the only cut there is" if found else ""), where))
    if bound_hit:
        messages.append(Message("split_bound", f"{row.label}: the digits {run!r} allow too many cuts into {len(cells)} "
                                "values to try them all; not read", where))
        return (), True
    return tuple(found), True


def _solve(rows: list[_Row], relations, messages: list[Message], clues: Callable[[], list[Clue]]) -> tuple[list[CellRecord], list[Message]]:
    touching: dict = {}
    for rel in relations:
        for cell in rel.cells:
            touching.setdefault(cell, []).append(rel)
    pieces = [_candidates(row, touching, messages) for row in rows]
    groups = [Group(row.cells, tuple(tuple(number(p) for p in cand) for cand in cands)) for row, (cands, _) in zip(rows, pieces)]
    solution, unsolved = solve_with_warnings(groups, relations, "the run-together digits of the tables",
                                "only what each row forces on its own is read")
    messages.extend(unsolved)
    records: list[CellRecord] = []
    for row, (cands, inferred), group in zip(rows, pieces, groups):
        forced = {cell: solution.forced[cell] for cell in row.cells if cands and cell in solution.forced}
        settled = None
        if cands and len(forced) < len(row.cells) and not any(cell in touching for cell in row.cells):
            settled = settle(row.cells, group.candidates, clues())  # no relation of its own: facts from outside
            forced = dict(zip(row.cells, settled.values)) if settled.values else forced
        settled_by = ", ".join(dict.fromkeys(c.settled_by for c in settled.used)) if settled and settled.values else None
        read, open_cells = [], []
        for i, cell in enumerate(row.cells):
            value = forced.get(cell)
            if value is None:
                open_cells.append(cell)
                read.append("?")
                continue
            raw = next(c[i] for c, v in zip(cands, group.candidates) if v[i] == value)
            source = {"paragraph": row.paragraph, "token": i} | ({"inferred": True, "run": row.text} if inferred else {})
            records.append(CellRecord(row.table, cell[1], cell[2], value, "zero" if value == 0 else "numeric", raw,
                                      row.label, "", source | ({"settled_by": settled_by} if settled_by else {})))
            read.append(raw)
        messages.extend(_row_messages(row, read, open_cells, inferred, settled))
    return records, messages


def _row_messages(row: _Row, read: list[str], open_cells: list, inferred: bool, settled: Settled | None) -> list[Message]:
    where = place(paragraph=row.paragraph)
    reasons = " and ".join(c.reason for c in settled.used) if settled else ""
    if open_cells:
        shown = ", ".join(f"{r} × {c}" for _, r, c in open_cells)
        clued = f"; {reasons} leave {settled.left} cuts, not one" if reasons else ""
        return [Message("ambiguous_digits", f"{row.label}: the digits {row.text!r} ran together and the template's "
                        f"arithmetic leaves {shown} open{clued}; not read", where)]
    if reasons:
        return [Message("settled_split", f"{row.label}: the digits {row.text!r} read as {' '.join(read)} — the only cut "
                        f"that agrees with {reasons}", where)]
    if inferred and len(row.cells) > 1:
        return [Message("inferred_split", f"{row.label}: the digits {row.text!r} read as {' '.join(read)} — "
                        "the only values the template's arithmetic leaves", where)]
    return []
