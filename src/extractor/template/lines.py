"""Template rows printed as lines of text: "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3".

Text copied out of web pages and PDFs often loses the table: each row becomes a line, its label followed by
its numbers, or even its numbers run together ("…申请数量640020470"). A line is read here only when it is
a known row label followed by nothing but values, as many as the row has columns (the order of the
template's columns). A line with fewer values than columns is not placed (blank cells cannot be seen in
text) and is warned about. A run of digits is split only when exactly one split (no leading zeros)
satisfies the row's own arithmetic (the applicants add up to 总计; the outcomes add up to their total); the
cells are then marked `inferred` and warned about. Anything else stays unread and named in a warning.
"""
from __future__ import annotations

import re
from itertools import combinations

from ..grammar import LABEL_PARTS, NUMBER_TOKEN
from ..model import CellRecord, Message, Paragraph
from ..model import where as place
from ..vocabulary import TABLES, Vocabulary, display_label
from .labels import resolve
from .values import AMOUNT_COLUMNS, collapse, parse_value

_TOKEN = re.compile(rf"{NUMBER_TOKEN}|[/／—–\-]|无")
_GLUED = re.compile(r"^(.*?[^\d\s,.])(\d{2,})$")  # a label with a digit run stuck to it
_MAX_SPLITS = 200_000
_MAX_ROW_LENGTH = 200  # the longest template row (a label and 15 numbers) is far shorter
_SENTENCE_END = ("。", "；", "！", "？", "：", ":", ";")


def _split_line(text: str) -> tuple[str, list[str]]:
    """(label, value tokens) when the line is a label followed only by values; ("", []) otherwise."""
    words = collapse(text).split(" ")
    values: list[str] = []
    while words and _TOKEN.fullmatch(words[-1]):
        values.insert(0, words.pop())
    label = "".join(words)
    if not values:
        glued = _GLUED.match(label)
        if glued:
            label, values = glued.group(1), [glued.group(2)]
    return label, values


def _columns(vocab: Vocabulary, table: str, row: str, n_values: int) -> tuple[str, ...] | None:
    if table in ("applications", "review_litigation"):  # full grids: every row has every column
        return vocab.keys_of(table, "column")
    by_template = [vocab.active_columns.get((t, row), ()) for t in ("2021", "2019")]
    return next((cols for cols in by_template if len(cols) == n_values), by_template[0] or None)


def _sums_hold(table: str, parts: list[int]) -> bool:
    groups = [parts[i:i + 5] for i in range(0, len(parts), 5)] if table == "review_litigation" else [parts]
    return all(sum(g[:-1]) == g[-1] for g in groups)


def unique_split(run: str, k: int, table: str) -> list[int] | None:
    """The only way to cut a digit run into k numbers (no leading zeros) that keeps the row's sums; else None."""
    if table == "active_disclosure" or not 1 < k <= len(run):
        return None
    found = None
    for count, cuts in enumerate(combinations(range(1, len(run)), k - 1)):
        if count > _MAX_SPLITS:
            return None
        pieces = [run[a:b] for a, b in zip((0, *cuts), (*cuts, len(run)))]
        if any(len(p) > 1 and p[0] == "0" for p in pieces):
            continue
        numbers = [int(p) for p in pieces]
        if _sums_hold(table, numbers):
            if found is not None:
                return None
            found = numbers
    return found


def read_lines(paragraphs: list[Paragraph], vocab: Vocabulary) -> tuple[list[CellRecord], list[Message]]:
    """Cell records from template rows printed as lines, and warnings for the lines that could not be placed."""
    records: list[CellRecord] = []
    messages: list[Message] = []
    context: list[str] = []  # the group labels above (（六）其他处理 …), to tell 其他 from 其他
    review_header = False  # 行政复议 and 行政诉讼 named: a line of bare numbers is the review table's row
    for paragraph in paragraphs:
        if len(paragraph.text) > _MAX_ROW_LENGTH or paragraph.text.rstrip().endswith(_SENTENCE_END):
            continue  # prose, not a row: skipped before any parsing
        label, values = _split_line(paragraph.text)
        if not label:
            review_cells = len(vocab.cells("review_litigation", "2021"))
            if review_header and (len(values) == review_cells or (len(values) == 1 and len(values[0]) >= review_cells)):
                _place(records, messages, paragraph, "review_litigation", None, [], values, vocab)
                review_header = False
            continue
        review_header = review_header or ("行政复议" in label and "行政诉讼" in label)
        segs = segments(label)
        table, row = _row_key(vocab, segs, context)
        if table is None:
            continue
        if (table, "row", row) not in vocab.keys:  # a group label (三、本年度办理结果, （三）不予公开): context below
            context = segs
            if values:
                messages.append(Message("subtotal_row", f"{display_label(label)!r} is a group of the template, not a cell row; "
                                        f"its values ({' '.join(values)}) are not read", place(paragraph=paragraph.index)))
            continue
        if values:
            _place(records, messages, paragraph, table, row, [*context, *segs] if row.count(".") > 1 else segs, values, vocab)
    return records, messages


def segments(label: str) -> list[str]:
    return [s for s in LABEL_PARTS.split(label) if s.strip()]


def _row_key(vocab: Vocabulary, segments: list[str], context: list[str]) -> tuple[str | None, str | None]:
    for table in TABLES:
        key, unknown = resolve(vocab, table, "row", context + segments)
        if key and not unknown:
            return table, key
    return None, None


def _place(records, messages, paragraph: Paragraph, table: str, row: str | None, path: list[str], values: list[str], vocab) -> None:
    rows = [row] if row else list(vocab.keys_of("review_litigation", "row"))
    label = " / ".join(display_label(p) for p in path)
    columns = [c for r in rows for c in (_columns(vocab, table, r, len(values) // len(rows)) or ())]
    where = place(paragraph=paragraph.index)
    inferred = False
    if len(values) == 1 and len(columns) > 1 and values[0].isdigit():
        split = unique_split(values[0], len(columns), table)
        if split is None:
            messages.append(Message("ambiguous_digits", f"{label or table}: the digits {values[0]!r} ran together and more "
                                    f"than one (or no) split into {len(columns)} values fits the template; not read", where))
            return
        values, inferred = [str(v) for v in split], True
        messages.append(Message("inferred_split", f"{label or table}: {paragraph.text.strip()[-40:]!r} read as "
                                f"{' '.join(values)} — the only split whose sums hold", where))
    if len(values) != len(columns):
        messages.append(Message("unplaced_row", f"{label or table}: {len(values)} values ({' '.join(values)}) for "
                                f"{len(columns)} columns; blank cells cannot be located in text, so none is read", where))
        return
    for i, (text, column) in enumerate(zip(values, columns)):
        row_key = rows[i // (len(columns) // len(rows))]
        value, state, _ = parse_value(text, column in AMOUNT_COLUMNS)
        source = {"paragraph": paragraph.index, "token": i} | ({"inferred": True} if inferred else {})
        records.append(CellRecord(table, row_key, column, value, state, text, label, "", source))
